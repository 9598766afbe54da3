"""Where an export may be written: never over a form being exported, never over a read-only file,
never to a device by a temporary-file rename; checked before a browser is started; `-o -` is
standard output."""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest

from tui.cli import main


@pytest.fixture
def form(sample_file, tmp_path) -> Path:
    copy = tmp_path / "f.toml"
    shutil.copy(sample_file("社区建设工作专项经费"), copy)
    return copy


@pytest.mark.parametrize("to", ["xlsx", "html"])
def test_output_that_is_an_input_is_refused(form, to, capsys):
    before = form.read_bytes()
    assert main(["export", str(form), "--to", to, "-o", str(form)]) == 2
    assert "X301" in capsys.readouterr().err
    assert form.read_bytes() == before


def test_output_that_is_the_second_input_by_another_spelling_is_refused(form, sample_file, capsys):
    before = form.read_bytes()
    other = str(form.parent / "." / form.name)
    assert main(["export", str(sample_file("社区建设工作专项经费")), str(form), "--to", "html", "-o", other]) == 2
    assert "X301" in capsys.readouterr().err
    assert form.read_bytes() == before


def test_summary_output_that_is_an_input_is_refused(form, capsys):
    before = form.read_bytes()
    assert main(["summary", str(form), "--format", "csv", "-o", str(form)]) == 2
    assert "X301" in capsys.readouterr().err
    assert form.read_bytes() == before


def test_a_read_only_output_is_refused_not_replaced(form, tmp_path, capsys):
    out = tmp_path / "out.html"
    out.write_bytes(b"kept")
    out.chmod(0o444)
    assert main(["export", str(form), "--to", "html", "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "X301" in err and "只读" in err
    assert out.read_bytes() == b"kept"


@pytest.mark.parametrize("where", ["no-folder/out.pdf", "."])
def test_the_destination_is_checked_before_the_browser_runs(form, tmp_path, where, monkeypatch, capsys):
    started = []
    monkeypatch.setattr("exchange.pdf.html_to_pdf", lambda *a, **k: started.append(1) or b"%PDF")
    assert main(["export", str(form), "--to", "pdf", "-o", str(tmp_path / where)]) == 2
    assert "X301" in capsys.readouterr().err
    assert started == []


def test_a_device_is_refused_with_the_right_reason(form, capsys):
    if not Path("/dev/null").exists() or not stat.S_ISCHR(os.stat("/dev/null").st_mode):
        pytest.skip("no /dev/null")
    assert main(["export", str(form), "--to", "html", "-o", "/dev/null"]) == 2
    err = capsys.readouterr().err
    assert "X301" in err and "-o -" in err and "不存在" not in err


def test_dash_writes_html_to_standard_output(form, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["export", str(form), "--to", "html", "-o", "-"]) == 0
    captured = capsys.readouterr()
    assert "<!DOCTYPE html>" in captured.out and "社区建设工作专项经费" in captured.out
    assert not (tmp_path / "-").exists()
    assert "已导出" in captured.err


def test_another_form_of_the_folder_is_never_an_output(form, sample_file, capsys):
    """`-o B.toml` replaced another form (not one being exported) by a workbook, exit 0, no backup."""
    other = form.parent / "B.toml"
    shutil.copy(sample_file("“两新”组织党建工作经费"), other)
    before = other.read_bytes()
    for to in ("xlsx", "html"):
        assert main(["export", str(form), "--to", to, "-o", str(other)]) == 2
        err = capsys.readouterr().err
        assert "X301" in err and ".toml" in err and "表单" in err
    assert main(["summary", str(form.parent), "--format", "csv", "-o", str(form.parent / "new.TOML")]) == 2
    assert "X301" in capsys.readouterr().err
    assert other.read_bytes() == before
    assert not (form.parent / "new.TOML").exists()


@pytest.mark.parametrize(("given", "to", "written"), [("noext", "xlsx", "noext.xlsx"), ("页面", "html", "页面.html"),
                                                       ("q.XLSX", "xlsx", "q.XLSX"), ("v.2024", "xlsx", "v.2024.xlsx")])
def test_a_name_without_an_extension_gets_the_formats_own(form, given, to, written, capsys):
    assert main(["export", str(form), "--to", to, "-o", str(form.parent / given)]) == 0
    assert (form.parent / written).is_file()
    assert f"“{form.parent / written}”" in capsys.readouterr().out
    if written != given:
        assert not (form.parent / given).exists()


def test_another_formats_extension_is_refused(form, capsys):
    assert main(["export", str(form), "--to", "xlsx", "-o", str(form.parent / "x.html")]) == 2
    err = capsys.readouterr().err
    assert "X301" in err and ".xlsx" in err
    assert not (form.parent / "x.html").exists()


@pytest.mark.parametrize("name", ["a<b>:c?.xlsx", 'q"|*.xlsx', "CON.xlsx", "trailing.xlsx.", "tab\there.xlsx"])
def test_names_windows_cannot_store_are_refused_everywhere(form, name, capsys):
    """The folder may travel to Windows: refused on every platform, before anything is written."""
    assert main(["export", str(form), "--to", "xlsx", "-o", str(form.parent / name)]) == 2
    err = capsys.readouterr().err
    assert "X301" in err and "Windows" in err
    assert sorted(p.name for p in form.parent.iterdir()) == ["f.toml"]
