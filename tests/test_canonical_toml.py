"""The fast reader of jixiao's own TOML shape (models/canonical_toml.py) returns exactly what
tomllib returns, or declines: on real forms it reads them itself, on anything odd or hostile it
either agrees with tomllib to the type or hands the text to tomllib (never a different result,
never a file tomllib rejects)."""

from __future__ import annotations

import tomllib
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.corpus import reference_forms, varied_folder
from models import dumps_form, parse_form
from models.canonical_toml import read_canonical
from models.form import Form
from models.locations import line_index

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [*sorted((ROOT / "sample_forms").glob("*.toml")), *sorted((ROOT / "tests" / "fixtures").rglob("*.toml"))]
SAMPLE_TEXTS = [path.read_text(encoding="utf-8") for path in sorted((ROOT / "sample_forms").glob("*.toml"))]


def shape(value: Any) -> Any:
    """Keys in order, types and values all the way down (== alone would take 1 for True, 1.0 for 1)."""
    if isinstance(value, dict):
        return "dict", [(key, shape(item)) for key, item in value.items()]
    if isinstance(value, list):
        return "list", [shape(item) for item in value]
    return type(value).__name__, repr(value)


def tomllib_reading(text: str) -> Any:
    try:
        return shape(tomllib.loads(text, parse_float=Decimal))
    except (tomllib.TOMLDecodeError, ValueError, RecursionError) as error:
        return type(error).__name__


def assert_agrees(text: str) -> bool:
    """The fast reader agrees with tomllib or declines, and the lines it notes are line_index's;
    True when it read the text itself."""
    fast = read_canonical(text)
    if fast is None:
        return False
    assert shape(fast.data) == tomllib_reading(text), text
    lines = fast.lines()
    if lines is not None:
        assert lines == line_index(text), text
    else:
        assert '"""' in text or "'''" in text
    return True


@pytest.mark.parametrize("source", SOURCES, ids=lambda path: path.stem)
def test_every_sample_and_fixture_is_read_fast_and_the_same(source: Path) -> None:
    text = source.read_text(encoding="utf-8-sig")
    assert assert_agrees(text)
    assert read_canonical(text).lines()  # type: ignore[union-attr]
    assert assert_agrees(text.replace("\n", "\r\n"))


def test_the_benchmark_corpus_is_read_fast_and_the_same(tmp_path: Path) -> None:
    for path in varied_folder(tmp_path, 60):
        assert assert_agrees(path.read_text(encoding="utf-8"))


# Each of these is outside the reader's grammar or not TOML at all: it must decline (tomllib then
# reads or rejects the text); the ones marked "fast" are in the grammar and read by the reader.
FAST = [
    'a = "x"\n', "a = 1\nb = -2\nc = 0\nd = -0\n", "a = 1.50\nb = -0.00\nc = 0.001\n", "a = true\nb = false\n",
    'a="x"', "\ta = 1  # note\n", '# only a comment\n\n\n', '[t]\na = "1"\n[u]  # c\nb = 2\n',
    '[f.a]\nx = 1\n[f.b]\nx = 2\n[[i]]\nn = 1\n[[i]]\nn = 2\n[g]\n',
    r'a = "q\"uote \\ back \t tab \n nl \b\f\r \u00e9 \U0001F600 \u0000"' "\n",
    'a = ""\n', 'a = """\nline 1\nline 2"""\n', 'a = """one "" two " three"""\n', 'a = """"""\n',
    'a = """\n\\"""\\u4e2d"""\n', 'a = """\n\nb = 1\n\n"""\nc = """x"""\n[t]\nd = 1\n',
    "a = \"\t\u00a0\u2028\u0085\"\n", "[t]  # x = '''\nb = 1\n", "1 = 2\n-_ = 3\n", "a = 1 #\u0085\n",
    "a = 123456789012345678\n", "[[i]]\n[[i]]\n",
]
DECLINED = [
    "a = 1\na = 2\n", "[t]\n[t]\n", "[t.a]\n[t.a]\n", "[t.a]\n[t]\n", "[t]\n[t.a]\n", "[[t]]\n[t]\n", "[t]\n[[t]]\n",
    "[[t]]\n[t.a]\n", "[t.a]\n[[t]]\n", "t = 1\n[t]\n", "t = 1\n[t.a]\n", "t = 1\n[[t]]\n", "a.b = 1\n", '"a" = 1\n',
    "'a' = 1\n", "a = 'x'\n", "a = '''x'''\n", "a = 1e5\n", "a = 1.5e5\n", "a = +1\n", "a = 1_000\n", "a = 1_000.00\n",
    "a = 0x1F\n", "a = inf\n", "a = nan\n", "a = 2024-01-01\n", "a = 07:00:00\n", "a = [1, 2]\n", "a = { b = 1 }\n",
    "[ t ]\n", "[[ t ]]\n", "[t.a.b]\n", '["t"]\n', "a = 01\n", "a = 1.\n", "a = .5\n", "a = -\n", "a =\n", "= 1\n",
    "a = 1 2\n", 'a = "x" y\n', 'a = "x\n', 'a = "x\\q"\n', r'a = "\uD800"' "\n", r'a = "\U00110000"' "\n",
    r'a = "\u12"' "\n", 'a = """\nx\\\n  y"""\n', 'a = """x""""\n', 'a = """x"""""\n', 'a = """x\n', "a = 1\rb = 2\n",
    "\ufeffa = 1\n", "a = 1\x00\n", 'a = "\x00"\n', 'a = "\x7f"\n', "# \x01\n", "a = 1 # \x7f\n", 'a = "\x1b"\n',
    "a = 1234567890123456789\n", "a = 1." + "0" * 31 + "\n", "中 = 1\n", "a\u3000= 1\n", "a = 1\u3000\n",
    "a = True\n", "a = truex\n", "[t]]\n", "[[t]\n", "[]\n", "a = \"\"\"\n" + "x" * 50,
    'a = """\x01\nb = 1\n"""\n', 'a = """\nb = 1\n\n', "a = '''\nb = 1\n'''\n",
]


@pytest.mark.parametrize("text", FAST)
def test_jixiao_shapes_are_read_fast_and_the_same(text: str) -> None:
    assert assert_agrees(text)


@pytest.mark.parametrize("text", DECLINED)
def test_other_shapes_are_left_to_tomllib(text: str) -> None:
    assert read_canonical(text) is None


# Text built from the characters that matter to TOML, line by line: any disagreement would show.
FRAGMENTS = st.sampled_from([
    "a", "b", "1", "-", "_", " ", "\t", "=", " = ", '"', '"""', "'", "\\", "\\n", "\\u00e9", "\\uD800", "#", "[", "]",
    "[[", "]]", ".", "0", "9", "1.5", "-0", "+", "e", "true", "false", "\n", "\r\n", "\r", "\x00", "\x7f", "\x1f",
    "\ufeff", "\u2028", "中", "x" * 3, "[t]\n", "[t.a]\n", "[[t]]\n", "a = ", "b = ",
])


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(parts=st.lists(FRAGMENTS, max_size=30))
def test_random_toml_like_text_agrees_or_declines(parts: list[str]) -> None:
    assert_agrees("".join(parts))


@st.composite
def written_forms(draw: st.DrawFn) -> str:
    """A sample form with random text and amounts, written by jixiao's own writer."""
    form: Form = draw(st.sampled_from(REFERENCE_FORMS)).model_copy(deep=True)
    text = st.text(max_size=15)
    money = st.integers(min_value=-10**9, max_value=10**12).map(lambda n: Decimal(n).scaleb(-2))
    form.project = draw(text)
    form.goals.expected = draw(text)
    form.funds.current_year.budget = draw(money)
    form.funds.current_year.executed = draw(money)
    for indicator in form.indicators[:3]:
        indicator.name = draw(text)
        indicator.actual = draw(text)
        indicator.deviation_reason = draw(text)
    return dumps_form(form)


REFERENCE_FORMS = reference_forms()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=written_forms())
def test_forms_written_by_jixiao_are_read_fast_and_the_same(text: str) -> None:
    assert assert_agrees(text)


@st.composite
def mutated(draw: st.DrawFn) -> str:
    """A sample form with a few characters inserted, deleted or duplicated anywhere."""
    text = draw(st.sampled_from(SAMPLE_TEXTS))
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(text)))
        kind = draw(st.sampled_from(["insert", "delete", "duplicate_line"]))
        if kind == "insert":
            text = text[:at] + draw(FRAGMENTS) + text[at:]
        elif kind == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 5)):]
        else:
            start = text.rfind("\n", 0, at) + 1
            end = text.find("\n", at) + 1 or len(text)
            text = text[:end] + text[start:end] + text[end:]
    return text


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=mutated())
def test_mutated_forms_agree_or_decline(text: str) -> None:
    assert_agrees(text)


def test_lines_are_left_to_line_index_where_a_multiline_delimiter_appears() -> None:
    """line_index reads a value opening a multi-line string its own way, even one in a comment."""
    reading = read_canonical("[t]  # x = '''\nb = 1\n")
    assert reading is not None and reading.lines() is None
    assert parse_form("[t]  # x = '''\nb = 1\n").lines() == line_index("[t]  # x = '''\nb = 1\n")


def test_problems_are_placed_on_the_same_lines_with_the_lines_the_reader_noted() -> None:
    text = SAMPLE_TEXTS[0].replace('money_unit = "万元"', 'money_unit = "美元"').replace("year = ", "yaer = ")
    noted = parse_form(text)
    assert noted.reading is not None
    assert noted.problems and all(p.line for p in noted.problems)
    assert noted.known_lines == line_index(text)


def test_a_file_tomllib_rejects_is_reported_as_before() -> None:
    """A duplicate key, declined by the fast reader: tomllib's error, with its line, as always."""
    text = SAMPLE_TEXTS[0].replace("year = ", "year = 2024\nyear = ", 1)
    result = parse_form(text)
    assert result.form is None
    assert [(p.code, p.line) for p in result.problems] == [("E003", 4)]


def test_long_blank_runs_do_not_hang_the_reader() -> None:
    """A line of 100,000 blanks before text outside the grammar: declined at once. With blanks the
    regex could split between two runs it took about (n / 16,000)² × 4 s — minutes here — so the
    bound below is a hang guard, not a timing."""
    import threading

    texts = [" " * 100_000 + "x\n", "[t]\n" + " " * 100_000 + "a.b = 1\n", "a = 1" + "\t" * 100_000 + "x\n"]
    results: list[object] = []
    worker = threading.Thread(target=lambda: results.extend(read_canonical(text) for text in texts), daemon=True)
    worker.start()
    worker.join(60)
    assert results == [None, None, None]


def test_a_text_of_more_lines_than_any_form_is_left_to_tomllib() -> None:
    """Two million blank lines: findall's ten strings a line would take hundreds of MB before deciding."""
    text = "\n" * 2_000_000 + "year = 2024\n"
    assert read_canonical(text) is None
    assert read_canonical("\n" * 1000 + "year = 2024\n").data == {"year": 2024}  # ordinary blank lines are read
