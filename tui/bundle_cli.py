"""`jixiao bundle OUT_DIR`: everything needed to install jixiao on a machine with no network.

pip does all resolving and downloading (`pip wheel`, `pip download --only-binary`); this module
only chooses the targets, writes the install scripts, and reports in Chinese what is missing.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from models.atomic import describe_os_error

from .arguments import ChineseParser
from .bundle_scripts import INSTALL_BAT, INSTALL_SH, README_TXT

PLATFORMS = {
    "windows-x86_64": ["win_amd64"],
    "linux-x86_64": ["manylinux2014_x86_64", "manylinux_2_17_x86_64", "manylinux_2_28_x86_64"],
    "linux-aarch64": ["manylinux2014_aarch64", "manylinux_2_17_aarch64", "manylinux_2_28_aarch64"],
    "current": [],  # this machine, whatever it is
}
DEFAULT_PLATFORMS = ["windows-x86_64", "linux-x86_64", "linux-aarch64"]
DEFAULT_PYTHONS = ["3.11", "3.12", "3.13"]
_MISSING = re.compile(r"No matching distribution found for ([^\s]+)")


@dataclass(frozen=True)
class Target:
    platform: str
    python: str  # "3.12", or "current"

    @property
    def label(self) -> str:
        python = "本机 Python" if self.python == "current" else f"CPython {self.python}"
        return f"{self.platform} / {python}"

    def pip_options(self) -> list[str]:
        options = ["--only-binary=:all:"]
        for tag in PLATFORMS[self.platform]:
            options += ["--platform", tag]
        if self.python != "current":
            version = self.python.replace(".", "")
            options += ["--python-version", self.python, "--implementation", "cp", "--abi", f"cp{version}",
                        "--abi", "abi3", "--abi", "none"]
        return options


def _parser() -> argparse.ArgumentParser:
    parser = ChineseParser(prog="jixiao bundle", description="制作离线安装包：jixiao 及其全部依赖的轮子、安装脚本和使用说明。")
    parser.add_argument("out", metavar="OUT_DIR", help="安装包写入的文件夹")
    parser.add_argument("--platform", action="append", choices=list(PLATFORMS), metavar="PLATFORM",
                        help=f"目标平台，可重复（默认 {', '.join(DEFAULT_PLATFORMS)}；current 为本机）")
    parser.add_argument("--python", action="append", metavar="X.Y",
                        help=f"目标 Python 版本，可重复（默认 {', '.join(DEFAULT_PYTHONS)}；current 为本机）")
    parser.add_argument("--source", default=None, metavar="DIR", help="jixiao 源代码目录（默认为本程序所在的源代码）")
    return parser


def run_bundle(arguments: list[str]) -> int:
    options = _parser().parse_args(arguments)
    source = Path(options.source) if options.source else Path(__file__).resolve().parents[1]
    if not (source / "pyproject.toml").is_file():
        print(f"jixiao bundle：“{source}”不是 jixiao 源代码目录（缺少 pyproject.toml）；请用 --source 指定。",
              file=sys.stderr)
        return 2
    try:
        return _bundle(source, Path(options.out), options.platform, options.python)
    except OSError as error:
        print(f"jixiao bundle：无法写入“{options.out}”：{describe_os_error(error)}", file=sys.stderr)
        return 2


def _bundle(source: Path, out: Path, platforms: list[str] | None, pythons: list[str] | None) -> int:
    wheels = out / "wheels"
    wheels.mkdir(parents=True, exist_ok=True)
    print("正在构建 jixiao 的轮子……")
    built = _pip(["wheel", "--no-deps", "--wheel-dir", str(wheels), str(source)])
    own = sorted(wheels.glob("jixiao-*.whl"))
    if built.returncode != 0 or not own:
        print("无法构建 jixiao 的轮子：\n" + built.stderr[-2000:], file=sys.stderr)
        return 1
    targets = [Target(p, v) for p in platforms or DEFAULT_PLATFORMS for v in pythons or DEFAULT_PYTHONS]
    missing: list[str] = []
    for target in targets:
        print(f"正在下载 {target.label} 的依赖……")
        result = _pip(["download", "--dest", str(wheels), *target.pip_options(), str(own[-1])])
        if result.returncode != 0:
            names = _MISSING.findall(result.stderr) or ["（见 pip 的输出）"]
            missing += [f"{target.label}：没有可用的轮子 {name}" for name in names]
            print(f"  缺少：{'、'.join(names)}", file=sys.stderr)
    _write_scripts(out, targets, missing)
    if missing:
        print("安装包不完整，以下目标无法离线安装：\n  " + "\n  ".join(missing), file=sys.stderr)
        return 1
    print(f"完成：{out}（{len(list(wheels.glob('*.whl')))} 个轮子）。把整个文件夹拷到目标电脑，运行 install.bat 或 install.sh。")
    return 0


def _pip(arguments: list[str]) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "pip", *arguments, "--disable-pip-version-check", "--quiet"]
    return subprocess.run(command, capture_output=True, text=True, encoding="utf-8", errors="replace", check=False)


def _write_scripts(out: Path, targets: list[Target], missing: list[str]) -> None:
    install_sh = out / "install.sh"
    install_sh.write_text(INSTALL_SH, encoding="utf-8", newline="\n")
    install_sh.chmod(0o755)
    # cmd.exe reads a .bat in the system code page: GBK (936) on Chinese Windows.
    (out / "install.bat").write_bytes(INSTALL_BAT.replace("\n", "\r\n").encode("gbk"))
    covered = "\n".join(f"  - {t.label}" for t in targets)
    absent = "\n".join(f"  - {m}" for m in missing) or "  （无）"
    text = README_TXT.format(targets=covered, missing=absent)
    (out / "使用说明.txt").write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
