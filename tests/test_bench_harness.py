"""The benchmark harness itself works (timings are printed by `python -m bench`, never asserted)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from bench.__main__ import table
from bench.bare_app import BareApp
from bench.corpus import big_form, varied_folder
from bench.keystroke import measure
from bench.stats import Row, Spread
from models import check_form
from models.discovery import find_form_files
from models.validation import validate_file

ROOT = Path(__file__).resolve().parents[1]


def test_keystroke_harness_types_into_the_app() -> None:
    assert measure(BareApp, "#field", ["backspace", "2"], 1) > 0


def test_generated_forms_are_valid_or_broken_on_purpose(tmp_path: Path) -> None:
    paths = varied_folder(tmp_path, 20)
    assert len(paths) == 20 and find_form_files([tmp_path]) == sorted(paths)
    broken = [p for p in paths if not validate_file(p).ok]
    assert len(broken) == 2  # one in ten misses a target with no reason
    form = big_form(200)
    assert len(form.indicators) == 200
    assert not [p for p in check_form(form) if p.code == "E105"]  # weights still add up to 100


def test_probe_reports_peak_memory() -> None:
    result = subprocess.run([sys.executable, "-m", "bench.probe", "bare"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0 and int(result.stdout.split()[-1]) > 0


def test_table_marks_missed_targets() -> None:
    spread = Spread.of([1.0, 2.0, 3.0])
    assert spread.median == 2.0
    text = table([Row("按键", "a", "b", 2.5, "≤ 1.5×", False), Row("内存", "c", "d", 1.0, "≤ 1.5×", True)])
    assert "| 按键 | a | b | 2.50× | ≤ 1.5× | **no** |" in text and "| 内存 | c | d | 1.00× | ≤ 1.5× | yes |" in text
