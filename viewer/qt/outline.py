"""The outline panel: a document's bookmarks as a tree; clicking one goes there in the view.

For a volume of several documents each document is a top-level row (clicking it goes to the
document's first page) with its own bookmarks beneath.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QTreeView, QWidget

from viewer.core.document import DocumentError
from viewer.qt.page_view import PageView

INDEX_ROLE = Qt.ItemDataRole.UserRole + 1
Y_ROLE = Qt.ItemDataRole.UserRole + 2


class OutlinePanel(QTreeView):
    """Bookmarks of the documents a page view shows."""

    # (view page index, y in page points) of the bookmark chosen
    destinationActivated = Signal(int, float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._view: PageView | None = None
        self._model = QStandardItemModel(self)
        self.setModel(self._model)
        self.setHeaderHidden(True)
        self.setUniformRowHeights(True)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setExpandsOnDoubleClick(False)
        self.clicked.connect(self._on_activated)
        self.activated.connect(self._on_activated)

    @property
    def item_count(self) -> int:
        """Rows in the tree, at every level."""
        def count(parent: QModelIndex) -> int:
            n = self._model.rowCount(parent)
            return n + sum(count(self._model.index(r, 0, parent)) for r in range(n))
        return count(QModelIndex())

    def set_view(self, view: PageView) -> None:
        """Show the bookmarks of ``view``'s documents and navigate it on click."""
        if self._view is not None:
            self._view.documentLoaded.disconnect(self.rebuild)
        self._view = view
        view.documentLoaded.connect(self.rebuild)
        self.rebuild()

    def rebuild(self) -> None:
        """Read the bookmarks again from the view's documents."""
        self._model.clear()
        view = self._view
        if view is None:
            return
        root = self._model.invisibleRootItem()
        several = len(view.segments) > 1
        for seg in view.segments:
            parent = root
            if several:
                parent = self._item(seg.title, seg.first, 0.0)
                root.appendRow(parent)
            try:
                entries = seg.document.outline()
            except (DocumentError, RuntimeError, ValueError):
                entries = []  # a damaged outline leaves the pages readable
            # stack[k] is the latest item at level k + 1; deeper levels hang under it.
            stack: list[QStandardItem] = [parent]
            for entry in entries:
                index = seg.first + entry.page if 0 <= entry.page < seg.count else -1
                item = self._item(entry.title, index, entry.y)
                level = max(1, min(int(entry.level), len(stack)))
                del stack[level:]
                stack[-1].appendRow(item)
                stack.append(item)
        self.expandToDepth(0)

    def _item(self, title: str, index: int, y: float) -> QStandardItem:
        item = QStandardItem(title)
        item.setData(index, INDEX_ROLE)
        item.setData(float(y), Y_ROLE)
        item.setToolTip(title)
        if index < 0:
            item.setEnabled(False)  # a bookmark that points nowhere
        return item

    def _on_activated(self, idx: QModelIndex) -> None:
        index = idx.data(INDEX_ROLE)
        if index is None or index < 0:
            return
        y = float(idx.data(Y_ROLE) or 0.0)
        if self._view is not None:
            self._view.scroll_to(index, y)
        self.destinationActivated.emit(index, y)
