"""Raw values found in a grid → a Form, the figures the form printed, and where each value came from."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from models.form import Form, FundRow, Funds, Goals, Indicator, ScoreSource, StoredFigures
from models.layouts import DEFAULT_LAYOUT, FUND_COLUMNS, LAYOUTS, Layout
from models.money import ZERO
from models.rules import RULE_SETS
from models.scoring import rules_for, score_indicator

from .found import BLANK_WEIGHT, RawForm, Unplaced
from .labels import TOTAL_ROW
from .text import label_key, parse_number


@dataclass
class ImportedForm:
    """One form read from a workbook or PDF."""

    form: Form
    published: StoredFigures | None  # None for a 项目绩效目标表: nothing was printed to compare
    places: dict[str, str]  # where in the form ("indicators[0].score") → place in the file ("Sheet1!H12")
    unplaced: list[Unplaced] = field(default_factory=list)
    areas: list[str] = field(default_factory=list)  # sheet, or pages
    targets_only: bool = False
    # File key ("indicators[0].weight") → the text printed where a number belongs and none could be
    # read. The form holds a placeholder there; the file gets the text (dumps_form's `texts`), so
    # that nothing is made up: validate reports it (E004) and the editor shows it and refuses to save.
    texts: dict[str, str] = field(default_factory=dict)


def to_form(raw: RawForm, rule_set: str | None, notes: dict[str, str] | None = None) -> ImportedForm:
    """`rule_set` chosen by the user wins over one the file names; else the default.

    `notes` are what jixiao's own export wrote beside the sheet (exchange/layout.py): the fields
    the official layout cannot show, so that its workbook imports back to the very same file.
    """
    notes = notes or {}
    unplaced = list(raw.unplaced)
    chosen = rule_set or notes.get("rule_set") or raw.header.get("rule_set") or None
    if chosen is not None and chosen not in RULE_SETS:
        unplaced.append(Unplaced(raw.places.get("rule_set", ""), chosen, "未知的评分规则，已用默认规则"))
        chosen = None
    places = dict(raw.places)
    texts: dict[str, str] = {}
    layout = _layout(raw, notes.get("layout", ""))
    form = Form(
        layout=layout.name,
        year=raw.year,
        project=raw.header.get("project", ""),
        department=raw.header.get("department", ""),
        implementer=raw.header.get("implementer", ""),
        money_unit=raw.money_unit or "万元",
        funds=_funds(raw, layout, places, unplaced, texts),
        goals=Goals(**{name: "\n".join(t for t in texts if t) for name, texts in raw.goals.items()
                       if not (raw.targets_only and name == "actual")}),
    )
    if chosen:
        form.rule_set = chosen
    _apply_notes(form, notes)
    rules = rules_for(form)
    if raw.execution_weight is not None and raw.execution_weight != rules.execution_weight:
        unplaced.append(Unplaced(
            raw.places.get("figures.execution_rate", ""), str(raw.execution_weight),
            f"执行率分值与评分规则“{form.rule_set}”的 {rules.execution_weight} 不同（可用 --rule-set 选择规则）",
        ))
    # A 绩效目标表 may print no 分值 at all (then none is asked for); the self-evaluation always does.
    weighed = not raw.targets_only or any("weight" in i.places for i in raw.indicators)
    for index, found in enumerate(raw.indicators):
        indicator = Indicator(
            level1=found.level1, level2=found.level2, name=found.name, target=found.target,
            actual="" if raw.targets_only else found.actual,
            weight=found.weight if found.weight is not None else ZERO,
            deviation_reason="" if raw.targets_only else found.deviation_reason,
        )
        blank_weight = found.weight is None and "weight" not in found.texts and bool(found.name or found.target) and weighed
        source = notes.get(f"indicators.{index + 1}.score_source")
        if source is not None:  # the export said whose score it is: no guessing
            known = {s.value for s in ScoreSource}
            indicator.score_source = ScoreSource(source) if source in known else ScoreSource.SUGGESTED
            written = parse_number(notes.get(f"indicators.{index + 1}.score", ""))
            if indicator.score_source is ScoreSource.EVALUATOR:
                indicator.score = written
        elif found.score is not None and ("weight" in found.texts or blank_weight) and not raw.targets_only:
            # no suggestion without a 分值: the printed score is kept as it was printed, never dropped
            indicator.score = found.score
            indicator.score_source = ScoreSource.EVALUATOR
        elif found.score is not None and found.weight is not None and not raw.targets_only:
            # a 分值 that could not be read (reported) says nothing about whose score this is
            suggestion = score_indicator(indicator, rules).suggestion
            if suggestion != found.score:  # the evaluator's own score; a followed suggestion stays live
                indicator.score = found.score
                indicator.score_source = ScoreSource.EVALUATOR
        form.indicators.append(indicator)
        texts.update({f"indicators[{index}].{name}": text for name, text in found.texts.items()})
        if blank_weight:
            texts[f"indicators[{index}].weight"] = ""  # not a made-up 0.00: the editor asks for it (E111)
            unplaced.append(Unplaced(found.places.get("weight", found.place), "",
                                     f"指标“{found.name or found.target}”{BLANK_WEIGHT}", kept=True))
        places[f"indicators[{index}]"] = found.place
        places.update({f"indicators[{index}].{name}": place for name, place in found.places.items()})
    return ImportedForm(
        form=form,
        published=None if raw.targets_only else _published(raw),
        places=places,
        unplaced=unplaced,
        areas=raw.areas,
        targets_only=raw.targets_only,
        texts=texts,
    )


def _apply_notes(form: Form, notes: dict[str, str]) -> None:
    if notes.get("format_version", "").isdigit():
        form.format_version = int(notes["format_version"])
    if "year" in notes:
        form.year = int(notes["year"]) if notes["year"].isdigit() else None
    if notes.get("money_unit"):
        form.money_unit = notes["money_unit"]



def _layout(raw: RawForm, noted: str) -> Layout:
    """The layout whose rows are the rows printed: all of them, with the fewest rows not printed;
    the one jixiao's export noted when its rows fit."""
    printed = {label for label in raw.funds if label != TOTAL_ROW}
    fitting = [layout for layout in LAYOUTS.values() if printed <= set(map(label_key, layout.rows.values()))]
    if noted in [layout.name for layout in fitting]:
        return LAYOUTS[noted]
    if not fitting:
        return LAYOUTS[DEFAULT_LAYOUT]
    return min(fitting, key=lambda layout: (len(layout.rows) - len(printed), layout.name != DEFAULT_LAYOUT))


def _funds(raw: RawForm, layout: Layout, places: dict[str, str], unplaced: list[Unplaced],
           texts: dict[str, str]) -> Funds:
    keys = {label_key(label): key for key, label in layout.rows.items()}
    rows: dict[str, dict[str, Decimal | None]] = {}
    printed: dict[str, dict[str, str]] = {}  # row key → column → unreadable text
    for label, values in raw.funds.items():
        if label == TOTAL_ROW:
            continue
        key = keys.get(label)
        if key is None:
            unplaced.append(Unplaced(next(iter(raw.fund_places.get(label, {}).values()), ""), label,
                                     f"表样“{layout.title}”没有这一资金行"))
            continue
        rows[key] = {column: values[column] for column in FUND_COLUMNS if column in values}
        printed[key] = raw.fund_texts.get(label, {})
        places.update({f"funds.{key}.{column}": place for column, place in raw.fund_places.get(label, {}).items()})
    total = raw.funds.get(TOTAL_ROW)
    if not rows and total:  # only 年度资金总额 printed: it is all this year's money
        key = next(iter(layout.rows))
        rows[key] = {column: total[column] for column in FUND_COLUMNS if column in total}
        printed[key] = raw.fund_texts.get(TOTAL_ROW, {})
        places.update({f"funds.{key}.{column}": place for column, place in raw.fund_places.get(TOTAL_ROW, {}).items()})
        kept = {id(raw.total_unread[column]) for column in printed[key] if column in raw.total_unread}
        unplaced[:] = [item.kept_in_form() if id(item) in kept else item for item in unplaced]
    if raw.targets_only:
        # An approved budget: the year starts with it as 年初预算数 and 全年预算数. Nothing is spent
        # yet that anyone knows of: 全年执行数 is blank, as is a cell the table leaves blank (not 0.00).
        for key, values in rows.items():
            unread = printed.get(key, {})
            initial = "initial_budget" if values.get("initial_budget") is not None or "initial_budget" in unread else "budget"
            rows[key] = {"initial_budget": values.get(initial), "budget": values.get("budget"), "executed": None}
            printed[key] = {column: unread[source] for column, source in (("initial_budget", initial), ("budget", "budget"))
                            if source in unread}
    for key, columns in printed.items():
        for column, text in columns.items():
            rows[key][column] = None  # a placeholder: the file gets the text
            texts[f"funds.{key}.{column}"] = text
    return Funds(**{key: FundRow(**values) for key, values in rows.items()})


def _published(raw: RawForm) -> StoredFigures:
    """The figures as printed. 指标得分 is not printed; it is the sum of the printed 得分 when all are."""
    total = raw.funds.get(TOTAL_ROW, {})
    printed = [i.score for i in raw.indicators if i.name or i.target]
    scores = [score for score in printed if score is not None]
    indicator_score = sum(scores[1:], scores[0]) if scores and len(scores) == len(printed) else None  # as printed: 89 or 90.00
    # Constructed, not validated: validation would write 86 (as an integer rule set prints it) as 86.00.
    # The numbers were checked when read (reading.locator._number).
    return StoredFigures.model_construct(
        initial_budget_total=total.get("initial_budget"),
        budget_total=total.get("budget"),
        executed_total=total.get("executed"),
        execution_rate=total.get("rate"),
        execution_score=total.get("score"),
        indicator_score=indicator_score,
        total=raw.total,
        grade=raw.grade,
    )
