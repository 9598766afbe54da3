"""SVG snapshots at 120×40 (the main screen, the problems panel, the help screen) and at 80×24
(the main screen, the indicator table scrolled to its last column, the help screen).

Update them only after looking at the new pictures: pytest tests/editor/test_snapshots.py --snapshot-update
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from models import Form, Indicator, save_form
from tui.app import JixiaoApp

SIZE = (120, 40)
SMALL = (80, 24)


async def settled(pilot: Any) -> None:
    """Wait until the form list has read every form in the background, so each picture is the same."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def test_main_screen_with_a_reference_form(snap_compare: Any, training: Path) -> None:
    assert snap_compare(JixiaoApp(training), terminal_size=SIZE, run_before=settled)


def test_problems_panel(snap_compare: Any, forms: Path) -> None:
    path = forms / "2024-有问题的表单.toml"
    save_form(Form(year=2024, project="有问题的表单", department="", implementer="单位", indicators=[
        Indicator(level1="产出指标", level2="数量指标", name="课时数", target="≥232课时", actual="84课时",
                  weight=Decimal(50)),
        Indicator(level1="产出指标", level2="社会效益指标", name="满意度", target="合格", actual="达成指标",
                  weight=Decimal(30)),
    ]), path)

    async def focus_problems(pilot: Any) -> None:
        await settled(pilot)
        await pilot.press("f6")

    assert snap_compare(JixiaoApp(path), terminal_size=SIZE, run_before=focus_problems)


async def open_help(pilot: Any) -> None:
    await settled(pilot)
    await pilot.press("f1")


def test_help_screen(snap_compare: Any, training: Path) -> None:
    assert snap_compare(JixiaoApp(training), terminal_size=SIZE, run_before=open_help)


def test_main_screen_at_80x24(snap_compare: Any, training: Path) -> None:
    assert snap_compare(JixiaoApp(training), terminal_size=SMALL, run_before=settled)


def test_indicator_table_at_80x24_scrolled_to_its_last_column(snap_compare: Any, training: Path) -> None:
    async def to_the_last_column(pilot: Any) -> None:
        await settled(pilot)
        await pilot.press("f5", "down", "end")
        await pilot.pause()

    assert snap_compare(JixiaoApp(training), terminal_size=SMALL, run_before=to_the_last_column)


def test_help_screen_at_80x24(snap_compare: Any, training: Path) -> None:
    assert snap_compare(JixiaoApp(training), terminal_size=SMALL, run_before=open_help)
