"""The integer rule set, from the review of issue 10 (defects 3 and 4).

Decision: under `integer-scores` a clerk's fractional 得分 is kept, and the sums carry its places
(9 + 88.50 = 97.50) instead of rounding 总分 to a whole number the printed figures do not add up
to; 分值 and 得分 are printed like the rule set's scores everywhere (45, not 45.00). Files the
previous jixiao wrote under integer-scores (执行率 86.33, 总分 98.00 from 97.50 rounded) keep
validating: a stored figure equal to what that version computed is accepted, and the next save
writes today's figures. tests/fixtures/previous-jixiao-integer-scores.toml was written by the
jixiao of commit 3683453 (dumps_form of that commit reproduces it byte for byte).
"""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

from review_forms import hebei

from models import check_form, dumps_form, loads_form, score_form
from models.toml_io import parse_form

PREVIOUS = Path(__file__).parent / "fixtures" / "previous-jixiao-integer-scores.toml"

def _figures_table(text: str) -> dict[str, D]:
    table = text.split("\n[figures]", 1)[1].split("\n")[1:]
    return {k.strip(): D(v) for k, v in (line.split("=") for line in table if "=" in line and "grade" not in line)}


def test_a_fractional_score_under_integer_scores_is_kept_and_the_figures_add_up():
    form = loads_form(hebei(weight=45, score=43.5))
    figures = score_form(form)
    assert (figures.execution_score, figures.indicator_score, figures.total) == (D(9), D("88.50"), D("97.50"))
    assert figures.execution_score + figures.indicator_score == figures.total
    saved = dumps_form(form)
    assert "weight = 45\n" in saved and "score = 43.50\n" in saved and "weight = 45.00" not in saved
    written = _figures_table(saved)
    assert written["execution_score"] + written["indicator_score"] == written["total"] == D("97.50")
    assert dumps_form(loads_form(saved)) == saved


def test_whole_scores_stay_whole():
    figures = score_form(loads_form(hebei(weight=45, score=43)))
    assert (str(figures.indicator_score), str(figures.total)) == ("88", "97")


def test_messages_print_weights_and_scores_like_the_rule_set():
    messages = {p.code: p.message for p in check_form(loads_form(hebei(weight=40, score=46)))}
    assert "分值合计为 90（含执行率 10），应为 100" in messages["E105"]
    assert "得分 46 应在 0 到分值 40 之间" in messages["E106"]
    assert "得分 46 高于建议得分 38" in messages["W201"]


def test_a_file_the_previous_jixiao_wrote_under_integer_scores_keeps_validating():
    text = PREVIOUS.read_text(encoding="utf-8")
    assert "execution_rate = 86.33" in text and "total = 98.00" in text
    result = parse_form(text)
    assert result.problems == [] and result.form is not None
    assert check_form(result.form) == []
    saved = dumps_form(result.form)  # the next save writes today's figures
    assert "execution_rate = 86\n" in saved and "total = 97.50\n" in saved
    assert check_form(loads_form(saved)) == []


def test_a_wrong_figure_in_an_old_file_is_still_reported():
    text = PREVIOUS.read_text(encoding="utf-8")
    for wrong, right in (("execution_rate = 86.34", "86"), ("total = 97.00", "97.50")):
        key = wrong.split(" =")[0]
        line = next(line for line in text.split("\n") if line.startswith(f"{key} ="))
        found = [p for p in check_form(loads_form(text.replace(line, wrong))) if p.code == "E110"]
        assert [p.where for p in found] == [f"figures.{key}"] and f"按规则应为 {right}" in found[0].message


def test_a_suggestion_is_never_above_its_weight(tmp_path: Path) -> None:
    """分值 43.50 fully met under whole points: 43.50 rounds to 44, above the 分值. The suggestion is 43,
    so what the editor shows (a followed suggestion) is what validate says of the saved file."""
    from models.session import EditSession

    source = Path(__file__).parent.parent / "sample_forms" / "2024-全区志愿服务工作专项经费.toml"
    target = tmp_path / source.name
    target.write_bytes(source.read_bytes())
    session = EditSession.open(target)
    try:
        session.set_rule_set("integer-scores")
        view = session.type("indicators[2].weight", "43.50")
        assert view.rows[2].score == "43"
        on_screen = sorted(p.code for p in view.problems)
        session.save(confirmed=True)
    finally:
        session.close()
    reopened = parse_form(target.read_text(encoding="utf-8"))
    assert reopened.form is not None
    assert sorted(p.code for p in check_form(reopened.form)) == on_screen and "E106" not in on_screen


def test_a_fully_met_indicator_scored_below_a_fractional_weight_asks_no_reason(tmp_path: Path) -> None:
    """Whole points with 分值 43.50, 2.50, 0.50 fully met: the suggestions 43, 2, 0 are the full marks
    under these rules — no E107 asking why they fall short (review of the cap)."""
    from models.session import EditSession

    source = Path(__file__).parent.parent / "sample_forms" / "2024-全区志愿服务工作专项经费.toml"
    target = tmp_path / source.name
    target.write_bytes(source.read_bytes())
    with EditSession.open(target) as session:
        session.set_rule_set("integer-scores")
        for row, weight in enumerate(("43.50", "2.50", "0.50")):
            view = session.type(f"indicators[{row}].weight", weight)
        assert [row.score for row in view.rows] == ["43", "2", "0"]
        assert "E107" not in {p.code for p in view.problems}
