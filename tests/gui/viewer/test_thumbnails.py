"""The thumbnail strip as a second observer of the render service."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from page_view_pdfs import PAGE_COUNT, service, volume  # noqa: F401 - fixtures
from viewer.qt.page_view import PageView
from viewer.qt.thumbnails import IMAGE_ROLE, ThumbnailStrip


@pytest.fixture
def pair(qtbot, service, volume):
    view = PageView(service)
    qtbot.addWidget(view)
    view.resize(700, 800)
    view.show()
    strip = ThumbnailStrip(service, size=100)
    qtbot.addWidget(strip)
    strip.resize(140, 500)
    strip.show()
    qtbot.waitExposed(strip)
    strip.set_view(view)
    view.set_document(volume)
    return view, strip


def test_rows_show_page_images_as_thumbnails(qtbot, pair, service):
    view, strip = pair
    model = strip.model()
    assert model.rowCount() == PAGE_COUNT
    strip.viewport().repaint()
    image = model.index(0).data(IMAGE_ROLE)
    assert image is not None and max(image.width(), image.height()) <= 100
    # landscape page 3 keeps its shape
    strip.scrollTo(model.index(2))
    wide = model.index(2).data(IMAGE_ROLE)
    assert wide.width() > wide.height()
    # these were thumbnail requests under the strip's own name
    assert any(key[5] == 100 for key in service.eviction_order())


def test_clicking_a_thumbnail_goes_to_its_page(qtbot, pair):
    view, strip = pair
    index = strip.model().index(4)
    strip.scrollTo(index)
    rect = strip.visualRect(index)
    with qtbot.waitSignal(strip.pageActivated) as blocker:
        qtbot.mouseClick(strip.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == [4]
    assert view.current_page == 4


def test_the_current_page_is_highlighted_as_the_view_scrolls(qtbot, pair):
    view, strip = pair
    assert strip.currentIndex().row() == 0
    view.scroll_to(9)
    assert strip.currentIndex().row() == 9
    assert strip.selectionModel().isSelected(strip.model().index(9))
    assert 9 in strip.visible_rows()
