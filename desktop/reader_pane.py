"""One reading pane: a page view with its tool row, find bar, thumbnails and outline."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QInputDialog, QLabel, QLineEdit, QSizePolicy,
                               QSpinBox, QSplitter, QTabWidget, QToolBar, QVBoxLayout, QWidget)

from viewer.qt.outline import OutlinePanel
from viewer.qt.page_view import PageView
from viewer.qt.search_bar import FindBar
from viewer.qt.thumbnails import ThumbnailStrip

from .catalog import document_ids_from_mime
from .history import PaneHistory, Place
from .icons import icon

ZOOM_STEPS = (0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 3.0, 4.0)


class ReaderPane(QWidget):
    """A document (or a volume read as one book) in a continuous page view."""

    statusChanged = Signal()
    documentsDropped = Signal(list)   # document ids dragged from the catalog onto this pane

    def __init__(self, service, name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(name)
        self.title = ""
        self._items: tuple[tuple[str, str], ...] = ()
        self.history = PaneHistory()
        self.setAcceptDrops(True)
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
        # A long title must not widen the pane; the full text stays in the tooltip.
        self.title_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
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
        self.view.jumped.connect(self._on_jumped)
        self._on_loaded()

    # -- tool row ------------------------------------------------------------------------------
    def _make_tools(self) -> QToolBar:
        bar = QToolBar(self)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        bar.setIconSize(QSize(18, 18))
        self.act_back = QAction(icon("go-back"), self.tr("Back"), self)
        self.act_back.setShortcut(QKeySequence(QKeySequence.StandardKey.Back))
        self.act_back.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.act_back.setToolTip(self.tr("Back to where you jumped from (Alt+Left)"))
        self.act_back.triggered.connect(self.go_back)
        self.act_forward = QAction(icon("go-forward"), self.tr("Forward"), self)
        self.act_forward.setShortcut(QKeySequence(QKeySequence.StandardKey.Forward))
        self.act_forward.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.act_forward.setToolTip(self.tr("Forward again (Alt+Right)"))
        self.act_forward.triggered.connect(self.go_forward)
        bar.addAction(self.act_back)
        bar.addAction(self.act_forward)
        # On the pane too, so that the keys work wherever the focus is inside it.
        self.addActions([self.act_back, self.act_forward])
        bar.addSeparator()
        self.page_box = QSpinBox(bar)
        self.page_box.setMinimum(1)
        self.page_box.setKeyboardTracking(False)
        self.page_box.setToolTip(self.tr("Go to page"))
        self.page_box.valueChanged.connect(lambda n: self.view.go_to_page(n - 1))
        self.page_total = QLabel(bar)
        bar.addWidget(self.page_box)
        bar.addWidget(self.page_total)
        bar.addSeparator()
        self.act_zoom_out = bar.addAction(icon("zoom-out"), self.tr("Zoom out"), self.view.zoom_out)
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
        self.act_zoom_in = bar.addAction(icon("zoom-in"), self.tr("Zoom in"), self.view.zoom_in)
        self.act_zoom_in.setToolTip(self.tr("Zoom in"))
        self.act_fit_width = bar.addAction(icon("fit-width"), self.tr("Fit width"),
                                           lambda: self.view.set_fit_mode("width"))
        self.act_fit_width.setToolTip(self.tr("Fit the page width to the pane"))
        self.act_fit_page = bar.addAction(icon("fit-page"), self.tr("Fit page"),
                                          lambda: self.view.set_fit_mode("page"))
        self.act_fit_page.setToolTip(self.tr("Show the whole page"))
        bar.addSeparator()
        self.act_rotate = bar.addAction(icon("rotate"), self.tr("Rotate"), lambda: self.view.rotate_view(90))
        self.act_rotate.setToolTip(self.tr("Rotate the view by 90°"))
        self.act_find = QAction(icon("find"), self.tr("Find"), self)
        self.act_find.setToolTip(self.tr("Find text in this pane (Ctrl+F)"))
        self.act_find.setShortcut(QKeySequence(QKeySequence.StandardKey.Find))
        self.act_find.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.act_find.triggered.connect(self.find_bar.open)
        bar.addAction(self.act_find)
        self._update_history_actions()
        return bar

    def add_tool_row(self, row: QWidget) -> None:
        """Put a further tool row (e.g. the annotation tools) under the title row."""
        self.layout().insertWidget(1, row)

    def retranslate(self) -> None:
        """Show the tool row and side tabs in the interface language now in force."""
        self.side.setTabText(self.side.indexOf(self.thumbnails), self.tr("Pages"))
        self.side.setTabText(self.side.indexOf(self.outline), self.tr("Outline"))
        self.act_back.setText(self.tr("Back"))
        self.act_back.setToolTip(self.tr("Back to where you jumped from (Alt+Left)"))
        self.act_forward.setText(self.tr("Forward"))
        self.act_forward.setToolTip(self.tr("Forward again (Alt+Right)"))
        self.page_box.setToolTip(self.tr("Go to page"))
        self.act_zoom_out.setText(self.tr("Zoom out"))
        self.act_zoom_out.setToolTip(self.tr("Zoom out"))
        self.zoom_box.setItemText(self.zoom_box.findData("width"), self.tr("Fit width"))
        self.zoom_box.setItemText(self.zoom_box.findData("page"), self.tr("Fit page"))
        self.act_zoom_in.setText(self.tr("Zoom in"))
        self.act_zoom_in.setToolTip(self.tr("Zoom in"))
        self.act_fit_width.setText(self.tr("Fit width"))
        self.act_fit_width.setToolTip(self.tr("Fit the page width to the pane"))
        self.act_fit_page.setText(self.tr("Fit page"))
        self.act_fit_page.setToolTip(self.tr("Show the whole page"))
        self.act_rotate.setText(self.tr("Rotate"))
        self.act_rotate.setToolTip(self.tr("Rotate the view by 90°"))
        self.act_find.setText(self.tr("Find"))
        self.act_find.setToolTip(self.tr("Find text in this pane (Ctrl+F)"))
        # The page total, and the zoom text an item rename may have replaced in the edit field.
        self._on_loaded()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

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
        """Show one document from its first page; the place left is kept for Back."""
        return self.show_book(title, [(path, title)])

    def show_book(self, title: str, items: list[tuple[str, str]]) -> bool:
        """Several documents in order, continuous, boundaries marked: a volume read as one book."""
        items = tuple((str(path), str(name)) for path, name in items)
        origin = self.place()
        shown = self._show(title, items)
        if shown:
            self.history.jumped(origin, self.place())
            self._update_history_actions()
        return shown

    def _show(self, title: str, items: tuple[tuple[str, str], ...]) -> bool:
        self.title = title
        self._items = items
        self.title_label.setText(title)
        self.title_label.setToolTip(title)
        return self.view.set_documents(list(items))

    # -- history -------------------------------------------------------------------------------
    def place(self, page: int | None = None) -> Place | None:
        """Where this pane is (or ``page`` of what it shows); None while it shows nothing."""
        if not self._items or not self.view.page_count:
            return None
        return Place(self._items, self.title, self.view.current_page if page is None else page)

    def go_back(self) -> bool:
        """Return to the place the last jump left; False if there is none."""
        return self._go(self.history.back(self.place()))

    def go_forward(self) -> bool:
        """Undo the last Back; False if there is nothing to redo."""
        return self._go(self.history.forward(self.place()))

    def _go(self, place: Place | None) -> bool:
        if place is None:
            return False
        # Walking the history is not a new jump: keep the view from reporting it.
        self.view.jumped.disconnect(self._on_jumped)
        try:
            if place.items != self._items or not self.view.page_count:
                self._show(place.title, place.items)
            self.view.go_to_page(place.page)
        finally:
            self.view.jumped.connect(self._on_jumped)
            self._update_history_actions()
        return True

    def _on_jumped(self, origin: int, target: int) -> None:
        self.history.jumped(self.place(origin), self.place(target))
        self._update_history_actions()

    def _update_history_actions(self) -> None:
        self.act_back.setEnabled(self.history.can_go_back())
        self.act_forward.setEnabled(self.history.can_go_forward())

    # -- dropping documents from the catalog ---------------------------------------------------
    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt override
        if document_ids_from_mime(event.mimeData()):
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.dragEnterEvent(event)

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt override
        ids = document_ids_from_mime(event.mimeData())
        if not ids:
            event.ignore()
            return
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        self.documentsDropped.emit(ids)

    def _ask_password(self, path: str) -> None:
        password, ok = QInputDialog.getText(
            self, self.tr("Password required"),
            self.tr("This document is encrypted. Enter its password:"), QLineEdit.EchoMode.Password)
        if ok and password:
            self.view.set_documents([(path, self.title or None, password)])
            self._items = ((path, self.title),)

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
