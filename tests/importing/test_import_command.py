"""`jixiao import` and `jixiao validate` on workbooks and PDFs, as a user runs them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from bench.official_workbooks import Layout, build
from models import load_form
from tui import import_cli
from tui.cli import main
from tui.progress import Progress

TRAINING = "基层治理骨干专项教育培训班经费"


def jixiao(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tui", *args], capture_output=True, text=True, encoding="utf-8",
                          timeout=120)


@pytest.fixture
def workbook(tmp_path, sample_file) -> Path:
    return build(load_form(sample_file(TRAINING)), tmp_path / "自评表.xlsx")


def test_import_writes_the_form_named_as_the_editor_names_new_forms(tmp_path, workbook, sample_file):
    out = tmp_path / "forms"
    out.mkdir()
    done = jixiao("import", str(workbook), "-o", str(out))
    assert done.returncode == 0, done.stderr
    target = out / f"2024-{TRAINING}.toml"
    assert target.read_text(encoding="utf-8") == sample_file(TRAINING).read_text(encoding="utf-8")
    assert f"→ {target}" in done.stdout and "导入了 1 张表" in done.stdout
    assert done.stderr == ""


def test_import_never_overwrites_without_force(tmp_path, workbook):
    target = tmp_path / f"2024-{TRAINING}.toml"
    target.write_text("# 手工修改过的表单\n", encoding="utf-8")
    done = jixiao("import", str(workbook), "-o", str(tmp_path))
    assert done.returncode == 1
    assert "已存在，未覆盖" in done.stderr and "--force" in done.stderr
    assert target.read_text(encoding="utf-8") == "# 手工修改过的表单\n"
    forced = jixiao("import", str(workbook), "-o", str(tmp_path), "--force")
    assert forced.returncode == 0, forced.stderr
    assert target.read_text(encoding="utf-8").startswith("# 财政项目支出绩效自评表")


def test_import_prints_what_it_could_not_place_and_exits_1(tmp_path, sample_file):
    path = build(load_form(sample_file(TRAINING)), tmp_path / "note.xlsx", Layout(note="注：单位负责人签字"))
    done = jixiao("import", str(path), "-o", str(tmp_path))
    assert done.returncode == 1
    assert f"{path}:自评表!A20: 未能导入“注：单位负责人签字”（不属于表单的任何一栏）" in done.stderr
    assert (tmp_path / f"2024-{TRAINING}.toml").exists()  # the form itself was written
    assert "1 处内容未能导入" in done.stdout


def test_two_forms_with_one_name_in_one_run_write_one_file(tmp_path, workbook):
    copy = tmp_path / "copy.xlsx"
    copy.write_bytes(workbook.read_bytes())
    done = jixiao("import", str(workbook), str(copy), "-o", str(tmp_path))
    assert done.returncode == 1
    assert "与本次导入的另一张表同名" in done.stderr
    assert len(list(tmp_path.glob("*.toml"))) == 1


def test_rule_set_option(tmp_path, workbook):
    assert jixiao("import", str(workbook), "-o", str(tmp_path), "--rule-set", "nonesuch").returncode == 2
    done = jixiao("import", str(workbook), "-o", str(tmp_path), "--rule-set", "rounded")
    assert done.returncode == 0, done.stderr
    assert load_form(tmp_path / f"2024-{TRAINING}.toml").rule_set == "rounded"


def test_import_refuses_other_files_and_a_file_as_its_folder(tmp_path, workbook, sample_file):
    assert jixiao("import", str(sample_file(TRAINING))).returncode == 2
    (tmp_path / "a-file").write_text("", encoding="utf-8")
    assert jixiao("import", str(workbook), "-o", str(tmp_path / "a-file")).returncode == 2  # a missing folder is made
    assert jixiao("import", str(tmp_path / "missing.pdf")).returncode == 2


@pytest.fixture
def wrong_rate(tmp_path, sample_file) -> Path:
    """The 社区建设 form as published with 执行率 98.84 where 54.36 ÷ 55.00 gives 98.83."""
    path = build(load_form(sample_file("社区建设工作专项经费")), tmp_path / "published.xlsx")
    book = openpyxl.load_workbook(path)
    book.active["G6"] = "98.84"
    book.save(path)
    return path


def test_validate_reports_a_published_form_with_its_cell(wrong_rate, capsys):
    code = main(["validate", str(wrong_rate)])
    out = capsys.readouterr().out
    assert code == 1
    assert f"{wrong_rate}:自评表!G6: E110 错误 文件中的执行率(%)为 98.84，按规则应为 98.83" in out.splitlines()
    assert out.splitlines()[-1] == "检查了 1 个表单文件：1 个错误，1 个警告"


def test_validate_json_gives_the_place(wrong_rate, capsys):
    assert main(["validate", "--format", "json", str(wrong_rate)]) == 1
    report = json.loads(capsys.readouterr().out)
    [record] = report["files"]
    assert record["area"] == "自评表" and record["project"] == "社区建设工作专项经费"
    e110 = next(p for p in record["problems"] if p["code"] == "E110")
    assert (e110["place"], e110["line"], e110["where"]) == ("自评表!G6", None, "figures.execution_rate")


def test_validate_finds_workbooks_in_folders_only_with_include(tmp_path, wrong_rate, capsys):
    assert main(["validate", str(tmp_path)]) == 2  # no *.toml: nothing checked
    capsys.readouterr()
    assert main(["validate", str(tmp_path), "--include", "*.xlsx", "--include", "*.pdf"]) == 1
    assert "自评表!G6: E110" in capsys.readouterr().out


def test_validate_reports_an_unreadable_workbook_with_its_code(tmp_path, capsys):
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"PK\x03\x04 broken")
    assert main(["validate", str(path)]) == 2  # unreadable, as for `import`
    assert f"{path}: E010 错误 文件已损坏或不是 .xlsx 工作簿（无法作为 ZIP 打开）" in capsys.readouterr().out


def test_validate_reports_unplaced_text_as_a_warning(tmp_path, sample_file, capsys):
    path = build(load_form(sample_file(TRAINING)), tmp_path / "note.xlsx", Layout(note="注：另附说明"))
    assert main(["validate", "--strict", str(path)]) == 1
    assert f"{path}:自评表!A20: W215 警告 未能放入表单：“注：另附说明”（不属于表单的任何一栏）" in capsys.readouterr().out


def test_piped_output_has_no_progress_bar(tmp_path, wrong_rate, workbook):
    done = jixiao("validate", str(wrong_rate), str(workbook))
    assert "\x1b" not in done.stdout + done.stderr and done.stderr == ""


def test_progress_bar_only_on_a_terminal(monkeypatch):
    monkeypatch.setattr(sys.stderr, "isatty", lambda: False, raising=False)
    with Progress(10, "检查") as quiet:
        assert quiet._bar is None
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)
    with Progress(10, "检查") as shown:
        shown.at(Path("a.pdf"))
        assert shown._bar is not None and shown._bar.tasks[0].description == "a.pdf"


def test_ctrl_c_during_validate_reports_what_was_checked(tmp_path, wrong_rate, workbook, capsys, monkeypatch):
    from exchange import validating

    real = validating.validate_exchange_file
    calls = []

    def interrupted(path):
        calls.append(path)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real(path)

    monkeypatch.setattr(validating, "validate_exchange_file", interrupted)
    code = main(["validate", str(wrong_rate), str(workbook)])
    captured = capsys.readouterr()
    assert code == 130
    assert captured.out.splitlines()[-1] == "检查了 1 个表单文件：1 个错误，1 个警告"
    assert "jixiao validate：已中断，只检查了 1 个表单" in captured.err  # full-width colon, as everywhere


def test_ctrl_c_during_import_keeps_what_was_written(tmp_path, workbook, capsys, monkeypatch):
    second = tmp_path / "second.xlsx"
    second.write_bytes(workbook.read_bytes())
    calls = []
    real = import_cli._Session.import_file

    def interrupted(self, path):
        calls.append(path)
        if len(calls) == 2:
            raise KeyboardInterrupt
        real(self, path)

    monkeypatch.setattr(import_cli._Session, "import_file", interrupted)
    out = tmp_path / "out"
    out.mkdir()
    assert main(["import", str(workbook), str(second), "-o", str(out)]) == 130
    captured = capsys.readouterr()
    assert "已中断，处理了 1 / 2 个文件" in captured.err and "导入了 1 张表" in captured.out
    assert [p.name for p in out.iterdir()] == [f"2024-{TRAINING}.toml"]


def test_ctrl_c_while_a_file_is_written_does_not_count_it_as_done(tmp_path, workbook, capsys, monkeypatch):
    """Interrupted while writing the second file's form: 处理了 1 / 2, as many as the forms written."""
    from exchange import placing

    second = tmp_path / "second.xlsx"
    second.write_bytes(workbook.read_bytes())
    real = placing.place_form
    calls = []

    def interrupted(*args, **kwargs):
        calls.append(args)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real(*args, **kwargs)

    monkeypatch.setattr(placing, "place_form", interrupted)
    out = tmp_path / "out"
    out.mkdir()
    assert main(["import", str(workbook), str(second), "-o", str(out)]) == 130
    captured = capsys.readouterr()
    assert "已中断，处理了 1 / 2 个文件" in captured.err and "导入了 1 张表" in captured.out
    assert len(list(out.iterdir())) == 1


def test_a_folder_of_workbooks_without_include_says_how_to_check_them(tmp_path, workbook, capsys):
    """`jixiao validate 附件/` on a folder of published forms found nothing and said only *.toml."""
    assert main(["validate", str(tmp_path)]) == 2
    out = capsys.readouterr().out
    assert "没有找到表单文件（*.toml）" in out and "请加 --include '*.xlsx'" in out


def test_import_of_a_folder_says_to_list_its_files(tmp_path, workbook, capsys):
    assert main(["import", str(tmp_path), "-o", str(tmp_path)]) == 2
    assert f"请逐个列出，如 {tmp_path / '*.xlsx'}" in capsys.readouterr().err
