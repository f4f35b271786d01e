"""The comparison engine on real PDFs with known edits: text, scans, OCR and the report."""
from __future__ import annotations

import copy

import pymupdf
import pytest

from compare_pdfs import (AMOUNT_LINE, ID_LINE, PARAGRAPH, base_pages, page_image, scanned,
                          write_pdf, write_scans)
from viewer.core.compare import (CHANGED, DELETED, INSERTED, PAGE, ROTATED, TEXT, VISUAL,
                                 ComparisonCancelled, align_pages, compare_documents, text_diff,
                                 visual_diff)
from viewer.core.compare_report import comparison_report_pdf
from viewer.core.document import PdfDocument, Pixels
from viewer.core.ocr import ocr_available, page_reader


def pixels(img) -> Pixels:
    img = img.convert("RGB")
    return Pixels(img.width, img.height, img.width * 3, img.tobytes())


def inside(rect, outer, slack=2.0) -> bool:
    return (rect[0] >= outer[0] - slack and rect[1] >= outer[1] - slack
            and rect[2] <= outer[2] + slack and rect[3] <= outer[3] + slack)


def line_box(doc: PdfDocument, page: int, text: str):
    """Where ``text`` stands on the page (page coordinates), found by the document's search."""
    hit = next(doc.search(text, [page]))
    xs = [v for q in hit.quads for v in q[0::2]]
    ys = [v for q in hit.quads for v in q[1::2]]
    return (min(xs), min(ys), max(xs), max(ys))


@pytest.fixture
def versions(tmp_path):
    """A: five pages. B: a page inserted after page 2, the paragraph of page 1 deleted, the
    amount on page 3 changed, the ID number on page 4 changed, page 5 turned by 90°."""
    a = base_pages()
    b = copy.deepcopy(a)
    b[0] = [line for line in b[0] if line not in PARAGRAPH]
    b[2][b[2].index(AMOUNT_LINE)] = AMOUNT_LINE.replace("50,000", "56,000")
    b[3][b[3].index(ID_LINE)] = ID_LINE.replace("012345", "012346")
    b.insert(2, ["补充材料：被执行人财产状况报告", "Supplementary statement of assets."])
    return (write_pdf(tmp_path / "a.pdf", a),
            write_pdf(tmp_path / "b.pdf", b, rotations={5: 90}))


def test_every_text_edit_is_found_at_its_place(versions):
    path_a, path_b = versions
    result = compare_documents(path_a, path_b, mode="text")
    assert [(p.page_a, p.page_b) for p in result.pairs] == [(0, 0), (1, 1), (None, 2), (2, 3), (3, 4), (4, 5)]
    assert result.inserted_pages == (2,) and result.removed_pages == ()
    found = {(d.kind, d.scope, d.page_a, d.page_b, d.text_a, d.text_b) for d in result.differences}
    assert found == {
        (DELETED, TEXT, 0, 0, "\n".join(PARAGRAPH), ""),
        (INSERTED, PAGE, None, 2, "", "补充材料：被执行人财产状况报告 Supplementary statement of assets."),
        (CHANGED, TEXT, 2, 3, "50,000", "56,000"),
        (CHANGED, TEXT, 3, 4, "610823198501012345", "610823198501012346"),
        (ROTATED, PAGE, 4, 5, "", "90°"),
    }
    with PdfDocument.open(path_a) as doc_a, PdfDocument.open(path_b) as doc_b:
        deleted = next(d for d in result.differences if d.kind == DELETED)
        assert len(deleted.rects_a) == 3  # one per line of the paragraph
        for line, rect in zip(PARAGRAPH, deleted.rects_a):
            assert inside(rect, line_box(doc_a, 0, line))
        # On B the caret sits where the paragraph was: between the ID line and the next one.
        (caret,) = deleted.rects_b
        assert caret[2] - caret[0] < 4
        amount = next(d for d in result.differences if d.text_a == "50,000")
        assert inside(amount.rects_a[0], line_box(doc_a, 2, "50,000"))
        assert inside(amount.rects_b[0], line_box(doc_b, 3, "56,000"))
        ident = next(d for d in result.differences if d.text_a.startswith("6108"))
        assert inside(ident.rects_b[0], line_box(doc_b, 4, "610823198501012346"))


def test_text_diff_of_one_pair_of_pages(versions):
    path_a, path_b = versions
    with PdfDocument.open(path_a) as doc_a, PdfDocument.open(path_b) as doc_b:
        (d,) = text_diff(doc_a, 2, doc_b, 3)
        assert (d.kind, d.text_a, d.text_b) == (CHANGED, "50,000", "56,000")
        assert text_diff(doc_a, 1, doc_b, 1) == []
        assert [x.kind for x in text_diff(doc_a, 4, doc_b, 5)] == [ROTATED]


@pytest.mark.parametrize("mode", ["text", "visual", "auto"])
def test_identical_documents_have_no_difference(versions, mode):
    path_a, _ = versions
    result = compare_documents(path_a, path_a, mode=mode)
    assert result.identical and result.differences == ()
    assert all(p.page_a == p.page_b for p in result.pairs)


def test_visual_mode_finds_the_text_edits_too(versions):
    path_a, path_b = versions
    result = compare_documents(path_a, path_b, mode="visual")
    pages = {(d.kind, d.scope, d.page_a, d.page_b) for d in result.differences}
    assert pages == {(CHANGED, VISUAL, 0, 0), (INSERTED, PAGE, None, 2), (CHANGED, VISUAL, 2, 3),
                     (CHANGED, VISUAL, 3, 4), (ROTATED, PAGE, 4, 5)}
    with PdfDocument.open(path_a) as doc_a:
        amount = next(d for d in result.differences if d.page_a == 2)
        assert inside(amount.rects_a[0], line_box(doc_a, 2, "50,000"), slack=4)


def test_an_inserted_page_does_not_shift_every_later_page():
    a = [f"第{i}页 内容各不相同 {i * 7919}" for i in range(40)]
    b = a[:10] + ["新插入的一页"] + a[10:25] + a[26:]
    pairs = align_pages(a, b)
    assert (None, 10, 0.0) in pairs and (25, None, 0.0) in pairs
    assert sum(1 for i, j, _ in pairs if i is not None and j is not None) == 39
    assert all(s == 1.0 for i, j, s in pairs if i is not None and j is not None)


def test_a_swapped_seal_is_found_and_scan_noise_is_not(tmp_path):
    lines = base_pages(1)[0]
    original = page_image(lines, "人民法院")
    a = write_scans(tmp_path / "a.pdf", [scanned(original, 1), scanned(original, 2)])
    b = write_scans(tmp_path / "b.pdf", [scanned(original, 3, shift=(4, -3)),
                                         scanned(page_image(lines, "公证机构"), 4, shift=(-2, 5))])
    result = compare_documents(a, b, mode="auto")
    assert [(p.page_a, p.page_b) for p in result.pairs] == [(0, 0), (1, 1)]
    (seal,) = result.differences
    assert (seal.kind, seal.scope, seal.page_a, seal.page_b) == (CHANGED, VISUAL, 1, 1)
    # The seal was drawn around (430, 600) with radius 55.
    (ra,), (rb,) = seal.rects_a, seal.rects_b
    for r in (ra, rb):
        assert 360 < (r[0] + r[2]) / 2 < 500 and 530 < (r[1] + r[3]) / 2 < 670


def test_a_scanned_page_turned_upside_down_is_reported_as_rotated():
    img = page_image(base_pages(1)[0])
    found = visual_diff(pixels(scanned(img, 1)), pixels(scanned(img, 2, turn=180)))
    assert found.rotation == 180 and found.rects == ()
    found = visual_diff(pixels(scanned(img, 1)), pixels(scanned(img, 2, turn=90)))
    assert found.rotation == 270 and found.rects == ()


def test_registration_is_reported_and_maps_regions_to_both_pages():
    img = page_image(base_pages(1)[0])
    changed = page_image(base_pages(1)[0], "公证机构")
    found = visual_diff(pixels(img), pixels(scanned(changed, 5, shift=(9, -6))))
    assert found.shift == pytest.approx((-9, 6), abs=1.5)
    (ra,), (rb,) = found.rects, found.rects_b
    assert rb[0] - ra[0] == pytest.approx(9, abs=2) and rb[1] - ra[1] == pytest.approx(-6, abs=2)


def test_pages_without_text_are_listed_when_there_is_no_ocr(tmp_path):
    img = page_image(base_pages(1)[0])
    a = write_scans(tmp_path / "a.pdf", [scanned(img, 1)])
    result = compare_documents(a, a, mode="text")
    assert result.unreadable == (("a", 0), ("b", 0))
    assert result.differences == ()


def test_progress_is_reported_and_cancel_stops(versions):
    path_a, path_b = versions
    seen = []
    compare_documents(path_a, path_b, mode="text", progress=lambda d, t, what: seen.append((d, t)))
    assert seen[-1][0] == seen[-1][1] and [d for d, _ in seen] == sorted(d for d, _ in seen)
    with pytest.raises(ComparisonCancelled):
        compare_documents(path_a, path_b, cancelled=lambda: len(seen) > 0)


def test_report_lists_each_difference_with_cutouts(versions, tmp_path):
    path_a, path_b = versions
    result = compare_documents(path_a, path_b, mode="text")
    data = comparison_report_pdf(result, path_a, path_b)
    with pymupdf.open(stream=data, filetype="pdf") as report:
        text = "".join(p.get_text() for p in report)
        assert "差异共 5 处" in text and "50,000" in text and "56,000" in text and "新增页" in text
        images = sum(len(p.get_images()) for p in report)
        assert images == 2 * 5 - 1  # the inserted page has nothing on A's side
    same = comparison_report_pdf(compare_documents(path_a, path_a), path_a, path_a)
    with pymupdf.open(stream=same, filetype="pdf") as report:
        assert "未发现差异" in report[0].get_text()


@pytest.mark.skipif(not ocr_available(), reason="Tesseract language data (chi_sim, eng) is not installed")
def test_scans_are_compared_by_text_through_ocr(tmp_path):
    lines = ["执行裁定书", "被执行人应支付人民币伍万元整", "Amount 50000"]
    changed = ["执行裁定书", "被执行人应支付人民币陆万元整", "Amount 50000"]
    a = write_scans(tmp_path / "a.pdf", [page_image(lines, dpi=200)])
    b = write_scans(tmp_path / "b.pdf", [page_image(changed, dpi=200)])
    kept = {}
    reader = page_reader(cache_get=lambda d, p, engine: kept.get((d, p, engine)),
                         cache_put=lambda d, p, words, engine: kept.__setitem__((d, p, engine), words))
    result = compare_documents(a, b, mode="text", ocr=reader)
    assert result.unreadable == ()
    assert any("伍" in d.text_a and "陆" in d.text_b for d in result.differences)
    assert len(kept) == 2
    # The second time the words come from the cache: same result.
    again = compare_documents(a, b, mode="text", ocr=reader)
    assert again.differences == result.differences
