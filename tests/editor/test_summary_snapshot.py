"""SVG snapshot of the F9 summary at 120×40 (every column fits; bars for 执行率; sorted by 总分).

Update it only after looking at the new picture: pytest tests/editor/test_summary_snapshot.py --snapshot-update
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tui.app import JixiaoApp


async def summary_by_total(pilot: Any) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.press("f9")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.press("3")
    await pilot.pause()


def test_summary_screen(snap_compare: Any, training: Path) -> None:
    assert snap_compare(JixiaoApp(training), terminal_size=(120, 40), run_before=summary_by_total)
