"""What the locator finds: raw values with their cells, before they become a Form."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from .grid import Cell


@dataclass(frozen=True, slots=True)
class Unplaced:
    """Text the reader could not put in the form, and where it was."""

    place: str
    text: str
    why: str = "不属于表单的任何一栏"
    kept: bool = False  # the text went into the form's field as it was printed (a number that could not be read)

    def kept_in_form(self) -> Unplaced:
        """The same, saying that its text went into the form's field (where the editor shows it)."""
        return Unplaced(self.place, self.text, self.why + KEPT_IN_FORM, kept=True)


KEPT_IN_FORM = "；原文已写入表单的这一栏，改正前编辑器不能保存"
BLANK_WEIGHT = "的分值空白：表单中这一栏也留空（不当作 0.00），填写前编辑器不能保存"


@dataclass
class RawIndicator:
    level1: str = ""
    level2: str = ""
    name: str = ""
    target: str = ""
    actual: str = ""
    weight: Decimal | None = None
    score: Decimal | None = None
    deviation_reason: str = ""
    place: str = ""
    places: dict[str, str] = field(default_factory=dict)  # field → cell
    texts: dict[str, str] = field(default_factory=dict)  # weight/score → the text printed where no number could be read


@dataclass
class RawForm:
    """One form's values as found, each with the cell it came from (for `validate`'s places)."""

    title: str = ""
    targets_only: bool = False  # a 项目绩效目标表: targets and weights, no results
    year: int | None = None
    header: dict[str, str] = field(default_factory=dict)  # project, department, implementer, rule_set
    money_unit: str = ""
    funds: dict[str, dict[str, Decimal | None]] = field(default_factory=dict)  # printed row label → column → amount
    fund_places: dict[str, dict[str, str]] = field(default_factory=dict)  # printed row label → column → cell
    fund_texts: dict[str, dict[str, str]] = field(default_factory=dict)  # printed row label → column → unreadable text
    total_unread: dict[str, Unplaced] = field(default_factory=dict)  # 年度资金总额's column → its report (see to_form)
    execution_weight: Decimal | None = None
    goals: dict[str, list[str]] = field(default_factory=dict)
    indicators: list[RawIndicator] = field(default_factory=list)
    total: Decimal | None = None
    grade: str | None = None
    places: dict[str, str] = field(default_factory=dict)  # where in the form → place in the file
    unplaced: list[Unplaced] = field(default_factory=list)
    areas: list[str] = field(default_factory=list)  # the sheet or the pages it came from, in order

    def at(self, where: str, cell: Cell) -> None:
        self.places.setdefault(where, cell.place)
