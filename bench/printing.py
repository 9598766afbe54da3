"""PDFs printed by LibreOffice from workbooks, for the benchmarks and the tests."""

from __future__ import annotations

import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

from models import Form, Indicator


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def print_workbooks(workbooks: list[Path], folder: Path) -> list[Path]:
    """One PDF per workbook, in one LibreOffice run (its start-up is most of the cost)."""
    office = soffice()
    assert office is not None
    profile = folder / ".lo-profile"  # its own profile: other LibreOffice runs on the machine do not interfere
    subprocess.run(
        [office, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
         "--outdir", str(folder), *map(str, workbooks)],
        capture_output=True, timeout=300, check=True,
    )
    shutil.rmtree(profile, ignore_errors=True)
    return [folder / f"{w.stem}.pdf" for w in workbooks]


def long_form(form: Form, count: int = 30) -> Form:
    """`form` with `count` indicators, enough to fill more than one page; weights still add up to 100."""
    weight = (Decimal(90) / count).quantize(Decimal("0.01"))
    indicators = [
        Indicator(level1="产出指标", level2=("数量指标", "质量指标", "时效指标")[i % 3],
                  name=f"第{i + 1}项培训课程的完成情况", target="≥10.00(次)", actual="10.00(次)", weight=weight)
        for i in range(count)
    ]
    indicators[-1].weight = Decimal(90) - weight * (count - 1)
    return form.model_copy(update={"indicators": indicators}, deep=True)
