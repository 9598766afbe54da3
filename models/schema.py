"""JSON Schema of the form file, for editors: Chinese titles and descriptions on every key.

Money is a plain number (no `multipleOf`: binary floats make 0.01 steps fail in taplo); the
two-decimal rule stays with `jixiao validate`.
"""

from __future__ import annotations

from typing import Any

from .form import FORMAT_VERSION, Form
from .layouts import ALL_ROW_LABELS, DEFAULT_LAYOUT, LAYOUTS
from .money import MONEY_UNITS
from .rules import RULE_SETS

SCHEMA_FILE = "jixiao.schema.json"
_DEFS = {
    "FundRow": ("项目资金的一行", "年初预算数、全年预算数、全年执行数"),
    "Funds": ("项目资金", "每行一个 [funds.<行>] 表，行由表样（layout）决定；年度资金总额由 jixiao 计算"),
    "Goals": ("年度总体目标", "预期目标与实际完成情况"),
    "Indicator": ("绩效指标（一条）", "一级、二级、三级指标，年度指标值，实际完成值，分值，得分，偏差原因"),
    "StoredFigures": ("计算结果", "由 jixiao 保存时写入；请勿手改"),
    "ScoreSource": ("得分来源", "suggested：跟随规则的建议得分；evaluator：评价人填写的得分"),
}


def form_schema() -> dict[str, Any]:
    schema = Form.model_json_schema()
    for name, definition in schema.get("$defs", {}).items():
        if name in _DEFS:
            definition["title"], definition["description"] = _DEFS[name]
    schema["title"] = "财政项目支出绩效自评表（jixiao 表单文件）"
    schema["description"] = "一张绩效自评表。用 jixiao 编辑，或在编辑器中按此说明填写后运行 jixiao validate 检查。"
    properties = schema["properties"]
    properties["rule_set"]["enum"] = list(RULE_SETS)
    properties["money_unit"]["enum"] = list(MONEY_UNITS)
    properties["layout"]["enum"] = list(LAYOUTS)
    properties["format_version"]["enum"] = list(range(1, FORMAT_VERSION + 1))
    _fund_rows(schema)
    _tidy(schema)
    for cell in schema["$defs"]["FundRow"]["properties"].values():
        cell.pop("default", None)  # a cell left out is 0.00 in version 1 and blank in version 2: no one default
    return {"$schema": "http://json-schema.org/draft-07/schema#", **schema}


def _fund_rows(schema: dict[str, Any]) -> None:
    """The rows of 项目资金 are the layout's: every known row is described, and each layout requires
    its own rows and no others (the default layout applies when `layout` is left out)."""
    funds = schema["$defs"]["Funds"]
    funds["properties"] = {
        key: {"$ref": "#/$defs/FundRow", "title": label, "description": f"项目资金中的{label}一行（空表表示整行空白）"}
        for key, label in ALL_ROW_LABELS.items()
    }
    funds["additionalProperties"] = False
    rules = []
    for name, layout in LAYOUTS.items():
        condition: dict[str, Any] = {"properties": {"layout": {"const": name}}}
        if name != DEFAULT_LAYOUT:
            condition["required"] = ["layout"]
        rows = list(layout.rows)
        rules.append({"if": condition, "then": {"properties": {"funds": {"required": rows, "propertyNames": {"enum": rows}}}}})
    schema["allOf"] = rules


def _tidy(node: Any) -> None:
    """TOML has no null: an optional value is simply left out. Defaults are shown as numbers."""
    if isinstance(node, dict):
        options = node.get("anyOf")
        if isinstance(options, list):
            kept = [o for o in options if o != {"type": "null"}]
            if len(kept) == 1:
                del node["anyOf"]
                node.update(kept[0])
        if node.get("type") == "number" and isinstance(node.get("default"), str):
            node["default"] = float(node["default"])
        if node.get("default", 0) is None:
            del node["default"]
        for value in node.values():
            _tidy(value)
    elif isinstance(node, list):
        for value in node:
            _tidy(value)
