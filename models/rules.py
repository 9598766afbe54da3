"""Scoring rules as data: a named, serialisable rule set per region or practice."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import Any, Literal

from .money import quantum
from .plain_record import Field, Validators
from .record import Record

DEFAULT_RULE_SET = "baoshan-2024"


class Outcome(StrEnum):
    """The three qualitative outcomes printed in 实际完成值."""

    ACHIEVED = "达成指标"
    PARTIAL = "部分达成年度指标并具有一定效果"
    MISSED = "未达成年度指标且效果较差"


class Band(Record, frozen=True):
    """Share of 分值 an outcome may earn, in percent: low ≤ share ≤ high; `suggest` is proposed."""

    low: Decimal
    high: Decimal
    suggest: Decimal


def _default_bands() -> dict[Outcome, Band]:
    # Constructed, not validated: these are Decimals already, and building Band's validator for them
    # would cost every start-up (see _load_builtin).
    return {
        Outcome.ACHIEVED: Band.model_construct(low=Decimal(80), high=Decimal(100), suggest=Decimal(100)),
        Outcome.PARTIAL: Band.model_construct(low=Decimal(60), high=Decimal("79.99"), suggest=Decimal(70)),
        Outcome.MISSED: Band.model_construct(low=Decimal(0), high=Decimal("59.99"), suggest=Decimal(40)),
    }


def _default_grades() -> list[tuple[Decimal, str]]:
    return [(Decimal(90), "优"), (Decimal(80), "良"), (Decimal(60), "中"), (Decimal(0), "差")]


class RuleSet(Record, frozen=True, extra="forbid"):
    """Every knob the spec names; defaults reproduce the reference document."""

    __validators__ = Validators(after=lambda rules: scored_weights(rules))

    name: str
    title: str
    source: str = ""  # where the rules come from (a published form, a regional notice)
    execution_rate_rounding: Literal["truncate", "half_up"] = "truncate"
    # Decimals of 执行率 as printed (86% in Hebei 2019: 0); 执行率得分 is computed from the printed rate.
    rate_places: int = Field(default=2, ge=0, le=4)
    execution_weight: Decimal = Decimal(10)
    execution_score_mode: Literal["proportional", "stepwise"] = "proportional"
    # Stepwise: (minimum 执行率 %, share of the weight), highest first; below the last gives 0.
    execution_steps: list[tuple[Decimal, Decimal]] = Field(default_factory=list)
    cap_execution_score: bool = True
    score_places: int = Field(default=2, ge=0, le=4)
    reverse_mode: Literal["ratio", "linear"] = "ratio"
    qualitative_bands: dict[Outcome, Band] = Field(default_factory=_default_bands)
    grades: list[tuple[Decimal, str]] = Field(default_factory=_default_grades)
    # First-level weights the region expects (e.g. MOF 产出 50 / 效益 30 / 满意度 10); None: any split.
    expected_level1_weights: dict[str, Decimal] | None = None
    far_above_percent: Decimal = Decimal(130)
    # A bare number target (`43.2`): read as ≥ ("at_least", with a warning), as = ("equal"), or refused.
    bare_number_target: Literal["at_least", "equal", "error"] = "at_least"
    # Groups of words that state the same qualitative result: an actual value in the target's group
    # (or the target itself, or 已 + target) means 达成. Data, so a region can add its own words.
    qualitative_equivalents: list[list[str]] = Field(default_factory=list)
    # Words that negate a restated target: 未及时 / 不合格 / 没有达标 read as 未达成 (data as well).
    qualitative_negations: list[str] = Field(default_factory=list)

    @classmethod
    def from_builtin(cls, table: dict[str, Any]) -> RuleSet:
        """A table of rule_sets.toml as `model_validate` makes it, without building the validator
        (that would cost every start-up more than reading a form): TOML's integers and arrays
        become the Decimals and tuples of the fields. The data are jixiao's own; tests/test_rule_sets.py
        checks that every built-in table gives exactly what validation gives."""
        values = {key: _AS_FIELD.get(key, _same)(value) for key, value in table.items()}
        # The defaults made here, not by model_construct: it asks inspect.signature whether each
        # default factory takes the validated data, and for the builtin `list` that compiles
        # tokenize's regular expressions (3 ms of every `jixiao validate`).
        defaults = {name: make() for name, make in _FACTORIES.items() if name not in values}
        return scored_weights(cls.model_construct(_fields_set=set(values), **values, **defaults))

    def grade(self, total: Decimal) -> str:
        for threshold, label in self.grades:
            if total >= threshold:
                return label
        return self.grades[-1][1]


def scored_weights(rules: RuleSet) -> RuleSet:
    """RuleSet's after-validator (also on its pydantic twin): weights are shown like scores, 10.00
    by default, 10 under an integer rule set."""
    places = quantum(rules.score_places)
    object.__setattr__(rules, "execution_weight", rules.execution_weight.quantize(places))
    if rules.expected_level1_weights is not None:
        weights = {k: v.quantize(places) for k, v in rules.expected_level1_weights.items()}
        object.__setattr__(rules, "expected_level1_weights", weights)
    return rules


def _same(value: Any) -> Any:
    return value


def _decimal_pairs(pairs: list[list[Any]]) -> list[tuple[Decimal, Decimal]]:
    return [(Decimal(low), Decimal(share)) for low, share in pairs]


def _decimal_values(table: dict[str, Any]) -> dict[str, Decimal]:
    return {key: Decimal(value) for key, value in table.items()}


def _grades(pairs: list[list[Any]]) -> list[tuple[Decimal, str]]:
    return [(Decimal(threshold), label) for threshold, label in pairs]


def _bands(table: dict[str, dict[str, Any]]) -> dict[Outcome, Band]:
    return {
        Outcome(outcome): Band.model_construct(low=Decimal(band["low"]), high=Decimal(band["high"]),
                                               suggest=Decimal(band["suggest"]))
        for outcome, band in table.items()
    }


# How from_builtin turns a TOML value into the field's type (other fields are text, integers, booleans).
_AS_FIELD: dict[str, Any] = {
    "execution_weight": Decimal, "far_above_percent": Decimal, "execution_steps": _decimal_pairs,
    "expected_level1_weights": _decimal_values, "grades": _grades, "qualitative_bands": _bands,
}


_FACTORIES: dict[str, Callable[[], Any]] = {
    name: info.default_factory
    for name, info in RuleSet.model_fields.items() if info.default_factory is not None
}


def builtin_tables() -> dict[str, dict[str, Any]]:
    """rule_sets.toml as data: each table with its name and the keys of the default it does not set."""
    text = Path(__file__).with_name("rule_sets.toml").read_text(encoding="utf-8")
    tables = tomllib.loads(text, parse_float=Decimal)
    base = tables[DEFAULT_RULE_SET]
    return {name: {**base, **table, "name": name} for name, table in tables.items()}


def _load_builtin() -> dict[str, RuleSet]:
    return {name: RuleSet.from_builtin(table) for name, table in builtin_tables().items()}


RULE_SETS: dict[str, RuleSet] = _load_builtin()


def rule_set(name: str) -> RuleSet:
    """The built-in rule set called `name`; KeyError when there is none."""
    return RULE_SETS[name]
