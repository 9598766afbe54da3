"""Forms in and out of jixiao: the official layout as XLSX, HTML and PDF, the department summary,
and the labelled text that git shows in a diff.

Built on models/ only (never textual). openpyxl and jinja2 are imported inside the functions
that need them, so that `jixiao validate` and the editor's start-up never pay for them.
"""
