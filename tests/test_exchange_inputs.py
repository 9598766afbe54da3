"""The inputs of export, summary and show: each form once however it is named, and every path
that cannot be read is reported with its code (E001, E008), as validate reports it."""

from __future__ import annotations

import json
import os
import shutil

import openpyxl
import pytest

from tui.cli import main


@pytest.fixture
def folder(samples_dir, tmp_path):
    copy = tmp_path / "s"
    shutil.copytree(samples_dir, copy)
    return copy


def _rows(capsys, *paths: str) -> list[dict]:
    assert main(["summary", *paths, "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)["rows"]


def test_a_folder_and_a_file_inside_it_count_once(folder, capsys):
    inside = next(folder.glob("*.toml"))
    assert len(_rows(capsys, str(folder), str(inside))) == 6


def test_a_symlink_to_a_folder_given_counts_once(folder, tmp_path, capsys):
    link = tmp_path / "slink"
    link.symlink_to(folder)
    assert len(_rows(capsys, str(folder), str(link))) == 6


def test_export_of_a_folder_twice_has_each_sheet_once(folder, tmp_path):
    out = tmp_path / "o.xlsx"
    assert main(["export", str(folder), str(folder), "--to", "xlsx", "-o", str(out)]) == 0
    assert len(openpyxl.load_workbook(out).sheetnames) == 6 + 2  # the forms, 汇总, _jixiao


@pytest.mark.parametrize("command", [["summary"], ["export", "--to", "html"], ["show"]])
def test_a_missing_path_has_e001(command, tmp_path, capsys):
    assert main([*command, str(tmp_path / "没有.toml")]) == 2
    assert "E001" in capsys.readouterr().err


@pytest.mark.parametrize("command", [["summary"], ["export", "--to", "html"], ["show"]])
def test_a_fifo_has_e008(command, tmp_path, capsys):
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    fifo = tmp_path / "fifo.toml"
    os.mkfifo(fifo)
    assert main([*command, str(fifo)]) == 2
    assert "E008" in capsys.readouterr().err


def test_show_of_a_folder_has_a_code(tmp_path, capsys):
    assert main(["show", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "E001" in err and "文件夹" in err


def test_summary_with_an_unreadable_file_exits_2_and_says_so(folder, capsys):
    (folder / "坏.toml").write_bytes(b"project = \n")
    assert main(["summary", str(folder)]) == 2
    err = capsys.readouterr().err
    assert "坏.toml" in err and "E003" in err
