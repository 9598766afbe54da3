"""Command line: `jixiao [PATH]` opens the editor; `jixiao validate PATH...` checks files.

Only the editor branch imports textual, so `jixiao validate` starts fast.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path

from .arguments import ChineseParser


def _validate_parser() -> argparse.ArgumentParser:
    parser = ChineseParser(prog="jixiao validate", description="检查绩效自评表文件（TOML、Excel 工作簿 .xlsx、PDF），逐条列出问题。")
    parser.add_argument("paths", nargs="+", metavar="PATH", help="表单文件（.toml/.xlsx/.pdf），或包含 *.toml 的文件夹")
    parser.add_argument("--include", action="append", default=[], metavar="PATTERN",
                        help="文件夹中另外检查的文件名模式，如 '*.xlsx'、'*.pdf'（可重复）")
    parser.add_argument("--strict", action="store_true", help="有警告时也以退出码 1 结束")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="输出格式（默认 text）")
    return parser


def _editor_parser() -> argparse.ArgumentParser:
    parser = ChineseParser(
        prog="jixiao",
        description="财政项目支出绩效自评表编辑器。其他命令：jixiao validate PATH...（检查文件）、"
        "jixiao schema、jixiao init FOLDER（编辑器支持）、jixiao bundle OUT_DIR（离线安装包）；各加 -h 查看用法。",
    )
    parser.add_argument("path", nargs="?", default=".", metavar="PATH", help="表单所在文件夹，或一个表单文件（默认当前文件夹）")
    parser.add_argument("-V", "--version", action="store_true", help="显示版本号后退出")
    return parser


def main(argv: list[str] | None = None) -> int:
    # pydantic (imported when a file needs it) would scan every installed package's entry points for plugins (~10 ms);
    # jixiao uses none.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    args = sys.argv[1:] if argv is None else argv
    _use_utf8_output()
    if args[:1] == ["validate"]:
        from .validate_cli import run_validate

        options = _validate_parser().parse_args(args[1:])
        try:
            return run_validate(options.paths, options.strict, options.format, include=options.include)
        except BrokenPipeError:  # `jixiao validate … | head` closed the pipe: not an error of ours
            sys.stderr.close()
            return 1
    if args[:1] == ["schema"]:
        from .tools_cli import run_schema

        ChineseParser(prog="jixiao schema", description="打印表单文件的 JSON Schema（中文标题与说明）。").parse_args(args[1:])
        return run_schema()
    if args[:1] == ["init"]:
        from .tools_cli import run_init

        parser = ChineseParser(prog="jixiao init", description="在文件夹中写入 JSON Schema 与 .taplo.toml，供编辑器检查与补全。")
        parser.add_argument("folder", metavar="FOLDER", help="表单所在文件夹")
        return run_init(Path(parser.parse_args(args[1:]).folder))
    if args[:1] in (["export"], ["summary"], ["show"]):
        from .exchange_cli import run_exchange

        return _interruptible(args[0], lambda: run_exchange(args[0], args[1:]))
    if args[:1] == ["import"]:
        from .import_cli import run_import

        return _interruptible("import", lambda: run_import(args[1:]))
    if args[:1] == ["bundle"]:
        from .bundle_cli import run_bundle

        return run_bundle(args[1:])
    options = _editor_parser().parse_args(args)
    if options.version:
        print(version_line())
        return 0
    path = Path(options.path)
    refusal = _editor_refusal(path)
    if refusal:
        print(f"jixiao：{refusal}", file=sys.stderr)
        return 2
    from .app import run_editor

    return run_editor(path)


def version_line() -> str:
    """`jixiao 0.1.0`, from the installed package's metadata (the one place the version is kept:
    pyproject.toml), so that it cannot drift from what pip installed."""
    from importlib.metadata import PackageNotFoundError, version  # noqa: PLC0415 (only for --version)

    try:
        return f"jixiao {version('jixiao')}"
    except PackageNotFoundError:  # run from a source folder that pip never installed
        return "jixiao（版本未知：未通过 pip 安装）"


EXIT_INTERRUPTED = 130  # 128 + SIGINT, as a shell reports a command stopped by Ctrl+C


def _interruptible(command: str, run: Callable[[], int]) -> int:
    """Ctrl+C stops a command with one Chinese line and exit 130, never a traceback. Whatever the
    command had under way is undone by the exception on its way here: temporary files and folders
    are removed by their context managers (atomic_write, the PDF's work folder), a browser child
    is killed by subprocess.run, and an existing output is left as it was."""
    try:
        return run()
    except KeyboardInterrupt:
        print(f"\njixiao {command}：已中断（Ctrl+C），没有写入任何文件", file=sys.stderr)
        return EXIT_INTERRUPTED


def _editor_refusal(path: Path) -> str | None:
    """Why the editor cannot start on `path` (checked before the screen takes over the terminal)."""
    from models.discovery import PathProblem, inspect_path, listing_problem

    found = inspect_path(path)
    if found == "folder":
        found = listing_problem(path) or found
    if isinstance(found, PathProblem):
        return f"无法打开“{path}”：{found.message}"
    if found == "file" and path.suffix.lower() != ".toml":
        return f"“{path}”不是表单文件（应为 .toml）"
    return None


def _use_utf8_output() -> None:
    """A console that cannot show Chinese (e.g. a GBK Windows code page) gets '?' rather than a crash."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")
