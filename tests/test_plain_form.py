"""Reading a form without pydantic's validator (models/plain_form.py) gives exactly what validation
gives, and hands everything else to pydantic, so every report stays as it was."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from models import toml_io
from models.form import Form
from models.plain_form import plain_form
from models.record import Record

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [*sorted((ROOT / "sample_forms").glob("*.toml")), *sorted((ROOT / "tests" / "fixtures").rglob("*.toml"))]
# Every kind of TOML value, and the edge cases of an amount (text, bool, too many digits, nan…).
VALUES = [
    '""', '"x"', '"17.50"', '"1,234.00"', "0", "-1", "2", "2024", "1.5", "1.505", "-3.00", "1e3", "nan", "inf",
    "true", "[]", "[1, 2]", "{}", "{ a = 1 }", "2024-01-01", "1000000000000000.00", "0.0000000000001", '"evaluator"',
    '"other"', '"sichuan-2023"', '"美元"', "1_000.00",
]
_KEY_LINE = re.compile(r"^(\w+) = (.*)$")


def _variants(text: str) -> list[str]:
    """`text`, its version 2, and each of its values replaced by every kind of value, or left out."""
    lines = text.split("\n")
    found = [text, text.replace("format_version = 1", "format_version = 2")]
    for number, line in enumerate(lines):
        match = _KEY_LINE.match(line)
        if not match:
            continue
        before, after = lines[:number], lines[number + 1:]
        found += ["\n".join([*before, f"{match.group(1)} = {value}", *after]) for value in VALUES]
        found.append("\n".join([*before, *after]))
        found.append("\n".join([*before, f"{match.group(1)}x = {match.group(2)}", *after]))
    found.append(text.replace("[goals]", "[funds.other_row]\nbudget = 1.00\n\n[goals]", 1))
    return found


def _shape(value: Any) -> Any:
    """Values, types and the fields each model counts as set, all the way down."""
    if isinstance(value, Record):
        extra = value.model_extra or {}
        return (type(value).__name__, sorted(value.model_fields_set),
                [(key, _shape(item)) for key, item in [*value.__dict__.items(), *extra.items()]])
    if isinstance(value, list):
        return [_shape(item) for item in value]
    return type(value).__name__, repr(value)


@pytest.mark.parametrize("source", SOURCES, ids=lambda path: path.stem)
def test_plain_reading_equals_validation_or_declines(source: Path) -> None:
    built = declined = 0
    for text in _variants(source.read_text(encoding="utf-8")):
        try:
            data = tomllib.loads(text, parse_float=Decimal)
        except tomllib.TOMLDecodeError:
            continue
        plain = plain_form(data)
        try:
            validated: Form | None = Form.model_validate(data)
        except ValidationError:
            validated = None
        if validated is None:
            assert plain is None, text  # pydantic must see it: its errors are the report
            declined += 1
        else:
            assert plain is not None and _shape(plain) == _shape(validated), text
            built += 1
    assert built > 10 and declined > 10  # both sides were exercised


@pytest.mark.parametrize("source", [SOURCES[0], ROOT / "tests" / "fixtures" / "regions" / "sichuan-2023.toml"],
                         ids=lambda path: path.stem)
def test_problems_are_the_same_with_or_without_the_plain_reading(source: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    texts = _variants(source.read_text(encoding="utf-8"))
    with_plain = [toml_io.parse_form(text) for text in texts]
    monkeypatch.setattr(toml_io, "plain_form", lambda data: None)
    for text, fast in zip(texts, with_plain, strict=True):
        slow = toml_io.parse_form(text)
        assert fast.problems == slow.problems, text
        assert (fast.form is None) == (slow.form is None) and _shape(fast.form) == _shape(slow.form), text


def test_validating_good_files_imports_no_pydantic() -> None:
    """The models are plain classes (models/record.py); pydantic is imported for data of another shape
    only. Checking a well-formed folder never imports it, nor does writing a form out again (what the
    editor does on opening one)."""
    code = (
        "import sys\n"
        "from tui.cli import main\n"
        "from models import dumps_form, load_form\n"
        "main(['validate', 'sample_forms', 'tests/fixtures/regions'])\n"
        "dumps_form(load_form('tests/fixtures/regions/sichuan-2023.toml'))\n"
        "print(sorted(m for m in ('pydantic', 'pydantic_core') if m in sys.modules))\n"
        "print(sorted(m for m in ('tomli_w', 'difflib', 'tempfile', 'subprocess') if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                          encoding="utf-8", timeout=120)
    assert done.returncode == 0, done.stderr
    imported, loaded = done.stdout.splitlines()[-2:]
    assert imported == "[]"  # no pydantic
    assert loaded == "['tomli_w']"  # only the writing needs its module: no key hints, temporary files or helper


def test_a_bad_value_is_still_reported_by_pydantic(sample_text) -> None:
    text = sample_text("社区干部实训基地工作经费").replace("budget = 17.50", 'budget = "很多"', 1)
    result = toml_io.parse_form(text)
    assert result.form is None
    assert [p.code for p in result.problems] == ["E004"] and "应为数字" in result.problems[0].message


def test_defaults_are_never_shared_between_forms(sample_text) -> None:
    """A table left out gets a model of its own: an edit of one form's goals never shows in another's."""
    text = re.sub(r"\[goals\].*?\n\n", "", sample_text("社区干部实训基地工作经费"), flags=re.DOTALL)
    data = tomllib.loads(text, parse_float=Decimal)
    first, second = plain_form(data), plain_form(data)
    assert first is not None and second is not None and "goals" not in first.model_fields_set
    first.goals.expected = "改过"
    assert second.goals.expected == "" and second.goals.model_fields_set == set()
    assert first.goals.model_fields_set == {"expected"}
