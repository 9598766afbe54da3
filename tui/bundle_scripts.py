"""The install scripts and instructions written into an offline bundle (see bundle_cli)."""

INSTALL_SH = r"""#!/bin/sh
# jixiao 离线安装（Linux）。用法：sh install.sh [安装目录]   默认：$HOME/jixiao
# 不需要管理员权限，不访问网络。
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
TARGET=${1:-"$HOME/jixiao"}
PY=""
for candidate in python3.13 python3.12 python3.11 python3 python; do
  if command -v "$candidate" >/dev/null 2>&1 &&
     "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    PY=$candidate
    break
  fi
done
if [ -z "$PY" ]; then
  echo "找不到 Python 3.11 或更新版本。请先安装 Python 3.11+（可安装在自己的目录中，无需管理员权限）。" >&2
  exit 1
fi
echo "使用 $(command -v "$PY")，安装到 $TARGET ……"
"$PY" -m venv "$TARGET"
"$TARGET/bin/python" -m pip install --no-index --find-links "$HERE/wheels" --disable-pip-version-check jixiao
echo "已安装。运行：$TARGET/bin/jixiao 表单文件夹"
"""

INSTALL_BAT = r"""@echo off
rem jixiao 离线安装（Windows）。用法：install.bat [安装目录]   默认：%LOCALAPPDATA%\jixiao
rem 不需要管理员权限，不访问网络。
setlocal
set "HERE=%~dp0"
set "TARGET=%~1"
if "%TARGET%"=="" set "TARGET=%LOCALAPPDATA%\jixiao"
set "PY="
for %%V in (3.13 3.12 3.11) do (
  if not defined PY (
    py -%%V -c "import sys" >nul 2>&1 && set "PY=py -%%V"
  )
)
if not defined PY (
  python -c "import sys; sys.exit(sys.version_info < (3, 11))" >nul 2>&1 && set "PY=python"
)
if not defined PY (
  echo 找不到 Python 3.11 或更新版本。请先安装 Python 3.11+（安装时选择“仅为我安装”，无需管理员权限）。
  exit /b 1
)
echo 使用 %PY%，安装到 %TARGET% ……
%PY% -m venv "%TARGET%" || exit /b 1
"%TARGET%\Scripts\python.exe" -m pip install --no-index --find-links "%HERE%wheels" --disable-pip-version-check jixiao || exit /b 1
echo 已安装。运行："%TARGET%\Scripts\jixiao.exe" 表单文件夹
"""

README_TXT = """jixiao 离线安装包 使用说明
==========================

jixiao 是财政项目支出绩效自评表的键盘式编辑器与校验器。本文件夹包含 jixiao 及其全部依赖，
安装时不需要网络，也不需要管理员权限。目标电脑上需要已有 Python 3.11 或更新版本。

Windows：
  1. 把整个文件夹拷到目标电脑（例如 U 盘上的 jixiao-bundle）。
  2. 双击 install.bat，或在命令提示符中运行：install.bat D:\\jixiao
     不写目录时安装到 %LOCALAPPDATA%\\jixiao。
  3. 运行：%LOCALAPPDATA%\\jixiao\\Scripts\\jixiao.exe 表单文件夹

Linux（包括国产 Linux）：
  1. 把整个文件夹拷到目标电脑。
  2. 在终端中运行：sh install.sh ~/jixiao
  3. 运行：~/jixiao/bin/jixiao 表单文件夹

检查一个文件夹的表单：jixiao validate 表单文件夹

本安装包适用于：
{targets}

缺少的轮子（这些目标无法离线安装）：
{missing}
"""
