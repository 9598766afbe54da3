"""The jixiao Textual app."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import gc
import os
import signal
import threading
from pathlib import Path

from rich.text import Text
from textual.app import App
from textual.binding import Binding
from textual.command import CommandPalette
from textual.notifications import SeverityLevel

from . import cjk_wrap, partial_paint, strip_caches
from .commands import JixiaoCommands
from .screens.editor import EditorScreen
from .widgets.form_list import FormList
from .widgets.indicators import IndicatorsPane, IndicatorTable
from .widgets.line_table import LineTable
from .widgets.panes import FundsPane

READING_CHARS_PER_SECOND = 4  # a careful reading of Chinese instructions, with the path in them


@functools.cache
def _freeze_imports() -> None:
    """Move what exists when the first app is made out of the garbage collector's sight, once.

    That is the imports (textual and the models: some 40,000 tracked objects that live to the end):
    a full collection before the first frame walked all of them and freed nothing (35–60 ms of CPU).
    Once per process: a later app (tests make many) would freeze the earlier apps' garbage for good.
    """
    gc.freeze()


def reading_seconds(message: str) -> float:
    """How long a notice stays so that it can be read to the end: 5 s plus its length."""
    return 5 + len(message) / READING_CHARS_PER_SECOND


class JixiaoApp(App[None]):
    CSS_PATH = "jixiao.tcss"
    TITLE = "绩效自评表"
    COMMANDS = {JixiaoCommands}  # only the app's own, Chinese commands (Textual's are in English)
    COMMAND_PALETTE_BINDING = "ctrl+p"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    BINDINGS = [
        Binding("ctrl+q", "quit", "退出", priority=True, id="quit"),
        # Not shown by this binding: the footer shows the palette key at its right end already.
        Binding("ctrl+p", "command_palette", "命令", id="command_palette", show=False,
                tooltip="命令面板：输入命令名的一部分，回车执行（命令见下）"),
    ]

    def __init__(self, path: Path) -> None:
        _freeze_imports()
        cjk_wrap.install()  # Chinese wraps between characters, with 禁则, in every widget
        partial_paint.install()  # a frame renders only the widgets under what changed
        strip_caches.install()  # a rendered line carries no empty caches
        super().__init__()
        path = path.resolve()
        self.folder: Path = path.parent if path.is_file() else path
        self.start_path: Path | None = path if path.is_file() else None

    def on_mount(self) -> None:
        self._end_on_signals()
        # The editor is born with the breakpoint class (-wide / -narrow) its first resize would give
        # it: a class added then restyles every widget of the screen once more before the first frame.
        breakpoint = self.screen._get_breakpoint_classes(self.size.width, self.HORIZONTAL_BREAKPOINTS)
        self.push_screen(EditorScreen(self.folder, self.start_path, " ".join(breakpoint)))

    def _end_on_signals(self) -> None:
        """SIGTERM (shutdown, `kill`) and SIGHUP (the terminal closed) end the app as Ctrl+Q would
        not: without asking. The recovery copy is written first, so nothing typed is lost.

        Without this the process died at once, with up to a second of edits not yet copied aside.
        Where the loop cannot take signal handlers (Windows), the default stays.
        """
        loop = asyncio.get_running_loop()
        for name in ("SIGTERM", "SIGHUP"):
            number = getattr(signal, name, None)
            if number is not None:
                with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                    loop.add_signal_handler(number, self._ended_by_signal, number)

    def _rescue(self) -> Path | None:
        """Write the open form's recovery copy now; the form's path when one was written."""
        with contextlib.suppress(Exception):
            session = self.editor_screen.session
            if session is not None and session.rescue():
                return session.path
        return None

    def _kept_words(self, rescued: Path | None) -> str:
        return (f"未保存的修改已存入自动恢复副本，下次打开“{rescued.name}”时可以恢复。" if rescued
                else "没有未保存的修改丢失。")

    def _ended_by_signal(self, number: int) -> None:
        rescued = self._rescue()
        # Seen under load: after SIGHUP the shutdown waited forever on the closed terminal, leaving
        # a process behind. The copy is written by now; the process ends at the latest 5 s later.
        fallback = threading.Timer(5.0, os._exit, args=(128 + number,))
        fallback.daemon = True  # a shutdown that finishes is never held up by it
        fallback.start()
        why = "终端已关闭" if number == getattr(signal, "SIGHUP", None) else "收到结束信号（系统关机或被结束）"
        self.exit(return_code=128 + number, message=Text.assemble((f"jixiao {why}，已退出。", "bold"), self._kept_words(rescued)))

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = True) -> None:
        """Errors and warnings stay on screen long enough to be read: a four-line message went
        after the ten seconds its caller gave it. Information keeps the caller's timeout."""
        if severity != "information":
            timeout = max(timeout if timeout is not None else self.NOTIFICATION_TIMEOUT, reading_seconds(message))
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

    @property
    def editor_screen(self) -> EditorScreen:
        return next(s for s in self.screen_stack if isinstance(s, EditorScreen))

    async def action_quit(self) -> None:
        screen = self.editor_screen

        def leave() -> None:
            screen.adopt(None)
            self.exit()

        screen.flows.guard(leave, "退出")

    def _handle_exception(self, error: Exception) -> None:
        """An error nobody foresaw: keep the unsaved edits first, then end with Chinese words.

        Textual would print an English traceback and exit; the edits would be gone with the
        process. The recovery copy is written before anything else, so the next start offers it.
        """
        rescued = self._rescue()
        super()._handle_exception(error)  # sets the exit code and, under tests, re-raises the error
        self._exit_renderables[:] = [Text.assemble(
            ("jixiao 遇到意外错误，已退出。", "bold red"), self._kept_words(rescued),
            f"\n错误信息（请告诉维护人员）：{type(error).__name__}: {error}",
        )]

    def action_command_palette(self) -> None:
        if not any(isinstance(screen, CommandPalette) for screen in self.screen_stack):
            self.push_screen(CommandPalette(placeholder="输入命令或拼音首字母，如：添加指标、xj（新建表单）、bc（保存）…",
                                            id="--command-palette"))

    def action_help_quit(self) -> None:
        """Ctrl+C: say in Chinese how to quit (Textual's own words are English)."""
        self.notify("退出请按 Ctrl+Q（有未保存的修改时会先询问）", title="要退出吗？")

    def action_help(self) -> None:
        from .screens.help import HelpScreen  # noqa: PLC0415 - nothing of it is on the first frame

        if isinstance(self.screen, HelpScreen):
            return
        bindings = [
            *self.BINDINGS, *EditorScreen.BINDINGS, *IndicatorTable.BINDINGS, *LineTable.BINDINGS,
            *IndicatorsPane.BINDINGS, *FundsPane.BINDINGS, *FormList.BINDINGS,
        ]
        shown = [b for b in bindings if isinstance(b, Binding) and b.id not in HelpScreen.COVERED]
        self.push_screen(HelpScreen(shown))


def run_editor(path: Path) -> int:
    app = JixiaoApp(path)
    app.run()
    return app.return_code or 0
