"""The benchmarks of issue 5. Each compares jixiao with a baseline measured in the same run."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path

from models import save_form

from .corpus import SAMPLES, big_form, varied_folder
from .exchange_cases import exchange_rows
from .keystroke import measure
from .stats import Row, repeat
from .validate_cases import paired, ratio_row, validate_rows, wall

TRAINING = "2024-基层治理骨干专项教育培训班经费.toml"


def _editor_forms(scratch: Path) -> tuple[Path, Path]:
    """The reference form (with its five neighbours) and a form of 200 indicators, in `scratch`."""
    forms = reference_copies(scratch)
    big = scratch / "big" / "2024-两百项指标.toml"
    big.parent.mkdir()
    save_form(big_form(200), big)
    return forms, big


def editor_rows(scratch: Path, quick: bool, runs: int) -> list[Row]:
    """The editor's rows only (keystrokes, start-up, memory): python -m bench --only editor."""
    forms, big = _editor_forms(scratch)
    keys = 10 if quick else 30
    return [*keystrokes(forms / TRAINING, big, keys, runs), *startup(forms / TRAINING, runs), memory(big, runs)]


def run_all(scratch: Path, quick: bool, runs: int) -> list[Row]:
    forms, big = _editor_forms(scratch)
    folder = scratch / "folder"
    varied_folder(folder, 500 if quick else 2000)
    keys = 10 if quick else 30
    return [
        *keystrokes(forms / TRAINING, big, keys, runs),
        *startup(forms / TRAINING, runs),
        *validate_rows(scratch, forms / TRAINING, quick, runs),
        big_folder(folder, runs),
        memory(big, runs),
        *exchange_rows(scratch, quick, runs),
    ]


def reference_copies(scratch: Path) -> Path:
    """The six reference forms, copied: nothing a benchmark does touches sample_forms."""
    forms = scratch / "forms"
    forms.mkdir()
    for sample in SAMPLES.glob("*.toml"):
        (forms / sample.name).write_bytes(sample.read_bytes())
    return forms


# --- keystrokes ------------------------------------------------------------------------------
def keystrokes(reference: Path, big: Path, keys: int, runs: int) -> list[Row]:
    from bench.bare_app import BareApp
    from tui.app import JixiaoApp

    # 2|5.40 → 5.40 → 25.40: every key changes 执行率, its score, 总分 (and here 等级), nothing else.
    typing = ["backspace", "2"] * (keys // 2)
    baseline = repeat(runs, partial(measure, BareApp, "#field", typing, 1))
    reference_cost = repeat(runs, partial(measure, partial(JixiaoApp, reference), "#f-funds-current_year-executed",
                                          typing, 1))
    big_cost = repeat(runs, partial(measure, partial(JixiaoApp, big), "#f-funds-current_year-executed", typing, 1))
    table_typing = ["x", "backspace"] * (keys // 2)
    table_cost = repeat(runs, partial(measure, partial(JixiaoApp, big), "#row-name", table_typing, -1))
    return [
        ratio_row("按键：全年执行数（参考表单）", reference_cost, baseline, "ms", 1000, 2.0),
        ratio_row("按键：全年执行数（200 项指标）", big_cost, baseline, "ms", 1000, 2.5),
        ratio_row("按键：指标表格中的三级指标（200 项）", table_cost, baseline, "ms", 1000, 2.0),
    ]


# --- processes -------------------------------------------------------------------------------
def _probe(*arguments: str) -> list[str]:
    return [sys.executable, "-m", "bench.probe", *arguments]


@contextmanager
def bytecode_cached(cache: Path, *commands: list[str]) -> Iterator[None]:
    """Run the probes as an installed jixiao runs: from compiled bytecode.

    pip compiles a package when it installs it, and Python caches what it compiles; where
    PYTHONDONTWRITEBYTECODE is set (this machine sets it), every start compiled jixiao's own
    modules from source again (~90 ms CPU) while Textual's came compiled from site-packages.
    The cache is the scratch folder's (PYTHONPYCACHEPREFIX), filled by one unmeasured run of each
    command, so both sides read bytecode and nothing is written beside the sources.
    """
    saved = {name: os.environ.get(name) for name in ("PYTHONDONTWRITEBYTECODE", "PYTHONPYCACHEPREFIX")}
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    os.environ["PYTHONPYCACHEPREFIX"] = str(cache)
    try:
        for command in commands:
            subprocess.run(command, capture_output=True, check=False)
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def startup(reference: Path, runs: int) -> list[Row]:
    """Each run of jixiao right after one of the bare app; wall-clock time and its twin in CPU time
    (on a shared machine the wall clock mostly measures the neighbours)."""
    ours, bare = _probe("jixiao", str(reference)), _probe("bare")
    with bytecode_cached(reference.parent.parent / "bytecode", ours, bare):
        spreads = paired(runs, ours, bare)
    name = "启动到显示表单的第一帧"
    return [
        ratio_row(name, spreads["ours_wall"], spreads["base_wall"], "ms", 1000, 2.0),
        ratio_row(f"{name}（CPU 时间）", spreads["ours_cpu"], spreads["base_cpu"], "ms CPU", 1000, 2.0),
    ]


def big_folder(folder: Path, runs: int) -> Row:
    count = len(list(folder.glob("*.toml")))
    first = sorted(folder.glob("*.toml"))[0]
    with bytecode_cached(folder.parent / "bytecode", _probe("jixiao", str(first)), _probe("bare")):
        ours = repeat(runs, partial(wall, _probe("jixiao", str(first))))
        base = repeat(runs, partial(wall, _probe("bare")))
    return Row(
        f"打开含 {count} 个表单的文件夹到可用", ours.show("ms", 1000), base.show("ms", 1000),
        ours.median / base.median, "≤ 1 秒", ours.median <= 1.0,
    )


def _peak_kib(command: list[str]) -> float:
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    return float(result.stdout.strip().splitlines()[-1])


def memory(big: Path, runs: int) -> Row:
    with bytecode_cached(big.parent.parent / "bytecode", _probe("jixiao", str(big)), _probe("bare")):
        base = repeat(runs, partial(_peak_kib, _probe("bare")))
        ours = repeat(runs, partial(_peak_kib, _probe("jixiao", str(big))))
    return ratio_row("峰值内存（200 项指标）", ours, base, "MiB", 1 / 1024, 1.5)
