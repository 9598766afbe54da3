"""`jixiao show` as git's textconv: a real git repository shows which field of a form changed;
and the pre-commit hook this repository offers."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from models import load_form, save_form
from tui.cli import main

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="没有 git")
ROOT = Path(__file__).resolve().parents[1]
TRAINING = "基层治理骨干专项教育培训班经费"


def git(folder: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=folder, capture_output=True, timeout=120, check=True)
    return done.stdout.decode("utf-8")


def test_show_prints_one_labelled_field_a_line(sample_file, capsysbinary):
    assert main(["show", str(sample_file(TRAINING))]) == 0
    lines = capsysbinary.readouterr().out.decode("utf-8").splitlines()
    for expected in ("项目名称 基层治理骨干专项教育培训班经费", "当年财政拨款 全年执行数 25.40",
                     "年度资金总额 全年预算数 30.20", "执行率(%) 84.10", "执行率得分 8.41",
                     "指标1 三级指标 课时数", "指标1 得分 1.00（评价人）", "指标2 得分 25.00（按建议）",
                     "总分 94.41", "评分等级 优"):
        assert expected in lines


def test_show_never_fails_on_a_bad_file(tmp_path, capsysbinary):
    path = tmp_path / "bad.toml"
    path.write_text("year = = 2024\n", encoding="utf-8")
    assert main(["show", str(path)]) == 0  # a failing textconv would stop `git diff` altogether
    out = capsysbinary.readouterr().out.decode("utf-8")
    assert "问题 E003" in out and "  year = = 2024" in out


def test_git_diff_shows_the_changed_fields(sample_file, tmp_path):
    repo = tmp_path / "forms"
    repo.mkdir()
    git(repo, "init", "-q")
    git(repo, "config", "user.name", "测试")
    git(repo, "config", "user.email", "test@example.com")
    # As the README says: .gitattributes in the repository, and the textconv in git config.
    (repo / ".gitattributes").write_text("*.toml diff=jixiao\n", encoding="utf-8")
    command = f'"{sys.executable}" -m tui show'  # what `jixiao show` runs, without relying on PATH
    git(repo, "config", "diff.jixiao.textconv", command)
    form_path = repo / f"2024-{TRAINING}.toml"
    shutil.copyfile(sample_file(TRAINING), form_path)
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "初稿")
    form = load_form(form_path)
    form.funds.current_year.executed = Decimal("30.20")
    save_form(form, form_path)
    diff = git(repo, "-c", "core.quotepath=off", "diff")
    changed = sorted(line for line in diff.splitlines() if re.match(r"^[-+][^-+]", line) and "原文校验" not in line)
    assert changed == sorted([
        "-当年财政拨款 全年执行数 25.40", "+当年财政拨款 全年执行数 30.20",
        "-年度资金总额 全年执行数 25.40", "+年度资金总额 全年执行数 30.20",
        "-执行率(%) 84.10", "+执行率(%) 100.00",
        "-执行率得分 8.41", "+执行率得分 10.00",
        "-总分 94.41", "+总分 96.00",
    ])
    raw = git(repo, "diff", "--no-textconv")
    assert "-executed = 25.40" in raw  # without the textconv git shows the TOML lines


def test_pre_commit_hook_runs_jixiao_validate(samples_dir, tmp_path):
    text = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    fields = dict(re.findall(r"^\s*-?\s*(\w+): (.+)$", text, flags=re.MULTILINE))
    assert fields["id"] == "jixiao-validate" and fields["language"] == "python"
    assert fields["entry"] == "jixiao validate"
    files, exclude = re.compile(fields["files"]), re.compile(fields["exclude"])
    chosen = [p for p in ["a/2024-表.toml", "pyproject.toml", "forms/.taplo.toml", "README.md"]
              if files.search(p) and not exclude.search(p)]
    assert chosen == ["a/2024-表.toml"]
    # pre-commit runs the entry with the staged file names appended
    entry = fields["entry"].split()
    assert main([*entry[1:], *map(str, sorted(samples_dir.glob("*.toml")))]) == 0
    bad = tmp_path / "bad.toml"
    bad.write_text("year = 2024\n", encoding="utf-8")
    assert main([*entry[1:], str(bad)]) == 1


def _show(path: Path, capsysbinary) -> str:
    assert main(["show", str(path)]) == 0
    return capsysbinary.readouterr().out.decode("utf-8")


def test_a_hand_edited_stored_figure_shows(sample_file, tmp_path, capsysbinary):
    path = tmp_path / "f.toml"
    shutil.copyfile(sample_file(TRAINING), path)
    before = _show(path, capsysbinary)
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"(?m)^total = .*$", "total = 100.00", text), encoding="utf-8")
    after = _show(path, capsysbinary)
    assert before != after
    assert "文件中记为 总分 100.00（计算为 94.41）" in after and "E110" in after


def test_any_byte_change_shows(sample_file, tmp_path, capsysbinary):
    path = tmp_path / "f.toml"
    shutil.copyfile(sample_file(TRAINING), path)
    before = _show(path, capsysbinary)
    path.write_text(path.read_text(encoding="utf-8") + "# 注释\n", encoding="utf-8")
    assert _show(path, capsysbinary) != before


def test_a_gbk_file_shows_its_text(sample_file, tmp_path, capsysbinary):
    path = tmp_path / "f.toml"
    path.write_bytes(sample_file(TRAINING).read_text(encoding="utf-8").encode("gbk"))
    before = _show(path, capsysbinary)
    assert "E002" in before and "基层治理骨干专项教育培训班经费" in before
    path.write_bytes(sample_file(TRAINING).read_text(encoding="utf-8").replace("25.40", "30.20").encode("gbk"))
    after = _show(path, capsysbinary)
    assert "30.20" in after and after != before


def test_control_characters_never_reach_the_terminal(tmp_path, clean_form, capsysbinary):
    clean_form.project = "X\x1b]0;PWNED\x07\x1b[2J\x1b[31m红色\t制表"
    path = tmp_path / "f.toml"
    save_form(clean_form, path)
    out = _show(path, capsysbinary)
    assert "\x1b" not in out and "\x07" not in out and "\t" not in out
    assert "项目名称 X\\x1b]0;PWNED\\x07" in out
