"""Property-based tests: no input, however broken, makes reading, checking or `validate` raise.

(a) random TOML documents built from the form's own keys and random ones;
(b) random mutations of the six reference forms, at the byte level.

Every problem reported has a known code, a Chinese message and a line that exists in the file.
"""

from __future__ import annotations

import io
import json
import re
import tempfile
from decimal import Decimal
from pathlib import Path

import tomli_w
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from models import (
    CODES,
    RULE_SETS,
    Form,
    FormFileError,
    FundRow,
    Funds,
    Goals,
    Indicator,
    StoredFigures,
    check_form,
    loads_form,
    parse_form,
    read_form_file,
)
from models.catalog import LEVELS, QUALITATIVE_TARGETS
from models.toml_io import decode
from models.validation import validate_file
from tui.validate_cli import run_validate

SAMPLES = Path(__file__).resolve().parent.parent / "sample_forms"
SAMPLE_BYTES = [path.read_bytes() for path in sorted(SAMPLES.glob("*.toml"))]
CJK = re.compile(r"[\u4e00-\u9fff]")
UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
ENGLISH = re.compile(r"[A-Za-z]{2,} [A-Za-z]{2,}")  # a phrase of a library's own words, untranslated
QUOTED = re.compile(r"“[^”]*”")  # the file's own text, quoted back
FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

FORM_KEYS = sorted({
    *Form.model_fields, *Funds.model_fields, *FundRow.model_fields,
    *Goals.model_fields, *Indicator.model_fields, *StoredFigures.model_fields,
})
TARGETS = [
    "≥232课时", "≥232.00(课时)", "=12个", ">=90%", "≤5天", "<3天", ">0", "=0(个)", "≥0", "≤0天",
    "≥1e30(个)", "≥0.000001", "100", "", " ", *QUALITATIVE_TARGETS,
]
ACTUALS = [
    "84.00(课时)", "12.00(个)", "0", "0(个)", "95(%)", "-5", "1e400", "99999999999999999999(个)",
    "达成指标", "部分达成年度指标并具有一定效果", "未达成年度指标且效果较差", "", "无",
]


# ---------------------------------------------------------------------------------------------
# Checking one input through every entry point


def line_count(data: bytes) -> int:
    """Lines as TOML, editors and `validate` count them: separated by LF (a CRLF ends in LF)."""
    return data.count(b"\n") + 1


def assert_problems_sound(problems, lines: int | None) -> None:
    for problem in problems:
        assert problem.code in CODES, problem
        assert CJK.search(problem.message), problem
        if problem.code in {"E002", "E003"}:  # (other messages may quote the file's own keys and text;
            # these quote it only inside “…”, e.g. 键名“initial budget”中间有空格)
            assert not ENGLISH.search(QUOTED.sub("", problem.message)), problem
        if lines is None:
            assert problem.line is None, problem
        else:
            assert problem.line is None or 1 <= problem.line <= lines, (problem, lines)


def exercise(data: bytes, strict: bool = False, output: str = "text") -> list:
    """Feed `data` to every reader and checker; return the problems `validate` reports for it."""
    lines = line_count(data)
    text, problem = decode(data)
    assert (text is None) == (problem is not None)
    if problem is not None:
        assert_problems_sound([problem], lines)
    else:
        result = parse_form(text)
        assert_problems_sound(result.problems, lines)
        if result.form is not None:
            assert_problems_sound(check_form(result.form), None)  # lines come from validate_file
        try:
            form = loads_form(text)
        except FormFileError as error:
            assert error.problems
            assert_problems_sound(error.problems, lines)
        else:
            assert isinstance(form, Form)
            assert not any(p.is_error for p in result.problems)

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "表单.toml")
        path.write_bytes(data)
        read = read_form_file(path)
        assert_problems_sound(read.problems, lines)
        report = validate_file(path)
        assert_problems_sound(report.problems, lines)
        out = io.StringIO()
        code = run_validate([str(path)], strict, output, out)
        assert code in {0, 1, 2}
        assert code == (1 if any(p.is_error for p in report.problems) or (strict and report.problems) else 0)
        if output == "json":
            entry = json.loads(out.getvalue())["files"][0]
            assert [p["code"] for p in entry["problems"]] == [p.code for p in report.problems]
        else:  # one line per problem, whatever text the messages quote from the file
            printed = out.getvalue().split("\n")
            assert len(printed) == len(report.problems) + 2 and printed[-1] == "", printed
            assert printed[-2].startswith("检查了 1 个表单文件")
            assert not UNPRINTABLE.search(out.getvalue().replace("\n", "")), printed
    return report.problems


# ---------------------------------------------------------------------------------------------
# (a) Random TOML documents

keys = st.one_of(st.sampled_from(FORM_KEYS), st.text(max_size=12))
scalars = st.one_of(
    st.text(max_size=30),
    st.sampled_from([*TARGETS, *ACTUALS, "suggested", "evaluator", "万元", *RULE_SETS, *LEVELS]),
    st.integers(),
    st.integers(min_value=-(10**60), max_value=10**60),
    st.floats(allow_nan=True, allow_infinity=True),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.decimals(places=3, min_value=-1000, max_value=1000),
    st.booleans(),
    st.dates(),
    st.datetimes(),
    st.times(),
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=4),
    max_leaves=20,
)
documents = st.dictionaries(keys, values, max_size=8)


MONEY = st.one_of(  # (integers scaled, as st.decimals() is slow to draw forty times per form)
    st.integers(min_value=0, max_value=1_000_000).map(lambda n: Decimal(n).scaleb(-2)),
    st.integers(min_value=0, max_value=10_000).map(lambda n: Decimal(n).scaleb(-2)),
    st.integers(min_value=-10_000, max_value=10_000).map(lambda n: Decimal(n).scaleb(-2)),
    st.integers(min_value=0, max_value=100_000_000).map(lambda n: Decimal(n).scaleb(-6)),
    st.sampled_from([Decimal("0"), Decimal("0.00"), Decimal("100"), Decimal("0.000001"), Decimal("9" * 14)]),
    st.integers(min_value=-5, max_value=200),
)
TEXT = st.text(max_size=20)
FUND_ROW = {"initial_budget": MONEY, "budget": MONEY, "executed": MONEY}
INDICATOR = {
    "level1": st.sampled_from([*LEVELS, ""]),
    "level2": st.sampled_from([v for vs in LEVELS.values() for v in vs]),
    "name": TEXT,
    "target": st.sampled_from(TARGETS),
    "actual": st.sampled_from(ACTUALS),
    "weight": MONEY,
    "score": MONEY,
    "score_source": st.sampled_from(["suggested", "evaluator"]),
    "deviation_reason": TEXT,
}
HEADER = {
    "format_version": st.sampled_from([1, 1, 1, 1, 2, 3, 0, -1]),
    "year": st.sampled_from([2024, 2025, 0, -1]),
    "project": TEXT,
    "department": TEXT,
    "implementer": TEXT,
    "money_unit": TEXT,
    "rule_set": st.sampled_from(list(RULE_SETS)),
}


@st.composite
def form_documents(draw) -> dict:
    """Documents shaped like a form, with a random amount of chaos: from none (the form loads and
    every check runs) to a lot (values of the wrong kind, keys missing or unknown)."""
    chaos = draw(st.sampled_from([0, 0, 0.01, 0.03, 0.1, 0.3]))  # per value and per key
    dice = draw(st.randoms(use_true_random=True))  # seeded by hypothesis; far cheaper than a draw per field

    def odd() -> bool:
        return dice.random() < chaos

    def value(strategy):
        return draw(values) if odd() else draw(strategy)

    def table(fields: dict) -> dict:
        made = {key: value(strategy) if isinstance(strategy, st.SearchStrategy) else strategy()
                for key, strategy in fields.items() if not odd()}
        if odd():
            made[draw(keys)] = draw(values)
        return made

    def indicators() -> list:
        return [table(INDICATOR) for _ in range(draw(st.integers(0, 6)))]

    return table({
        **HEADER,
        "funds": lambda: table({row: lambda: table(FUND_ROW) for row in ("current_year", "carried_over", "other")}),
        "goals": lambda: table({"expected": TEXT, "actual": TEXT}),
        "indicators": indicators,
        "figures": lambda: table({key: MONEY for key in StoredFigures.model_fields if key != "grade"}),
    })


def serialise(document: dict) -> bytes:
    try:
        return tomli_w.dumps(document).encode("utf-8")
    except (TypeError, ValueError):  # something TOML cannot hold (e.g. a time with a time zone)
        assume(False)
        raise


@FUZZ
@given(document=documents, strict=st.booleans(), output=st.sampled_from(["text", "json"]))
def test_random_toml_documents_never_raise(document, strict, output):
    exercise(serialise(document), strict, output)


@FUZZ
@given(document=form_documents(), strict=st.booleans(), output=st.sampled_from(["text", "json"]))
def test_form_shaped_documents_never_raise(document, strict, output):
    exercise(serialise(document), strict, output)


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=200))
def test_random_text_never_raises(text):
    result = parse_form(text)
    assert_problems_sound(result.problems, text.count("\n") + 1)
    if result.form is not None:
        check_form(result.form)
    try:
        loads_form(text)
    except FormFileError:
        pass


@settings(max_examples=200, deadline=None)
@given(data=st.binary(max_size=300))
def test_random_bytes_never_raise(data):
    exercise(data)


# ---------------------------------------------------------------------------------------------
# (b) Mutations of the six reference forms

VALUE_LINE = re.compile(rb"^(?P<key>[a-z_0-9]+) = (?P<value>.*)$")
PASTE_TARGET = re.compile(rb'^(?:project|department|implementer|expected|name|deviation_reason) = "(?!")', re.M)
MONEY_KEYS = {b"initial_budget", b"budget", b"executed", b"weight", b"score"}

replacement_values = st.one_of(
    st.text(max_size=12).map(lambda s: s.encode("utf-8")),  # as it comes: often not TOML at all
    st.text(max_size=12).map(lambda s: tomli_w.dumps({"k": s})[4:-1].encode("utf-8")),  # a TOML string
    st.decimals(allow_nan=False, allow_infinity=False, places=2).map(lambda d: str(d).encode()),
    st.integers().map(lambda i: str(i).encode()),
    st.floats().map(lambda f: repr(f).encode()),
    st.sampled_from([b"nan", b"inf", b"-inf", b"+nan", b"1e999", b"-0.00", b"true", b"[]", b"{}", b'""']),
    st.integers(min_value=16, max_value=6000).map(lambda n: b"9" * n),
    st.decimals(places=2, min_value=Decimal("0.01"), max_value=10_000).map(lambda d: f"-{d}".encode()),
    st.decimals(places=3, min_value=0, max_value=10_000)
    .filter(lambda d: d.as_tuple().digits[-1] != 0)
    .map(lambda d: str(d).encode()),
)
inserted_bytes = st.one_of(
    st.binary(min_size=1, max_size=8),
    st.sampled_from([b"\xff", b"\xc3", b"\xe4\xb8", b"\x00", b"\r", b"\n", b"\r\n", b"[", b"]", b'"', b"=",
                     b"\xef\xbb\xbf", "\u2028".encode(), "\x85".encode(), "\u2029".encode()]),
    st.text(min_size=1, max_size=8).map(lambda s: s.encode("utf-8")),
)


@st.composite
def pasted_into_string(draw, data: bytes) -> bytes:
    """Text pasted into a string value (as from Word or a PDF): still a string on the same line."""
    quotes = [m.end() for m in PASTE_TARGET.finditer(data)]
    if not quotes:
        return data
    at = draw(st.sampled_from(quotes))
    pasted = draw(st.text(alphabet=st.sampled_from("文字 a\u2028\u2029\x85\u200b\u3000"), min_size=1, max_size=6))
    return data[:at] + pasted.encode("utf-8") + data[at:]


@st.composite
def mutation(draw, data: bytes) -> bytes:
    """`data` with one random change."""
    lines = data.split(b"\n")
    kind = draw(st.sampled_from(["delete", "duplicate", "swap", "replace", "truncate", "insert", "insert_in_string"]))
    if kind == "truncate":
        return data[: draw(st.integers(0, len(data)))]
    if kind == "insert":
        at = draw(st.integers(0, len(data)))
        return data[:at] + draw(inserted_bytes) + data[at:]
    if kind == "insert_in_string":
        return draw(pasted_into_string(data))
    i = draw(st.integers(0, len(lines) - 1))
    if kind == "delete":
        del lines[i]
    elif kind == "duplicate":
        lines.insert(i, lines[i])
    elif kind == "swap":
        j = draw(st.integers(0, len(lines) - 1))
        lines[i], lines[j] = lines[j], lines[i]
    else:
        candidates = [n for n, line in enumerate(lines) if VALUE_LINE.match(line)]
        i = draw(st.sampled_from(candidates)) if candidates else i
        found = VALUE_LINE.match(lines[i])
        if found:
            lines[i] = found["key"] + b" = " + draw(replacement_values)
    return b"\n".join(lines)


@st.composite
def mutated_samples(draw) -> bytes:
    data = draw(st.sampled_from(SAMPLE_BYTES))
    if draw(st.booleans()):
        data = data.replace(b"\n", b"\r\n")
    for _ in range(draw(st.integers(1, 3))):
        data = draw(mutation(data))
    return data


@settings(FUZZ, max_examples=500)  # the likeliest bad files: hand edits of real forms gone wrong
@given(data=mutated_samples(), strict=st.booleans(), output=st.sampled_from(["text", "json"]))
def test_mutated_reference_forms_never_raise(data, strict, output):
    exercise(data, strict, output)


@st.composite
def bad_amounts(draw) -> tuple[bytes, int, str]:
    """A reference form with one money, 分值 or 得分 made negative or given a third decimal,
    after text (possibly with Unicode line separators) was pasted into some string value."""
    data = draw(st.sampled_from(SAMPLE_BYTES))
    crlf = draw(st.booleans())
    for _ in range(draw(st.integers(0, 2))):
        data = draw(pasted_into_string(data))
    lines = data.split(b"\n")
    code = draw(st.sampled_from(["E103", "E104"]))
    # A third decimal is an error in 分值 and 得分; the reference's 万元 amounts may have up to six.
    keys = MONEY_KEYS if code == "E103" else {b"weight", b"score"}
    candidates = [n for n, line in enumerate(lines) if (m := VALUE_LINE.match(line)) and m["key"] in keys]
    i = draw(st.sampled_from(candidates))
    value = draw(st.decimals(places=2, min_value=Decimal("0.01"), max_value=100))
    bad = f"-{value}" if code == "E103" else f"{value}{draw(st.integers(1, 9))}"
    lines[i] = VALUE_LINE.match(lines[i])["key"] + b" = " + bad.encode()
    data = b"\n".join(lines)
    return (data.replace(b"\n", b"\r\n") if crlf else data), i + 1, code


@settings(max_examples=150, deadline=None)
@given(case=bad_amounts())
def test_bad_amount_is_reported_on_its_own_line(case):
    data, line, code = case
    problems = exercise(data)
    assert any(p.code == code and p.line == line for p in problems), (line, problems)
