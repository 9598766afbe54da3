"""The Records (models/plain_record.py, models/record.py) behave as the pydantic models they replaced:
the parts of pydantic's model API a script or the rest of jixiao can notice."""

from __future__ import annotations

import contextlib
import copy
import threading
from collections import deque
from decimal import Decimal
from types import MappingProxyType

import pytest
from pydantic import ValidationError

from models.form import Form, FundRow, Funds, Goals, Indicator
from models.rules import Band, RuleSet


def test_a_shallow_copy_has_state_of_its_own() -> None:
    """copy.copy as pydantic's: the copy's fields, fields set and extra fields are its own (the nested
    values are shared, as in any shallow copy). Setting a field of the copy never sets the original's."""
    indicator = Indicator(name="课时数")
    copied = copy.copy(indicator)
    copied.name, copied.weight = "改过", Decimal("20.00")
    assert indicator.name == "课时数" and indicator.weight == Decimal("0.00")
    assert indicator.model_fields_set == {"name"} and copied.model_fields_set == {"name", "weight"}

    funds = Funds(current_year=FundRow())
    copied_funds = copy.copy(funds)
    copied_funds.other = FundRow()
    assert list(funds.model_extra or {}) == ["current_year"]
    assert copied_funds.current_year is funds.current_year  # shallow: the rows themselves are shared

    goals = Goals(expected="原来")
    assert copy.copy(goals) == goals and copy.copy(goals) is not goals


def test_str_is_pydantics() -> None:
    """str() of a model is pydantic's (its fields without the class name), not repr: the twin that
    models/pydantic_models.py builds is a pydantic model, so it says what pydantic prints."""
    from models.pydantic_models import to_twin

    for record in (Goals(expected="原来"), Indicator(name="课时数", score=Decimal("9.50")), Funds(other=FundRow(budget=None))):
        assert str(record) == str(to_twin(record)) and f"{record}" == str(record)
        assert repr(record) == repr(to_twin(record))
    assert str(Goals()) == "expected='' actual=''"


def test_a_decimal_field_refuses_nan_and_infinities_as_pydantic_did() -> None:
    """Band and RuleSet hold plain Decimals: pydantic refused NaN and ±Infinity there (finite_number);
    the plain reading must not take them as they are."""
    finite = {"low": Decimal(60), "high": Decimal("79.99"), "suggest": Decimal(70)}
    assert Band(**finite).low == Decimal(60)
    for bad in (Decimal("NaN"), Decimal("Infinity"), Decimal("-Infinity"), Decimal("sNaN")):
        with pytest.raises(ValidationError) as raised:
            Band(**{**finite, "low": bad})
        assert [(e["type"], e["loc"]) for e in raised.value.errors()] == [("finite_number", ("low",))]
    with pytest.raises(ValidationError):
        RuleSet(name="x", title="x", execution_weight=Decimal("NaN"))


def test_setting_a_field_of_a_frozen_model_is_a_value_error_as_in_pydantic() -> None:
    """pydantic's ValidationError (frozen_instance) is a ValueError: `except ValueError` still catches it."""
    band = Band(low=Decimal(60), high=Decimal("79.99"), suggest=Decimal(70))
    with pytest.raises(ValueError, match="frozen"):
        band.low = Decimal(0)
    assert band.low == Decimal(60)


def test_a_model_given_where_pydantic_validates_the_rest_is_kept_as_it_is() -> None:
    """pydantic never validates a model instance again: it keeps the very instance. Data of another
    shape beside it (a dict, text for a number) sends the whole to pydantic, and the Records given must
    still be the form's own — not copies that a later edit of the given one would miss."""
    goals, first, row = Goals(expected="原来"), Indicator(name="课时数"), FundRow(budget=Decimal("30.20"))
    form = Form(goals=goals, indicators=[first, {"name": "满意度", "weight": 10}], funds={"current_year": row})
    assert form.goals is goals and form.indicators[0] is first and form.funds.current_year is row
    assert form.indicators[1].weight == Decimal("10.00")  # the dict was validated
    validated = Form.model_validate({"goals": goals, "indicators": [first]})  # always through pydantic
    assert validated.goals is goals and validated.indicators[0] is first


def test_threads_that_first_validate_at_once_share_one_twin_per_record(monkeypatch: pytest.MonkeyPatch) -> None:
    """The form list validates in a thread while the editor opens a form: both may need the pydantic
    twins for the first time at once. Built twice, twins mix (a FundRow twin the other Funds twin does
    not take), and pydantic refused a valid file (model_type on every fund row)."""
    from models import pydantic_models

    monkeypatch.setattr(pydantic_models, "_TWINS", {})  # as in a new process: no twin built yet
    monkeypatch.setattr(pydantic_models, "_RECORDS", {})
    build = pydantic_models._build
    both_inside = threading.Barrier(2, timeout=0.5)

    def build_when_both_are_inside(cls: type) -> type:
        if cls is Form:  # hold the first builder until the other thread builds too, where it can
            with contextlib.suppress(threading.BrokenBarrierError):
                both_inside.wait()
        return build(cls)

    monkeypatch.setattr(pydantic_models, "_build", build_when_both_are_inside)
    data = {"format_version": 2, "year": 2024, "funds": {"current_year": {"budget": Decimal("55.00")}}}
    outcomes: list[object] = []

    def validate() -> None:
        try:
            outcomes.append(Form.model_validate(data))
        except ValidationError as error:
            outcomes.append(error)

    threads = [threading.Thread(target=validate) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [type(outcome) for outcome in outcomes] == [Form, Form], outcomes
    assert outcomes[0] == outcomes[1] and outcomes[0].funds.current_year.budget == Decimal("55.00")  # type: ignore[attr-defined]
    assert len(pydantic_models._RECORDS) == len(pydantic_models._TWINS)  # one twin per Record


def test_records_in_a_generator_or_another_container_are_read_as_pydantic_read_them() -> None:
    """pydantic reads a generator of Indicators as the list, and a mapping as a table; the Records in
    them must be taken (they were refused: model_type), the very ones given."""
    rows = [Indicator(name="课时数"), Indicator(name="满意度")]
    form = Form(indicators=(row for row in rows))
    assert form.indicators == rows and form.indicators[0] is rows[0]
    assert Form(indicators=deque(rows)).indicators == rows
    assert Form(indicators=iter(rows), year=2024).indicators == rows
    current = FundRow(budget=Decimal("30.20"))
    assert Form(funds=MappingProxyType({"current_year": current})).funds.current_year is current
    with pytest.raises(ValidationError) as raised:  # what pydantic refuses stays refused
        Form(indicators=(row for row in [*rows, Goals()]))
    assert [(e["type"], e["loc"]) for e in raised.value.errors()] == [("model_type", ("indicators", 2))]


def test_model_validate_takes_pydantics_options() -> None:
    """strict, from_attributes and context are pydantic's model_validate options (a TypeError before)."""
    with pytest.raises(ValidationError):
        Indicator.model_validate({"weight": 10, "score_source": "suggested"}, strict=True)  # strict: no str for the enum
    assert Indicator.model_validate({"score_source": "evaluator"}, strict=False).score_source == "evaluator"
    assert Goals.model_validate(Indicator(actual="达成指标"), from_attributes=True).actual == "达成指标"
    assert Form.model_validate({"year": 2024}, context={}).year == 2024
    assert Form.model_validate_json('{"year": 2024}', strict=True).year == 2024
