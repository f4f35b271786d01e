"""The continuous page view on real PDFs, with a render service that renders inline."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pymupdf
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QWheelEvent
from PySide6.QtWidgets import QApplication

from page_view_pdfs import (A4, A4_LANDSCAPE, CHINESE, LETTER, LINE_1, LINE_2, LINK_PAGE,
                            LINK_RECT, LINK_TARGET, PAGE_COUNT, ROTATED_PAGE, make_small,
                            make_volume, service, volume)  # noqa: F401 - fixtures
from viewer.core.document import PdfDocument
from viewer.qt.page_view import MARGIN, PAGE_GAP, SEPARATOR_HEIGHT, PageView, SearchHit
from viewer.qt.render_service import RenderRequest, RenderService

REPO = Path(__file__).resolve().parents[3]


@pytest.fixture
def view(qtbot, service):
    v = PageView(service)
    qtbot.addWidget(v)
    v.resize(700, 800)
    v.show()
    qtbot.waitExposed(v)
    return v


@pytest.fixture
def loaded(qtbot, view, volume):
    with qtbot.waitSignal(view.documentLoaded):
        assert view.set_document(volume)
    return view


def wheel(widget, pos: QPointF, steps: int, modifiers=Qt.KeyboardModifier.NoModifier):
    event = QWheelEvent(pos, QPointF(widget.mapToGlobal(pos.toPoint())), QPoint(0, 0),
                        QPoint(0, 120 * steps), Qt.MouseButton.NoButton, modifiers,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)


def pixel(view: PageView, pos: QPointF) -> QColor:
    image = view.viewport().grab().toImage()
    dpr = image.devicePixelRatio()
    return image.pixelColor(round(pos.x() * dpr), round(pos.y() * dpr))


# ----------------------------------------------------------------------------- layout & loading

def test_pages_of_mixed_sizes_and_rotation_are_laid_out_in_a_centred_column(loaded):
    view = loaded
    assert view.page_count == PAGE_COUNT
    z = view.zoom
    expected = {0: A4, 1: LETTER, 2: A4_LANDSCAPE, ROTATED_PAGE: (A4[1], A4[0])}
    for index, (w, h) in expected.items():
        rect = view.page_rect_in_viewport(index)
        assert rect.width() == pytest.approx(w * z, abs=0.01)
        assert rect.height() == pytest.approx(h * z, abs=0.01)
    # centred on one axis, a gap between consecutive pages
    centres = {round(view.page_rect_in_viewport(i).center().x(), 3) for i in range(PAGE_COUNT)}
    assert len(centres) == 1
    r0, r1 = view.page_rect_in_viewport(0), view.page_rect_in_viewport(1)
    assert r1.top() - r0.bottom() == pytest.approx(PAGE_GAP)


def test_the_visible_page_is_painted_from_the_render(loaded):
    view = loaded
    # "marker page 1" is black text at (72, 60) in page coordinates, baseline
    doc = PdfDocument.open(view.segments[0].path)
    word = doc.words(0)[0]
    doc.close()
    image = view.viewport().grab().toImage()
    dpr = image.devicePixelRatio()
    box = view.map_rect_from_page(0, (word.x0, word.y0, word.x1, word.y1))
    darkest = min(image.pixelColor(round(x * dpr), round(y * dpr)).lightness()
                  for x in range(int(box.left()), int(box.right()))
                  for y in range(int(box.top()), int(box.bottom())))
    assert darkest < 80
    blank = view.map_from_page(0, 400, 300)
    assert pixel(view, blank).lightness() > 240


def test_scrolling_changes_the_current_page(qtbot, loaded):
    view = loaded
    assert view.current_page == 0
    target = view.page_rect_in_viewport(5).top() + view.verticalScrollBar().value()
    with qtbot.waitSignal(view.currentPageChanged) as blocker:
        view.verticalScrollBar().setValue(round(target + 50))
    assert blocker.args == [5]
    assert view.current_page == 5
    assert 5 in view.visible_pages()


def test_scroll_to_and_fraction(loaded):
    view = loaded
    view.scroll_to(7)
    assert view.current_page == 7
    assert view.page_rect_in_viewport(7).top() == pytest.approx(PAGE_GAP / 2, abs=1)
    view.set_vertical_fraction(1.0)
    assert view.vertical_fraction() == pytest.approx(1.0)
    assert view.current_page == PAGE_COUNT - 1
    view.set_vertical_fraction(0.0)
    assert view.current_page == 0


def test_fit_width_and_fit_page(loaded):
    view = loaded
    vp = view.viewport().rect()
    view.set_fit_mode("width")
    rect = view.page_rect_in_viewport(view.current_page)
    assert rect.width() == pytest.approx(vp.width() - 2 * MARGIN, abs=0.5)
    assert rect.left() == pytest.approx(MARGIN, abs=1)
    view.set_fit_mode("page")
    rect = view.page_rect_in_viewport(view.current_page)
    assert rect.width() <= vp.width() - 2 * MARGIN + 0.5
    assert rect.height() == pytest.approx(vp.height() - 2 * MARGIN, abs=0.5)
    # the fit follows the window's size
    view.resize(view.width(), view.height() - 200)
    rect = view.page_rect_in_viewport(view.current_page)
    assert rect.height() == pytest.approx(view.viewport().height() - 2 * MARGIN, abs=0.5)
    view.set_zoom(2.0)
    assert view.fit_mode is None and view.zoom == 2.0
    view.set_zoom(50)
    assert view.zoom == 8.0
    view.set_zoom(0.01)
    assert view.zoom == 0.1


def test_ctrl_wheel_zooms_around_the_cursor(qtbot, loaded):
    view = loaded
    view.set_fit_mode("width")
    view.scroll_to(2)  # room above and below to keep the point in place
    cursor = QPointF(300, 420)
    before = view.map_to_page(cursor)
    assert before is not None
    zoom = view.zoom
    with qtbot.waitSignal(view.zoomChanged):
        wheel(view.viewport(), cursor, 2, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom == pytest.approx(zoom * 1.21)
    after = view.map_from_page(*before)
    assert after.x() == pytest.approx(cursor.x(), abs=1.0)
    assert after.y() == pytest.approx(cursor.y(), abs=1.0)
    wheel(view.viewport(), cursor, -3, Qt.KeyboardModifier.ControlModifier)
    after = view.map_from_page(*before)
    assert after.y() == pytest.approx(cursor.y(), abs=1.0)
    # without Ctrl the wheel scrolls
    top = view.verticalScrollBar().value()
    wheel(view.viewport(), cursor, -1)
    assert view.verticalScrollBar().value() > top


def test_keys_page_home_end_arrows_and_zoom_steps(qtbot, loaded):
    view = loaded
    view.set_zoom(0.4)  # no horizontal scrolling: Left/Right turn pages
    view.scroll_to(0)
    bar = view.verticalScrollBar()
    start = bar.value()
    qtbot.keyClick(view, Qt.Key.Key_PageDown)
    assert bar.value() - start == pytest.approx(0.9 * view.viewport().height(), abs=2)
    qtbot.keyClick(view, Qt.Key.Key_PageUp)
    assert bar.value() == start
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert bar.value() > start
    qtbot.keyClick(view, Qt.Key.Key_End)
    assert view.current_page == PAGE_COUNT - 1 and bar.value() == bar.maximum()
    qtbot.keyClick(view, Qt.Key.Key_Home)
    assert view.current_page == 0 and bar.value() == 0
    qtbot.keyClick(view, Qt.Key.Key_Right)
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert view.current_page == 2
    qtbot.keyClick(view, Qt.Key.Key_Left)
    assert view.current_page == 1
    zoom = view.zoom
    qtbot.keyClick(view, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom > zoom
    qtbot.keyClick(view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom < zoom


def test_view_rotation_turns_pages_and_keeps_page_coordinates(loaded):
    view = loaded
    view.set_zoom(1.0)
    with_rotation = []
    view.rotationChanged.connect(with_rotation.append)
    view.set_rotation(90)
    assert with_rotation == [90]
    assert view.page_rect_in_viewport(0).width() == pytest.approx(A4[1])
    assert view.page_rect_in_viewport(ROTATED_PAGE).width() == pytest.approx(A4[0])
    for index in (0, ROTATED_PAGE):
        view.scroll_to(index)
        point = view.map_from_page(index, 100.0, 200.0)
        back = view.map_to_page(point)
        assert back[0] == index
        assert back[1] == pytest.approx(100.0, abs=1e-6)
        assert back[2] == pytest.approx(200.0, abs=1e-6)
    # the top-left of page 0's text space is at the page's top-right corner once turned
    view.scroll_to(0)
    rect = view.page_rect_in_viewport(0)
    corner = view.map_from_page(0, 0.0, 0.0)
    assert corner.x() == pytest.approx(rect.right(), abs=1e-6)
    assert corner.y() == pytest.approx(rect.top(), abs=1e-6)
    view.rotate_view(270)
    assert view.rotation == 0
    with pytest.raises(ValueError):
        view.set_rotation(45)


# ----------------------------------------------------------------------------- selection & links

def _drag(qtbot, widget, start: QPoint, end: QPoint) -> None:
    qtbot.mousePress(widget, Qt.MouseButton.LeftButton, pos=start)
    mid = (start + end) / 2
    qtbot.mouseMove(widget, mid)
    qtbot.mouseMove(widget, end)
    qtbot.mouseRelease(widget, Qt.MouseButton.LeftButton, pos=end)


def test_mouse_drag_selects_text_and_ctrl_c_copies_it(qtbot, loaded):
    view = loaded
    view.set_zoom(1.5)
    view.scroll_to(0)
    doc = PdfDocument.open(view.segments[0].path)
    words = doc.words(0)
    doc.close()
    quick = next(w for w in words if w.text == "quick")
    dog = next(w for w in words if w.text == "dog")
    start = view.map_from_page(0, quick.x0 + 1, (quick.y0 + quick.y1) / 2).toPoint()
    end = view.map_from_page(0, dog.x1 - 1, (dog.y0 + dog.y1) / 2).toPoint()
    QGuiApplication.clipboard().clear()
    with qtbot.waitSignal(view.selectionChanged):
        _drag(qtbot, view.viewport(), start, end)
    text = view.selected_text
    assert "quick brown fox" in text and "jumps over the lazy do" in text
    assert "marker" not in text and CHINESE not in text
    assert view.selection_rects(0)
    # the highlight is painted over the selected words
    inside = view.map_from_page(0, (quick.x0 + quick.x1) / 2, quick.y0 + 1)
    colour = pixel(view, inside)
    assert colour.blue() > colour.red() + 20
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == text
    assert LINE_1.split()[1] in QGuiApplication.clipboard().text()


def test_chinese_text_is_selected_and_copied(qtbot, loaded):
    view = loaded
    view.set_zoom(1.5)
    doc = PdfDocument.open(view.segments[0].path)
    line = next(w for w in doc.words(0) if w.text == CHINESE)
    doc.close()
    y = (line.y0 + line.y1) / 2
    _drag(qtbot, view.viewport(), view.map_from_page(0, line.x0 - 2, y).toPoint(),
          view.map_from_page(0, line.x1 + 2, y).toPoint())
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == CHINESE
    # a click elsewhere deselects
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                     pos=view.map_from_page(0, 400, 700).toPoint())
    assert view.selected_text == ""


def test_double_click_selects_a_word(qtbot, loaded):
    view = loaded
    doc = PdfDocument.open(view.segments[0].path)
    fox = next(w for w in doc.words(0) if w.text == "fox")
    doc.close()
    pos = view.map_from_page(0, (fox.x0 + fox.x1) / 2, (fox.y0 + fox.y1) / 2).toPoint()
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert view.selected_text == "fox"


def test_selection_across_pages(loaded):
    view = loaded
    view.select_between((0, 72.0, 95.0), (1, 300.0, 70.0))
    text = view.selected_text
    assert text.startswith(LINE_1[:9])
    assert LINE_2 in text and CHINESE in text
    assert text.rstrip().endswith("marker page 2")


def test_internal_link_click_navigates_and_changes_the_cursor(qtbot, loaded):
    view = loaded
    view.scroll_to(LINK_PAGE)
    x0, y0, x1, y1 = LINK_RECT
    on_link = view.map_from_page(LINK_PAGE, (x0 + x1) / 2, (y0 + y1) / 2).toPoint()
    off_link = view.map_from_page(LINK_PAGE, 400, 500).toPoint()
    qtbot.mouseMove(view.viewport(), off_link)
    assert view.viewport().cursor().shape() == Qt.CursorShape.IBeamCursor
    qtbot.mouseMove(view.viewport(), on_link)
    assert view.viewport().cursor().shape() == Qt.CursorShape.PointingHandCursor
    with qtbot.waitSignal(view.currentPageChanged) as blocker:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=on_link)
    assert blocker.args == [LINK_TARGET]
    assert view.page_rect_in_viewport(LINK_TARGET).top() == pytest.approx(PAGE_GAP / 2, abs=1)


def test_uri_links_are_reported_not_opened(qtbot, view, tmp_path):
    path = tmp_path / "uri.pdf"
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_link({"kind": pymupdf.LINK_URI, "from": pymupdf.Rect(50, 50, 200, 80),
                      "uri": "https://court.example/case"})
    doc.save(path)
    doc.close()
    view.set_document(path)
    pos = view.map_from_page(0, 100, 65).toPoint()
    with qtbot.waitSignal(view.uriActivated) as blocker:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert blocker.args == ["https://court.example/case"]


# ----------------------------------------------------------------------------- search highlights

def test_search_hits_are_painted_and_the_current_one_scrolled_into_view(loaded):
    view = loaded
    view.set_zoom(1.0)
    doc = PdfDocument.open(view.segments[0].path)
    hits = [SearchHit(h.page, h.quads) for h in doc.search("needle")]
    doc.close()
    view.set_search_hits(hits)
    view.set_current_search_hit(3)
    current = hits[3]
    x0, y0 = current.quads[0][0], current.quads[0][1]
    x1, y1 = current.quads[0][6], current.quads[0][7]
    assert view.current_page == current.index
    area = view.map_rect_from_page(current.index, (x0, y0, x1, y1))
    assert view.viewport().rect().contains(area.toAlignedRect())
    # current hit is orange, the other hit on the same page yellow
    other = hits[2]
    assert other.index == current.index
    c = pixel(view, area.center() + QPointF(0, area.height() / 4))
    ox0, oy0, ox1, oy1 = other.quads[0][0], other.quads[0][1], other.quads[0][6], other.quads[0][7]
    o = pixel(view, view.map_rect_from_page(other.index, (ox0, oy0, ox1, oy1)).center()
              + QPointF(0, 3))
    assert c.red() > 200 and c.blue() < 120 and c.green() < o.green() - 20
    assert o.red() > 200 and o.green() > 200 and o.blue() < 150
    view.clear_search_hits()
    assert view.search_hits == () and view.current_search_hit == -1


# ----------------------------------------------------------------------------- several documents

def test_several_documents_read_as_one_volume_with_labelled_boundaries(qtbot, view, tmp_path):
    first = make_small(tmp_path / "a.pdf", 3, "Judgment")
    second = make_small(tmp_path / "b.pdf", 2, "Notice", size=LETTER)
    third = make_small(tmp_path / "c.pdf", 4, "Receipt")
    with qtbot.waitSignal(view.documentLoaded):
        view.set_documents([(first, "判决书"), (second, "执行通知书"), (third, None)])
    assert view.page_count == 9
    assert [s.title for s in view.segments] == ["判决书", "执行通知书", "c.pdf"]
    assert [s.first for s in view.segments] == [0, 3, 5]
    assert view.sources[4].path == os.fspath(second) and view.sources[4].page == 1
    assert view.document_at(6)[1] == 1
    assert view.index_of(os.fspath(third), 2) == 7
    view.set_zoom(0.2)
    view.scroll_to(0)
    # a labelled band separates documents; pages within a document only have the gap
    gap_inside = view.page_rect_in_viewport(1).top() - view.page_rect_in_viewport(0).bottom()
    gap_between = view.page_rect_in_viewport(3).top() - view.page_rect_in_viewport(2).bottom()
    assert gap_inside == pytest.approx(PAGE_GAP)
    assert gap_between == pytest.approx(PAGE_GAP + SEPARATOR_HEIGHT)
    # the band's label is painted: light text pixels between the two pages
    top = view.page_rect_in_viewport(2).bottom() + PAGE_GAP
    image = view.viewport().grab().toImage()
    dpr = image.devicePixelRatio()
    centre_x = view.page_rect_in_viewport(3).center().x()
    light = [image.pixelColor(round(x * dpr), round(y * dpr)).lightness()
             for x in range(int(centre_x - 30), int(centre_x + 30))
             for y in range(int(top), int(top + SEPARATOR_HEIGHT))]
    assert max(light) > 200
    # the volume's pages render from their own files
    view.set_zoom(1.0)
    view.scroll_to(5)
    assert view.current_page == 5
    word = PdfDocument.open(third).words(0)[0]
    box = view.map_rect_from_page(5, (word.x0, word.y0, word.x1, word.y1))
    assert min(pixel(view, QPointF(x, box.center().y())).lightness()
               for x in range(int(box.left()), int(box.right()))) < 120


def test_broken_file_reports_and_the_widget_keeps_working(qtbot, view, tmp_path, volume):
    broken = tmp_path / "broken.pdf"
    broken.write_text("this is not a pdf at all")
    with qtbot.waitSignal(view.loadFailed) as blocker:
        assert view.set_document(broken) is False
    message = blocker.args[0]
    assert "broken.pdf" in message and "Traceback" not in message
    assert view.page_count == 0 and view.message == message
    # the message is what the view shows
    assert pixel(view, QPointF(view.viewport().width() / 2, view.viewport().height() / 2))
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    with qtbot.waitSignal(view.loadFailed):
        view.set_document(empty)
    with qtbot.waitSignal(view.documentLoaded):
        assert view.set_document(volume)
    assert view.page_count == PAGE_COUNT and view.message == ""
    # a damaged file in a volume is left out; the rest is shown
    with qtbot.waitSignal(view.loadFailed):
        view.set_documents([(volume, "ok"), (broken, "bad")])
    assert view.page_count == PAGE_COUNT


def test_encrypted_file_asks_for_its_password(qtbot, view, tmp_path):
    path = tmp_path / "locked.pdf"
    doc = pymupdf.open()
    doc.new_page().insert_text((72, 72), "secret order", fontsize=12)
    doc.save(path, encryption=pymupdf.PDF_ENCRYPT_AES_256, owner_pw="owner", user_pw="1234")
    doc.close()
    with qtbot.waitSignal(view.passwordRequired) as blocker:
        assert view.set_document(path) is False
    assert blocker.args == [os.fspath(path)]
    assert "password" in view.message
    with qtbot.waitSignal(view.passwordRequired):
        view.set_document(path, "wrong")
    with qtbot.waitSignal(view.documentLoaded):
        assert view.set_document(path, "1234")
    # the pages render with the password
    word = PdfDocument.open(path, "1234").words(0)[0]
    box = view.map_rect_from_page(0, (word.x0, word.y0, word.x1, word.y1))
    assert min(pixel(view, QPointF(x, box.center().y())).lightness()
               for x in range(int(box.left()), int(box.right()))) < 120


# ----------------------------------------------------------------------------- rendering contract

def test_failed_render_shows_a_readable_placeholder(loaded, service):
    view = loaded
    view.scroll_to(0)
    src = view.sources[0]
    req = RenderRequest(src.path, src.page, view.render_scale, owner=view.owner)
    # the real service's signal, as it is emitted when a worker runs out of time
    service.failed.emit(req, "timeout")
    assert view.failure_text("timeout") == "This page could not be rendered (took too long)."
    colour = pixel(view, view.page_rect_in_viewport(0).topLeft() + QPointF(4, 4))
    assert (colour.red(), colour.green(), colour.blue()) == (0xfb, 0xee, 0xea)


def test_overlay_hook_paints_on_every_visible_page(loaded):
    view = loaded
    seen = []

    def overlay(painter, index, rect):
        seen.append(index)
        painter.fillRect(rect.adjusted(0, 0, -rect.width() + 20, -rect.height() + 20),
                         QColor(0, 200, 0))

    view.add_overlay(overlay)
    corner = view.page_rect_in_viewport(0).topLeft() + QPointF(5, 5)
    assert pixel(view, corner).green() == 200
    assert set(seen) == set(view.visible_pages())
    view.remove_overlay(overlay)
    assert pixel(view, corner).green() > 240


def test_at_high_zoom_only_visible_tiles_are_rendered_and_placed_exactly(loaded, service):
    view = loaded
    view.set_zoom(8.0)
    view.scroll_to(0)
    doc = PdfDocument.open(view.segments[0].path)
    word = doc.words(0)[0]   # "marker", near the top-left corner
    doc.close()
    where = view.map_from_page(0, word.x0, word.y0)
    hbar, vbar = view.horizontalScrollBar(), view.verticalScrollBar()
    hbar.setValue(hbar.value() + round(where.x() - 40))
    vbar.setValue(vbar.value() + round(where.y() - 80))
    view.viewport().repaint()
    keys = [k for k in service.eviction_order() if k[1] == 0 and k[2] == view.render_scale]
    assert keys and all(k[4] is not None for k in keys)   # tiles, never the 32-MP page
    # the page has 5 x 7 tiles of 1024 px; only those shown on the way here were made
    assert len(keys) <= 12
    box = view.map_rect_from_page(0, (word.x0, word.y0, word.x1, word.y1))
    assert view.viewport().rect().contains(box.toAlignedRect())
    image = view.viewport().grab().toImage()
    dark = [image.pixelColor(x, y).lightness() < 100
            for x in range(int(box.left()), int(box.right()), 2)
            for y in range(int(box.top()), int(box.bottom()), 2)]
    assert sum(dark) > len(dark) // 10
    # above the glyphs the page is blank: the tile is not shifted
    above = view.map_from_page(0, (word.x0 + word.x1) / 2, word.y0 - 6)
    assert pixel(view, above).lightness() > 240


def test_a_long_volume_requests_only_what_is_near_the_view(qtbot, view, service, tmp_path):
    path = make_small(tmp_path / "long.pdf", 2000, "folio")
    with qtbot.waitSignal(view.documentLoaded):
        view.set_document(path)
    view.set_zoom(0.5)
    view.scroll_to(1200)
    assert view.current_page == 1200
    cached_pages = {key[1] for key in service.eviction_order()}
    # the visible pages and a few neighbours, not hundreds
    assert set(view.visible_pages()) <= cached_pages
    assert 1200 in cached_pages
    assert all(p < 10 or 1190 <= p <= 1215 for p in cached_pages)
    assert len(cached_pages) < 30


def test_with_the_asynchronous_service_pages_arrive_and_sharpen(qtbot, tmp_path):
    path = make_volume(tmp_path / "volume.pdf")
    svc = RenderService(workers=1)
    svc.start()
    try:
        view = PageView(svc)
        qtbot.addWidget(view)
        view.resize(600, 700)
        view.show()
        qtbot.waitExposed(view)
        view.set_document(path)
        key = RenderRequest(os.fspath(path), 0, view.render_scale).key
        qtbot.waitUntil(lambda: svc.cached(key) is not None, timeout=20000)
        zoom = view.zoom
        view.set_zoom(zoom * 1.5)
        view.scroll_to(0)
        view.horizontalScrollBar().setValue(0)
        # until the sharper render arrives the stand-in is the earlier one
        assert svc.nearest(os.fspath(path), 0, 0) is not None
        sharper = RenderRequest(os.fspath(path), 0, view.render_scale).key
        qtbot.waitUntil(lambda: svc.cached(sharper) is not None, timeout=20000)
        word = PdfDocument.open(path).words(0)[0]
        box = view.map_rect_from_page(0, (word.x0, word.y0, word.x1, word.y1))
        qtbot.waitUntil(lambda: min(pixel(view, QPointF(x, box.center().y())).lightness()
                                    for x in range(int(box.left()), int(box.right()))) < 120)
    finally:
        svc.shutdown()


DPR_SCRIPT = textwrap.dedent("""
    import json, sys
    from PySide6.QtWidgets import QApplication
    app = QApplication([])
    sys.path.insert(0, sys.argv[2])
    from page_view_pdfs import make_small
    from viewer.qt.page_view import PageView
    from viewer.qt.render_service import RenderRequest, RenderService
    from pathlib import Path
    path = str(make_small(Path(sys.argv[1]), 3, "scale"))
    service = RenderService(synchronous=True)
    service.start()
    view = PageView(service)
    view.setGeometry(100, 100, 600, 700)
    view.show()
    view.set_document(path)
    view.set_zoom(1.0)
    app.processEvents()
    out = {"left": [view.screen().name(), view.devicePixelRatioF(), view.render_scale]}
    view.move(2100, 100)
    for _ in range(5):
        app.processEvents()
    view.viewport().repaint()
    image = service.cached(RenderRequest(path, 0, view.render_scale).key)
    out["right"] = [view.screen().name(), view.devicePixelRatioF(), view.render_scale,
                    image.width() if image is not None else None]
    print(json.dumps(out))
    service.shutdown()
""")


def test_renders_at_the_device_pixel_ratio_of_the_screen(tmp_path):
    script = tmp_path / "dpr.py"
    script.write_text(DPR_SCRIPT)
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen:configfile=" + str(tmp_path / "screens.json")
    # Qt 6 gives a window the scale factor of its screen from QT_SCREEN_SCALE_FACTORS; the
    # offscreen configuration's own "dpr" does not reach the window.
    env["QT_SCREEN_SCALE_FACTORS"] = "Left=1;Right=1.25"
    env["PYTHONPATH"] = os.pathsep.join([str(REPO), env.get("PYTHONPATH", "")])
    (tmp_path / "screens.json").write_text(json.dumps({"screens": [
        {"name": "Left", "x": 0, "y": 0, "width": 1920, "height": 1080, "logicalDpi": 96,
         "dpr": 1},
        {"name": "Right", "x": 1920, "y": 0, "width": 2560, "height": 1440, "logicalDpi": 96,
         "dpr": 1}]}))
    result = subprocess.run([sys.executable, str(script), str(tmp_path / "scale.pdf"),
                             str(Path(__file__).parent)], capture_output=True, text=True,
                            env=env, cwd=REPO, timeout=120)
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout.strip().splitlines()[-1])
    assert out["left"] == ["Left", 1.0, 1.0]
    name, dpr, scale, width = out["right"]
    assert (name, dpr, scale) == ("Right", 1.25, 1.25)
    assert width == round(A4[0] * 1.25)
