"""Figures from repeated runs: min / median / max, and the ratio of medians."""

from __future__ import annotations

import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Spread:
    low: float
    median: float
    high: float

    @classmethod
    def of(cls, samples: Sequence[float]) -> Spread:
        return cls(min(samples), statistics.median(samples), max(samples))

    def show(self, unit: str, scale: float = 1.0, places: int = 1) -> str:
        return " / ".join(f"{v * scale:.{places}f}" for v in (self.low, self.median, self.high)) + f" {unit}"


def repeat(runs: int, measure: Callable[[], float]) -> Spread:
    return Spread.of([measure() for _ in range(runs)])


@dataclass(frozen=True)
class Row:
    name: str
    ours: str
    baseline: str
    ratio: float | None  # ours ÷ baseline, medians
    target: str
    met: bool | None
