"""The command palette finds commands by the pinyin initials of their names (`bc` → 保存)."""

from __future__ import annotations

from pathlib import Path

import pytest
from editor_helpers import editor, hold_lock

from tui.app import JixiaoApp
from tui.command_initials import every_initials, initials, missing
from tui.commands import COMMANDS

NAMES = [name for name, _, _ in COMMANDS]


@pytest.mark.parametrize("name", NAMES)
def test_every_command_name_has_its_initials(name: str) -> None:
    assert missing(name) == "", f"添加到 tui/command_initials.py 的表中：{missing(name)}"
    assert len(initials(name)) == len(name)  # one letter per character: highlights line up


def test_initials_read_as_pinyin() -> None:
    assert initials("保存") == "bc"
    assert initials("新建表单") == "xjbd"
    assert initials("重命名文件") == "cmmwj"
    assert initials("校验文件夹") == "jywjj"


async def _top_hit(app: JixiaoApp, pilot, query: str) -> str:  # type: ignore[no-untyped-def]
    await pilot.press("ctrl+p", *query)
    await pilot.pause(0.6)
    options = app.screen.query_one("CommandList").options  # type: ignore[attr-defined]
    return str(options[0].prompt).split("\n")[0]


def test_heteronyms_read_either_way() -> None:
    assert every_initials("重命名文件") == ["cmmwj", "zmmwj"]  # 重 chóng, or zhòng as many read it
    assert "xywjj" in every_initials("校验文件夹")


@pytest.mark.parametrize(("query", "command"), [("bc", "保存"), ("xj", "新建表单"), ("tjzb", "添加指标"),
                                                ("zmm", "重命名文件"), ("cmm", "重命名文件")])
async def test_typing_initials_finds_the_command(training: Path, query: str, command: str) -> None:
    app = JixiaoApp(training)
    async with app.run_test(size=(120, 40)) as pilot:
        assert (await _top_hit(app, pilot, query)).startswith(command)


async def test_enter_on_an_initials_hit_runs_it(training: Path) -> None:
    app = JixiaoApp(training)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = editor(app)
        before = len(screen.form.indicators)  # type: ignore[union-attr]
        await _top_hit(app, pilot, "tjzb")
        await pilot.press("enter")
        await pilot.pause()
        assert len(screen.form.indicators) == before + 1  # type: ignore[union-attr]


@pytest.mark.parametrize(("query", "command"), [("tjzb", "添加指标"), ("sczb", "删除指标"), ("bc", "保存"),
                                                ("xzpfgz", "选择评分规则"), ("cmm", "重命名文件")])
async def test_a_read_only_form_offers_no_command_that_would_change_it(
    training: Path, other_process: int, query: str, command: str,
) -> None:
    """Commands that would only be refused on a form open elsewhere are not offered."""
    hold_lock(training, other_process, "李四")
    app = JixiaoApp(training)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("r")  # 只读打开
        await pilot.pause()
        assert editor(app).read_only
        await _top_hit(app, pilot, query)
        options = app.screen.query_one("CommandList").options  # type: ignore[attr-defined]
        shown = [str(option.prompt).split("\n")[0] for option in options]
        assert shown and not [name for name in shown if name.startswith(command)], shown
