"""The editor's way out and in: export the open form or the folder (Excel, web page, PDF), and
import a workbook or PDF into the folder.

The work runs in a thread worker, so a slow browser printing a PDF or a large workbook being read
never freezes the screen; the exchange libraries (openpyxl, jinja2, pdfplumber) are imported
inside that work, only when a command runs. The open form is exported as it is on screen (the
session's form, unsaved edits included), never as the file on disk. Like FileFlows, this object
reaches the screen only through the small `Host` protocol.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from textual.app import App

from models.atomic import describe_unforeseen
from models.filenames import form_file_name
from models.problems import Severity
from models.session import EditSession
from models.validation import FileReport
from models.view import View

from .dialogs import TextPrompt
from .path_input import PathSuggester
from .report_dialog import ReportDialog

TITLES = {"xlsx": "导出为 Excel", "html": "导出为网页", "pdf": "导出为 PDF"}  # a space beside Latin letters only


class Host(Protocol):
    """What the exchange commands need of the screen."""

    folder: Path
    session: EditSession | None
    view: View | None

    @property
    def app(self) -> App[Any]: ...

    def reload_folder(self) -> None: ...

    def open_guarded(self, path: Path) -> None:
        """Open `path` once unsaved changes of the open form are saved or knowingly dropped."""


@dataclass
class Imported:
    """What one import did: the forms written, and every line about what was not placed or written."""

    written: list[Path] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)


class ExchangeFlows:
    def __init__(self, host: Host) -> None:
        self.host = host

    @property
    def app(self) -> App[Any]:
        return self.host.app

    # --- export --------------------------------------------------------------------------------
    def export_form(self, to: str) -> None:
        """The open form, as on screen, to `to` (xlsx, html or pdf)."""
        from exchange.output import default_output  # noqa: PLC0415

        report = self._open_form_report()
        if report is None:
            self.app.notify("没有打开的表单可以导出", severity="warning", timeout=4)
            return
        self._ask_output(default_output([report.path], to), to, lambda: [report])

    def export_folder(self, to: str) -> None:
        """Every readable form of the folder in one file; the open form as on screen. The file goes
        where `jixiao export FOLDER` puts it (the current folder), one rule for both."""
        from exchange.output import default_output  # noqa: PLC0415

        self._ask_output(default_output([self.host.folder], to), to, self._folder_reports())

    def _folder_reports(self) -> Callable[[], list[FileReport]]:
        """Reading the folder's forms (to run in a worker): the open form as on screen, not as saved."""
        folder = self.host.folder
        on_screen = self._open_form_report()

        def reports() -> list[FileReport]:
            from exchange.sources import load_sources  # noqa: PLC0415

            found = load_sources([folder]).reports
            if on_screen is not None:
                found = [on_screen if r.path == on_screen.path else r for r in found]
            return found

        return reports

    # --- summary -------------------------------------------------------------------------------
    def show_summary(self) -> None:
        """F9: the folder's forms in one table (read in a worker); Enter there opens one."""
        reports = self._folder_reports()
        folder = self.host.folder

        def work() -> None:
            try:
                found = reports()
            except Exception as error:  # anything else: Chinese words, never a traceback
                self.app.call_from_thread(self.app.notify, f"无法汇总：{describe_unforeseen(error)}",
                                          title="汇总", severity="error", timeout=10)
                return
            self.app.call_from_thread(self._show_summary, found, folder)

        self.app.run_worker(work, thread=True, group="exchange", exit_on_error=False)

    def _show_summary(self, reports: list[FileReport], folder: Path) -> None:
        from .summary_screen import SummaryScreen  # noqa: PLC0415

        if not reports:
            self.app.notify(f"文件夹“{folder}”中没有表单", title="汇总", severity="warning", timeout=6)
            return

        def chosen(path: Path | None) -> None:
            if path is not None:
                self.host.open_guarded(path)

        name = folder.resolve().name or str(folder)
        session = self.host.session
        title = f"财政项目支出绩效自评汇总（{name}，{len(reports)} 个表单）"
        self.app.push_screen(SummaryScreen(reports, title, session.path if session is not None else None), chosen)

    def _open_form_report(self) -> FileReport | None:
        """The open form with its figures and problems as the screen shows them (a copy: the
        worker must not see edits typed while it runs)."""
        session, view = self.host.session, self.host.view
        if session is None or session.form is None or view is None or view.figures is None:
            return None
        path = session.path or self.host.folder / form_file_name(session.form.year, session.form.project)
        return FileReport(path, session.form.model_copy(deep=True), view.figures, list(view.problems),
                          {key: [] for key in view.unknown})  # figures shown as 无法核对, as on the bar

    def _ask_output(self, default: Path, to: str, reports: Callable[[], list[FileReport]]) -> None:
        """The output file, checked in the dialog (a form file, a wrong extension, a folder …
        keeps the dialog open with the reason). The default is shown in full; a relative name
        typed is taken from the forms folder, as in the import dialog."""
        from exchange.errors import ExchangeError  # noqa: PLC0415
        from exchange.output import check_output, output_path  # noqa: PLC0415

        folder = self.host.folder

        def target(text: str) -> Path:  # never "-" (standard output): a file of that name in the folder
            return output_path((folder / Path(text).expanduser()).absolute(), to)

        def refused(text: str) -> str | None:
            try:
                check_output(target(text), command_line=False)
            except ExchangeError as error:
                return str(error)
            return None

        def chosen(text: str | None) -> None:
            if text is None:
                return
            out = target(text)
            kept = self._refused_inputs()
            self.app.notify(f"正在导出到“{out}”…", timeout=3)
            self.app.run_worker(lambda: self._export(to, reports, out, kept), thread=True, group="exchange",
                                exit_on_error=False)

        replaced = f"“{default.name}”已存在，会被整个替换；" if default.exists() else ""
        self.app.push_screen(TextPrompt(f"{TITLES[to]}：输出文件", str(default.absolute()),
                                        f"{replaced}回车导出，Esc 取消", accept=refused), chosen)

    def _refused_inputs(self) -> list[str]:
        """Fields of the open form whose typed text is invalid (12.13.00): the form, and so the
        export, holds the last valid value, and the notice says so (as saving does)."""
        session = self.host.session
        if session is None or session.form is None:
            return []
        return [f"{label}：输入的“{typed}”无效，导出的是上一个有效值 {kept}"
                for label, typed, kept in session.refused_fields()]

    def _export(self, to: str, reports: Callable[[], list[FileReport]], out: Path, kept: list[str]) -> None:
        """In the worker thread: render and write, then say so on the screen's thread."""
        from exchange.errors import ExchangeError  # noqa: PLC0415

        try:
            message = _export_message(to, reports(), out)
            severity = "warning" if kept else "information"
            message = "\n".join([message, *kept])
        except ExchangeError as error:
            message, severity = str(error), "error"
        except Exception as error:  # anything else: Chinese words, never a traceback
            message, severity = f"导出失败：{describe_unforeseen(error)}", "error"
        self.app.call_from_thread(self.app.notify, message, title="导出", severity=severity, timeout=10)

    # --- import --------------------------------------------------------------------------------
    def import_file(self) -> None:
        from exchange.import_paths import import_problem  # noqa: PLC0415

        folder = self.host.folder

        def file(text: str) -> Path:
            path = Path(text).expanduser()
            return path if path.is_absolute() else folder / path

        def refused(text: str) -> str | None:
            """The command line's checks and codes (E001 missing, E008 a folder or pipe, E010 not a
            workbook or PDF): the dialog stays open with the reason, to correct the path."""
            problem = import_problem(file(text))
            return None if problem is None else f"{problem.code} {problem.message}"

        def chosen(text: str | None) -> None:
            if text is None:
                return
            path = file(text)
            self.app.notify(f"正在导入“{path.name}”…", timeout=3)
            self.app.run_worker(lambda: self._import(path), thread=True, group="exchange", exit_on_error=False)

        self.app.push_screen(TextPrompt("导入 Excel 或 PDF 表单：文件路径", "",
                                        f"写入“{folder}”（不覆盖已有表单）；→ 补全路径，回车导入，Esc 取消",
                                        accept=refused, suggester=PathSuggester(folder, (".xlsx", ".pdf"))), chosen)

    def _import(self, path: Path) -> None:
        """In the worker thread: read and write the forms, then show the outcome."""
        try:
            outcome = _import_forms(path, self.host.folder)
        except Exception as error:  # anything else: Chinese words, never a traceback
            outcome = Imported(left_out=[f"{path.name}：导入失败：{describe_unforeseen(error)}"])
        self.app.call_from_thread(self._imported, path, outcome)

    def _imported(self, path: Path, outcome: Imported) -> None:
        self.host.reload_folder()
        count = len(outcome.written)
        heading = f"从“{path.name}”导入了 {count} 张表" + (f"，打开第一张“{outcome.written[0].name}”" if count > 1 else "")

        def open_first(_: object = None) -> None:
            if outcome.written:
                self.host.open_guarded(outcome.written[0])

        if outcome.left_out:
            self.app.push_screen(ReportDialog(f"{heading}；以下内容未能导入或未写入", outcome.left_out), open_first)
        else:
            self.app.notify(heading, title="导入", timeout=8)
            open_first()


def _export_message(to: str, reports: list[FileReport], out: Path) -> str:
    from exchange.errors import ExchangeError  # noqa: PLC0415
    from exchange.layout import form_layout  # noqa: PLC0415
    from exchange.output import check_output, write_output  # noqa: PLC0415

    from ..exchange_cli import render_export  # noqa: PLC0415

    readable = [r for r in reports if r.form is not None and r.figures is not None]
    if not readable:
        raise ExchangeError("X305", "没有可以导出的表单（*.toml）")
    check_output(out, [r.path for r in reports], command_line=False)  # never over a form; before a browser spends seconds
    layouts = [form_layout(r.form, r.figures) for r in readable if r.form and r.figures]
    notes: list[str] = []
    write_output(out, render_export(to, layouts, readable, None, out, notes), command_line=False)
    errors = sum(r.count(Severity.ERROR) for r in readable)
    with_errors = sum(1 for r in readable if r.count(Severity.ERROR))
    skipped = len(reports) - len(readable)
    done = f"已导出 {len(layouts)} 个表单到“{out}”" + (f"（跳过 {skipped} 个无法读取的文件）" if skipped else "")
    if notes:
        done += "；注意：" + "；".join(notes)
    if not errors:
        return f"{done}，没有错误"
    where = "按 F6 查看" if len(readable) == 1 else "用 Ctrl+P →“校验文件夹”查看"
    return f"{done}；{with_errors} 个表单共有 {errors} 个错误（仍已导出，{where}）"


def _import_forms(path: Path, folder: Path) -> Imported:
    from exchange.placing import place_form, unplaced_lines  # noqa: PLC0415
    from exchange.reading_files import read_forms  # noqa: PLC0415

    found = read_forms(path)
    outcome = Imported()
    if found.problem is not None:
        outcome.left_out.append(f"{path.name}：{found.problem.code} {found.problem.message}")
        return outcome
    taken: set[Path] = set()
    for imported in found.forms:
        placed = place_form(path, imported, folder, taken, force=False)
        if placed.written:
            outcome.written.append(placed.target)
        else:
            outcome.left_out.append(placed.message + ("（请先改名或移走已有的表单）" if placed.exists else ""))
        outcome.left_out += unplaced_lines(path, imported.unplaced)
    outcome.left_out += unplaced_lines(path, found.unplaced)
    if not found.forms and not outcome.left_out:
        outcome.left_out.append(f"{path.name}：没有找到自评表")
    return outcome
