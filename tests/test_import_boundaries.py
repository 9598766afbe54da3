"""models/ and `jixiao validate` never import textual (validate must start fast)."""

from __future__ import annotations

import subprocess
import sys


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
    assert {"models", "models.checks", "tui.validate_cli", "pydantic"} <= modules  # the parse works
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
