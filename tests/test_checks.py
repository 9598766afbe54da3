"""Each check fires on a form broken in exactly that way, at the right place, in Chinese."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal as D

import pytest

from models import CODES, Form, FundRow, ScoreSource, Severity, StoredFigures, check_form, dumps_form, parse_form
from models.validation import validate_file

EVALUATOR = ScoreSource.EVALUATOR
PARTIAL = "部分达成年度指标并具有一定效果"


def _set(*path_and_value: object) -> Callable[[Form], None]:
    """A breaker that assigns one value: _set("indicators", 0, "score", D(1)) etc."""
    *path, key, value = path_and_value

    def apply(form: Form) -> None:
        target: object = form
        for part in path:
            target = target[part] if isinstance(part, int) else getattr(target, part)  # type: ignore[index]
        setattr(target, str(key), value)

    return apply


def _indicator(index: int, **fields: object) -> Callable[[Form], None]:
    def apply(form: Form) -> None:
        for key, value in fields.items():
            setattr(form.indicators[index], key, value)

    return apply


def _in_yuan(breaker: Callable[[Form], None]) -> Callable[[Form], None]:
    """The breaker applied to the form kept in 元, where an amount has at most two decimals."""

    def apply(form: Form) -> None:
        form.money_unit = "元"
        breaker(form)

    return apply


def _unreadable_with_stored_total(form: Form) -> None:
    """A published total, and a target that cannot be read: the total cannot be checked."""
    form.figures = StoredFigures(total=D("100.00"), grade="优")
    form.indicators[0].target = "≥abc"


def _no_indicators(form: Form) -> None:
    form.indicators = []


def _mof_split_broken(form: Form) -> None:
    form.rule_set = "mof-50-30-10"
    _indicator(2, level1="效益指标", level2="社会效益指标")(form)  # 效益 40, 满意度 0


# id → (breaker, codes expected on the broken form, (code, where) pairs that must be among them)
CASES: dict[str, tuple[Callable[[Form], None], set[str], set[tuple[str, str]]]] = {
    "E101-year": (_set("year", None), {"E101"}, {("E101", "year")}),
    "E101-project": (_set("project", "  "), {"E101"}, {("E101", "project")}),
    "E101-department": (_set("department", ""), {"E101"}, {("E101", "department")}),
    "E101-implementer": (_set("implementer", ""), {"E101"}, {("E101", "implementer")}),
    "E101-level1": (_indicator(0, level1=""), {"E101"}, {("E101", "indicators[0].level1")}),
    "E101-name": (_indicator(1, name=""), {"E101"}, {("E101", "indicators[1].name")}),
    "E101-target": (
        _indicator(0, target="", score_source=EVALUATOR), {"E101"}, {("E101", "indicators[0].target")},
    ),
    "E102": (_no_indicators, {"E102"}, {("E102", "indicators")}),
    "E103-money": (
        _set("funds", "current_year", "initial_budget", D("-1.00")), {"E103"},
        {("E103", "funds.current_year.initial_budget")},
    ),
    "E103-score": (
        _indicator(0, score=D("-1.00"), score_source=EVALUATOR, deviation_reason="说明"), {"E103", "E106"},
        {("E103", "indicators[0].score"), ("E106", "indicators[0].score")},
    ),
    "E104": (
        _in_yuan(_set("funds", "other", "initial_budget", D("1.005"))), {"E104"},
        {("E104", "funds.other.initial_budget")},
    ),
    "E104-budget": (
        _in_yuan(_set("funds", "carried_over", "budget", D("0.001"))), {"E104"},
        {("E104", "funds.carried_over.budget")},
    ),
    "E104-wan-yuan": (  # 万元 amounts are exact to the 分 with six decimals; a seventh is not
        _set("funds", "other", "initial_budget", D("1.0000001")), {"E104"}, {("E104", "funds.other.initial_budget")},
    ),
    "E104-weight": (
        # the suggestion is capped at the 分值 (50.00, not 50.01 above 50.005), the full mark of a met indicator
        _indicator(0, weight=D("50.005")), {"E104", "E105"}, {("E104", "indicators[0].weight")},
    ),
    "E105": (_indicator(2, weight=D("20.00"), score=D("20.00")), {"E105"}, {("E105", "indicators")}),
    "E106": (
        _indicator(0, score=D("60.00"), score_source=EVALUATOR), {"E106", "W201"},
        {("E106", "indicators[0].score"), ("W201", "indicators[0].score")},
    ),
    "E107-not-met": (
        _indicator(0, actual="80(人)", score=D("40.00")), {"E107"}, {("E107", "indicators[0].deviation_reason")},
    ),
    "E107-marked-down": (
        _indicator(0, score=D("45.00"), score_source=EVALUATOR), {"E107"},
        {("E107", "indicators[0].deviation_reason")},
    ),
    "E107-qualitative": (
        _indicator(1, actual=PARTIAL, score=D("21.00")), {"E107"}, {("E107", "indicators[1].deviation_reason")},
    ),
    "E108": (
        _indicator(0, target="≥abc", score_source=EVALUATOR), {"E108"}, {("E108", "indicators[0].target")},
    ),
    "E109-quantity": (
        _indicator(0, actual="一百人", score_source=EVALUATOR), {"E109"}, {("E109", "indicators[0].actual")},
    ),
    "E109-number-split": (
        _indicator(0, actual="1,00(人)", score_source=EVALUATOR), {"E109"}, {("E109", "indicators[0].actual")},
    ),
    "W212-unknown-word": (
        _indicator(1, actual="较好"), {"W212"}, {("W212", "indicators[1].actual")},
    ),
    "E110-score": (_indicator(0, score=D("45.00")), {"E110"}, {("E110", "indicators[0].score")}),
    "W201": (
        _indicator(0, actual="80(人)", score=D("45.00"), score_source=EVALUATOR, deviation_reason="年底开展"),
        {"W201"}, {("W201", "indicators[0].score")},
    ),
    "W202": (
        _set("funds", "current_year", "executed", D("120.00")), {"W202"}, {("W202", "funds.current_year.executed")},
    ),
    "W203": (_indicator(0, level2="社会效益指标"), {"W203"}, {("W203", "indicators[0].level2")}),
    "W204": (_mof_split_broken, {"W204"}, {("W204", "indicators")}),
    "W205": (
        _indicator(1, score=D("20.00"), score_source=EVALUATOR, deviation_reason="部分学员未参加"),
        {"W205"}, {("W205", "indicators[1].score")},
    ),
    "W206": (
        _indicator(0, actual="130(人)"), {"W206"}, {("W206", "indicators[0].deviation_reason")},
    ),
    "W207": (
        _indicator(2, name="培训人数"), {"W207"}, {("W207", "indicators[0].name"), ("W207", "indicators[2].name")},
    ),
    "W208": (_indicator(0, level1="其他指标"), {"W208"}, {("W208", "indicators[0].level1")}),
    "W209": (_indicator(0, actual="", score=None), {"W209"}, {("W209", "indicators[0].score")}),
    "W210": (_indicator(0, actual="100(个)"), {"W210"}, {("W210", "indicators[0].actual")}),
    # Issue 13: the 年度总体目标 is required, and a form without a budget is suspicious.
    "E101-goals-expected": (_set("goals", "expected", ""), {"E101"}, {("E101", "goals.expected")}),
    "E101-goals-actual": (_set("goals", "actual", " \n "), {"E101"}, {("E101", "goals.actual")}),
    "E113": (_set("money_unit", "美元"), {"E113"}, {("E113", "money_unit")}),
    "W211-executed-without-budget": (
        _set("funds", "current_year", FundRow(initial_budget=D("0.00"), budget=D("0.00"), executed=D("12.00"))),
        {"W202", "W211"}, {("W211", "funds")},
    ),
    "W211-no-funds": (
        _set("funds", "current_year", FundRow(initial_budget=None, budget=None, executed=None)), {"W211"},
        {("W211", "funds")},
    ),
    "W213": (_indicator(0, target="100(人)"), {"W213"}, {("W213", "indicators[0].target")}),
    "W214": (_unreadable_with_stored_total, {"E108", "W214"}, {("E108", "indicators[0].target"), ("W214", "figures")}),
}

FORM_CODES = (
    {f"E1{n:02d}" for n in range(1, 11)} | {"E113"} | {f"W2{n:02d}" for n in range(1, 15)}
)


def test_every_form_check_code_has_a_case():
    assert FORM_CODES <= set(CODES)
    assert {case_id.split("-")[0] for case_id in CASES} == FORM_CODES


def test_clean_form_has_no_problems(clean_form):
    assert check_form(clean_form) == []


@pytest.mark.parametrize("case_id", CASES)
def test_check_fires_on_broken_form(case_id, clean_form, is_chinese):
    breaker, expected_codes, expected_places = CASES[case_id]
    breaker(clean_form)
    problems = check_form(clean_form)
    assert {p.code for p in problems} == expected_codes
    assert expected_places <= {(p.code, p.where) for p in problems}
    for problem in problems:
        assert is_chinese(problem.message), problem
        assert problem.severity is (Severity.ERROR if problem.code.startswith("E") else Severity.WARNING)


def test_far_above_boundary(clean_form):
    clean_form.indicators[0].actual = "129(人)"
    assert check_form(clean_form) == []
    clean_form.indicators[0].deviation_reason = "超额完成"
    clean_form.indicators[0].actual = "300(人)"
    assert check_form(clean_form) == []  # explained


def test_qualitative_band_edges(clean_form):
    indicator = clean_form.indicators[1]  # 达成指标, weight 30: band 80 %–100 %
    indicator.score_source = EVALUATOR
    indicator.deviation_reason = "说明"
    indicator.score = D("24.00")  # exactly 80 %
    assert [p.code for p in check_form(clean_form)] == []
    indicator.score = D("23.99")
    assert [p.code for p in check_form(clean_form)] == ["W205"]


def test_stored_score_of_evaluator_is_not_e110(clean_form):
    clean_form.indicators[0].score_source = EVALUATOR
    clean_form.indicators[0].score = D("50.00")
    clean_form.indicators[0].actual = "90(人)"  # suggestion 45, evaluator 50: W201, not E110
    codes = {p.code for p in check_form(clean_form)}
    assert "E110" not in codes and "W201" in codes


def _file_with(tmp_path, clean_form, old: str, new: str):
    text = dumps_form(clean_form)
    assert old in text
    path = tmp_path / "form.toml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_e110_stored_figures_disagree(tmp_path, clean_form, is_chinese):
    path = _file_with(tmp_path, clean_form, "\ntotal = 100.00", "\ntotal = 99.00")
    report = validate_file(path)
    e110 = [p for p in report.problems if p.code == "E110"]
    assert [p.where for p in e110] == ["figures.total"]
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[e110[0].line - 1] == "total = 99.00"
    assert is_chinese(e110[0].message) and "99.00" in e110[0].message and "100.00" in e110[0].message


def test_e110_stored_grade_and_rate_disagree(clean_form):
    text = dumps_form(clean_form).replace('grade = "优"', 'grade = "良"').replace(
        "execution_rate = 100.00", "execution_rate = 99.00"
    )
    form = parse_form(text).form
    assert form is not None
    e110 = {p.where for p in check_form(form) if p.code == "E110"}
    assert e110 == {"figures.grade", "figures.execution_rate"}


def test_e110_suggested_score_edited_in_file(tmp_path, clean_form):
    # A hand edit of a followed suggestion: 50.00 → 48.00 for a met target.
    path = _file_with(tmp_path, clean_form, "score = 50.00", "score = 48.00")
    problems = validate_file(path).problems
    where = {(p.code, p.where) for p in problems}
    assert ("E110", "indicators[0].score") in where
    score_line = next(p.line for p in problems if p.where == "indicators[0].score")
    assert path.read_text(encoding="utf-8").splitlines()[score_line - 1] == "score = 48.00"


def test_problems_of_a_file_carry_lines(tmp_path, clean_form):
    path = _file_with(tmp_path, clean_form, 'level2 = "数量指标"', 'level2 = "社会效益指标"')
    problems = validate_file(path).problems
    assert [p.code for p in problems] == ["W203"]
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[problems[0].line - 1] == 'level2 = "社会效益指标"'


def test_problem_codes_are_classified():
    for code, (severity, title) in CODES.items():
        assert severity is (Severity.ERROR if code.startswith("E") else Severity.WARNING)
        assert title
    assert Severity.ERROR.label == "错误" and Severity.WARNING.label == "警告"


def test_a_partial_figures_table_compares_only_the_figures_it_holds(clean_form):
    """A published form prints some figures only (no 指标得分): those left out are not reported."""
    text = dumps_form(clean_form)
    start = text.index("\n[figures]") + 1
    partial = text[:start] + "[figures]\nexecution_rate = 99.00\ngrade = \"优\"\n"
    form = parse_form(partial).form
    assert form is not None and form.figures is not None and form.figures.total is None
    assert [p.where for p in check_form(form) if p.code == "E110"] == ["figures.execution_rate"]


def test_published_figures_are_written_as_printed(clean_form):
    from models.form import StoredFigures

    text = dumps_form(clean_form, published=StoredFigures(execution_rate=D("86.19"), grade="良"))
    assert text.endswith('[figures]  # 计算结果\nexecution_rate = 86.19\ngrade = "良"\n')


def test_zero_budget_warning_agrees_with_the_rate_the_rules_give(clean_form):
    """Spec: a 全年预算数 of 0 has 执行率 0.00. W211 says so, as E110 and the score bar do —
    never "无法计算" beside an E110 that says it should be 0.00."""
    clean_form.funds.current_year = FundRow(initial_budget=D("0.00"), budget=D("0.00"), executed=D("12.00"))
    text = dumps_form(clean_form).replace("execution_rate = 0.00", "execution_rate = 100.00")
    form = parse_form(text).form
    assert form is not None
    problems = {p.code: p.message for p in check_form(form)}
    assert "无法计算" not in problems["W211"] and "执行率按 0.00% 计" in problems["W211"]
    assert problems["E110"].endswith("按规则应为 0.00")
