"""The annotation summary as a Word document: one table row per annotation (document, page,
author, time, text), for the case file or for a colleague without the workstation.

Takes plain entries (``viewer.core.annotations_export.SummaryEntry`` or anything with its
field names: document, page (0-based), author, time, text) and returns the .docx bytes.
"""
from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Mapping

from docx import Document
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

EAST_ASIA_FONT = "宋体"
HEADINGS = ("文书", "页", "作者", "时间", "内容")
WIDTHS_CM = (4.0, 1.2, 2.4, 3.0, 7.4)


def _field(entry, name: str, default=""):
    if isinstance(entry, Mapping):
        return entry.get(name, default)
    return getattr(entry, name, default)


def _when(value) -> str:
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return str(value or "")


def _font(run, size: float | None = None, bold: bool = False) -> None:
    run.font.bold = bold
    if size:
        run.font.size = Pt(size)
    # Word picks the East Asian font from w:eastAsia; without it Chinese falls back to a Latin face.
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), EAST_ASIA_FONT)


def annotation_summary_docx(entries: Iterable, title: str = "批注汇总") -> bytes:
    """A .docx with ``title``, the number of entries and a table of document, page (from 1),
    author, time and text, one row per entry in the order given."""
    rows = list(entries)
    doc = Document()
    heading = doc.add_paragraph()
    _font(heading.add_run(title), 16, bold=True)
    _font(doc.add_paragraph().add_run(f"共 {len(rows)} 条"), 10)
    table = doc.add_table(rows=1, cols=len(HEADINGS))
    table.style = "Table Grid"
    for cell, text, width in zip(table.rows[0].cells, HEADINGS, WIDTHS_CM):
        cell.width = Cm(width)
        _font(cell.paragraphs[0].add_run(text), 10, bold=True)
    for entry in rows:
        values = (str(_field(entry, "document")), str(int(_field(entry, "page", 0)) + 1),
                  str(_field(entry, "author")), _when(_field(entry, "time")), str(_field(entry, "text")))
        cells = table.add_row().cells
        for cell, text, width in zip(cells, values, WIDTHS_CM):
            cell.width = Cm(width)
            lines = text.split("\n")
            paragraph = cell.paragraphs[0]
            for i, line in enumerate(lines):
                run = paragraph.add_run(line)
                _font(run, 10)
                if i < len(lines) - 1:
                    run.add_break()
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


__all__ = ["annotation_summary_docx"]
