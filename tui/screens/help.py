"""F1: every key of the editor, read from the bindings themselves so it cannot drift.

Each row is a pair of labels in a scrolling list, so a long description wraps (by the editor's
Chinese wrapping, tui/cjk_wrap.py) instead of being cut, at any width, and every row can be
reached with ↓ / PgDn on a 24-line screen.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label

from ..commands import COMMANDS

GENERAL_KEYS = [
    ("Tab / Shift+Tab", "按阅读顺序在字段间移动"),
    ("↑ ↓ ← →", "在指标表格的单元格间移动；在项目资金中上下移动"),
    ("→（有灰色提示时）", "接受自动补全（一级、二级指标、定性完成值）"),
    ("Esc", "从指标编辑区回到表格；关闭对话框；清除表单列表的筛选"),
    ("输入文字（表单列表中）", "按项目名称、年度或文件名筛选表单；Backspace 删去一个字"),
]
KEY_NAMES = {"pageup": "PgUp", "pagedown": "PgDn", "up": "↑", "down": "↓", "left": "←", "right": "→"}


def key_text(binding: Binding) -> str:
    """`ctrl+home,ctrl+n` → `Ctrl+Home / Ctrl+N`, as the README writes keys."""
    keys = []
    for key in binding.key.split(","):
        parts = key.split("+")
        keys.append("+".join(KEY_NAMES.get(p, p.capitalize() if len(p) > 1 else p.upper()) for p in parts))
    return " / ".join(keys)


def help_rows(bindings: list[Binding]) -> list[tuple[str, str]]:
    """(keys, what they do) for each described binding, the general keys, then the palette's commands."""
    rows = [(key_text(b), b.tooltip or b.description) for b in bindings if b.description]
    rows += GENERAL_KEYS
    rows += [(f"Ctrl+P → {name}", help_text) for name, help_text, _ in COMMANDS]
    return rows


class HelpScreen(ModalScreen[None]):
    # Described by GENERAL_KEYS (the arrows everywhere, Esc in the row editor).
    COVERED = {"indicators.back", "funds.up", "funds.down", "table.up", "table.down", "table.left", "table.right"}
    BINDINGS = [
        Binding("escape,f1,q", "dismiss", "关闭", id="help.close"),
    ]

    def __init__(self, bindings: list[Binding]) -> None:
        super().__init__()
        self.rows = help_rows(bindings)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="help-dialog"):
            yield Label("按键一览（↑↓ PgUp PgDn 翻看，Esc 关闭）", classes="dialog-title")
            with VerticalScroll(id="help-keys"):
                for index, (keys, description) in enumerate(self.rows):
                    with Horizontal(classes="help-row" + (" -odd" if index % 2 else "")):
                        yield Label(keys, classes="help-key")
                        yield Label(description, classes="help-text")

    def on_mount(self) -> None:
        self.query_one("#help-keys").focus()  # arrows and PgDn scroll at once
