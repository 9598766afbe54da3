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

    initial_budget: Amount = Field(ZERO, title="年初预算数", description="年初批复的预算数（金额，两位小数，单位见 money_unit）")
    budget: Amount = Field(ZERO, title="全年预算数", description="全年调整后的预算数（金额，两位小数）")
    executed: Amount = Field(ZERO, title="全年执行数", description="全年实际支出（金额，两位小数）；执行率 = 全年执行数 ÷ 全年预算数")


class Funds(_Model):
    """项目资金. The 年度资金总额 row is derived (see scoring.fund_total)."""

    current_year: FundRow = Field(default_factory=FundRow, title="当年财政拨款", description="项目资金中的当年财政拨款一行")
    carried_over: FundRow = Field(default_factory=FundRow, title="上年结转资金", description="项目资金中的上年结转资金一行")
    other: FundRow = Field(default_factory=FundRow, title="其他资金", description="项目资金中的其他资金一行")

    def rows(self) -> list[tuple[str, FundRow]]:
        return [(name, getattr(self, name)) for name in FUND_ROW_LABELS]


FUND_ROW_LABELS = {"current_year": "当年财政拨款", "carried_over": "上年结转资金", "other": "其他资金"}
FUND_COLUMN_LABELS = {"initial_budget": "年初预算数", "budget": "全年预算数", "executed": "全年执行数"}


class Goals(_Model):
    """年度总体目标."""

    expected: str = Field("", title="预期目标", description="年初设定的年度总体目标（可多行）")
    actual: str = Field("", title="实际完成情况", description="年度总体目标的实际完成情况（可多行）")


class ScoreSource(StrEnum):
    """Whether an indicator's 得分 follows the rule's suggestion or is the evaluator's own."""

    SUGGESTED = "suggested"
    EVALUATOR = "evaluator"


class Indicator(_Model):
    """One row of 绩效指标."""

    level1: str = Field("", title="一级指标", description="产出指标、效益指标、满意度指标或成本指标")
    level2: str = Field("", title="二级指标", description="如 数量指标、质量指标、时效指标、社会效益指标、服务对象满意度指标")
    name: str = Field("", title="三级指标", description="具体的绩效指标名称")
    target: str = Field("", title="年度指标值", description="如 ≥232.00(课时)、=12.00(个)、≥90.00(%)，或定性的 合格、提高、全覆盖、及时、达标")
    actual: str = Field("", title="实际完成值", description="如 84.00(课时)，或 达成指标 / 部分达成年度指标并具有一定效果 / 未达成年度指标且效果较差")
    weight: Amount = Field(ZERO, title="分值", description="该指标的分值；执行率分值与各指标分值合计应为 100")
    score: Amount | None = Field(None, title="得分", description="评价人给出的得分；score_source 为 suggested 时等于规则的建议得分")
    score_source: ScoreSource = Field(ScoreSource.SUGGESTED, title="得分来源", description="suggested：跟随规则的建议得分；evaluator：评价人填写的得分")
    deviation_reason: str = Field("", title="偏差原因分析及改进措施", description="未完成绩效目标或偏离目标较大时必须填写")


class StoredFigures(_Model):
    """Derived figures as last written to the file; `check_form` reports any that are stale."""

    initial_budget_total: Amount = Field(ZERO, title="年初预算数合计", description="年度资金总额一行的年初预算数（由 jixiao 计算）")
    budget_total: Amount = Field(ZERO, title="全年预算数合计", description="年度资金总额一行的全年预算数（由 jixiao 计算）")
    executed_total: Amount = Field(ZERO, title="全年执行数合计", description="年度资金总额一行的全年执行数（由 jixiao 计算）")
    execution_rate: Amount = Field(ZERO, title="执行率(%)", description="全年执行数 ÷ 全年预算数 × 100（由 jixiao 计算）")
    execution_score: Amount = Field(ZERO, title="执行率得分", description="执行率 ÷ 100 × 执行率分值（由 jixiao 计算）")
    indicator_score: Amount = Field(ZERO, title="指标得分", description="各绩效指标得分之和（由 jixiao 计算）")
    total: Amount = Field(ZERO, title="总分", description="执行率得分 + 指标得分（由 jixiao 计算）")
    grade: str = Field("", title="评分等级", description="优（≥90）、良（≥80）、中（≥60）、差（由 jixiao 计算）")


class Form(_Model):
    """One 财政项目支出绩效自评表."""

    format_version: int = Field(FORMAT_VERSION, title="文件格式版本", description="jixiao 表单文件格式的版本，目前为 1")
    year: int | None = Field(None, title="年度", description="评价年度，如 2024", strict=True)  # "2024" in quotes is text, not a year
    project: str = Field("", title="项目名称", description="预算项目的名称")
    department: str = Field("", title="主管部门", description="项目的主管部门")
    implementer: str = Field("", title="实施单位", description="项目的实施单位")
    money_unit: str = Field("万元", title="金额单位", description="金额的单位：万元 或 元")
    rule_set: str = Field(DEFAULT_RULE_SET, title="评分规则", description="评分规则的名称，默认 baoshan-2024；可用 jixiao 中的“选择评分规则”查看全部")
    funds: Funds = Field(default_factory=Funds, title="项目资金", description="项目资金：当年财政拨款、上年结转资金、其他资金三行")
    goals: Goals = Field(default_factory=Goals, title="年度总体目标", description="预期目标与实际完成情况")
    indicators: list[Indicator] = Field(default_factory=list, title="绩效指标", description="绩效指标，每条一个 [[indicators]] 表")
    figures: StoredFigures | None = Field(None, title="计算结果（保存时写入）", description="由 jixiao 保存时写入的计算结果，供不用本工具时阅读；请勿手改")

