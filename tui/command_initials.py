"""Pinyin initials of the characters in command names, so `bc` finds 保存 and `xj` 新建表单.

Clerks type Chinese through an input method that the command palette cannot wait for; the first
letters of each syllable are what they reach for instead. The table holds only the characters
the commands use (a full pinyin dictionary would be a dependency for a dozen names);
tests/editor/test_command_initials.py fails when a command gains a character missing here.
"""

from __future__ import annotations

# Each line: an initial, then the characters whose reading starts with it; zh/ch/sh count as z/c/s.
# A heteronym (多音字) is on the line of each reading, the command name's own first (in table
# order): 重 chóng as in 重做 and 重命名 but zhòng to many a clerk, 校 jiào as in 校验 or xiào,
# 单 dān or shàn. Either reading finds the command (`cmm` and `zmm` both find 重命名文件).
_TABLE = """
a 按
b 保帮标表部
c 除出存撤重查
d 单度得导打当
f 复分
g 规格关个
h 恢汇或
j 件加夹建键校
k 开看
l 另
m 名命
n 年
p 评
q 全前
r 入
s 删示式单
t 添退
w 为文网
x 下新选销显校
y 一议验印页
z 做则制助择指总整重
"""



def _readings(table: str) -> dict[str, str]:
    """Each character → the initials of its readings, in table order (the command name's first)."""
    readings: dict[str, str] = {}
    for line in table.strip().splitlines():
        initial, chars = line.split()
        for char in chars:
            readings[char] = readings.get(char, "") + initial
    return readings


READINGS = _readings(_TABLE)
INITIALS: dict[str, str] = {char: letters[0] for char, letters in READINGS.items()}


def initials(name: str) -> str:
    """One letter per character of `name` (a Chinese character's initial, anything else lowered),
    so a match in the initials marks the same positions in the name."""
    return "".join(INITIALS.get(char, char.lower()) for char in name)


def missing(name: str) -> str:
    """The Chinese characters of `name` that the table has no initial for."""
    return "".join(char for char in name if "\u4e00" <= char <= "\u9fff" and char not in INITIALS)


def every_initials(name: str) -> list[str]:
    """`initials(name)` for each way of reading its heteronyms (the usual reading first)."""
    spellings = [""]
    for char in name:
        spellings = [spelling + letter for spelling in spellings for letter in READINGS.get(char, char.lower())]
    return spellings
