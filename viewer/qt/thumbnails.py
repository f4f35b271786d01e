"""The thumbnail strip beside a page view: small page images, click to go there.

It is a second observer of the view's render service: it asks for cheap thumbnails
(``RenderRequest.thumbnail``) only for the rows on screen, under its own owner name, and drops
what scrolled away. The list paints rows lazily, so a 2,000-page volume costs nothing until
scrolled to.
"""

from __future__ import annotations

import itertools

from PySide6.QtCore import (QAbstractListModel, QModelIndex, QPersistentModelIndex, QPoint,
                            QRect, QRectF, QSize, Qt, QTimer, Signal)
from PySide6.QtGui import QColor, QImage, QPainter, QPen
from PySide6.QtWidgets import (QAbstractItemView, QListView, QSizePolicy, QStyle,
                               QStyledItemDelegate, QStyleOptionViewItem, QWidget)

from viewer.qt.page_view import PageView
from viewer.qt.render_service import RenderRequest

IMAGE_ROLE = Qt.ItemDataRole.UserRole + 1
SIZE_ROLE = Qt.ItemDataRole.UserRole + 2

_owner_ids = itertools.count(1)


class ThumbnailModel(QAbstractListModel):
    """One row per page of a view; the image role asks the service the first time it is read."""

    def __init__(self, service, max_px: int, parent=None) -> None:
        super().__init__(parent)
        self._service = service
        self.owner = f"thumbnails-{next(_owner_ids)}"
        self._view: PageView | None = None
        self._max_px = max_px
        self._images: dict[int, QImage] = {}
        self._requested: dict[tuple, int] = {}
        self._failed: set[int] = set()
        service.rendered.connect(self._on_rendered)
        service.failed.connect(self._on_failed)

    def set_view(self, view: PageView | None) -> None:
        """Show the pages of ``view`` (or nothing)."""
        self.beginResetModel()
        self._view = view
        self._images.clear()
        self._requested.clear()
        self._failed.clear()
        self._service.cancel(self.owner)
        self.endResetModel()

    def set_max_px(self, max_px: int) -> None:
        """Ask for thumbnails of at most ``max_px`` device pixels from now on."""
        if max_px != self._max_px:
            self._max_px = max_px
            self.set_view(self._view)

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt override
        if parent.isValid() or self._view is None:
            return 0
        return self._view.page_count

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or self._view is None:
            return None
        row = index.row()
        if role == Qt.ItemDataRole.DisplayRole:
            return str(self._view.sources[row].page + 1)
        if role == Qt.ItemDataRole.ToolTipRole:
            src = self._view.sources[row]
            return self.tr("%1 – page %2").replace("%1", src.title).replace("%2",
                                                                          str(src.page + 1))
        if role == SIZE_ROLE:
            return self._view.page_size(row)
        if role == IMAGE_ROLE:
            image = self._images.get(row)
            if image is None and row not in self._failed:
                self._ask(row)
                image = self._images.get(row)
            return image
        return None

    def _request(self, row: int) -> RenderRequest:
        src = self._view.sources[row]
        return RenderRequest(path=src.path, page=src.page, scale=1.0, priority=1,
                             owner=self.owner, thumbnail=self._max_px,
                             password=self._view.password_for(src.path))

    def _ask(self, row: int) -> None:
        req = self._request(row)
        if req.key in self._requested:
            return
        self._requested[req.key] = row
        image = self._service.request(req)
        if image is not None:
            self._images[row] = image

    def keep_only(self, rows: range) -> None:
        """Drop queued thumbnails outside ``rows`` (they scrolled away)."""
        keep = {k for k, r in self._requested.items() if r in rows}
        self._service.cancel(self.owner, keep=lambda req: req.key in keep)
        self._requested = {k: r for k, r in self._requested.items()
                           if k in keep or self._images.get(r) is not None}

    def _on_rendered(self, req, image: QImage) -> None:
        row = self._requested.get(req.key)
        if row is None or row in self._images:
            return
        self._images[row] = image
        idx = self.index(row)
        self.dataChanged.emit(idx, idx, [IMAGE_ROLE])

    def _on_failed(self, req, _reason: str) -> None:
        row = self._requested.get(req.key)
        if row is not None:
            self._failed.add(row)


class ThumbnailDelegate(QStyledItemDelegate):
    """Paints a page image fitted into the cell, a frame for the current page, the number below."""

    def __init__(self, size: int, parent=None) -> None:
        super().__init__(parent)
        self.size = size

    def sizeHint(self, option, index) -> QSize:  # noqa: N802 - Qt override
        return QSize(self.size + 16, self.size + 12 + option.fontMetrics.height())

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index) -> None:
        painter.save()
        cell = option.rect
        box = QRect(cell.left() + (cell.width() - self.size) // 2, cell.top() + 4, self.size,
                    self.size)
        w, h = index.data(SIZE_ROLE) or (1.0, 1.41)
        scale = min(box.width() / w, box.height() / h)
        page = QRectF(0, 0, w * scale, h * scale)
        page.moveCenter(QRectF(box).center())
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        if selected:
            painter.fillRect(cell, option.palette.highlight())
        image = index.data(IMAGE_ROLE)
        if isinstance(image, QImage) and not image.isNull():
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
            painter.drawImage(page, image, QRectF(image.rect()))
        else:
            painter.fillRect(page, QColor(0xf4, 0xf4, 0xf2))
        painter.setPen(QPen(QColor(0x60, 0x60, 0x60), 1))
        painter.drawRect(page.adjusted(-0.5, -0.5, 0.5, 0.5))
        text_rect = QRect(cell.left(), box.bottom() + 3, cell.width(),
                          option.fontMetrics.height())
        role = (option.palette.ColorRole.HighlightedText if selected
                else option.palette.ColorRole.Text)
        painter.setPen(option.palette.color(role))
        painter.drawText(text_rect, int(Qt.AlignmentFlag.AlignCenter), str(index.data()))
        painter.restore()


class ThumbnailStrip(QListView):
    """A vertical strip of page thumbnails that follows and drives a page view."""

    pageActivated = Signal(int)

    def __init__(self, service, parent: QWidget | None = None, size: int = 110) -> None:
        super().__init__(parent)
        self._size = size
        self._view: PageView | None = None
        self._model = ThumbnailModel(service, self._device_px(), self)
        self.setModel(self._model)
        self.setItemDelegate(ThumbnailDelegate(size, self))
        self.setUniformItemSizes(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setMinimumWidth(size + 16 + self.verticalScrollBar().sizeHint().width())
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)
        self.clicked.connect(self._on_clicked)
        self.activated.connect(self._on_clicked)
        self._prune = QTimer(self)
        self._prune.setSingleShot(True)
        self._prune.setInterval(100)
        self._prune.timeout.connect(self._drop_unseen)
        self.verticalScrollBar().valueChanged.connect(lambda _v: self._prune.start())

    @property
    def model_(self) -> ThumbnailModel:
        """The strip's model."""
        return self._model

    @property
    def owner(self) -> str:
        """The name the strip's render requests carry."""
        return self._model.owner

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        frame = 2 * self.frameWidth()
        return QSize(self._size + 16 + self.verticalScrollBar().sizeHint().width() + frame, 400)

    def set_view(self, view: PageView) -> None:
        """Follow ``view``: show its pages, highlight its current page, navigate it on click."""
        if self._view is not None:
            self._view.documentLoaded.disconnect(self._reload)
            self._view.currentPageChanged.disconnect(self._follow)
        self._view = view
        view.documentLoaded.connect(self._reload)
        view.currentPageChanged.connect(self._follow)
        self._reload()

    def visible_rows(self) -> range:
        """Rows at least partly on screen."""
        count = self._model.rowCount()
        if not count:
            return range(0)
        first = self.indexAt(self.viewport().rect().topLeft() + self._probe())
        last = self.indexAt(self.viewport().rect().bottomLeft() + self._probe(-1))
        a = first.row() if first.isValid() else 0
        b = last.row() if last.isValid() else count - 1
        return range(a, b + 1)

    def _probe(self, dy: int = 1) -> QPoint:
        return QPoint(self.viewport().width() // 2, dy)

    def _device_px(self) -> int:
        return max(16, round(self._size * self.devicePixelRatioF()))

    def _reload(self) -> None:
        self._model.set_max_px(self._device_px())
        self._model.set_view(self._view)
        if self._view is not None and self._view.current_page >= 0:
            self._follow(self._view.current_page)

    def _follow(self, index: int) -> None:
        if index < 0 or index >= self._model.rowCount():
            self.clearSelection()
            return
        idx = self._model.index(index)
        if self.currentIndex() != idx:
            self.setCurrentIndex(idx)
        self.scrollTo(idx, QAbstractItemView.ScrollHint.EnsureVisible)

    def _on_clicked(self, idx: QModelIndex | QPersistentModelIndex) -> None:
        if not idx.isValid():
            return
        row = idx.row()
        if self._view is not None:
            self._view.scroll_to(row)
        self.pageActivated.emit(row)

    def _drop_unseen(self) -> None:
        self._model.keep_only(self.visible_rows())
