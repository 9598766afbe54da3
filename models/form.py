"""The 财政项目支出绩效自评表 as models (Records: plain classes; pydantic only validates other shapes of data,
see models/record.py): what a form file holds, field for field."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from enum import StrEnum
from typing import Any, TypeVar

from .layouts import DEFAULT_LAYOUT, FUND_COLUMNS, LAYOUTS, layout_named
from .money import ZERO, Amount
from .plain_record import Field, InvalidValue, Validators
from .record import Record
from .rules import DEFAULT_RULE_SET

# Version 2 added layouts (`layout`, other fund rows) and blank fund cells (a key left out). A form that uses none of them is still written as version 1, so files
# stay readable by older jixiao and unchanged on save; see `required_version`.
FORMAT_VERSION = 2


class _Model(Record, extra="forbid"):
    # Unknown keys are refused (a typo must not silently drop a value); edits assign
    # already-parsed values, so assignment is not re-validated on the keystroke path. pydantic's
    # validator is imported and built on first use: a file as jixiao writes it is read without it (plain_form).
    pass


class FundRow(_Model):
    """One row of 项目资金: 年初预算数, 全年预算数, 全年执行数. None is a blank cell (nothing printed)."""

    initial_budget: Amount | None = Field(default=ZERO, title="年初预算数", description="年初批复的预算数（金额，单位见 money_unit；不填时 format_version 1 按 0.00，2 表示空白）")
    budget: Amount | None = Field(default=ZERO, title="全年预算数", description="全年（调整后）预算数；不填时 format_version 1 按 0.00，2 表示空白")
    executed: Amount | None = Field(default=ZERO, title="全年执行数", description="全年实际支出；执行率 = 全年执行数 ÷ 全年预算数；不填时 format_version 1 按 0.00，2 表示空白")

    def amount(self, column: str) -> Decimal:
        """The cell's value for arithmetic: a blank cell counts as 0."""
        value: Decimal | None = getattr(self, column)
        return ZERO if value is None else value

    @property
    def is_blank(self) -> bool:
        return all(getattr(self, column) is None for column in FUND_COLUMNS)


class Funds(_Model, extra="allow"):
    """项目资金: one FundRow per row of the form's layout, in the layout's order.

    The rows are the layout's (data, models/layouts.toml), so they are extra fields: the Form
    checks them against its layout. The 年度资金总额 row is derived (see scoring.fund_total).
    """

    __extra_type__ = FundRow  # the type of every extra field (pydantic's __pydantic_extra__ annotation)

    def __init__(self, /, **rows: FundRow) -> None:
        super().__init__(**rows)

    def rows(self) -> list[tuple[str, FundRow]]:
        return list((self._extra or {}).items())


# The labels of the default layout, for code that names places without a form at hand.
FUND_ROW_LABELS = dict(LAYOUTS[DEFAULT_LAYOUT].rows)
FUND_COLUMN_LABELS = {column: LAYOUTS[DEFAULT_LAYOUT].column_label(column) for column in FUND_COLUMNS}


class Goals(_Model):
    """年度总体目标."""

    expected: str = Field(default="", title="预期目标", description="年初设定的年度总体目标（可多行）")
    actual: str = Field(default="", title="实际完成情况", description="年度总体目标的实际完成情况（可多行）")


class ScoreSource(StrEnum):
    """Whether an indicator's 得分 follows the rule's suggestion or is the evaluator's own."""

    SUGGESTED = "suggested"
    EVALUATOR = "evaluator"


class Indicator(_Model):
    """One row of 绩效指标."""

    level1: str = Field(default="", title="一级指标", description="产出指标、效益指标、满意度指标或成本指标")
    level2: str = Field(default="", title="二级指标", description="如 数量指标、质量指标、时效指标、社会效益指标、服务对象满意度指标")
    name: str = Field(default="", title="三级指标", description="具体的绩效指标名称")
    target: str = Field(default="", title="年度指标值", description="如 ≥232.00(课时)、=12.00(个)、≥90.00(%)，或定性的 合格、提高、全覆盖、及时、达标")
    actual: str = Field(default="", title="实际完成值", description="如 84.00(课时)，或 达成指标 / 部分达成年度指标并具有一定效果 / 未达成年度指标且效果较差")
    weight: Amount = Field(default=ZERO, title="分值", description="该指标的分值；执行率分值与各指标分值合计应为 100")
    score: Amount | None = Field(default=None, title="得分", description="评价人给出的得分；score_source 为 suggested 时等于规则的建议得分")
    score_source: ScoreSource = Field(default=ScoreSource.SUGGESTED, title="得分来源", description="suggested：跟随规则的建议得分；evaluator：评价人填写的得分")
    deviation_reason: str = Field(default="", title="偏差原因分析及改进措施", description="未完成绩效目标或偏离目标较大时必须填写")


class StoredFigures(_Model):
    """Derived figures as last written to the file; `check_form` reports any that are stale.

    A key left out is a figure the form does not print (a published form may print 执行率 and 总分
    only): only the figures present are compared.
    """

    initial_budget_total: Amount | None = Field(default=None, title="年初预算数合计", description="年度资金总额一行的年初预算数（由 jixiao 计算）")
    budget_total: Amount | None = Field(default=None, title="全年预算数合计", description="年度资金总额一行的全年预算数（由 jixiao 计算）")
    executed_total: Amount | None = Field(default=None, title="全年执行数合计", description="年度资金总额一行的全年执行数（由 jixiao 计算）")
    execution_rate: Amount | None = Field(default=None, title="执行率(%)", description="全年执行数 ÷ 全年预算数 × 100（由 jixiao 计算）")
    execution_score: Amount | None = Field(default=None, title="执行率得分", description="执行率 ÷ 100 × 执行率分值（由 jixiao 计算）")
    indicator_score: Amount | None = Field(default=None, title="指标得分", description="各绩效指标得分之和（由 jixiao 计算）")
    total: Amount | None = Field(default=None, title="总分", description="执行率得分 + 指标得分（由 jixiao 计算）")
    grade: str | None = Field(default=None, title="评分等级", description="优（≥90）、良（≥80）、中（≥60）、差（由 jixiao 计算）")


def blank_cells(data: Any) -> Any:
    """Form's before-validator: from version 2 a fund cell left out of the file is blank; in version 1 it was 0.00."""
    if not isinstance(data, dict) or not is_int(data.get("format_version")) or data["format_version"] < 2:
        return data
    funds = data.get("funds")
    if isinstance(funds, dict):
        data = {**data, "funds": {
            key: {column: None for column in FUND_COLUMNS} | row if isinstance(row, dict) else row
            for key, row in funds.items()
        }}
    return data


_Row = TypeVar("_Row")


def rows_of_layout(given: dict[str, _Row], layout_name: str, blank: Callable[[], _Row]) -> dict[str, _Row]:
    """Form's validator of `funds`: the layout's rows, in its order; a row the file leaves out is 0.00
    (the file check says it is missing). A row the layout does not have is refused (InvalidValue)."""
    layout = layout_named(layout_name)
    unknown = [key for key in given if key not in layout.rows]
    if unknown:
        expected = "、".join(f"{key}（{label}）" for key, label in layout.rows.items())
        raise InvalidValue(
            "unknown_fund_row", "表样 {layout} 没有资金行“{row}”，应为：{expected}",
            {"layout": layout.name, "row": unknown[0], "expected": expected},
        )
    return {key: given.get(key) or blank() for key in layout.rows}


def funds_of_layout(funds: Any, data: Mapping[str, Any], model: Callable[[type[Any]], Any]) -> Any:
    """Form's validator of `funds` (also on its pydantic twin, where `model` gives the twins): a new
    Funds with the layout's rows, in its order."""
    rows = rows_of_layout(dict(funds.model_extra or {}), str(data.get("layout", DEFAULT_LAYOUT)), model(FundRow))
    return model(Funds)(**rows)


class Form(_Model):
    """One 财政项目支出绩效自评表."""

    __validators__ = Validators(before=blank_cells, fields={"funds": funds_of_layout})

    # Strict and at least 1: "2" in quotes or 0 is a file error, never read by another version's rules.
    format_version: int = Field(default=1, strict=True, ge=1, title="文件格式版本", description="jixiao 表单文件格式的版本：1，或用到表样、空白金额时为 2（保存时自动决定）")
    year: int | None = Field(default=None, title="年度", description="评价年度，如 2024", strict=True)  # "2024" in quotes is text, not a year
    project: str = Field(default="", title="项目名称", description="预算项目的名称")
    department: str = Field(default="", title="主管部门", description="项目的主管部门")
    implementer: str = Field(default="", title="实施单位", description="项目的实施单位")
    money_unit: str = Field(default="万元", title="金额单位", description="金额的单位：元、千元 或 万元")
    rule_set: str = Field(default=DEFAULT_RULE_SET, title="评分规则", description="评分规则的名称，默认 baoshan-2024；可用 jixiao 中的“选择评分规则”查看全部")
    layout: str = Field(default=DEFAULT_LAYOUT, title="表样", description="项目资金的行由表样决定，默认 shanghai-2024（当年财政拨款、上年结转资金、其他资金）")
    funds: Funds = Field(default_factory=Funds, validate_default=True, title="项目资金", description="项目资金：每行一个 [funds.<行>] 表，行由 layout 决定")
    goals: Goals = Field(default_factory=Goals, title="年度总体目标", description="预期目标与实际完成情况")
    indicators: list[Indicator] = Field(default_factory=list, title="绩效指标", description="绩效指标，每条一个 [[indicators]] 表")
    figures: StoredFigures | None = Field(default=None, title="计算结果（保存时写入）", description="由 jixiao 保存时写入的计算结果，供不用本工具时阅读；请勿手改")




def is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def required_version(form: Form) -> int:
    """The lowest format version that holds what is written for `form` (1 unless it uses a layout or
    a blank fund cell). Saving always writes a complete [figures], so a partial one read from a
    file needs no version 2 (a version 1 file loads a partial [figures] as well)."""
    blank = any(getattr(row, column) is None for _, row in form.funds.rows() for column in FUND_COLUMNS)
    return 2 if form.layout != DEFAULT_LAYOUT or blank else 1
