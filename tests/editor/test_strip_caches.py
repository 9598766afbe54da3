"""Strip caches made on first use: a strip carries none until a method needs one, and the methods
return what they did (the snapshot tests compare whole frames)."""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from tui import strip_caches

strip_caches.install()


def made(strip: Strip, name: str) -> bool:
    try:
        Strip.__dict__[name].slot.__get__(strip, Strip)
    except AttributeError:
        return False
    return True


def test_a_new_strip_has_no_caches() -> None:
    strip = Strip([Segment("甲乙丙"), Segment("abc", Style(bold=True))])
    assert not any(made(strip, name) for name in strip_caches.SIZES)
    assert strip.cell_length == 9 and strip.text == "甲乙丙abc"


def test_methods_give_the_same_strips_and_cache_them() -> None:
    strip = Strip([Segment("甲乙丙"), Segment("abc", Style(bold=True))])
    cropped = strip.crop(2, 7)
    assert cropped.text == "乙丙a" and cropped.cell_length == 5
    assert strip.crop(2, 7) is cropped  # the second time, from the cache made the first time
    assert made(strip, "_crop_cache") and not made(strip, "_divide_cache")
    parts = strip.divide([4, 9])
    assert [part.text for part in parts] == ["甲乙", "丙abc"] and strip.divide([4, 9]) is parts
    assert strip.adjust_cell_length(12).text == "甲乙丙abc   "
    assert strip.crop_extend(7, 11, None).text == "bc  "
    assert strip.apply_style(Style(italic=True)) is strip.apply_style(Style(italic=True))
    assert strip.apply_offsets(1, 2) is strip.apply_offsets(1, 2)
    assert [s.style for s in strip.apply_style(Style(italic=True))] == [Style(italic=True), Style(italic=True, bold=True)]


def test_install_twice_changes_nothing() -> None:
    descriptor = Strip.__dict__["_crop_cache"]
    strip_caches.install()
    assert Strip.__dict__["_crop_cache"] is descriptor


def test_the_new_init_sets_every_other_slot() -> None:
    """A Textual with another slot in Strip would leave it unset here: this says so first."""
    assert set(Strip.__slots__) == {*strip_caches.SIZES, "_segments", "_cell_length", "_render_cache", "_link_ids", "_cell_count"}
