"""`jixiao validate`: text and JSON output, and exit codes."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tui.cli import main

LINE = re.compile(r"^(?P<path>.+?)(?::(?P<line>\d+))?: (?P<code>[EW]\d{3}) (?P<label>错误|警告) (?P<message>.+)$")
SUMMARY = re.compile(r"^检查了 (\d+) 个表单文件：(?:未发现问题|(\d+) 个错误，(\d+) 个警告)$")
FAR_ABOVE = {"“两新”组织党建工作经费", "新业态、新就业群体党建工作经费", "社区建设工作专项经费"}  # 167 %, 133 %, 571 %
SPEC_FIGURES = {  # 执行率, 执行率得分, 总分, 等级 from the spec's table
    "社区干部实训基地工作经费": ("100.00", "10.00", "100.00", "优"),
    "新业态、新就业群体党建工作经费": ("99.97", "10.00", "100.00", "优"),
    "“两新”组织党建工作经费": ("99.96", "10.00", "100.00", "优"),
    "基层治理骨干专项教育培训班经费": ("84.10", "8.41", "94.41", "优"),
    "社区建设工作专项经费": ("98.83", "9.88", "99.88", "优"),
    "全区志愿服务工作专项经费": ("99.76", "9.98", "99.98", "优"),
}
TWO_DECIMALS = re.compile(r"^-?\d+\.\d{2}$")


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["validate", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def parse_text(out: str) -> tuple[list[re.Match[str]], tuple[int, int, int]]:
    *lines, summary = out.splitlines()
    matches = [LINE.match(line) for line in lines]
    assert all(matches), lines
    found = SUMMARY.match(summary)
    assert found, summary
    files, errors, warnings = found.groups()
    return matches, (int(files), int(errors or 0), int(warnings or 0))


@pytest.fixture
def broken_file(tmp_path, sample_text) -> Path:
    path = tmp_path / "broken.toml"
    text = sample_text("社区干部实训基地工作经费").replace("budget = 17.50", "budget = -17.50", 1)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def warning_only_file(tmp_path, sample_file) -> Path:
    path = tmp_path / "warned.toml"
    shutil.copy(sample_file("社区建设工作专项经费"), path)  # 571 % of target, no reason: W206
    return path


def test_samples_pass(capsys, samples_dir):
    code, out, err = run(capsys, str(samples_dir))
    assert code == 0 and err == ""
    matches, (files, errors, warnings) = parse_text(out)
    assert (files, errors) == (6, 0)
    assert warnings == len(matches)
    assert {m["code"] for m in matches} == {"W206"}
    assert {Path(m["path"]).stem.removeprefix("2024-") for m in matches} == FAR_ABOVE
    for match in matches:
        assert match["label"] == "警告"
        lines = Path(match["path"]).read_text(encoding="utf-8").splitlines()
        assert lines[int(match["line"]) - 1].startswith("deviation_reason")


def test_error_exits_1_and_names_line(capsys, broken_file):
    code, out, _ = run(capsys, str(broken_file))
    assert code == 1
    matches, (files, errors, warnings) = parse_text(out)
    assert files == 1 and errors == sum(m["label"] == "错误" for m in matches) >= 1
    e103 = next(m for m in matches if m["code"] == "E103")
    assert e103["path"] == str(broken_file) and e103["label"] == "错误"
    lines = broken_file.read_text(encoding="utf-8").splitlines()
    assert lines[int(e103["line"]) - 1] == "budget = -17.50"


def test_error_among_good_files_exits_1(capsys, broken_file, samples_dir):
    assert run(capsys, str(samples_dir), str(broken_file))[0] == 1


def test_warnings_exit_0_unless_strict(capsys, warning_only_file):
    code, out, _ = run(capsys, str(warning_only_file))
    assert code == 0
    assert parse_text(out)[1] == (1, 0, 1)
    assert run(capsys, "--strict", str(warning_only_file))[0] == 1


def test_strict_clean_file_exits_0(capsys, sample_file):
    code, out, _ = run(capsys, "--strict", str(sample_file("社区干部实训基地工作经费")))
    assert code == 0
    assert out == "检查了 1 个表单文件：未发现问题\n"


def test_missing_path_exits_2(capsys, tmp_path, sample_file):
    missing = tmp_path / "没有这个文件.toml"
    code, out, err = run(capsys, str(missing))
    assert code == 2
    assert out == f"{missing}: E001 错误 找不到此文件或文件夹\n" and err == ""
    assert run(capsys, str(sample_file("社区干部实训基地工作经费")), str(missing))[0] == 2


def test_no_arguments_exits_2(capsys):
    with pytest.raises(SystemExit) as caught:
        main(["validate"])
    assert caught.value.code == 2
    assert "参数错误" in capsys.readouterr().err


def test_bad_format_option_exits_2(capsys, samples_dir):
    with pytest.raises(SystemExit) as caught:
        main(["validate", "--format", "xml", str(samples_dir)])
    assert caught.value.code == 2


def test_folders_are_searched_for_toml_skipping_hidden(capsys, tmp_path, sample_file):
    (tmp_path / "sub").mkdir()
    (tmp_path / ".git").mkdir()
    shutil.copy(sample_file("社区干部实训基地工作经费"), tmp_path / "sub" / "a.toml")
    (tmp_path / ".git" / "b.toml").write_text("坏", encoding="utf-8")
    (tmp_path / ".c.toml").write_text("坏", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("坏", encoding="utf-8")
    code, out, _ = run(capsys, str(tmp_path))
    assert code == 0
    assert out == "检查了 1 个表单文件：未发现问题\n"


def _json(capsys, *args: str) -> tuple[int, dict]:
    code, out, _ = run(capsys, "--format", "json", *args)
    return code, json.loads(out)


def test_json_shape(capsys, samples_dir):
    code, data = _json(capsys, str(samples_dir))
    assert code == 0
    assert set(data) == {"files", "summary"}
    assert data["summary"] == {
        "files": 6,
        "errors": 0,
        "warnings": sum(len(f["problems"]) for f in data["files"]),
        "unreadable": 0,
        "ok": True,
    }
    for entry in data["files"]:
        assert set(entry) == {"path", "ok", "project", "figures", "not_checkable", "problems"}
        assert entry["ok"] is True
        assert Path(entry["path"]).stem == f"2024-{entry['project']}"
        figures = entry["figures"]
        assert set(figures) == {"execution_rate", "execution_score", "indicator_score", "total", "grade"}
        assert all(TWO_DECIMALS.match(figures[k]) for k in figures if k != "grade")
        rate, score, total, grade = SPEC_FIGURES[entry["project"]]
        assert (figures["execution_rate"], figures["execution_score"], figures["total"], figures["grade"]) == (
            rate, score, total, grade,
        )
        for problem in entry["problems"]:
            assert set(problem) == {"code", "severity", "line", "where", "message"}
            assert problem["severity"] == "warning" and isinstance(problem["line"], int)


def test_json_training_form_indicator_score(capsys, sample_file):
    _, data = _json(capsys, str(sample_file("基层治理骨干专项教育培训班经费")))
    assert data["files"][0]["figures"]["indicator_score"] == "86.00"
    assert data["files"][0]["problems"] == []


def test_json_error_file(capsys, broken_file):
    code, data = _json(capsys, str(broken_file))
    assert code == 1
    entry = data["files"][0]
    assert entry["ok"] is False and entry["path"] == str(broken_file)
    e103 = next(p for p in entry["problems"] if p["code"] == "E103")
    assert e103["severity"] == "error" and e103["where"] == "funds.current_year.budget"
    assert data["summary"]["errors"] == sum(p["severity"] == "error" for p in entry["problems"])


def test_json_unreadable_file_has_null_figures(capsys, tmp_path, sample_text):
    path = tmp_path / "gbk.toml"
    path.write_bytes(sample_text("社区干部实训基地工作经费").encode("gb18030"))
    code, data = _json(capsys, str(path))
    assert code == 1
    entry = data["files"][0]
    assert entry["figures"] is None and entry["project"] is None and entry["ok"] is False
    assert [p["code"] for p in entry["problems"]] == ["E002"]
    assert data["summary"] == {"files": 1, "errors": 1, "warnings": 0, "unreadable": 0, "ok": False}


def test_json_problem_without_line_is_null(capsys, tmp_path, sample_text):
    path = tmp_path / "noyear.toml"
    path.write_text(sample_text("社区干部实训基地工作经费").replace("year = 2024\n", "", 1), encoding="utf-8")
    _, data = _json(capsys, str(path))
    e101 = next(p for p in data["files"][0]["problems"] if p["where"] == "year")
    assert e101["code"] == "E101" and e101["line"] is None


def _console_script() -> str:
    script = Path(sys.executable).with_name("jixiao.exe" if sys.platform == "win32" else "jixiao")
    found = str(script) if script.exists() else shutil.which("jixiao")
    assert found, "the jixiao console script is not installed"
    return found


def test_installed_console_script_json(repo):
    done = subprocess.run(
        [_console_script(), "validate", "--format", "json", "sample_forms"],
        cwd=repo, capture_output=True, timeout=120,
    )
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    data = json.loads(done.stdout.decode("utf-8"))
    assert data["summary"]["files"] == 6 and data["summary"]["errors"] == 0
    assert {f["project"] for f in data["files"]} == set(SPEC_FIGURES)


def test_installed_console_script_text_exit_codes(repo, broken_file, tmp_path):
    done = subprocess.run([_console_script(), "validate", str(broken_file)], capture_output=True, timeout=120)
    assert done.returncode == 1
    out = done.stdout.decode("utf-8")
    assert re.search(r":\d+: E103 错误 ", out)
    assert SUMMARY.match(out.splitlines()[-1])
    missing = subprocess.run([_console_script(), "validate", str(tmp_path / "无")], capture_output=True, timeout=120)
    assert missing.returncode == 2


def test_usage_errors_are_in_chinese(capsys):
    import pytest as _pytest

    from tui.cli import main

    for arguments in (["validate"], ["validate", "--format", "xml", "x"], ["validate", "--nope", "x"]):
        with _pytest.raises(SystemExit) as stopped:
            main(arguments)
        assert stopped.value.code == 2
        error = capsys.readouterr().err
        assert "用法：" in error and "参数错误" in error
        assert "usage" not in error and "required" not in error and "invalid choice" not in error


def test_a_folder_without_forms_is_not_a_pass(tmp_path, capsys):
    from tui.cli import main

    assert main(["validate", str(tmp_path)]) == 2
    assert "没有找到表单文件" in capsys.readouterr().out


def test_the_editor_refuses_a_file_that_is_not_a_form(tmp_path, capsys):
    from tui.cli import main

    other = tmp_path / "hostname"
    other.write_text("vm\n", encoding="utf-8")
    assert main([str(other)]) == 2
    assert "不是表单文件" in capsys.readouterr().err
    assert not (tmp_path / ".jixiao").exists()
