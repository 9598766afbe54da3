"""What a form file may hold for an amount, one limit for loading, typing, converting and saving
(review of issue 10, defects 1, 9 and 14): a file jixiao writes always loads, and an amount with more
decimals than the form's unit keeps loads and is reported (E104) by that unit's own limit."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from review_forms import small

from models import check_form, dumps_form, loads_form, parse_form
from models.editing import FormEditor, parse_input
from models.money import FILE_MAX_INTEGER_DIGITS, FILE_MAX_PLACES, AmountError
from models.toml_io import UnsavableForm
from models.units import ConversionRefused, convert, unit_change


def _form(unit: str, budget: str) -> str:
    """A published 万元 form typed in, 全年预算数 copied with more digits than a 万元 amount keeps."""
    return small(unit=unit, initial="89.974", budget=budget, executed="89.97456")


@pytest.mark.parametrize(("unit", "budget", "words"), [
    ("万元", "89.9745678", "最多六位小数（以万元计"),
    ("元", "899745.678", "最多两位小数（以元计"),
    ("千元", "899.745678", "最多五位小数（以千元计"),
])
def test_too_many_decimals_load_and_are_e104_by_the_units_own_limit(unit, budget, words):
    result = parse_form(_form(unit, budget))
    assert result.problems == []  # the form loads: no E004 refusing the whole form
    assert result.form is not None
    found = [(p.code, p.where) for p in check_form(result.form)]
    assert ("E104", "funds.current_year.budget") in found
    message = next(p.message for p in check_form(result.form) if p.where == "funds.current_year.budget")
    assert words in message


def test_a_number_beyond_what_a_file_holds_is_refused_when_loading_and_typing():
    too_many = "1." + "1" * (FILE_MAX_PLACES + 1)
    result = parse_form(_form("万元", too_many))
    assert [p.code for p in result.problems] == ["E004"]
    assert f"最多 {FILE_MAX_PLACES} 位小数" in result.problems[0].message
    with pytest.raises(AmountError):
        parse_input("funds.current_year.budget", too_many)
    huge = "9" * (FILE_MAX_INTEGER_DIGITS + 1)
    assert [p.code for p in parse_form(_form("元", huge)).problems] == ["E004"]
    with pytest.raises(AmountError):
        parse_input("funds.current_year.budget", huge)


def test_typing_accepts_what_the_loader_accepts():
    """Seven decimals in 万元 load (E104); typed, they are kept and reported the same way."""
    assert parse_input("funds.current_year.budget", "89.9745678") == D("89.9745678")


def _in_yuan_with_executed(executed: str):
    form = loads_form(_form("元", "1000000.00"))
    form.funds.current_year.initial_budget = D("1000000.00")
    form.funds.current_year.executed = D(executed)
    return form


def test_a_conversion_that_would_not_be_exact_to_the_fen_is_refused_and_changes_nothing():
    """元 form, 全年执行数 950000.005 (E104), 金额单位 元 → 万元: 95.0000005 万元 is refused."""
    form = _in_yuan_with_executed("950000.005")
    editor = FormEditor(form)
    with pytest.raises(ConversionRefused) as refused:
        editor.set_fields(unit_change(form, "万元", True))
    assert "当年财政拨款的全年执行数 950000.005 元换算后为 95.0000005 万元" in str(refused.value)
    assert form.money_unit == "元" and form.funds.current_year.executed == D("950000.005")
    assert editor.undo() is None  # nothing was changed, so there is nothing to undo


def test_a_conversion_beyond_the_integer_digits_a_file_holds_is_refused():
    with pytest.raises(ConversionRefused, match="最多 15 位整数"):
        convert(D("999999999999999"), "万元", "元")


def test_every_converted_form_saves_to_a_file_that_loads_with_the_same_amounts():
    form = _in_yuan_with_executed("950000.50")
    form.funds.carried_over.budget = D("1.23")
    FormEditor(form).set_fields(unit_change(form, "万元", True))
    again = loads_form(dumps_form(form))
    assert again.funds.current_year.executed == D("95.00005")
    assert again.funds.carried_over.budget == D("0.000123")
    assert dumps_form(again) == dumps_form(form)


def test_saving_refuses_a_number_the_loader_would_refuse(tmp_path):
    form = _in_yuan_with_executed("950000.00")
    form.funds.other.executed = D("1." + "5" * (FILE_MAX_PLACES + 1))  # set behind the editor's back
    target = tmp_path / "f.toml"
    target.write_text("原来的内容", encoding="utf-8")
    from models import save_form

    with pytest.raises(UnsavableForm) as refused:
        save_form(form, target)
    assert "项目资金·其他资金·全年执行数" in refused.value.strerror
    assert isinstance(refused.value, OSError)  # every save path reports it like a full disk
    assert target.read_text(encoding="utf-8") == "原来的内容"


@pytest.mark.parametrize("written", ['"1 000.00"', "1 000.00", '"1\u00a0000.00"'])
def test_spaces_as_thousands_separators_get_the_separator_hint(written):
    result = parse_form(_form("元", "1000.00").replace("initial_budget = 89.974", f"initial_budget = {written}"))
    assert [p.code for p in result.problems] in (["E003"], ["E004"])
    assert "带有千位分隔符，请写作 1000.00 或 1_000.00" in result.problems[0].message
    assert result.problems[0].line == 9
