"""A number that cannot be read (十分, 5分?, 五十四万) is never imported as a made-up 0.00.

Where the form has an input (an amount, a 分值, a 得分), the text goes into the file as it was
printed: `validate` reports it (E004, with its cell), and the editor shows it and refuses to save
until it is corrected. A printed figure that cannot be read is reported with its cell and left out
of [figures] (nothing to compare). The cells are those of bench.official_workbooks' plain layout
of the 社区建设工作专项经费 sample (heading row 5, funds rows 6-9, indicators from row 13).
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from bench.official_workbooks import Layout, build
from bench.printing import print_workbooks, soffice
from exchange.reading_files import read_forms
from models import load_form
from models.session import EditSession, TextNotSaved
from tui.cli import main

UNREADABLE = {"E7": "五十四万", "F13": "十分", "G14": "5分?", "G6": "九十八", "G16": "九九"}


def _workbook(tmp_path: Path, sample_file: Any, cells: dict[str, str], layout: Layout | None = None) -> Path:
    path = build(load_form(sample_file("社区建设工作专项经费")), tmp_path / "in" / "form.xlsx", layout)
    book = openpyxl.load_workbook(path)
    for name, text in cells.items():
        book.active[name] = text
    book.save(path)
    return path


@pytest.fixture
def workbook(tmp_path, sample_file) -> Path:
    (tmp_path / "in").mkdir()
    return _workbook(tmp_path, sample_file, UNREADABLE)


def test_import_writes_the_printed_text_where_a_number_belongs(tmp_path, workbook, capsys):
    assert main(["import", str(workbook), "-o", str(tmp_path)]) == 1
    data = tomllib.loads((tmp_path / "2024-社区建设工作专项经费.toml").read_text(encoding="utf-8"))
    assert data["funds"]["current_year"]["executed"] == "五十四万"
    first, second = data["indicators"][:2]
    assert first["weight"] == "十分"
    # the printed 得分 survives: with no 分值 there is no suggestion to follow, so it is the evaluator's
    assert (first["score"], first["score_source"]) == (30, "evaluator")
    assert second["score"] == "5分?"
    err = capsys.readouterr().err
    for name, text in UNREADABLE.items():
        assert f"自评表!{name}: 未能导入“{text}”" in err
    assert err.count("原文已写入表单的这一栏") == 3  # the inputs; the printed figures are only reported
    assert "execution_rate" not in data["figures"] and "total" not in data["figures"]


def test_no_score_is_computed_from_a_placeholder_weight(tmp_path, sample_file, capsys):
    """A 分值 that cannot be read and no 得分 printed: the file has no 得分 rather than 0.00."""
    (tmp_path / "in").mkdir()
    path = _workbook(tmp_path, sample_file, {"F13": "十分", "G13": "-"})
    assert main(["import", str(path), "-o", str(tmp_path)]) == 1
    data = tomllib.loads((tmp_path / "2024-社区建设工作专项经费.toml").read_text(encoding="utf-8"))
    assert data["indicators"][0]["weight"] == "十分" and "score" not in data["indicators"][0]


def test_the_editor_shows_the_text_and_refuses_to_save(tmp_path, workbook):
    assert main(["import", str(workbook), "-o", str(tmp_path)]) == 1
    target = tmp_path / "2024-社区建设工作专项经费.toml"
    before = target.read_bytes()
    session = EditSession.open(target)
    try:
        assert session.refused.current() == {"funds.current_year.executed": "五十四万", "indicators[0].weight": "十分",
                                   "indicators[1].score": "5分?"}
        with pytest.raises(TextNotSaved):
            session.save()
    finally:
        session.close()
    assert target.read_bytes() == before


def test_validate_reports_each_text_once_at_its_cell(workbook, capsys):
    assert main(["validate", "--format", "json", str(workbook)]) == 1
    problems = json.loads(capsys.readouterr().out)["files"][0]["problems"]
    found = {(p["code"], p["place"]) for p in problems}
    assert found == {("E004", "自评表!E7"), ("E004", "自评表!F13"), ("E004", "自评表!G14"),
                     ("W215", "自评表!G6"), ("W215", "自评表!G16")}
    weight = next(p for p in problems if p["place"] == "自评表!F13")
    assert weight["where"] == "indicators[0].weight" and "十分" in weight["message"]


def test_a_targets_table_budget_that_cannot_be_read_starts_the_year_as_text(tmp_path, sample_file):
    (tmp_path / "in").mkdir()
    path = build(load_form(sample_file("社区建设工作专项经费")), tmp_path / "in" / "targets.xlsx",
                 Layout(targets_only=True))
    book = openpyxl.load_workbook(path)
    budget = [cell for row in book.active.iter_rows() for cell in row if cell.value == 55][1]  # 当年财政拨款
    budget.value = "五十五万"
    book.save(path)
    imported = read_forms(path).forms[0]
    assert imported.targets_only
    assert imported.texts == {"funds.current_year.initial_budget": "五十五万", "funds.current_year.budget": "五十五万"}


@pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) is not installed")
def test_a_printed_pdf_keeps_the_texts_and_still_reports_each_unreadable_figure(tmp_path, workbook, capsys):
    """On a PDF every cell's place is its page: the figures left out are still each reported (W215),
    and each text kept in the form once (E004)."""
    [pdf] = print_workbooks([workbook], tmp_path)
    assert main(["validate", "--format", "json", str(pdf)]) == 1
    problems = json.loads(capsys.readouterr().out)["files"][0]["problems"]
    assert sorted((p["code"], p["place"], p["where"]) for p in problems) == [
        ("E004", "第 1 页", "funds.current_year.executed"), ("E004", "第 1 页", "indicators[0].weight"),
        ("E004", "第 1 页", "indicators[1].score"), ("W215", "第 1 页", ""), ("W215", "第 1 页", ""),
    ]
    assert {p["message"] for p in problems if p["code"] == "W215"} == {"未能放入表单：“九十八”（应为数字）",
                                                                     "未能放入表单：“九九”（应为数字）"}


def test_only_the_total_row_printed_keeps_its_text_and_says_so_once(tmp_path, sample_file, capsys):
    """With no sub-rows, 年度资金总额 is the first row of the layout with fewest rows: its unreadable
    全年执行数 is an input, kept as text, and validate reports it once (E004), not also as a left-out figure."""
    (tmp_path / "in").mkdir()
    cleared = {f"{column}{row}": None for row in (7, 8, 9) for column in "BCDEFGH"}
    path = _workbook(tmp_path, sample_file, {**cleared, "E6": "五十四万"})
    imported = read_forms(path).forms[0]
    [(key, text)] = imported.texts.items()
    assert key == f"funds.{next(iter(imported.form.funds.rows()))[0]}.executed" and text == "五十四万"
    assert [(u.place, u.kept) for u in imported.unplaced] == [("自评表!E6", True)]
    assert main(["validate", "--format", "json", str(path)]) == 1
    problems = json.loads(capsys.readouterr().out)["files"][0]["problems"]
    assert [(p["code"], p["place"]) for p in problems] == [("E004", "自评表!E6")]


def test_a_blank_weight_stays_blank_and_the_printed_score_is_kept(tmp_path, sample_file, capsys):
    """A 分值 left blank is not imported as 0.00 (which would score the indicator 0 and pass unnoticed
    as a weight): the file keeps it blank, import and validate name it, the printed 得分 survives."""
    (tmp_path / "in").mkdir()
    path = _workbook(tmp_path, sample_file, {"F13": None})
    assert main(["import", str(path), "-o", str(tmp_path)]) == 1
    assert "指标“星级楼组培育数量”的分值空白" in capsys.readouterr().err
    target = tmp_path / "2024-社区建设工作专项经费.toml"
    first = tomllib.loads(target.read_text(encoding="utf-8"))["indicators"][0]
    assert (first["weight"], first["score"], first["score_source"]) == ("", 30, "evaluator")
    assert main(["validate", str(target)]) == 1
    assert "E004 错误 绩效指标·第 1 条·分值：空白，应填写数字" in capsys.readouterr().out


def test_a_weight_that_is_not_a_number_makes_no_figures_of_its_placeholder(tmp_path, sample_file, capsys):
    """The blank 分值 stands in the form as 0.00: nothing is said of that number (the 分值 total, the
    printed 得分 above it or above its suggestion), and 指标分/总分/等级 are 无法核对 until it is given."""
    (tmp_path / "in").mkdir()
    path = _workbook(tmp_path, sample_file, {"F13": None})
    assert main(["import", str(path), "-o", str(tmp_path)]) == 1
    session = EditSession.open(tmp_path / "2024-社区建设工作专项经费.toml")
    try:
        view = session.view()
        assert {p.code for p in view.problems} == {"E004", "W206"}  # not E105, E106, W201
        assert view.unknown == {"indicator_score", "total", "grade"} and view.summary.total == "无法核对"
        view = session.type("indicators[0].weight", "30")
        assert view.unknown == frozenset() and view.summary.total == "99.88"
        view = session.type("indicators[0].weight", "三十")  # refused as typed: the same again
        assert "E105" not in {p.code for p in view.problems} and view.summary.total == "无法核对"
    finally:
        session.close()


def test_a_blank_weight_in_a_targets_table_stays_blank(tmp_path, sample_file, capsys):
    """A 绩效目标表 that prints 分值 with one left blank: the same as in a self-evaluation (no 0.00)."""
    (tmp_path / "in").mkdir()
    path = _workbook(tmp_path, sample_file, {"E11": None}, Layout(targets_only=True))  # 星级楼组培育数量's 分值
    assert main(["import", str(path), "-o", str(tmp_path)]) == 1
    assert "指标“星级楼组培育数量”的分值空白" in capsys.readouterr().err
    data = tomllib.loads((tmp_path / "2024-社区建设工作专项经费.toml").read_text(encoding="utf-8"))
    assert data["indicators"][0]["weight"] == "" and data["indicators"][1]["weight"] == 30


def test_a_row_without_an_indicator_lists_everything_it_leaves_out(tmp_path, sample_file, capsys):
    """三级指标, 指标值 and 分值 cleared, 实际完成值 and 得分 left: no indicator, and both are listed."""
    (tmp_path / "in").mkdir()
    path = _workbook(tmp_path, sample_file, {"C14": None, "D14": None, "F14": None})
    main(["import", str(path), "-o", str(tmp_path)])
    err = capsys.readouterr().err
    actual = load_form(sample_file("社区建设工作专项经费")).indicators[1].actual
    assert f"自评表!E14: 未能导入“{actual}”（不是指标行" in err and "自评表!G14: 未能导入“" in err
