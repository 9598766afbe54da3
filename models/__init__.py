"""The 财政项目支出绩效自评表: models, rule sets, scoring, checks and TOML files. Never imports textual."""

from .checks import check_form
from .form import FORMAT_VERSION, Form, FundRow, Funds, Goals, Indicator, ScoreSource, StoredFigures
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

__all__ = [
    "CODES",
    "DEFAULT_RULE_SET",
    "FORMAT_VERSION",
    "RULE_SETS",
    "Figures",
    "Form",
    "FormFileError",
    "FundRow",
    "Funds",
    "Goals",
    "Indicator",
    "IndicatorFigures",
    "LoadResult",
    "Outcome",
    "Problem",
    "RuleSet",
    "ScoreSource",
    "Severity",
    "StoredFigures",
    "check_form",
    "dumps_form",
    "load_form",
    "loads_form",
    "parse_form",
    "read_form_file",
    "save_form",
    "score_form",
]
