"""Textual's Strip caches, made when first used instead of with every strip.

Each Strip (one line of a rendered widget) is born with seven empty FIFOCaches (divide, crop,
style, filter, line length, crop-extend, offsets). At the editor's first frame with a 200-indicator
form there are ≈ 1,900 strips and 13,500 caches, of which ≈ 750 ever hold anything: ≈ 1.6 MiB of
empty caches. `install` keeps Textual's Strip methods as they are and replaces each cache slot
with a descriptor that makes the cache the first time a method looks at it, so a strip that is
never cropped or divided carries none. What every method returns is unchanged (the caches are
only ever read and filled by Strip's own methods; tests/editor/test_strip_caches.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich.segment import Segment
from textual.cache import FIFOCache
from textual.strip import Strip

# Each cache slot and the size Textual gives it (textual/strip.py, Strip.__init__).
SIZES = {
    "_divide_cache": 4, "_crop_cache": 16, "_style_cache": 16, "_filter_cache": 4,
    "_line_length_cache": 4, "_crop_extend_cache": 4, "_offsets_cache": 4,
}


class _CacheOnFirstUse:
    """A Strip cache slot whose FIFOCache is made when first read."""

    def __init__(self, slot: Any, size: int) -> None:
        self.slot = slot  # the slot's own member descriptor
        self.size = size

    def __get__(self, strip: Strip | None, owner: type | None = None) -> Any:
        if strip is None:
            return self
        try:
            return self.slot.__get__(strip, owner)
        except AttributeError:
            cache: FIFOCache[Any, Any] = FIFOCache(self.size)
            self.slot.__set__(strip, cache)
            return cache

    def __set__(self, strip: Strip, value: Any) -> None:
        self.slot.__set__(strip, value)


def _init(self: Strip, segments: Iterable[Segment], cell_length: int | None = None) -> None:
    """Strip.__init__ without the seven caches."""
    self._segments = list(segments)
    self._cell_length = cell_length
    self._render_cache = None
    self._link_ids = None
    self._cell_count = None


def install() -> None:
    """Once per process (a second call finds the descriptors in place)."""
    if isinstance(Strip.__dict__["_divide_cache"], _CacheOnFirstUse):
        return
    for name, size in SIZES.items():
        setattr(Strip, name, _CacheOnFirstUse(Strip.__dict__[name], size))
    Strip.__init__ = _init  # type: ignore[method-assign]
