"""F1: every key of the editor, read from the bindings themselves so it cannot drift."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Label

from ..commands import COMMANDS

GENERAL_KEYS = [
    ("Tab / Shift+Tab", "按阅读顺序在字段间移动"),
    ("↑ ↓ ← →", "在指标表格的单元格间移动；在项目资金中上下移动"),
    ("→（有灰色提示时）", "接受自动补全（一级、二级指标、定性完成值）"),
    ("Esc", "从指标编辑区回到表格；关闭对话框；清除表单列表的筛选"),
    ("输入文字（表单列表中）", "按项目名称、年度或文件名筛选表单；Backspace 删去一个字"),
]


def _key_text(binding: Binding) -> str:
    keys = []
    for key in binding.key.split(","):
        parts = key.split("+")
        keys.append("+".join(p.capitalize() if len(p) > 1 else p.upper() for p in parts))
    return " / ".join(k.replace("Up", "↑").replace("Down", "↓") for k in keys)


class HelpScreen(ModalScreen[None]):
    COVERED = {"indicators.back", "funds.up", "funds.down"}  # described by GENERAL_KEYS
    BINDINGS = [
        Binding("escape,f1,q", "dismiss", "关闭", id="help.close"),
    ]

    def __init__(self, bindings: list[Binding]) -> None:
        super().__init__()
        self.bindings = bindings

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="help-dialog"):
            yield Label("按键一览（Esc 关闭）", classes="dialog-title")
            table: DataTable[str] = DataTable(id="help-keys", cursor_type="row", zebra_stripes=True)
            table.add_columns("按键", "作用")
            for binding in self.bindings:
                if binding.description:
                    table.add_row(_key_text(binding), binding.tooltip or binding.description)
            for keys, description in GENERAL_KEYS:
                table.add_row(keys, description)
            for name, help_text, _ in COMMANDS:
                table.add_row(f"Ctrl+P → {name}", help_text)
            yield table

    def on_mount(self) -> None:
        self.query_one("#help-keys").focus()  # arrows and PgDn scroll at once
