"""The form list's filter and orders, without a screen."""

from __future__ import annotations

from pathlib import Path

from models.form_order import Entry, arranged, look_alike, next_sort
from models.summary import Summary


def _entry(name: str, project: str, year: int | None, total: str, errors: int = 0, warnings: int = 0) -> Entry:
    return Entry(Path(f"/f/{name}.toml"), Summary(year, project, total, "优", errors, warnings))


ENTRIES = [
    _entry("a", "社区建设", 2023, "88.50", errors=1),
    _entry("b", "党建工作", 2024, "95.00"),
    _entry("c", "志愿服务", 2024, "—", warnings=2),
    _entry("d", "党建工作", 2023, "71.25", errors=3),
]


def _names(entries: list[Entry]) -> list[str]:
    return [e.path.stem for e in entries]


def test_filter_by_project_year_or_file_name() -> None:
    assert _names(arranged(ENTRIES, "党建")) == ["b", "d"]
    assert _names(arranged(ENTRIES, "2023")) == ["d", "a"]  # by name: 党 before 社
    assert _names(arranged(ENTRIES, "党建 2024")) == ["b"]  # every word must match
    assert _names(arranged(ENTRIES, "c.TOML")) == ["c"]  # the file name, case ignored
    assert arranged(ENTRIES, "没有这个") == []


def test_each_order() -> None:
    assert _names(arranged(ENTRIES, sort="name")) == ["b", "d", "c", "a"]  # 党 < 志 < 社 by code point
    assert _names(arranged(ENTRIES, sort="year")) == ["b", "c", "d", "a"]  # newest first
    assert _names(arranged(ENTRIES, sort="total")) == ["b", "a", "d", "c"]  # highest first, unscored last
    assert _names(arranged(ENTRIES, sort="errors")) == ["d", "a", "c", "b"]  # most errors, then warnings


def test_a_form_not_yet_read_sorts_by_its_file_name() -> None:
    unread = Entry(Path("/f/0-未读.toml"), None)
    assert _names(arranged([*ENTRIES, unread], sort="errors"))[-1] == "0-未读"
    assert _names(arranged([unread], "未读")) == ["0-未读"]


def test_look_alikes_are_the_same_project_and_year() -> None:
    twin = _entry("b-副本", "党建工作", 2024, "90.00")
    assert look_alike([*ENTRIES, twin]) == {Path("/f/b.toml"), Path("/f/b-副本.toml")}
    assert look_alike(ENTRIES) == set()  # 党建工作 2023 and 2024 differ by year


def test_the_sort_key_cycles_through_every_order() -> None:
    assert [next_sort(s) for s in ("name", "year", "total", "errors")] == ["year", "total", "errors", "name"]
