"""Each kind of bad file, through both `jixiao validate` and the model API: the code, a Chinese
message, and the line where the file has one. (test_malformed_files.py covers more model-API cases.)"""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import pytest

from models import FormFileError, loads_form, parse_form, read_form_file
from models.toml_io import MAX_FILE_BYTES
from models.validation import validate_file
from tui.cli import main

BASIC = "社区干部实训基地工作经费"  # clean: no problems at all
TRAINING = "基层治理骨干专项教育培训班经费"  # 执行率 84.10, 总分 94.41
OUTPUT_LINE = re.compile(r"^(?P<path>.+?)(?::(?P<line>\d+))?: (?P<code>[EW]\d{3}) (?P<label>错误|警告) (?P<message>.+)$")
CJK = re.compile(r"[\u4e00-\u9fff]")
ENGLISH = re.compile(r"[A-Za-z]{2,} [A-Za-z]{2,}")


def line_of(text: str, fragment: str) -> int:
    return next(n for n, line in enumerate(text.split("\n"), start=1) if fragment in line)


def validate(capsys, path: Path, *options: str) -> tuple[int, list[dict], str]:
    """`jixiao validate PATH`: exit code, the problems printed (as dicts) and the summary line."""
    code = main(["validate", *options, str(path)])
    out = capsys.readouterr().out
    *lines, summary = out.splitlines()
    problems = []
    for line in lines:
        found = OUTPUT_LINE.match(line)
        assert found, line
        assert found["path"] == str(path)
        problems.append({**found.groupdict(), "line": int(found["line"]) if found["line"] else None})
    assert summary.startswith("检查了 1 个表单文件：")
    return code, problems, summary


def validate_json(capsys, path: Path) -> tuple[int, dict]:
    code = main(["validate", "--format", "json", str(path)])
    return code, json.loads(capsys.readouterr().out)["files"][0]


def one(problems, code: str):
    """The one problem with `code` (Problem objects or printed dicts alike)."""
    found = [p for p in problems if (p["code"] if isinstance(p, dict) else p.code) == code]
    assert len(found) == 1, problems
    return found[0]


def assert_reported(capsys, path: Path, code: str, line: int | None, *words: str) -> None:
    """`validate` and the model API both report `code` at `line` in Chinese, containing `words`."""
    report = validate_file(path)
    problem = one(report.problems, code)
    assert problem.line == line
    assert CJK.search(problem.message) and all(w in problem.message for w in words), problem
    assert not report.ok

    exit_code, printed, summary = validate(capsys, path)
    assert exit_code == 1
    shown = one(printed, code)
    assert (shown["line"], shown["label"], shown["message"]) == (line, "错误", problem.message)
    assert f"{sum(p.is_error for p in report.problems)} 个错误" in summary


@pytest.fixture
def basic(sample_text) -> str:
    return sample_text(BASIC)


@pytest.fixture
def write(tmp_path):
    def write(content: str | bytes, name: str = "表单.toml") -> Path:
        path = tmp_path / name
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        return path

    return write


# ---------------------------------------------------------------------------------------------
# Files that are not UTF-8 TOML text


@pytest.mark.parametrize("blank", ["", "\n", "  \r\n\t\n"])
def test_empty_file(capsys, write, blank):
    path = write(blank)
    assert_reported(capsys, path, "E002", None, "文件是空的")
    assert [p.code for p in read_form_file(path).problems] == ["E002"]
    _, entry = validate_json(capsys, path)
    assert entry["figures"] is None and entry["ok"] is False


def test_utf8_bom_loads(capsys, write, basic):
    path = write(b"\xef\xbb\xbf" + basic.encode("utf-8"))
    assert read_form_file(path).problems == []
    code, printed, summary = validate(capsys, path, "--strict")
    assert (code, printed, summary) == (0, [], "检查了 1 个表单文件：未发现问题")


def test_utf8_bom_problem_lines_are_right(capsys, write, basic):
    bad = basic.replace("weight = 30.00", "weight = -30.00", 1)
    assert_reported(capsys, write(b"\xef\xbb\xbf" + bad.encode("utf-8")), "E103", line_of(bad, "weight = -30.00"), "负数")


def test_crlf_line_endings_load_with_right_figures(capsys, write, sample_text):
    path = write(sample_text(TRAINING).replace("\n", "\r\n"))
    result = read_form_file(path)
    assert result.problems == [] and result.form is not None
    code, entry = validate_json(capsys, path)
    assert code == 0 and entry["problems"] == []
    assert entry["figures"] == {
        "execution_rate": "84.10", "execution_score": "8.41", "indicator_score": "86.00", "total": "94.41", "grade": "优",
    }


def test_crlf_problem_lines_are_right(capsys, write, basic):
    bad = basic.replace("score = 30.00", "score = 30.005", 1)
    assert_reported(capsys, write(bad.replace("\n", "\r\n")), "E104", line_of(bad, "score = 30.005"), "两位小数")


def test_gbk_form(capsys, write, basic):
    path = write(basic.encode("gbk"))
    assert_reported(capsys, path, "E002", 1, "GBK", "UTF-8", "iconv")  # the Chinese header comment
    assert read_form_file(path).form is None


def test_gbk_form_line_is_the_first_chinese_line(capsys, write, basic):
    no_comment = basic.split("\n", 1)[1]  # first Chinese is now in `project = "…"`
    assert_reported(capsys, write(no_comment.encode("gbk")), "E002", line_of(no_comment, "project ="), "GBK")


@pytest.mark.parametrize(
    "garbage",
    [bytes(range(256)) * 4, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", b"PK\x03\x04\x14\x00\x06\x00"],
)
def test_binary_garbage(capsys, write, garbage):
    path = write(garbage)
    assert_reported(capsys, path, "E002", None, "不是文本文件")
    _, entry = validate_json(capsys, path)
    assert entry["figures"] is None and entry["project"] is None


def test_invalid_utf8_without_nul(capsys, write, basic):
    bad = basic.encode("utf-8").replace("实训质量".encode(), b"\xff\xfe\xfd", 1)
    assert_reported(capsys, write(bad), "E002", line_of(basic, "实训质量"), "UTF-8")


def test_file_over_the_size_cap_is_refused_before_parsing(capsys, write, basic, monkeypatch):
    padding = b"\n# " + b"x" * MAX_FILE_BYTES
    path = write(basic.encode("utf-8") + padding)
    assert path.stat().st_size > MAX_FILE_BYTES

    def must_not_parse(*args, **kwargs):
        raise AssertionError("a file over the size cap was parsed")

    monkeypatch.setattr(tomllib, "loads", must_not_parse)
    assert_reported(capsys, path, "E002", None, "文件过大", f"{MAX_FILE_BYTES // 1_000_000} MB")


def test_file_at_the_size_cap_is_read(write, basic):
    data = basic.encode("utf-8") + b"\n#"
    path = write(data + b"x" * (MAX_FILE_BYTES - len(data)))
    assert path.stat().st_size == MAX_FILE_BYTES
    assert read_form_file(path).problems == []
    bigger = write(path.read_bytes() + b"x", "bigger.toml")
    assert [p.code for p in read_form_file(bigger).problems] == ["E002"]


# ---------------------------------------------------------------------------------------------
# TOML that is not a form, or not TOML


@pytest.mark.parametrize(
    "nested",
    ["a = " + "[" * 100_000, "a = " + "{b = " * 50_000, "a = " + "[" * 100_000 + "]" * 100_000],
)
def test_deep_nesting_is_a_problem_not_a_recursion_error(capsys, write, basic, nested):
    for text in (nested, basic + "\n" + nested + "\n"):
        path = write(text)
        result = parse_form(text)
        assert result.form is None and result.problems[0].code == "E003"
        with pytest.raises(FormFileError):
            loads_form(text)
        assert_reported(capsys, path, "E003", None, "嵌套层数过深")


@pytest.mark.parametrize("digits", [5000, 10_000])
def test_huge_integer(capsys, write, basic, digits):
    bad = basic.replace("year = 2024", "year = 1" + "0" * digits, 1)
    assert_reported(capsys, write(bad), "E003", line_of(bad, "year = 1000"), "位数过多")
    with pytest.raises(FormFileError):
        loads_form(bad)


@pytest.mark.parametrize(
    ("old", "new", "where"),
    [
        ("executed = 17.50", "executed = nan", "funds.current_year.executed"),
        ("budget = 17.50", "budget = inf", "funds.current_year.budget"),
        ("weight = 30.00", "weight = -inf", "indicators[0].weight"),
        ("score = 30.00", "score = +nan", "indicators[0].score"),
    ],
)
def test_nan_and_inf_in_money(capsys, write, basic, old, new, where):
    bad = basic.replace(old, new, 1)
    path = write(bad)
    assert_reported(capsys, path, "E004", line_of(bad, new), "nan", "inf", "数字")
    assert one(parse_form(bad).problems, "E004").where == where
    _, entry = validate_json(capsys, path)
    assert one(entry["problems"], "E004")["where"] == where


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("executed = 17.50", "executed = -17.50"),
        ("initial_budget = 0.00", "initial_budget = -0.01"),
        ("weight = 30.00", "weight = -30.00"),
        ("score = 30.00", "score = -1"),
    ],
)
def test_negative_money(capsys, write, basic, old, new):
    bad = basic.replace(old, new, 1)
    assert parse_form(bad).problems == []  # it loads, so its line can be reported
    assert_reported(capsys, write(bad), "E103", line_of(bad, new), "负数")


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("budget = 17.50", "budget = 17.501"),
        ("initial_budget = 0.00", "initial_budget = 0.001"),
        ("weight = 30.00", "weight = 30.005"),
        ("score = 30.00", "score = 29.999"),
    ],
)
def test_three_decimals(capsys, write, basic, old, new):
    bad = basic.replace('money_unit = "万元"', 'money_unit = "元"', 1).replace(old, new, 1)  # 元: two decimals
    assert_reported(capsys, write(bad), "E104", line_of(bad, new), "两位小数")


@pytest.mark.parametrize(
    ("old", "new", "words"),
    [
        ("executed = 17.50", 'executed = "17.50"', "不能是文字"),
        ("weight = 30.00", 'weight = "三十"', "不能是文字"),
        ("score = 30.00", "score = true", "数字"),
        ("year = 2024", 'year = "2024"', "整数"),
        ("budget = 17.50", "budget = [17.50]", "数字"),
    ],
)
def test_text_where_a_number_belongs(capsys, write, basic, old, new, words):
    bad = basic.replace(old, new, 1)
    assert_reported(capsys, write(bad), "E004", line_of(bad, new), words)


@pytest.mark.parametrize(
    ("old", "new", "hint"),
    [
        ("executed = 17.50", "excuted = 17.50", "executed"),
        ("initial_budget = 0.00", "inital_budget = 0.00", "initial_budget"),
        ("deviation_reason = ", "deviation_reasons = ", "deviation_reason"),
        ("score_source = ", "scoresource = ", "score_source"),
        ("department = ", "departmant = ", "department"),
        ("total = 100.00", "totl = 100.00", "total"),
        ("budget = 17.50", "budgte = 17.50", "budget"),
        ("initial_budget = 0.00", "intial_budget = 0.00", "initial_budget"),
        ("deviation_reason = ", "deviaton_reason = ", "deviation_reason"),
    ],
)
def test_unknown_key_names_the_closest_known_key(capsys, write, basic, old, new, hint):
    bad = basic.replace(old, new, 1)
    key = new.split(" =")[0]
    assert_reported(capsys, write(bad), "E004", line_of(bad, new), f"未知的键“{key}”", f"是否应为“{hint}”")


@pytest.mark.parametrize(
    ("after", "word"),
    [
        ('rule_set = "baoshan-2024"', "rounded"),  # a rule set's name, not a misspelt key (0.5 against funds)
        ('rule_set = "baoshan-2024"', "reverse-linear"),  # 0.5 against format_version
        ('rule_set = "baoshan-2024"', "version"),  # 0.67 against format_version: not close enough
        ('rule_set = "baoshan-2024"', "money"),
        ("executed = 17.50", "remark"),
        ("executed = 17.50", "total"),  # a key of [figures], not of a fund row
        ("weight = 30.00", "note"),
        ("weight = 30.00", "reason"),
        ("weight = 30.00", "comment"),
    ],
)
def test_an_unknown_key_unlike_any_of_its_table_gets_no_hint(capsys, write, basic, after, word):
    """A hint naming an unrelated key sends a clerk to the wrong place: none unless the spelling is near."""
    bad = basic.replace(after, f"{after}\n{word} = 1", 1)
    assert bad != basic
    assert_reported(capsys, write(bad), "E004", bad.split("\n").index(f"{word} = 1") + 1, f"未知的键“{word}”")
    assert "是否应为" not in one(validate_file(write(bad)).problems, "E004").message


def test_missing_fund_row(capsys, write, basic):
    bad = re.sub(r"\[funds\.carried_over\].*\n(?:.+\n)+\n", "", basic)
    assert "carried_over" not in bad
    first_row = next(n for n, line in enumerate(bad.split("\n"), 1) if line.startswith("[funds."))  # the funds table the file has
    assert_reported(capsys, write(bad), "E004", first_row, "上年结转资金", "[funds.carried_over]")


def test_missing_funds_table(capsys, write, basic):
    bad = re.sub(r"\[funds\.\w+\].*\n(?:.+\n)+\n", "", basic)
    assert "[funds" not in bad
    goals = bad.split("\n").index(next(line for line in bad.split("\n") if line.startswith("[goals]"))) + 1
    assert_reported(capsys, write(bad), "E004", goals, "缺少项目资金表")  # where the funds belong


def test_missing_indicators(capsys, write, basic):
    bad = re.sub(r"\[\[indicators\]\]\n(?:.+\n)+\n", "", basic)
    assert "[[indicators]]" not in bad
    path = write(bad)
    report = validate_file(path)
    assert one(report.problems, "E102").message == "至少需要一条绩效指标"
    assert one(validate(capsys, path)[1], "E102")["label"] == "错误"


def test_table_where_a_value_belongs(capsys, write, basic):
    bad = re.sub(r"\[goals\].*\n(?:.+\n)+\n", "", basic)
    bad = bad.replace('rule_set = "baoshan-2024"', 'rule_set = "baoshan-2024"\ngoals = 1', 1)
    assert_reported(capsys, write(bad), "E004", line_of(bad, "goals = 1"), "应为一个表")


@pytest.mark.parametrize(
    ("old", "new", "duplicate", "words"),
    [
        ("executed = 17.50", "executed = 17.50\nexecuted = 1.00", "executed = 1.00", "键“executed”在同一个表中写了两次"),
        ("year = 2024", "year = 2024\nyear = 2025", "year = 2025", "键“year”在同一个表中写了两次"),
        ("[goals]  # 年度总体目标", "[funds.other]\n[goals]  # 年度总体目标", "[funds.other]", "表“[funds.other]”写了两次"),
    ],
)
def test_duplicate_keys(capsys, write, basic, old, new, duplicate, words):
    bad = basic.replace(old, new, 1)
    line = [n for n, text in enumerate(bad.split("\n"), start=1) if text.startswith(duplicate)][-1]
    assert_reported(capsys, write(bad), "E003", line, words)


def test_duplicate_key_in_inline_table(capsys, write, basic):
    bad = basic.replace("[goals]  # 年度总体目标\n", "", 1).replace(
        'rule_set = "baoshan-2024"', 'rule_set = "baoshan-2024"\ngoals = {expected = "甲", expected = "乙"}', 1
    )
    assert_reported(capsys, write(bad), "E003", line_of(bad, "goals = {"), "键重复定义")


def test_newer_format_version(capsys, write, basic):
    bad = basic.replace("format_version = 1", "format_version = 3", 1)
    path = write(bad)
    assert_reported(capsys, path, "E005", line_of(bad, "format_version"), "版本 3", "请升级 jixiao")
    with pytest.raises(FormFileError) as caught:
        loads_form(bad)
    assert [p.code for p in caught.value.problems] == ["E005"]
    code, entry = validate_json(capsys, path)
    assert code == 1 and entry["ok"] is False and entry["project"] == BASIC


# Every kind of TOML syntax error tomllib reports: a Chinese message, no English left over, a line.
SYNTAX_ERRORS = [
    ('project = 社区干部实训基地工作经费', "要写在英文双引号中"),
    ("extra = 17.50 万元", "后面不能写单位或文字“万元”"),
    ('name = "实训质量', "缺少结束引号"),
    ('name = "实训\x01质量"', "控制字符"),
    ("name = '实训\x01质量'", "控制字符"),
    ("# 注释\x01", "控制字符"),
    ("= 1", "无法识别的语句"),
    ("a b = 1", "中间有空格"),
    ("a 1", "缺少等号“=”"),
    ("a = 1 b = 2", "一行只能写一个键值对"),
    ("[extra", "缺少右方括号“]”"),
    ("[[indicators]", "缺少右方括号“]]”"),
    ('name = "C:\\路径"', "反斜杠"),
    ('name = "\\uZZZZ"', "转义无效"),
    ('name = "\\uD800"', "转义无效"),
    ("extra = {a = 1, a = 2}", "键重复定义"),
    ("extra = {a = 1}\nextra.b = 2", "表重复定义"),
    ("date = 2024-02-30", "日期格式无效"),
]


@pytest.mark.parametrize(("bad_line", "words"), SYNTAX_ERRORS)
def test_toml_syntax_errors_are_in_chinese_with_a_line(capsys, write, basic, bad_line, words):
    bad = basic.replace("[goals]  # 年度总体目标\n", f"{bad_line}\n[goals]  # 年度总体目标\n", 1)
    line = bad.split("\n").index(bad_line.split("\n")[-1]) + 1
    path = write(bad)
    problem = one(parse_form(bad).problems, "E003")
    assert words in problem.message and not ENGLISH.search(problem.message), problem
    assert_reported(capsys, path, "E003", line, words)


@pytest.mark.parametrize(
    ("ending", "words"),
    [
        ("extra = [1, 2\n\n", "数组缺少右方括号"),
        ("extra = [\n  1,\n  2", "数组缺少右方括号"),
        ("extra = [\n  1,\n", "值无效"),
        ("extra = {a = 1", "右花括号"),
        ("extra = '''多行\n\n", "结束引号"),
        ('extra = """多行\n', "结束引号"),
    ],
)
def test_syntax_error_at_end_of_file_points_at_the_last_line(capsys, write, basic, ending, words):
    bad = basic + ending
    last = ending.rstrip().split("\n")[-1]
    problem = one(parse_form(bad).problems, "E003")
    assert "文件末尾" in problem.message and not ENGLISH.search(problem.message), problem
    assert_reported(capsys, write(bad), "E003", bad.rstrip().count("\n") + 1, words)
    assert bad.split("\n")[bad.rstrip().count("\n")] == last


def test_single_quoted_string_left_open_gives_no_misleading_line(capsys, write, basic):
    bad = basic.replace('name = "实训质量"', "name = '实训质量", 1)  # tomllib gives up only at the end of the file
    problem = one(parse_form(bad).problems, "E003")
    assert "结束引号" in problem.message and not ENGLISH.search(problem.message)
    assert "文件末尾" not in problem.message
    assert_reported(capsys, write(bad), "E003", None, "结束引号")


def test_text_quoted_from_the_file_cannot_break_the_one_line_per_problem_output(capsys, write, basic):
    bad = basic.replace('rule_set = "baoshan-2024"', 'rule_set = "甲\\n乙\\u001b[2J\\u2028丙"', 1)
    path = write(bad)
    problem = one(validate_file(path).problems, "E006")
    assert "甲\n乙\x1b[2J\u2028丙" in problem.message  # the model keeps the text as it is
    code, printed, _ = validate(capsys, path)  # (validate() checks that every line is a problem)
    assert code == 1
    shown = one(printed, "E006")
    assert shown["line"] == line_of(bad, "rule_set =")
    assert "“甲\\n乙\\x1b[2J\\u2028丙”" in shown["message"]
    _, entry = validate_json(capsys, path)
    assert one(entry["problems"], "E006")["message"] == problem.message


def test_oversize_message_gives_the_real_size(tmp_path):
    from models.toml_io import MAX_FILE_BYTES, read_form_file

    big = tmp_path / "big.toml"
    big.write_bytes(b"#" * (MAX_FILE_BYTES + 1_000_000))
    [problem] = read_form_file(big).problems
    assert f"{(MAX_FILE_BYTES + 1_000_000) // 1024} KB" in problem.message


def test_an_impossible_year_and_a_text_version_are_named(tmp_path):
    from models import parse_form

    assert "应为 1 或 2（整数，不加引号）" in parse_form('format_version = "x"\n').problems[-1].message
    from models import check_form
    from models.form import Form

    assert [p.code for p in check_form(Form(year=-5)) if p.where == "year"] == ["E112"]
    assert not [p for p in check_form(Form(year=2024)) if p.code == "E112"]


def test_indicators_as_an_inline_array_in_a_table_say_how_to_write_them(capsys, write, basic):
    """`indicators = [{}, {}]` after [figures] belongs to [figures] in TOML: say [[indicators]], not 未知的键."""
    bad = basic.rstrip("\n") + "\nindicators = [{}, {}]\n"
    assert_reported(capsys, write(bad), "E004", bad.split("\n").index("indicators = [{}, {}]") + 1, "[[indicators]]")
    assert "未知的键" not in one(validate_file(write(bad)).problems, "E004").message
