"""The form list: typing filters, F8 changes the order, look-alikes show their file, ● marks unsaved work."""

from __future__ import annotations

from pathlib import Path

from editor_helpers import editor, retype

from models import load_form, save_form
from tui.app import JixiaoApp
from tui.widgets.form_list import FormList


def _lines(form_list: FormList) -> list[str]:
    return [str(form_list.get_option_at_index(i).prompt) for i in range(form_list.option_count)]


async def _ready(app: JixiaoApp, pilot) -> FormList:  # type: ignore[no-untyped-def]
    await pilot.pause(0.8)  # the figures are read in the background
    form_list = app.screen.query_one(FormList)
    form_list.focus()
    await pilot.pause()
    return form_list


async def test_typing_filters_and_escape_clears(training: Path) -> None:
    app = JixiaoApp(training)
    async with app.run_test(size=(120, 40)) as pilot:
        form_list = await _ready(app, pilot)
        await pilot.press(*"党建")
        await pilot.pause()
        assert len(form_list.shown) == 2 and all("党建" in path.name for path in form_list.shown)
        assert "筛选：党建" in str(form_list.border_subtitle) and "（2/6）" in str(form_list.border_title)
        await pilot.press("backspace", "backspace", *"培训")
        await pilot.pause()
        assert form_list.shown == [training]
        await pilot.press("enter")  # opening a filtered entry opens that form
        await pilot.pause()
        assert editor(app).path == training
        form_list.focus()
        await pilot.press("escape")
        await pilot.pause()
        assert len(form_list.shown) == 6 and not form_list.query_text


async def test_f8_sorts_by_name_year_total_and_errors(forms: Path, training: Path) -> None:
    app = JixiaoApp(training)
    async with app.run_test(size=(120, 40)) as pilot:
        form_list = await _ready(app, pilot)
        totals = []
        for expected in ("年度", "总分", "错误", "名称"):
            await pilot.press("f8")
            await pilot.pause()
            assert f"排序：{expected} F8" in str(form_list.border_subtitle)
            if expected == "总分":
                totals = [form_list.summaries[p].total for p in form_list.shown]
        assert totals == sorted(totals, key=float, reverse=True) and len(totals) == 6
        projects = [form_list.summaries[p].project for p in form_list.shown]
        assert projects == sorted(projects)


async def test_look_alike_forms_show_their_file_names(forms: Path, training: Path) -> None:
    twin = forms / "培训班-副本.toml"
    twin.write_bytes(training.read_bytes())
    app = JixiaoApp(training)
    async with app.run_test(size=(120, 40)) as pilot:
        form_list = await _ready(app, pilot)
        shown = "\n".join(_lines(form_list))
        assert "培训班-副本.toml" in shown and f"{training.name[:6]}…班经费.toml" in shown
        assert "2024-社区建设工作专项经费" not in shown  # a form like no other shows no file name


async def test_the_open_form_is_marked_while_unsaved(training: Path) -> None:
    app = JixiaoApp(training)
    async with app.run_test(size=(120, 40)) as pilot:
        form_list = await _ready(app, pilot)
        row = form_list.shown.index(training)
        assert not _lines(form_list)[row].startswith("●")
        await retype(pilot, "#f-funds-current_year-executed", "30.20")
        assert _lines(form_list)[row].startswith("● ")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not _lines(form_list)[row].startswith("●")


async def test_names_use_the_width_the_list_has(training: Path) -> None:
    """F7 on a narrow screen gives the list the whole screen: names are cut only where it ends."""
    long_name = "全区志愿服务工作专项经费（含社区志愿者培训与表彰）"  # 50 cells: more than the list beside a form
    form = load_form(training)
    form.project = long_name
    save_form(form, training)
    app = JixiaoApp(training)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.8)
        await pilot.press("f7")
        await pilot.pause()
        assert any(line.startswith(long_name) for line in _lines(app.screen.query_one(FormList)))


async def test_look_alike_file_names_keep_the_part_that_differs(forms: Path) -> None:
    """Two forms of one project and year: the file lines differ where the names do, at the end."""
    party = next(forms.glob("2024-“两新”*.toml"))
    revised = party.with_name(party.stem + "-修订.toml")
    revised.write_bytes(party.read_bytes())
    app = JixiaoApp(party)
    async with app.run_test(size=(120, 40)) as pilot:
        form_list = await _ready(app, pilot)
        prompts = [_lines(form_list)[form_list.shown.index(path)] for path in (party, revised)]
        file_lines = [prompt.splitlines()[-1].strip() for prompt in prompts]
        assert file_lines[0] != file_lines[1]
        assert file_lines[1].endswith("修订.toml")
