"""Chinese wraps between any two characters; no line begins with a closing mark or ends with an opening one."""

from __future__ import annotations

import pytest
from rich.cells import cell_len
from textual.app import App, ComposeResult
from textual.widgets import Label, TextArea

from tui.cjk_wrap import NO_LINE_END, NO_LINE_START, install, line_breaks

GOAL = "组织开展基层治理骨干专项教育培训，提高服务能力；集中培训三次（每次两天），培训人数达到 120 人。"


def lines(text: str, width: int, **options: bool) -> list[str]:
    cuts = [0, *line_breaks(text, width, **options), len(text)]
    return [text[a:b] for a, b in zip(cuts, cuts[1:], strict=False)]


@pytest.mark.parametrize("width", range(6, 40))
def test_every_line_fits_and_keeps_the_rules(width: int) -> None:
    wrapped = lines(GOAL, width)
    assert "".join(wrapped) == GOAL
    for line in wrapped:
        assert cell_len(line.rstrip()) <= width
        assert line[0] not in NO_LINE_START, wrapped
        assert line.rstrip()[-1] not in NO_LINE_END, wrapped


@pytest.mark.parametrize("text", [GOAL, "培训 ", "（第 162 号）", "  两新 组织  ", "abc def  "])
def test_a_text_that_fits_is_one_line_and_one_that_does_not_is_cut(text: str) -> None:
    """Trailing spaces do not count, except in a text area (keep_spaces), where the cursor stands after them."""
    for width in range(1, cell_len(text) + 3):
        assert (line_breaks(text, width) == []) == (cell_len(text.rstrip()) <= width), width
        assert (line_breaks(text, width, keep_spaces=True) == []) == (cell_len(text) <= width), width


def test_chinese_breaks_between_characters_not_only_at_spaces() -> None:
    # Textual's own rule moves the whole run to the next line and chops it: `…集中培` / `训`.
    assert lines("开展集中培训活动", 10) == ["开展集中培", "训活动"]
    assert lines("甲" * 3 + "开展集中培训活动", 10)[0] == "甲甲甲开展"  # the first line is filled


def test_a_closing_mark_takes_the_character_before_it_along() -> None:
    assert lines("提高服务能力，完成", 12) == ["提高服务能", "力，完成"]


def test_an_opening_mark_goes_with_the_next_character() -> None:
    assert lines("资金按时（万元）拨付", 10) == ["资金按时", "（万元）拨", "付"]


def test_latin_words_and_numbers_stay_whole() -> None:
    assert lines("执行率 30.20% 达标", 10) == ["执行率 ", "30.20% 达", "标"]
    assert lines("hello world", 7) == ["hello ", "world"]


def test_a_word_wider_than_the_line_is_folded() -> None:
    assert lines("abcdefghij", 4) == ["abcd", "efgh", "ij"]
    assert lines("abcdefghij", 4, fold=False) == ["abcdefghij"]


class _Shown(App[None]):
    def compose(self) -> ComposeResult:
        yield Label("开展集中培训活动，提高服务能力。", id="label")
        yield TextArea("开展集中培训活动，提高服务能力。", soft_wrap=True, compact=True, id="area")


async def test_textual_widgets_wrap_by_the_rule() -> None:
    """Labels (dialogs, problems, help) and text areas (goals) both use line_breaks once installed."""
    install()
    app = _Shown()
    async with app.run_test(size=(40, 10)) as pilot:
        app.query_one("#label").styles.width = 10
        area = app.query_one("#area", TextArea)
        area.styles.width = 12  # wraps at 9 cells (one is kept for the cursor)
        await pilot.pause()
        label = app.query_one("#label", Label)
        rows = [strip.text.rstrip() for strip in label.render_lines(label.region.reset_offset)]
        assert rows[:4] == ["开展集中培", "训活动，提", "高服务能", "力。"]  # not `。` alone
        assert area.wrap_width == 9
        assert area.wrapped_document.lines[0] == ["开展集中", "培训活", "动，提高", "服务能", "力。"]  # not `，提高服`
