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
from models.view import View


class ScoreBar(Static):
    """执行率, 执行率得分, 指标得分, 总分, 评分等级, and the count of errors and warnings.

    Painted in a frame of its own, after the edit's frame: a frame repaints the rectangle around
    everything that changed, and this bar sits at the bottom, far from most fields.
    """

    _pending: Text | None = None

    def show(self, view: View) -> None:
        figures = view.figures
        errors = view.errors
        warnings = len(view.problems) - errors
        text = Text()
        if view.read_only:
            text.append(" 只读 ", style="bold white on red")
        if view.unsaved:
            text.append(" ● 未保存 ", style="bold black on yellow")
        if figures is not None:
            # A no-break space joins each label to its figure: a narrow screen wraps between pairs only.
            unknown = view.unknown  # an amount that could not be read: like validate, no definite figure
            for name, key, value in (
                ("执行率", "execution_rate", f"{fmt(figures.execution_rate)}%"),
                ("执行率得分", "execution_score", fmt(figures.execution_score)),
                ("指标得分", "indicator_score", fmt(figures.indicator_score)),
                ("总分", "total", fmt(figures.total)),
            ):
                text.append(f" {name}\u00a0", style="dim").append("无法核对" if key in unknown else value, style="bold")
            grade = "—" if "grade" in unknown else figures.grade
            text.append("  评分等级\u00a0", style="dim").append(f"\u00a0{grade}\u00a0", style="bold reverse")
        text.append("   错误\u00a0", style="dim").append(str(errors), style="bold red" if errors else "bold green")
        text.append(" 警告\u00a0", style="dim").append(str(warnings), style="bold yellow" if warnings else "bold green")
        if self._pending is None:
            self.call_after_refresh(self._paint)
        self._pending = text

    def _paint(self) -> None:
        if self._pending is not None:
            self.update(self._pending, layout=False)
            self._pending = None


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
        self.add_options([self._option(p) for p in problems])
        if problems:  # always one chosen, so Enter works at once
            self.highlighted = min(highlighted, len(problems) - 1)
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
        if place:
            text.append(f"[{place}] ", style="cyan")
        text.append(problem.message)
        return Option(text)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if self._shown:
            self.post_message(self.Jump(self._shown[event.option_index].where))
