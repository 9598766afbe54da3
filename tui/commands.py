"""The app's own commands in the command palette (Ctrl+P).

The provider reaches the editor through the small `CommandTarget` protocol, so this module
imports neither the screen nor the app (no import cycle, not even for type checking).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any, Protocol, runtime_checkable

from textual.command import DiscoveryHit, Hit, Hits, Provider


@runtime_checkable
class CommandTarget(Protocol):
    """What the palette's commands call on the editor screen."""

    def add_indicator(self) -> None: ...
    def delete_indicator(self) -> None: ...
    def validate_folder(self) -> None: ...
    def action_new_form(self) -> None: ...
    def action_copy_next_year(self) -> None: ...
    def choose_rule_set(self) -> None: ...
    def action_save(self) -> None: ...
    def action_save_as(self) -> None: ...
    def action_rename(self) -> None: ...
    def action_restore_suggestion(self) -> None: ...
    def action_undo(self) -> None: ...
    def action_redo(self) -> None: ...


# (name shown, help text, what it does on the editor screen)
COMMANDS: list[tuple[str, str, Callable[[CommandTarget, Any], object]]] = [
    ("添加指标", "在当前行之后插入一条绩效指标", lambda s, app: s.add_indicator()),
    ("删除指标", "删除表格当前行的绩效指标（可撤销）", lambda s, app: s.delete_indicator()),
    ("校验文件夹", "检查文件夹中所有表单，刷新左侧列表", lambda s, app: s.validate_folder()),
    ("新建表单", "按默认模板（产出/效益/满意度）新建一个表单", lambda s, app: s.action_new_form()),
    ("复制为下一年度", "同一项目，年度加一，清空完成值、得分和偏差原因", lambda s, app: s.action_copy_next_year()),
    ("选择评分规则", "执行率截断或四舍五入、阶梯得分、权重等", lambda s, app: s.choose_rule_set()),
    ("保存", "保存当前表单 (Ctrl+S)", lambda s, app: s.action_save()),
    ("另存为", "以新文件名保存当前表单", lambda s, app: s.action_save_as()),
    ("重命名文件", "修改当前表单的文件名", lambda s, app: s.action_rename()),
    ("恢复建议得分", "当前指标的得分改回规则建议值 (Ctrl+R)", lambda s, app: s.action_restore_suggestion()),
    ("撤销", "Ctrl+Z", lambda s, app: s.action_undo()),
    ("重做", "Ctrl+Y", lambda s, app: s.action_redo()),
    ("帮助：全部按键", "F1", lambda s, app: app.run_action("help")),
    ("退出", "Ctrl+Q；有未保存的修改时先询问", lambda s, app: app.run_action("quit")),
]


class JixiaoCommands(Provider):
    def _editor(self) -> CommandTarget | None:
        editors = [s for s in self.app.screen_stack if isinstance(s, CommandTarget)]
        return editors[-1] if editors else None

    async def discover(self) -> Hits:
        editor = self._editor()
        if editor is None:
            return
        for name, help_text, run in COMMANDS:
            yield DiscoveryHit(name, partial(run, editor, self.app), help=help_text)

    async def search(self, query: str) -> Hits:
        editor = self._editor()
        if editor is None:
            return
        matcher = self.matcher(query)
        found = False
        for name, help_text, run in COMMANDS:
            score = max(matcher.match(name), matcher.match(help_text) * 0.5)
            if score > 0:
                found = True
                yield Hit(score, matcher.highlight(name), partial(run, editor, self.app), help=help_text)
        if not found:  # instead of Textual's English "No matches found"
            yield Hit(0.01, f"没有名为“{query}”的命令", partial(self.app.run_action, "help"),
                      help="回车查看全部按键和命令")
