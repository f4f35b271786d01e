"""Review copies, summaries and existing annotations, on real PDFs made here (rotated pages too)."""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from types import SimpleNamespace
from urllib.parse import unquote

import pymupdf
import pytest

from viewer.core import geometry
from viewer.core.annotations_export import (
    SummaryEntry,
    annotation_summary_pdf,
    burn_review_copy,
    read_existing_annotations,
)
from viewer.core.document import PdfDocument

W, H = 595.0, 842.0
T0 = dt.datetime(2024, 5, 1, 9, 30)
QUAD = (72.0, 86.0, 250.0, 86.0, 72.0, 104.0, 250.0, 104.0)
STROKE = (300.0, 400.0, 350.0, 450.0, 400.0, 420.0, 450.0, 480.0)


def make_pdf(path, rotations=(0,)):
    doc = pymupdf.open()
    for rot in rotations:
        page = doc.new_page(width=W, height=H)
        page.insert_text((72, 100), "借款合同 loan contract", fontname="china-s", fontsize=14)
        page.set_rotation(rot)
    doc.save(str(path))
    doc.close()
    return path


def marks(page):
    """One annotation of every kind on ``page``, as the store hands them out (dicts here)."""
    return [
        dict(kind="highlight", page=page, geometry=[QUAD], text="借款金额", author="judge1", created_at=T0, uid=f"h{page}"),
        dict(kind="underline", page=page, geometry=[QUAD], uid=f"u{page}"),
        dict(kind="strikeout", page=page, geometry=[QUAD], uid=f"s{page}"),
        dict(kind="rect", page=page, geometry=(100.0, 200.0, 250.0, 300.0), color="#0000ff", uid=f"r{page}"),
        dict(kind="ellipse", page=page, geometry=(300.0, 200.0, 450.0, 300.0), color="#00aa00", uid=f"e{page}"),
        dict(kind="arrow", page=page, geometry=(100.0, 400.0, 250.0, 480.0), color="#ff0000", uid=f"a{page}"),
        dict(kind="ink", page=page, geometry=[STROKE], color="#000000", uid=f"i{page}"),
        dict(kind="note", page=page, geometry=(500.0, 100.0, 520.0, 120.0), text="需核实", uid=f"n{page}"),
        dict(kind="freetext", page=page, geometry=(72.0, 550.0, 300.0, 600.0), text="金额有误", uid=f"f{page}"),
        dict(kind="stamp", page=page, geometry=(350.0, 550.0, 500.0, 600.0), stamp="已核实", uid=f"t{page}"),
        dict(kind="link", page=page, geometry=(72.0, 650.0, 200.0, 680.0), link_page=0, uid=f"l{page}"),
    ]


def close(a, b, tol=0.5):
    a, b = list(_flat(a)), list(_flat(b))
    return len(a) == len(b) and all(abs(x - y) <= tol for x, y in zip(a, b))


def _flat(value):
    for v in value:
        if isinstance(v, (list, tuple)):
            yield from _flat(v)
        else:
            yield float(v)


@pytest.mark.parametrize("rotation", [0, 90, 270])
def test_burned_annotations_read_back_at_their_coordinates(tmp_path, rotation):
    src = make_pdf(tmp_path / "src.pdf", (0, rotation))
    out = tmp_path / "review.pdf"
    out.write_bytes(burn_review_copy(src, marks(1)))
    found = {a.kind: a for a in read_existing_annotations(out) if a.page == 1}
    assert set(found) == {m["kind"] for m in marks(1)}
    for mark in marks(1):
        got = found[mark["kind"]]
        if mark["kind"] == "note":
            # the icon keeps its size and sits at the anchor as the page is shown
            assert any(close((x, y), mark["geometry"][:2]) for x in got.rect[::2] for y in got.rect[1::2])
        else:
            assert close(got.geometry, mark["geometry"]), (mark["kind"], got.geometry)
    assert found["link"].link_page == 0
    assert (found["stamp"].contents, found["freetext"].contents) == ("已核实", "金额有误")
    assert (found["highlight"].author, found["highlight"].contents) == ("judge1", "借款金额")

    # The stored /Rect of the link is in unrotated PDF space (y up), whatever the /Rotate.
    with pymupdf.open(out) as doc:
        page = doc[1]
        assert page.rotation == rotation
        xref = page.get_links()[0]["xref"]
        raw = [float(v) for v in doc.xref_get_key(xref, "Rect")[1].strip("[]").split()]
        x0, y0, x1, y1 = 72.0, 650.0, 200.0, 680.0
        assert close(raw, (x0, H - y1, x1, H - y0))


@pytest.mark.parametrize("rotation", [90, 270])
def test_burned_marks_are_drawn_where_the_viewer_shows_them(tmp_path, rotation):
    """Rendered as the page is shown, the marks land at page_to_display of their page coordinates."""
    src = make_pdf(tmp_path / "src.pdf", (rotation,))
    out = tmp_path / "review.pdf"
    out.write_bytes(burn_review_copy(src, [m for m in marks(0) if m["kind"] in ("rect", "ink")]))
    viewer_doc = PdfDocument.open(out)
    to_display = viewer_doc.page_to_display(0)
    with pymupdf.open(out) as doc:
        pix = doc[0].get_pixmap()           # the page as shown, 1 pixel per point

    def colour_near(point, want, radius=2):
        x, y = (round(v) for v in geometry.transform_point(to_display, *point))
        return any(_is(pix.pixel(x + dx, y + dy), want)
                   for dx in range(-radius, radius + 1) for dy in range(-radius, radius + 1)
                   if 0 <= x + dx < pix.width and 0 <= y + dy < pix.height)

    x0, y0, x1, y1 = 100.0, 200.0, 250.0, 300.0
    for edge_mid in ((x0, (y0 + y1) / 2), (x1, (y0 + y1) / 2), ((x0 + x1) / 2, y0), ((x0 + x1) / 2, y1)):
        assert colour_near(edge_mid, "blue"), edge_mid
    assert not colour_near(((x0 + x1) / 2, (y0 + y1) / 2), "blue")
    # the same rect under the wrong convention (display coordinates) would be elsewhere
    assert not colour_near(geometry.transform_point(geometry.invert(to_display), x0, (y0 + y1) / 2), "blue")
    assert colour_near((STROKE[2], STROKE[3]), "dark") and colour_near((STROKE[4], STROKE[5]), "dark")
    viewer_doc.close()


def _is(rgb, want):
    r, g, b = rgb[:3]
    if want == "blue":
        return b > 150 and r < 100 and g < 100
    return r < 80 and g < 80 and b < 80


def _dark_pixels(pix):
    samples = pix.samples
    n = pix.n
    return sum(1 for i in range(0, len(samples), n) if samples[i] < 80 and samples[i + 1] < 80 and samples[i + 2] < 80)


def test_flattened_copy_has_no_annotations_but_the_ink_is_drawn(tmp_path):
    src = make_pdf(tmp_path / "src.pdf", (0, 90))
    ink = [dict(kind="ink", page=p, geometry=[STROKE], color="#000000") for p in (0, 1)]
    stamp = dict(kind="stamp", page=1, geometry=(350.0, 550.0, 500.0, 600.0), stamp="存疑")
    flat = tmp_path / "flat.pdf"
    flat.write_bytes(burn_review_copy(src, [*ink, stamp], flatten=True))
    with pymupdf.open(src) as before, pymupdf.open(flat) as after:
        assert [list(p.annots()) for p in after] == [[], []]
        for i in (0, 1):
            # the text of the page is dark too: the ink adds to it
            assert _dark_pixels(after[i].get_pixmap()) > _dark_pixels(before[i].get_pixmap()) + 100
            pix, m = after[i].get_pixmap(), after[i].rotation_matrix
            for x, y in zip(STROKE[0::2], STROKE[1::2]):
                px, py = (round(v) for v in pymupdf.Point(x, y) * m)
                assert min(pix.pixel(px + dx, py + dy)[0] for dx in (-1, 0, 1) for dy in (-1, 0, 1)) < 80
        assert "存疑" in after[1].get_text()
        assert read_existing_annotations(flat) == []


def test_note_threads_author_and_time_go_into_the_annotation(tmp_path):
    src = make_pdf(tmp_path / "src.pdf")
    note = SimpleNamespace(kind="note", page=0, geometry=(400.0, 300.0, 420.0, 320.0), color="#ffd400",
                           text="请核对还款记录", stamp="", author="judge1", created_at=T0,
                           updated_at=T0 + dt.timedelta(hours=1), uid="n1", parent_uid=None,
                           link_document_id=None, link_page=None, status="resolved", deleted=False)
    replies = [dict(kind="note", page=0, geometry=note.geometry, text=t, author=a, uid=u, parent_uid="n1",
                    created_at=T0 + dt.timedelta(minutes=m))
               for t, a, u, m in (("第二条回复", "judge1", "r2", 20), ("已核对，无误", "clerk1", "r1", 10))]
    gone = dict(kind="rect", page=0, geometry=(1.0, 1.0, 9.0, 9.0), deleted=True)
    out = tmp_path / "review.pdf"
    out.write_bytes(burn_review_copy(src, [note, *replies, gone]))
    with pymupdf.open(out) as doc:
        page = doc[0]
        annots = list(page.annots())
        assert [a.type[1] for a in annots] == ["Text"]
        info = annots[0].info
    assert info["title"] == "judge1"
    assert info["creationDate"].startswith("D:20240501093000")
    assert info["modDate"].startswith("D:20240501103000")
    text = info["content"]
    assert text.index("请核对还款记录") < text.index("clerk1 2024-05-01 09:40") < text.index("已核对，无误") \
        < text.index("judge1 2024-05-01 09:50") < text.index("第二条回复")
    assert "已解决" in text


def test_links_to_another_document_name_its_file(tmp_path):
    src = make_pdf(tmp_path / "src.pdf", (0, 0))
    here = dict(kind="link", page=0, geometry=(72.0, 650.0, 200.0, 680.0), link_document_id=7, link_page=1)
    there = dict(kind="link", page=0, geometry=(72.0, 700.0, 200.0, 720.0), link_document_id=9, link_page=3)
    out = tmp_path / "review.pdf"
    out.write_bytes(burn_review_copy(src, [here, there], document_id=7, link_files={9: "笔录.pdf"}))
    with pymupdf.open(out) as doc:
        links = doc[0].get_links()
    assert [(ln["kind"], ln["page"]) for ln in links] == [(pymupdf.LINK_GOTO, 1), (pymupdf.LINK_GOTOR, 3)]
    assert unquote(links[1]["file"]) == "笔录.pdf"


def test_existing_annotations_of_an_imported_pdf_are_listed(tmp_path):
    path = make_pdf(tmp_path / "imported.pdf", (0, 90))
    with pymupdf.open(path) as doc:
        first, second = doc[0], doc[1]
        hl = first.add_highlight_annot(quads=[pymupdf.Quad(QUAD[0:2], QUAD[2:4], QUAD[4:6], QUAD[6:8])])
        hl.set_info(title="原审法官", content="关键条款")
        hl.update()
        sq = second.add_rect_annot(pymupdf.Rect(100, 120, 200, 220))
        sq.set_info(title="律师", content="此处有改动")
        sq.update()
        second.add_text_annot((300, 300), "当事人签名存疑")
        doc.saveIncr()
    found = read_existing_annotations(path)
    assert [(a.kind, a.page, a.author, a.contents) for a in found] == [
        ("highlight", 0, "原审法官", "关键条款"), ("rect", 1, "律师", "此处有改动"),
        ("note", 1, "", "当事人签名存疑")]
    assert close(found[0].geometry, [QUAD])
    assert close(found[1].rect, (100, 120, 200, 220))
    assert found[2].subtype == "Text"


def test_summary_lists_every_annotation(tmp_path):
    entries = [SummaryEntry("判决书", i % 7, "note", f"clerk{i % 3}", T0 + dt.timedelta(minutes=i),
                            f"第{i}条意见", "resolved" if i % 2 else "open") for i in range(80)]
    entries.append(dict(document="执行笔录", page=4, kind="stamp", author="judge1", time="2024-05-02 10:00",
                        text="<已核实> & 存疑"))
    pdf = annotation_summary_pdf(entries)
    with pymupdf.open("pdf", pdf) as doc:
        assert doc.page_count > 1
        text = re.sub(r"\s+", "", "".join(page.get_text() for page in doc))
    for i in range(80):
        assert f"第{i}条意见" in text
    assert "<已核实>&存疑" in text and "执行笔录" in text and "judge1" in text and "2024-05-0210:00" in text


def test_exports_never_change_the_original_file(tmp_path):
    src = make_pdf(tmp_path / "src.pdf", (0, 90, 270))
    before = hashlib.sha256(src.read_bytes()).hexdigest()
    everything = [m for p in range(3) for m in marks(p)]
    copy = burn_review_copy(src, everything)
    flat = burn_review_copy(src, everything, flatten=True)
    read_existing_annotations(src)
    assert hashlib.sha256(src.read_bytes()).hexdigest() == before
    assert copy != src.read_bytes() and flat != copy
    with pymupdf.open(src) as doc:
        assert all(not list(p.annots()) and not p.get_links() for p in doc)
