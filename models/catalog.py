"""The usual 一级指标 and their 二级指标: the MOF framework and its 2021 revision (财预〔2021〕101号).

The 2021 framework makes 成本指标 a first level (经济成本/社会成本/生态环境成本指标) and names the
satisfaction level 满意度指标 under 满意度指标; older forms keep 成本指标 under 产出指标 and write
服务对象满意度指标. Both are accepted.
"""

from __future__ import annotations

LEVELS: dict[str, tuple[str, ...]] = {
    "产出指标": ("数量指标", "质量指标", "时效指标", "成本指标"),
    "效益指标": ("经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"),
    "满意度指标": ("服务对象满意度指标", "满意度指标"),
    "成本指标": ("经济成本指标", "社会成本指标", "生态环境成本指标"),
}

QUALITATIVE_TARGETS = ("合格", "提高", "全覆盖", "及时", "达标")


def usual_level1(level1: str) -> str | None:
    """The usual 一级指标 that `level1` names, or None. Published forms often drop the trailing 指标
    (`满意度`, `产出`): the same name."""
    name = level1.strip()
    return name if name in LEVELS else (f"{name}指标" if f"{name}指标" in LEVELS else None)


def is_usual_level2(level1: str, level2: str) -> bool:
    """Whether `level2` is usual under `level1` (an unknown 一级指标 is reported on its own).

    Published forms often drop the trailing 指标 (`经济成本`, `数量`): the same name.
    """
    known = usual_level1(level1)
    usual = LEVELS[known] if known else None
    if usual is None:
        return True
    name = level2.strip()
    return name in usual or f"{name}指标" in usual
