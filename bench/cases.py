"""The benchmarks of issue 5. Each compares jixiao with a baseline measured in the same run."""

from __future__ import annotations

import subprocess
import sys
import time
from functools import partial
from pathlib import Path

from models import save_form

from .corpus import SAMPLES, big_form, varied_folder
from .exchange_cases import exchange_rows
from .keystroke import measure
from .stats import Row, Spread, repeat

TRAINING = "2024-基层治理骨干专项教育培训班经费.toml"
PLAIN_PARSE = (
    "import pathlib, sys, tomllib\n"
    "for path in sorted(pathlib.Path(sys.argv[1]).rglob('*.toml')):\n"
    "    tomllib.loads(path.read_text(encoding='utf-8'))\n"
)


def run_all(scratch: Path, quick: bool, runs: int) -> list[Row]:
    forms = scratch / "forms"
    forms.mkdir()
    for sample in SAMPLES.glob("*.toml"):
        (forms / sample.name).write_bytes(sample.read_bytes())
    big = scratch / "big" / "2024-两百项指标.toml"
    big.parent.mkdir()
    save_form(big_form(200), big)
    folder = scratch / "folder"
    varied_folder(folder, 500 if quick else 2000)
    keys = 10 if quick else 30
    return [
        *keystrokes(forms / TRAINING, big, keys, runs),
        startup(forms / TRAINING, runs),
        validate_startup(forms / TRAINING, runs),
        throughput(folder, runs),
        big_folder(folder, runs),
        memory(big, runs),
        *exchange_rows(scratch, quick, runs),
    ]


def _ratio_row(name: str, ours: Spread, base: Spread, unit: str, scale: float, limit: float) -> Row:
    ratio = ours.median / base.median
    return Row(name, ours.show(unit, scale), base.show(unit, scale), ratio, f"≤ {limit}×", ratio <= limit)


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
        _ratio_row("按键：全年执行数（参考表单）", reference_cost, baseline, "ms", 1000, 1.5),
        _ratio_row("按键：全年执行数（200 项指标）", big_cost, baseline, "ms", 1000, 2.0),
        _ratio_row("按键：指标表格中的三级指标（200 项）", table_cost, baseline, "ms", 1000, 2.0),
    ]


# --- processes -------------------------------------------------------------------------------
def _wall(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def _probe(*arguments: str) -> list[str]:
    return [sys.executable, "-m", "bench.probe", *arguments]


def startup(reference: Path, runs: int) -> Row:
    base = repeat(runs, partial(_wall, _probe("bare")))
    ours = repeat(runs, partial(_wall, _probe("jixiao", str(reference))))
    return _ratio_row("启动到显示表单的第一帧", ours, base, "ms", 1000, 1.3)


def validate_startup(reference: Path, runs: int) -> Row:
    base = repeat(runs, partial(_wall, [sys.executable, "-c", "import tomllib, pydantic"]))
    ours = repeat(runs, partial(_wall, [sys.executable, "-m", "tui", "validate", str(reference)]))
    return _ratio_row("jixiao validate 一个文件", ours, base, "ms", 1000, 1.5)


def throughput(folder: Path, runs: int) -> Row:
    count = len(list(folder.glob("*.toml")))
    base = repeat(runs, partial(_wall, [sys.executable, "-c", PLAIN_PARSE, str(folder)]))
    ours = repeat(runs, partial(_wall, [sys.executable, "-m", "tui", "validate", str(folder)]))
    rate = count / ours.median
    ratio = ours.median / base.median
    return Row(
        f"validate {count} 个表单（{rate:.0f} 个/秒）", ours.show("ms", 1000), base.show("ms", 1000) + "（仅 tomllib 解析）",
        ratio, "≥ 2000 个/秒，≤ 1.5×", rate >= 2000 and ratio <= 1.5,
    )


def big_folder(folder: Path, runs: int) -> Row:
    count = len(list(folder.glob("*.toml")))
    first = sorted(folder.glob("*.toml"))[0]
    ours = repeat(runs, partial(_wall, _probe("jixiao", str(first))))
    base = repeat(runs, partial(_wall, _probe("bare")))
    return Row(
        f"打开含 {count} 个表单的文件夹到可用", ours.show("ms", 1000), base.show("ms", 1000),
        ours.median / base.median, "≤ 1 秒", ours.median <= 1.0,
    )


def _peak_kib(command: list[str]) -> float:
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    return float(result.stdout.strip().splitlines()[-1])


def memory(big: Path, runs: int) -> Row:
    base = repeat(runs, partial(_peak_kib, _probe("bare")))
    ours = repeat(runs, partial(_peak_kib, _probe("jixiao", str(big))))
    return _ratio_row("峰值内存（200 项指标）", ours, base, "MiB", 1 / 1024, 1.5)
