"""Figures that cannot be known are never stated (review of issue 10, defect 2): `validate --format
json` gives null for them and says why in `not_checkable`, as the text output says 无法核对.

Decision for an unknown qualitative word (target 减轻, actual 明显减轻): the evaluator's score counts;
a score the file gives under `suggested` (the rules suggest none) does not count and is not dropped
either: 指标得分, 总分 and 评分等级 are not checkable until the actual value is rewritten or the
evaluator scores the indicator, and the score is kept on save.
"""

from __future__ import annotations

import json
from decimal import Decimal as D
from pathlib import Path

import pytest

from models import dumps_form, loads_form, score_form
from tui.cli import main

# w4.toml / a3.toml of the review: a published 元 form typed in.
FORM = """\
format_version = 1
year = 2023
project = "城乡居民医疗救助"
department = "某县医疗保障局"
implementer = "某县医疗保障局"
money_unit = "元"
rule_set = "baoshan-2024"

[funds.current_year]
initial_budget = 1000000.00
budget = 1_000_000.00
executed = 950000.5

[funds.carried_over]

[funds.other]

[goals]
expected = "救助困难群众"
actual = "完成救助"

[[indicators]]
level1 = "产出指标"
level2 = "数量指标"
name = "救助人次"
target = "≥1,000(人次)"
actual = "{count}"
weight = 30
score_source = "suggested"
deviation_reason = "部分对象未申请"

[[indicators]]
level1 = "产出指标"
level2 = "数量指标"
name = "救助金额"
target = "≥1，000，000(元)"
actual = "1 000 000(元)"
weight = 30
score_source = "suggested"
deviation_reason = ""

[[indicators]]
level1 = "效益指标"
level2 = "社会效益指标"
name = "困难群众就医负担"
target = "减轻"
actual = "{burden}"
weight = 30
score = 20
score_source = "{source}"
deviation_reason = ""
"""


def _json(tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str) -> dict:
    path = tmp_path / "form.toml"
    path.write_text(text, encoding="utf-8")
    main(["validate", "--format", "json", str(path)])
    return json.loads(capsys.readouterr().out)["files"][0]


def test_an_unreadable_actual_value_gives_null_figures_and_the_reason(tmp_path, capsys):
    record = _json(tmp_path, capsys, FORM.format(count="9,50(人次)", burden="达成指标", source="evaluator"))
    assert record["figures"] == {
        "execution_rate": "95.00", "execution_score": "9.50",
        "indicator_score": None, "total": None, "grade": None,
    }
    assert record["not_checkable"] == ["第 1 条指标实际完成值无法识别"]


def test_an_unknown_word_with_a_score_under_suggested_is_not_counted_as_zero(tmp_path, capsys):
    text = FORM.format(count="950(人次)", burden="明显减轻", source="suggested")
    record = _json(tmp_path, capsys, text)
    assert record["figures"]["total"] is None and record["figures"]["grade"] is None
    assert record["not_checkable"] == ["第 3 条指标实际完成值无法判断是否达成"]
    assert [p["code"] for p in record["problems"]] == ["W212"]
    saved = dumps_form(loads_form(text))
    assert "score = 20.00\nscore_source = \"suggested\"" in saved  # kept, not dropped


def test_the_evaluators_score_for_an_unknown_word_counts(tmp_path, capsys):
    text = FORM.format(count="950(人次)", burden="明显减轻", source="evaluator")
    assert score_form(loads_form(text)).total == score_form(loads_form(text)).execution_score + D("28.50") + 30 + 20
    record = _json(tmp_path, capsys, text)
    assert record["figures"]["total"] == "88.00" and record["not_checkable"] == []


def test_the_funds_block_shows_no_figure_from_an_unreadable_amount(tmp_path: Path) -> None:
    """`executed = "25,4万"`: the 年度资金总额 row and that row's 执行率 are —, as the score bar's 无法核对,
    not 0.00; a number typed there brings them back, and refused typed text takes them away again."""
    from models.session import EditSession

    source = Path(__file__).parent.parent / "sample_forms" / "2024-社区建设工作专项经费.toml"
    target = tmp_path / "form.toml"
    target.write_text(source.read_text(encoding="utf-8").replace("executed = 54.36", 'executed = "25,4万"', 1), encoding="utf-8")
    session = EditSession.open(target)
    try:
        view = session.view()
        assert (view.fund_totals, view.execution[1:], view.fund_rows[0].rate) == (("—",) * 3, ("—", "—"), "—")
        view = session.type("funds.current_year.executed", "25.4")
        assert "—" not in (*view.fund_totals, *view.execution, view.fund_rows[0].rate)
        view = session.type("funds.current_year.executed", "25,4万")
        assert view.execution[1:] == ("—", "—") and view.summary.total == "无法核对"
    finally:
        session.close()


def test_a_comma_that_groups_no_thousands_is_refused() -> None:
    """`25,4` (on the way to `25,4万`, or a decimal comma) was read as 254 and could be saved as the last
    valid value; thousands (1,000.50, full-width １，２３４) are still read."""
    from models.money import AmountError, parse_amount

    assert (parse_amount("1,000.50"), parse_amount("１，２３４")) == (D("1000.50"), D("1234.00"))
    for text in ("25,4", "25,4万", "1,0000", ","):
        with pytest.raises(AmountError):
            parse_amount(text)


def test_the_table_suggests_nothing_from_a_weight_that_is_not_a_number(tmp_path: Path) -> None:
    from models.session import EditSession

    source = Path(__file__).parent.parent / "sample_forms" / "2024-社区建设工作专项经费.toml"
    target = tmp_path / "form.toml"
    target.write_bytes(source.read_bytes())
    with EditSession.open(target) as session:
        for text in ("十分", "3十"):  # "3十" passes through "3": the table showed 得分 3.00
            row = session.type("indicators[0].weight", text).rows[0]
            assert (row.weight, row.score, row.suggestion) == (text, "—", "—")
        assert session.type("indicators[0].weight", "30").rows[0].score == "30.00"


def test_the_table_row_of_an_indicator_nobody_could_score_shows_no_score(tmp_path: Path, samples_dir: Path) -> None:
    """A 实际完成值 the rules cannot judge, 得分 following the suggestion: the row shows — as the
    totals say 无法核对, never a 0.00 made up (the fresh-clone review saw 0.00 beside — 建议)."""
    from models.session import EditSession  # noqa: PLC0415 (the editor's session, only here)

    path = tmp_path / "form.toml"
    path.write_bytes((samples_dir / "2024-基层治理骨干专项教育培训班经费.toml").read_bytes())
    session = EditSession.open(path)
    assert session.view().rows[2].score == "30.00"  # 社工培训及时性: 达成指标, the suggestion counts
    view = session.type("indicators[2].actual", "abc")
    assert (view.rows[2].score, view.rows[2].suggestion) == ("—", "—")
    assert {"indicator_score", "total", "grade"} <= view.unknown
    view = session.type("indicators[2].score", "12")  # the evaluator scores it: that counts and shows
    assert view.rows[2].score == "12.00" and view.rows[2].evaluator


def test_an_export_prints_no_score_or_total_nobody_could_give(tmp_path: Path, samples_dir: Path) -> None:
    """The editor shows — for an indicator nobody could score and 无法核对 for 总分; the exported
    form printed 0.00 for it and a 总分 of 64.41 (优) as if it were known (review B)."""
    from exchange.layout import form_layout  # noqa: PLC0415 (the exports' layout, only here)

    text = (samples_dir / "2024-基层治理骨干专项教育培训班经费.toml").read_text(encoding="utf-8")
    form = loads_form(text.replace('actual = "达成指标"', 'actual = "abc"', 2).replace('actual = "abc"', 'actual = "达成指标"', 1))
    assert form.indicators[2].actual == "abc"
    layout = form_layout(form, score_form(form))
    assert [line.score.text for line in layout.indicators] == ["1.00", "25.00", "—", "30.00"]
    assert (layout.total.text, layout.total.number, layout.grade) == ("无法核对", None, "—")
    path = tmp_path / "form.toml"
    path.write_text(dumps_form(form), encoding="utf-8")
    assert main(["export", str(path), "--to", "xlsx", "-o", str(tmp_path / "form.xlsx")]) == 0
    assert main(["import", str(tmp_path / "form.xlsx"), "-o", str(tmp_path / "back")]) == 0
    (back,) = (tmp_path / "back").glob("*.toml")
    imported = loads_form(back.read_text(encoding="utf-8"))  # read back whole, nothing left unread
    assert imported.funds == form.funds and [i.actual for i in imported.indicators] == [i.actual for i in form.indicators]
    assert score_form(imported).indicators[2].score_known is False  # still nobody's score, not an evaluator's —
    assert imported.figures is not None and (imported.figures.total, imported.figures.grade) == (None, None)
