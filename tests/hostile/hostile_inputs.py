"""Hostile and broken inputs, generated on the fly (nothing large is kept in git)."""

from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import Path

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

# A plain news article about no event in particular: enough sentences for analysis.
ARTICLE = """Leaders agree to keep talking on trade and security

The two leaders will meet on Saturday in the capital on the sidelines of the regional summit, officials said on Wednesday.

The talks are expected to cover trade, export controls on advanced chips and military communication channels, a senior official told reporters.

Both governments have said they want to stabilise relations after a difficult year marked by tariffs and sanctions.

The agenda also includes climate cooperation and the fight against illegal drug trafficking, the foreign ministry said in a statement.

Analysts expect no breakthrough but say the meeting itself is a sign that both sides want to avoid a crisis.
"""


def docx_bytes(paragraphs: list[str]) -> bytes:
    """A real .docx (python-docx's template) with these paragraphs."""
    import docx

    d = docx.Document()
    for p in paragraphs:
        d.add_paragraph(p)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def replace_docx_part(data: bytes, name: str, write) -> bytes:
    """The same .docx with part `name` rewritten by `write(stream)` (streamed: the part
    may be far larger than memory should hold)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for info in src.infolist():
            if info.filename == name:
                part = zipfile.ZipInfo(name)
                part.compress_type = zipfile.ZIP_DEFLATED
                with z.open(part, "w", force_zip64=True) as f:
                    write(f)
            else:
                z.writestr(info, src.read(info.filename))
    return out.getvalue()


def docx_zip_bomb(unpacked_mb: int) -> bytes:
    """A small, valid .docx whose document.xml unpacks to `unpacked_mb` MB of ordinary
    paragraphs (each part well-formed, so only the size gives it away)."""
    head = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W_NS}"><w:body>'
    tail = "</w:body></w:document>"
    para = "<w:p><w:r><w:t>The delegations met again to discuss the same agenda once more.</w:t></w:r></w:p>"
    chunk = (para * ((1 << 20) // len(para))).encode()

    def write(f) -> None:
        f.write(head.encode())
        for _ in range(unpacked_mb):
            f.write(chunk)
        f.write(tail.encode())

    return replace_docx_part(docx_bytes(["placeholder"]), "word/document.xml", write)


def docx_with_document_xml(xml: str) -> bytes:
    """A .docx whose document.xml is exactly `xml` (for entity attacks)."""
    return replace_docx_part(docx_bytes(["placeholder"]), "word/document.xml", lambda f: f.write(xml.encode()))


def pdf_bytes(content: bytes, *, compress: bool = False, pages: int = 1, extra_objects: list[str] | None = None) -> bytes:
    """A PDF whose every page draws `content` (a content stream), optionally deflated."""
    stream = zlib.compress(content, 9) if compress else content
    filt = "/Filter /FlateDecode " if compress else ""
    kids = " ".join(f"{5 + i} 0 R" for i in range(pages))
    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        f"<< {filt}/Length {len(stream)} >>\nstream\n".encode() + stream + b"\nendstream",
    ]
    for _ in range(pages):
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>"
        )
    objects += [x.encode() for x in extra_objects or []]
    out = b"%PDF-1.4\n"
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{o:010d} 00000 n \n" for o in offsets).encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


def text_content(lines: list[str]) -> bytes:
    """A PDF content stream that shows these lines of text."""

    def esc(s: str) -> str:
        return s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    return ("BT /F1 11 Tf 14 TL 72 720 Td " + " ".join(f"({esc(ln)}) Tj T*" for ln in lines) + " ET").encode("latin-1")


def pdf_stream_bomb(unpacked_mb: int) -> bytes:
    """A small PDF whose one content stream inflates to `unpacked_mb` MB."""
    comp = zlib.compressobj(9)
    parts = [comp.compress(b"BT /F1 11 Tf 72 720 Td (x) Tj ET\n")]
    chunk = b" " * (1 << 20)
    for _ in range(unpacked_mb):
        parts.append(comp.compress(chunk))
    parts.append(comp.flush())
    stream = b"".join(parts)
    body = f"<< /Filter /FlateDecode /Length {len(stream)} >>\nstream\n".encode() + stream + b"\nendstream"
    out = pdf_bytes(b"")
    # swap the content stream object (4) for the bomb, keeping the xref right: rebuild
    return _with_object(out, 4, body)


def _with_object(pdf: bytes, num: int, body: bytes) -> bytes:
    """Rebuild a PDF made by `pdf_bytes` with object `num` replaced."""
    import re

    objs = dict(
        (int(m.group(1)), m.group(2))
        for m in re.finditer(rb"(\d+) 0 obj\n(.*?)\nendobj\n", pdf, re.S)
    )
    objs[num] = body
    out = b"%PDF-1.4\n"
    offsets = []
    for i in sorted(objs):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + objs[i] + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{o:010d} 00000 n \n" for o in offsets).encode()
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


def encrypted_pdf(lines: list[str], *, user_password: str, algorithm: str) -> bytes:
    """A one-page PDF with these lines, encrypted with pypdf (AES needs `cryptography`)."""
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(pdf_bytes(text_content(lines))))
    writer = pypdf.PdfWriter()
    writer.append_pages_from_reader(reader)
    writer.encrypt(user_password=user_password, owner_password="owner-secret", algorithm=algorithm)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def write(path: Path, data: bytes | str) -> Path:
    """Write bytes (or UTF-8 text) and return the path."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path
