"""A form file that is not valid TOML: the message names the clerk's mistake on the line, not the
parser's expectation. Each case is a real edit of a reference form, checked against tomllib's own
error (so that a change in tomllib's wording shows up here), through the model API and `validate`."""

from __future__ import annotations

import re
import tomllib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from models import parse_form
from tui.cli import main

BASIC = "社区干部实训基地工作经费"
# A phrase of English words outside the “…” that quote the file back: tomllib's words left untranslated.
ENGLISH = re.compile(r"[A-Za-z]{2,} [A-Za-z]{2,}")
QUOTED = re.compile(r"“[^”]*”")

# (text in the form, what the clerk typed instead, the start of tomllib's error, words of our message)
CLERK_MISTAKES = [
    # a letter typed in a number (o for 0, l for 1, or just a slip)
    ("executed = 17.50", "executed = 25.4o", "Expected newline or end of document",
     "数字“25.4o”中有字母“o”（数字只能含 0–9 和小数点；字母“o”是否应为数字 0？）"),
    ("executed = 17.50", "executed = 1O0.00", "Expected newline", "数字“1O0.00”中有字母“O”"),
    ("executed = 17.50", "executed = l00.00", "Invalid value", "数字“l00.00”中有字母“l”（数字只能含 0–9 和小数点；字母“l”是否应为数字 1？）"),
    ("executed = 17.50", "executed = 17.50abc", "Expected newline", "数字“17.50abc”中有字母“abc”（数字只能含 0–9 和小数点）"),
    # a Chinese input method left on
    ("executed = 17.50", "executed ＝ 17.50", "Expected '=' after a key", "等号应为英文“=”，不能用全角“＝”"),
    ("executed = 17.50", "executed：17.50", "Expected '=' after a key", "应为英文等号“=”，不能用冒号“：”"),
    ("executed = 17.50", "executed: 17.50", "Expected '=' after a key", "应为英文等号“=”，不能用冒号“:”"),
    ("executed = 17.50", "executed\u3000= 17.50", "Expected '=' after a key", "全角空格"),
    ("executed = 17.50", "executed = 17。50", "Expected newline", "数字“17。50”中的“。”应为英文小数点“.”"),
    ("executed = 17.50", "executed = １７.５０", "Invalid value", "数字“１７.５０”中有全角数字，请用半角数字：17.50"),
    ('project = "社区干部实训基地工作经费"', "project = “社区干部实训基地工作经费”", "Invalid value",
     "文字两边要用英文双引号，不能用中文引号：应写成“project = \"社区干部实训基地工作经费\"”"),
    ('name = "实训质量"', "name = ‘实训质量’", "Invalid value", "不能用中文引号"),
    ("[goals]  # 年度总体目标", "【goals】", "Invalid statement", "表名要用英文方括号“[ ]”，不能用中文方括号“【】”"),
    ("[goals]  # 年度总体目标", "[goals】", "Expected ']' at the end of a table declaration", "“】”是中文方括号"),
    ('project = "社区干部实训基地工作经费"', 'project = "社区干部实训基地工作经费”', "Illegal character",
     "结尾的引号是中文引号“””，应为英文双引号"),
    # quotes
    ('name = "实训质量"', 'name = "实训质量', "Illegal character", "文字缺少结束引号：应写成“name = \"实训质量\"”"),
    ('project = "社区干部实训基地工作经费"', "project = 社区干部实训基地工作经费", "Invalid value",
     "文字“社区干部实训基地工作经费”要写在英文双引号中：应写成“project = \"社区干部实训基地工作经费\"”"),
    ('name = "实训质量"', 'name = "实训"质量"', "Expected newline", "引号之后还有内容“质量\"”：整段文字要写在一对英文双引号之内"),
    # numbers copied or typed as on paper
    ("executed = 17.50", "executed = 1,000.00", "Expected newline", "金额“1,000.00”带有千位分隔符，请写作 1000.00"),
    ("executed = 17.50", "executed = 1，000.00", "Expected newline", "金额“1，000.00”带有千位分隔符"),
    ("executed = 17.50", "executed = 17.50 万元", "Expected newline", "数字 17.50 后面不能写单位或文字“万元”"),
    ("executed = 17.50", "executed = 17.50万元", "Expected newline", "数字 17.50 后面不能写单位或文字“万元”"),
    ("year = 2024", "year = 2024年", "Expected newline", "数字 2024 后面不能写单位或文字“年”"),
    ("executed = 17.50", "executed = 17.5 0", "Expected newline", "数字“17.5 0”中间不能有空格"),
    ("executed = 17.50", "executed = 17.50.", "Expected newline", "数字“17.50.”中有多个小数点"),
    ("executed = 17.50", "executed = .50", "Invalid value", "小数点前面缺少数字（应写作 0.50）"),
    ("executed = 17.50", "executed = 017.50", "Expected newline", "数字“017.50”不能以 0 开头（应写作 17.50）"),
    ("executed = 17.50", "executed = ", "Invalid value", "“executed =”后面没有写值"),
    # keys
    ("initial_budget = 0.00", "initial budget = 0.00", "Expected '=' after a key",
     "键名“initial budget”中间有空格（键名不能含空格，是否应为 initial_budget？）"),
    ("executed = 17.50", "executed 17.50", "Expected '=' after a key", "键名“executed”后面缺少等号“=”"),
    ('project = "社区干部实训基地工作经费"', 'project = "社区干部实训基地工作经费"\n项目 = "社区"', "Invalid statement",
     "键名只能用英文字母、数字和下划线（如 project），不能写“项目”"),
    ("[goals]  # 年度总体目标", "[goals  # 年度总体目标", "Expected ']' at the end of a table declaration",
     "表名“[goals”缺少右方括号“]”"),
    ("[[indicators]]", "[[indicators]", "Expected ']]' at the end of an array declaration", "表名“[[indicators]”缺少右方括号“]]”"),
]


def _line_of(text: str, fragment: str) -> int:
    return next(n for n, line in enumerate(text.split("\n"), start=1) if line == fragment)


@pytest.mark.parametrize(("old", "new", "tomllib_says", "words"), CLERK_MISTAKES)
def test_a_clerks_mistake_is_named_on_its_line(capsys, tmp_path, sample_text, old, new, tomllib_says, words):
    basic = sample_text(BASIC)
    assert old in basic
    bad = basic.replace(old, new, 1)
    with pytest.raises(tomllib.TOMLDecodeError, match=f"^{re.escape(tomllib_says)}"):
        tomllib.loads(bad)
    line = _line_of(bad, new.split("\n")[-1])
    [problem] = parse_form(bad).problems
    assert (problem.code, problem.line) == ("E003", line)
    assert problem.message == f"TOML 语法错误：{problem.message.removeprefix('TOML 语法错误：')}"
    assert words in problem.message, problem.message
    assert not ENGLISH.search(QUOTED.sub("", problem.message)), problem.message
    assert "列" not in problem.message  # the mistake is quoted: no column to count

    path = tmp_path / "表单.toml"
    path.write_text(bad, encoding="utf-8")
    assert main(["validate", str(path)]) == 1
    first = capsys.readouterr().out.splitlines()[0]
    assert first == f"{path}:{line}: E003 错误 {problem.message}"


@pytest.mark.parametrize(
    ("old", "new", "duplicate", "words", "earlier"),
    [
        ("executed = 17.50", "executed = 17.50\nexecuted = 1.00", "executed = 1.00",
         "键“executed”在同一个表中写了两次（第 13 行已有）", 13),
        ("year = 2024", "year = 2024\nyear = 2025", "year = 2025", "键“year”在同一个表中写了两次（第 3 行已有）", 3),
        ("[goals]  # 年度总体目标", "[funds.other]\n[goals]  # 年度总体目标", "[funds.other]",
         "表“[funds.other]”写了两次（第 20 行已有）", 20),
    ],
)
def test_a_key_or_table_written_twice_names_the_line_of_the_first(sample_text, old, new, duplicate, words, earlier):
    bad = sample_text(BASIC).replace(old, new, 1)
    lines = bad.split("\n")
    assert lines[earlier - 1].startswith(duplicate.split(" =")[0])
    with pytest.raises(tomllib.TOMLDecodeError, match="^Cannot (overwrite a value|declare)"):
        tomllib.loads(bad)
    [problem] = parse_form(bad).problems
    assert problem.line == max(n for n, line in enumerate(lines, start=1) if line == duplicate)
    assert words in problem.message, problem


def test_a_key_repeated_in_another_table_is_not_the_first_one(sample_text):
    """`executed` is in every fund row: the earlier line named is the one in the same table."""
    basic = sample_text(BASIC)
    bad = basic.replace("[funds.other]  # 其他资金\n", "[funds.other]  # 其他资金\nexecuted = 1.00\n", 1)
    lines = bad.split("\n")
    first_in_table = lines.index("executed = 1.00") + 1
    again = next(n for n in range(first_in_table + 1, len(lines) + 1) if lines[n - 1].startswith("executed ="))
    assert [n for n in range(1, first_in_table) if lines[n - 1].startswith("executed =")]  # in the other rows
    [problem] = parse_form(bad).problems
    assert problem.line == again
    assert f"写了两次（第 {first_in_table} 行已有）" in problem.message, problem


def test_a_key_repeated_on_the_last_line_is_named_too(sample_text):
    """tomllib reports this one 'at end of document', without a line: the last line is looked at."""
    bad = sample_text(BASIC).rstrip("\n") + "\ngrade = \"优\""
    with pytest.raises(tomllib.TOMLDecodeError, match=re.escape("Cannot overwrite a value (at end of document)")):
        tomllib.loads(bad)
    [problem] = parse_form(bad).problems
    first = next(n for n, line in enumerate(bad.split("\n"), start=1) if line.startswith("grade ="))
    assert problem.line == bad.count("\n") + 1
    assert f"键“grade”在同一个表中写了两次（第 {first} 行已有）" in problem.message


@pytest.mark.parametrize(
    ("new", "words"),
    [("executed = 1 b = 2", "一行只能写一个键值对，第 14 列"), ("executed = +", "值无效")],
)
def test_other_mistakes_keep_the_translated_message_and_column(sample_text, new, words):
    bad = sample_text(BASIC).replace("executed = 17.50", new, 1)
    [problem] = parse_form(bad).problems
    assert problem.line == 13 and words in problem.message, problem


# Characters of the usual mistakes, mixed with TOML's own: every line built from them is either read
# or reported, never a crash, and always in Chinese.
MISTAKE_CHARACTERS = "abelo OI1l0259.,_-=\"'[]#\t＝：:“”‘’【】。，０５万元年\u3000"


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(line=st.text(alphabet=MISTAKE_CHARACTERS, max_size=30))
def test_any_mistyped_line_is_reported_in_chinese(sample_text, line):
    bad = sample_text(BASIC).replace("executed = 17.50", line, 1)
    for problem in parse_form(bad).problems:
        if problem.code == "E003":
            assert problem.message.startswith("TOML 语法错误：")
            assert problem.line is None or 1 <= problem.line <= bad.count("\n") + 1
            # The message quotes the mistyped text (“…”); a ” typed in it ends the quote early, so
            # English words are allowed only where they are the line's own text.
            untranslated = [m.group() for m in ENGLISH.finditer(QUOTED.sub("", problem.message)) if m.group() not in line]
            assert not untranslated, problem.message
