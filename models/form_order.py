"""The folder's forms as the list shows them: filtered by what the user typed, in the order chosen.

Pure and textual-free, so the rules (what a filter matches, how 总分 sorts, which entries need
their file name to be told apart) are tested without a screen.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from .summary import Summary

# Sort orders in the order one key cycles through them, with the word the list shows.
SORTS: dict[str, str] = {"name": "名称", "year": "年度", "total": "总分", "errors": "错误"}


@dataclass(frozen=True)
class Entry:
    path: Path
    summary: Summary | None  # None until the background check has read the file

    @property
    def project(self) -> str:
        return self.summary.project if self.summary else self.path.stem

    @property
    def year(self) -> int | None:
        return self.summary.year if self.summary else None


def matches(entry: Entry, query: str) -> bool:
    """Every word of `query` is in the project name, the year or the file name (case ignored)."""
    haystack = " ".join((entry.project, str(entry.year or ""), entry.path.name)).casefold()
    return all(word in haystack for word in query.casefold().split())


def _total(entry: Entry) -> Decimal | None:
    try:
        return Decimal(entry.summary.total) if entry.summary else None
    except InvalidOperation:  # "—": the form could not be scored
        return None


def _sort_key(entry: Entry, sort: str) -> tuple[object, ...]:
    name = (entry.project, entry.path.name)
    if sort == "year":  # newest first
        return (entry.year is None, -(entry.year or 0), *name)
    if sort == "total":  # highest first; forms without a 总分 last
        total = _total(entry)
        return (total is None, -(total or 0), *name)
    if sort == "errors":  # most errors first, then most warnings; unread forms last
        summary = entry.summary
        return (summary is None, -(summary.errors if summary else 0), -(summary.warnings if summary else 0), *name)
    return name


def arranged(entries: Iterable[Entry], query: str = "", sort: str = "name") -> list[Entry]:
    """The entries that match `query`, in the order `sort` (a key of SORTS) gives."""
    return sorted((e for e in entries if matches(e, query)), key=lambda e: _sort_key(e, sort))


def look_alike(entries: Sequence[Entry]) -> set[Path]:
    """Entries that would show the same project and year: the list adds their file names."""
    seen = Counter((e.project, e.year) for e in entries)
    return {e.path for e in entries if seen[(e.project, e.year)] > 1}


def next_sort(sort: str) -> str:
    order = list(SORTS)
    return order[(order.index(sort) + 1) % len(order)]
