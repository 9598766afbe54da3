"""models/ and `jixiao validate` never import textual (validate must start fast)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path


def _imported_modules(stderr: str) -> set[str]:
    """Module names from `python -X importtime` lines: 'import time: self | cumulative | name'."""
    names = set()
    for line in stderr.splitlines():
        if line.startswith("import time:") and line.count("|") == 2:
            name = line.rsplit("|", 1)[1].strip()
            if name != "imported package":
                names.add(name)
    return names


def _is_textual(name: str) -> bool:
    return name == "textual" or name.startswith("textual.")


def _modules_imported_by(repo, *args: str) -> set[str]:
    """The modules `jixiao ARGS` imports (it must succeed)."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "tui", *args],
        cwd=repo, capture_output=True, text=True, encoding="utf-8", timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return _imported_modules(done.stderr)


def test_validate_never_imports_textual(repo):
    modules = _modules_imported_by(repo, "validate", "sample_forms")
    assert {"models", "models.checks", "tui.validate_cli", "models.plain_form"} <= modules  # the parse works
    assert not [m for m in modules if _is_textual(m)]


def test_version_never_imports_textual(repo):
    modules = _modules_imported_by(repo, "--version")
    assert "importlib.metadata" in modules  # where the version is read from: the check can see imports
    assert not [m for m in modules if _is_textual(m)]


def test_syntax_messages_load_only_for_a_file_that_fails_to_parse(repo, tmp_path):
    """Checking good files pays nothing for the words of a TOML syntax error (models.toml_errors)."""
    assert "models.toml_errors" not in _modules_imported_by(repo, "validate", "sample_forms")
    broken = tmp_path / "broken.toml"
    broken.write_text("year = 2024\nexecuted = 25.4o\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "tui", "validate", str(broken)],
        cwd=repo, capture_output=True, text=True, encoding="utf-8", timeout=120,
    )
    assert done.returncode == 1 and "字母“o”" in done.stdout
    assert "models.toml_errors" in _imported_modules(done.stderr)


def _modules_after_importing_all_of(repo, package: str) -> set[str]:
    code = (
        f"import importlib, pkgutil, sys, {package}\n"
        f"for info in pkgutil.iter_modules({package}.__path__):\n"
        f"    importlib.import_module('{package}.' + info.name)\n"
        "print('\\n'.join(sorted(sys.modules)))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=repo, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return set(done.stdout.split())


def test_importing_models_does_not_import_textual_or_tui(repo):
    modules = _modules_after_importing_all_of(repo, "models")
    assert "models.scoring" in modules
    assert not [m for m in modules if _is_textual(m) or m == "tui" or m.startswith("tui.")]


def test_importing_exchange_imports_neither_textual_nor_the_export_libraries(repo):
    """exchange/ builds on models only; openpyxl and jinja2 load inside the functions that write."""
    modules = _modules_after_importing_all_of(repo, "exchange")
    assert {"exchange.xlsx", "exchange.html", "models.scoring"} <= modules
    assert not [m for m in modules if _is_textual(m) or m == "tui" or m.startswith("tui.") or _is_exchange_library(m)]


_EXCHANGE_LIBRARIES = ("openpyxl", "jinja2", "pdfplumber", "pdfminer")


def _is_exchange_library(name: str) -> bool:
    return any(name == lib or name.startswith(f"{lib}.") for lib in _EXCHANGE_LIBRARIES)


def test_validate_never_imports_the_export_libraries(repo):
    modules = _modules_imported_by(repo, "validate", "sample_forms")
    assert "models.checks" in modules
    assert not [m for m in modules if _is_exchange_library(m)]


def test_export_imports_them_only_when_it_runs(repo, tmp_path):
    """The same check can see them: `jixiao export` does import openpyxl."""
    modules = _modules_imported_by(repo, "export", "sample_forms", "--to", "xlsx", "-o", str(tmp_path / "out.xlsx"))
    assert "openpyxl" in modules


def test_editor_start_up_does_not_import_the_export_libraries(repo):
    code = (
        "import asyncio, sys\n"
        "from pathlib import Path\n"
        "from tui.app import JixiaoApp\n"
        "async def main():\n"
        "    app = JixiaoApp(Path('sample_forms'))\n"
        "    async with app.run_test(size=(120, 40)) as pilot:\n"
        "        await pilot.pause()\n"
        "        await pilot.pause()\n"
        "asyncio.run(main())\n"
        "print('\\n'.join(sorted(sys.modules)))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=repo, capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr[-2000:]
    modules = set(done.stdout.split())
    assert "textual" in modules and "tui.app" in modules
    assert not [m for m in modules if _is_exchange_library(m)]


_PYDANTIC = ("pydantic", "pydantic_core")


def test_validating_clean_files_never_imports_pydantic(repo):
    """The models are plain classes (models/record.py): a file as jixiao writes it is read, scored and
    checked without pydantic, which costs some 8 MiB and a good part of the start-up."""
    modules = _modules_imported_by(repo, "validate", "sample_forms", "tests/fixtures/regions")
    assert "models.checks" in modules
    assert not [m for m in modules if m in _PYDANTIC or m.startswith(("pydantic.", "pydantic_core."))]


def test_a_file_with_a_wrong_value_is_still_validated_by_pydantic(repo, tmp_path):
    """Data of another shape goes to pydantic (models/pydantic_models.py): its errors are the reports."""
    text = (repo / "sample_forms" / "2024-基层治理骨干专项教育培训班经费.toml").read_text(encoding="utf-8")
    bad = tmp_path / "bad.toml"
    bad.write_text(text.replace("year = 2024", 'year = "2024"', 1), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "tui", "validate", str(bad)],
        cwd=repo, capture_output=True, text=True, encoding="utf-8", timeout=120,
    )
    assert done.returncode == 1 and "E004" in done.stdout
    assert set(_PYDANTIC) <= _imported_modules(done.stderr)


def test_opening_typing_and_saving_a_form_never_imports_pydantic(repo: Path, tmp_path: Path) -> None:
    form = tmp_path / "2024-基层治理骨干专项教育培训班经费.toml"
    shutil.copy2(repo / "sample_forms" / form.name, form)
    code = (
        "import asyncio, sys\n"
        "from pathlib import Path\n"
        "sys.path.insert(0, 'tests/editor')\n"
        "from editor_helpers import editor, retype\n"
        "from tui.app import JixiaoApp\n"
        "async def main():\n"
        f"    app = JixiaoApp(Path({str(form)!r}))\n"
        "    async with app.run_test(size=(120, 40)) as pilot:\n"
        "        await retype(pilot, '#f-funds-current_year-executed', '30.20')\n"
        "        await retype(pilot, '#f-project', '改过的名称')\n"
        "        await pilot.press('ctrl+s')\n"
        "        await pilot.pause()\n"
        "        assert not editor(app).unsaved\n"
        "asyncio.run(main())\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pydantic', 'pydantic_core')))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=repo, capture_output=True, text=True,
                          encoding="utf-8", timeout=180)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.splitlines()[-1] == "[]"
    saved = form.read_text(encoding="utf-8")
    assert 'project = "改过的名称"' in saved and "executed = 30.20" in saved
