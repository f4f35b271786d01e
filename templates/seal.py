"""Stamping a seal image onto a generated PDF, centred on its anchor text (the signed date, as
a court's seal overlaps the date line)."""
from __future__ import annotations

import re

import pymupdf

__all__ = ["SealError", "find_anchor", "stamp_seal"]

_MM = 72 / 25.4


class SealError(ValueError):
    """The seal could not be placed; the message says why."""


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def find_anchor(doc: pymupdf.Document, anchor_text: str) -> tuple[int, pymupdf.Rect] | None:
    """(page number, rectangle) of the last occurrence of `anchor_text`, or None.

    Converters may put spaces between CJK and Latin characters or split a line into several
    spans, so characters are compared with whitespace removed."""
    needle = _squeeze(anchor_text)
    if not needle:
        raise SealError("The seal anchor text is empty.")
    for page in reversed(doc):
        hits = page.search_for(anchor_text)
        if hits:
            return page.number, hits[-1]
        # Fall back to a character-level match that ignores whitespace.
        chars = [(c["c"], pymupdf.Rect(c["bbox"])) for block in page.get_text("rawdict")["blocks"]
                 for line in block.get("lines", ()) for span in line["spans"] for c in span["chars"]
                 if not c["c"].isspace()]
        text = "".join(c for c, _ in chars)
        at = text.rfind(needle)
        if at >= 0:
            rect = pymupdf.Rect()
            for _, r in chars[at:at + len(needle)]:
                rect |= r
            return page.number, rect
    return None


def stamp_seal(pdf_bytes: bytes, seal_png_bytes: bytes, anchor_text: str, size_mm: float = 42) -> bytes:
    """Place the seal image, `size_mm` across, centred over the last occurrence of
    `anchor_text` in the PDF, and return the new PDF. The seal is kept inside the page.
    Raises `SealError` when the anchor text is not in the document."""
    doc = pymupdf.open("pdf", pdf_bytes)
    try:
        found = find_anchor(doc, anchor_text)
        if found is None:
            raise SealError(f"The text «{anchor_text}» where the seal belongs is not in the document, so "
                            "the seal was not placed. Check the signed date, then generate again.")
        page_no, anchor = found
        page = doc[page_no]
        side = size_mm * _MM
        centre = (anchor.tl + anchor.br) / 2
        rect = pymupdf.Rect(centre.x - side / 2, centre.y - side / 2, centre.x + side / 2, centre.y + side / 2)
        # Never let part of the seal fall off the paper.
        dx = max(0.0, page.rect.x0 - rect.x0) - max(0.0, rect.x1 - page.rect.x1)
        dy = max(0.0, page.rect.y0 - rect.y0) - max(0.0, rect.y1 - page.rect.y1)
        rect = pymupdf.Rect(rect.x0 + dx, rect.y0 + dy, rect.x1 + dx, rect.y1 + dy)
        page.insert_image(rect, stream=seal_png_bytes, keep_proportion=True, overlay=True)
        return doc.tobytes(garbage=3, deflate=True)
    finally:
        doc.close()
