"""The workstation window: the dossier catalog and two reading panes side by side."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QComboBox, QDockWidget, QLabel, QMainWindow, QMessageBox, QSplitter,
                               QToolBar)

from storage.errors import StoreError
from storage.store import StoreSession

from .catalog import CatalogWidget
from .reader_pane import ReaderPane


class MainWindow(QMainWindow):
    """Catalog on the left; two panes (left, right) each with its own document, page and zoom."""

    def __init__(self, session: StoreSession, service, parent=None):
        super().__init__(parent)
        self.session = session
        self.service = service
        self.case = None
        self.documents = {}
        self.setWindowTitle(self.tr("Dossier Desk"))
        self.resize(1600, 950)

        self.panes = {"left": ReaderPane(service, "left", self), "right": ReaderPane(service, "right", self)}
        self.split = QSplitter(Qt.Orientation.Horizontal, self)
        for pane in self.panes.values():
            self.split.addWidget(pane)
            pane.statusChanged.connect(self._update_status)
            pane.view.loadFailed.connect(lambda message, p=pane: self._load_failed(p, message))
        self.setCentralWidget(self.split)
        self.active = self.panes["left"]

        self.catalog = CatalogWidget(self)
        dock = QDockWidget(self.tr("Dossier catalog"), self)
        dock.setObjectName("catalogDock")
        dock.setWidget(self.catalog)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)
        self.catalog.documentActivated.connect(lambda doc_id: self.open_document(doc_id, self._free_pane()))
        self.catalog.openInPane.connect(self.open_document)
        self.catalog.volumeAsBook.connect(self.open_volume)

        self._make_toolbar()
        self.page_label = QLabel(self)
        self.zoom_label = QLabel(self)
        self.store_label = QLabel(self)
        for w in (self.store_label, self.page_label, self.zoom_label):
            self.statusBar().addPermanentWidget(w)
        where = "PostgreSQL" if session.store.dialect == "postgresql" else self.tr("embedded store")
        self.store_label.setText(self.tr("Connected: %1 · %2").replace("%1", where)
                                 .replace("%2", session.user.display_name or session.user.name))
        self.load_cases()

    # -- toolbar -------------------------------------------------------------------------------
    def _make_toolbar(self) -> None:
        bar = QToolBar(self.tr("Case"), self)
        bar.setObjectName("caseToolbar")
        bar.setMovable(False)
        bar.addWidget(QLabel(self.tr("Case: "), bar))
        self.case_box = QComboBox(bar)
        self.case_box.setMinimumContentsLength(28)
        self.case_box.currentIndexChanged.connect(self._case_chosen)
        bar.addWidget(self.case_box)
        self.addToolBar(bar)
        close = QAction(self.tr("Quit"), self)
        close.setShortcut(QKeySequence(QKeySequence.StandardKey.Quit))
        close.triggered.connect(self.close)
        self.addAction(close)

    # -- cases and documents -------------------------------------------------------------------
    def load_cases(self) -> None:
        try:
            cases = self.session.cases()
        except StoreError as exc:
            self.statusBar().showMessage(str(exc))
            return
        self.case_box.blockSignals(True)
        self.case_box.clear()
        for c in cases:
            self.case_box.addItem(f"{c.case_no}  {c.cause}", c.case_no)
        self.case_box.blockSignals(False)
        if cases:
            self.open_case(cases[0].case_no)

    def _case_chosen(self, index: int) -> None:
        case_no = self.case_box.itemData(index)
        if case_no:
            self.open_case(case_no)

    def open_case(self, case_no: str) -> None:
        try:
            self.case = self.session.case(case_no)
            docs = self.session.documents(case_no)
            related = self.session.related_cases(case_no)
        except StoreError as exc:
            QMessageBox.warning(self, self.tr("Cannot open the case"), str(exc))
            return
        self.documents = {d.id: d for d in docs}
        self.catalog.set_case(self.case, docs)
        if hasattr(self.catalog, "set_related"):
            self.catalog.set_related(related)
        self.setWindowTitle(self.tr("%1 — Dossier Desk").replace("%1", case_no))

    def _free_pane(self) -> str:
        """Where a plainly opened document goes: the left pane until it shows something."""
        return "left" if not self.panes["left"].view.page_count else (
            "right" if not self.panes["right"].view.page_count else
            next(k for k, p in self.panes.items() if p is self.active))

    def open_document(self, doc_id: int, pane: str = "left") -> None:
        doc = self.documents.get(doc_id)
        if doc is None:
            return
        try:
            path = self.session.document_path(doc_id)
        except StoreError as exc:
            QMessageBox.warning(self, self.tr("Cannot open the document"), str(exc))
            return
        target = self.panes[pane]
        target.show_document(str(path), doc.title)
        self.active = target
        target.view.setFocus()

    def open_volume(self, volume: str, doc_ids: list[int], pane: str = "left") -> None:
        items = []
        try:
            for doc_id in doc_ids:
                items.append((str(self.session.document_path(doc_id)), self.documents[doc_id].title))
        except StoreError as exc:
            QMessageBox.warning(self, self.tr("Cannot open the volume"), str(exc))
            return
        target = self.panes[pane]
        target.show_book(self.tr("%1 (whole volume)").replace("%1", volume), items)
        self.active = target

    def _load_failed(self, pane: ReaderPane, message: str) -> None:
        self.statusBar().showMessage(message.splitlines()[0] if message else "", 10000)

    def _update_status(self) -> None:
        pane = self.sender() if isinstance(self.sender(), ReaderPane) else self.active
        if isinstance(pane, ReaderPane):
            self.active = pane
        view = self.active.view
        if view.page_count:
            self.page_label.setText(self.tr("Page %1 / %2").replace("%1", str(view.current_page + 1))
                                    .replace("%2", str(view.page_count)))
            self.zoom_label.setText(f"{round(view.zoom * 100)}%")
        else:
            self.page_label.clear()
            self.zoom_label.clear()
