"""Dragging a document from the catalog onto a pane opens it in that pane."""
from __future__ import annotations

import pymupdf
import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from desktop.catalog import DOCUMENT_ID_ROLE
from desktop.main_window import MainWindow
from storage.store import Store
from viewer.qt.render_service import RenderService

CASE = "（2024）陕0823执88号"


@pytest.fixture
def window(qtbot, tmp_path):
    store = Store.initialize("sqlite:///" + (tmp_path / "a.sqlite3").as_posix(), cache_dir=tmp_path / "c")
    store.bootstrap_admin("admin", "")
    admin = store.as_user("admin")
    admin.add_user("judge1", "judge", "pw")
    admin.create_case(CASE, cause="民间借贷纠纷")
    admin.assign(CASE, "judge1", "judge")
    for name, pages in (("判决书", 3), ("银行流水", 2)):
        doc = pymupdf.open()
        for i in range(pages):
            doc.new_page().insert_text((72, 72), f"{name} {i + 1}", fontname="china-s")
        doc.save(tmp_path / f"{name}.pdf")
        admin.import_files(CASE, [tmp_path / f"{name}.pdf"])
    service = RenderService(synchronous=True)
    service.start()
    w = MainWindow(store.as_user("judge1"), service)
    qtbot.addWidget(w)
    w.resize(1400, 900)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.connection.stop()
    service.shutdown()
    store.close()


def catalog_drag(window, title):
    """The mime data the catalog's own model makes when the row of ``title`` is dragged."""
    tree = window.catalog.tree
    model = tree.model()
    rows = []

    def walk(parent):
        for r in range(model.rowCount(parent)):
            index = model.index(r, 0, parent)
            if index.data() == title:
                rows.append(index)
            walk(index)
    walk(tree.rootIndex())
    assert rows and rows[0].data(DOCUMENT_ID_ROLE) is not None
    return model.mimeData([rows[0]])


def drop(widget, mime):
    pos = QPoint(widget.width() // 2, widget.height() // 2)
    enter = QDragEnterEvent(pos, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, enter)
    if not enter.isAccepted():
        return False
    event = QDropEvent(QPointF(pos), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, event)
    return event.isAccepted()


def test_a_document_dropped_on_the_right_pane_opens_there(window):
    assert drop(window.panes["right"], catalog_drag(window, "银行流水"))
    assert window.panes["right"].title == "银行流水"
    assert window.panes["right"].view.page_count == 2
    assert window.panes["left"].view.page_count == 0
    assert drop(window.panes["left"], catalog_drag(window, "判决书"))
    assert window.panes["left"].view.page_count == 3


def test_other_drags_are_refused(window):
    text = QMimeData()
    text.setText("判决书")
    assert not drop(window.panes["left"], text)
    assert window.panes["left"].view.page_count == 0
    assert window.panes["left"].acceptDrops()
