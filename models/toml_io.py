"""Form files: TOML in, TOML out, in one stable layout so that git diffs show only what changed."""

from __future__ import annotations

import os
import re
import sys
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from .atomic import atomic_write, describe_os_error
from .canonical_toml import CanonicalReading, read_canonical
from .form import FORMAT_VERSION, Form, FundRow, Goals, Indicator, ScoreSource, StoredFigures, required_version
from .indicator_content import exact, indicator_content
from .layouts import DEFAULT_LAYOUT, FUND_COLUMNS, LAYOUTS, Layout, layout_named
from .locations import find_line, known_keys, label, line_index, where_from_loc
from .money import at_places, beyond_file_limits, normalise
from .plain_form import plain_form
from .problems import Problem
from .regular_files import read_regular
from .rules import RULE_SETS
from .scoring import Figures, IndicatorFigures, rules_for, score_form

MAX_FILE_BYTES = 2_000_000  # a real form is a few KB; anything this big is not a form
# Real forms have a few dozen indicators at most, the benchmark uses 200: 500 leaves room for any real
# form while a form still opens in a fraction of a second. A bigger file is refused before the
# (costly) validation of its indicators, in `validate` and in the editor alike.
MAX_INDICATORS = 500
# "是否应为…" names a key of the same table only when the unknown key is a near spelling of it:
# the typos seen (excuted, budgte, intial_budget, totl) score 0.83 or more; unrelated words that
# merely share letters (rounded → funds, reverse-linear → format_version) score 0.5 and get no hint.
KEY_HINT_CUTOFF = 0.8

_FILE_HEADER = "# 财政项目支出绩效自评表 — jixiao 表单文件（UTF-8）。[figures] 表由 jixiao 计算，请勿手改。\n"


class FormFileError(ValueError):
    """A form file that cannot be read as a form; `problems` say why, with lines."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("；".join(p.message for p in problems))


class UnsavableForm(OSError):
    """A form holding a number that a form file cannot hold: nothing is written (a file jixiao
    writes must always load). An OSError, so that every save path reports it like a full disk:
    a Chinese reason, the edits kept in the program, the file on disk untouched."""

    def __init__(self, reasons: list[str]) -> None:
        super().__init__(f"表单中有文件无法保存的数字：{'；'.join(reasons)}")
        self.strerror = str(self.args[0])
        self.reasons = reasons


@dataclass
class LoadResult:
    form: Form | None
    problems: list[Problem] = field(default_factory=list)  # problems met while reading
    text: str = ""
    reading: CanonicalReading | None = None  # when the text was read by models.canonical_toml
    known_lines: dict[str, int] | None = None  # `lines()`, once asked for

    def lines(self) -> dict[str, int]:
        """Where each table and key of the text is (locations.line_index): computed at most once, and
        only for a file with a problem to place (most files have none); from the lines the fast
        reader already split when it read the text."""
        if self.known_lines is None:
            noted = self.reading.lines() if self.reading is not None else None
            self.known_lines = line_index(self.text) if noted is None else noted
        return self.known_lines


def parse_form(text: str) -> LoadResult:
    """Read a form from TOML text, collecting every reading problem instead of raising."""
    if not text.strip():
        return LoadResult(None, [Problem("E002", "", "文件是空的，不是表单")], text)
    counted = _count_indicator_headers(text)
    if counted is not None:
        return LoadResult(None, [counted], text)
    try:
        reading = read_canonical(text)  # the shape jixiao writes, read fast; anything else by tomllib
        data = tomllib.loads(text, parse_float=Decimal) if reading is None else reading.data
    except tomllib.TOMLDecodeError as error:
        from .toml_errors import syntax_problem  # noqa: PLC0415 (only a file that fails to parse needs it)

        return LoadResult(None, [syntax_problem(str(error), text)], text)
    except RecursionError:
        return LoadResult(None, [Problem("E003", "", "嵌套层数过深，不是有效的表单文件")], text)
    except ValueError:  # an integer too long to convert
        return LoadResult(None, [Problem("E003", "", "含有位数过多的数字，不是有效的表单文件", _long_number_line(text))], text)
    too_many = _too_many_indicators(data, text)
    if too_many is not None:
        return LoadResult(None, [too_many], text)
    problems = _structure_problems(data)
    form = plain_form(data)  # pydantic's validator is built and run only for data of other shapes
    if form is None:
        form, found = _validated(data)
        problems += found
    result = LoadResult(form, [], text, reading)
    if problems:
        index = result.lines()
        problems = [p.at_line(p.line or find_line(index, p.where) or _missing_table_line(p, index, text)) for p in problems]
    result.problems = problems
    return result


def _validated(data: dict[str, Any]) -> tuple[Form | None, list[Problem]]:
    """Form.model_validate, its errors as problems (E004)."""
    from pydantic import ValidationError  # noqa: PLC0415 (data of another shape than jixiao writes: pydantic validates)

    try:
        return Form.model_validate(data), []
    except ValidationError as error:
        layout_name = data.get("layout", DEFAULT_LAYOUT)
        layout = layout_named(layout_name if isinstance(layout_name, str) else DEFAULT_LAYOUT)
        return None, [_validation_problem(e, layout) for e in error.errors(include_url=False)]
    except RecursionError:
        return None, [Problem("E004", "", "嵌套层数过深，不是有效的表单文件")]


def _missing_table_line(problem: Problem, index: dict[str, int], text: str) -> int | None:
    """Where a missing [funds.…] table belongs: before the first table that follows it in a form
    file ([goals], [[indicators]], [figures]), or at the end of the file."""
    if problem.where != "funds":
        return None
    following = [index[key] for key in ("goals", "indicators[0]", "figures") if key in index]
    return min(following) if following else text.rstrip().count("\n") + 1


def decode(data: bytes, size: int | None = None) -> tuple[str | None, Problem | None]:
    """Bytes of a file → text; a Chinese reason when they are not a UTF-8 text file.

    `size` is the file's real size when `data` was cut short at the cap.
    """
    if len(data) > MAX_FILE_BYTES:
        kib = (size or len(data)) // 1024
        return None, Problem("E002", "", f"文件过大（{kib} KB），表单文件不应超过 {MAX_FILE_BYTES // 1_000_000} MB")
    if b"\x00" in data:
        return None, Problem("E002", "", "这不是文本文件（含有二进制内容）")
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        hint = ""
        try:
            data.decode("gb18030")
            hint = "，看起来是 GBK 编码：请在编辑器中“另存为 UTF-8”，或运行 iconv -f GBK -t UTF-8"
        except UnicodeDecodeError:
            pass
        return None, Problem("E002", "", f"文件不是 UTF-8 编码{hint}", line)


def read_capped(path: str | os.PathLike[str]) -> tuple[bytes, int]:
    """The file's bytes, at most one past the size cap (a bigger file is refused unread), and its size."""
    return read_regular(path, MAX_FILE_BYTES + 1)  # a FIFO named *.toml is refused, never waited on


def read_form_file(path: str | os.PathLike[str]) -> LoadResult:
    """Read and parse a form file; never raises for a bad file, only reports."""
    try:
        data, size = read_capped(path)
    except OSError as error:
        return LoadResult(None, [Problem("E001", "", f"无法打开文件：{describe_os_error(error)}")])
    return parse_form_bytes(data, size)


def parse_form_bytes(data: bytes, size: int | None = None) -> LoadResult:
    text, problem = decode(data, size)
    if text is None:
        assert problem is not None
        return LoadResult(None, [problem])
    return parse_form(text)


def loads_form(text: str) -> Form:
    """The form in `text`; FormFileError when it cannot be read as one."""
    return _form_or_raise(parse_form(text))


def load_form(path: str | os.PathLike[str]) -> Form:
    """The form in the file at `path`; FormFileError when it cannot be read as one."""
    return _form_or_raise(read_form_file(path))


def _form_or_raise(result: LoadResult) -> Form:
    if result.form is None or any(p.is_error for p in result.problems):
        raise FormFileError(result.problems)
    return result.form


def dumps_form(form: Form, figures: Figures | None = None, published: StoredFigures | None = None,
               texts: Mapping[str, str] | None = None) -> str:
    """The one layout of a form file: fixed key order, every indicator its own [[indicators]] block.

    [figures] holds what the rules compute, or, for an imported form, the figures the form printed
    (`published`), so that `validate` reports where a published form's arithmetic is wrong.
    `texts` (file key → text) are written instead of the form's value at an amount, 分值 or 得分:
    what an imported form printed where no number could be read. The form holds a placeholder
    there; the file keeps the text, so loading it reports E004 and the editor shows the text and
    refuses to save, instead of a made-up 0.00.
    """
    texts = texts or {}
    figures = figures or score_form(form)
    _refuse_unloadable_numbers(form, figures)
    layout = layout_named(form.layout)
    header: dict[str, Any] = {
        "format_version": required_version(form),
        "year": form.year,
        "project": form.project,
        "department": form.department,
        "implementer": form.implementer,
        "money_unit": form.money_unit,
        "rule_set": form.rule_set,
        "layout": None if form.layout == DEFAULT_LAYOUT else form.layout,  # version 1 files have none
    }
    blocks = [_FILE_HEADER + _pairs(header)]
    for key, row in form.funds.rows():  # a blank cell is left out; a blank row is an empty table
        values = _field_values(row) | {c: texts[f"funds.{key}.{c}"] for c in FUND_COLUMNS if f"funds.{key}.{c}" in texts}
        blocks.append(f"[funds.{key}]  # {layout.rows.get(key, key)}\n" + _pairs(values))
    blocks.append("[goals]  # 年度总体目标\n" + _pairs(_field_values(form.goals)))
    places = rules_for(form).score_places
    for index, (indicator, result) in enumerate(zip(form.indicators, figures.indicators, strict=True)):
        if texts and (f"indicators[{index}].weight" in texts or f"indicators[{index}].score" in texts):
            blocks.append(_indicator_block_with_texts(index, indicator, result, places, texts))
        else:
            blocks.append(_indicator_block(indicator, result, places))
    total = figures.fund_total
    computed = {
        "initial_budget_total": total.initial_budget,
        "budget_total": total.budget,
        "executed_total": total.executed,
        "execution_rate": figures.execution_rate,
        "execution_score": figures.execution_score,
        "indicator_score": figures.indicator_score,
        "total": figures.total,
        "grade": figures.grade,
    }
    stored = computed if published is None else _field_values(published, exclude_none=True)
    # Scores and rates are written as the rule set prints them (86 and 9 under an integer rule set).
    blocks.append("[figures]  # 计算结果\n" + _pairs(exact=_FIGURE_KEYS, table=stored))
    return "\n".join(blocks)


def save_form(form: Form, path: str | os.PathLike[str]) -> None:
    """Write the form atomically (see models.atomic): a crash leaves the old or the new file.

    Raises UnsavableForm, before anything is written, for a number no form file can hold.
    """
    atomic_write(Path(path), dumps_form(form).encode("utf-8"))


def _refuse_unloadable_numbers(form: Form, figures: Figures) -> None:
    """UnsavableForm when a number to be written is beyond what loading accepts (money.beyond_file_limits)."""
    layout = layout_named(form.layout)
    numbers: list[tuple[str, Decimal | None]] = [
        (f"funds.{key}.{column}", getattr(row, column)) for key, row in form.funds.rows() for column in FUND_COLUMNS
    ]
    for index, (indicator, result) in enumerate(zip(form.indicators, figures.indicators, strict=True)):
        numbers += [(f"indicators[{index}].weight", indicator.weight), (f"indicators[{index}].score", result.score)]
    total = figures.fund_total
    numbers += [(f"figures.{column}_total", total.amount(column)) for column in FUND_COLUMNS]
    reasons = [
        f"{label(where, layout)} {value:f}：{why}"
        for where, value in numbers if value is not None and (why := beyond_file_limits(value))
    ]
    if reasons:
        raise UnsavableForm(reasons)


_FIGURE_KEYS = frozenset({"execution_rate", "execution_score", "indicator_score", "total"})
_BLOCKS: dict[tuple[object, ...], str] = {}  # an indicator's [[indicators]] block by what it is made of
_MAX_BLOCKS = 4096


def _indicator_block(indicator: Indicator, result: IndicatorFigures, places: int) -> str:
    """An indicator's block, written once per content: the recovery copy of a 200-indicator form is
    written every second while typing, and dumping every indicator again took ≈ 10 ms of a keystroke."""
    key = (indicator_content(indicator), exact(result.suggestion), places)
    block = _BLOCKS.get(key)
    if block is None:
        if len(_BLOCKS) >= _MAX_BLOCKS:
            _BLOCKS.clear()
        block = _BLOCKS[key] = "[[indicators]]\n" + _pairs(_indicator_table(indicator, result, places), exact={"weight", "score"})
    return block


def _indicator_block_with_texts(
    index: int, indicator: Indicator, result: IndicatorFigures, places: int, texts: Mapping[str, str],
) -> str:
    """The block of an indicator with a text written where its 分值 or 得分 could not be read."""
    table = _indicator_table(indicator, result, places)
    if f"indicators[{index}].weight" in texts and indicator.score_source is ScoreSource.SUGGESTED:
        table.pop("score", None)  # a suggestion from the placeholder 分值 would be a made-up number
    for name in ("weight", "score"):
        if f"indicators[{index}].{name}" in texts:
            table[name] = texts[f"indicators[{index}].{name}"]
    order = list(Indicator.model_fields)  # a text where no score was: still in the fixed place
    return "[[indicators]]\n" + _pairs({k: table[k] for k in order if k in table}, exact={"weight", "score"})


def _indicator_table(indicator: Indicator, result: IndicatorFigures, places: int) -> dict[str, Any]:
    """分值 and 得分 are written as the rule set prints scores (45 and 9, not 45.00 and 9.00, under an
    integer rule set); a fraction is kept as written (43.50)."""
    table = _field_values(indicator, exclude_none=True)
    table["weight"] = at_places(normalise(indicator.weight), places)
    if indicator.score_source is ScoreSource.SUGGESTED and result.suggestion is not None:
        table["score"] = result.suggestion  # a followed suggestion is always written as computed now
    elif indicator.score is not None:
        # The evaluator's score, or one the file gives where the rules suggest none (a word they
        # cannot judge): kept as written, never dropped; the latter does not count (总分 not checkable).
        table["score"] = at_places(indicator.score, places)
    if table.get("score") is None:
        table.pop("score", None)
    table["score_source"] = indicator.score_source.value
    # Fixed key order whatever the model's: score before its source, the reason last.
    order = list(Indicator.model_fields)
    return {key: table[key] for key in order if key in table}


def _field_values(model: FundRow | Goals | Indicator | StoredFigures, exclude_none: bool = False) -> dict[str, Any]:
    """What `model_dump` gives for these flat models (no nested model), read off the fields: the
    serializer pydantic would build for model_dump costs the editor's start-up more than the dump."""
    values = {name: getattr(model, name) for name in type(model).model_fields}
    return {k: v for k, v in values.items() if v is not None} if exclude_none else values


def _pairs(table: dict[str, Any], exact: frozenset[str] | set[str] = frozenset()) -> str:
    """TOML key/value lines; amounts with at least two places, the `exact` keys as they are."""
    import tomli_w  # noqa: PLC0415 (writing only: `validate` and opening a form never load it)

    clean = {k: _number(v, k in exact) if isinstance(v, Decimal) else v for k, v in table.items() if v is not None}
    return tomli_w.dumps(clean, multiline_strings=True)


def _number(value: Decimal, exact: bool) -> Decimal | int:
    """An amount with at least two places; an exact figure as it is, a whole one as a TOML integer
    (tomli-w would write Decimal 98 as 98.0, which no form prints)."""
    if not exact:
        return normalise(value)
    exponent = value.as_tuple().exponent
    return int(value) if isinstance(exponent, int) and exponent >= 0 else value


def _long_number_line(text: str) -> int | None:
    """The line of the integer too long for Python to convert (tomllib does not say where it is)."""
    limit = sys.get_int_max_str_digits()
    found = re.search(rf"[=\[,]\s*[+-]?\d[\d_]{{{max(limit - 1, 0)},}}", text) if limit else None
    return text.count("\n", 0, found.start()) + 1 if found else None


_INDICATOR_HEADER = re.compile(r"^[ \t]*\[\[[ \t]*indicators[ \t]*\]\]", re.MULTILINE)


def _count_indicator_headers(text: str) -> Problem | None:
    """E009 at once, before parsing, when the text has more [[indicators]] headers than the cap:
    tomllib would take seconds over a 100,000-indicator file before the cap could be checked."""
    if text.count("[[") <= MAX_INDICATORS:
        return None
    for count, header in enumerate(_INDICATOR_HEADER.finditer(text), start=1):
        if count > MAX_INDICATORS:
            total = count + sum(1 for _ in _INDICATOR_HEADER.finditer(text, header.end()))
            return _cap_problem(total, text.count("\n", 0, header.start()) + 1)
    return None


def _cap_problem(total: int, line: int | None) -> Problem:
    return Problem(
        "E009", "indicators",
        f"指标过多（{total} 条），一张表单最多 {MAX_INDICATORS} 条：第 {MAX_INDICATORS + 1} 条起超出上限，请拆分为几张表单",
        line,
    )


def _too_many_indicators(data: dict[str, Any], text: str) -> Problem | None:
    indicators = data.get("indicators")
    if not isinstance(indicators, list) or len(indicators) <= MAX_INDICATORS:
        return None
    return _cap_problem(len(indicators), find_line(line_index(text), f"indicators[{MAX_INDICATORS}]"))


def _structure_problems(data: dict[str, Any]) -> list[Problem]:
    problems: list[Problem] = []
    version = data.get("format_version", FORMAT_VERSION)
    if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
        problems.append(Problem(
            "E005", "format_version",
            f"文件格式版本 {version} 比本程序支持的 {FORMAT_VERSION} 新，请升级 jixiao；为免丢失内容，本程序不会覆盖保存它",
        ))
    layout_name = data.get("layout", DEFAULT_LAYOUT)
    if isinstance(layout_name, str) and layout_name not in LAYOUTS:
        problems.append(Problem("E007", "layout", f"未知的表样“{layout_name}”，可用：{'、'.join(LAYOUTS)}"))
    layout = layout_named(layout_name if isinstance(layout_name, str) else DEFAULT_LAYOUT)
    funds = data.get("funds")
    if funds is None:
        first = next(iter(layout.rows))
        problems.append(Problem("E004", "funds", f"缺少项目资金表 [funds.{first}] 等"))
    elif isinstance(funds, dict):
        for key, title in layout.rows.items():
            if key not in funds:
                problems.append(Problem("E004", f"funds.{key}", f"缺少项目资金的“{title}”行 [funds.{key}]"))
    rule = data.get("rule_set")
    if isinstance(rule, str) and rule not in RULE_SETS:
        problems.append(Problem("E006", "rule_set", f"未知的评分规则“{rule}”，可用：{'、'.join(RULE_SETS)}"))
    return problems


def _validation_problem(error: Any, layout: Layout) -> Problem:
    loc = tuple(error["loc"])
    where = where_from_loc(loc)
    place = label(where, layout) or "文件"
    kind = error["type"]
    if where == "format_version":
        return Problem("E004", where, f"{place}：应为 1 或 {FORMAT_VERSION}（整数，不加引号）")
    if kind == "unknown_fund_row":
        return Problem("E004", f"funds.{error['ctx']['row']}", error["msg"])
    if kind == "extra_forbidden" and loc[-1] == "indicators" and len(loc) > 1:
        # `indicators = [...]` written after a table header belongs to that table in TOML
        table = label(where_from_loc(loc[:-1]), layout) or str(loc[-2])
        return Problem("E004", where, f"“{table}”表中有“indicators”：绩效指标须写成 [[indicators]] 表（每条指标一个块，"
                       "写在文件中任何 [表] 之外），不能写成 indicators = [...]")
    if kind == "extra_forbidden":
        import difflib  # noqa: PLC0415 (only an unknown key needs it)

        key = str(loc[-1])
        close = difflib.get_close_matches(key, known_keys(loc[:-1]), n=1, cutoff=KEY_HINT_CUTOFF)
        hint = f"，是否应为“{close[0]}”？" if close else ""
        return Problem("E004", where, f"未知的键“{key}”{hint}")
    if kind in ("number_expected", "number_not_finite", "number_out_of_range"):
        message = error["msg"]
    elif kind.startswith("int_"):
        message = "应为整数，如 2024"
    elif kind.startswith("string_"):
        message = "应为文字（用英文双引号括起来）"
    elif kind == "enum":
        message = "应为 suggested（按建议得分）或 evaluator（评价人填写）"
    elif kind in ("model_type", "model_attributes_type", "dict_type"):
        message = "应为一个表（[...]）"
    elif kind == "list_type":
        message = "应为 [[...]] 表的数组"
    elif kind == "missing":
        message = "缺少此项"
    else:
        message = f"格式不正确（{error['msg']}）"
    return Problem("E004", where, f"{place}：{message}")
