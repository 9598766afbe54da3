"""`jixiao schema` and `jixiao init`: editor support for form files. Imports models only, never textual."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from models.atomic import atomic_write, describe_os_error
from models.schema import SCHEMA_FILE, form_schema
from models.workspace import refuse_symlink

TAPLO_CONFIG = """\
# 由 jixiao init 生成：让 taplo 与 VS Code 的 Even Better TOML 扩展按 jixiao 的格式
# 检查并补全本文件夹中的表单（悬停显示中文字段名和说明）。
include = ["**/*.toml"]
exclude = [".taplo.toml", ".jixiao/**"]

[[rule]]
include = ["**/*.toml"]
exclude = [".taplo.toml", ".jixiao/**"]

[rule.schema]
path = "{schema}"
"""


def schema_text() -> str:
    return json.dumps(form_schema(), ensure_ascii=False, indent=2) + "\n"


def run_schema() -> int:
    sys.stdout.write(schema_text())
    return 0


def run_init(folder: Path) -> int:
    """Write the schema and a .taplo.toml into `folder` (an existing .taplo.toml is left alone).

    Both are jixiao's own files: a schema file that is a symlink is refused, never written through
    (it would overwrite whatever it points to); a .taplo.toml that is one, even dangling, is kept.
    """
    config = folder / ".taplo.toml"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        refuse_symlink(folder / SCHEMA_FILE)
        atomic_write(folder / SCHEMA_FILE, schema_text().encode("utf-8"))
        kept = os.path.lexists(config)
        if not kept:
            atomic_write(config, TAPLO_CONFIG.format(schema=SCHEMA_FILE).encode("utf-8"))
    except OSError as error:
        # The folder by its full name: “.” or “..” would not tell the clerk which folder it was.
        print(f"jixiao init：无法写入文件夹“{folder.resolve()}”：{describe_os_error(error)}", file=sys.stderr)
        return 2
    if kept:
        print(f"已写入 {folder / SCHEMA_FILE}；保留了已有的 {config}，请确认其中的 [rule.schema] path 指向 {SCHEMA_FILE}。")
    else:
        print(f"已写入 {folder / SCHEMA_FILE} 与 {config}。")
    print("用 VS Code 打开此文件夹并安装 Even Better TOML 扩展，即可获得检查与补全。")
    return 0
