"""A form holds at most MAX_INDICATORS indicators: a bigger file is refused at load (E009), before
the costly validation of its indicators, in `validate` and in the editor's document alike."""

from __future__ import annotations

from pathlib import Path

from bench.corpus import big_form
from models.document import FormDocument
from models.toml_io import MAX_INDICATORS, dumps_form, parse_form, read_form_file


def _minimal_indicators(count: int) -> str:
    """The attack of the issue: a small file (about 1 MB for 100,000) with very many indicators."""
    return 'format_version = 1\nyear = 2024\nproject = "x"\n' + "[[indicators]]\n" * count


def test_the_cap_is_what_the_readme_promises(repo: Path) -> None:
    assert MAX_INDICATORS == 500
    assert f"{MAX_INDICATORS} 条" in (repo / "README.md").read_text(encoding="utf-8")


def test_a_form_at_the_cap_loads() -> None:
    result = parse_form(dumps_form(big_form(MAX_INDICATORS)))
    assert result.form is not None and len(result.form.indicators) == MAX_INDICATORS
    assert not [p for p in result.problems if p.code == "E009"]


def test_one_more_is_refused_with_its_own_code_at_the_first_extra_line() -> None:
    text = dumps_form(big_form(MAX_INDICATORS + 1))
    result = parse_form(text)
    assert result.form is None
    [problem] = result.problems
    assert problem.code == "E009" and problem.is_error and problem.where == "indicators"
    assert f"最多 {MAX_INDICATORS} 条" in problem.message and f"第 {MAX_INDICATORS + 1} 条" in problem.message
    headers = [n for n, line in enumerate(text.split("\n"), start=1) if line == "[[indicators]]"]
    assert problem.line == headers[MAX_INDICATORS]


def test_a_hundred_thousand_indicators_are_refused_in_validate_and_the_editor(tmp_path: Path) -> None:
    path = tmp_path / "huge.toml"
    path.write_text(_minimal_indicators(100_000), encoding="utf-8")
    assert path.stat().st_size > 1_000_000
    result = read_form_file(path)
    assert [p.code for p in result.problems] == ["E009"] and "100000 条" in result.problems[0].message
    document = FormDocument.open(path)
    try:
        assert document.form is None and [p.code for p in document.problems] == ["E009"]
    finally:
        document.close()


def test_too_many_indicator_headers_are_refused_before_the_toml_is_parsed(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A 100,000-indicator file must not wait seconds for tomllib: the headers are counted first."""
    import models.toml_io as toml_io  # noqa: PLC0415

    def never(*_: object, **__: object) -> object:
        raise AssertionError("parsed before counting")

    text = dumps_form(big_form(MAX_INDICATORS + 1))
    monkeypatch.setattr(toml_io.tomllib, "loads", never)
    result = parse_form(text)
    assert [p.code for p in result.problems] == ["E009"] and result.form is None
    assert f"（{MAX_INDICATORS + 1} 条）" in result.problems[0].message
