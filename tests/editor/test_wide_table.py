"""The indicator table at 80 columns with many rows: the › mark stays beside the scrollbar and no
column is shown cut (a cut 得分 showed its heading's first character over blank figures)."""

from __future__ import annotations

from pathlib import Path

from rich.cells import cell_len

from bench.corpus import big_form
from models import save_form
from tui.app import JixiaoApp
from tui.widgets.indicators import COLUMNS, IndicatorTable


def _seen(table: IndicatorTable, y: int) -> str:
    return table.render_line(y).text


async def test_many_rows_at_80_columns_keep_the_mark_and_whole_columns(tmp_path: Path) -> None:
    path = tmp_path / "big.toml"
    save_form(big_form(200), path)
    app = JixiaoApp(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f5")
        table = app.screen.query_one(IndicatorTable)
        assert table.scrollable_content_region.width < table.size.width  # the scrollbar takes its cells
        for column in range(len(COLUMNS)):
            table.move_cursor(0, column)
            await pilot.pause()
            header = _seen(table, 0)
            assert cell_len(header) == table.scrollable_content_region.width
            headings = [heading for _, heading, _ in COLUMNS]
            if headings[-1] not in header:  # columns out of sight to the right: marked
                assert header.endswith("›"), (column, header)
            assert headings[column] in header, (column, header)  # the cursor's column is seen
            for heading in headings:  # every heading seen is whole: no column is drawn cut
                if heading[0] in header:
                    assert heading in header, (heading, header)
