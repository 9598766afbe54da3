"""Finding forms in a grid by their labels: the one parser behind the Excel and the PDF reader.

Nothing is read from a fixed cell. A heading row (年初预算数…, 三级指标…, 预期目标 实际完成情况)
gives each column's horizontal extent; a value belongs to the heading it overlaps most, so rows
and columns may be shifted, merged or split differently. Every cell is either placed or
reported as unplaced: nothing is dropped silently.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from decimal import Decimal

from models.summary import NOT_CHECKABLE

from . import labels
from .found import RawForm, RawIndicator, Unplaced
from .grid import Cell, Grid
from .text import clean_text, is_blank, join_lines, label_key, parse_number

Spans = dict[str, tuple[float, float]]
_CONSTANT_FORMULA = re.compile(r"\s*[+-]?(\d+(\.\d*)?|\.\d+)%?\s*")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}( \d{2}:\d{2}(:\d{2})?)?")  # how the reader shows a date cell
_BRACKETED = re.compile(r"[(（]\s*[\d,， .]+\s*[)）]")
_UNIT_SUFFIX = re.compile(r"(万元|千元|元|万)$")
_NO_CACHED_VALUE = "公式没有保存计算结果（jixiao 不计算公式），请在 Excel/WPS 中打开并保存后再导入"
_MAX_PLACES, _MAX_DIGITS = 6, 15  # what a form's amounts may hold (models.money)


def locate_forms(grid: Grid) -> tuple[list[RawForm], list[Unplaced]]:
    """The forms in `grid`, and the text outside any form."""
    starts = _form_starts(grid.rows)
    outside: list[Unplaced] = []
    if not starts:
        return [], _unplaced_cells(grid.rows, set(), "没有找到“项目名称”，不像自评表")
    outside += _unplaced_cells(grid.rows[: starts[0]], set(), "在表单之前")
    forms = []
    for start, end in zip(starts, [*starts[1:], len(grid.rows)], strict=True):
        forms.append(_FormReader(grid.rows[start:end], grid.wrapped).read())
    names = {label_key(form.header["project"]) for form in forms if form.header.get("project")}
    for form in forms:
        form.unplaced = [u for u in form.unplaced if not _running_header(u, names)]
    return forms, [u for u in outside if not _running_header(u, names)]


def _running_header(item: Unplaced, projects: set[str]) -> bool:
    """A page's running header: a project's name alone at the top of a page (jixiao's PDF prints it
    on every page of a long form, so that a loose page says which form it is). Not a value."""
    return label_key(item.text) in projects


def _form_starts(rows: list[list[Cell]]) -> list[int]:
    """Index of each form's first row: its 项目名称 row, moved up over its header (title, year,
    unit, and rows like 填报单位：… between them), so the year and unit above a form's first label
    are that form's, never the previous one's. Label rows above the title (填表人：… under the
    previous form) stay where they are."""
    starts: list[int] = []
    for index, row in enumerate(rows):
        if any(_header_field(cell) == "project" for cell in row if not cell.continued):
            start = index
            while start > (starts[-1] + 1 if starts else 0) and _is_header_row(rows[start - 1]):
                start -= 1
            titled = next((i for i in range(start, index) if _is_title_row(rows[i])), None)
            starts.append(start if titled is None else titled)
    return starts


_LABELLED = re.compile(r"^[\u4e00-\u9fff（）()]{2,12}[:：]")  # 填报单位（盖章）：…, 填报日期：…


def _is_header_row(row: list[Cell]) -> bool:
    texts = [c.text for c in row if not c.continued and c.text.strip()]
    return bool(texts) and all(
        labels.is_title(t) or labels.is_year_note(t) or labels.unit_note(t) is not None or _LABELLED.match(t.strip())
        for t in texts
    )


def _is_title_row(row: list[Cell]) -> bool:
    texts = [c.text for c in row if not c.continued and c.text.strip()]
    return bool(texts) and all(
        labels.is_title(t) or labels.is_year_note(t) or labels.unit_note(t) is not None for t in texts
    )


def _header_field(cell: Cell) -> str | None:
    name = labels.HEADER_FIELDS.get(label_key(cell.text))
    if name:
        return name
    split = labels.split_label_value(cell.text)
    return split[0] if split else None


def _unplaced_cells(rows: Iterable[list[Cell]], used: set[int], why: str) -> list[Unplaced]:
    found = []
    for row in rows:
        for cell in row:
            if cell.continued or id(cell) in used or not cell.text.strip():
                continue
            found.append(Unplaced(cell.place, join_lines(cell.text), why))
    return found


def _best_column(cell: Cell, spans: Spans) -> str | None:
    best, best_overlap = None, 0.0
    left, right = cell.x0, cell.x1
    for name, (x0, x1) in spans.items():
        overlap = (x1 if x1 < right else right) - (x0 if x0 > left else left)  # Cell.overlap, inlined: hot
        if overlap > best_overlap:
            best, best_overlap = name, overlap
    return best


class _FormReader:
    """Reads one form's rows top to bottom; each row is a heading row, a data row of the block
    the last heading opened, or a row of header fields."""

    def __init__(self, rows: list[list[Cell]], wrapped: bool) -> None:
        self.rows = rows
        self.wrapped = wrapped
        self.used: set[int] = set()
        self.raw = RawForm()
        self.block = ""  # "funds", "goals", "indicators", "end"
        self.fund_spans: Spans = {}
        self.goal_spans: Spans = {}
        self.indicator_spans: Spans = {}
        self.problems: list[Unplaced] = []

    def read(self) -> RawForm:
        for row in self.rows:
            cells = [c for c in row if c.text.strip() or c.formula]
            if cells:
                self._row(cells)
        raw = self.raw
        raw.indicators = [i for i in raw.indicators if self._is_indicator(i)]
        for row in self.rows:
            for cell in row:
                if cell.formula is not None and not cell.text and not cell.continued:
                    if not _CONSTANT_FORMULA.fullmatch(cell.formula):
                        self.problems.append(Unplaced(cell.place, "=" + cell.formula, _NO_CACHED_VALUE))
        raw.unplaced = self.problems + _unplaced_cells(self.rows, self.used, "不属于表单的任何一栏")
        areas = [cell.area for row in self.rows for cell in row]
        raw.areas = list(dict.fromkeys(areas))
        return raw

    # --- one row -----------------------------------------------------------------------------
    def _row(self, cells: list[Cell]) -> None:
        project = self.raw.header.get("project")
        if project and len(cells) == 1 and label_key(cells[0].text) == label_key(project):
            self.used.add(id(cells[0]))  # a page's running header (the project's name), not a value
            return
        keys = {label_key(c.text) for c in cells}
        for cell in cells:  # titles, notes and section labels wherever they stand
            self._decoration(cell)
        if keys & labels.AMOUNT_HEADINGS:
            self.fund_spans = self._spans(cells, labels.FUND_COLUMNS)
            self.block = "funds"
        elif "三级指标" in keys or {"一级指标", "指标值"} <= keys:
            self.indicator_spans = self._spans(cells, labels.INDICATOR_COLUMNS)
            self.block = "indicators"
        elif {"预期目标", "实际完成情况"} <= keys and self._only_labels(cells):
            self.goal_spans = self._spans(cells, labels.GOAL_COLUMNS)
            self.block = "goals"
        elif any(labels.fund_row(c.text) for c in cells if not c.continued):
            self._fund_row(cells)
        elif labels.TOTAL in keys:
            self._total_row(cells)
            self.block = "end"
        elif labels.GRADE in keys:
            self._grade_row(cells)
            self.block = "end"
        elif self.block == "goals" and not self._has_header_field(cells):
            self._goal_row(cells)
        elif self.block == "indicators":
            self._indicator_row(cells)
        else:
            self._header_row(cells)

    def _decoration(self, cell: Cell) -> None:
        if cell.continued or id(cell) in self.used:
            return
        text = cell.text
        k = label_key(text)
        if labels.is_title(text) or labels.is_year_note(text):
            self.used.add(id(cell))
            if labels.is_title(text):
                self.raw.title = join_lines(text)
                self.raw.targets_only = "目标表" in k and "自评" not in k
            year = labels.year_in(text)
            if year and self.block:  # under a table: another form's heading, not this form's year
                if year != self.raw.year:
                    self.problems.append(Unplaced(cell.place, join_lines(text), "年度写在表格之后，无法确定属于哪张表"))
            elif year and self.raw.year is None:
                self.raw.year = year
                self.raw.at("year", cell)
        elif (unit := labels.unit_note(text)) is not None:
            self.used.add(id(cell))
            if unit and not self.raw.money_unit:
                self.raw.money_unit = unit
                self.raw.at("money_unit", cell)
        elif k in labels.SECTIONS:
            self.used.add(id(cell))

    def _only_labels(self, cells: list[Cell]) -> bool:
        return all(labels.is_label(c.text) or id(c) in self.used for c in cells)

    def _has_header_field(self, cells: list[Cell]) -> bool:
        return any(_header_field(c) for c in cells if not c.continued)

    def _spans(self, cells: list[Cell], names: dict[str, str]) -> Spans:
        spans: Spans = {}
        for cell in cells:
            name = names.get(label_key(cell.text))
            if name and not cell.continued:
                spans.setdefault(name, (cell.x0, cell.x1))
            if name or labels.is_label(cell.text):
                self.used.add(id(cell))
        return spans

    def _columns(self, cells: Iterable[Cell], spans: Spans) -> dict[str, Cell]:
        """Each data cell under its heading; a cell under none is left for the unplaced list."""
        found: dict[str, Cell] = {}
        for cell in cells:
            if id(cell) in self.used or labels.is_label(cell.text):
                continue
            name = _best_column(cell, spans)
            if name and name not in found:
                found[name] = cell
        return found

    # --- header fields -------------------------------------------------------------------------
    def _header_row(self, cells: list[Cell]) -> None:
        for index, cell in enumerate(cells):
            if cell.continued:
                continue
            split = labels.split_label_value(cell.text)
            if split and id(cell) not in self.used:
                self.used.add(id(cell))
                self._header_value(split[0], split[1], cell)
                continue
            k = label_key(cell.text)
            name = labels.HEADER_FIELDS.get(k) or labels.GOAL_FIELDS.get(k)
            if not name or (id(cell) in self.used and k not in labels.GOAL_FIELDS):
                continue
            self.used.add(id(cell))
            value = cells[index + 1] if index + 1 < len(cells) else None  # the value stands right after its label
            if value is not None and id(value) not in self.used and not labels.is_label(value.text):
                self.used.add(id(value))
                self._header_value(name, value.text, value)

    def _header_value(self, name: str, text: str, cell: Cell) -> None:
        if name.startswith("goals."):  # a 年度总体目标 written beside its label (项目绩效目标表)
            self._add_goal(name.removeprefix("goals."), text)
            self.raw.at(name, cell)
            return
        value = join_lines(text)
        if name == "year":
            found = re.search(r"(19|20|21)\d{2}", value)
            if found:
                self.raw.year = int(found.group())
                self.raw.at("year", cell)
            else:
                self.problems.append(Unplaced(cell.place, value, "不是年度（应为如 2024 的四位数字）"))
            return
        self.raw.header[name] = value
        self.raw.at(name, cell)

    # --- 项目资金 ---------------------------------------------------------------------------------
    def _fund_row(self, cells: list[Cell]) -> None:
        label_cell = next(c for c in cells if not c.continued and labels.fund_row(c.text))
        row = labels.fund_row(label_cell.text) or ""
        self.used.add(id(label_cell))
        after = [c for c in cells if c.x0 >= label_cell.x1 - 0.5 and c is not label_cell]
        if self.fund_spans:
            columns = self._columns(after, self.fund_spans)
        else:  # a 项目绩效目标表 prints one amount per row: the budget
            numbers = [c for c in after if id(c) not in self.used and not c.continued]
            columns = {"budget": numbers[0]} if numbers else {}
        values = self.raw.funds.setdefault(row, {})
        places = self.raw.fund_places.setdefault(row, {})
        if self.fund_spans:  # an amount cell with nothing printed is blank, not 0.00
            values.update({name: None for name in ("initial_budget", "budget", "executed") if name in self.fund_spans})
        for name, cell in columns.items():
            self.used.add(id(cell))
            if is_blank(cell.text):
                continue
            amount = name in ("initial_budget", "budget", "executed")
            # a sub-row's amount is an input, kept as text; 年度资金总额 is a printed figure (kept only
            # when it is the only row printed: to_form)
            number = self._number(cell, kept=amount and row != labels.TOTAL_ROW)
            if number is None:
                if amount:  # kept as printed: a blank would make the arithmetic up
                    self.raw.fund_texts.setdefault(row, {})[name] = join_lines(cell.text)
                    if row == labels.TOTAL_ROW:
                        self.raw.total_unread[name] = self.problems[-1]  # just reported by _number
                    places[name] = cell.place
                continue
            if name == "weight":
                if row == labels.TOTAL_ROW:
                    self.raw.execution_weight = number
                continue  # a sub-row's 分值 is printed "-"
            if name in ("rate", "score") and row != labels.TOTAL_ROW:
                continue  # a sub-row's own 执行率: derived from its amounts, nothing to keep
            values[name] = number
            places[name] = cell.place
            if row == labels.TOTAL_ROW:
                self.raw.at(_TOTAL_FIGURES[name], cell)

    def _number(self, cell: Cell, kept: bool = False) -> Decimal | None:
        """The number in `cell`, or None with the reason listed as not imported. `kept`: the caller
        writes the text itself into the form's field (a form input: 金额, 分值, 得分), where the
        editor shows it and refuses to save until it is corrected; never a made-up 0.00."""
        number, why = _read_number(cell.text, self.raw.money_unit or "万元")
        if why is not None:
            text = unicodedata.normalize("NFKC", join_lines(cell.text)).strip()
            problem = Unplaced(cell.place, text, why)
            self.problems.append(problem.kept_in_form() if kept else problem)
        return number

    # --- 年度总体目标 -------------------------------------------------------------------------------
    def _goal_row(self, cells: list[Cell]) -> None:
        for name, cell in self._columns([c for c in cells if not c.continued], self.goal_spans).items():
            self.used.add(id(cell))
            self._add_goal(name, cell.text)
            self.raw.at(f"goals.{name}", cell)

    def _add_goal(self, name: str, text: str) -> None:
        """A goal's text; in a PDF, a second piece is the same paragraph carried over a page break."""
        pieces = self.raw.goals.setdefault(name, [])
        text = clean_text(text, self.wrapped)
        if self.wrapped and pieces:
            pieces[-1] = join_lines(pieces[-1] + "\n" + text)
        else:
            pieces.append(text)

    # --- 绩效指标 ---------------------------------------------------------------------------------
    def _indicator_row(self, cells: list[Cell]) -> None:
        columns = self._columns(cells, self.indicator_spans)
        previous = self.raw.indicators[-1] if self.raw.indicators else None
        own = {name: cell for name, cell in columns.items() if not cell.continued}
        for cell in columns.values():
            self.used.add(id(cell))
        if not (own.keys() - {"level1", "level2"}):  # nothing of its own but levels: a group heading
            if own and previous is not None and not previous.name:
                self._fill(previous, own)
            elif own:
                heading = RawIndicator(place=next(iter(own.values())).place)
                self._fill(heading, own)
                self.raw.indicators.append(heading)
            return
        if previous is not None and _levels_only(previous):
            indicator = previous  # a heading row of levels only, completed by this row
        else:
            indicator = RawIndicator(place=next(iter(own.values())).place)
            self.raw.indicators.append(indicator)
        for level in ("level1", "level2"):
            level_cell = columns.get(level)
            if level_cell is not None:
                setattr(indicator, level, join_lines(level_cell.source.text))
                indicator.places.setdefault(level, level_cell.place)
            elif previous is not None and not getattr(indicator, level):
                setattr(indicator, level, getattr(previous, level))  # blank under a level: the same level
        self._fill(indicator, {k: v for k, v in own.items() if k not in ("level1", "level2")})

    def _is_indicator(self, found: RawIndicator) -> bool:
        """A row with no name, target nor weight is not an indicator: a note under the table
        (备注：…) or a level never completed. Its text is listed as not imported."""
        if found.name or found.target or found.weight is not None or "weight" in found.places:
            return True
        for name in ("level1", "level2", "actual", "score", "deviation_reason"):
            value = found.texts.get(name) or getattr(found, name)
            if value not in (None, "") and name in found.places:
                self.problems.append(Unplaced(found.places[name], str(value), "不是指标行：没有三级指标、指标值或分值"))
        return False

    def _fill(self, indicator: RawIndicator, cells: dict[str, Cell]) -> None:
        for name, cell in cells.items():
            indicator.places[name] = cell.place
            if name in ("weight", "score"):
                if not is_blank(cell.text):
                    number = self._number(cell, kept=True)
                    setattr(indicator, name, number)
                    if number is None:
                        indicator.texts[name] = join_lines(cell.text)
            elif name in ("target", "actual"):
                setattr(indicator, name, _quantity_text(cell))
            elif name == "deviation_reason":
                text = clean_text(cell.text, self.wrapped)
                indicator.deviation_reason = "" if is_blank(text) else text
            else:
                setattr(indicator, name, join_lines(cell.text))

    # --- 总分, 评分等级 ------------------------------------------------------------------------------
    def _total_row(self, cells: list[Cell]) -> None:
        label_cell = next(c for c in cells if label_key(c.text) == labels.TOTAL)
        self.used.add(id(label_cell))
        rest = [c for c in cells if c.x0 >= label_cell.x1 - 0.5 and id(c) not in self.used and not c.continued]
        columns = self._columns(rest, self.indicator_spans) if self.indicator_spans else {}
        score = columns.get("score") or (rest[-1] if rest else None)
        for cell in rest:
            if cell is score or columns.get("weight") is cell:
                self.used.add(id(cell))
        if score is not None and not is_blank(score.text) and join_lines(score.text).strip() != NOT_CHECKABLE:
            self.raw.total = self._number(score)  # 无法核对 (jixiao's print of a 总分 nobody could give): none
            self.raw.at("figures.total", score)

    def _grade_row(self, cells: list[Cell]) -> None:
        label_cell = next(c for c in cells if label_key(c.text) == labels.GRADE)
        self.used.add(id(label_cell))
        value = next((c for c in cells if c.x0 >= label_cell.x1 - 0.5 and c is not label_cell
                      and not c.continued and c.text.strip()), None)
        if value is not None:
            self.used.add(id(value))
        if value is not None and not is_blank(value.text):  # — : a grade nobody could give
            self.raw.grade = join_lines(value.text)
            self.raw.at("figures.grade", value)


_TOTAL_FIGURES = {"initial_budget": "figures.initial_budget_total", "budget": "figures.budget_total",
                  "executed": "figures.executed_total", "rate": "figures.execution_rate",
                  "score": "figures.execution_score"}


def _quantity_text(cell: Cell) -> str:
    """A target or actual value. `=100%` typed in a sheet is stored as a formula: read it back as typed."""
    if cell.formula is not None and _CONSTANT_FORMULA.fullmatch(cell.formula):
        return "=" + cell.formula.strip()
    return join_lines(cell.text)


def _read_number(printed: str, form_unit: str) -> tuple[Decimal | None, str | None]:
    """A cell's number, or None and why not."""
    text = unicodedata.normalize("NFKC", join_lines(printed)).strip()
    if _BRACKETED.fullmatch(text):  # (215,457.60): an accountant's negative, never a form's amount
        return None, "括号中的数字表示负数，金额不能为负"
    unit = _UNIT_SUFFIX.search(text)
    if unit is not None and parse_number(text[: unit.start()]) is not None:
        written = "万元" if unit.group() == "万" else unit.group()
        if written != form_unit:  # 25万 in a form in 元: not guessed
            return None, f"单位“{written}”与表的金额单位“{form_unit}”不同，未换算"
        text = text[: unit.start()]
    number = parse_number(text)
    if number is None:
        return None, "单元格是日期格式，应为数字（请把单元格格式改为数值）" if _DATE.fullmatch(printed.strip()) else "应为数字"
    exponent = number.as_tuple().exponent
    if number.adjusted() >= _MAX_DIGITS or (isinstance(exponent, int) and -exponent > _MAX_PLACES):
        return None, "数字过大或小数位过多"
    return number, None


def _levels_only(found: RawIndicator) -> bool:
    """A row of the indicator table with nothing of its own but 一级/二级指标: a group heading."""
    return not (found.name or found.target or found.actual or found.deviation_reason or found.texts
                or found.weight is not None or found.score is not None)
