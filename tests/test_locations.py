"""Places in a form: paths, Chinese labels, and lines in a file (multi-line strings included)."""

from __future__ import annotations

import pytest

from models import dumps_form
from models.locations import find_line, label, line_index, where_from_loc


def test_where_from_loc():
    assert where_from_loc(("indicators", 0, "score")) == "indicators[0].score"
    assert where_from_loc(("funds", "current_year", "executed")) == "funds.current_year.executed"
    assert where_from_loc(("year",)) == "year"


@pytest.mark.parametrize(
    ("where", "words"),
    [
        ("funds.current_year.executed", "项目资金·当年财政拨款·全年执行数"),
        ("indicators[2].deviation_reason", "绩效指标·第 3 条·偏差原因分析及改进措施"),
        ("goals.expected", "年度总体目标·预期目标"),
        ("year", "年度"),
    ],
)
def test_label(where, words):
    assert label(where) == words


def _line(text: str, where: str) -> str:
    number = find_line(line_index(text), where)
    assert number is not None, where
    return text.splitlines()[number - 1]


def test_find_line_of_keys_and_enclosing_tables(clean_form):
    text = dumps_form(clean_form)
    assert _line(text, "indicators[1].name") == 'name = "能力提升"'
    assert _line(text, "funds.other.budget") == "budget = 0.00"
    assert _line(text, "indicators[2]") == "[[indicators]]"
    assert _line(text, "indicators[0].unknown_key") == "[[indicators]]"  # falls back to the table
    assert _line(text, "figures.total") == "total = 100.00"
    assert find_line(line_index(text), "year") == 3


TRICKY = [
    "第一行\n第二行",
    "看似键的行\nbudget = 5\n[figures]\n[[indicators]]",
    "含单引号三连 ''' 的一行\n下一行",
    '含双引号三连 """ 的一行\n下一行',
    "# 注释似的行 = '''\n下一行",
]


@pytest.mark.parametrize("tricky", TRICKY)
@pytest.mark.parametrize("field", ["goal", "reason"])
def test_lines_after_multiline_text_stay_right(clean_form, tricky, field):
    if field == "goal":
        clean_form.goals.expected = tricky
    else:
        clean_form.indicators[0].deviation_reason = tricky
    text = dumps_form(clean_form)
    assert _line(text, "goals.actual").startswith("actual = ")
    assert _line(text, "indicators[0].deviation_reason").startswith("deviation_reason = ")
    assert _line(text, "indicators[1].name") == 'name = "能力提升"'
    assert _line(text, "figures.total") == "total = 100.00"
    assert "budget" not in line_index(text)


def test_comment_lines_do_not_open_strings():
    text = '# 说明 = """\nyear = 2024\n'
    assert line_index(text)["year"] == 2
