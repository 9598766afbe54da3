"""The editor's view (and recovery copy) after any sequence of edits is what a full re-derivation gives.

The edit session re-scores and re-checks only the indicators an edit can have changed
(models/derivation.py) and rebuilds only the table rows whose text changed (RowCache). Random
edit sequences — typing into amounts, 分值, 得分 and indicator text (numbers, words, refused text,
names shared by two rows), adding, deleting and moving rows, undo, redo, another rule set, another
金额单位 with its conversion — are applied, and after every step the session's view is compared,
digit for digit (repr: 20 and 20.00 are equal Decimals), with a view built from scratch; the
recovery copy's text, made of indicator blocks kept from earlier dumps, with a dump from nothing.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from models import save_form, toml_io
from models.checks import check_form, figures_not_checkable
from models.derivation import Derivation
from models.form import Form, FundRow, Funds, Goals, Indicator, ScoreSource
from models.rules import RULE_SETS
from models.scoring import score_form
from models.session import EditSession, View
from models.units import ConversionRefused
from models.view import RowCache, build_view

NUMBERS = ["", "0", "5", "20", "20.0", "20.00", "30.5", "43.50", "100", "1.234", "-1", "abc", "３０．２０", "1e3"]
WORDS = [
    "", "产出指标", "效益指标", "满意度指标", "成本指标", "数量指标", "质量指标", "社会效益指标", "自定义",
    "同一个名字", "培训人数", "≥100(人)", "=12.00(个)", "≤5(天)", "100", "提高", "合格", "100(人)", "95(%)",
    "80(人)", "达成指标", "部分达成年度指标并具有一定效果", "未达成年度指标且效果较差", "未提高", "说不清", "12(个)",
]
INDICATOR_TEXT = ("level1", "level2", "name", "target", "actual", "deviation_reason")
MONEY = ("initial_budget", "budget", "executed")

rows = st.integers(min_value=0, max_value=7)
steps = st.one_of(
    st.tuples(st.just("money"), st.sampled_from(MONEY), st.sampled_from(NUMBERS)),
    st.tuples(st.just("number"), rows, st.sampled_from(("weight", "score")), st.sampled_from(NUMBERS)),
    st.tuples(st.just("text"), rows, st.sampled_from(INDICATOR_TEXT), st.sampled_from(WORDS) | st.text(max_size=6)),
    st.tuples(st.just("add"), rows),
    st.tuples(st.just("delete"), rows),
    st.tuples(st.just("move"), rows, st.sampled_from((-1, 1))),
    st.tuples(st.just("suggestion"), rows),
    st.tuples(st.just("rules"), st.sampled_from(sorted(RULE_SETS))),
    st.tuples(st.just("unit"), st.sampled_from(("万元", "元", "千元", "万"))),
    st.sampled_from([("undo",), ("redo",), ("seal",)]),
)


def full_view(session: EditSession) -> View:
    """The view built from nothing: every indicator scored and checked, every row made."""
    form = session.form
    assert form is not None
    reading = session.reading_problems()
    figures = score_form(form)
    problems = (*reading, *check_form(form, figures, reading))
    return build_view(
        session.path, form, figures, problems, RowCache(), unsaved=session.unsaved, read_only=session.read_only,
        unknown=frozenset(figures_not_checkable(figures, reading)), refused=session.refused.current(),
    )


def apply(session: EditSession, step: tuple[object, ...]) -> None:
    form = session.form
    assert form is not None
    count = len(form.indicators)
    kind = step[0]
    if kind == "money":
        session.type(f"funds.current_year.{step[1]}", str(step[2]))
    elif kind in ("number", "text") and count:
        session.type(f"indicators[{int(str(step[1])) % count}].{step[2]}", str(step[3]))
    elif kind == "add":
        session.add_indicator(int(str(step[1])) % count if count else 0)
    elif kind == "delete" and count:
        session.delete_indicator(int(str(step[1])) % count)
    elif kind == "move" and count:
        session.move_indicator(int(str(step[1])) % count, int(str(step[2])))
    elif kind == "suggestion" and count:
        session.restore_suggestion(int(str(step[1])) % count)
    elif kind == "rules":
        session.set_rule_set(str(step[1]))
    elif kind == "unit":
        session.type("money_unit", str(step[1]))
        if session.unit_offer is not None:
            try:
                session.convert_amounts(*session.unit_offer)
            except ConversionRefused:
                session.unit_offer = None
    elif kind == "undo":
        session.undo()
    elif kind == "redo":
        session.redo()
    elif kind == "seal":
        session.seal()


def starting_form() -> Form:
    """A clean form, but for a stale stored score (E110); one row is a namesake, one has no name."""
    return Form(
        year=2024, project="测试项目经费", department="测试主管部门", implementer="测试实施单位",
        funds=Funds(current_year=FundRow(initial_budget=Decimal("100.00"), budget=Decimal("100.00"), executed=Decimal("90.00"))),
        goals=Goals(expected="完成培训任务", actual="已完成培训任务"),
        indicators=[
            Indicator(level1="产出指标", level2="数量指标", name="培训人数", target="≥100(人)", actual="100(人)",
                      weight=Decimal("50.00"), score=Decimal("50.00")),
            Indicator(level1="效益指标", level2="社会效益指标", name="能力提升", target="提高", actual="达成指标",
                      weight=Decimal("30.00"), score=Decimal("30.00")),
            Indicator(level1="满意度指标", level2="服务对象满意度指标", name="参训人员满意度", target="≥90(%)",
                      actual="95(%)", weight=Decimal("10.00"), score=Decimal("9.00"), score_source=ScoreSource.SUGGESTED),
            Indicator(level1="产出指标", level2="质量指标", name="培训人数", target="合格", actual="达成指标",
                      weight=Decimal("0"), score_source=ScoreSource.SUGGESTED),
            Indicator(level1="成本指标", name="", target="≤5(天)", actual="7(天)", weight=Decimal("5.00")),
        ],
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edits=st.lists(steps, min_size=1, max_size=30))
def test_the_view_after_each_edit_is_the_full_derivation(edits: list[tuple[object, ...]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "2024-测试.toml"
        toml_io._BLOCKS.clear()  # each example starts from the blocks saving its form leaves
        save_form(starting_form(), path)
        with EditSession.open(path) as session:
            assert repr(session.view()) == repr(full_view(session))
            for step in edits:
                apply(session, step)
                shown, expected = session.view(), full_view(session)
                assert shown == expected, step
                assert repr(shown) == repr(expected), step
                assert_dump_is_fresh(session)


def assert_dump_is_fresh(session: EditSession) -> None:
    """The recovery copy's text, made of indicator blocks kept from earlier dumps, is a fresh dump."""
    form = session.form
    assert form is not None
    kept = session.document.recovery_text(form, session.refused.current(), score_form(form))
    toml_io._BLOCKS.clear()
    assert kept == session.document.recovery_text(form, session.refused.current())


def test_a_fresh_derivation_is_score_form_and_check_form(sample_form: Callable[[str], Form]) -> None:
    """The incremental path and `validate`'s path give the same figures and problems for every reference form."""
    for project in ("基层治理骨干专项教育培训班经费", "社区建设工作专项经费", "全区志愿服务工作专项经费"):
        form = sample_form(project)
        figures, problems = Derivation().derive(form)
        assert repr(figures) == repr(score_form(form))
        assert repr(problems) == repr(check_form(form, score_form(form)))


def test_an_indicator_whose_inputs_did_not_change_is_not_scored_again(clean_form: Form, monkeypatch: pytest.MonkeyPatch) -> None:
    """What makes a keystroke flat at 200 indicators: an edit elsewhere re-scores and re-checks nothing."""
    import models.derivation as derivation

    derivation_ = Derivation()
    derivation_.derive(clean_form)
    scored: list[str] = []
    checked: list[int] = []
    real_score, real_check = derivation.score_indicator, derivation.indicator_problems
    monkeypatch.setattr(derivation, "score_indicator", lambda indicator, rules: scored.append(indicator.name) or real_score(indicator, rules))
    monkeypatch.setattr(derivation, "indicator_problems", lambda index, *rest: checked.append(index) or real_check(index, *rest))
    clean_form.funds.current_year.executed = Decimal("50.00")
    derivation_.derive(clean_form)
    assert scored == [] and checked == []
    clean_form.indicators[1].actual = "未达成年度指标且效果较差"
    derivation_.derive(clean_form)
    assert scored == ["能力提升"] and checked == [1]
