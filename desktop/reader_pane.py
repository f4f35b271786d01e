"""One reading pane: a page view with its tool row, find bar, thumbnails and outline."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QInputDialog, QLabel, QLineEdit, QSpinBox,
                               QSplitter, QTabWidget, QToolBar, QVBoxLayout, QWidget)

from viewer.qt.outline import OutlinePanel
from viewer.qt.page_view import PageView
from viewer.qt.search_bar import FindBar
from viewer.qt.thumbnails import ThumbnailStrip

ZOOM_STEPS = (0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 3.0, 4.0)


class ReaderPane(QWidget):
    """A document (or a volume read as one book) in a continuous page view."""

    statusChanged = Signal()

    def __init__(self, service, name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(name)
        self.title = ""
        self.view = PageView(service, self)
        self.find_bar = FindBar(self.view, self)
        self.find_bar.hide()
        self.thumbnails = ThumbnailStrip(service, self)
        self.thumbnails.set_view(self.view)
        self.outline = OutlinePanel(self)
        self.outline.set_view(self.view)

        self.side = QTabWidget(self)
        self.side.addTab(self.thumbnails, self.tr("Pages"))
        self.side.addTab(self.outline, self.tr("Outline"))
        self.side.setDocumentMode(True)

        self.title_label = QLabel(self)
        self.title_label.setObjectName("paneTitle")
        self.title_label.setTextFormat(Qt.TextFormat.PlainText)
        self.tools = self._make_tools()

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.side)
        right = QWidget(splitter)
        col = QVBoxLayout(right)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(0)
        col.addWidget(self.view, 1)
        col.addWidget(self.find_bar)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([150, 800])
        self.splitter = splitter

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        head = QHBoxLayout()
        head.setContentsMargins(6, 2, 6, 2)
        head.addWidget(self.title_label, 1)
        head.addWidget(self.tools)
        layout.addLayout(head)
        layout.addWidget(splitter, 1)

        self.view.currentPageChanged.connect(self._on_page)
        self.view.zoomChanged.connect(self._on_zoom)
        self.view.documentLoaded.connect(self._on_loaded)
        self.view.passwordRequired.connect(self._ask_password)
        self._on_loaded()

    # -- tool row ------------------------------------------------------------------------------
    def _make_tools(self) -> QToolBar:
        bar = QToolBar(self)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        bar.setIconSize(bar.iconSize() * 0.8)
        self.page_box = QSpinBox(bar)
        self.page_box.setMinimum(1)
        self.page_box.setKeyboardTracking(False)
        self.page_box.setToolTip(self.tr("Go to page"))
        self.page_box.valueChanged.connect(lambda n: self.view.go_to_page(n - 1))
        self.page_total = QLabel(bar)
        bar.addWidget(self.page_box)
        bar.addWidget(self.page_total)
        bar.addSeparator()
        self.act_zoom_out = bar.addAction(self.tr("−"), self.view.zoom_out)
        self.act_zoom_out.setToolTip(self.tr("Zoom out"))
        self.zoom_box = QComboBox(bar)
        self.zoom_box.setEditable(True)
        self.zoom_box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.zoom_box.addItem(self.tr("Fit width"), "width")
        self.zoom_box.addItem(self.tr("Fit page"), "page")
        for z in ZOOM_STEPS:
            self.zoom_box.addItem(f"{round(z * 100)}%", z)
        self.zoom_box.setMinimumContentsLength(7)
        self.zoom_box.activated.connect(self._zoom_chosen)
        self.zoom_box.lineEdit().editingFinished.connect(self._zoom_typed)
        bar.addWidget(self.zoom_box)
        self.act_zoom_in = bar.addAction(self.tr("+"), self.view.zoom_in)
        self.act_zoom_in.setToolTip(self.tr("Zoom in"))
        bar.addSeparator()
        self.act_rotate = bar.addAction(self.tr("Rotate"), lambda: self.view.rotate_view(90))
        self.act_rotate.setToolTip(self.tr("Rotate the view by 90°"))
        self.act_find = QAction(self.tr("Find"), self)
        self.act_find.setShortcut(QKeySequence(QKeySequence.StandardKey.Find))
        self.act_find.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.act_find.triggered.connect(self.find_bar.open)
        bar.addAction(self.act_find)
        return bar

    def _zoom_chosen(self, index: int) -> None:
        data = self.zoom_box.itemData(index)
        if isinstance(data, str):
            self.view.set_fit_mode(data)
        else:
            self.view.set_zoom(float(data))

    def _zoom_typed(self) -> None:
        text = self.zoom_box.currentText().strip().rstrip("%").strip()
        try:
            self.view.set_zoom(float(text) / 100.0)
        except ValueError:
            self._on_zoom(self.view.zoom)

    # -- content -------------------------------------------------------------------------------
    def show_document(self, path: str, title: str) -> bool:
        self.title = title
        self.title_label.setText(title)
        return self.view.set_documents([(path, title)])

    def show_book(self, title: str, items: list[tuple[str, str]]) -> bool:
        """Several documents in order, continuous, boundaries marked: a volume read as one book."""
        self.title = title
        self.title_label.setText(title)
        return self.view.set_documents(items)

    def _ask_password(self, path: str) -> None:
        password, ok = QInputDialog.getText(
            self, self.tr("Password required"),
            self.tr("This document is encrypted. Enter its password:"), QLineEdit.EchoMode.Password)
        if ok and password:
            self.view.set_documents([(path, self.title or None, password)])

    # -- status --------------------------------------------------------------------------------
    def _on_loaded(self) -> None:
        count = self.view.page_count
        self.page_box.blockSignals(True)
        self.page_box.setMaximum(max(1, count))
        self.page_box.setEnabled(count > 0)
        self.page_box.blockSignals(False)
        self.page_total.setText(self.tr(" / %1").replace("%1", str(count)))
        self._on_page(self.view.current_page)
        self._on_zoom(self.view.zoom)

    def _on_page(self, index: int) -> None:
        self.page_box.blockSignals(True)
        self.page_box.setValue(max(1, index + 1))
        self.page_box.blockSignals(False)
        self.statusChanged.emit()

    def _on_zoom(self, zoom: float) -> None:
        self.zoom_box.lineEdit().setText(f"{round(zoom * 100)}%")
        self.statusChanged.emit()
