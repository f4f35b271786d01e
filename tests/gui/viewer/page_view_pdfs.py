"""PDFs the page view tests read, made with PyMuPDF, and the shared fixtures."""

from __future__ import annotations

from pathlib import Path

import pymupdf
import pytest

from viewer.qt.render_service import RenderService

A4 = (595.0, 842.0)
LETTER = (612.0, 792.0)
A4_LANDSCAPE = (842.0, 595.0)

# Page 0 has two Latin lines and a Chinese line for selection tests.
LINE_1 = "The quick brown fox"
LINE_2 = "jumps over the lazy dog"
CHINESE = "被执行人应当履行义务"
# Pages carrying the search word, once each except page 7 (twice).
NEEDLE_PAGES = (2, 5, 7, 7, 10)
ROTATED_PAGE = 3
LINK_PAGE = 1       # has a link (rect LINK_RECT) going to LINK_TARGET
LINK_RECT = (72.0, 300.0, 300.0, 330.0)
LINK_TARGET = 9
PAGE_COUNT = 12


def make_volume(path: Path) -> Path:
    """A 12-page PDF: mixed sizes, a /Rotate 90 page, Chinese text, an outline and a link."""
    doc = pymupdf.open()
    sizes = [A4, LETTER, A4_LANDSCAPE] + [A4] * (PAGE_COUNT - 3)
    for n, (w, h) in enumerate(sizes):
        page = doc.new_page(width=w, height=h)
        page.insert_text((72, 60), f"marker page {n + 1}", fontsize=14)
        if n == 0:
            page.insert_text((72, 100), LINE_1, fontsize=14)
            page.insert_text((72, 130), LINE_2, fontsize=14)
            page.insert_text((72, 200), CHINESE, fontsize=16, fontname="china-s")
        for k, p in enumerate(NEEDLE_PAGES):
            if p == n:
                page.insert_text((72, 400 + 40 * k), "a needle in the stack", fontsize=12)
        if n == LINK_PAGE:
            page.insert_text((80, 320), "go to the order", fontsize=12)
    # Links can only point at pages that exist, so they come last.
    doc[LINK_PAGE].insert_link({"kind": pymupdf.LINK_GOTO, "from": pymupdf.Rect(*LINK_RECT),
                                "page": LINK_TARGET, "to": pymupdf.Point(0, 0)})
    doc[ROTATED_PAGE].set_rotation(90)
    doc.set_toc([[1, "裁定书", 1], [2, "事实", 3], [2, "理由", 5], [1, "附件", 9]])
    doc.save(path)
    doc.close()
    return path


def make_small(path: Path, pages: int, label: str, size=A4) -> Path:
    """A plain PDF of `pages` pages with `label` and the page number on each."""
    doc = pymupdf.open()
    for n in range(pages):
        page = doc.new_page(width=size[0], height=size[1])
        page.insert_text((72, 72), f"{label} {n + 1}", fontsize=14)
    doc.set_metadata({"title": label})
    doc.save(path)
    doc.close()
    return path


@pytest.fixture
def service(qapp):
    """A render service that renders inline, so results are there when request() returns."""
    svc = RenderService(synchronous=True)
    svc.start()
    yield svc
    svc.shutdown()


@pytest.fixture
def volume(tmp_path) -> Path:
    """The 12-page test volume."""
    return make_volume(tmp_path / "volume.pdf")
