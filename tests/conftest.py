"""Shared fixtures: the six reference forms, and a small clean form to break one field at a time."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from decimal import Decimal as D
from pathlib import Path

import pytest

from models import Form, FundRow, Funds, Goals, Indicator, ScoreSource, loads_form

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "sample_forms"
CJK = re.compile(r"[\u4e00-\u9fff]")


def sample_path(project: str) -> Path:
    return SAMPLES / f"2024-{project}.toml"


@pytest.fixture
def is_chinese() -> Callable[[str], bool]:
    """True when a message a user reads contains Chinese characters."""
    return lambda text: bool(CJK.search(text))


@pytest.fixture
def repo() -> Path:
    return REPO


@pytest.fixture
def samples_dir() -> Path:
    return SAMPLES


@pytest.fixture
def sample_file() -> Callable[[str], Path]:
    """The path of a reference form, by 项目名称."""
    return sample_path


@pytest.fixture
def sample_text() -> Callable[[str], str]:
    """The text of a reference form, by 项目名称."""
    return lambda project: sample_path(project).read_text(encoding="utf-8")


@pytest.fixture
def sample_form() -> Callable[[str], Form]:
    """A reference form loaded from its file, by 项目名称 (raises if it has reading errors)."""
    return lambda project: loads_form(sample_path(project).read_text(encoding="utf-8"))


@pytest.fixture
def sample_paths() -> list[Path]:
    paths = sorted(SAMPLES.glob("*.toml"))
    assert len(paths) == 6
    return paths


def make_form() -> Form:
    """A form that passes every check under the default rule set (and the MOF 50/30/10 split).

    Weights 10 (执行率) + 50 + 30 + 10 = 100; every target met exactly, scores as suggested.
    """
    return Form(
        year=2024,
        project="测试项目经费",
        department="测试主管部门",
        implementer="测试实施单位",
        funds=Funds(current_year=FundRow(initial_budget=D("100.00"), budget=D("100.00"), executed=D("100.00"))),
        goals=Goals(expected="完成培训任务", actual="已完成培训任务"),
        indicators=[
            Indicator(
                level1="产出指标", level2="数量指标", name="培训人数",
                target="≥100(人)", actual="100(人)", weight=D("50.00"), score=D("50.00"),
            ),
            Indicator(
                level1="效益指标", level2="社会效益指标", name="能力提升",
                target="提高", actual="达成指标", weight=D("30.00"), score=D("30.00"),
            ),
            Indicator(
                level1="满意度指标", level2="服务对象满意度指标", name="参训人员满意度",
                target="≥90(%)", actual="95(%)", weight=D("10.00"), score=D("10.00"),
                score_source=ScoreSource.SUGGESTED,
            ),
        ],
    )


@pytest.fixture
def clean_form() -> Form:
    """A fresh clean form per test; tests assign to its fields to break one rule."""
    return make_form()


@pytest.fixture
def form_with_funds() -> Callable[..., Form]:
    """The clean form with the 当年财政拨款 row set to (budget, executed), under a rule set."""

    def build(budget: str, executed: str, rule_set: str = "baoshan-2024") -> Form:
        form = make_form()
        form.rule_set = rule_set
        form.funds.current_year = FundRow(initial_budget=D(budget), budget=D(budget), executed=D(executed))
        return form

    return build


@pytest.fixture
def write_file(tmp_path: Path) -> Callable[..., Path]:
    """Write text (UTF-8) or bytes to a file under tmp_path and return its path."""

    def write(content: str | bytes, name: str = "form.toml") -> Path:
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_bytes(content.encode("utf-8"))
        return path

    return write


@pytest.fixture
def other_process() -> Iterator[int]:
    """A live process whose pid can hold a lock."""
    process = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    yield process.pid
    process.kill()
    process.wait()
