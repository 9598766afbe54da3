"""Regressions found by a review of `jixiao import` / `validate` on hand-made and hostile files
(the workbooks in review/ are the reviewer's own, made with openpyxl in layouts unlike jixiao's)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tui.cli import main

REVIEW = Path(__file__).parent / "review"


def test_import_never_writes_through_a_symlink(tmp_path, capsys):
    victim = tmp_path / "victim.txt"
    victim.write_text("别人的文件\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    link = out / "2023-项目.toml"
    link.symlink_to(victim)
    assert main(["import", str(REVIEW / "v1_plain.xlsx"), "-o", str(out)]) == 1
    assert "已存在（符号链接），未覆盖" in capsys.readouterr().err
    assert victim.read_text(encoding="utf-8") == "别人的文件\n"
    assert main(["import", str(REVIEW / "v1_plain.xlsx"), "-o", str(out), "--force"]) == 0
    assert victim.read_text(encoding="utf-8") == "别人的文件\n"  # the link was replaced, not its target
    assert not link.is_symlink() and link.read_text(encoding="utf-8").startswith("# 财政项目支出绩效自评表")


def test_import_never_writes_onto_a_dangling_symlink(tmp_path, capsys):
    out = tmp_path / "out"
    out.mkdir()
    link = out / "2023-项目.toml"
    link.symlink_to(tmp_path / "nowhere" / "planted.toml")
    (tmp_path / "nowhere").mkdir()
    assert main(["import", str(REVIEW / "v1_plain.xlsx"), "-o", str(out)]) == 1
    assert not (tmp_path / "nowhere" / "planted.toml").exists()
    assert os.path.islink(link)
