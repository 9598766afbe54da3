"""Why tomllib refused a form file, in the words of the mistake a clerk made rather than the parser's.

tomllib says where it stopped and what it expected ("Expected newline or end of document after a
statement"); a clerk needs to hear what was typed wrong: a letter in a number (`25.4o`), a full-width
＝ or ：, Chinese quotes “…” around a text, a unit after a number. The offending line is looked at
to tell which of these usual mistakes it is; anything else gets tomllib's meaning translated, with
the column. Every piece of the file quoted back stands inside “…”, so that no unknown English phrase
of the file's own reads as an untranslated message.

Imported only when a file fails to parse: checking good files pays nothing for it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from .money import GROUPED_AMOUNT, separators_message
from .problems import Problem

_PLACE = re.compile(r"\(at line (\d+), column (\d+)\)")
_AT_END = "(at end of document)"
_TRANSLATED = {
    "Cannot overwrite a value": "键重复定义",
    "Cannot declare": "表重复定义",
    "Invalid value": "值无效（文字请用英文双引号括起来，数字不要加单位）",
    "Invalid statement": "无法识别的语句",
    "Expected '=' after a key": "键后面缺少“=”",
    "Invalid initial character for a key part": "键名无效",
    "Unclosed array": "数组缺少右方括号“]”",
    "Unterminated string": "字符串缺少结束引号",
    "Illegal character '\\n'": "字符串缺少结束引号",  # tomllib's words for a quote left open at the line end
    "Illegal character": "含有不允许的控制字符",
    "Expected newline or end of document": "一行只能写一个键值对",
    "Invalid date or datetime": "日期格式无效",
    # The rest of tomllib's messages, so that none reaches a user in English.
    "Duplicate inline table key": "键重复定义",
    "Cannot mutate immutable namespace": "表重复定义（{ } 内联表写完后不能再添加键）",
    "Cannot redefine namespace": "表重复定义",
    "Unclosed inline table": "内联表缺少右花括号“}”",
    "Expected ']' at the end of a table declaration": "表名缺少右方括号“]”",
    "Expected ']]' at the end of an array declaration": "表数组名缺少右方括号“]]”",
    "Expected \"'": "字符串缺少结束引号",  # a '…' or '''…''' string left open
    "Found invalid character '\\n'": "字符串缺少结束引号",
    "Found invalid character": "含有不允许的控制字符",
    "Unescaped '\\' in a string": "字符串中的反斜杠“\\”应写成“\\\\”",
    "Invalid hex value": "字符串中的 \\u 转义无效",
    "Escaped character is not a Unicode scalar value": "字符串中的 \\u 转义无效",
}
_GROUPED_VALUE = re.compile(r"^\s*[A-Za-z0-9_\"'.-]+\s*=\s*(" + GROUPED_AMOUNT.pattern + r")\s*(?:#.*)?\r?$")
_KEY_LINE = re.compile(r"""^\s*("[^"]*"|'[^']*'|[A-Za-z0-9_.\-]+(?:\s*\.\s*[A-Za-z0-9_\-]+)*)\s*=""")
_HEADER_LINE = re.compile(r"^\s*\[\[?\s*([^\]#]+?)\s*\]")
_NUMBER_START = re.compile(r"^[+-]?\d")
_PLAIN_NUMBER = re.compile(r"[+-]?\d+(\.\d+)?")
_CHINESE_QUOTES = "“”‘’「」『』"
_FULL_WIDTH_DIGITS = "０１２３４５６７８９"
_SHOWN_AT_MOST = 30  # characters of the file quoted back; a long unquoted paragraph is cut


@dataclass(frozen=True)
class _Place:
    """The line tomllib stopped at (1-based), its text and the column (1-based, characters)."""

    lines: list[str]
    line: int
    column: int

    @property
    def text(self) -> str:
        return self.lines[self.line - 1].rstrip("\r")

    @property
    def key(self) -> str:
        """What stands before the first “=” (the key as the clerk typed it)."""
        return self.text.split("=", 1)[0].strip()

    @property
    def value(self) -> str:
        """What stands after the first “=”, without a trailing comment."""
        after = self.text.split("=", 1)[1] if "=" in self.text else ""
        return re.sub(r"\s+#[^\"'”]*$", "", after).strip()


def syntax_problem(message: str, text: str) -> Problem:
    """The E003 problem for tomllib's `message` about `text`: the mistake named, with its line."""
    found = _PLACE.search(message)
    lines = text.split("\n")
    detail = message[: found.start()].strip() if found else message.removesuffix(_AT_END).strip()
    # An array or string still open when the file ends: say so, at the last line. Not for a '…' string:
    # tomllib searches the whole file for its quote, so where it gives up says nothing of where it began.
    at_end = not found and message.endswith(_AT_END) and detail != "Expected \"'\""
    last = text.rstrip().count("\n") + 1
    line = int(found.group(1)) if found else (last if at_end else None)
    words = None
    if found:
        words = _diagnosis(detail, _Place(lines, line or 1, int(found.group(2))))
    elif at_end and detail.startswith("Cannot overwrite a value"):  # a key repeated on the last line
        words = _duplicate_key(_Place(lines, last, 1))
    if words is None:
        translated = next((zh for en, zh in _TRANSLATED.items() if detail.startswith(en)), f"格式错误（{detail}）")
        where = f"第 {found.group(2)} 列" if found else ("在文件末尾" if at_end else "")
        words = f"{translated}{'，' + where if where else ''}"
    return Problem("E003", "", f"TOML 语法错误：{words}", line)


def _diagnosis(detail: str, place: _Place) -> str | None:
    """The clerk's mistake on the line tomllib stopped at, when it is one of the usual ones."""
    grouped = _GROUPED_VALUE.match(place.text)
    if grouped:  # 1,000.00 copied from a PDF
        return separators_message(grouped.group(1))
    for prefix, diagnose in _DIAGNOSES:
        if detail.startswith(prefix):
            return diagnose(place)
    return None


def _after_value(place: _Place) -> str | None:
    """A value was read, then more followed on the line: `25.4o`, `17.50 万元`, `"实训"质量"`."""
    if "=" not in place.text:
        return None
    equals = place.text.index("=") + 1
    start = equals + len(place.text[equals:]) - len(place.text[equals:].lstrip())
    typed, rest = place.text[start : place.column - 1], place.text[place.column - 1 :]
    read = typed.rstrip()  # tomllib stops after the blanks that follow a value
    if read[:1] in ('"', "'"):
        more = rest.strip()
        return (f"引号之后还有内容“{_clip(more)}”：整段文字要写在一对英文双引号之内，"
                "文字中需要引号时请用中文引号“”")
    if not _NUMBER_START.match(read):
        return None
    if read != typed:  # `17.50 万元`, `25.4 0`; but `a = 1 b = 2` is two pairs on a line
        more = re.sub(r"\s+#.*$", "", rest).strip()
        if not more or "=" in more:
            return None
        if more[0].isdigit():
            return f"数字“{read} {_clip(more)}”中间不能有空格"
        return f"数字 {read} 后面不能写单位或文字“{_clip(more)}”：这里只写数字"
    word = read + re.match(r"[^\s#]*", rest).group()  # type: ignore[union-attr]  # (matches always)
    return _number_mistake(word, read)


def _number_mistake(word: str, read: str) -> str:
    """What is wrong in `word`, a number as typed; `read` is the part of it that is a number."""
    letters = "".join(c for c in word if c.isascii() and c.isalpha())
    if any(c in _FULL_WIDTH_DIGITS for c in word):
        half = unicodedata.normalize("NFKC", word)
        fixed = f"：{half}" if _PLAIN_NUMBER.fullmatch(half) else ""
        return f"数字“{_clip(word)}”中有全角数字，请用半角数字{fixed}（切换到英文输入法）"
    if "。" in word or "．" in word:
        return f"数字“{_clip(word)}”中的“{'。' if '。' in word else '．'}”应为英文小数点“.”"
    if letters:
        looks_like = {"o": "0", "O": "0", "l": "1", "I": "1"}
        meant = {looks_like.get(c) for c in letters}
        hint = f"；字母“{letters}”是否应为数字 {meant.pop()}？" if len(meant) == 1 and None not in meant else ""
        return f"数字“{_clip(word)}”中有字母“{letters}”（数字只能含 0–9 和小数点{hint}）"
    following = word[len(read) :]
    if following and not following[0].isascii():  # 17.50万元, 2024年
        return f"数字 {read} 后面不能写单位或文字“{_clip(following)}”：这里只写数字"
    if word.count(".") > 1:
        return f"数字“{_clip(word)}”中有多个小数点"
    if word.endswith("."):
        return f"数字“{word}”的小数点后面缺少数字（如 {word}00）"
    if re.fullmatch(r"[+-]?0\d+(\.\d+)?", word):
        sign, rest = word[: len(word) - len(word.lstrip("+-"))], word.lstrip("+-").lstrip("0")
        return f"数字“{_clip(word)}”不能以 0 开头（应写作 {sign}{'0' if rest[:1] in ('', '.') else ''}{rest}）"
    odd = next((c for c in following if not c.isdigit()), following[:1])
    return f"数字“{_clip(word)}”中有“{odd}”（数字只能含 0–9 和小数点）"


def _invalid_value(place: _Place) -> str | None:
    """No value could be read after “=”: Chinese quotes, unquoted text, full-width digits, `.5`."""
    if "=" not in place.text:  # tomllib went on to the next line (an array left open): nothing to quote
        return None
    value = place.value
    shown = f"{place.key} = \"{_clip(value.strip(_CHINESE_QUOTES + chr(34)))}\""
    if not value:
        return f"“{_clip(place.key)} =”后面没有写值：数字直接写（如 0.00），文字写在英文双引号中（如 \"无\"）"
    if value[0] in _CHINESE_QUOTES:
        return f"文字两边要用英文双引号，不能用中文引号：应写成“{shown}”"
    if value[0] in _FULL_WIDTH_DIGITS:
        return _number_mistake(value.split()[0], "")
    first = value.split()[0]
    if any(c.isdigit() for c in first) and re.fullmatch(r"[A-Za-z0-9.+\-_]+", first) and first[0] in "oOlI":
        return _number_mistake(first, "")  # l00.00: a letter where a digit belongs
    if re.fullmatch(r"\.\d+", first):
        return f"数字“{_clip(first)}”的小数点前面缺少数字（应写作 0{first}）"
    if not value[0].isascii() or value[0].isalpha():
        return f"文字“{_clip(value)}”要写在英文双引号中：应写成“{shown}”"
    return None


def _key_without_equals(place: _Place) -> str | None:
    """A key was read and no “=” followed: ＝ or ：, a full-width space, a space inside the key."""
    rest = place.text[place.column - 1 :]
    first = rest.lstrip(" \t")[:1]
    if rest[:1] == "\u3000" or first == "\u3000":
        return "键名后面有全角空格，请改为半角空格（切换到英文输入法）"
    if first == "＝":
        return "等号应为英文“=”，不能用全角“＝”（切换到英文输入法）"
    if first in ("：", ":"):
        return f"键名后面应为英文等号“=”，不能用冒号“{first}”"
    if "=" in rest:
        key = place.key
        return f"键名“{_clip(key)}”中间有空格（键名不能含空格，是否应为 {'_'.join(key.split())}？）"
    return f"键名“{_clip(place.text[: place.column - 1].strip())}”后面缺少等号“=”"


def _invalid_statement(place: _Place) -> str | None:
    """A line that starts with neither a key nor “[”: 【goals】, 项目 = …, “project” = …."""
    text = place.text.lstrip()
    if text[:1] in ("【", "［"):
        return "表名要用英文方括号“[ ]”，不能用中文方括号“【】”"
    if text[:1] and text[0] in _CHINESE_QUOTES:
        return "键名两边不能加中文引号，键名直接写（如 project = ...）"
    if text[:1] and not text[0].isascii():
        return f"键名只能用英文字母、数字和下划线（如 project），不能写“{_clip(place.key)}”"
    return None


def _unclosed_text(place: _Place) -> str | None:
    """A text whose closing quote is missing on its line, or is a Chinese ”."""
    value = place.value
    if "=" not in place.text or value[:1] not in ('"', "'"):
        return None
    inner = value[1:]
    if inner.endswith(("”", "’")):
        return f"文字结尾的引号是中文引号“{inner[-1]}”，应为英文双引号：应写成“{place.key} = \"{_clip(inner[:-1])}\"”"
    return f"文字缺少结束引号：应写成“{place.key} = \"{_clip(inner)}\"”"


def _duplicate_key(place: _Place) -> str | None:
    """The same key twice in one table: name it and the line where it was first written."""
    key = _key_of(place.text)
    if key is None:
        return None
    earlier = next(
        (n for n in range(place.line - 1, 0, -1) if _key_of(place.lines[n - 1]) == key),
        None,
    )
    table_start = next((n for n in range(place.line - 1, 0, -1) if _HEADER_LINE.match(place.lines[n - 1])), 0)
    where = f"（第 {earlier} 行已有）" if earlier is not None and earlier > table_start else ""
    return f"键“{_clip(key)}”在同一个表中写了两次{where}，请删去其中一行"


def _duplicate_table(place: _Place) -> str | None:
    found = _HEADER_LINE.match(place.text)
    if found is None:
        return None
    name = found.group(1)
    earlier = next(
        (n for n in range(place.line - 1, 0, -1) if (h := _HEADER_LINE.match(place.lines[n - 1])) and h.group(1) == name),
        None,
    )
    where = f"（第 {earlier} 行已有）" if earlier is not None else ""
    return f"表“[{_clip(name)}]”写了两次{where}，同一个表的内容要写在一处"


def _unclosed_header(place: _Place) -> str | None:
    if "】" in place.text:
        return "表名末尾的“】”是中文方括号，应为英文方括号“]”"
    header = place.text.split("#", 1)[0].strip()
    closing = "]]" if header.startswith("[[") else "]"
    return f"表名“{_clip(header)}”缺少右方括号“{closing}”"


def _key_of(line: str) -> str | None:
    found = _KEY_LINE.match(line)
    return re.sub(r"\s+", "", found.group(1)) if found else None


def _clip(text: str) -> str:
    return text if len(text) <= _SHOWN_AT_MOST else text[:_SHOWN_AT_MOST] + "…"


# tomllib's message (its start) → how to tell the clerk's mistake from the line; first match wins.
_DIAGNOSES: list[tuple[str, Callable[[_Place], str | None]]] = [
    ("Expected newline or end of document", _after_value),
    ("Invalid value", _invalid_value),
    ("Expected '=' after a key", _key_without_equals),
    ("Invalid statement", _invalid_statement),
    ("Invalid initial character for a key part", _invalid_statement),
    ("Illegal character '\\n'", _unclosed_text),
    ("Unterminated string", _unclosed_text),
    ("Cannot overwrite a value", _duplicate_key),
    ("Cannot declare", _duplicate_table),
    ("Expected ']' at the end of a table declaration", _unclosed_header),
    ("Expected ']]' at the end of an array declaration", _unclosed_header),
]
