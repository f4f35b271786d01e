"""The find bar on a real page view: progressive search, highlights, next/previous, count."""

from __future__ import annotations

import pymupdf
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLayout, QVBoxLayout, QWidget

from page_view_pdfs import NEEDLE_PAGES, service, volume  # noqa: F401 - fixtures
from viewer.qt.page_view import PageView
from viewer.qt.search_bar import FindBar, PageSearch


@pytest.fixture
def bar(qtbot, service, volume):
    # as a window holds them: the bar under the view
    window = QWidget()
    qtbot.addWidget(window)
    view = PageView(service, window)
    bar = FindBar(view, window)
    column = QVBoxLayout(window)
    # no minimum size pushed to the window (the offscreen platform warns about it)
    column.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
    column.addWidget(view)
    column.addWidget(bar)
    bar.hide()
    window.resize(700, 850)
    window.show()
    qtbot.waitExposed(window)
    view.set_document(volume)
    window.parts = (bar, view)  # the window keeps its children's wrappers alive
    yield bar, view
    window.close()


def test_ctrl_f_opens_the_bar_and_a_search_counts_and_highlights(qtbot, bar):
    bar, view = bar
    qtbot.keyClick(view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert bar.isVisible()
    with qtbot.waitSignal(bar.searchFinished) as blocker:
        qtbot.keyClicks(bar.edit, "NEEDLE")
        qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
    assert blocker.args == [len(NEEDLE_PAGES)]
    assert [h.index for h in view.search_hits] == list(NEEDLE_PAGES)
    assert bar.count_label.text() == f"1 / {len(NEEDLE_PAGES)}"
    assert view.current_search_hit == 0 and view.current_page == NEEDLE_PAGES[0]


def test_next_previous_with_f3_enter_and_wrap(qtbot, bar):
    bar, view = bar
    with qtbot.waitSignal(bar.searchFinished):
        bar.search("needle")
    total = len(NEEDLE_PAGES)
    qtbot.keyClick(view, Qt.Key.Key_F3)
    assert bar.count_label.text() == f"2 / {total}" and view.current_page == NEEDLE_PAGES[1]
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)   # Enter on an unchanged query: next
    assert bar.current_hit == 2 and view.current_search_hit == 2
    qtbot.keyClick(bar.edit, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert bar.current_hit == 1
    qtbot.keyClick(view, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(view, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert bar.count_label.text() == f"{total} / {total}"   # wrapped to the last
    assert view.current_page == NEEDLE_PAGES[-1]
    bar.find_next()
    assert bar.count_label.text() == f"1 / {total}"
    qtbot.keyClick(bar.edit, Qt.Key.Key_Escape)
    assert not bar.isVisible() and view.search_hits == ()


def test_search_starts_at_the_readers_page(qtbot, bar):
    bar, view = bar
    view.scroll_to(6)
    with qtbot.waitSignal(bar.searchFinished):
        bar.search("needle")
    # the first match at or after page 6 is the third one (page 7)
    assert bar.current_hit == 2 and view.current_page == 7


def test_chinese_query_and_no_match(qtbot, bar):
    bar, view = bar
    with qtbot.waitSignal(bar.searchFinished) as blocker:
        bar.search("履行义务")
    assert blocker.args == [1] and view.search_hits[0].index == 0
    with qtbot.waitSignal(bar.searchFinished) as blocker:
        bar.search("裁定驳回")
    assert blocker.args == [0] and bar.count_label.text() == "No matches"


def test_a_long_volume_is_searched_in_slices(qtbot, service, tmp_path):
    path = tmp_path / "long.pdf"
    doc = pymupdf.open()
    for n in range(2000):
        page = doc.new_page()
        page.insert_text((72, 72), f"entry {n}", fontsize=11)
        if n % 250 == 0:
            page.insert_text((72, 100), "查封", fontname="china-s", fontsize=11)
    doc.save(path)
    doc.close()
    view = PageView(service)
    qtbot.addWidget(view)
    view.set_document(path)
    search = PageSearch(view, "查封", slice_seconds=0.0)
    slices, found = [], []
    search.progress.connect(lambda done, total: slices.append(done))
    search.hitsFound.connect(found.extend)
    with qtbot.waitSignal(search.finished, timeout=60000):
        search.start()
    # the event loop ran between slices: the work came back in many pieces
    assert len(slices) > 10 and slices[-1] == 2000
    assert [h.index for h in found] == list(range(0, 2000, 250))
