"""One stable TOML layout: round trips, byte-identical re-saves, [[indicators]] blocks, fixed key order."""

from __future__ import annotations

import os
import re
import tomllib
from decimal import Decimal

import pytest

from models import Form, ScoreSource, dumps_form, load_form, loads_form, save_form

HEADER_KEYS = ["format_version", "year", "project", "department", "implementer", "money_unit", "rule_set"]
FUND_KEYS = ["initial_budget", "budget", "executed"]
INDICATOR_KEYS = [
    "level1", "level2", "name", "target", "actual", "weight", "score", "score_source", "deviation_reason",
]
FIGURE_KEYS = [
    "initial_budget_total", "budget_total", "executed_total", "execution_rate", "execution_score",
    "indicator_score", "total", "grade",
]


def _keys_by_table(text: str) -> list[tuple[str, list[str]]]:
    """Table headers in file order, each with its keys in order (top level is '')."""
    tables: list[tuple[str, list[str]]] = [("", [])]
    for line in text.splitlines():
        header = re.match(r"^\[\[?([^\]]+)\]\]?", line)
        if header:
            tables.append((header.group(1), []))
        elif key := re.match(r"^([A-Za-z0-9_]+) = ", line):
            tables[-1][1].append(key.group(1))
    return tables


def test_load_dumps_load_is_equal(sample_paths):
    for path in sample_paths:
        form = load_form(path)
        assert loads_form(dumps_form(form)) == form, path.name


def test_dumps_of_sample_is_byte_identical_to_file(sample_paths):
    for path in sample_paths:
        data = path.read_bytes()
        assert dumps_form(load_form(path)).encode("utf-8") == data, path.name


def test_save_then_resave_is_byte_identical(tmp_path, sample_form):
    form = sample_form("基层治理骨干专项教育培训班经费")
    first, second = tmp_path / "a.toml", tmp_path / "b.toml"
    save_form(form, first)
    save_form(load_form(first), second)
    assert first.read_bytes() == second.read_bytes()
    save_form(load_form(second), second)  # over an existing file
    assert first.read_bytes() == second.read_bytes()


def test_save_leaves_no_temporary_files_and_keeps_mode(tmp_path, clean_form):
    path = tmp_path / "form.toml"
    path.write_text("旧内容", encoding="utf-8")
    os.chmod(path, 0o640)
    save_form(clean_form, path)
    assert [p.name for p in tmp_path.iterdir()] == ["form.toml"]
    assert path.stat().st_mode & 0o777 == 0o640
    assert load_form(path).project == clean_form.project


def test_file_is_utf8_without_bom(tmp_path, clean_form):
    path = tmp_path / "form.toml"
    save_form(clean_form, path)
    data = path.read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf")
    assert "测试项目经费".encode() in data
    assert b"\r\n" not in data


@pytest.mark.parametrize("count", [1, 2, 50])
def test_every_indicator_is_its_own_block(clean_form, count):
    template = clean_form.indicators[0]
    clean_form.indicators = [template.model_copy(update={"name": f"指标{i}"}) for i in range(count)]
    text = dumps_form(clean_form)
    assert text.count("\n[[indicators]]\n") == count
    assert "indicators = " not in text
    assert len(loads_form(text).indicators) == count


def test_keys_in_fixed_order(sample_text):
    tables = _keys_by_table(sample_text("社区建设工作专项经费"))
    assert tables[0] == ("", HEADER_KEYS)
    assert tables[1:4] == [(f"funds.{row}", FUND_KEYS) for row in ("current_year", "carried_over", "other")]
    assert tables[4] == ("goals", ["expected", "actual"])
    assert tables[5:8] == [("indicators", INDICATOR_KEYS)] * 3
    assert tables[8] == ("figures", FIGURE_KEYS)
    assert len(tables) == 9


def test_key_order_does_not_depend_on_input_order(sample_text):
    text = sample_text("社区干部实训基地工作经费")
    lines = text.splitlines(keepends=True)
    # Move `year` below `rule_set` and `score_source` above `level1` in the first indicator.
    shuffled = text.replace(lines[2], "", 1).replace(lines[7], lines[7] + lines[2], 1)
    shuffled = shuffled.replace('[[indicators]]\nlevel1', '[[indicators]]\nscore_source = "suggested"\nlevel1', 1)
    shuffled = shuffled.replace('score = 30.00\nscore_source = "suggested"\n', "score = 30.00\n", 1)
    assert shuffled != text
    assert tomllib.loads(shuffled) == tomllib.loads(text)
    assert dumps_form(loads_form(shuffled)) == text


def test_numbers_written_with_two_decimals(clean_form):
    clean_form.funds.current_year.budget = Decimal("100")
    clean_form.funds.current_year.executed = Decimal("1E+2")
    text = dumps_form(clean_form)
    assert "budget = 100.00\n" in text
    assert "executed = 100.00\n" in text
    assert "weight = 50.00\n" in text


@pytest.mark.parametrize(
    "goal",
    [
        "第一行\n第二行",
        "第一行\n\n第三行\n",
        '带“引号”和 "ASCII 引号" 以及 """ 三引号',
        "反斜杠 \\ 与制表符\t",
        "'''单引号三连'''\n",
    ],
)
def test_multiline_text_round_trips(clean_form, goal):
    clean_form.goals.expected = goal
    clean_form.goals.actual = goal
    clean_form.indicators[0].deviation_reason = goal
    text = dumps_form(clean_form)
    back = loads_form(text)
    assert back.goals.expected == goal
    assert back.indicators[0].deviation_reason == goal
    assert back == clean_form.model_copy(update={"figures": back.figures})
    assert dumps_form(back) == text


def test_multiline_goal_is_written_as_multiline_string(clean_form):
    clean_form.goals.expected = "第一行\n第二行"
    assert 'expected = """\n第一行\n第二行"""' in dumps_form(clean_form)


def test_figures_table_is_computed_on_save(clean_form):
    clean_form.funds.current_year.executed = Decimal("54.36")
    clean_form.funds.current_year.budget = Decimal("55.00")
    figures = tomllib.loads(dumps_form(clean_form), parse_float=Decimal)["figures"]
    assert figures["execution_rate"] == Decimal("98.83")
    assert figures["execution_score"] == Decimal("9.88")
    assert figures["total"] == Decimal("99.88")


def test_suggested_score_is_rewritten_and_evaluator_score_kept(clean_form):
    clean_form.indicators[0].score = Decimal("1.00")  # stale suggestion
    clean_form.indicators[1].score = None  # never scored
    clean_form.indicators[2].score_source = ScoreSource.EVALUATOR
    clean_form.indicators[2].score = Decimal("8.00")
    clean_form.indicators[2].deviation_reason = "说明"
    indicators = tomllib.loads(dumps_form(clean_form), parse_float=Decimal)["indicators"]
    assert [i["score"] for i in indicators] == [Decimal("50.00"), Decimal("30.00"), Decimal("8.00")]
    assert [i["score_source"] for i in indicators] == ["suggested", "suggested", "evaluator"]


def test_unscored_evaluator_indicator_has_no_score_key(clean_form):
    clean_form.indicators[0].score_source = ScoreSource.EVALUATOR
    clean_form.indicators[0].score = None
    text = dumps_form(clean_form)
    assert "score" not in tomllib.loads(text)["indicators"][0]
    assert loads_form(text).indicators[0].score is None


def test_empty_form_round_trips():
    form = Form()
    text = dumps_form(form)
    back = loads_form(text)
    assert back.indicators == []
    assert back.year is None and "year" not in tomllib.loads(text)
    assert dumps_form(back) == text
