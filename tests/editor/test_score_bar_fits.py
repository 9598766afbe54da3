"""The score bar fits every width from 80 columns with all of its parts visible (issue 13)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from editor_helpers import editor

from models.view import View
from tui.app import JixiaoApp
from tui.widgets.indicators import IndicatorTable
from tui.widgets.status import ScoreBar, fitted_bar

EVERY_FIGURE = frozenset({"execution_rate", "execution_score", "indicator_score", "total", "grade"})


def _parts(view: View) -> list[str]:
    """What must be seen whatever the width: the markers, the grade and both counts."""
    figures = view.figures
    assert figures is not None
    warnings = len(view.problems) - view.errors
    grade = "—" if "grade" in view.unknown else figures.grade
    return ["只读", "●", grade, f"错 {view.errors}", f"警 {warnings}"]


async def test_the_bar_fits_80_to_90_columns_with_every_part(training: Path) -> None:
    app = JixiaoApp(training)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        view = editor(app).view
        assert view is not None
        worst = replace(view, read_only="别人正在编辑", unsaved=True)
        for shown in (worst, replace(worst, unknown=EVERY_FIGURE)):
            for width in range(80, 91):
                text = fitted_bar(shown, width)
                assert text.cell_len <= width, (width, text.plain)
                for part in _parts(shown):
                    assert part in text.plain, (width, part, text.plain)


async def test_an_unsaved_form_with_unknown_figures_shows_its_counts_at_80_columns(training: Path) -> None:
    app = JixiaoApp(training)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f5")
        app.screen.query_one(IndicatorTable).move_cursor(1, 4)
        await pilot.press("delete")  # 实际完成值 blank: 指标分 and 总分 cannot be known
        await pilot.pause()
        view = editor(app).view
        assert view is not None and view.unsaved and view.unknown
        shown = str(app.screen.query_one(ScoreBar).render())
        assert f"警 {len(view.problems) - view.errors}" in shown and f"错 {view.errors}" in shown, shown
