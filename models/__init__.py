"""The 财政项目支出绩效自评表: models, rule sets, scoring, checks and TOML files. Never imports textual.

Names are loaded on first use, so that `import models.discovery` stays cheap (no pydantic) and
`jixiao validate` can start its helper process before paying for the rest.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_EXPORTS = {
    "check_form": "checks",
    "FORMAT_VERSION": "form", "Form": "form", "FundRow": "form", "Funds": "form", "Goals": "form",
    "Indicator": "form", "ScoreSource": "form", "StoredFigures": "form",
    "CODES": "problems", "Problem": "problems", "Severity": "problems",
    "DEFAULT_RULE_SET": "rules", "RULE_SETS": "rules", "Outcome": "rules", "RuleSet": "rules",
    "Figures": "scoring", "IndicatorFigures": "scoring", "score_form": "scoring",
    "FormFileError": "toml_io", "LoadResult": "toml_io", "dumps_form": "toml_io", "load_form": "toml_io",
    "loads_form": "toml_io", "parse_form": "toml_io", "read_form_file": "toml_io", "save_form": "toml_io",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'models' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
    globals()[name] = value
    return value


if TYPE_CHECKING:  # the same names, for type checkers
    # ruff: noqa: F401
    from .checks import check_form
    from .form import (
        FORMAT_VERSION,
        Form,
        FundRow,
        Funds,
        Goals,
        Indicator,
        ScoreSource,
        StoredFigures,
    )
    from .problems import CODES, Problem, Severity
    from .rules import DEFAULT_RULE_SET, RULE_SETS, Outcome, RuleSet
    from .scoring import Figures, IndicatorFigures, score_form
    from .toml_io import (
        FormFileError,
        LoadResult,
        dumps_form,
        load_form,
        loads_form,
        parse_form,
        read_form_file,
        save_form,
    )
