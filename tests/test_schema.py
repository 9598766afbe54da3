"""`jixiao schema` and `jixiao init`: editors check and complete form files, in Chinese."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from models.schema import SCHEMA_FILE, form_schema
from tui.cli import main

ROOT = Path(__file__).resolve().parents[1]
TAPLO = shutil.which("taplo") or str(Path(sys.executable).with_name("taplo"))


def _objects(node: Any) -> list[dict[str, Any]]:
    found = []
    if isinstance(node, dict):
        if "properties" in node:
            found.append(node)
        for value in node.values():
            found += _objects(value)
    return found


def test_every_key_has_a_chinese_title_and_description() -> None:
    for table in _objects(form_schema()):
        for key, spec in table["properties"].items():
            assert any("\u4e00" <= c <= "\u9fff" for c in spec["title"] + spec["description"]), key
            assert table.get("additionalProperties") is False  # a typo in a key is an error


def test_money_is_a_plain_number() -> None:
    text = json.dumps(form_schema())
    assert "multipleOf" not in text and '"null"' not in text
    executed = form_schema()["$defs"]["FundRow"]["properties"]["executed"]
    assert executed["type"] == "number" and executed["title"] == "全年执行数"


def test_schema_command_prints_the_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out) == form_schema()


def test_init_writes_schema_and_taplo_config(tmp_path: Path) -> None:
    assert main(["init", str(tmp_path)]) == 0
    assert json.loads((tmp_path / SCHEMA_FILE).read_text(encoding="utf-8")) == form_schema()
    assert SCHEMA_FILE in (tmp_path / ".taplo.toml").read_text(encoding="utf-8")


@pytest.fixture
def checked_folder(tmp_path: Path) -> Path:
    for form in (ROOT / "sample_forms").glob("*.toml"):
        shutil.copy(form, tmp_path)
    assert main(["init", str(tmp_path)]) == 0
    return tmp_path


def _taplo(folder: Path, *files: str) -> subprocess.CompletedProcess[str]:
    if not Path(TAPLO).exists():
        pytest.skip("taplo is not installed (pip install -e '.[test]' installs it)")
    return subprocess.run([TAPLO, "check", *files], cwd=folder, capture_output=True, text=True, check=False)


def test_taplo_accepts_the_sample_forms(checked_folder: Path) -> None:
    result = _taplo(checked_folder)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("old", "new", "complaint"),
    [("budget = 30.20", "budgte = 30.20", "budgte"), ("executed = 25.40", 'executed = "很多"', "number")],
)
def test_taplo_rejects_an_unknown_key_or_text_for_money(checked_folder: Path, old: str, new: str,
                                                        complaint: str) -> None:
    form = checked_folder / "2024-基层治理骨干专项教育培训班经费.toml"
    form.write_text(form.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    result = _taplo(checked_folder, form.name)
    assert result.returncode != 0 and complaint in result.stderr


def test_a_second_init_says_it_kept_the_config(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["init", str(tmp_path)]) == 0
    capsys.readouterr()
    assert main(["init", str(tmp_path)]) == 0
    assert "保留了已有的" in capsys.readouterr().out


def test_taplo_accepts_the_region_forms(checked_folder: Path) -> None:
    for form in (ROOT / "tests" / "fixtures" / "regions").glob("*.toml"):
        shutil.copy(form, checked_folder)
    result = _taplo(checked_folder, "hebei-langfang-2019.toml", "sichuan-2023.toml")
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("old", "new", "complaint"),
    [
        ("[funds.unit]", "[funds.current_year]", "current_year"),  # a row of another layout
        ('money_unit = "万元"', 'money_unit = "美元"', "美元"),
        ('layout = "sichuan-2023"', 'layout = "sichuan"', "sichuan"),
    ],
)
def test_taplo_follows_the_layout(checked_folder: Path, old: str, new: str, complaint: str) -> None:
    form = checked_folder / "sichuan-2023.toml"
    text = (ROOT / "tests" / "fixtures" / "regions" / form.name).read_text(encoding="utf-8")
    form.write_text(text.replace(old, new, 1), encoding="utf-8")
    result = _taplo(checked_folder, form.name)
    assert result.returncode != 0 and complaint in result.stderr, result.stderr


def test_schema_lists_layouts_units_and_versions() -> None:
    properties = form_schema()["properties"]
    assert properties["layout"]["enum"] == ["shanghai-2024", "sichuan-2023", "hebei-2019"]
    assert properties["money_unit"]["enum"] == ["元", "千元", "万元"]
    assert properties["format_version"]["enum"] == [1, 2]


def test_init_names_the_folder_it_could_not_write(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """`jixiao init .` said 无法写入“.”: the clerk is told which folder, by its full name."""
    (tmp_path / "jixiao.schema.json").symlink_to(tmp_path / "elsewhere.json")  # refused: never written through
    monkeypatch.chdir(tmp_path)
    assert main(["init", "."]) == 2
    err = capsys.readouterr().err
    assert f"“{tmp_path.resolve()}”" in err and "“.”" not in err
