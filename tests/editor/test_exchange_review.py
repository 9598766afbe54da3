"""The reviewer's attacks on the editor's export, import and form list (issues 11 and 12): an
export never lands on a form, import checks and codes are the command line's, the words are the
editor's, and the list never keeps figures of edits that were dropped."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import TRAINING
from editor_helpers import editor, retype
from test_exchange_in_editor import answer, dialog_error, finish, messages, palette

from exchange.import_paths import import_problem
from models.summary import Summary
from models.validation import validate_file
from tui.app import JixiaoApp, reading_seconds
from tui.screens.dialogs import TextPrompt, UnsavedChanges

EXECUTED = "#f-funds-current_year-executed"
OTHER = "2024-社区建设工作专项经费.toml"
TWO_NEW = "2024-“两新”组织党建工作经费.toml"


async def test_exporting_onto_another_form_is_refused_in_the_dialog(training: Path) -> None:
    other = training.parent / OTHER
    before = other.read_bytes()
    app = JixiaoApp(training)
    async with app.run_test(size=(120, 40)) as pilot:
        await palette(pilot, "导出当前表单为网页")
        assert isinstance(app.screen, TextPrompt) and app.screen.title_text == "导出为网页：输出文件"
        app.screen.query_one("Input").value = OTHER  # a bare name: in the forms folder
        await pilot.press("enter")
        await finish(pilot)
        refused = dialog_error(app)
        assert refused.startswith("X301") and ".toml" in refused and "-o" not in refused
    assert other.read_bytes() == before


async def test_a_name_without_extension_gets_xlsx_and_a_fifo_is_refused_in_the_editors_words(training: Path) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes here")
    fifo = training.parent / "pipe.xlsx"
    os.mkfifo(fifo)
    app = JixiaoApp(training)
    async with app.run_test(size=(120, 40)) as pilot:
        await palette(pilot, "导出当前表单为 Excel")
        app.screen.query_one("Input").value = "pipe.xlsx"
        await pilot.press("enter")
        await finish(pilot)
        refused = dialog_error(app)
        assert refused.startswith("X301") and "管道" in refused and "-o -" not in refused
        app.screen.query_one("Input").value = "汇报用"
        await pilot.press("enter")
        await finish(pilot)
    assert (training.parent / "汇报用.xlsx").is_file() and not (training.parent / "汇报用").exists()
    assert any(str(training.parent / "汇报用.xlsx") in m for m in messages(app))


async def test_the_replace_warning_only_when_the_file_exists(training: Path) -> None:
    app = JixiaoApp(training)
    async with app.run_test(size=(120, 40)) as pilot:
        await palette(pilot, "导出当前表单为 Excel")
        assert "替换" not in str(app.screen.query(".dialog-text").last().render())
        await pilot.press("escape")
        training.with_suffix(".xlsx").write_bytes(b"old")
        await palette(pilot, "导出当前表单为 Excel")
        assert "会被整个替换" in str(app.screen.query(".dialog-text").last().render())


@pytest.mark.parametrize("kind", ["fifo", "folder", "text"])
async def test_import_refuses_with_the_command_lines_code(training: Path, tmp_path: Path, kind: str) -> None:
    path = tmp_path / {"fifo": "pipe.pdf", "folder": "文件夹.pdf", "text": "说明.txt"}[kind]
    if kind == "fifo":
        if not hasattr(os, "mkfifo"):
            pytest.skip("no named pipes here")
        os.mkfifo(path)
    elif kind == "folder":
        path.mkdir()
    else:
        path.write_text("x", encoding="utf-8")
    expected = import_problem(path)
    assert expected is not None and expected.code == {"fifo": "E008", "folder": "E008", "text": "E010"}[kind]
    app = JixiaoApp(training)
    async with app.run_test(size=(120, 40)) as pilot:
        await answer(pilot, "导入 Excel 或 PDF", str(path))
        assert dialog_error(app) == f"{expected.code} {expected.message}"
        assert "找不到" not in dialog_error(app)


async def test_an_invalid_typed_amount_is_named_in_the_export_notice(training: Path) -> None:
    app = JixiaoApp(training)
    async with app.run_test(size=(120, 40)) as pilot:
        await retype(pilot, EXECUTED, "12.13.00")
        await palette(pilot, "导出当前表单为网页")
        await pilot.press("enter")
        await finish(pilot)
    done = [m for m in messages(app) if m.startswith("已导出 1 个表单")]
    assert done and "“12.13.00”无效" in done[0] and "上一个有效值 12.13" in done[0]  # typed key by key: 12.13 was valid


async def test_dropped_edits_leave_the_form_list_with_the_files_figures(forms: Path) -> None:
    two_new = forms / TWO_NEW
    on_file = Summary.of_report(validate_file(two_new))
    app = JixiaoApp(two_new)
    async with app.run_test(size=(120, 40)) as pilot:
        await retype(pilot, EXECUTED, "999.00")
        await pilot.pause(1.5)  # the open form's line follows the screen (once a second)
        listed = editor(app).parts.forms.summaries
        assert listed[two_new] != on_file
        editor(app).open_guarded(forms / TRAINING)
        await pilot.pause()
        assert isinstance(app.screen, UnsavedChanges)
        assert f"打开“{TRAINING}”前" in str(app.screen.query(".dialog-text").first().render()) or any(
            f"打开“{TRAINING}”前" in str(label.render()) for label in app.screen.query("Label"))
        await pilot.press("n")
        await finish(pilot)
        await pilot.pause(1.5)
        assert editor(app).path == forms / TRAINING
        assert editor(app).parts.forms.summaries[two_new] == on_file


def test_long_errors_stay_longer_than_short_ones() -> None:
    short, long = "X301 无法写入", "X303 " + "浏览器没有生成 PDF，" * 20
    assert reading_seconds(long) > reading_seconds(short) + 30


async def test_the_summary_starts_on_the_open_form_and_scrolls_by_whole_columns(forms: Path) -> None:
    from test_exchange_in_editor import open_summary

    from tui.screens.summary_screen import ColumnScrollTable

    app = JixiaoApp(forms / TRAINING)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_summary(pilot)
        table = screen.query_one(ColumnScrollTable)
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        assert key == str(forms / TRAINING)  # not row 1
        starts = table._starts()
        seen = [table.scroll_x]
        for _ in range(len(starts)):
            await pilot.press("right")
            await pilot.pause()
            seen.append(table.scroll_x)
        assert seen[0] == 0 and len(set(seen)) > 3
        assert all(x in starts for x in seen)  # a column is never cut at the left edge
        widths = sum(c.get_render_width(table) for c in table.ordered_columns)
        assert seen[-1] + table.scrollable_content_region.width >= widths  # the last column was reached
        await pilot.press("left")
        await pilot.pause()
        assert table.scroll_x in starts and table.scroll_x < seen[-1]


async def test_right_arrow_cycles_through_path_completions(training: Path, tmp_path: Path) -> None:
    """Two names starting alike: → completes to the first, → again to the second, then back."""
    (tmp_path / "交来的表").mkdir()
    (tmp_path / "交来的.xlsx").write_bytes(b"")
    app = JixiaoApp(training)
    async with app.run_test(size=(120, 40)) as pilot:
        await palette(pilot, "导入 Excel 或 PDF")
        field = app.screen.query_one("#prompt-input")
        await pilot.press(*f"{tmp_path}/交来")
        await pilot.pause(0.3)
        seen = []
        for _ in range(3):
            await pilot.press("right")
            await pilot.pause(0.3)
            seen.append(field.value)  # type: ignore[attr-defined]
    assert seen == [f"{tmp_path}/交来的.xlsx", f"{tmp_path}/交来的表/", f"{tmp_path}/交来的.xlsx"]


async def test_the_summary_never_shows_a_figure_cut_at_its_right_edge(forms: Path) -> None:
    """At 80 columns the last column in view was drawn cut: 总分 100.00 read `1`, 90.00 read `90`."""
    import re

    from editor_helpers import shown_lines
    from test_exchange_in_editor import open_summary

    from tui.screens.summary_screen import ColumnScrollTable

    app = JixiaoApp(forms / TRAINING)
    async with app.run_test(size=(80, 24)) as pilot:
        table = (await open_summary(pilot)).query_one(ColumnScrollTable)
        cells = {str(getattr(value, "plain", value)) for r in range(table.row_count) for value in table.get_row_at(r)}
        whole = {token for text in cells for token in text.split()}
        for _ in range(len(table._starts()) + 1):
            figures = {t for line in shown_lines(table) for t in line.split() if re.search(r"\d", t)}
            assert figures and figures <= whole, figures - whole
            await pilot.press("right")
            await pilot.pause()
