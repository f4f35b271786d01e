"""DOCX to PDF. LibreOffice (headless) when it is installed, which lays Word documents out as
Word does; otherwise MuPDF, which lays out a simplified HTML rendering of the document
(paragraphs with their alignment, indents, line spacing, bold and sizes; tables as grids) with
its built-in CJK fonts. Both return the engine's name so the application can tell the clerk
which one produced the file.
"""
from __future__ import annotations

import atexit
import io
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from html import escape, unescape
from pathlib import Path

import pymupdf
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Length

__all__ = ["ENGINE_LIBREOFFICE", "ENGINE_MUPDF", "ConversionError", "docx_to_html", "docx_to_pdf",
           "docx_to_pdf_many", "libreoffice_path"]

ENGINE_LIBREOFFICE = "LibreOffice"
ENGINE_MUPDF = "MuPDF"


class ConversionError(RuntimeError):
    """The document could not be turned into PDF; the message says why and what to do."""


# --------------------------------------------------------------------------- LibreOffice

_WINDOWS_CANDIDATES = (r"C:\Program Files\LibreOffice\program\soffice.exe",
                       r"C:\Program Files (x86)\LibreOffice\program\soffice.exe")
_profile_lock = threading.Lock()
_profile_dir: list[Path] = []


def libreoffice_path() -> str | None:
    """The LibreOffice executable, or None when it is not installed."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        return found
    return next((p for p in _WINDOWS_CANDIDATES if sys.platform == "win32" and Path(p).exists()), None)


def _profile() -> Path:
    # A private profile: never the user's own LibreOffice settings, and no lock conflict with a
    # LibreOffice window the clerk has open. Reused within the process (a fresh one costs a
    # second per conversion) and removed at exit.
    if not _profile_dir:
        path = Path(tempfile.mkdtemp(prefix="dossier-lo-profile-"))
        _profile_dir.append(path)
        atexit.register(shutil.rmtree, path, True)
    return _profile_dir[0]


def _run_libreoffice(soffice: str, inputs: list[Path], out_dir: Path, timeout_s: float) -> None:
    args = [soffice, "--headless", "--norestore", "--nolockcheck", "--nodefault",
            f"-env:UserInstallation={_profile().as_uri()}",
            "--convert-to", "pdf", "--outdir", str(out_dir), *map(str, inputs)]
    popen_kw: dict = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE}
    if sys.platform == "win32":
        popen_kw["creationflags"] = subprocess.CREATE_NEW_PROCESS_GROUP
    else:
        popen_kw["start_new_session"] = True  # soffice starts soffice.bin: stop the whole group
    proc = subprocess.Popen(args, **popen_kw)
    try:
        _, err = proc.communicate(timeout=timeout_s)
    except subprocess.TimeoutExpired:
        if sys.platform == "win32":
            proc.kill()
        else:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        # A killed instance can leave its profile locked: start the next conversion on a new one.
        if _profile_dir:
            shutil.rmtree(_profile_dir.pop(), ignore_errors=True)
        raise ConversionError(f"LibreOffice did not finish converting within {timeout_s:g} s and was "
                              "stopped. Try again; a very long document may need a longer time limit.") from None
    if proc.returncode != 0:
        detail = err.decode(errors="replace").strip().splitlines()[-1:] or ["no message"]
        raise ConversionError(f"LibreOffice could not convert the document (exit code {proc.returncode}: "
                              f"{detail[0]}).")


def _libreoffice_many(docs: list[bytes], soffice: str, timeout_s: float) -> list[bytes]:
    with _profile_lock, tempfile.TemporaryDirectory(prefix="dossier-convert-") as tmp:
        work = Path(tmp)
        inputs = []
        for i, data in enumerate(docs):
            path = work / f"doc{i:03d}.docx"
            path.write_bytes(data)
            inputs.append(path)
        _run_libreoffice(soffice, inputs, work, timeout_s)
        out = []
        for path in inputs:
            pdf = path.with_suffix(".pdf")
            if not pdf.exists():
                raise ConversionError("LibreOffice finished without writing a PDF; the document may be "
                                      "damaged. Open it in Word or LibreOffice and save it again.")
            out.append(pdf.read_bytes())
        return out


# --------------------------------------------------------------------------- MuPDF fallback

_ALIGN = {WD_ALIGN_PARAGRAPH.CENTER: "center", WD_ALIGN_PARAGRAPH.RIGHT: "right",
          WD_ALIGN_PARAGRAPH.JUSTIFY: "justify", WD_ALIGN_PARAGRAPH.DISTRIBUTE: "justify"}
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _style_chain(style):
    while style is not None:
        yield style
        style = style.base_style


def _pf(paragraph, name: str):
    """A paragraph-format property: direct formatting first, then the style and its bases."""
    value = getattr(paragraph.paragraph_format, name)
    if value is not None:
        return value
    for style in _style_chain(paragraph.style):
        value = getattr(style.paragraph_format, name)
        if value is not None:
            return value
    return None


def _font(run, paragraph, name: str):
    value = getattr(run.font, name)
    if value is not None:
        return value
    for style in _style_chain(paragraph.style):
        value = getattr(style.font, name)
        if value is not None:
            return value
    return None


def _char_spacing(paragraph) -> float:
    for style in _style_chain(paragraph.style):
        rpr = style.element.rPr
        spacing = rpr.find(qn("w:spacing")) if rpr is not None else None
        if spacing is not None:
            return int(spacing.get(qn("w:val"))) / 20
    return 0.0


def _pt(length: Length | None) -> float:
    return 0.0 if length is None else length.pt


def _paragraph_html(paragraph, default_size: float) -> str:
    css = [f"text-align:{_ALIGN.get(_pf(paragraph, 'alignment'), 'left')}"]
    for prop, name in (("text-indent", "first_line_indent"), ("margin-left", "left_indent"),
                       ("margin-right", "right_indent"), ("margin-top", "space_before"),
                       ("margin-bottom", "space_after")):
        value = _pt(_pf(paragraph, name))
        if value:
            css.append(f"{prop}:{value:.1f}pt")
    rule, spacing = _pf(paragraph, "line_spacing_rule"), _pf(paragraph, "line_spacing")
    if rule in (WD_LINE_SPACING.EXACTLY, WD_LINE_SPACING.AT_LEAST) and isinstance(spacing, Length):
        # A hair more than the nominal height: an exact divisor of the body height makes
        # MuPDF's story end a page early and drop the rest.
        css.append(f"line-height:{spacing.pt + 0.05:.2f}pt")
    elif isinstance(spacing, float):
        css.append(f"line-height:{spacing * 1.2:.2f}")
    letter = _char_spacing(paragraph)
    if letter:
        css.append(f"letter-spacing:{letter:.1f}pt")
    runs = []
    for run in paragraph.runs:
        text = run.text
        if not text:
            continue
        size = _font(run, paragraph, "size")
        style = [f"font-size:{_pt(size) or default_size:.1f}pt"]
        if _font(run, paragraph, "bold"):
            style.append("font-weight:bold")
        if _font(run, paragraph, "italic"):
            style.append("font-style:italic")
        if _font(run, paragraph, "underline"):
            style.append("text-decoration:underline")
        runs.append(f'<span style="{";".join(style)}">{escape(text).replace(chr(10), "<br/>")}</span>')
    if any(br.get(qn("w:type")) == "page" for br in paragraph._p.iter(qn("w:br"))):
        css.append("page-break-before:always")
    size = _pt(_font(paragraph.runs[0], paragraph, "size")) if paragraph.runs else 0
    css.append(f"font-size:{size or default_size:.1f}pt")
    return f'<p style="{";".join(css)}">{"".join(runs) or "&#160;"}</p>'


def docx_to_html(docx_bytes: bytes) -> tuple[str, pymupdf.Rect, pymupdf.Rect]:
    """The document as simple HTML, with its page rectangle and the body rectangle inside the
    margins (PDF points)."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    doc = Document(io.BytesIO(docx_bytes))
    section = doc.sections[0]
    page = pymupdf.Rect(0, 0, _pt(section.page_width) or 595, _pt(section.page_height) or 842)
    body = pymupdf.Rect(_pt(section.left_margin), _pt(section.top_margin),
                        page.width - _pt(section.right_margin), page.height - _pt(section.bottom_margin))
    default = _pt(doc.styles["Normal"].font.size) or 12
    parts = []
    for child in doc.element.body.iterchildren():
        if child.tag == f"{_W}p":
            parts.append(_paragraph_html(Paragraph(child, doc), default))
        elif child.tag == f"{_W}tbl":
            rows = []
            for row in Table(child, doc).rows:
                cells = "".join("<td>" + "".join(_paragraph_html(p, default) for p in cell.paragraphs) + "</td>"
                                for cell in row.cells)
                rows.append(f"<tr>{cells}</tr>")
            parts.append(f"<table>{''.join(rows)}</table>")
    return "".join(parts), page, body


_CSS = """
body { margin: 0; font-family: serif; }
p { margin: 0; }
table { border-collapse: collapse; width: 100%; }
td { border: 0.6pt solid black; padding: 2pt 4pt; vertical-align: top; }
"""


def _mupdf(docx_bytes: bytes) -> bytes:
    html, page_rect, body = docx_to_html(docx_bytes)
    buffer = io.BytesIO()
    writer = pymupdf.DocumentWriter(buffer)
    story = pymupdf.Story(html=html, user_css=_CSS)
    more = True
    while more:
        device = writer.begin_page(page_rect)
        more, _ = story.place(body)
        story.draw(device)
        writer.end_page()
    writer.close()
    doc = pymupdf.open("pdf", buffer.getvalue())
    expected = re.sub(r"\s", "", re.sub(r"<[^>]+>|&#160;", "", html))
    laid_out = re.sub(r"\s", "", "".join(p.get_text() for p in doc))
    if expected and not laid_out.endswith(unescape(expected)[-8:]):
        raise ConversionError("The built-in layout stopped before the end of the document. Install "
                              "LibreOffice to convert this document.")
    doc.subset_fonts()
    return doc.tobytes(garbage=3, deflate=True)


# --------------------------------------------------------------------------- entry points

def docx_to_pdf_many(docs: list[bytes], engine: str = "auto",
                     timeout_s: float = 120) -> tuple[list[bytes], str]:
    """Convert several DOCX documents in one go (one LibreOffice start for all of them); return
    the PDFs in the same order and the engine's name. `engine` is "auto" (LibreOffice when
    installed, else MuPDF), "libreoffice" or "mupdf". In "auto", a LibreOffice failure falls
    back to MuPDF; when LibreOffice is asked for explicitly, it raises `ConversionError`."""
    if engine not in ("auto", "libreoffice", "mupdf"):
        raise ValueError(f"unknown engine {engine!r}")
    if not docs:
        return [], ENGINE_MUPDF if engine == "mupdf" else ENGINE_LIBREOFFICE
    soffice = libreoffice_path() if engine != "mupdf" else None
    if engine == "libreoffice" and soffice is None:
        raise ConversionError("LibreOffice is not installed on this computer; install it or use the "
                              "built-in converter.")
    if soffice is not None:
        try:
            return _libreoffice_many(docs, soffice, timeout_s), ENGINE_LIBREOFFICE
        except ConversionError:
            if engine == "libreoffice":
                raise
    return [_mupdf(d) for d in docs], ENGINE_MUPDF


def docx_to_pdf(docx_bytes: bytes, engine: str = "auto", timeout_s: float = 60) -> tuple[bytes, str]:
    """Convert one DOCX document to PDF; return ``(pdf_bytes, engine_name)``. See
    `docx_to_pdf_many` for `engine`."""
    pdfs, used = docx_to_pdf_many([docx_bytes], engine, timeout_s)
    return pdfs[0], used
