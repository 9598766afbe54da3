"""The six published 2024 forms reproduce every figure the spec's table prints."""

from __future__ import annotations

from decimal import Decimal

import pytest

from models import ScoreSource, check_form, score_form
from models.money import fmt

# 项目名称: 全年预算数, 全年执行数, 执行率, 执行率得分, 总分, 等级 — as printed in the spec (form-rules.md).
EXPECTED = {
    "社区干部实训基地工作经费": ("17.50", "17.50", "100.00", "10.00", "100.00", "优"),
    "新业态、新就业群体党建工作经费": ("34.00", "33.99", "99.97", "10.00", "100.00", "优"),
    "“两新”组织党建工作经费": ("260.00", "259.90", "99.96", "10.00", "100.00", "优"),
    "基层治理骨干专项教育培训班经费": ("30.20", "25.40", "84.10", "8.41", "94.41", "优"),
    "社区建设工作专项经费": ("55.00", "54.36", "98.83", "9.88", "99.88", "优"),
    "全区志愿服务工作专项经费": ("30.00", "29.93", "99.76", "9.98", "99.98", "优"),
}
TRAINING = "基层治理骨干专项教育培训班经费"


def test_every_sample_file_is_in_the_table(sample_paths):
    assert {p.stem.removeprefix("2024-") for p in sample_paths} == set(EXPECTED)


@pytest.mark.parametrize("project", EXPECTED)
def test_sample_has_no_errors(project, sample_form):
    form = sample_form(project)  # loads_form raises on any reading error
    assert form.project == project
    errors = [p for p in check_form(form) if p.is_error]
    assert errors == []


@pytest.mark.parametrize("project", EXPECTED)
def test_sample_figures_match_spec(project, sample_form):
    budget, executed, rate, exec_score, total, grade = EXPECTED[project]
    figures = score_form(sample_form(project))
    computed = [
        figures.fund_total.budget,
        figures.fund_total.executed,
        figures.execution_rate,
        figures.execution_score,
        figures.total,
    ]
    assert computed == [Decimal(v) for v in (budget, executed, rate, exec_score, total)]
    assert [fmt(v) for v in computed] == [budget, executed, rate, exec_score, total]
    assert all(type(v) is Decimal for v in computed)
    assert figures.grade == grade


@pytest.mark.parametrize("project", EXPECTED)
def test_sample_stored_figures_agree_with_rules(project, sample_form):
    form = sample_form(project)
    figures = score_form(form)
    assert form.figures is not None
    assert form.figures.total == figures.total
    assert form.figures.execution_rate == figures.execution_rate
    assert not [p for p in check_form(form) if p.code == "E110"]


def test_training_form_keeps_evaluator_score(sample_form):
    form = sample_form(TRAINING)
    figures = score_form(form)
    hours = form.indicators[0]
    assert hours.name == "课时数"
    assert hours.score_source is ScoreSource.EVALUATOR
    assert hours.score == Decimal("1.00")
    assert hours.deviation_reason == "年底开展项目，项目未完成"
    result = figures.indicators[0]
    assert result.suggestion == Decimal("1.81")  # 5 × 84 ÷ 232, half-up
    assert result.score == Decimal("1.00")
    assert result.met is False
    assert figures.indicator_score == Decimal("86.00")
    assert fmt(figures.indicator_score) == "86.00"
    assert figures.total == Decimal("94.41")
    assert figures.grade == "优"


def test_training_form_would_score_higher_on_the_suggestion(sample_form):
    form = sample_form(TRAINING)
    form.indicators[0].score_source = ScoreSource.SUGGESTED
    figures = score_form(form)
    assert figures.indicators[0].score == Decimal("1.81")
    assert figures.total == Decimal("95.22")  # 8.41 + 1.81 + 85


def test_evaluator_score_below_suggestion_is_not_a_problem(sample_form):
    # The evaluator may mark down (1.00 < 1.81); only marking up is warned about (W201).
    codes = {p.code for p in check_form(sample_form(TRAINING))}
    assert "W201" not in codes
    assert "E107" not in codes  # the reason is given
