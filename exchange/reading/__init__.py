"""One parser for the official layout, fed by both readers.

The Excel reader turns a sheet into a grid of cell texts (openpyxl), the PDF reader turns each
page's tables into the same grid (pdfplumber); `locator` finds the form in that grid by its
labels, never by fixed cells, so a workbook and the PDF printed from it are read alike.
"""
