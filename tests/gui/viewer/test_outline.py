"""The outline panel built from a document's bookmarks."""

from __future__ import annotations

from PySide6.QtCore import Qt

from page_view_pdfs import make_small, service, volume  # noqa: F401 - fixtures
from viewer.qt.outline import INDEX_ROLE, OutlinePanel
from viewer.qt.page_view import PageView


def _make(qtbot, service):
    view = PageView(service)
    qtbot.addWidget(view)
    view.resize(700, 800)
    view.show()
    panel = OutlinePanel()
    qtbot.addWidget(panel)
    panel.resize(250, 400)
    panel.show()
    qtbot.waitExposed(panel)
    panel.set_view(view)
    return view, panel


def test_bookmarks_form_a_tree_and_a_click_goes_there(qtbot, service, volume):
    view, panel = _make(qtbot, service)
    view.set_document(volume)
    model = panel.model()
    assert panel.item_count == 4
    top = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert top == ["裁定书", "附件"]
    first = model.index(0, 0)
    assert [model.index(r, 0, first).data() for r in range(model.rowCount(first))] == ["事实", "理由"]
    reason = model.index(1, 0, first)
    assert reason.data(INDEX_ROLE) == 4
    with qtbot.waitSignal(view.currentPageChanged) as blocker:
        qtbot.mouseClick(panel.viewport(), Qt.MouseButton.LeftButton,
                         pos=panel.visualRect(reason).center())
    assert blocker.args == [4]
    annex = model.index(1, 0)
    qtbot.mouseClick(panel.viewport(), Qt.MouseButton.LeftButton,
                     pos=panel.visualRect(annex).center())
    assert view.current_page == 8


def test_a_volume_lists_each_document_with_its_own_bookmarks(qtbot, service, volume, tmp_path):
    view, panel = _make(qtbot, service)
    extra = make_small(tmp_path / "notice.pdf", 2, "Notice")
    view.set_documents([(extra, "执行通知书"), (volume, "民事裁定书")])
    model = panel.model()
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == ["执行通知书",
                                                                          "民事裁定书"]
    ruling = model.index(1, 0)
    assert model.rowCount(model.index(0, 0)) == 0 and model.rowCount(ruling) == 2
    facts = model.index(0, 0, model.index(0, 0, ruling))
    assert facts.data() == "事实" and facts.data(INDEX_ROLE) == 2 + 2
    panel.expandAll()
    qtbot.mouseClick(panel.viewport(), Qt.MouseButton.LeftButton,
                     pos=panel.visualRect(facts).center())
    assert view.current_page == 4
    qtbot.mouseClick(panel.viewport(), Qt.MouseButton.LeftButton,
                     pos=panel.visualRect(ruling).center())
    assert view.current_page == 2
