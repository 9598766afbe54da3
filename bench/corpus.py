"""Generated folders of forms for the benchmarks: varied from the six reference forms, some with errors."""

from __future__ import annotations

import random
from decimal import Decimal
from pathlib import Path

from models import Form, Indicator, dumps_form, load_form
from models.filenames import form_file_name

SAMPLES = Path(__file__).resolve().parents[1] / "sample_forms"


def reference_forms() -> list[Form]:
    return [load_form(path) for path in sorted(SAMPLES.glob("*.toml"))]


def varied_folder(folder: Path, count: int, seed: int = 2024) -> list[Path]:
    """`count` forms: the samples with other names, years and amounts; about one in ten has an error."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    bases = reference_forms()
    paths = []
    for number in range(count):
        form = rng.choice(bases).model_copy(deep=True)
        form.project = f"{form.project}（第 {number} 号）"
        form.year = rng.choice((2022, 2023, 2024, 2025))
        row = form.funds.current_year
        row.budget = Decimal(rng.randint(1000, 500000)) / 100
        row.executed = (row.budget * Decimal(rng.randint(60, 100)) / 100).quantize(Decimal("0.01"))
        if number % 10 == 7:
            form.indicators[0].deviation_reason = ""
            form.indicators[0].actual = "1(个)"  # a target missed with no reason: E107
        path = folder / form_file_name(form.year, form.project)
        # Written directly, not by save_form: the fsyncs of 2,000 atomic saves take 20 s on a slow disk
        # and the files are the same.
        path.write_text(dumps_form(form), encoding="utf-8")
        paths.append(path)
    return paths


def big_form(indicators: int = 200) -> Form:
    """A form with many indicators whose weights still add up to 100."""
    form = reference_forms()[0].model_copy(deep=True)
    weight = (Decimal(90) / indicators).quantize(Decimal("0.01"))
    rows = [
        Indicator(level1="产出指标", level2="数量指标", name=f"第 {i + 1} 项指标", target="≥10.00(个)",
                  actual=f"{10 - i % 3}.00(个)", weight=weight, deviation_reason="进度略有延后" if i % 3 else "")
        for i in range(indicators)
    ]
    rows[-1].weight += Decimal(90) - weight * indicators
    form.indicators = rows
    return form
