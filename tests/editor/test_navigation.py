"""Keys: panes by F2–F7, the problems panel jumps to fields, help, the command palette, small screens."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from editor_helpers import editor, retype, shown_lines
from textual.containers import VerticalScroll
from textual.widgets import Label

from models import Form, Indicator, save_form
from tui.app import JixiaoApp
from tui.screens.help import HelpScreen
from tui.widgets.form_list import FormList
from tui.widgets.indicators import IndicatorTable
from tui.widgets.status import ProblemsPanel


async def test_function_keys_jump_to_panes(training: Path) -> None:
    app = JixiaoApp(training)
    async with app.run_test(size=(120, 40)) as pilot:
        expected = {
            "f2": "f-year", "f3": "f-funds-current_year-initial_budget", "f4": "f-goals-expected",
            "f7": "forms",
        }
        for key, widget_id in expected.items():
            await pilot.press(key)
            assert app.focused is not None and app.focused.id == widget_id, key
        await pilot.press("f5")
        assert isinstance(app.focused, IndicatorTable)


async def test_tab_moves_in_reading_order(training: Path) -> None:
    app = JixiaoApp(training)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f2")
        order = []
        for _ in range(7):
            await pilot.press("tab")
            order.append(app.focused.id if app.focused else None)
        assert order == ["f-project", "f-department", "f-implementer", "f-money_unit", "rule-set",
                         "f-funds-current_year-initial_budget", "f-funds-current_year-budget"]
        await pilot.press("down")  # arrows move between the rows of money fields
        assert app.focused is not None and app.focused.id == "f-funds-carried_over-budget"


async def test_choosing_a_problem_focuses_its_field(training: Path) -> None:
    app = JixiaoApp(training)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = editor(app)
        await retype(pilot, "#f-funds-current_year-executed", "40.00")
        assert any(p.code == "W202" for p in screen.problems)  # executed above budget
        await pilot.press("f6")
        panel = app.screen.query_one(ProblemsPanel)
        assert app.focused is panel
        index = next(i for i, p in enumerate(screen.problems) if p.code == "W202")
        panel.highlighted = index
        await pilot.press("enter")
        await pilot.pause()
        assert app.focused is not None and app.focused.id == "f-funds-current_year-executed"


async def test_problem_on_an_indicator_moves_the_table_to_its_row(forms: Path) -> None:
    path = forms / "broken.toml"
    form = Form(year=2024, project="测试", department="部门", implementer="单位", indicators=[
        Indicator(level1="产出指标", level2="数量指标", name="甲", target="≥10个", actual="10个", weight=Decimal(45)),
        Indicator(level1="产出指标", level2="数量指标", name="乙", target="≥10个", actual="5个", weight=Decimal(45)),
    ])
    save_form(form, path)
    app = JixiaoApp(path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = editor(app)
        index = next(i for i, p in enumerate(screen.problems) if p.code == "E107")
        assert screen.problems[index].where == "indicators[1].deviation_reason"
        await pilot.press("f6")
        app.screen.query_one(ProblemsPanel).highlighted = index
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.query_one(IndicatorTable).cursor_row == 1
        assert app.focused is app.screen.query_one("#row-deviation_reason")
        await pilot.press(*"培训推迟")
        assert all(p.code != "E107" for p in screen.problems)
        assert screen.form.indicators[1].deviation_reason == "培训推迟"  # type: ignore[union-attr]


async def test_help_lists_every_key(training: Path) -> None:
    app = JixiaoApp(training)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        rows = {keys for keys, _ in app.screen.rows}  # type: ignore[attr-defined]
        assert {"Ctrl+S", "Ctrl+Z", "Ctrl+Y", "F1", "F2", "F5", "Ctrl+Q", "Ctrl+R"} <= rows
        # The table's own keys, from LineTable's bindings (the README lists them too).
        assert {"Home", "End", "Ctrl+Home", "Ctrl+End", "PgUp", "PgDn"} <= rows
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_every_binding_has_an_id() -> None:
    from tui.screens.dialogs import ChoiceDialog, TextPrompt, UnsavedChanges
    from tui.screens.editor import EditorScreen
    from tui.widgets.indicators import IndicatorsPane
    from tui.widgets.panes import FundsPane

    for owner in (JixiaoApp, EditorScreen, IndicatorTable, IndicatorsPane, FundsPane, HelpScreen,
                  UnsavedChanges, TextPrompt, ChoiceDialog):
        for binding in owner.BINDINGS:
            assert getattr(binding, "id", None), f"{owner.__name__}: {binding}"


async def test_command_palette_runs_app_commands(training: Path) -> None:
    app = JixiaoApp(training)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = editor(app)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"添加指标")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert len(screen.form.indicators) == 5  # type: ignore[union-attr]
        await pilot.press("ctrl+p")
        await pilot.press(*"评分规则")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("down", "enter")  # the second rule set: 执行率四舍五入
        await pilot.pause()
        assert screen.form.rule_set == "rounded"  # type: ignore[union-attr]


async def test_small_terminal_hides_the_list_until_asked(training: Path) -> None:
    app = JixiaoApp(training)
    async with app.run_test(size=(80, 24)) as pilot:
        form_list = app.screen.query_one(FormList)
        assert not form_list.display or form_list.region.width == 0
        await pilot.press("f7")
        await pilot.pause()
        assert form_list.region.width > 0 and app.focused is form_list
        await retype(pilot, "#f-funds-current_year-executed", "30.20")
        assert editor(app).figures.total == Decimal("96.00")  # type: ignore[union-attr]


async def test_a_broken_file_is_listed_with_its_problems_not_a_crash(forms: Path) -> None:
    broken = forms / "broken.toml"
    broken.write_text('year = 2024\nproject = "缺引号\n', encoding="utf-8")
    app = JixiaoApp(broken)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = editor(app)
        assert screen.form is None
        assert [p.code for p in screen.problems] == ["E003"]
        assert "broken.toml" in str(app.screen.query_one("#empty").render())
        await pilot.press("ctrl+s", "ctrl+z")  # nothing to save or undo, and no crash
        assert app.is_running


async def test_an_empty_folder_says_how_to_begin(tmp_path: Path) -> None:
    app = JixiaoApp(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert "新建表单" in str(app.screen.query_one("#empty").render())


async def test_the_list_shows_each_forms_year(forms: Path, training: Path) -> None:
    (forms / "sub").mkdir()
    (forms / "sub" / "elsewhere.toml").write_text(training.read_text(encoding="utf-8"), encoding="utf-8")
    app = JixiaoApp(training)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.5)
        form_list = app.screen.query_one("#forms")
        assert len(form_list.paths) == 6  # type: ignore[attr-defined]  # subfolders are other folders
        prompt = str(form_list.get_option_at_index(0).prompt)  # type: ignore[attr-defined]
        assert "2024" in prompt


async def test_the_palette_answers_in_chinese_when_nothing_matches(training: Path) -> None:
    app = JixiaoApp(training)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p", *"zzz")
        await pilot.pause(0.6)
        shown = " ".join(str(o.prompt) for o in app.screen.query_one("CommandList").options)  # type: ignore[attr-defined]
        assert "没有名为“zzz”的命令" in shown and "No matches" not in shown


async def test_f7_twice_on_a_small_screen_gives_the_form_back_its_focus(training: Path) -> None:
    """Under 110 columns F7 shows the list instead of the form; F7 again shows the form, with the
    focus where it was — not left in the hidden list, whose filter would take the typing."""
    app = JixiaoApp(training)
    async with app.run_test(size=(80, 24)) as pilot:
        form_list = app.screen.query_one(FormList)
        await pilot.press("f3")
        field = app.focused
        assert field is not None and field.id == "f-funds-current_year-initial_budget"
        for _ in range(3):  # and again: F7 keeps working
            await pilot.press("f7")
            await pilot.pause()
            assert form_list.region.width > 0 and app.focused is form_list
            await pilot.press("f7")
            await pilot.pause()
            assert form_list.region.width == 0 and app.focused is field
        await pilot.press("x")
        assert form_list.query_text == ""  # typing went to the field, not an invisible filter


async def test_help_is_whole_and_every_row_reachable_at_80x24(training: Path) -> None:
    """Descriptions wrap (never cut), no sideways scrollbar, and ↓ / PgDn reach the last row."""
    app = JixiaoApp(training)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, HelpScreen)
        scroll = screen.query_one("#help-keys", VerticalScroll)
        assert not scroll.show_horizontal_scrollbar
        texts = list(screen.query(".help-text").results(Label))
        assert len(texts) == len(screen.rows)
        for label, (_, description) in zip(texts, screen.rows, strict=True):
            assert "".join(shown_lines(label)).replace(" ", "") == description.replace(" ", ""), description
        wrapped = next(label for label, (keys, _) in zip(texts, screen.rows, strict=True) if keys == "Ctrl+P")
        assert wrapped.size.height > 1  # 命令面板：输入命令名的一部分，回车执行（命令见下） wraps
        for _ in range(40):
            await pilot.press("pagedown")
        await pilot.pause()
        last = texts[-1]
        assert scroll.scroll_y == scroll.max_scroll_y > 0
        assert scroll.content_region.contains_region(last.region)  # 退出, the last row, is on screen
