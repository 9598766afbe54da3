"""The usual 一级指标 and their 二级指标 (财政部 performance indicator framework)."""

from __future__ import annotations

LEVELS: dict[str, tuple[str, ...]] = {
    "产出指标": ("数量指标", "质量指标", "时效指标", "成本指标"),
    "效益指标": ("经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"),
    "满意度指标": ("服务对象满意度指标",),
    "成本指标": ("经济成本指标", "社会成本指标", "生态环境成本指标"),
}

QUALITATIVE_TARGETS = ("合格", "提高", "全覆盖", "及时", "达标")
