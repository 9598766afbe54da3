"""The Records (models/plain_record.py, models/record.py) behave as the pydantic models they replaced:
the parts of pydantic's model API a script or the rest of jixiao can notice."""

from __future__ import annotations

import copy
from decimal import Decimal

from models.form import FundRow, Funds, Goals, Indicator


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
