"""python -m bench [--quick]: every benchmark, one table, each figure against a baseline from this run."""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from .cases import TRAINING, editor_rows, reference_copies, run_all
from .exchange_cases import exchange_rows
from .stats import Row
from .validate_cases import validate_rows


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench", description="jixiao 性能基准（与同一次运行中测得的基线相比）")
    parser.add_argument("--quick", action="store_true", help="较短的版本（约一分钟）")
    parser.add_argument("--runs", type=int, default=5, help="每项重复次数（至少 5）")
    parser.add_argument("--only", choices=("exchange", "validate", "editor"),
                        help="只运行导入（Excel/PDF）、jixiao validate 或编辑器（按键、启动、内存）的基准")
    options = parser.parse_args()
    runs = max(options.runs, 5)
    with tempfile.TemporaryDirectory(prefix="jixiao-bench-") as scratch:
        if options.only == "exchange":
            rows = exchange_rows(Path(scratch), quick=options.quick, runs=runs)
        elif options.only == "validate":
            rows = validate_rows(Path(scratch), reference_copies(Path(scratch)) / TRAINING, options.quick, runs)
        elif options.only == "editor":
            rows = editor_rows(Path(scratch), quick=options.quick, runs=runs)
        else:
            rows = run_all(Path(scratch), quick=options.quick, runs=runs)
    print(table(rows))


def table(rows: list[Row]) -> str:
    lines = [
        "| benchmark | jixiao (min / median / max) | baseline (min / median / max) | ratio | target | met |",
        "|---|---|---|---|---|---|",
    ]
    for row in rows:
        ratio = "—" if row.ratio is None else f"{row.ratio:.2f}×"
        met = "—" if row.met is None else ("yes" if row.met else "**no**")
        lines.append(f"| {row.name} | {row.ours} | {row.baseline} | {ratio} | {row.target} | {met} |")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
