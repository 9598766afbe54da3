"""Regressions found by a review of `jixiao import` / `validate` on hand-made and hostile files
(the workbooks in review/ are the reviewer's own, made with openpyxl in layouts unlike jixiao's)."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

import pytest

from tui.cli import main

REVIEW = Path(__file__).parent / "review"


def test_import_never_writes_through_a_symlink(tmp_path, capsys):
    victim = tmp_path / "victim.txt"
    victim.write_text("别人的文件\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    link = out / "2023-项目.toml"
    link.symlink_to(victim)
    assert main(["import", str(REVIEW / "v1_plain.xlsx"), "-o", str(out)]) == 1
    assert "已存在（符号链接），未覆盖" in capsys.readouterr().err
    assert victim.read_text(encoding="utf-8") == "别人的文件\n"
    assert main(["import", str(REVIEW / "v1_plain.xlsx"), "-o", str(out), "--force"]) == 0
    assert victim.read_text(encoding="utf-8") == "别人的文件\n"  # the link was replaced, not its target
    assert not link.is_symlink() and link.read_text(encoding="utf-8").startswith("# 财政项目支出绩效自评表")


def test_import_never_writes_onto_a_dangling_symlink(tmp_path, capsys):
    out = tmp_path / "out"
    out.mkdir()
    link = out / "2023-项目.toml"
    link.symlink_to(tmp_path / "nowhere" / "planted.toml")
    (tmp_path / "nowhere").mkdir()
    assert main(["import", str(REVIEW / "v1_plain.xlsx"), "-o", str(out)]) == 1
    assert not (tmp_path / "nowhere" / "planted.toml").exists()
    assert os.path.islink(link)


@pytest.mark.parametrize("name", ["merge_bomb.xlsx", "merge_bomb_small.xlsx"])
def test_a_merged_area_beyond_the_cell_cap_is_refused_before_it_is_expanded(name, tmp_path, capsys):
    """`<mergeCell ref="J30:XFD1048576"/>` once took 2.8 GB; J30:ZZ20000 was imported after 15 s."""
    assert main(["import", str(REVIEW / name), "-o", str(tmp_path)]) == 2
    assert "E012 错误 工作表“自评表”的单元格超过上限 200000 个" in capsys.readouterr().err
    assert not list(tmp_path.glob("*.toml"))


def _with_styled_empty_cells(source: Path, target: Path, rows: int) -> Path:
    """`source` with `rows` more rows of 10 styled empty cells each (as a sheet formatted to the
    bottom holds them): nothing openpyxl returns as a value, each still read one by one."""
    import zipfile  # noqa: PLC0415

    with zipfile.ZipFile(source) as package, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for item in package.infolist():
            data = package.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                empty = "".join(
                    f'<row r="{r}">' + "".join(f'<c r="{c}{r}" s="1"/>' for c in "ABCDEFGHIJ") + "</row>"
                    for r in range(1000, 1000 + rows)
                )
                data = data.replace(b"</sheetData>", empty.encode() + b"</sheetData>")
            out.writestr(item, data)
    return target


def test_styled_empty_cells_count_towards_the_cell_cap(tmp_path, capsys):
    path = _with_styled_empty_cells(REVIEW / "v1_plain.xlsx", tmp_path / "styled.xlsx", 25_000)
    assert main(["import", str(path), "-o", str(tmp_path)]) == 2
    assert "E012 错误 工作表“自评表”的单元格超过上限 200000 个" in capsys.readouterr().err



def test_an_unrepresentable_number_leaves_out_only_its_cell(tmp_path, capsys):
    """1e300 in 全年执行数 once refused the whole workbook (无法读取工作簿（InvalidOperation））."""
    assert main(["import", str(REVIEW / "v10a.xlsx"), "-o", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "自评表!E6: 未能导入“1" in err and "（数字过大或小数位过多）" in err
    assert "InvalidOperation" not in err
    assert (tmp_path / "2023-项目.toml").exists()


def test_a_number_with_a_date_format_is_reported_and_never_taken_as_zero(tmp_path, capsys):
    """v4_dates: 分值 30 formatted as a date (1900-02-09) once gave weight 0.00, which made the printed
    得分 40 look like the evaluator's own score."""

    assert main(["import", str(REVIEW / "v4_dates.xlsx"), "-o", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "自评表!F13: 未能导入“1900-02-09”（单元格是日期格式，应为数字" in err
    # The 分值 is kept as the text shown (the editor refuses to save it), never 0.00; the printed
    # 得分 40 is kept as printed: with no 分值 there is no suggestion it could follow.
    data = tomllib.loads((tmp_path / "2023-项目.toml").read_text(encoding="utf-8"))
    assert data["indicators"][0]["weight"] == "1900-02-09"
    assert (data["indicators"][0]["score"], data["indicators"][0]["score_source"]) == (40, "evaluator")


def test_a_note_under_the_targets_table_is_listed_never_an_indicator(tmp_path, capsys):
    """`备注：分值合计90，执行率10分` under the indicators once became a 4th indicator of weight 0.00."""
    from models import load_form  # noqa: PLC0415

    assert main(["import", str(REVIEW / "targets.xlsx"), "-o", str(tmp_path)]) == 1
    assert "目标表!A13: 未能导入“备注：分值合计90，执行率10分”（不是指标行：没有三级指标、指标值或分值）" in (
        capsys.readouterr().err)
    [path] = tmp_path.glob("*.toml")
    assert [i.level1 for i in load_form(path).indicators if i.level1.startswith("备注")] == []


@pytest.mark.parametrize(("content", "code"), [
    (b"%PDF-1.4\n%%EOF\n", "E010"),  # nothing readable in it
    (b"<html><body>saved as .pdf</body></html>", "E010"),
])
def test_validate_counts_a_file_it_cannot_read_as_unreadable_like_import(content, code, tmp_path, capsys):
    import json  # noqa: PLC0415

    path = tmp_path / "bad.pdf"
    path.write_bytes(content)
    assert main(["validate", "--format", "json", str(path)]) == 2
    report = json.loads(capsys.readouterr().out)
    assert report["summary"]["unreadable"] == 1 and report["summary"]["files"] == 0
    assert report["files"][0]["problems"][0]["code"] == code
    assert main(["import", str(path), "-o", str(tmp_path)]) == 2


def test_import_on_special_paths_speaks_as_validate_does(tmp_path, capsys):
    """A FIFO, a symlink loop, a dangling link and a folder were all `找不到“…”`, with no code."""
    fifo = tmp_path / "fifo.pdf"
    os.mkfifo(fifo)
    loop = tmp_path / "loop.xlsx"
    loop.symlink_to(loop)
    dangling = tmp_path / "dangling.pdf"
    dangling.symlink_to(tmp_path / "gone.pdf")
    folder = tmp_path / "folder.xlsx"
    folder.mkdir()
    expected = {fifo: "E008 错误 不是普通文件（命名管道），未读取", loop: "E001 错误 符号链接形成循环",
                dangling: "E001 错误 符号链接指向的文件不存在", folder: "E008 错误 不是普通文件（文件夹），未读取"}
    for path, message in expected.items():
        assert main(["import", str(path), "-o", str(tmp_path)]) == 2
        assert f"{path}: {message}" in capsys.readouterr().err


def test_output_that_is_a_file_is_said_to_be_no_folder(tmp_path, capsys):
    existing = tmp_path / "out.txt"
    existing.write_text("", encoding="utf-8")
    assert main(["import", str(REVIEW / "v1_plain.xlsx"), "-o", str(existing)]) == 2
    assert f"{existing}: X301 错误 已有同名的文件，不能作为输出文件夹" in capsys.readouterr().err


def test_a_missing_output_folder_is_made(tmp_path, capsys):
    folder = tmp_path / "new" / "forms"
    assert main(["import", str(REVIEW / "v1_plain.xlsx"), "-o", str(folder)]) in (0, 1)
    assert list(folder.glob("*.toml")), capsys.readouterr().err


def test_success_line_names_a_sheet_called_like_the_form_once(tmp_path, capsys):
    assert main(["import", str(REVIEW / "v1_plain.xlsx"), "-o", str(tmp_path)]) == 0
    assert f"v1_plain.xlsx（自评表）→ {tmp_path / '2023-项目.toml'}" in capsys.readouterr().out


@pytest.mark.parametrize(("name", "content", "message"), [
    ("page.pdf", b"<!DOCTYPE html><html><body>saved as .pdf</body></html>", "E010 错误 不是 PDF 文件"),
    ("cut.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog", "E010 错误 无法读取 PDF：文件已损坏或不是 PDF 文件"),
    ("bad.xlsx", None, "E010 错误 无法读取工作簿：文件已损坏或不是 Excel 文件"),
])
def test_unreadable_files_are_told_without_python_exception_names(name, content, message, tmp_path, capsys):
    import re  # noqa: PLC0415
    import zipfile  # noqa: PLC0415

    path = tmp_path / name
    if content is None:  # a package whose workbook.xml is not XML
        with zipfile.ZipFile(path, "w") as package:
            package.writestr("xl/workbook.xml", "<workbook")
    else:
        path.write_bytes(content)
    assert main(["import", str(path), "-o", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert message in err
    assert not re.search(r"[A-Z][a-z]+(Error|EOF|Operation)", err)


@pytest.mark.parametrize(("name", "expected"), [
    ("a_shifted.xlsx", {"2023-社区养老服务补贴.toml": (2023, "元")}),
    ("v2_unit_in_prerow.xlsx", {"2023-项目.toml": (2023, "元")}),
    ("v3b_two_years_prerow.xlsx", {"2022-甲项目.toml": (2022, "万元"), "2023-乙项目.toml": (2023, "万元")}),
    ("c_twoforms.xlsx", {"2023-C项目.toml": (2023, "元"), "2023-D项目.toml": (2023, "元")}),
])
def test_a_row_between_title_and_project_keeps_the_year_and_unit_with_their_form(name, expected, tmp_path, capsys):
    """A 填报单位：… row between the title and 项目名称 cut the title (year) and 单位：元 off the form;
    with two forms on a sheet, the first took the second's year from its title."""
    from models import load_form  # noqa: PLC0415

    main(["import", str(REVIEW / name), "-o", str(tmp_path)])
    err = capsys.readouterr().err
    assert "在表单之前" not in err and "填报单位" in err  # the row itself is listed, not dropped
    found = {path.name: (load_form(path).year, load_form(path).money_unit) for path in tmp_path.glob("*.toml")}
    assert found == expected


def test_unplaced_lines_come_in_file_order(tmp_path, capsys):
    """A line above the form was told after the notes under it."""
    import openpyxl  # noqa: PLC0415

    book = openpyxl.load_workbook(REVIEW / "v1_plain.xlsx")
    sheet = book.active
    sheet.insert_rows(1, 2)
    sheet["A1"] = "内部资料 请勿外传"
    sheet.cell(sheet.max_row + 2, 1, "注：另附说明")
    path = tmp_path / "ordered.xlsx"
    book.save(path)
    main(["import", str(path), "-o", str(tmp_path)])
    lines = [line for line in capsys.readouterr().err.splitlines() if "未能导入" in line]
    assert "内部资料" in lines[0] and "注：另附说明" in lines[-1]


def test_amount_spellings_clerks_use(tmp_path):
    """`215 457.60` and `250000元` (in a form in 元) are read; `(215,457.60)` and `25万` in a form in
    元 are reported, never guessed. They were all refused as 应为数字."""
    from exchange.reading.grid import Cell  # noqa: PLC0415
    from exchange.reading.locator import _FormReader  # noqa: PLC0415

    reader = _FormReader([], wrapped=False)
    reader.raw.money_unit = "元"

    def read(text: str) -> object:
        return reader._number(Cell(text, 1, 2, "S!A1", "S"))

    assert str(read("215 457.60")) == "215457.60"
    assert str(read("250000元")) == "250000"
    assert read("(215,457.60)") is None and read("25万") is None
    assert [p.why for p in reader.problems] == ["括号中的数字表示负数，金额不能为负", "单位“万元”与表的金额单位“元”不同，未换算"]


def test_a_year_printed_apart_from_its_title_is_joined_with_it(tmp_path):
    """Chromium set the 2024 of `2024年度财政项目支出绩效自评表` on a line of its own, which was
    dropped as a page number: the form had no year."""
    from models import load_form  # noqa: PLC0415

    main(["import", str(REVIEW / "t1_year_apart.pdf"), "-o", str(tmp_path)])
    [path] = tmp_path.glob("*.toml")
    assert load_form(path).year == 2024


def test_only_a_small_number_in_the_margin_is_a_page_number():
    from exchange.import_pdf import _is_page_number  # noqa: PLC0415

    def line(text: str, top: float) -> dict[str, object]:
        return {"text": text, "top": top, "bottom": top + 10}

    assert _is_page_number(line("2", 800), 842, 3)  # bottom margin, a page this PDF has
    assert not _is_page_number(line("2024", 800), 842, 3)  # too large for a 3-page PDF: reported instead
    assert not _is_page_number(line("2", 400), 842, 3)  # mid-page: the form's own text
