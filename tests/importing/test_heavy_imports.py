"""openpyxl and pdfplumber are loaded only by the commands that read those files."""

from __future__ import annotations

import subprocess
import sys

from bench.official_workbooks import build
from models import load_form


def _modules(*args: str) -> set[str]:
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "tui", *args], capture_output=True,
                          text=True, encoding="utf-8", timeout=120)
    return {line.rsplit("|", 1)[1].strip().split(".")[0] for line in done.stderr.splitlines()
            if line.startswith("import time:") and line.count("|") == 2}


def test_validate_of_form_files_loads_neither(samples_dir):
    modules = _modules("validate", str(samples_dir))
    assert "models" in modules
    assert not modules & {"openpyxl", "pdfplumber", "pdfminer", "rich", "textual"}


def test_validate_of_a_workbook_loads_openpyxl_only(tmp_path, sample_file):
    path = build(load_form(sample_file("社区建设工作专项经费")), tmp_path / "f.xlsx")
    modules = _modules("validate", str(path))
    assert "openpyxl" in modules
    assert not modules & {"pdfplumber", "pdfminer", "textual"}
