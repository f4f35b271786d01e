"""Seal stamping on PDFs made here: last occurrence wins, the seal stays on the paper, a missing
anchor is refused."""
from __future__ import annotations

from pathlib import Path

import pymupdf
import pytest

from templates.seal import SealError, find_anchor, stamp_seal

SEAL = (Path(__file__).resolve().parents[3] / "resources" / "seal" / "demo_seal.png").read_bytes()
DATE = "二〇二四年十一月十二日"


def _pdf(lines_by_page: list[list[tuple[tuple[float, float], str]]]) -> bytes:
    doc = pymupdf.open()
    for lines in lines_by_page:
        page = doc.new_page(width=595, height=842)
        for pos, text in lines:
            page.insert_text(pos, text, fontname="china-s", fontsize=16)
    return doc.tobytes()


def _images(pdf: bytes) -> dict[int, list[pymupdf.Rect]]:
    with pymupdf.open("pdf", pdf) as doc:
        return {p.number: [pymupdf.Rect(i["bbox"]) for i in p.get_image_info()] for p in doc if p.get_image_info()}


def test_the_last_occurrence_carries_the_seal():
    pdf = _pdf([[((100, 200), DATE)], [((100, 100), "正文"), ((350, 600), DATE)], [((100, 100), "附件")]])
    placed = _images(stamp_seal(pdf, SEAL, DATE))
    assert list(placed) == [1]
    [box] = placed[1]
    with pymupdf.open("pdf", pdf) as doc:
        date = doc[1].search_for(DATE)[0]
    centre = (box.tl + box.br) / 2
    assert date.contains(centre)


def test_the_seal_size_is_in_millimetres():
    pdf = _pdf([[((300, 400), DATE)]])
    [box] = _images(stamp_seal(pdf, SEAL, DATE, size_mm=40))[0]
    assert abs(box.width - 40 * 72 / 25.4) < 0.01 and abs(box.height - box.width) < 0.01


def test_the_seal_never_falls_off_the_page():
    pdf = _pdf([[((420, 830), DATE)]])  # the date sits on the bottom-right edge
    [box] = _images(stamp_seal(pdf, SEAL, DATE))[0]
    assert pymupdf.Rect(0, 0, 595, 842).contains(box)


def test_anchor_split_by_spaces_is_still_found():
    pdf = _pdf([[((300, 400), "二〇二四年 十一月 十二日")]])
    page, rect = find_anchor(pymupdf.open("pdf", pdf), DATE)
    assert page == 0 and rect.x0 >= 299 and 380 < rect.y1 < 406


def test_missing_anchor_is_refused():
    pdf = _pdf([[((100, 100), "没有日期的文书")]])
    with pytest.raises(SealError, match=DATE):
        stamp_seal(pdf, SEAL, DATE)
