"""JSON Schema of the form file, for editors: Chinese titles and descriptions on every key.

Money is a plain number (no `multipleOf`: binary floats make 0.01 steps fail in taplo); the
two-decimal rule stays with `jixiao validate`.
"""

from __future__ import annotations

from typing import Any

from .form import Form
from .rules import RULE_SETS

SCHEMA_FILE = "jixiao.schema.json"
_DEFS = {
    "FundRow": ("项目资金的一行", "年初预算数、全年预算数、全年执行数"),
    "Funds": ("项目资金", "当年财政拨款、上年结转资金、其他资金三行；年度资金总额由 jixiao 计算"),
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
    properties["money_unit"]["examples"] = ["万元", "元"]
    _tidy(schema)
    return {"$schema": "http://json-schema.org/draft-07/schema#", **schema}


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
