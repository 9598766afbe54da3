"""Forms in and out of jixiao: the official layout as XLSX, HTML and PDF, the department summary,
the labelled text that git shows in a diff, and import from the workbooks and PDFs people hold.

Built on models/ only (never textual). openpyxl, jinja2 and pdfplumber are imported inside the
functions (or modules) that need them, so that `jixiao validate` on form files and the editor's
start-up never pay for them.
"""
