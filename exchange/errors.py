"""Errors of the exchange commands: a stable code and words a clerk understands, never a traceback."""

from __future__ import annotations

# code → short Chinese title; the README lists them (codes are stable: scripts refer to them).
EXCHANGE_CODES: dict[str, str] = {
    "X301": "无法写入输出文件",
    "X302": "找不到可以打印 PDF 的浏览器",
    "X303": "浏览器未能生成 PDF",
    "X304": "表单有错误，--strict 拒绝导出",
    "X305": "没有可以导出的表单",
    "X306": "模板无法使用",
}


class ExchangeError(Exception):
    """Something the user must fix before the command can do its job; the message says what."""

    def __init__(self, code: str, message: str) -> None:
        assert code in EXCHANGE_CODES, code
        super().__init__(message)
        self.code = code
        self.message = message

    def __str__(self) -> str:
        return f"{self.code} {self.message}"
