"""The editor's way out and in: export from the palette (the form as on screen), import a workbook
into the folder and open it, and the F9 summary (sorted by keys, Enter opens a form)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from conftest import TRAINING
from editor_helpers import burst, editor, retype
from textual.pilot import Pilot
from textual.widgets import DataTable, Label, Static

from exchange import pdf
from models import load_form, save_form
from tui.app import JixiaoApp
from tui.screens.dialogs import TextPrompt, UnsavedChanges
from tui.screens.path_input import PathInput
from tui.screens.report_dialog import ReportDialog
from tui.screens.summary_screen import SummaryScreen, rate_bar


async def palette(pilot: Pilot[None], command: str) -> None:
    """Run a palette command by typing its name, as a user does."""
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*command)
    await pilot.pause(0.5)
    await pilot.press("enter")
    await pilot.pause()


async def answer(pilot: Pilot[None], command: str, text: str) -> None:
    """Run a palette command, type `text` in its dialog and press Enter; wait for the work."""
    await palette(pilot, command)
    pilot.app.screen.query_one("Input").value = text  # type: ignore[attr-defined]
    await pilot.press("enter")
    await finish(pilot)


async def finish(pilot: Pilot[None]) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


def messages(app: JixiaoApp) -> list[str]:
    return [n.message for n in app._notifications]


def dialog_error(app: JixiaoApp) -> str:
    """The reason a dialog shows for not accepting what was typed ("" when none)."""
    assert isinstance(app.screen, TextPrompt)
    label = app.screen.query_one("#prompt-error", Label)
    return str(label.render()) if label.display else ""


async def test_export_writes_the_form_as_on_screen_not_as_saved(training: Path) -> None:
    app = JixiaoApp(training)
    async with app.run_test(size=(120, 40)) as pilot:
        await retype(pilot, "#f-funds-current_year-executed", "30.20")  # unsaved: the file says 25.40
        await palette(pilot, "导出当前表单为 Excel")
        prompt = app.screen
        assert isinstance(prompt, TextPrompt)
        assert prompt.query_one("Input").value == str(training.with_suffix(".xlsx"))  # next to the form
        await pilot.press("enter")
        await finish(pilot)
        assert editor(app).unsaved  # exporting does not save
        figures = editor(app).figures
        assert figures is not None
    sheet = openpyxl.load_workbook(training.with_suffix(".xlsx")).worksheets[0]
    assert Decimal(str(sheet["E7"].value)) == Decimal("30.20")  # 当年财政拨款 · 全年执行数
    assert Decimal(str(sheet["G6"].value)) == figures.execution_rate == Decimal("100.00")
    assert any("已导出 1 个表单" in m and str(training.with_suffix(".xlsx")) in m for m in messages(app))
    assert "25.40" in training.read_text(encoding="utf-8")


async def test_folder_export_counts_errors_and_writes_where_asked(forms: Path, tmp_path: Path) -> None:
    app = JixiaoApp(forms / TRAINING)
    out = tmp_path / "all.html"
    async with app.run_test(size=(120, 40)) as pilot:
        await retype(pilot, "#f-project", "")  # 项目名称 is required: one error, on screen only
        await palette(pilot, "导出整个文件夹为网页")
        field = app.screen.query_one("Input")
        assert field.value == str(Path.cwd() / "forms.html")  # where `jixiao export FOLDER` puts it
        field.value = str(out)
        await pilot.press("enter")
        await finish(pilot)
    html = out.read_text(encoding="utf-8")
    assert html.count("总分") >= 6 and "社区建设工作专项经费" in html
    done = [m for m in messages(app) if m.startswith("已导出 6 个表单")]
    assert done and "1 个表单共有 1 个错误" in done[0]


async def test_pdf_without_a_browser_says_so_in_chinese(training: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf, "find_browser", lambda: None)
    app = JixiaoApp(training)
    async with app.run_test(size=(120, 40)) as pilot:
        await palette(pilot, "导出当前表单为 PDF")
        await pilot.press("enter")
        await finish(pilot)
    said = [m for m in messages(app) if m.startswith("X302 没有找到")]
    assert said and "导出…为网页" in said[0]  # the editor's own command, not only the CLI flag
    assert not training.with_suffix(".pdf").exists()


async def test_an_unwritable_destination_is_a_message_not_a_crash(training: Path, tmp_path: Path) -> None:
    app = JixiaoApp(training)
    async with app.run_test(size=(120, 40)) as pilot:
        await palette(pilot, "导出当前表单为 Excel")
        app.screen.query_one("Input").value = str(tmp_path / "no-such-folder" / "out.xlsx")
        await pilot.press("enter")
        await finish(pilot)
        assert app.is_running
        assert dialog_error(app).startswith("X301 无法写入")  # the dialog stays, to correct the name


def _workbook_of(form_path: Path, out: Path) -> None:
    from exchange.layout import form_layout
    from exchange.xlsx import workbook_bytes
    from models import score_form

    form = load_form(form_path)
    out.write_bytes(workbook_bytes([form_layout(form, score_form(form))]))


async def test_import_writes_the_form_into_the_folder_and_opens_it(forms: Path, tmp_path: Path) -> None:
    book = tmp_path / "交来的.xlsx"
    _workbook_of(forms / TRAINING, book)
    original = (forms / TRAINING).read_text(encoding="utf-8")
    (forms / TRAINING).unlink()
    app = JixiaoApp(forms)
    async with app.run_test(size=(120, 40)) as pilot:
        await finish(pilot)
        assert editor(app).path != forms / TRAINING
        await palette(pilot, "导入 Excel 或 PDF")
        app.screen.query_one("Input").value = str(book)
        await pilot.press("enter")
        await finish(pilot)
        assert editor(app).path == forms / TRAINING
        assert editor(app).form.project == "基层治理骨干专项教育培训班经费"  # type: ignore[union-attr]
        listed = editor(app).parts.forms
        assert len(listed.paths) == 6 and "6" in str(listed.border_title)  # the list counts the new form at once
    assert (forms / TRAINING).read_text(encoding="utf-8") == original  # jixiao's own export comes back whole


async def test_import_never_overwrites_and_lists_what_was_not_written(forms: Path, tmp_path: Path) -> None:
    book = tmp_path / "交来的.xlsx"
    _workbook_of(forms / TRAINING, book)
    before = (forms / TRAINING).read_bytes()
    app = JixiaoApp(forms / TRAINING)
    async with app.run_test(size=(120, 40)) as pilot:
        await palette(pilot, "导入 Excel 或 PDF")
        app.screen.query_one("Input").value = str(book)
        await pilot.press("enter")
        await finish(pilot)
        dialog = app.screen
        assert isinstance(dialog, ReportDialog)
        assert any("已存在，未覆盖" in line for line in dialog.lines)
        await pilot.press("escape")
    assert (forms / TRAINING).read_bytes() == before


async def test_import_of_a_missing_file_is_refused_with_its_name(training: Path, tmp_path: Path) -> None:
    app = JixiaoApp(training)
    async with app.run_test(size=(120, 40)) as pilot:
        await palette(pilot, "导入 Excel 或 PDF")
        app.screen.query_one("Input").value = str(tmp_path / "没有.xlsx")
        await pilot.press("enter")
        await finish(pilot)
        assert dialog_error(app).startswith("E001 ")
        await pilot.press("escape")
        await pilot.pause()
        assert editor(app).path == training


async def open_summary(pilot: Pilot[None]) -> SummaryScreen:
    """F9 once the form list has read the folder; the summary reads it in a worker too."""
    await finish(pilot)
    await pilot.press("f9")
    await finish(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, SummaryScreen)
    return screen


def totals(screen: SummaryScreen) -> list[Decimal]:
    table = screen.query_one("DataTable")
    column = list(table.columns).index("total")  # type: ignore[attr-defined]
    return [Decimal(str(table.get_row_at(i)[column])) for i in range(table.row_count - 1)]  # type: ignore[attr-defined]


async def test_summary_sorts_by_its_keys_and_enter_opens_the_form(forms: Path) -> None:
    app = JixiaoApp(forms / TRAINING)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_summary(pilot)
        assert screen.query_one("DataTable").row_count == 7  # six forms and the total row
        await pilot.press("3")  # 总分, highest first
        assert totals(screen) == sorted(totals(screen), reverse=True)
        await pilot.press("3")  # again: lowest first
        lowest = totals(screen)
        assert lowest == sorted(lowest) and lowest[0] == Decimal("94.41")
        await pilot.press("2", "ctrl+home", "down", "enter")  # 执行率 highest first; the second row
        await pilot.pause()
        assert app.screen is editor(app)
        assert editor(app).path == forms / "2024-新业态、新就业群体党建工作经费.toml"


async def test_summary_enter_asks_about_unsaved_changes_first(training: Path) -> None:
    app = JixiaoApp(training)
    async with app.run_test(size=(120, 40)) as pilot:
        await retype(pilot, "#f-funds-current_year-executed", "30.20")
        await palette(pilot, "汇总表")
        await finish(pilot)
        await pilot.press("1", "ctrl+home", "enter")  # by name: “两新”… first (the cursor starts on the open form)
        await pilot.pause()
        assert isinstance(app.screen, UnsavedChanges)
        await pilot.press("escape")
        await pilot.pause()
        assert editor(app).path == training and editor(app).unsaved


def test_rate_bar_fills_in_eighths() -> None:
    assert rate_bar(Decimal("100")) == "█" * 10
    assert rate_bar(Decimal("84.10")) == "████████▍ "
    assert rate_bar(Decimal("130")) == "█" * 10
    assert rate_bar(None) == ""


async def test_the_import_path_completes_folders_and_workbooks_only(tmp_path: Path) -> None:
    from tui.screens.path_input import PathSuggester

    (tmp_path / "交来的表").mkdir()
    (tmp_path / "交来的.xlsx").write_bytes(b"")
    (tmp_path / "交来的.txt").write_bytes(b"")
    suggester = PathSuggester(tmp_path, (".xlsx", ".pdf"))
    assert await suggester.get_suggestion("交来的.") == "交来的.xlsx"  # the .txt is never offered
    assert await suggester.get_suggestion("交来的表") == "交来的表/"
    assert await suggester.get_suggestion(f"{tmp_path}/交来的.x") == f"{tmp_path}/交来的.xlsx"
    assert await suggester.get_suggestion("没有") is None


async def test_export_refuses_to_write_over_a_form(training: Path) -> None:
    before = training.read_bytes()
    app = JixiaoApp(training)
    async with app.run_test(size=(120, 40)) as pilot:
        await answer(pilot, "导出当前表单为网页", str(training))
        assert dialog_error(app).startswith("X301 不能导出到")
    assert training.read_bytes() == before


async def test_summary_of_forms_in_different_units_keeps_each_bar_beside_its_rate(forms: Path) -> None:
    from models import save_form

    form = load_form(forms / TRAINING)
    form.project, form.money_unit = "以元计的项目", "元"
    save_form(form, forms / "2024-以元计的项目.toml")
    app = JixiaoApp(forms / TRAINING)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_summary(pilot)
        table = screen.query_one("DataTable")
        keys = [str(key.value) for key in table.columns]  # type: ignore[attr-defined]
        assert keys[2] == "unit" and keys[keys.index("execution_rate") + 1] == "bar"
        rate = keys.index("execution_rate")
        for index, row in enumerate(screen.summary.rows):
            shown = table.get_row_at(index)  # type: ignore[attr-defined]
            assert str(shown[rate]) == row[rate].text and str(shown[rate + 1]) == rate_bar(row[rate].number)


async def test_summary_name_column_leaves_the_figures_in_sight(forms: Path) -> None:
    """A long 项目名称 is cut with … in the fixed column (at most a third of the screen), so 执行率
    is on an 80×24 screen; the whole name of the current row is shown under the table."""
    long_name = "上海市宝山区社区建设工作专项经费之基层治理能力提升与社区服务体系建设示范项目（含居民区党组织书记培训和社区工作者能力建设及其他）"
    form = load_form(forms / TRAINING)
    form.project = long_name
    save_form(form, forms / "长名称.toml")
    app = JixiaoApp(forms / TRAINING)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_summary(pilot)
        table = screen.query_one(DataTable)
        name_width = table.columns["project"].get_render_width(table)  # type: ignore[index]
        assert name_width <= 80 // 3 + 2
        rate_start = sum(c.get_render_width(table) for c in table.ordered_columns[:screen.rate_column])
        assert rate_start + table.columns["execution_rate"].get_render_width(table) <= 80  # type: ignore[index]
        row = screen.summary.paths.index(str(forms / "长名称.toml"))
        assert "…" in str(table.get_row_at(row)[0])
        table.move_cursor(row=row)
        await pilot.pause()
        assert long_name in str(screen.query_one("#summary-current", Static).render()).replace("\n", "")


async def test_summary_tells_copies_apart_in_the_name_column_at_80x24(forms: Path) -> None:
    """A copy of a form is named with its file (〔…-副本.toml〕): the cut keeps that end in sight."""
    copy = forms / TRAINING.replace(".toml", "-副本.toml")
    copy.write_bytes((forms / TRAINING).read_bytes())
    app = JixiaoApp(forms / TRAINING)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_summary(pilot)
        table = screen.query_one(DataTable)
        assert table.columns["project"].get_render_width(table) <= 80 // 3 + 2  # type: ignore[index]
        names = [str(table.get_row_at(screen.summary.paths.index(str(path)))[0]) for path in (forms / TRAINING, copy)]
        assert names[0] != names[1] and names[1].endswith("副本.toml〕")


async def test_a_name_typed_right_after_ctrl_u_in_the_export_box_is_kept(training: Path) -> None:
    app = JixiaoApp(training)
    async with app.run_test(size=(120, 40)) as pilot:
        await palette(pilot, "导出当前表单为 Excel")
        box = app.screen.query_one(PathInput)
        await burst(pilot, "ctrl+u", *"abc.xlsx")  # Ctrl+U ran after the name and emptied the box
        assert box.value == "abc.xlsx"
