"""`jixiao export` as a clerk meets it: forms with errors, --strict, unreadable files, an
unwritable destination, and an existing output that is never half-overwritten."""

from __future__ import annotations

import errno
import os
from decimal import Decimal
from pathlib import Path

import pytest

from models import save_form
from tui.cli import main


@pytest.fixture
def form_with_errors(tmp_path, clean_form) -> Path:
    clean_form.indicators[0].weight = Decimal("60.00")  # E105 分值合计 110
    clean_form.department = ""  # E101
    path = tmp_path / "有错误.toml"
    save_form(clean_form, path)
    return path


def test_a_form_with_errors_still_exports_and_says_how_many(form_with_errors, tmp_path, capsys, is_chinese):
    out = tmp_path / "out.html"
    assert main(["export", str(form_with_errors), "--to", "html", "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "1 个表单共有 2 个错误" in err and is_chinese(err)
    assert "110.00" in out.read_text(encoding="utf-8")  # printed as it is, to be looked at


def test_strict_refuses_a_form_with_errors(form_with_errors, tmp_path, capsys):
    out = tmp_path / "out.xlsx"
    assert main(["export", str(form_with_errors), "--to", "xlsx", "-o", str(out), "--strict"]) == 1
    err = capsys.readouterr().err
    assert "X304" in err and "2 个错误" in err
    assert not out.exists()


def test_strict_exports_clean_forms(samples_dir, tmp_path):
    out = tmp_path / "out.html"
    assert main(["export", str(samples_dir), "--to", "html", "-o", str(out), "--strict"]) == 0
    assert out.exists()


def test_unreadable_files_are_skipped_and_named(samples_dir, tmp_path, capsys, sample_file):
    broken = tmp_path / "坏文件.toml"
    broken.write_text("project = \n", encoding="utf-8")
    out = tmp_path / "out.html"
    assert main(["export", str(sample_file("社区建设工作专项经费")), str(broken), "--to", "html", "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "跳过" in err and "坏文件.toml" in err and "E003" in err
    assert "社区建设工作专项经费" in out.read_text(encoding="utf-8")


def test_nothing_to_export(tmp_path, capsys):
    assert main(["export", str(tmp_path), "--to", "xlsx", "-o", str(tmp_path / "x.xlsx")]) == 2
    assert "X305" in capsys.readouterr().err
    assert main(["export", str(tmp_path / "没有"), "--to", "xlsx"]) == 2
    assert "找不到" in capsys.readouterr().err


@pytest.mark.parametrize("where", ["no-folder/out.xlsx", "a-file/out.xlsx", "."])
def test_an_unwritable_destination_is_a_chinese_error(where, sample_file, tmp_path, capsys, is_chinese):
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    code = main(["export", str(sample_file("社区建设工作专项经费")), "--to", "xlsx", "-o", str(tmp_path / where)])
    err = capsys.readouterr().err
    assert code == 2 and "X301" in err and is_chinese(err) and "Traceback" not in err


def test_an_existing_output_is_never_half_overwritten(sample_file, tmp_path, monkeypatch, capsys):
    out = tmp_path / "out.xlsx"
    out.write_bytes(b"the previous export")

    def disk_full(descriptor: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)  # the write of the new file fails half-way
    code = main(["export", str(sample_file("社区建设工作专项经费")), "--to", "xlsx", "-o", str(out)])
    err = capsys.readouterr().err
    assert code == 2 and "X301" in err and "磁盘已满" in err
    assert out.read_bytes() == b"the previous export"
    assert [p.name for p in tmp_path.iterdir()] == ["out.xlsx"]  # no temporary file left behind


def test_default_output_is_next_to_a_single_form(tmp_path, clean_form, capsys):
    path = tmp_path / "项目.toml"
    save_form(clean_form, path)
    assert main(["export", str(path), "--to", "html"]) == 0
    assert (tmp_path / "项目.html").is_file()
    assert "项目.html" in capsys.readouterr().out


def test_usage_errors_are_chinese(capsys, sample_file):
    with pytest.raises(SystemExit) as raised:
        main(["export", str(sample_file("社区建设工作专项经费")), "--to", "docx"])
    assert raised.value.code == 2
    assert "参数 --to 的值" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["export", str(sample_file("社区建设工作专项经费")), "--to", "xlsx", "--template", "x.html.j2"])
    assert "--template 只用于" in capsys.readouterr().err
