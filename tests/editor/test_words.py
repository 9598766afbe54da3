"""What the editor says: after a save, before leaving, read-only, placeholders, pickers, names, recovery."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from editor_helpers import editor, hold_lock, retype, write_text_in_amount
from rich.cells import cell_len
from textual.widgets import OptionList
from textual.widgets._footer import FooterKey

from models import load_form
from models.recovery import recovery_path
from tui.app import JixiaoApp
from tui.screens.dialogs import ChoiceDialog, Question, TextPrompt, UnsavedChanges
from tui.widgets.fields import FieldInput
from tui.widgets.status import ProblemsPanel

EXECUTED = "#f-funds-current_year-executed"


def _messages(app: JixiaoApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


def _question(app: JixiaoApp) -> str:
    return str(app.screen.query_one(".dialog-text").render())


async def test_saving_refused_text_says_what_was_written(training: Path) -> None:
    app = JixiaoApp(training)
    async with app.run_test(size=(120, 40)) as pilot:
        await retype(pilot, EXECUTED, "30.20")
        await pilot.press("a", "b", "c")
        await pilot.press("ctrl+s")
        await pilot.pause()
        said = "\n".join(_messages(app))
        assert "已保存" in said and "仍有 1 个错误" in said
        assert "“30.20abc”无效，未写入；文件中是上一个有效值 30.20" in said
    assert str(load_form(training).funds.current_year.executed) == "30.20"  # type: ignore[attr-defined]


async def test_saving_a_form_with_errors_counts_them(training: Path) -> None:
    app = JixiaoApp(training)
    async with app.run_test(size=(120, 40)) as pilot:
        await retype(pilot, "#f-project", "")  # 项目名称 is required
        errors = editor(app).view.errors  # type: ignore[union-attr]
        assert errors > 0
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert any(f"，仍有 {errors} 个错误" in m for m in _messages(app))


async def test_a_clean_save_says_only_saved(training: Path) -> None:
    app = JixiaoApp(training)
    async with app.run_test(size=(120, 40)) as pilot:
        await retype(pilot, EXECUTED, "30.20")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert _messages(app) == [f"已保存 {training.name}"]


async def test_the_unsaved_question_names_what_comes_next(forms: Path, training: Path) -> None:
    app = JixiaoApp(training)
    async with app.run_test(size=(120, 40)) as pilot:
        await retype(pilot, EXECUTED, "30.20")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, UnsavedChanges) and _question(app) == "退出前保存修改吗？"
        await pilot.press("escape")
        await pilot.pause()
        editor(app).parts.forms.post_message(type(editor(app).parts.forms).Chosen(forms / "2024-社区建设工作专项经费.toml"))
        await pilot.pause()
        assert isinstance(app.screen, UnsavedChanges) and _question(app) == "打开“2024-社区建设工作专项经费.toml”前保存修改吗？"


async def test_read_only_offers_no_save_and_says_so_once(training: Path, other_process: int) -> None:
    hold_lock(training, other_process, "李四")
    app = JixiaoApp(training)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("r")  # 只读打开
        await pilot.pause()
        keys = [key.description for key in app.screen.query(FooterKey)]
        assert "帮助" in keys and not {"保存", "撤销", "重做"} & set(keys)  # nothing can change: no undo either
        await pilot.press("f5")  # the indicator table: its row changes are not offered either
        await pilot.pause()
        keys = [key.description for key in app.screen.query(FooterKey)]
        assert "编辑" in keys and not {"插入指标", "清空", "删除指标", "上移", "下移"} & set(keys)
        told = len(_messages(app))
        field = app.screen.query_one(EXECUTED, FieldInput)
        field.focus()
        await pilot.press("end", "9", "9", "9")
        await pilot.pause()
        assert len(_messages(app)) == told  # opening said it; keystrokes do not repeat it
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "不能保存" in _messages(app)[-1]  # Ctrl+S still explains, and offers 另存为


async def test_the_footer_shows_the_palette_key_once(training: Path) -> None:
    app = JixiaoApp(training)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert [k.key for k in app.screen.query(FooterKey)].count("ctrl+p") == 1
        assert [k.key for k in app.screen.query(FooterKey) if k.description == "保存"] == ["ctrl+s"]


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_placeholders_are_hints_and_fit_their_fields(forms: Path, size: tuple[int, int]) -> None:
    app = JixiaoApp(forms)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        editor(app).action_new_form()
        await pilot.pause()
        app.screen.query_one("#prompt-input").value = "新项目"  # type: ignore[attr-defined]
        await pilot.press("enter")
        await pilot.pause()
        for where in ("department", "implementer"):
            field = app.screen.query_one(f"#f-{where}", FieldInput)
            assert field.value == "" and field.placeholder.startswith("例：")  # not 主管部门 beside 主管部门
        for field in app.screen.query(FieldInput):
            if field.placeholder and field.region.width:
                assert cell_len(field.placeholder) <= field.content_region.width, (field.id, field.placeholder)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_rule_set_picker_wraps_no_phrase(training: Path, size: tuple[int, int]) -> None:
    app = JixiaoApp(training)
    async with app.run_test(size=size) as pilot:
        editor(app).action_choose_rule_set()
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        options = app.screen.query_one(OptionList)
        width = options.scrollable_content_region.width
        for index in range(options.option_count):
            for line in str(options.get_option_at_index(index).prompt).split("\n"):
                assert cell_len(line) <= width, line


async def test_a_name_clash_keeps_the_rename_box_open_to_correct(training: Path) -> None:
    taken = training.with_name("培训班.toml")
    taken.write_bytes(training.read_bytes())
    app = JixiaoApp(training)
    async with app.run_test(size=(120, 40)) as pilot:
        editor(app).action_rename()
        await pilot.pause()
        prompt = app.screen.query_one("#prompt-input")
        assert prompt.value == training.stem  # type: ignore[attr-defined]
        prompt.value = "培训班"  # type: ignore[attr-defined]
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TextPrompt)
        error = str(app.screen.query_one("#prompt-error").render())
        assert "已存在" in error and "修改仍保留" not in error  # nothing was modified: no changes to keep
        app.screen.query_one("#prompt-input").value = "培训班二"  # type: ignore[attr-defined]
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, TextPrompt)
        assert editor(app).path == training.with_name("培训班二.toml") and taken.exists()


async def test_save_as_and_rename_are_filled_in_alike(training: Path) -> None:
    app = JixiaoApp(training)
    async with app.run_test(size=(120, 40)) as pilot:
        shown = []
        for action in (editor(app).action_save_as, editor(app).action_rename):
            action()
            await pilot.pause()
            shown.append(app.screen.query_one("#prompt-input").value)  # type: ignore[attr-defined]
            await pilot.press("escape")
            await pilot.pause()
        assert shown == [training.stem, training.stem]


async def test_the_recovery_question_lists_the_changes(training: Path) -> None:
    project = load_form(training).project
    path = recovery_path(training)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(training.read_text(encoding="utf-8").replace(project, "崩溃前的修改"), encoding="utf-8")
    app = JixiaoApp(training)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.5)
        assert isinstance(app.screen, Question)
        assert f"项目名称：{project} → 崩溃前的修改" in _question(app)


async def test_a_row_without_a_suggestion_says_so(training: Path) -> None:
    app = JixiaoApp(training)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f5", "down")
        await pilot.pause()
        editor(app).parts.indicators.table.move_cursor(1, 4)
        await pilot.press("delete")  # 实际完成值 blank: the rule cannot suggest a score
        await pilot.pause()
        note = str(app.screen.query_one("#score-note").render())
        assert note.startswith("暂无建议得分") and "—" not in note
        assert app.screen.query_one("#row-score", FieldInput).placeholder == "暂无建议"


@pytest.mark.parametrize(("change", "said", "not_said"), [
    (lambda text: "# 王会计的批注\n" + text, "注释不会保留", "排版"),
    (lambda text: text.replace("\n[goals]", "\n\n\n[goals]", 1), "排版与标准格式不同", "注释"),
], ids=["comments", "layout only"])
async def test_the_hand_edit_question_speaks_of_comments_only_when_there_are_some(
    training: Path, change: Callable[[str], str], said: str, not_said: str,
) -> None:
    training.write_text(change(training.read_text(encoding="utf-8")), encoding="utf-8")
    app = JixiaoApp(training)
    async with app.run_test(size=(120, 40)) as pilot:
        await retype(pilot, "#f-project", "改名")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, Question)
        assert said in _question(app) and not_said not in _question(app)


async def test_a_problem_names_its_field_once(training: Path) -> None:
    """E004 says which field in its words (validate prints it alone); the list put the label before it too."""
    write_text_in_amount(training)
    app = JixiaoApp(training)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        panel = app.screen.query_one(ProblemsPanel)
        lines = [str(panel.get_option_at_index(i).prompt) for i in range(panel.option_count)]
        e004 = next(line for line in lines if "E004" in line)
        assert e004.count("全年执行数") == 1 and "[项目资金·当年财政拨款·全年执行数] 应为数字" in e004
