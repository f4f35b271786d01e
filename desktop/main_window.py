"""The workstation window: the dossier catalog and two reading panes side by side."""
from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QComboBox, QDockWidget, QLabel, QMainWindow, QMenu, QMessageBox,
                               QSplitter, QToolBar)

from storage.errors import StoreError, StoreUnavailable
from storage.store import StoreSession
from viewer.qt.annotation_model import AnnotationModels

from .case_picker import CasePicker, RecentCases
from .catalog import CatalogWidget
from .messages import describe, headline
from .connection import cached_document_path, install_connection_status
from .annotation_tools import AnnotationTools
from .icons import icon
from .open_cases import OpenCase, OpenCases
from .i18n import LanguageMenu
from .reader_pane import ReaderPane
from .session import SessionKeeper
from .window_menu import WindowMenu


class MainWindow(QMainWindow):
    """Catalog on the left; two panes (left, right) each with its own document, page and zoom."""

    caseOpened = Signal(str)      # the case now shown (opened, switched to or read again)

    def __init__(self, session: StoreSession, service, parent=None):
        super().__init__(parent)
        self.session = session
        self.service = service
        self.case = None
        self.documents = {}
        # What each pane shows, for the next session: ((document ids), volume name or None).
        self.pane_documents = {}
        self.setWindowTitle(self.tr("Dossier Desk"))
        self.resize(1600, 950)

        self.panes = {"left": ReaderPane(service, "left", self), "right": ReaderPane(service, "right", self)}
        self.split = QSplitter(Qt.Orientation.Horizontal, self)
        for pane in self.panes.values():
            self.split.addWidget(pane)
            pane.statusChanged.connect(self._update_status)
            pane.view.loadFailed.connect(lambda message, p=pane: self._load_failed(p, message))
            pane.documentsDropped.connect(lambda ids, p=pane: self._dropped(p, ids))
        self.setCentralWidget(self.split)
        # The file each pane shows -> its store document, so annotations find their document.
        self.document_paths: dict[str, int] = {}
        self.annotation_models = AnnotationModels(self)
        self.annotation_tools = {
            name: AnnotationTools(pane, session, self.annotation_models,
                                  resolve_document=self.document_paths.get,
                                  case_documents=lambda: list(self.documents.values()),
                                  follow_link=lambda doc_id, page, n=name: self.follow_link(doc_id, page, n))
            for name, pane in self.panes.items()}
        self.active = self.panes["left"]

        self.catalog = CatalogWidget(self)
        dock = QDockWidget(self.tr("Dossier catalog"), self)
        dock.setObjectName("catalogDock")
        self.catalog_dock = dock
        dock.setWidget(self.catalog)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)
        # Wide enough for a dossier's titles and bound page ranges without scrolling sideways.
        self.resizeDocks([dock], [400], Qt.Orientation.Horizontal)
        self.catalog.documentActivated.connect(lambda doc_id: self.open_document(doc_id, self._free_pane()))
        self.catalog.openInPane.connect(self.open_document)
        self.catalog.volumeAsBook.connect(self.open_volume)
        self.catalog.relatedCaseActivated.connect(self.open_case)
        self.recent_cases = RecentCases(session.store.store_id, session.user.name)

        self._make_toolbar()
        self.page_label = QLabel(self)
        self.zoom_label = QLabel(self)
        self.store_label = QLabel(self)
        for w in (self.store_label, self.page_label, self.zoom_label):
            self.statusBar().addPermanentWidget(w)
        self.connection = install_connection_status(self, self.store_label,
                                                    session.user.display_name or session.user.name)
        from .annotation_export import AnnotationExports
        from .annotation_panel import install_annotation_panel
        from .live import install_live_feed
        self.live = install_live_feed(self)
        self.annotation_panel = install_annotation_panel(self)
        self.annotation_exports = AnnotationExports(self)
        self.load_cases()
        self.window_menu = WindowMenu(self)
        self.session_keeper = SessionKeeper(self)
        self.session_keeper.restore()

    # -- toolbar -------------------------------------------------------------------------------
    def _make_toolbar(self) -> None:
        bar = QToolBar(self.tr("Case"), self)
        self.case_bar = bar
        bar.setObjectName("caseToolbar")
        bar.setMovable(False)
        self.case_caption = QLabel(self.tr("Case: "), bar)
        bar.addWidget(self.case_caption)
        self.case_box = QComboBox(bar)
        self.case_box.setMinimumContentsLength(28)
        self.case_box.setToolTip(self.tr("The open cases; switching shows its catalog"))
        self.open_cases = OpenCases(self.case_box, self)
        self.open_cases.caseChosen.connect(self.open_case)
        self.open_cases.pickRequested.connect(self.pick_cases)
        bar.addWidget(self.case_box)
        self.act_open_case = bar.addAction(icon("open-case"), self.tr("Open case…"), self.pick_cases)
        self.act_open_case.setShortcut(QKeySequence(QKeySequence.StandardKey.Open))
        self.act_open_case.setToolTip(self.tr("Open another of your cases (Ctrl+O)"))
        self.addToolBar(bar)
        close = QAction(self.tr("Quit"), self)
        self.act_quit = close
        from .import_files import ImportController
        self.importer = ImportController(self)
        self.act_import = QAction(self.tr("Import files…"), self)
        self.act_import.setShortcut(QKeySequence("Ctrl+I"))
        self.act_import.triggered.connect(self.importer.choose_and_import)
        self.case_menu().addAction(self.act_import)
        from .compare_view import install_compare_action
        self.act_compare = install_compare_action(self)
        from .generation_menu import GenerationMenu
        self.generation = GenerationMenu(self)
        self.settings_menu = self.menuBar().addMenu(self.tr("Settings"))
        self.settings_menu.addMenu(LanguageMenu(self.settings_menu))
        close.setShortcut(QKeySequence(QKeySequence.StandardKey.Quit))
        close.triggered.connect(self.close)
        self.addAction(close)

    # -- interface language --------------------------------------------------------------------
    def retranslate(self) -> None:
        """Show the window's own texts (title, menus, toolbar, status bar) in the language in force."""
        self.setWindowTitle(self.tr("%1 — Dossier Desk").replace("%1", self.case.case_no)
                            if self.case is not None else self.tr("Dossier Desk"))
        self.catalog_dock.setWindowTitle(self.tr("Dossier catalog"))
        self.case_bar.setWindowTitle(self.tr("Case"))
        self.case_caption.setText(self.tr("Case: "))
        self.act_quit.setText(self.tr("Quit"))
        self.settings_menu.setTitle(self.tr("Settings"))
        self._show_store()
        self._update_status()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _show_store(self) -> None:
        # The connection indicator owns the store label: which store, who, and its state.
        if hasattr(self, "connection_indicator"):
            self.connection_indicator.refresh()

    def case_menu(self):
        """The "Case" menu (made on first use; several features add their actions to it)."""
        menu = self.menuBar().findChild(QMenu, "caseMenu")
        if menu is None:
            menu = QMenu(self.tr("&Case"), self.menuBar())
            menu.setObjectName("caseMenu")
            first = self.menuBar().actions()[0] if self.menuBar().actions() else None
            self.menuBar().insertMenu(first, menu) if first else self.menuBar().addMenu(menu)
        return menu

    # -- cases and documents -------------------------------------------------------------------
    def load_cases(self) -> None:
        try:
            cases = self.session.cases()
        except StoreError as exc:
            self.statusBar().showMessage(headline(exc))
            return
        self.open_cases.set_can_pick(bool(cases))
        self.act_open_case.setEnabled(bool(cases))
        if cases:
            # The case worked on last comes back first; otherwise the first assigned one.
            visible = {c.case_no for c in cases}
            self.open_case(next((n for n in self.recent_cases.list() if n in visible), cases[0].case_no))

    def pick_cases(self) -> None:
        """Let the user choose cases to open from the ones assigned to them."""
        try:
            cases = self.session.cases()
        except StoreError as exc:
            self._store_failed(self.tr("Cannot list your cases"), exc)
            return
        picker = CasePicker(cases, self.recent_cases.list(), self.open_cases.case_numbers(), self)
        try:
            chosen = picker.chosen() if picker.exec() == CasePicker.DialogCode.Accepted else []
        finally:
            picker.deleteLater()
        for case_no in chosen:
            self.open_case(case_no)

    def open_case(self, case_no: str, reload: bool = False) -> None:
        """Open ``case_no`` beside the open ones (or switch to it) and show its catalog.

        ``reload`` reads the case again from the store (after an import, or a change made at
        another desk).
        """
        entry = None if reload else self.open_cases.get(case_no)
        if entry is None:
            try:
                entry = OpenCase(self.session.case(case_no), tuple(self.session.documents(case_no)),
                                 tuple(self.session.related_cases(case_no)))
            except StoreError as exc:
                self._store_failed(self.tr("Cannot open the case"), exc)
                return
            self.open_cases.add(entry)
        self.case = entry.case
        docs = list(entry.documents)
        self.documents = {d.id: d for d in docs}
        self.catalog.set_case(self.case, docs)
        if hasattr(self.catalog, "set_related"):
            self.catalog.set_related(list(entry.related))
        self.open_cases.set_current(case_no)
        self.recent_cases.touch(case_no)
        self.setWindowTitle(self.tr("%1 — Dossier Desk").replace("%1", case_no))
        self.caseOpened.emit(case_no)

    def _store_failed(self, title: str, exc: StoreError) -> None:
        if isinstance(exc, StoreUnavailable):
            # The banner says what happened; a dialog on every click would only get in the way.
            self.connection.report_unavailable(str(exc))
            self.statusBar().showMessage(headline(exc), 10000)
        else:
            QMessageBox.warning(self, title, describe(exc))

    def _dropped(self, pane: ReaderPane, ids: list[int]) -> None:
        if len(ids) == 1:
            self.open_document(ids[0], pane.objectName())
        elif ids:
            self.open_volume(self.tr("%1 documents").replace("%1", str(len(ids))), ids, pane.objectName())

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
        except StoreUnavailable as exc:
            # Offline: a document this desk already holds still opens from the blob cache.
            path = cached_document_path(self.session.store, doc.digest)
            if path is None:
                self._store_failed(self.tr("Cannot open the document"), exc)
                return
            self.connection.report_unavailable(str(exc))
        except StoreError as exc:
            QMessageBox.warning(self, self.tr("Cannot open the document"), describe(exc))
            return
        target = self.panes[pane]
        self.document_paths[str(path)] = doc_id
        target.show_document(str(path), doc.title)
        self.pane_documents[pane] = ((doc_id,), None)
        self.active = target
        target.view.setFocus()

    def open_volume(self, volume: str, doc_ids: list[int], pane: str = "left") -> None:
        items = []
        try:
            for doc_id in doc_ids:
                items.append((str(self.session.document_path(doc_id)), self.documents[doc_id].title))
        except StoreError as exc:
            QMessageBox.warning(self, self.tr("Cannot open the volume"), describe(exc))
            return
        self.document_paths.update({path: doc_id for (path, _title), doc_id in zip(items, doc_ids)})
        target = self.panes[pane]
        target.show_book(self.tr("%1 (whole volume)").replace("%1", volume), items)
        self.pane_documents[pane] = (tuple(doc_ids), volume)
        self.active = target

    def follow_link(self, doc_id: int, page: int, from_pane: str) -> None:
        """Open a cross-reference's target document in the pane beside ``from_pane``, at ``page``."""
        other = "right" if from_pane == "left" else "left"
        self.open_document(doc_id, other)
        target = self.panes[other].view
        if target.page_count and self.pane_documents.get(other, ((),))[0] == (doc_id,):
            target.go_to_page(page)

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
