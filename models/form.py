"""The 财政项目支出绩效自评表 as pydantic models: what a form file holds, field for field."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from .money import ZERO, Amount
from .rules import DEFAULT_RULE_SET

FORMAT_VERSION = 1


class _Model(BaseModel):
    # Unknown keys are refused (a typo must not silently drop a value); edits assign
    # already-parsed values, so assignment is not re-validated on the keystroke path.
    model_config = ConfigDict(extra="forbid", validate_assignment=False)


class FundRow(_Model):
    """One row of 项目资金: 年初预算数, 全年预算数, 全年执行数."""

    initial_budget: Amount = Field(ZERO, title="年初预算数")
    budget: Amount = Field(ZERO, title="全年预算数")
    executed: Amount = Field(ZERO, title="全年执行数")


class Funds(_Model):
    """项目资金. The 年度资金总额 row is derived (see scoring.fund_total)."""

    current_year: FundRow = Field(default_factory=FundRow, title="当年财政拨款")
    carried_over: FundRow = Field(default_factory=FundRow, title="上年结转资金")
    other: FundRow = Field(default_factory=FundRow, title="其他资金")

    def rows(self) -> list[tuple[str, FundRow]]:
        return [(name, getattr(self, name)) for name in FUND_ROW_LABELS]


FUND_ROW_LABELS = {"current_year": "当年财政拨款", "carried_over": "上年结转资金", "other": "其他资金"}
FUND_COLUMN_LABELS = {"initial_budget": "年初预算数", "budget": "全年预算数", "executed": "全年执行数"}


class Goals(_Model):
    """年度总体目标."""

    expected: str = Field("", title="预期目标")
    actual: str = Field("", title="实际完成情况")


class ScoreSource(StrEnum):
    """Whether an indicator's 得分 follows the rule's suggestion or is the evaluator's own."""

    SUGGESTED = "suggested"
    EVALUATOR = "evaluator"


class Indicator(_Model):
    """One row of 绩效指标."""

    level1: str = Field("", title="一级指标")
    level2: str = Field("", title="二级指标")
    name: str = Field("", title="三级指标")
    target: str = Field("", title="年度指标值")
    actual: str = Field("", title="实际完成值")
    weight: Amount = Field(ZERO, title="分值")
    score: Amount | None = Field(None, title="得分")
    score_source: ScoreSource = Field(ScoreSource.SUGGESTED, title="得分来源")
    deviation_reason: str = Field("", title="偏差原因分析及改进措施")


class StoredFigures(_Model):
    """Derived figures as last written to the file; `check_form` reports any that are stale."""

    initial_budget_total: Amount = Field(ZERO, title="年初预算数合计")
    budget_total: Amount = Field(ZERO, title="全年预算数合计")
    executed_total: Amount = Field(ZERO, title="全年执行数合计")
    execution_rate: Amount = Field(ZERO, title="执行率(%)")
    execution_score: Amount = Field(ZERO, title="执行率得分")
    indicator_score: Amount = Field(ZERO, title="指标得分")
    total: Amount = Field(ZERO, title="总分")
    grade: str = Field("", title="评分等级")


class Form(_Model):
    """One 财政项目支出绩效自评表."""

    format_version: int = Field(FORMAT_VERSION, title="文件格式版本")
    year: int | None = Field(None, title="年度", strict=True)  # "2024" in quotes is text, not a year
    project: str = Field("", title="项目名称")
    department: str = Field("", title="主管部门")
    implementer: str = Field("", title="实施单位")
    money_unit: str = Field("万元", title="金额单位")
    rule_set: str = Field(DEFAULT_RULE_SET, title="评分规则")
    funds: Funds = Field(default_factory=Funds, title="项目资金")
    goals: Goals = Field(default_factory=Goals, title="年度总体目标")
    indicators: list[Indicator] = Field(default_factory=list, title="绩效指标")
    figures: StoredFigures | None = Field(None, title="计算结果（保存时写入）")


def field_title(model: type[BaseModel], name: str) -> str:
    info = model.model_fields[name]
    return info.title or name

