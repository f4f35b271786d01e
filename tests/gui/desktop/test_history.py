"""Back and forward per pane: the places jumps left, walked with the buttons and Alt+Left/Right."""
from __future__ import annotations

import pymupdf
import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from desktop.history import PaneHistory, Place
from desktop.reader_pane import ReaderPane
from viewer.qt.render_service import RenderService


def place(page, doc="a"):
    return Place(((f"/{doc}.pdf", doc),), doc, page)


def test_back_returns_to_where_each_jump_left_and_forward_undoes_it():
    h = PaneHistory()
    assert h.back(place(0)) is None and h.forward(place(0)) is None
    h.jumped(place(0), place(5))
    h.jumped(place(5), place(9, "b"))
    assert h.back(place(9, "b")) == place(5)
    assert h.back(place(5)) == place(0)
    assert not h.can_go_back() and h.can_go_forward()
    assert h.forward(place(0)) == place(5)
    assert h.forward(place(5)) == place(9, "b")
    assert not h.can_go_forward()


def test_a_new_jump_forgets_the_forward_places_and_no_jump_is_not_kept():
    h = PaneHistory()
    h.jumped(place(0), place(3))
    h.back(place(3))
    h.jumped(place(0), place(7))
    assert not h.can_go_forward()
    h.jumped(place(7), place(7))
    h.jumped(None, place(1))
    assert h.back(place(7)) == place(0) and not h.can_go_back()


def test_the_history_is_bounded():
    h = PaneHistory(limit=3)
    for page in range(10):
        h.jumped(place(page), place(page + 1))
    assert [h.back(None).page for _ in range(3)] == [9, 8, 7]
    assert h.back(None) is None


def make_pdf(path, pages, label, link_to=None, toc=None):
    doc = pymupdf.open()
    for i in range(pages):
        doc.new_page().insert_text((72, 72), f"{label} {i + 1}", fontname="china-s")
    if link_to is not None:
        doc[0].insert_link({"kind": pymupdf.LINK_GOTO, "from": pymupdf.Rect(60, 100, 300, 160),
                            "page": link_to, "to": pymupdf.Point(0, 0)})
    if toc:
        doc.set_toc(toc)
    doc.save(path)
    return str(path)


@pytest.fixture
def pane(qtbot):
    service = RenderService(synchronous=True)
    service.start()
    p = ReaderPane(service, "left")
    qtbot.addWidget(p)
    p.resize(900, 700)
    p.show()
    qtbot.waitExposed(p)
    yield p
    service.shutdown()


def test_go_to_page_other_documents_and_back_and_forward(qtbot, pane, tmp_path):
    a = make_pdf(tmp_path / "a.pdf", 6, "卷宗")
    b = make_pdf(tmp_path / "b.pdf", 2, "证据")
    assert not pane.act_back.isEnabled()
    pane.show_document(a, "卷宗")
    assert not pane.act_back.isEnabled()     # the first document is no jump
    pane.page_box.setValue(5)                # go-to-page: page index 4
    assert pane.view.current_page == 4 and pane.act_back.isEnabled()
    pane.view.next_page()                    # stepping is not a jump
    pane.show_document(b, "证据")
    assert pane.title == "证据"

    pane.act_back.trigger()
    assert (pane.title, pane.view.current_page) == ("卷宗", 5)
    pane.act_back.trigger()
    assert (pane.title, pane.view.current_page) == ("卷宗", 0)
    assert not pane.act_back.isEnabled() and pane.act_forward.isEnabled()
    pane.act_forward.trigger()
    pane.act_forward.trigger()
    assert (pane.title, pane.view.current_page) == ("证据", 0)
    assert pane.view.page_count == 2 and not pane.act_forward.isEnabled()


def test_links_and_outline_entries_are_jumps(qtbot, pane, tmp_path):
    path = make_pdf(tmp_path / "c.pdf", 5, "判决书", link_to=3,
                    toc=[[1, "一、当事人", 2], [1, "二、判决主文", 5]])
    pane.show_document(path, "判决书")
    pane.view.set_zoom(1.0)
    pane.view.scroll_to(0)
    spot = pane.view.map_from_page(0, 150, 130).toPoint()
    QTest.mouseClick(pane.view.viewport(), Qt.MouseButton.LeftButton, pos=spot)
    assert pane.view.current_page == 3
    model = pane.outline.model()
    pane.outline.activated.emit(model.index(1, 0))
    assert pane.view.current_page == 4
    assert pane.go_back() and pane.view.current_page == 3
    assert pane.go_back() and pane.view.current_page == 0
    assert not pane.go_back()


def test_alt_left_and_alt_right_walk_the_history(qtbot, pane, tmp_path):
    pane.show_document(make_pdf(tmp_path / "d.pdf", 4, "笔录"), "笔录")
    pane.view.go_to_page(3)
    pane.activateWindow()
    pane.view.setFocus()
    qtbot.waitUntil(pane.view.hasFocus)
    QTest.keyClick(pane.view, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert pane.view.current_page == 0
    QTest.keyClick(pane.view, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert pane.view.current_page == 3
