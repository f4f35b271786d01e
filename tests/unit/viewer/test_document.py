"""PdfDocument on real PDFs made here with PyMuPDF."""

from __future__ import annotations

import io
import time

import pymupdf
import pytest
from PIL import Image, ImageDraw

from viewer.core import geometry
from viewer.core.document import (
    BrokenDocument,
    DocumentError,
    PasswordRequired,
    PdfDocument,
)

A4 = (595.0, 842.0)
LETTER = (612.0, 792.0)


# ---------------------------------------------------------------------------- documents


def _save(doc: pymupdf.Document, path) -> str:
    doc.save(str(path))
    doc.close()
    return str(path)


@pytest.fixture(scope="module")
def mixed_pdf(tmp_path_factory):
    """Pages of mixed sizes and rotations, each with text; the last inherits /Rotate."""
    doc = pymupdf.open()
    p = doc.new_page(width=A4[0], height=A4[1])
    p.insert_text((72, 100), "Hello Enforcement Bureau", fontsize=14)
    p.insert_text((72, 140), "本院执行局", fontname="china-s", fontsize=14)
    p = doc.new_page(width=A4[1], height=A4[0])  # landscape
    p.insert_text((72, 100), "Landscape page", fontsize=14)
    p = doc.new_page(width=LETTER[0], height=LETTER[1])
    p.insert_text((72, 100), "Rotated ninety", fontsize=14)
    p.set_rotation(90)
    p = doc.new_page(width=400, height=300)
    p.insert_text((50, 80), "Rotated 270", fontsize=14)
    p.set_rotation(270)
    p = doc.new_page(width=300, height=500)
    p.insert_text((50, 80), "Inherited", fontsize=14)
    path = _save(doc, tmp_path_factory.mktemp("mixed") / "mixed.pdf")
    # /Rotate on the page tree root is inherited by pages that have none of their own.
    doc = pymupdf.open(path)
    root_pages = doc.pdf_catalog()
    pages_xref = int(doc.xref_get_key(root_pages, "Pages")[1].split()[0])
    doc.xref_set_key(pages_xref, "Rotate", "180")
    for i in range(4):
        if doc[i].rotation == 0:
            doc.xref_set_key(doc[i].xref, "Rotate", "0")
    doc.xref_set_key(doc[4].xref, "Rotate", "null")
    doc.save(path, incremental=True, encryption=pymupdf.PDF_ENCRYPT_KEEP)
    doc.close()
    return path


@pytest.fixture(scope="module")
def text_pdf(tmp_path_factory):
    """Chinese and Latin text; two phrases run across a line break."""
    doc = pymupdf.open()
    p = doc.new_page(width=A4[0], height=A4[1])
    p.insert_text((72, 100), "The Enforcement", fontsize=12)
    p.insert_text((72, 116), "Bureau of the Court", fontsize=12)
    p.insert_text((72, 160), "申请执行人张三", fontname="china-s", fontsize=12)
    p.insert_text((72, 176), "与被执行人李四", fontname="china-s", fontsize=12)
    p.insert_text((72, 220), "案号（２０２４）京执１２３号", fontname="china-s", fontsize=12)
    p = doc.new_page(width=A4[0], height=A4[1])
    p.insert_text((72, 100), "ENFORCEMENT order, enforcement costs", fontsize=12)
    p.insert_text((72, 140), "执行案件", fontname="china-s", fontsize=12)
    return _save(doc, tmp_path_factory.mktemp("text") / "text.pdf")


def _scan_jpeg(width_px: int, height_px: int) -> bytes:
    img = Image.new("RGB", (width_px, height_px), "white")
    draw = ImageDraw.Draw(img)
    for k in range(0, height_px, 60):
        draw.rectangle((200, k + 10, width_px - 200, k + 30), fill=(40, 40, 40))
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=80)
    return buf.getvalue()


@pytest.fixture(scope="module")
def scan_pdf(tmp_path_factory):
    """One image-only page: an A4 scan at 300 dpi."""
    doc = pymupdf.open()
    p = doc.new_page(width=A4[0], height=A4[1])
    p.insert_image(p.rect, stream=_scan_jpeg(2480, 3508))
    return _save(doc, tmp_path_factory.mktemp("scan") / "scan.pdf")


def _dark_box(pixels, threshold=128):
    """Bounding box (x0, y0, x1, y1) of pixels darker than threshold, or None."""
    w, h, stride = pixels.width, pixels.height, pixels.stride
    data = bytes(pixels.samples)
    xs, ys = [], []
    for y in range(h):
        row = data[y * stride : y * stride + w * 3]
        for x in range(w):
            if row[3 * x] < threshold:
                xs.append(x)
                ys.append(y)
    if not xs:
        return None
    return (min(xs), min(ys), max(xs) + 1, max(ys) + 1)


def _crop(pixels, box):
    x0, y0, x1, y1 = box
    data = bytes(pixels.samples)
    return b"".join(
        data[y * pixels.stride + 3 * x0 : y * pixels.stride + 3 * x1] for y in range(y0, y1)
    )


# ---------------------------------------------------------------------------- geometry


def test_page_sizes_and_rotations_match_mupdf(mixed_pdf):
    ref = pymupdf.open(mixed_pdf)
    with PdfDocument.open(mixed_pdf) as doc:
        assert doc.page_count == 5
        sizes = doc.page_sizes()
        assert sizes == [(ref[i].rect.width, ref[i].rect.height) for i in range(5)]
        assert [doc.page_rotation(i) for i in range(5)] == [0, 0, 90, 270, 180]
        assert sizes[2] == (LETTER[1], LETTER[0])
        assert sizes[3] == (300.0, 400.0)
    # Asked one at a time on a fresh document, without the bulk measurement.
    with PdfDocument.open(mixed_pdf) as doc:
        assert [doc.page_size(i) for i in range(5)] == sizes
        with pytest.raises(IndexError):
            doc.page_size(5)


def test_page_sizes_of_two_thousand_pages(tmp_path):
    doc = pymupdf.open()
    for i in range(2000):
        page = doc.new_page(width=A4[1] if i % 3 == 0 else A4[0], height=A4[0] if i % 3 == 0 else A4[1])
        if i % 7 == 0:
            page.set_rotation(90)
    path = _save(doc, tmp_path / "long.pdf")
    with PdfDocument.open(path) as pdf:
        started = time.perf_counter()
        sizes = pdf.page_sizes()
        ours = time.perf_counter() - started
    ref = pymupdf.open(path)
    started = time.perf_counter()
    loaded = [(ref[i].rect.width, ref[i].rect.height) for i in range(ref.page_count)]
    theirs = time.perf_counter() - started
    assert sizes == loaded
    print(f"\npage_sizes() of 2,000 pages: {ours * 1000:.1f} ms "
          f"(loading every page: {theirs * 1000:.1f} ms)")


@pytest.mark.parametrize("view", [0, 90, 180, 270])
@pytest.mark.parametrize("page_no", [0, 2, 3, 4])
def test_word_boxes_land_on_their_ink(mixed_pdf, page_no, view):
    scale = 2.0
    with PdfDocument.open(mixed_pdf) as doc:
        words = doc.words(page_no)
        assert words
        pixels = doc.render(page_no, scale, view)
        to_display = doc.page_to_display(page_no, view)
        boxes = [geometry.transform_rect(to_display, (w.x0, w.y0, w.x1, w.y1)) for w in words]
        union = (min(b[0] for b in boxes), min(b[1] for b in boxes),
                 max(b[2] for b in boxes), max(b[3] for b in boxes))
        ink = _dark_box(pixels)
        assert ink is not None
        # All ink lies inside the mapped word boxes (a pixel of slack for anti-aliasing)...
        assert ink[0] >= union[0] * scale - 1 and ink[1] >= union[1] * scale - 1
        assert ink[2] <= union[2] * scale + 1 and ink[3] <= union[3] * scale + 1
        # ... and each word's box holds ink of its own.
        for box in boxes:
            x0, y0, x1, y1 = (int(v * scale) for v in box)
            region = [b for b in _crop(pixels, (x0, y0, x1, y1))[::3]]
            assert min(region) < 128
        # The inverse maps the display back to page coordinates.
        back = doc.display_to_page(page_no, view)
        w = words[0]
        x, y = geometry.transform_point(to_display, w.x0, w.y1)
        assert geometry.transform_point(back, x, y) == pytest.approx((w.x0, w.y1))


def test_display_size_follows_view_rotation(mixed_pdf):
    with PdfDocument.open(mixed_pdf) as doc:
        w, h = doc.page_size(2)
        for view in (0, 180):
            assert doc.render_size(2, 1.0, view) == (round(w), round(h))
        for view in (90, 270):
            assert doc.render_size(2, 1.0, view) == (round(h), round(w))
        with pytest.raises(ValueError):
            doc.render_size(2, 1.0, 45)
        with pytest.raises(ValueError):
            doc.render_size(2, 0.0)


# ---------------------------------------------------------------------------- rendering


@pytest.mark.parametrize("view", [0, 90, 180, 270])
def test_render_matches_mupdf_pixmap(mixed_pdf, view):
    with PdfDocument.open(mixed_pdf) as doc:
        ref = pymupdf.open(mixed_pdf)
        for i in range(doc.page_count):
            scale = 1.37
            pixels = doc.render(i, scale, view)
            # The shown page's top-left corner goes to pixel (0, 0), also under view rotation.
            matrix = pymupdf.Matrix(scale, scale).prerotate(view)
            corner = (ref[i].rect * matrix).tl
            matrix = matrix * pymupdf.Matrix(1, 0, 0, 1, -corner.x, -corner.y)
            pix = ref[i].get_pixmap(matrix=matrix, alpha=False)
            assert (pix.x, pix.y) == (0, 0)
            assert (pixels.width, pixels.height, pixels.stride) == (pix.width, pix.height, pix.stride)
            assert pixels.stride == pixels.width * 3
            assert doc.render_size(i, scale, view) == (pix.width, pix.height)
            assert bytes(pixels.samples) == pix.samples


def test_render_into_bytearray_at_an_offset(mixed_pdf):
    with PdfDocument.open(mixed_pdf) as doc:
        expected = doc.render(2, 0.8, 90)
        need = expected.stride * expected.height
        buf = bytearray(b"\x07" * (need + 64))
        width, height, stride = doc.render_into(memoryview(buf)[32:], 2, 0.8, 90)
        assert (width, height, stride) == (expected.width, expected.height, expected.stride)
        assert bytes(buf[32 : 32 + need]) == bytes(expected.samples)
        # Bytes outside the rows are not touched.
        assert buf[:32] == b"\x07" * 32 and buf[32 + need :] == b"\x07" * 32
        with pytest.raises(ValueError):
            doc.render_into(memoryview(bytearray(need - 1)), 2, 0.8, 90)
        with pytest.raises(ValueError):
            doc.render_into(memoryview(bytes(need)), 2, 0.8, 90)


@pytest.mark.parametrize("view", [0, 90])
def test_clipped_render_is_that_part_of_the_full_render(mixed_pdf, view):
    scale = 2.0
    with PdfDocument.open(mixed_pdf) as doc:
        full = doc.render(0, scale, view)
        clip = (30.0, 50.0, 230.0, 160.0)  # whole pixels at scale 2
        part = doc.render(0, scale, view, clip=clip)
        box = doc.render_box(0, scale, view, clip=clip)
        assert box == (60, 100, 460, 320)
        assert (part.width, part.height) == (400, 220)
        assert bytes(part.samples) == _crop(full, box)
        # A clip reaching past the page is cut to the page; one outside it is empty.
        w, h = doc.render_size(0, 1.0, view)
        assert doc.render_size(0, 1.0, view, clip=(-50, -50, 10, 10)) == (10, 10)
        assert doc.render_size(0, 1.0, view, clip=(w + 5, 0, w + 50, 10)) == (0, 0)


def test_thumbnail_fits_the_bound(mixed_pdf):
    with PdfDocument.open(mixed_pdf) as doc:
        for i in range(doc.page_count):
            for max_px in (1, 37, 128, 200):
                t = doc.thumbnail(i, max_px)
                assert max(t.width, t.height) <= max_px
                assert max(t.width, t.height) >= max_px - 1
                assert t.stride == t.width * 3 and len(t.samples) == t.stride * t.height


def test_thumbnail_of_a_scan_is_cheap(scan_pdf):
    with PdfDocument.open(scan_pdf) as doc:
        started = time.perf_counter()
        thumb = doc.thumbnail(0, 160)
        small = time.perf_counter() - started
        assert max(thumb.width, thumb.height) == 160
        assert _dark_box(thumb) is not None
        started = time.perf_counter()
        doc.render(0, 300 / 72)
        full = time.perf_counter() - started
    print(f"\nscan thumbnail 160 px: {small * 1000:.1f} ms; 300 dpi render: {full * 1000:.1f} ms")


# ---------------------------------------------------------------------------- text


def test_words_and_text(text_pdf):
    with PdfDocument.open(text_pdf) as doc:
        words = doc.words(0)
        assert [w.text for w in words[:5]] == ["The", "Enforcement", "Bureau", "of", "the"]
        assert "申请执行人张三" in [w.text for w in words]
        assert [w.index for w in words[:2]] == [0, 1]
        ref = {w[4]: w[:4] for w in pymupdf.open(text_pdf)[0].get_text("words")}
        enforcement = words[1]
        assert (enforcement.x0, enforcement.y0, enforcement.x1, enforcement.y1) == pytest.approx(
            ref["Enforcement"], abs=0.01
        )
        text = doc.text(0)
        assert "The Enforcement\nBureau of the Court" in text
        assert "申请执行人张三\n与被执行人李四" in text
        inside = doc.words_in_rect(0, (60, 80, 200, 105))
        assert [w.text for w in inside] == ["The", "Enforcement"]


def test_search_latin_is_case_insensitive(text_pdf):
    with PdfDocument.open(text_pdf) as doc:
        hits = list(doc.search("enforcement"))
        assert [h.page for h in hits] == [0, 1, 1]
        word = next(w for w in doc.words(1) if w.text == "ENFORCEMENT")
        quad = hits[1].quads[0]
        assert len(quad) == 8
        assert (quad[0], quad[1], quad[6], quad[7]) == pytest.approx(
            (word.x0, word.y0, word.x1, word.y1), abs=0.01
        )
        assert [h.page for h in doc.search("ENFORCEMENT", pages=[1])] == [1, 1]
        assert list(doc.search("   ")) == []
        assert list(doc.search("no such phrase")) == []


def test_search_chinese_and_full_width(text_pdf):
    with PdfDocument.open(text_pdf) as doc:
        hits = list(doc.search("执行"))
        assert [h.page for h in hits] == [0, 0, 1]
        # Full-width digits in the text match ASCII digits in the query and the other way round.
        assert [h.page for h in doc.search("(2024)京执123号")] == [0]
        assert [h.page for h in doc.search("１２３")] == [0]


def test_search_runs_across_a_line_break(text_pdf):
    with PdfDocument.open(text_pdf) as doc:
        latin = list(doc.search("enforcement bureau"))
        assert len(latin) == 1 and len(latin[0].quads) == 2
        first, second = latin[0].quads
        assert second[1] > first[1]  # the second fragment is on the lower line
        chinese = list(doc.search("张三与被执行人"))
        assert len(chinese) == 1 and len(chinese[0].quads) == 2


def test_selection_across_lines(text_pdf):
    with PdfDocument.open(text_pdf) as doc:
        words = {w.text: w for w in doc.words(0)}
        enforcement, of = words["Enforcement"], words["of"]
        start = (enforcement.x0 + 1, (enforcement.y0 + enforcement.y1) / 2)
        end = (of.x1 - 1, (of.y0 + of.y1) / 2)
        sel = doc.selection(0, start, end)
        assert sel.text == "Enforcement\nBureau of"
        assert len(sel.rects) == 2
        assert sel.rects[0][0] == pytest.approx(enforcement.x0, abs=0.01)
        # Dragging upwards selects the same text.
        assert doc.selection(0, end, start) == sel
        # Past the end of a line the caret snaps to the line's end.
        far_right = doc.selection(0, start, (500, start[1]))
        assert far_right.text == "Enforcement"


def test_selection_of_chinese_characters(text_pdf):
    with PdfDocument.open(text_pdf) as doc:
        line1 = next(w for w in doc.words(0) if w.text == "申请执行人张三")
        line2 = next(w for w in doc.words(0) if w.text == "与被执行人李四")
        cw1 = (line1.x1 - line1.x0) / 7
        cw2 = (line2.x1 - line2.x0) / 7
        start = (line1.x0 + 2.6 * cw1, (line1.y0 + line1.y1) / 2)  # inside 执, past its middle
        end = (line2.x0 + 1.4 * cw2, (line2.y0 + line2.y1) / 2)  # inside 被, before its middle
        sel = doc.selection(0, start, end)
        assert sel.text == "行人张三\n与"
        assert len(sel.rects) == 2
        assert doc.selection(0, start, start).text == ""


# ---------------------------------------------------------------------------- navigation


def test_outline_levels_targets_and_missing_target(tmp_path):
    doc = pymupdf.open()
    for _ in range(3):
        doc.new_page(width=300, height=500)
    doc.set_toc([
        [1, "判决书", 1, {"kind": pymupdf.LINK_GOTO, "to": pymupdf.Point(0, 120), "page": 0}],
        [2, "Section two", 3, {"kind": pymupdf.LINK_GOTO, "to": pymupdf.Point(0, 40), "page": 2}],
        [1, "Nowhere", -1],
    ])
    path = _save(doc, tmp_path / "outline.pdf")
    raw = pymupdf.open(path)
    # The destinations as written in the file, /XYZ left top, PDF space (origin bottom-left).
    tops = [float(raw.xref_get_key(item[3]["xref"], "Dest")[1].strip("[]").split()[-2])
            if raw.xref_get_key(item[3]["xref"], "Dest")[0] != "null"
            else float(raw.xref_get_key(item[3]["xref"], "A/D")[1].strip("[]").split()[-2])
            for item in raw.get_toc(simple=False)[:2]]
    with PdfDocument.open(path) as pdf:
        items = pdf.outline()
    assert [(o.level, o.title, o.page) for o in items] == [
        (1, "判决书", 0), (2, "Section two", 2), (1, "Nowhere", -1)
    ]
    assert [o.y for o in items[:2]] == pytest.approx([500 - tops[0], 500 - tops[1]])


def _annot_rect_in_page_coords(raw: pymupdf.Document, xref: int, page_height: float):
    x0, y0, x1, y1 = (float(v) for v in raw.xref_get_key(xref, "Rect")[1].strip("[]").split())
    return (x0, page_height - y1, x1, page_height - y0)


def test_links_goto_and_uri_on_rotated_pages(tmp_path):
    doc = pymupdf.open()
    doc.new_page(width=300, height=500)
    target = doc.new_page(width=300, height=500)
    target.set_rotation(90)
    source = doc.new_page(width=300, height=500)
    source.set_rotation(90)
    source.insert_link({"kind": pymupdf.LINK_GOTO, "from": pymupdf.Rect(10, 20, 60, 40),
                        "page": 1, "to": pymupdf.Point(0, 50)})
    source.insert_link({"kind": pymupdf.LINK_URI, "from": pymupdf.Rect(100, 200, 180, 220),
                        "uri": "https://court.example/case/1"})
    source.insert_link({"kind": pymupdf.LINK_LAUNCH, "from": pymupdf.Rect(10, 300, 60, 320),
                        "file": "evil.exe"})
    path = _save(doc, tmp_path / "links.pdf")

    raw = pymupdf.open(path)
    annots = [int(x.split()[0]) for x in
              raw.xref_get_key(raw[2].xref, "Annots")[1].strip("[]").split(" R") if x.strip()]
    goto_rect = _annot_rect_in_page_coords(raw, annots[0], 500)
    uri_rect = _annot_rect_in_page_coords(raw, annots[1], 500)
    dest = raw.xref_get_key(annots[0], "A/D")[1].strip("[]").split()
    dest_x, dest_top = float(dest[-3]), float(dest[-2])

    with PdfDocument.open(path) as pdf:
        links = pdf.links(2)
        assert [link.kind for link in links] == ["goto", "uri"]
        goto, uri = links
        assert goto.rect == pytest.approx(goto_rect)
        assert goto.page == 1
        assert (goto.x, goto.y) == pytest.approx((dest_x, 500 - dest_top))
        assert uri.rect == pytest.approx(uri_rect)
        assert uri.uri == "https://court.example/case/1"
        assert pdf.links(0) == []


# ---------------------------------------------------------------------------- bad input


def _assert_one_line(error: DocumentError):
    message = str(error)
    assert message and "\n" not in message and "Traceback" not in message


def test_empty_file_is_broken(tmp_path):
    path = tmp_path / "empty.pdf"
    path.write_bytes(b"")
    with pytest.raises(BrokenDocument) as info:
        PdfDocument.open(path)
    _assert_one_line(info.value)


def test_text_file_named_pdf_is_broken(tmp_path):
    path = tmp_path / "notes.pdf"
    path.write_text("这不是PDF文件。\nJust some notes.\n" * 20, encoding="utf-8")
    with pytest.raises(BrokenDocument) as info:
        PdfDocument.open(path)
    _assert_one_line(info.value)


def test_missing_file(tmp_path):
    with pytest.raises(DocumentError) as info:
        PdfDocument.open(tmp_path / "gone.pdf")
    assert not isinstance(info.value, BrokenDocument)
    _assert_one_line(info.value)


@pytest.mark.parametrize("keep", [0.3, 0.6, 0.9])
def test_truncated_file_opens_repaired_or_is_broken(mixed_pdf, tmp_path, keep):
    with open(mixed_pdf, "rb") as source:
        data = source.read()
    path = tmp_path / "cut.pdf"
    path.write_bytes(data[: int(len(data) * keep)])
    try:
        doc = PdfDocument.open(path)
    except BrokenDocument as error:
        _assert_one_line(error)
        return
    with doc:
        assert doc.page_count >= 1
        for i in range(doc.page_count):
            try:
                doc.render(i, 0.2)
                doc.text(i)
            except BrokenDocument as error:
                _assert_one_line(error)


def test_encrypted_needs_the_right_password(tmp_path):
    doc = pymupdf.open()
    doc.new_page().insert_text((72, 72), "Sealed ruling", fontsize=12)
    path = tmp_path / "sealed.pdf"
    doc.save(str(path), encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="u-pass", owner_pw="o-pass")
    doc.close()
    with pytest.raises(PasswordRequired) as missing:
        PdfDocument.open(path)
    _assert_one_line(missing.value)
    with pytest.raises(PasswordRequired) as wrong:
        PdfDocument.open(path, password="guess")
    _assert_one_line(wrong.value)
    assert str(wrong.value) != str(missing.value)
    with PdfDocument.open(path, password="u-pass") as opened:
        assert "Sealed ruling" in opened.text(0)


def test_closed_document_refuses_work(text_pdf):
    doc = PdfDocument.open(text_pdf)
    doc.close()
    doc.close()
    with pytest.raises(ValueError):
        doc.words(0)
