"""The official layout as one self-contained HTML file (inline CSS, no network), from Jinja2
templates that are plain files, so a region can print its own layout.

A form template receives `forms` (a list of layout.FormLayout), `widths` (the columns' shares of
the page width in percent), `indicator_widths` (the same for the indicator table, whose
偏差原因分析及改进措施 needs room), `indicator_headings` and `document_title`; the
summary template receives `summary` (summary.Summary), `grade_line` and `document_title`.
Autoescape is always on: a project named `<script>` prints as text. A template of one's own may
`{% include "form.css" %}` to start from the built-in styles.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from .errors import ExchangeError
from .layout import FORM_WIDTHS, INDICATOR_HEADINGS, TITLE, FormLayout, heading_lines, limited_spans
from .summary import Summary, grade_line
from .textsafe import display_width, visible_text

BUILTIN = Path(__file__).with_name("templates")
FORM_TEMPLATE = "form.html.j2"
# A merged 一级/二级指标 cell in print covers at most this many rows (the official forms have runs of
# three or four): the browser keeps each merged cell on one page, so a longer run is cut into cells of
# this height, each with its text, and a page never ends half blank before a long run.
PRINT_MERGE_ROWS = 4
SUMMARY_TEMPLATE = "summary.html.j2"
# How many lines of text the rows of one merged cell may hold together (a quarter of an A4 page),
# and how many characters of 10-point text a line of the 三级指标 and 偏差原因 columns holds. A merged
# run is kept on one page: runs of tall rows (a long 偏差原因 in every row) are cut shorter, down to
# rows of their own, so that the table starts on page 1 and a page never ends half blank.
MERGED_LINES = 12
NAME_LINE_WIDTH, REASON_LINE_WIDTH = 16, 30  # display width (a Chinese character counts two)
# The indicator table's columns in percent (一级 … 偏差原因): its own, since it is a table of its own.
# With the header's proportions 偏差原因分析及改进措施 was some 8 characters wide, a reason of a
# hundred characters made each row a third of a page tall and the form three times as long.
INDICATOR_WIDTHS = (9, 9.5, 16, 11, 11, 7.5, 7.5, 28.5)


def form_html(layouts: list[FormLayout], template: Path | None = None) -> str:
    total = sum(FORM_WIDTHS)
    title = layouts[0].project if len(layouts) == 1 else f"{TITLE}（{len(layouts)} 个项目）"
    forms = [limited_spans(layout, merged_rows(layout)) for layout in layouts]
    return _render(template, FORM_TEMPLATE, forms=forms, document_title=title,
                   widths=[round(w * 100 / total, 2) for w in FORM_WIDTHS], indicator_widths=list(INDICATOR_WIDTHS),
                   indicator_headings=INDICATOR_HEADINGS)


def merged_rows(layout: FormLayout) -> int:
    """The most rows a merged 一级/二级指标 cell covers in print: PRINT_MERGE_ROWS, fewer when the
    form's tallest row would make such a run more than MERGED_LINES lines tall."""
    tallest = max((max(math.ceil(display_width(line.name) / NAME_LINE_WIDTH),
                       math.ceil(display_width(line.reason) / REASON_LINE_WIDTH), 1)
                   for line in layout.indicators), default=1)
    return max(1, min(PRINT_MERGE_ROWS, MERGED_LINES // tallest))


def builtin_template() -> str:
    """The built-in form template, for `jixiao export --print-template` (a region's starting point;
    its `{% include "form.css" %}` keeps finding the built-in styles)."""
    return (BUILTIN / FORM_TEMPLATE).read_text(encoding="utf-8")


def summary_html(summary: Summary, title: str, template: Path | None = None) -> str:
    return _render(template, SUMMARY_TEMPLATE, summary=summary, grade_line=grade_line(summary), document_title=title)


def css_string(text: str) -> Any:
    """`text` as a quoted CSS string for a <style> block, where HTML escaping does not apply: every
    character but ASCII letters and digits as a six-digit CSS escape, so no quote, backslash or
    `</style>` in a project's name can end the string or the block."""
    from markupsafe import Markup  # noqa: PLC0415 (jinja2's own dependency)

    body = "".join(ch if ch.isascii() and ch.isalnum() else f"\\{ord(ch):06x}" for ch in visible_text(text))
    return Markup(f'"{body}"')


def _visible(value: Any) -> Any:
    """Every printed value with its control characters made visible (\\x01 → ␁): a browser
    would drop them silently, and the page must show what the form holds."""
    if hasattr(value, "__html__"):  # already safe markup (css_string): made visible where it was built
        return value
    return visible_text(value) if isinstance(value, str) else value


def _render(template: Path | None, builtin: str, **context: Any) -> str:
    import jinja2  # noqa: PLC0415 (imported only when exporting)
    from jinja2.sandbox import ImmutableSandboxedEnvironment  # noqa: PLC0415

    folders = [str(BUILTIN)] if template is None else [str(template.parent), str(BUILTIN)]
    # Sandboxed: a template is a file someone handed over, and a plain Environment lets
    # {{ cycler.__init__.__globals__.os.popen(...) }} run any command. The sandbox refuses
    # attributes that start with "_" and changes to the forms; the README still says to use
    # templates from trusted sources only (a sandbox narrows what a template can do, it is no proof).
    environment = ImmutableSandboxedEnvironment(
        loader=jinja2.FileSystemLoader(folders, encoding="utf-8"),
        autoescape=True,  # every template, whatever its file name
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        finalize=_visible,
    )
    environment.filters["lines"] = heading_lines
    environment.filters["css_string"] = css_string
    name = builtin if template is None else template.name
    try:
        return environment.get_template(name).render(**context)
    except jinja2.TemplateNotFound as error:
        raise ExchangeError("X306", f"找不到模板“{error.name}”") from None
    except jinja2.TemplateSyntaxError as error:
        raise ExchangeError("X306", f"模板“{error.filename or name}”第 {error.lineno} 行有错误（原文：{error.message}）") from None
    except jinja2.exceptions.SecurityError as error:
        raise ExchangeError("X306", f"模板“{name}”{_line(error)}有错误：试图访问不允许的内容，已拒绝（原文：{error}）") from None
    except jinja2.UndefinedError as error:
        raise ExchangeError("X306", f"模板“{name}”{_line(error)}有错误：用到了不存在的变量（原文：{error}）") from None
    except (jinja2.TemplateError, UnicodeDecodeError) as error:
        raise ExchangeError("X306", f"模板“{name}”{_line(error)}有错误，无法使用（原文：{error}）") from None
    except (TypeError, ValueError, AttributeError, ArithmeticError) as error:  # an expression that fails
        raise ExchangeError("X306", f"模板“{name}”{_line(error)}有错误（原文：{type(error).__name__}: {error}）") from None


def _line(error: BaseException) -> str:
    """'第 N 行' of the template where rendering failed, from the traceback Jinja maps to it."""
    tb = error.__traceback__
    line = None
    while tb is not None:
        if "__jinja_exception__" in tb.tb_frame.f_globals:  # a frame Jinja rewrote to the template's line
            line = tb.tb_lineno
        tb = tb.tb_next
    return f"第 {line} 行" if line else ""
