"""`jixiao summary`: one row per form, a total row, counts per grade, sorting, and every format."""

from __future__ import annotations

import csv
import io
import json
import shutil
from decimal import Decimal

import openpyxl
import pytest

from models import save_form
from tui.cli import main

SPEC = {  # 项目名称 → (全年预算数, 全年执行数, 执行率, 执行率得分, 总分) from the spec's table
    "社区干部实训基地工作经费": ("17.50", "17.50", "100.00", "10.00", "100.00"),
    "新业态、新就业群体党建工作经费": ("34.00", "33.99", "99.97", "10.00", "100.00"),
    "“两新”组织党建工作经费": ("260.00", "259.90", "99.96", "10.00", "100.00"),
    "基层治理骨干专项教育培训班经费": ("30.20", "25.40", "84.10", "8.41", "94.41"),
    "社区建设工作专项经费": ("55.00", "54.36", "98.83", "9.88", "99.88"),
    "全区志愿服务工作专项经费": ("30.00", "29.93", "99.76", "9.98", "99.98"),
}


def summary_json(capsys, *args: str, code: int = 0) -> dict:
    assert main(["summary", *args, "--format", "json"]) == code
    return json.loads(capsys.readouterr().out)


def test_rows_total_and_grades(samples_dir, capsys):
    data = summary_json(capsys, str(samples_dir))
    rows = {r["project"]: r for r in data["rows"]}
    assert set(rows) == set(SPEC)
    for project, (budget, executed, rate, score, total) in SPEC.items():
        row = rows[project]
        assert (row["budget"], row["executed"], row["execution_rate"], row["execution_score"], row["total"]) == (
            budget, executed, rate, score, total)
        assert row["grade"] == "优" and row["year"] == "2024" and row["errors"] == "0"
    budget = sum(Decimal(v[0]) for v in SPEC.values())
    executed = sum(Decimal(v[1]) for v in SPEC.values())
    assert data["total"]["budget"] == str(budget) == "426.70"
    assert data["total"]["executed"] == "421.08"
    assert data["total"]["execution_rate"] == "98.68"  # 421.08 / 426.70 = 98.6829… truncated, as the rule set does
    assert data["total"]["warnings"] == "3"
    assert data["grades"] == {"优": 6, "良": 0, "中": 0, "差": 0}


def test_overall_rate_follows_the_rule_sets_rounding(tmp_path, form_with_funds, capsys):
    for name, rules in (("a.toml", "baoshan-2024"), ("b.toml", "baoshan-2024")):
        save_form(form_with_funds("3.00", "2.00", rules), tmp_path / name)  # 4/6 = 66.666…
    assert summary_json(capsys, str(tmp_path))["total"]["execution_rate"] == "66.66"  # truncated
    for name in ("a.toml", "b.toml"):
        save_form(form_with_funds("3.00", "2.00", "rounded"), tmp_path / name)
    assert summary_json(capsys, str(tmp_path))["total"]["execution_rate"] == "66.67"


def test_sort_by_a_column(samples_dir, capsys):
    ascending = [r["project"] for r in summary_json(capsys, str(samples_dir), "--sort", "执行率")["rows"]]
    assert ascending[0] == "基层治理骨干专项教育培训班经费" and ascending[-1] == "社区干部实训基地工作经费"
    descending = [r["total"] for r in summary_json(capsys, str(samples_dir), "--sort", "total", "--desc")["rows"]]
    assert descending == sorted(descending, key=Decimal, reverse=True)


def test_unknown_sort_column_is_a_chinese_usage_error(samples_dir, capsys):
    with pytest.raises(SystemExit) as stop:
        main(["summary", str(samples_dir), "--sort", "没有这列"])
    assert stop.value.code == 2
    assert "没有名为“没有这列”的列" in capsys.readouterr().err


def test_help_lists_the_columns_to_sort_by(capsys):
    """`jixiao summary -h` printed a traceback: argparse read the % of 执行率(%) as a format."""
    with pytest.raises(SystemExit) as stop:
        main(["summary", "-h"])
    assert stop.value.code == 0
    assert "执行率(%)" in capsys.readouterr().out


def test_table_is_aligned_with_a_total_and_grade_counts(samples_dir, capsys):
    assert main(["summary", str(samples_dir)]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0].startswith("项目名称") and "评分等级" in lines[0]
    assert any(line.startswith("合计（6 个表单）") and "426.70" in line for line in lines)
    assert "评分等级：优 6 个，良 0 个，中 0 个，差 0 个" in lines


def test_csv_opens_in_excel_and_cannot_run_formulas(tmp_path, clean_form, samples_dir):
    folder = tmp_path / "forms"
    shutil.copytree(samples_dir, folder)
    clean_form.project = "=HYPERLINK(\"http://evil\",\"点我\")"
    save_form(clean_form, folder / "evil.toml")
    out = tmp_path / "汇总.csv"
    assert main(["summary", str(folder), "--format", "csv", "-o", str(out)]) == 0
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM: Excel on Chinese Windows reads it as UTF-8
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0][:3] == ["项目名称", "年度", "全年预算数（万元）"]
    projects = [r[0] for r in rows[1:8]]
    assert "'=HYPERLINK(\"http://evil\",\"点我\")" in projects
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)
    assert rows[8][0] == "合计（7 个表单）"


def test_xlsx_and_html(samples_dir, tmp_path):
    book = tmp_path / "s.xlsx"
    assert main(["summary", str(samples_dir), "--format", "xlsx", "-o", str(book)]) == 0
    sheet = openpyxl.load_workbook(book)["汇总"]
    assert sheet["A1"].value == "财政项目支出绩效自评汇总（sample_forms）"  # a title row, printed on every page
    assert sheet["A2"].value == "项目名称" and sheet["A9"].value == "合计（6 个表单）"
    assert sheet["E2"].value == "执行率(%)" and sheet.print_title_rows.replace("$", "") == "1:2"
    assert Decimal(repr(sheet["C9"].value)) == Decimal("426.70")
    page = tmp_path / "s.html"
    assert main(["summary", str(samples_dir), "--format", "html", "-o", str(page)]) == 0
    html = page.read_text(encoding="utf-8")
    assert "合计（6 个表单）" in html and "426.70" in html and "优 6 个" in html


def test_unreadable_forms_are_rows_with_their_errors(tmp_path, capsys, clean_form):
    save_form(clean_form, tmp_path / "good.toml")
    (tmp_path / "bad.toml").write_text("year = \n", encoding="utf-8")
    data = summary_json(capsys, str(tmp_path), code=2)  # as validate: an unreadable file is not a pass
    bad = next(r for r in data["rows"] if r["project"] == "bad.toml")
    assert bad["errors"] == "1" and bad["total"] is None
    assert data["total"]["errors"] == "1"


def test_mixed_money_units_are_not_summed(tmp_path, capsys, clean_form):
    save_form(clean_form, tmp_path / "a.toml")
    clean_form.money_unit = "元"
    save_form(clean_form, tmp_path / "b.toml")
    data = summary_json(capsys, str(tmp_path))
    assert data["total"]["budget"] is None and "金额单位不同" in data["note"]


def test_the_table_never_sends_control_characters_to_the_terminal(tmp_path, clean_form, capsys):
    clean_form.project = "X\x1b]0;PWNED\x07\x1b[2J\x1b[31m红色\t制\n表"
    save_form(clean_form, tmp_path / "a.toml")
    assert main(["summary", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out and "\t" not in out
    assert "X\\x1b]0;PWNED" in out and len(out.splitlines()) == 7  # headings, rule, row, rule, total, "", grades


def _projects(capsys, *args: str, code: int = 0) -> list[str]:
    return [r["project"] for r in summary_json(capsys, *args, code=code)["rows"]]


def test_grade_sorts_by_rank_and_unreadable_rows_stay_last(tmp_path, capsys, clean_form):
    from models import ScoreSource

    for n, factor in enumerate(("0.7", "1", "0.85", "0.1")):  # 中, 优, 良, 差 (a code-point sort differs)
        for indicator in clean_form.indicators:
            indicator.score_source = ScoreSource.EVALUATOR
            indicator.score = (indicator.weight * Decimal(factor)).quantize(Decimal("0.01"))
        save_form(clean_form, tmp_path / f"{n}.toml")
    (tmp_path / "0坏.toml").write_text("year = \n", encoding="utf-8")
    ranked = ["差", "中", "良", "优"]
    for extra in ([], ["--desc"]):
        rows = summary_json(capsys, str(tmp_path), "--sort", "评分等级", *extra, code=2)["rows"]
        grades = [r["grade"] for r in rows]
        assert rows[-1]["project"] == "0坏.toml" and grades[-1] is None
        assert len(set(grades[:-1])) > 1
        assert grades[:-1] == sorted(grades[:-1], key=ranked.index, reverse=bool(extra))


def test_sort_by_project_leaves_unreadable_files_last(tmp_path, capsys, clean_form):
    for name in ("乙", "甲"):
        clean_form.project = name
        save_form(clean_form, tmp_path / f"z{name}.toml")
    (tmp_path / "a坏.toml").write_text("year = \n", encoding="utf-8")
    assert _projects(capsys, str(tmp_path), "--sort", "project", "--desc", code=2)[-1] == "a坏.toml"
    assert _projects(capsys, str(tmp_path), "--sort", "project", code=2)[-1] == "a坏.toml"


def test_mixed_units_show_a_unit_column(tmp_path, capsys, clean_form):
    save_form(clean_form, tmp_path / "a.toml")
    clean_form.money_unit = "元"
    save_form(clean_form, tmp_path / "b.toml")
    rows = summary_json(capsys, str(tmp_path))["rows"]
    assert sorted(r["unit"] for r in rows) == ["万元", "元"]
    assert main(["summary", str(tmp_path)]) == 0
    assert "单位" in capsys.readouterr().out.splitlines()[0]


def test_same_project_names_are_told_apart(tmp_path, capsys, clean_form):
    clean_form.year = 2023
    save_form(clean_form, tmp_path / "a.toml")
    clean_form.year = 2024
    save_form(clean_form, tmp_path / "b.toml")
    save_form(clean_form, tmp_path / "c.toml")
    projects = _projects(capsys, str(tmp_path))
    assert len(set(projects)) == 3
    assert any("2023" in p for p in projects) and any("c.toml" in p for p in projects)


def test_a_form_without_a_project_name_is_named_by_its_file(tmp_path, capsys, clean_form):
    """A blank 项目名称 made an unlabelled row (CSV `,—,万元`): the file name, as for unreadable files."""
    save_form(clean_form, tmp_path / "a.toml")
    clean_form.project = ""
    save_form(clean_form, tmp_path / "无名.toml")
    data = summary_json(capsys, str(tmp_path))
    projects = [r["project"] for r in data["rows"]]
    assert "无名.toml" in projects and "" not in projects
    out = tmp_path / "s.csv"
    assert main(["summary", str(tmp_path), "--format", "csv", "-o", str(out)]) == 0
    lines = out.read_text(encoding="utf-8-sig").splitlines()
    assert any(line.startswith("无名.toml,") for line in lines) and not any(line.startswith(",") for line in lines)
