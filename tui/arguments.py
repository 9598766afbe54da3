"""The shared argument parser of every jixiao command: Chinese usage, help and error messages.

Its own module so that each command module imports it without importing tui.cli (the dispatcher,
which imports the command modules): no import cycle.
"""

from __future__ import annotations

import argparse
import re
import sys
from typing import Any, NoReturn

_ARGPARSE_WORDS = [  # argparse speaks English; these are the messages a user can meet
    (r"the following arguments are required: (.*)", r"缺少参数：\1"),
    (r"unrecognized arguments: (.*)", r"无法识别的参数：\1"),
    (r"argument (\S+): invalid choice: (\S+) \(choose from (.*)\)", r"参数 \1 的值 \2 无效，可选：\3"),
    (r"argument (\S+): expected one argument", r"参数 \1 后面需要一个值"),
]


class _ChineseHelp(argparse.HelpFormatter):
    def add_usage(self, usage: str | None, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, prefix="用法：")


class ChineseParser(argparse.ArgumentParser):
    """argparse with its usage, help and errors in Chinese; errors exit 2 like every usage error of jixiao."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(formatter_class=_ChineseHelp, add_help=False, **kwargs)
        self._positionals.title = "参数"
        self._optionals.title = "选项"
        self.add_argument("-h", "--help", action="help", help="显示本帮助并退出")

    def error(self, message: str) -> NoReturn:
        for pattern, words in _ARGPARSE_WORDS:
            message = re.sub(pattern, words, message)
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}：参数错误：{message}\n")
