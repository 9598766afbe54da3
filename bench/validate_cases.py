"""The `jixiao validate` benchmarks: one file against `import tomllib, pydantic`, a folder against a
bare tomllib parse of the same files, and 2,000 forms against `taplo check` with the form schema.

Whole processes, interpreter start-up included on both sides, each run of jixiao right after one of
its baseline. Wall-clock time is what a user waits for; on a machine shared with other work it
mostly measures the neighbours, so each row has a twin in CPU time (user + system of the process
and its helper; a helper on the second core then counts in full, never as a saving).
`python -m bench --only validate` runs these rows alone.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from .corpus import varied_folder
from .stats import Row, Spread

PLAIN_PARSE = (
    "import pathlib, sys, tomllib\n"
    "for path in sorted(pathlib.Path(sys.argv[1]).rglob('*.toml')):\n"
    "    tomllib.loads(path.read_text(encoding='utf-8'))\n"
)
TAPLO_FORMS = 2000  # as in issue 14, also under --quick


def validate_rows(scratch: Path, reference: Path, quick: bool, runs: int) -> list[Row]:
    folder = scratch / "folder"
    if not folder.exists():
        varied_folder(folder, 500 if quick else TAPLO_FORMS)
    return [*validate_startup(reference, runs), *throughput(folder, runs), *taplo_rows(scratch / "taplo", runs)]


def wall(command: list[str], cwd: Path | None = None) -> float:
    return timed(command, cwd)[0]


def timed(command: list[str], cwd: Path | None = None) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one run (the CPU of the children it waited for included)."""
    start = time.perf_counter()
    child = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(child.pid, 0)
    child.returncode = 0  # reaped by wait4: keep Popen from waiting again
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime


def paired(runs: int, ours: list[str], base: list[str], cwd: Path | None = None) -> dict[str, Spread]:
    """`runs` runs of each, alternating, as wall and CPU spreads: ours_wall, base_wall, ours_cpu, base_cpu."""
    samples: dict[str, list[float]] = {key: [] for key in ("ours_wall", "base_wall", "ours_cpu", "base_cpu")}
    for _ in range(runs):
        for side, command in (("base", base), ("ours", ours)):
            elapsed, cpu = timed(command, cwd)
            samples[f"{side}_wall"].append(elapsed)
            samples[f"{side}_cpu"].append(cpu)
    return {key: Spread.of(values) for key, values in samples.items()}


def _twin_rows(name: str, spreads: dict[str, Spread], limit: float, note: str = "") -> list[Row]:
    return [
        ratio_row(name, spreads["ours_wall"], spreads["base_wall"], "ms", 1000, limit, note),
        ratio_row(f"{name}（CPU 时间）", spreads["ours_cpu"], spreads["base_cpu"], "ms CPU", 1000, limit, note),
    ]


def ratio_row(name: str, ours: Spread, base: Spread, unit: str, scale: float, limit: float, note: str = "") -> Row:
    ratio = ours.median / base.median
    return Row(name, ours.show(unit, scale), base.show(unit, scale) + note, ratio, f"≤ {limit}×", ratio <= limit)


def validate_startup(reference: Path, runs: int) -> list[Row]:
    spreads = paired(runs, [sys.executable, "-m", "tui", "validate", str(reference)],
                     [sys.executable, "-c", "import tomllib, pydantic"])
    return _twin_rows("jixiao validate 一个文件", spreads, 2.0, "（import tomllib, pydantic）")


def throughput(folder: Path, runs: int) -> list[Row]:
    count = len(list(folder.glob("*.toml")))
    spreads = paired(runs, [sys.executable, "-m", "tui", "validate", str(folder)],
                     [sys.executable, "-c", PLAIN_PARSE, str(folder)])
    rate = count / spreads["ours_wall"].median
    return _twin_rows(f"validate {count} 个表单（{rate:.0f} 个/秒）", spreads, 1.5, "（仅 tomllib 解析）")


def taplo_binary() -> str | None:
    """The taplo of the test extra (next to this interpreter), or one on PATH."""
    beside = Path(sys.executable).with_name("taplo")
    return str(beside) if beside.exists() else shutil.which("taplo")


def taplo_rows(folder: Path, runs: int) -> list[Row]:
    """`taplo check` with the schema of `jixiao init` (schema only: no arithmetic, no rules) on the
    same 2,000 files that `jixiao validate` checks in full."""
    name = f"validate {TAPLO_FORMS} 个表单 对比 taplo check"
    taplo = taplo_binary()
    if taplo is None:
        return [Row(name, "—", "未找到 taplo（pip install -e '.[test]' 安装），跳过", None, "≤ 1.5×", None)]
    if not folder.exists():
        varied_folder(folder, TAPLO_FORMS)
        subprocess.run([sys.executable, "-m", "tui", "init", str(folder)], capture_output=True, check=True)
    spreads = paired(runs, [sys.executable, "-m", "tui", "validate", str(folder)], [taplo, "check"], folder)
    return _twin_rows(name, spreads, 1.5, "（taplo check，仅 schema）")
