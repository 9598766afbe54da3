"""Form texts the review of issue 10 typed in from published forms, shared by its regression tests."""

from __future__ import annotations

# h1.toml of the review: a Hebei 2019 form (two fund rows, integer-scores).
HEBEI = """\
format_version = {version}
year = 2019
project = "农村饮水安全维修养护"
department = "某县水务局"
implementer = "某县水务局"
money_unit = "万元"
rule_set = "integer-scores"
layout = "hebei-2019"

[funds.appropriation]
{appropriation}
[funds.other]
{other}
[goals]
expected = "维修养护农村供水工程"
actual = "完成维修养护"

[[indicators]]
level1 = "产出指标"
level2 = "数量指标"
name = "维修工程处数"
target = "≥1,200(处)"
actual = "{done}"
weight = {weight}
{score}deviation_reason = "{reason}"

[[indicators]]
level1 = "效益指标"
level2 = "社会效益指标"
name = "受益人口"
target = "≥50 000(人)"
actual = "52 300(人)"
weight = {weight}
score_source = "suggested"
deviation_reason = ""
"""
FUNDED = "initial_budget = 43.2\nbudget = 43.2\nexecuted = 37.24\n"


def hebei(
    version: object = 2, appropriation: str = FUNDED, other: str = "", weight: object = 45, score: object = None,
) -> str:
    """The Hebei form; with `score`, the evaluator scored the first indicator (1,150 of 1,200 处)."""
    if score is None:
        first = {"done": "1,200(处)", "score": 'score_source = "suggested"\n', "reason": ""}
    else:
        first = {"done": "1,150(处)", "score": f'score = {score}\nscore_source = "evaluator"\n', "reason": "个别工程延期"}
    return HEBEI.format(version=version, appropriation=appropriation, other=other, weight=weight, **first)


# u1.toml / p1.toml of the review: a small Shanghai version 1 form.
SMALL = """\
format_version = 1
year = 2023
project = "测试项目"
department = "某局"
implementer = "某局"
money_unit = "{unit}"

[funds.current_year]
initial_budget = {initial}
budget = {budget}
executed = {executed}

[funds.carried_over]

[funds.other]

[goals]
expected = "目标"
actual = "完成"

[[indicators]]
level1 = "产出指标"
level2 = "数量指标"
name = "数量"
target = "≥10(个)"
actual = "10(个)"
weight = 90
score_source = "suggested"
deviation_reason = ""
"""


def small(unit: str = "万元", initial: str = "10.00", budget: str = "10.00", executed: str = "9.00") -> str:
    return SMALL.format(unit=unit, initial=initial, budget=budget, executed=executed)
