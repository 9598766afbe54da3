"""Hand-made bad files: PDFs written object by object, OLE and ZIP packages that are not workbooks."""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path


def tiny_pdf(path: Path, pages: int = 1, text: str | None = "Hello", image: bool = False, lines: int = 0) -> Path:
    """A valid PDF of `pages` pages, each with `text` (Helvetica), a grey image and/or `lines` short lines."""
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")  # filled below
    pages_id = add(b"")
    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    pixels = zlib.compress(b"\x80" * 64)
    picture = add(b"<< /Type /XObject /Subtype /Image /Width 8 /Height 8 /ColorSpace /DeviceGray "
                  b"/BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n" % len(pixels)
                  + pixels + b"\nendstream")
    kids = []
    for _ in range(pages):
        stream = b""
        if text is not None:
            stream += b"BT /F1 12 Tf 72 720 Td (" + text.encode("latin-1") + b") Tj ET\n"
        if image:
            stream += b"q 400 0 0 500 100 150 cm /Im1 Do Q\n"
        stream += b"".join(b"%d %d m %d %d l S\n" % (i % 500, i % 800, i % 500 + 5, i % 800) for i in range(lines))
        content = add(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"endstream")
        kids.append(add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
                        b"/Resources << /Font << /F1 %d 0 R >> /XObject << /Im1 %d 0 R >> >> >>"
                        % (pages_id, content, font, picture)))
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id
    objects[pages_id - 1] = (b"<< /Type /Pages /Count %d /Kids [" % pages
                             + b" ".join(b"%d 0 R" % k for k in kids) + b"] >>")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, catalog, xref)
    path.write_bytes(bytes(out))
    return path


def encrypted_workbook(path: Path) -> Path:
    """What Excel writes for a workbook with an opening password: an OLE compound file holding
    the EncryptionInfo and EncryptedPackage streams (header and directory names; enough to be told apart)."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    directory = b"".join(name.encode("utf-16-le").ljust(64, b"\x00") + b"\x00" * 64
                         for name in ("Root Entry", "EncryptionInfo", "EncryptedPackage"))
    path.write_bytes(header + directory + b"\x00" * 1024)
    return path


def old_xls(path: Path) -> Path:
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    path.write_bytes(header + "Workbook".encode("utf-16-le").ljust(128, b"\x00") + b"\x00" * 1024)
    return path


def zip_bomb(path: Path, megabytes: int) -> Path:
    """A package whose one sheet unzips to `megabytes` MB of nothing."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("xl/workbook.xml", "<workbook/>")
        with package.open("xl/worksheets/sheet1.xml", "w") as sheet:
            block = b" " * (1024 * 1024)
            for _ in range(megabytes):
                sheet.write(block)
    return path
