"""Always-visible figures (the score bar) and the list of problems."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from models.address import Address
from models.money import fmt
from models.problems import Problem, Severity
from models.summary import NOT_CHECKABLE
from models.view import View

# The bar's words, long then short: a narrow screen gets the short ones rather than a second line.
# The last two, for 80–90 columns with every part present (只读, 未保存, four 无法核对, two counts),
# write an unknown figure as — (as the grade already is) and the markers as bare symbols.
_LONG = {"rate": "执行率", "rate_score": "执行率得分", "indicators": "指标得分", "total": "总分", "grade": "评分等级",
         "errors": "错误", "warnings": "警告", "read_only": " 只读 ", "unsaved": " ● 未保存 ", "gap": "  ",
         "unknown": NOT_CHECKABLE}
_SHORT = {**_LONG, "rate_score": "执行分", "indicators": "指标分", "grade": "等级", "gap": " "}
_SHORTER = {**_SHORT, "errors": "错", "warnings": "警", "unsaved": " ●未保存 "}
_WORDS = (
    _LONG, _SHORT, _SHORTER,
    {**_SHORTER, "unsaved": " ● ", "unknown": "—"},
    {**_SHORTER, "read_only": "只读", "unsaved": "●", "unknown": "—", "gap": ""},
)


def fitted_bar(view: View, width: int) -> Text:
    """The bar in the longest words that fit `width` (the shortest ones when none do)."""
    for words in _WORDS:
        text = _bar_text(view, words)
        if text.cell_len <= width:
            break
    return text


class ScoreBar(Static):
    """执行率, 执行率得分, 指标得分, 总分, 评分等级, and the count of errors and warnings, on one line.

    Painted in the edit's own frame, and only when its text changed: a frame renders only the
    widgets under the changed cells (tui/partial_paint.py), so the bar far below the field costs
    its own line, not the rectangle between (it used to wait for a frame of its own, one more
    frame per keystroke). When the words do not fit the width, shorter ones are used (never a
    wrap that splits a label from its figure).
    """

    _shown: View | None = None
    _text: Text | None = None

    def show(self, view: View) -> None:
        self._shown = view
        self._fit()

    def on_resize(self) -> None:
        self._fit()

    def _fit(self) -> None:
        """The long words when they fit the width, else the short ones (built only when needed)."""
        if self._shown is not None:
            text = fitted_bar(self._shown, self.size.width)
            if text != self._text:
                self._text = text
                self.update(text, layout=False)


def _bar_text(view: View, words: dict[str, str]) -> Text:
    figures = view.figures
    errors = view.errors
    warnings = len(view.problems) - errors
    gap = words["gap"]
    text = Text()
    if view.read_only:
        text.append(words["read_only"], style="bold white on red")
    if view.unsaved:
        text.append(words["unsaved"], style="bold black on yellow")
    if figures is not None:
        unknown = view.unknown  # an amount that could not be read: like validate, no definite figure
        for name, key, value in (
            ("rate", "execution_rate", f"{fmt(figures.execution_rate)}%"),
            ("rate_score", "execution_score", fmt(figures.execution_score)),
            ("indicators", "indicator_score", fmt(figures.indicator_score)),
            ("total", "total", fmt(figures.total)),
        ):
            shown = words["unknown"] if key in unknown else value
            text.append(f" {words[name]} ", style="dim").append(shown, style="bold")
        grade = "—" if "grade" in unknown else figures.grade
        text.append(f"{gap}{words['grade']} ", style="dim").append(f" {grade} ", style="bold reverse")
    text.append(f"{gap} {words['errors']} ", style="dim").append(str(errors), style="bold red" if errors else "bold green")
    text.append(f" {words['warnings']} ", style="dim").append(str(warnings), style="bold yellow" if warnings else "bold green")
    return text


class ProblemsPanel(OptionList):
    """Every problem of the open form; choosing one moves focus to its field."""

    @dataclass
    class Jump(Message):
        where: str

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._shown: tuple[Problem, ...] | None = None

    def show(self, problems: tuple[Problem, ...]) -> None:
        if problems == self._shown:
            return
        self._shown = problems
        highlighted = self.highlighted or 0
        self.clear_options()
        self.set_class(not problems, "-empty")
        if not problems:  # one line instead of an empty box: on a small screen the rows go to the form
            self.add_option(Option("问题：无错误、无警告 ✓", disabled=True))
            self.border_title = ""
            return
        self.add_options([self._option(p) for p in problems])
        self.highlighted = min(highlighted, len(problems) - 1)  # always one chosen, so Enter works at once
        errors = sum(p.is_error for p in problems)
        self.border_title = f"问题：{errors} 个错误，{len(problems) - errors} 个警告 (F6)"

    @staticmethod
    def _option(problem: Problem) -> Option:
        severity = problem.severity
        text = Text()
        text.append(f"{severity.label} ", style="bold red" if severity is Severity.ERROR else "bold yellow")
        text.append(f"{problem.code} ", style="dim")
        if problem.line and not problem.where:
            text.append(f"第 {problem.line} 行 ", style="cyan")
        place = Address.parse(problem.where).label
        message = problem.message
        if place:
            text.append(f"[{place}] ", style="cyan")
            message = message.removeprefix(f"{place}：")  # E004 names its field too: say it once
        text.append(message)
        return Option(text)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if self._shown:
            self.post_message(self.Jump(self._shown[event.option_index].where))
