"""The app's own commands in the command palette (Ctrl+P).

Each command is an action name run on the editor screen (or, with "app.", on the app), so this
module imports neither the screen nor the app: no import cycle, not even for type checking.
"""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher
from textual.screen import Screen

from .command_initials import every_initials

# (name shown, help text, action on the editor screen)
COMMANDS: list[tuple[str, str, str]] = [
    ("添加指标", "在当前行之后插入一条绩效指标", "add_indicator"),
    ("删除指标", "删除表格当前行的绩效指标（可撤销）", "delete_indicator"),
    ("校验文件夹", "检查文件夹中所有表单，刷新左侧列表", "validate_folder"),
    ("新建表单", "按默认模板（产出/效益/满意度）新建一个表单", "new_form"),
    ("复制为下一年度", "同一项目，年度加一，清空完成值、得分和偏差原因", "copy_next_year"),
    ("选择评分规则", "执行率截断或四舍五入、阶梯得分、权重等", "choose_rule_set"),
    ("保存", "保存当前表单 (Ctrl+S)", "save"),
    ("另存为", "以新文件名保存当前表单", "save_as"),
    ("重命名文件", "修改当前表单的文件名", "rename"),
    ("恢复建议得分", "当前指标的得分改回规则建议值 (Ctrl+R)", "restore_suggestion"),
    ("导出当前表单为 Excel", "按官方版式导出屏幕上的表单（含未保存的修改）为 .xlsx", "export_form('xlsx')"),
    ("导出当前表单为网页", "导出为可打印的 .html（一页一表）", "export_form('html')"),
    ("导出当前表单为 PDF", "用本机的 Chrome/Edge 打印为 .pdf", "export_form('pdf')"),
    ("导出整个文件夹为 Excel", "每个表单一个工作表，另加汇总表", "export_folder('xlsx')"),
    ("导出整个文件夹为网页", "所有表单在一个 .html 中，一页一表", "export_folder('html')"),
    ("导出整个文件夹为 PDF", "所有表单在一个 .pdf 中，一页一表", "export_folder('pdf')"),
    ("导入 Excel 或 PDF 表单…", "把 .xlsx 或 .pdf 中的自评表导入当前文件夹，并打开", "import_file"),
    ("汇总表", "文件夹中所有表单一览：执行率、总分、评分等级，可排序 (F9)", "summary"),
    ("撤销", "Ctrl+Z", "undo"),
    ("重做", "Ctrl+Y", "redo"),
    ("帮助：全部按键", "F1", "app.help"),
    ("退出", "Ctrl+Q；有未保存的修改时先询问", "app.quit"),
]
EDITOR_MARK = "action_save_as"  # only the editor screen has this action


class JixiaoCommands(Provider):
    def _editor(self) -> Screen[object] | None:
        editors = [s for s in self.app.screen_stack if hasattr(s, EDITOR_MARK)]
        return editors[-1] if editors else None

    def _offered(self, editor: Screen[object]) -> list[tuple[str, str, str]]:
        """The commands the screen offers now (a read-only form: nothing that would change it)."""
        return [(name, help_text, action) for name, help_text, action in COMMANDS
                if action.startswith("app.") or "(" in action or editor.check_action(action, ()) is not False]

    async def discover(self) -> Hits:
        editor = self._editor()
        if editor is None:
            return
        for name, help_text, action in self._offered(editor):
            yield DiscoveryHit(name, partial(self.app.run_action, action, editor), help=help_text)

    async def search(self, query: str) -> Hits:
        editor = self._editor()
        if editor is None:
            return
        matcher = self.matcher(query)
        found = False
        for name, help_text, action in self._offered(editor):
            spelling, by_initials = max(((s, matcher.match(s)) for s in every_initials(name)), key=lambda hit: hit[1])
            score = max(matcher.match(name), by_initials, matcher.match(help_text) * 0.5)
            if score > 0:
                found = True
                shown = _by_initials(matcher, name, spelling) if by_initials >= score else matcher.highlight(name)
                yield Hit(score, shown, partial(self.app.run_action, action, editor), help=help_text)
        if not found:  # instead of Textual's English "No matches found"
            yield Hit(0.01, f"没有名为“{query}”的命令", partial(self.app.run_action, "help"),
                      help="回车查看全部按键和命令")


def _by_initials(matcher: Matcher, name: str, spelling: str) -> Content:
    """`name` with the characters whose initials (`spelling`) matched the query marked (`bc` marks 保存)."""
    _, offsets = matcher.fuzzy_search.match(matcher.query, spelling)
    content = Content(name)
    for offset in offsets:
        content = content.stylize(matcher.match_style, offset, offset + 1)
    return content
