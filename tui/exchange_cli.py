"""`jixiao export`, `jixiao summary` and `jixiao show`: the form on paper, in Excel, in a summary,
and as text for git. Imports models and exchange only (never textual); openpyxl and jinja2 are
imported by exchange/ inside the functions that write XLSX and HTML.

Exit codes: 0 done; 1 done without some files (unreadable ones are skipped) or refused by
--strict; 2 nothing written (a path missing, no forms, an unwritable destination, no browser).
"""

from __future__ import annotations

import argparse
import errno
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from exchange.errors import ExchangeError
from models.atomic import describe_os_error
from models.discovery import UNREADABLE

from .arguments import ChineseParser

if TYPE_CHECKING:
    from exchange.layout import FormLayout
    from models.discovery import PathProblem
    from models.validation import FileReport

EXIT_OK, EXIT_PARTIAL, EXIT_FAILED = 0, 1, 2


def run_exchange(command: str, args: list[str]) -> int:
    runner = {"export": _export, "summary": _summary, "show": _show}[command]
    try:
        return runner(args)
    except ExchangeError as error:
        print(f"jixiao {command}：{error}", file=sys.stderr)
        return EXIT_PARTIAL if error.code == "X304" else EXIT_FAILED
    except BrokenPipeError:  # `jixiao show … | head` closed the pipe
        sys.stderr.close()
        return EXIT_PARTIAL


def _parser(command: str, description: str) -> argparse.ArgumentParser:

    return ChineseParser(prog=f"jixiao {command}", description=description)


def _export(args: list[str]) -> int:
    parser = _parser("export", "按官方版式导出绩效自评表：Excel（xlsx）、网页（html，可打印）或 PDF。")
    parser.add_argument("paths", nargs="*", metavar="PATH", help="表单文件，或包含 *.toml 的文件夹")
    parser.add_argument("--to", choices=("xlsx", "html", "pdf"), help="导出格式（必填）")
    parser.add_argument("-o", "--output", metavar="OUT",
                        help="输出文件（默认：单个表单时与其同名、在它旁边，否则以文件夹命名、在当前文件夹；"
                             "没有扩展名时自动加上）")
    parser.add_argument("--strict", action="store_true", help="表单有错误时拒绝导出")
    parser.add_argument("--template", metavar="FILE", help="自己的 HTML 模板（Jinja2），用于 html 与 pdf")
    parser.add_argument("--print-template", action="store_true",
                        help="打印内置的 HTML 模板（复制后改成本地区的版式，再用 --template 指定）")
    options = parser.parse_args(args)
    if options.print_template:
        from exchange.html import builtin_template  # noqa: PLC0415

        sys.stdout.write(builtin_template())
        return EXIT_OK
    if not options.paths:
        parser.error("请给出至少一个表单文件或文件夹（PATH）")
    if options.to is None:
        parser.error("请用 --to 指定导出格式：xlsx、html 或 pdf")
    if options.template and options.to == "xlsx":
        parser.error("--template 只用于 --to html 与 --to pdf")
    from exchange.layout import form_layout  # noqa: PLC0415
    from exchange.sources import load_sources  # noqa: PLC0415
    from models.problems import Severity  # noqa: PLC0415

    sources = load_sources(options.paths)
    _report_missing("export", sources.missing)
    for report in sources.unreadable:
        problem = report.problems[0]
        print(f"jixiao export：跳过“{report.path}”：{problem.code} {problem.message}", file=sys.stderr)
    readable = sources.readable
    if sources.missing or not readable:
        if not sources.missing:
            raise ExchangeError("X305", "没有可以导出的表单（*.toml）")
        return EXIT_FAILED
    errors = sum(r.count(Severity.ERROR) for r in readable)
    with_errors = sum(1 for r in readable if r.count(Severity.ERROR))
    if errors and options.strict:
        raise ExchangeError("X304", f"{with_errors} 个表单共有 {errors} 个错误，未导出（用 jixiao validate 查看）")
    from exchange.output import check_output, default_output, output_path, write_output  # noqa: PLC0415

    out = output_path(options.output, options.to) if options.output else default_output(options.paths, options.to)

    check_output(out, [r.path for r in sources.reports])  # before a browser spends seconds on a PDF
    _refuse_binary_to_terminal(out, options.to)
    layouts = [form_layout(r.form, r.figures) for r in readable if r.form and r.figures]
    template = Path(options.template) if options.template else None
    notes: list[str] = []
    data = render_export(options.to, layouts, readable, template, out, notes)
    for note in notes:
        print(f"jixiao export：注意：{note}", file=sys.stderr)
    write_output(out, data)
    _done(out, f"已导出 {len(layouts)} 个表单到“{out}”")
    if errors:
        print(f"注意：{with_errors} 个表单共有 {errors} 个错误，仍已导出（用 jixiao validate 查看；加 --strict 则拒绝导出）",
              file=sys.stderr)
    return EXIT_PARTIAL if sources.unreadable else EXIT_OK


def render_export(to: str, layouts: list[FormLayout], reports: list[FileReport], template: Path | None, out: Path,
                  notes: list[str]) -> bytes:
    """The bytes of an export (shared with the editor's palette commands); what the format could
    not keep exactly goes to `notes`."""
    if to == "xlsx":
        from exchange.summary import build_summary  # noqa: PLC0415
        from exchange.xlsx import workbook_bytes  # noqa: PLC0415

        return workbook_bytes(layouts, build_summary(reports) if len(layouts) > 1 else None, notes)
    from exchange.html import form_html  # noqa: PLC0415

    html = form_html(layouts, template)
    if to == "html":
        return html.encode("utf-8")
    from exchange.pdf import html_to_pdf  # noqa: PLC0415

    return html_to_pdf(html, near=None if str(out) == "-" else out.resolve().parent)


def _refuse_binary_to_terminal(out: Path, to: str) -> None:
    if str(out) == "-" and to in ("xlsx", "pdf") and sys.stdout.isatty():
        raise ExchangeError("X301", f"不能把 {to} 文件输出到屏幕：请用 -o 给出文件名，或把输出重定向到文件或管道")


def _done(out: Path, message: str) -> None:
    """The closing line: on stderr when the export itself went to standard output (-o -)."""
    print(message, file=sys.stderr if str(out) == "-" else sys.stdout)


def _summary(args: list[str]) -> int:
    from exchange.summary import COLUMNS  # noqa: PLC0415

    parser = _parser("summary", "各项目一览：每个表单一行，合计行，以及各评分等级的表单数。")
    parser.add_argument("paths", nargs="+", metavar="FOLDER", help="表单所在文件夹（或表单文件）")
    parser.add_argument("--format", choices=("table", "csv", "json", "xlsx", "html"), default="table",
                        help="输出格式（默认 table；csv 为带 BOM 的 UTF-8，Excel 可直接打开）")
    parser.add_argument("--sort", metavar="COLUMN",
                        # argparse formats help with %: the % of 执行率(%) is written %%
                        help="按此列排序：" + "、".join(COLUMNS.values()).replace("%", "%%") + "（或英文键名，如 total）")
    parser.add_argument("--desc", action="store_true", help="从大到小排序")
    parser.add_argument("-o", "--output", metavar="OUT", help="输出文件（table/csv/json 默认打印到屏幕）")
    options = parser.parse_args(args)
    from exchange.sources import load_sources  # noqa: PLC0415
    from exchange.summary import as_csv, as_json, as_table, build_summary, column_index, default_name  # noqa: PLC0415

    if options.sort is not None:
        try:
            column_index(options.sort)
        except KeyError:
            parser.error(f"没有名为“{options.sort}”的列，可选：{'、'.join(COLUMNS.values())}")
    sources = load_sources(options.paths)
    _report_missing("summary", sources.missing)
    if sources.missing:
        return EXIT_FAILED
    if not sources.reports:
        raise ExchangeError("X305", "没有找到表单文件（*.toml）")
    from exchange.output import check_output, output_path, write_output  # noqa: PLC0415

    name = default_name(Path(options.paths[0]))
    out = output_path(options.output, options.format) if options.output else Path(f"{name}-汇总.{options.format}")
    if options.output is not None or options.format in ("xlsx", "html"):
        check_output(out, [r.path for r in sources.reports])
        _refuse_binary_to_terminal(out, options.format)
    summary = build_summary(sources.reports, options.sort, options.desc)
    data: bytes
    if options.format == "table":
        data = as_table(summary).encode("utf-8")
    elif options.format == "csv":
        data = as_csv(summary)
    elif options.format == "json":
        data = as_json(summary).encode("utf-8")
    elif options.format == "xlsx":
        from exchange.xlsx import summary_workbook_bytes  # noqa: PLC0415

        data = summary_workbook_bytes(summary, f"财政项目支出绩效自评汇总（{name}）")
    else:
        from exchange.html import summary_html  # noqa: PLC0415

        data = summary_html(summary, f"财政项目支出绩效自评汇总（{name}）").encode("utf-8")
    if options.output is None and options.format in ("table", "csv", "json"):  # to the screen
        if options.format == "table":
            sys.stdout.write(data.decode("utf-8"))  # the console's own encoding (a GBK Windows console)
        else:
            sys.stdout.flush()
            sys.stdout.buffer.write(data)
        return _summary_exit(sources.unreadable)
    write_output(out, data)
    _done(out, f"已写入汇总（{len(summary.rows)} 个表单）到“{out}”")
    return _summary_exit(sources.unreadable)


def _summary_exit(unreadable: list[FileReport]) -> int:
    """As validate: a file that could not be read is not a pass (exit 2), and stderr says which."""
    for report in unreadable:
        problem = report.problems[0]
        print(f"jixiao summary：无法读取“{report.path}”：{problem.code} {problem.message}", file=sys.stderr)
    if unreadable:
        print(f"jixiao summary：{len(unreadable)} 个文件无法读取，汇总中以“—”行列出", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK


def _show(args: list[str]) -> int:
    parser = _parser("show", "把表单显示为带中文标签的文本，一行一项（可用作 git 的 textconv，使 git diff 易读）。")
    parser.add_argument("file", metavar="FILE", help="表单文件")
    path = Path(parser.parse_args(args).file)
    from models.discovery import PathProblem, inspect_path  # noqa: PLC0415

    found = inspect_path(path)
    if found == "folder":
        found = PathProblem(path, UNREADABLE, describe_os_error(IsADirectoryError(errno.EISDIR, "")))
    if isinstance(found, PathProblem):
        _report_missing("show", [found])
        return EXIT_FAILED
    from exchange.show import show_text  # noqa: PLC0415

    text = show_text(path)
    sys.stdout.flush()
    sys.stdout.buffer.write(text.encode("utf-8"))  # UTF-8 whatever the locale: git reads it as such
    sys.stdout.flush()
    return EXIT_OK


def _report_missing(command: str, missing: list[PathProblem]) -> None:
    for problem in missing:
        print(f"jixiao {command}：无法读取“{problem.path}”：{problem.code} {problem.message}", file=sys.stderr)
