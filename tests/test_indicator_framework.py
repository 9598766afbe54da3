"""Both indicator frameworks are accepted: the older MOF one and 财预〔2021〕101号 (issue 10, item 11)."""

from __future__ import annotations

import pytest

from models import check_form

# (一级指标, 二级指标) as printed in published forms under the 2021 framework and the older one.
ACCEPTED = [
    ("成本指标", "经济成本指标"),
    ("成本指标", "社会成本指标"),
    ("成本指标", "生态环境成本指标"),
    ("成本指标", "经济成本"),  # forms often drop the trailing 指标
    ("产出指标", "成本指标"),
    ("产出指标", "数量指标"),
    ("效益指标", "可持续影响指标"),
    ("满意度指标", "满意度指标"),
    ("满意度指标", "服务对象满意度指标"),
]
REFUSED = [
    ("成本指标", "社会效益指标"),  # 社会效益 is not a cost
    ("满意度指标", "数量指标"),
    ("效益指标", "经济成本指标"),
]


def _level_codes(form, level1: str, level2: str) -> list[str]:
    form.indicators[0].level1, form.indicators[0].level2 = level1, level2
    return [p.code for p in check_form(form) if p.code in ("W203", "W208")]


@pytest.mark.parametrize(("level1", "level2"), ACCEPTED)
def test_both_frameworks_accepted(clean_form, level1, level2):
    assert _level_codes(clean_form, level1, level2) == []


@pytest.mark.parametrize(("level1", "level2"), REFUSED)
def test_unusual_pairs_still_warn(clean_form, level1, level2):
    assert _level_codes(clean_form, level1, level2) == ["W203"]
