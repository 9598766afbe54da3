"""Problems found in a form: a stable code, a severity, a place, and words a clerk understands."""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"

    @property
    def label(self) -> str:
        return "错误" if self is Severity.ERROR else "警告"


# code → (severity, short Chinese title). Codes are stable: scripts and docs refer to them.
CODES: dict[str, tuple[Severity, str]] = {
    # Reading the file
    "E001": (Severity.ERROR, "无法打开文件或文件夹"),
    "E002": (Severity.ERROR, "不是 UTF-8 文本文件"),
    "E003": (Severity.ERROR, "TOML 语法错误"),
    "E004": (Severity.ERROR, "内容与表单格式不符"),
    "E005": (Severity.ERROR, "文件格式版本过新"),
    "E006": (Severity.ERROR, "未知的评分规则"),
    "E007": (Severity.ERROR, "未知的表样"),
    "E008": (Severity.ERROR, "不是普通文件"),
    "E009": (Severity.ERROR, "指标条数超过上限"),
    # Reading a workbook or a PDF (`jixiao import`, `jixiao validate` on .xlsx/.pdf)
    "E010": (Severity.ERROR, "无法读取工作簿或 PDF"),
    "E011": (Severity.ERROR, "文件受密码保护"),
    "E012": (Severity.ERROR, "文件超出大小限制"),
    "E013": (Severity.ERROR, "PDF 是扫描件，没有文字"),
    "E014": (Severity.ERROR, "没有找到自评表"),
    # The form itself
    "E101": (Severity.ERROR, "必填项为空"),
    "E102": (Severity.ERROR, "没有绩效指标"),
    "E103": (Severity.ERROR, "金额为负数"),
    "E104": (Severity.ERROR, "金额超过两位小数"),
    "E105": (Severity.ERROR, "分值合计不等于 100"),
    "E106": (Severity.ERROR, "得分超出范围"),
    "E107": (Severity.ERROR, "缺少偏差原因分析及改进措施"),
    "E108": (Severity.ERROR, "年度指标值无法识别"),
    "E109": (Severity.ERROR, "实际完成值无法识别"),
    "E110": (Severity.ERROR, "计算结果与规则不符"),
    "E111": (Severity.ERROR, "输入的不是数字"),
    "E112": (Severity.ERROR, "年度不合理"),
    "E113": (Severity.ERROR, "金额单位无效"),
    "W201": (Severity.WARNING, "得分高于建议得分"),
    "W202": (Severity.WARNING, "全年执行数超过全年预算数"),
    "W203": (Severity.WARNING, "二级指标不属于该一级指标"),
    "W204": (Severity.WARNING, "一级指标分值与规则要求不同"),
    "W205": (Severity.WARNING, "定性指标得分不在等级区间内"),
    "W206": (Severity.WARNING, "大幅超额完成但未说明原因"),
    "W207": (Severity.WARNING, "三级指标重名"),
    "W208": (Severity.WARNING, "一级指标不在常用列表中"),
    "W209": (Severity.WARNING, "尚未评分"),
    "W210": (Severity.WARNING, "计量单位与年度指标值不同"),
    "W211": (Severity.WARNING, "全年预算数为 0"),
    "W212": (Severity.WARNING, "定性完成值无法判断"),
    "W213": (Severity.WARNING, "年度指标值缺少比较符号"),
    "W214": (Severity.WARNING, "计算结果无法核对"),
    "W215": (Severity.WARNING, "工作簿或 PDF 中有内容未能放入表单"),
}


@dataclass(frozen=True, slots=True)
class Problem:
    code: str
    where: str  # a path in the form: "funds.current_year.executed", "indicators[0].score"
    message: str
    line: int | None = None

    @property
    def severity(self) -> Severity:
        return CODES[self.code][0]

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def at_line(self, line: int | None) -> Problem:
        return replace(self, line=line)
