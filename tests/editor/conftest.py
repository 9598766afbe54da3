"""Fixtures for the editor's Pilot and snapshot tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.widgets import Input, TextArea

SAMPLES = Path(__file__).resolve().parents[2] / "sample_forms"
TRAINING = "2024-基层治理骨干专项教育培训班经费.toml"


@pytest.fixture(autouse=True)
def steady_cursor(monkeypatch: pytest.MonkeyPatch) -> None:
    """Stop cursors blinking so that snapshots do not depend on timing."""
    monkeypatch.setattr(Input, "_toggle_cursor", lambda self: None)
    monkeypatch.setattr(TextArea, "_toggle_cursor_blink_visible", lambda self: None)


@pytest.fixture
def forms(tmp_path: Path) -> Path:
    """A private copy of the six reference forms."""
    folder = tmp_path / "forms"
    folder.mkdir()
    for form in SAMPLES.glob("*.toml"):  # the forms only: never a developer's own .jixiao state
        shutil.copy2(form, folder)
    return folder


@pytest.fixture
def training(forms: Path) -> Path:
    """The reference form whose evaluator scored 课时数 1.00 (总分 94.41)."""
    return forms / TRAINING
