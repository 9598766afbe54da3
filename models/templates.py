"""New forms: the default skeleton, and next year's form copied from this year's."""

from __future__ import annotations

import datetime
from decimal import Decimal

from .form import Form, Funds, Goals, Indicator, ScoreSource
from .money import ZERO

# The usual MOF skeleton: 执行率 10 + 产出 50 + 效益 30 + 满意度 10 = 100.
_SKELETON = [
    ("产出指标", "数量指标", "20.00"),
    ("产出指标", "质量指标", "15.00"),
    ("产出指标", "时效指标", "15.00"),
    ("效益指标", "社会效益指标", "30.00"),
    ("满意度指标", "服务对象满意度指标", "10.00"),
]


def new_form(year: int | None = None, project: str = "") -> Form:
    """A blank form with the default indicator skeleton whose weights add up to 100."""
    return Form(
        year=year or datetime.date.today().year,
        project=project,
        indicators=[Indicator(level1=l1, level2=l2, weight=Decimal(w)) for l1, l2, w in _SKELETON],
    )


def copy_for_next_year(form: Form) -> Form:
    """Same project, budgets and targets, 年度 + 1; 全年执行数, actual values, scores and reasons cleared."""
    funds = Funds(**{key: row.model_copy(update={"executed": ZERO}) for key, row in form.funds.rows()})
    return form.model_copy(update={
        "year": (form.year + 1) if form.year else None,
        "funds": funds,
        "goals": Goals(expected=form.goals.expected, actual=""),
        "indicators": [
            i.model_copy(update={"actual": "", "score": None, "score_source": ScoreSource.SUGGESTED, "deviation_reason": ""})
            for i in form.indicators
        ],
        "figures": None,
    }, deep=True)
