"""The labels of the official layout, as `text.label_key` leaves them, and what each one heads.

The questions are asked of every cell many times over and the texts repeat from form to form, so
the answers are cached by text.
"""

from __future__ import annotations

import re
from functools import lru_cache

from models.layouts import ALL_ROW_LABELS, LAYOUTS

from .text import label_key

# Header fields: a label, its value in the next cell (or after a colon in the same cell).
HEADER_FIELDS = {"项目名称": "project", "主管部门": "department", "实施单位": "implementer", "年度": "year",
                 "评分规则": "rule_set"}
# Columns of the 项目资金 block, as every layout names them (models/layouts.toml: 调整后预算数 …).
FUND_COLUMNS = {
    **{label_key(label): column for layout in LAYOUTS.values() for column, label in layout.columns.items()},
    "分值": "weight", "分数": "weight", "执行率": "rate", "执行率(%)": "rate", "得分": "score",
}
AMOUNT_HEADINGS = {k for k, column in FUND_COLUMNS.items() if column in ("initial_budget", "budget", "executed")}
TOTAL_ROW = "年度资金总额"
# Rows of the 项目资金 block: every layout's printed labels ("其中：" removed first), and a short form seen.
FUND_ROWS = {TOTAL_ROW, *(label_key(label) for label in ALL_ROW_LABELS.values())}
_FUND_ROW_ALIASES = {"上年结转": "上年结转资金"}
# Columns of the 绩效指标 block.
INDICATOR_COLUMNS = {"一级指标": "level1", "二级指标": "level2", "三级指标": "name", "年度指标值": "target",
                     "指标值": "target", "实际完成值": "actual", "分值": "weight", "得分": "score",
                     "偏差原因分析及改进措施": "deviation_reason", "偏差原因": "deviation_reason"}
GOAL_COLUMNS = {"预期目标": "expected", "实际完成情况": "actual"}
# The same, written as a label with its text beside it rather than as column headings.
GOAL_FIELDS = {"年度总体目标": "goals.expected", "总体目标": "goals.expected", "预期目标": "goals.expected",
               "实际完成情况": "goals.actual"}
SECTIONS = {"年度总体目标", "绩效指标", "总体目标"}  # labels that only head a block
TOTAL, GRADE = "总分", "评分等级"

_TITLE = re.compile(r"(自评表|目标表|申报表)")
_YEAR = re.compile(r"((?:19|20|21)\d{2})年")
_UNIT_NOTE = re.compile(r"^(金额)?单位[:：]?(万元|千元|元)$")
_FUNDS_LABEL = re.compile(r"^项目资金(\((万元|千元|元)\))?$")
_PAGE_NUMBER = re.compile(r"^(-?\d+-?|第\d+页([,;.]?共\d+页)?|共\d+页[,;.]?第\d+页|\d+/\d+|page\d+(of\d+)?)$",
                          re.IGNORECASE)  # 第 3 页，共 3 页 (jixiao's own footer) folds to 第3页,共3页


def key(text: str) -> str:
    return label_key(text)


@lru_cache(maxsize=8192)
def fund_row(text: str) -> str | None:
    """The printed label of a 项目资金 row ('其中：当年财政\n拨款' → '当年财政拨款'), or None."""
    k = key(text).removeprefix("其中").removesuffix("(万元)").removesuffix("(元)").rstrip(":：")
    k = _FUND_ROW_ALIASES.get(k, k)
    return k if k in FUND_ROWS else None


@lru_cache(maxsize=8192)
def is_title(text: str) -> bool:
    return bool(_TITLE.search(key(text)))


@lru_cache(maxsize=8192)
def year_in(text: str) -> int | None:
    found = _YEAR.search(key(text))
    return int(found.group(1)) if found else None


@lru_cache(maxsize=8192)
def is_year_note(text: str) -> bool:
    """'（2024年度）' under the title."""
    return bool(re.fullmatch(r"\(?((?:19|20|21)\d{2})年度?\)?", key(text)))


@lru_cache(maxsize=8192)
def unit_note(text: str) -> str | None:
    """'单位：元' → 元; '项目资金（元）' → 元; '项目资金' → '' (a funds label without a unit)."""
    k = key(text)
    found = _UNIT_NOTE.match(k) or _FUNDS_LABEL.match(k)
    if not found:
        return None
    return found.group(2) or ""


@lru_cache(maxsize=8192)
def is_page_number(text: str) -> bool:
    return bool(_PAGE_NUMBER.match(key(text)))


@lru_cache(maxsize=8192)
def is_label(text: str) -> bool:
    """Any text of the layout's own (a heading or label), as opposed to a value."""
    k = key(text)
    return (k in HEADER_FIELDS or k in FUND_COLUMNS or fund_row(text) is not None or k in INDICATOR_COLUMNS
            or k in GOAL_COLUMNS or k in SECTIONS or k in (TOTAL, GRADE) or unit_note(text) is not None)


@lru_cache(maxsize=8192)
def split_label_value(text: str) -> tuple[str, str] | None:
    """'项目名称：社区建设' in one cell → ('project', '社区建设')."""
    for label, name in HEADER_FIELDS.items():
        found = re.match(rf"^\s*{label}\s*[:：]\s*(.+)$", text, re.DOTALL)
        if found:
            return name, found.group(1)
    return None
