"""Cell text → form values: labels compared without spacing, wrapped lines rejoined, numbers read whole."""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from models.money import GROUPED_AMOUNT, without_separators

_LABEL_NOISE = re.compile(r"[\s:：*＊]")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")
_EMPTY_MARKS = {"", "-", "－", "—", "——", "/", "／", "\\"}
_ASCII_WORD = re.compile(r"[A-Za-z0-9]")
# PDF fonts (Chromium's among them) often map a glyph to a radical's code point instead of the
# character: 工 comes out as ⼯ (KANGXI RADICAL WORK), 门 as ⻔. Kangxi radicals fold by NFKC;
# the simplified radicals of the supplement block have no decomposition, so they are listed.
_RADICALS = {
    **{code: unicodedata.normalize("NFKC", chr(code)) for code in range(0x2F00, 0x2FD6)},
    **{ord(radical): character for radical, character in zip(
        "⺟⺠⺰⻅⻆⻈⻉⻋⻌⻐⻑⻓⻔⻗⻘⻙⻚⻛⻜⻝⻠⻢⻣⻤⻥⻦⻧⻨⻩⻪⻬⻮⻰⻳",
        "母民纟见角讠贝车辶钅長长门雨青韦页风飞食饣马骨鬼鱼鸟卤麦黄黾齐齿龙龟", strict=True)},
}


@lru_cache(maxsize=8192)
def label_key(text: str) -> str:
    """A label as compared: no spaces, line breaks, colons or asterisks; full-width folded (（万元） → (万元))."""
    return _LABEL_NOISE.sub("", unicodedata.normalize("NFKC", text))


def is_blank(text: str) -> bool:
    """Nothing printed, or a dash that stands for nothing."""
    return text.strip() in _EMPTY_MARKS


def fold_radicals(text: str) -> str:
    """Radicals a PDF font put where characters belong, back to the characters (⼯ → 工, ⻔ → 门)."""
    return text.translate(_RADICALS)


def join_lines(text: str) -> str:
    """Lines a cell was wrapped into, rejoined: no space between Chinese characters, one between words."""
    lines = [line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    joined = ""
    for line in lines:
        if not line:
            continue
        if joined and _ASCII_WORD.match(joined[-1]) and _ASCII_WORD.match(line[0]):
            joined += " "
        joined += line
    return joined


def clean_text(text: str, wrapped: bool) -> str:
    """A free-text value: wrapped lines rejoined; an author's own line breaks (a sheet's) kept."""
    if wrapped:
        return join_lines(text)
    lines = [line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return "\n".join(line for line in lines if line)


def parse_number(text: str) -> Decimal | None:
    """'215,457.60' → 215457.60; full-width digits and a trailing % allowed; None when not a number."""
    cleaned = unicodedata.normalize("NFKC", join_lines(text)).strip().removesuffix("%").strip()
    if GROUPED_AMOUNT.fullmatch(cleaned):  # 215,457.60 or 215 457.60: the one reading models use
        cleaned = without_separators(cleaned)
    if not _NUMBER.fullmatch(cleaned):
        return None
    try:
        return Decimal(cleaned)
    except InvalidOperation:
        return None
