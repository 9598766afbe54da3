"""The qualitative vocabulary of the rule sets (review of issue 10, minor defects): a negated
restatement of the target is 未达成, and every word listed can be a qualitative target."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from models.rules import RULE_SETS, Outcome
from models.scoring import qualitative_outcome
from models.targets import QualitativeTarget, parse_target

RULES = RULE_SETS["baoshan-2024"]


@pytest.mark.parametrize(("target", "actual", "outcome"), [
    ("及时", "未及时", Outcome.MISSED),
    ("合格", "不合格", Outcome.MISSED),
    ("达标", "没有达标", Outcome.MISSED),
    ("全覆盖", "未能全覆盖", Outcome.MISSED),
    ("完成", "尚未完成", Outcome.MISSED),
    ("及时", "未按时", Outcome.MISSED),  # a negated equivalent
    ("及时", "及时", Outcome.ACHIEVED),
    ("不发生", "不发生", Outcome.ACHIEVED),  # a target that is itself negative, restated
    ("及时", "较好", None),
])
def test_negated_restatements_read_as_missed(target, actual, outcome):
    assert qualitative_outcome(QualitativeTarget(target), actual, RULES) is outcome


def test_negations_are_rule_set_data():
    none = RULES.model_copy(update={"qualitative_negations": []})
    assert qualitative_outcome(QualitativeTarget("及时"), "未及时", none) is None
    assert RULES.qualitative_bands[Outcome.MISSED].suggest == D(40)


@pytest.mark.parametrize("name", list(RULE_SETS))
def test_every_equivalent_word_can_be_a_qualitative_target(name):
    """A word that reads as a number (100%) is never a qualitative target: its group would be dead."""
    for group in RULE_SETS[name].qualitative_equivalents:
        for word in group:
            assert isinstance(parse_target(word), QualitativeTarget), word


@pytest.mark.parametrize(("level1", "level2"), [("满意度", "满意度指标"), ("满意度", "服务对象满意度"), ("产出", "数量指标")])
def test_a_first_level_written_without_its_trailing_zhibiao_is_usual(level1, level2):
    from models import Form, Indicator, check_form  # noqa: PLC0415

    form = Form(indicators=[Indicator(level1=level1, level2=level2, name="满意度", target="≥90(%)", actual="95(%)",
                                      weight=D("90.00"))])
    assert not {p.code for p in check_form(form)} & {"W208", "W203"}
    odd = Form(indicators=[Indicator(level1="满意度", level2="数量指标", name="x", target="≥1(个)", actual="1(个)")])
    assert "W203" in {p.code for p in check_form(odd)}
