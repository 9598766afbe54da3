"""PDF printed from the HTML export by a Chromium-family browser already on the machine (Chrome,
Chromium, or Edge, which every Windows 10/11 has), headless: no new system dependency.

JIXIAO_BROWSER names a browser explicitly (a path or a command name).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from models.atomic import describe_os_error

from .errors import ExchangeError

_COMMANDS = ("google-chrome", "google-chrome-stable", "chromium", "chromium-browser", "microsoft-edge",
             "microsoft-edge-stable", "msedge", "chrome")
_WINDOWS = (r"Google\Chrome\Application\chrome.exe", r"Microsoft\Edge\Application\msedge.exe",
            r"Chromium\Application\chrome.exe")
_MACOS = ("Google Chrome.app/Contents/MacOS/Google Chrome", "Chromium.app/Contents/MacOS/Chromium",
          "Microsoft Edge.app/Contents/MacOS/Microsoft Edge")
NO_BROWSER = ("没有找到 Chrome、Chromium 或 Edge 浏览器，无法生成 PDF。"
              "请改为导出网页（命令行用 --to html，编辑器中用“导出…为网页”），"
              "用浏览器打开该 HTML 文件后选择“打印”→“另存为 PDF”（纸张 A4，纵向）；"
              "或用环境变量 JIXIAO_BROWSER 指定浏览器程序的路径。")
TIMEOUT_SECONDS = 180


def find_browser() -> Path | None:
    """The first Chromium-family browser found: JIXIAO_BROWSER, then PATH, then the usual places.

    JIXIAO_BROWSER with a folder in it (./fb.sh, /opt/x/chrome) is that file, relative to the
    current folder; a bare name is looked up on PATH. One that cannot be run is X302 naming it
    (the generic advice to set JIXIAO_BROWSER would send the clerk in a circle)."""
    chosen = os.environ.get("JIXIAO_BROWSER")
    if chosen:
        return _chosen_browser(chosen)
    for name in _COMMANDS:
        found = shutil.which(name)
        if found:
            return Path(found)
    for candidate in _install_places():
        if candidate.is_file():
            return candidate
    return None


def _chosen_browser(chosen: str) -> Path:
    has_folder = os.sep in chosen or (os.altsep is not None and os.altsep in chosen)
    if has_folder:
        path = Path(chosen).absolute()  # Path("./fb.sh") would drop "./" and shutil.which search PATH
        if path.is_file() and os.access(path, os.X_OK):
            return path
        why = "文件不存在" if not path.exists() else "不是可以运行的程序"
    else:
        found = shutil.which(chosen)
        if found:
            return Path(found)
        why = "在 PATH 中找不到此程序"
    raise ExchangeError("X302", f"环境变量 JIXIAO_BROWSER 指定的浏览器“{chosen}”无法使用：{why}。"
                                "请改为 Chrome、Chromium 或 Edge 程序的完整路径，或删除该变量以自动查找")


def _install_places() -> list[Path]:
    if sys.platform == "win32":
        roots = [os.environ.get(k) for k in ("ProgramFiles", "ProgramFiles(x86)", "LOCALAPPDATA")]
        return [Path(root, tail) for root in roots if root for tail in _WINDOWS]
    if sys.platform == "darwin":
        return [Path(root, tail) for root in ("/Applications", str(Path.home() / "Applications")) for tail in _MACOS]
    return [Path("/opt/google/chrome/chrome"), Path("/opt/microsoft/msedge/msedge"), Path("/snap/bin/chromium")]


def html_to_pdf(html: str, near: Path | None = None) -> bytes:
    """Print `html` to PDF bytes; ExchangeError X302 without a browser, X303 when printing fails.

    The browser works in a temporary folder next to `near` (the output) when it can: a browser
    installed as a snap (Ubuntu's Chromium) has a private /tmp and cannot see the system's.
    """
    browser = find_browser()
    if browser is None:
        raise ExchangeError("X302", NO_BROWSER)
    with _work_folder(near) as work:
        page = Path(work, "form.html")
        page.write_text(html, encoding="utf-8")
        output = Path(work, "form.pdf")
        command = [
            str(browser), "--headless", "--disable-gpu", "--no-first-run", "--no-default-browser-check",
            "--disable-extensions", "--no-pdf-header-footer", f"--user-data-dir={Path(work, 'profile')}",
            f"--print-to-pdf={output}", page.as_uri(),
        ]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            command.insert(1, "--no-sandbox")  # Chromium refuses to run as root with its sandbox
        try:
            done = subprocess.run(command, capture_output=True, timeout=TIMEOUT_SECONDS, check=False)
        except subprocess.TimeoutExpired:
            raise ExchangeError("X303", f"浏览器“{browser}”在 {TIMEOUT_SECONDS} 秒内没有生成 PDF，已停止") from None
        except OSError as error:
            raise ExchangeError("X303", f"无法运行浏览器“{browser}”：{describe_os_error(error)}") from None
        data = output.read_bytes() if output.is_file() else b""
        if not data.startswith(b"%PDF-"):  # a program that is not a browser, or a failed print
            detail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:]
            what = "没有生成 PDF 文件" if not data else "生成的文件不是 PDF"
            original = f"（浏览器的原文：{detail[0]}）" if detail else ""
            raise ExchangeError("X303", f"浏览器“{browser}”{what}（退出码 {done.returncode}）{original}")
        return data


WORK_PREFIX = ".jixiao-pdf-"  # hidden: not listed by the editor, validate or the path completion


@contextmanager
def _work_folder(near: Path | None) -> Iterator[str]:
    """A hidden temporary folder (the browser's profile, some MB) removed afterwards; one left
    behind by an export that was killed is removed by the next export once it is older than any
    export can take."""
    if near is not None:
        _remove_stale(near)
    try:
        folder = tempfile.TemporaryDirectory(prefix=WORK_PREFIX, dir=near)
    except OSError:  # the output's folder is not writable: the error comes when writing the output
        folder = tempfile.TemporaryDirectory(prefix=WORK_PREFIX)
    with folder as path:
        yield path


def _remove_stale(near: Path) -> None:
    """Work folders of killed exports: older than the browser's timeout, so none still in use."""
    deadline = time.time() - 2 * TIMEOUT_SECONDS
    try:
        with os.scandir(near) as listing:
            stale = [Path(e.path) for e in listing if e.name.startswith(WORK_PREFIX)
                     and e.is_dir(follow_symlinks=False) and e.stat(follow_symlinks=False).st_mtime < deadline]
    except OSError:
        return
    for folder in stale:
        shutil.rmtree(folder, ignore_errors=True)
