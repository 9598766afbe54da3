"""The figures and problems of the form being edited, re-derived only where an edit can change them.

At 200 indicators, scoring and checking every indicator after each keystroke took most of the
model's share of a keystroke, although a keystroke changes one field. An indicator's figures
depend only on its own content and the rule set; its own problems on that, its row number and
whether another indicator has its name. So each row's results are kept with what they were
derived from (compared by value, field by field: the editor changes the form in place) and
reused while that is the same; the totals and the form-level checks, cheap, are always redone.
Nothing here tracks what was edited: whatever the edit (typing, undo, a moved row, another rule
set), a row whose inputs are unchanged gives what a full `score_form` + `check_form` gives
(tests/test_incremental_view.py checks that after random edits).
"""

from __future__ import annotations

from collections.abc import Sequence

from .checks import IndicatorProblems, duplicated_names, form_problems, indicator_problems
from .form import Form
from .indicator_content import Content, indicator_content
from .problems import Problem
from .rules import RuleSet
from .scoring import Figures, IndicatorFigures, form_figures, rules_for, score_indicator


class Derivation:
    """Figures and problems of successive states of one form; each row kept while its inputs stay the same."""

    def __init__(self) -> None:
        # By row: (content, rule set) → figures, and (that, row, duplicated) → problems. Compared, never hashed.
        self._scored: list[tuple[Content, RuleSet, IndicatorFigures]] = []
        self._checked: list[tuple[Content, RuleSet, bool, IndicatorProblems]] = []
        self.contents: list[Content] = []  # of the form last derived, by row: the table's rows reuse them

    def derive(self, form: Form, reading: Sequence[Problem] = ()) -> tuple[Figures, list[Problem]]:
        """What `score_form(form)` and `check_form(form, figures, reading)` give, for the form as it is now."""
        rules = rules_for(form)
        contents = self.contents = [indicator_content(indicator) for indicator in form.indicators]
        figures = form_figures(form, rules, self._figures(form, rules, contents))
        return figures, form_problems(form, figures, reading, self._problems(form, rules, contents, figures))

    def figures(self, form: Form) -> Figures:
        """What `score_form(form)` gives, for the form as it is now."""
        rules = rules_for(form)
        return form_figures(form, rules, self._figures(form, rules, [indicator_content(i) for i in form.indicators]))

    def _figures(self, form: Form, rules: RuleSet, contents: list[Content]) -> tuple[IndicatorFigures, ...]:
        before, kept = self._scored, []
        for index, (indicator, content) in enumerate(zip(form.indicators, contents, strict=True)):
            if index < len(before) and before[index][0] == content and before[index][1] is rules:
                kept.append(before[index])
            else:
                kept.append((content, rules, score_indicator(indicator, rules)))
        self._scored = kept
        return tuple(result for _, _, result in kept)

    def _problems(self, form: Form, rules: RuleSet, contents: list[Content], figures: Figures) -> list[IndicatorProblems]:
        duplicated = duplicated_names(form)
        before, kept = self._checked, []
        for index, (indicator, content, result) in enumerate(zip(form.indicators, contents, figures.indicators, strict=True)):
            twin = indicator.name.strip() in duplicated
            if index < len(before) and before[index][0] == content and before[index][1] is rules and before[index][2] == twin:
                kept.append(before[index])
            else:
                kept.append((content, rules, twin, indicator_problems(index, indicator, result, rules, twin)))
        self._checked = kept
        return [found for _, _, _, found in kept]
