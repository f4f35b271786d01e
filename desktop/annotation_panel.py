"""The annotation panel: every annotation of a document or of the whole case, as a list of threads.

Each row is an annotation (kind, page, author, time, status, text; in the case scope also its
document), its replies under it. Filters narrow the list by author, kind, layer (mine or the
others'), status and text. A click shows the annotation in the active pane; the buttons reply,
resolve and reopen — anyone on the case may, the store checks it.

The document scope reads the document's shared ``AnnotationLayerModel`` (the same the overlay
paints), so an edit in a pane shows here at once. The case scope reads the case from the
store and is kept current by the live feed (``annotation_changed``) and by its own writes.
"""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (QComboBox, QDockWidget, QGridLayout, QHBoxLayout, QHeaderView, QInputDialog,
                               QLabel, QLineEdit, QPushButton, QTreeWidget, QTreeWidgetItem,
                               QVBoxLayout, QWidget)

from storage.errors import ConflictError, StoreError
from viewer.core.annotation_geometry import bounds

from .messages import headline

DOCUMENT = "document"
CASE = "case"
ALL_LAYERS = "all"
MINE = "mine"
OTHERS = "others"
KINDS = ("highlight", "underline", "strikeout", "rect", "ellipse", "arrow", "ink", "note",
         "freetext", "stamp", "link")
UID_ROLE = Qt.ItemDataRole.UserRole
COLUMNS = ("document", "kind", "page", "author", "time", "status", "text")
COLUMN_WIDTHS = (90, 70, 36, 70, 110, 50)
PANEL_WIDTH = 360


def local_time(when) -> str:
    """A stored time (naive UTC) as local 'YYYY-MM-DD HH:MM'."""
    if not isinstance(when, dt.datetime):
        return str(when or "")
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.timezone.utc)
    return when.astimezone().strftime("%Y-%m-%d %H:%M")


def _first_line(text: str, limit: int = 120) -> str:
    line = (text or "").strip().splitlines()[0] if (text or "").strip() else ""
    return line if len(line) <= limit else line[:limit - 1] + "…"


class AnnotationPanel(QWidget):
    """The list of annotation threads of the current document or of the case.

    ``ask_reply(record)`` returns the reply text ('' or None: no reply); it is an attribute
    so that a test or another front end can answer it.
    """

    # The user chose an annotation (its record; for a reply, the note it answers).
    placeRequested = Signal(object)
    # A store write failed; the message is also shown in the panel.
    failed = Signal(str)

    def __init__(self, session, models, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.models = models
        self.user = session.user.name
        self._scope = DOCUMENT
        self._document_id: int | None = None
        self._model = None
        self._case_no: str | None = None
        self._titles: dict[int, str] = {}
        self._case_records: dict[str, object] = {}
        self._case_loaded = False
        self._stale = True
        self._refill_timer = QTimer(self)
        self._refill_timer.setSingleShot(True)
        self._refill_timer.setInterval(0)
        self._refill_timer.timeout.connect(self.refill)
        self.ask_reply = self._ask_reply

        self.scope_box = QComboBox(self)
        self.author_box = QComboBox(self)
        self.kind_box = QComboBox(self)
        self.layer_box = QComboBox(self)
        self.status_box = QComboBox(self)
        self.text_edit = QLineEdit(self)
        self.text_edit.setClearButtonEnabled(True)
        self.tree = QTreeWidget(self)
        self.tree.setColumnCount(len(COLUMNS))
        self.tree.setRootIsDecorated(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.header().setStretchLastSection(True)
        for column, width in enumerate(COLUMN_WIDTHS):
            self.tree.setColumnWidth(column, width)
        self.tree.header().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.tree.header().setMinimumSectionSize(24)
        self.reply_button = QPushButton(self)
        self.resolve_button = QPushButton(self)
        self.reopen_button = QPushButton(self)
        self.count_label = QLabel(self)
        self.message_label = QLabel(self)
        self.message_label.setWordWrap(True)
        self.message_label.setTextFormat(Qt.TextFormat.PlainText)
        self.message_label.setVisible(False)

        # Two by two: the dock stays narrow enough to leave the panes their room.
        filters = QGridLayout()
        for i, w in enumerate((self.author_box, self.kind_box, self.layer_box, self.status_box)):
            w.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            w.setMinimumContentsLength(8)
            filters.addWidget(w, i // 2, i % 2)
        buttons = QHBoxLayout()
        for w in (self.reply_button, self.resolve_button, self.reopen_button):
            buttons.addWidget(w)
        buttons.addStretch(1)
        buttons.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.scope_box)
        layout.addLayout(filters)
        layout.addWidget(self.text_edit)
        layout.addWidget(self.tree, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.message_label)
        self._fill_fixed_boxes()
        self.retranslate()

        self.scope_box.currentIndexChanged.connect(self._scope_chosen)
        for box in (self.author_box, self.kind_box, self.layer_box, self.status_box):
            box.currentIndexChanged.connect(self.refill)
        self.text_edit.textChanged.connect(self.refill)
        self.tree.itemClicked.connect(self._clicked)
        self.tree.itemActivated.connect(self._clicked)
        self.tree.currentItemChanged.connect(self._update_buttons)
        self.reply_button.clicked.connect(self._reply_clicked)
        self.resolve_button.clicked.connect(self._resolve_clicked)
        self.reopen_button.clicked.connect(self._reopen_clicked)
        self.refill()

    # -- texts ---------------------------------------------------------------------------------
    def _kind_names(self) -> dict[str, str]:
        return {"highlight": self.tr("Highlight"), "underline": self.tr("Underline"),
                "strikeout": self.tr("Strike-out"), "rect": self.tr("Rectangle"),
                "ellipse": self.tr("Ellipse"), "arrow": self.tr("Arrow"), "ink": self.tr("Freehand"),
                "note": self.tr("Note"), "freetext": self.tr("Text box"), "stamp": self.tr("Stamp"),
                "link": self.tr("Cross-reference")}

    def _fill_fixed_boxes(self) -> None:
        self.scope_box.addItem("", DOCUMENT)
        self.scope_box.addItem("", CASE)
        self.kind_box.addItem("", None)
        for kind in KINDS:
            self.kind_box.addItem("", kind)
        for layer in (ALL_LAYERS, MINE, OTHERS):
            self.layer_box.addItem("", layer)
        for status in (None, "open", "resolved"):
            self.status_box.addItem("", status)
        self.author_box.addItem("", None)

    def retranslate(self) -> None:
        """Show the panel's texts in the interface language in force."""
        self.scope_box.setItemText(0, self.tr("Annotations of this document"))
        self.scope_box.setItemText(1, self.tr("Annotations of the whole case"))
        self.scope_box.setToolTip(self.tr("List the annotations of the document in the active pane, "
                                          "or of every document of the case"))
        self.author_box.setItemText(0, self.tr("All authors"))
        self.kind_box.setItemText(0, self.tr("All kinds"))
        names = self._kind_names()
        for i, kind in enumerate(KINDS, start=1):
            self.kind_box.setItemText(i, names[kind])
        self.layer_box.setItemText(0, self.tr("All layers"))
        self.layer_box.setItemText(1, self.tr("My layer"))
        self.layer_box.setItemText(2, self.tr("Others' layers"))
        self.status_box.setItemText(0, self.tr("Open and resolved"))
        self.status_box.setItemText(1, self.tr("Open"))
        self.status_box.setItemText(2, self.tr("Resolved"))
        self.text_edit.setPlaceholderText(self.tr("Filter by text…"))
        self.tree.setHeaderLabels([self.tr("Document"), self.tr("Kind"), self.tr("Page"),
                                   self.tr("Author"), self.tr("Time"), self.tr("Status"),
                                   self.tr("Text")])
        self.reply_button.setText(self.tr("Reply…"))
        self.reply_button.setToolTip(self.tr("Add a reply to the chosen annotation's thread"))
        self.resolve_button.setText(self.tr("Resolve"))
        self.resolve_button.setToolTip(self.tr("Mark the chosen annotation resolved"))
        self.reopen_button.setText(self.tr("Reopen"))
        self.reopen_button.setToolTip(self.tr("Mark the chosen annotation open again"))
        dock = self.parentWidget()
        if isinstance(dock, QDockWidget):
            dock.setWindowTitle(self.tr("Annotations"))
        self.refill()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- what is listed ------------------------------------------------------------------------
    @property
    def scope(self) -> str:
        """'document' or 'case'."""
        return self._scope

    def set_scope(self, scope: str) -> None:
        """List the current document's annotations ('document') or the whole case's ('case')."""
        self.scope_box.setCurrentIndex(self.scope_box.findData(scope))

    def _scope_chosen(self, _index: int) -> None:
        self._scope = self.scope_box.currentData() or DOCUMENT
        if self._scope == CASE and not self._case_loaded:
            self.reload_case()
        self.refill()

    def set_case(self, case_no: str | None, titles: dict[int, str] | None = None) -> None:
        """The case the case scope lists, with its documents' titles (id -> title)."""
        self._case_no = case_no
        self._titles = dict(titles or {})
        self._case_records = {}
        self._case_loaded = False
        if self._scope == CASE:
            self.reload_case()
        self.refill()

    def set_document(self, document_id: int | None) -> None:
        """The document the document scope lists (the one in the active pane; None for none)."""
        if document_id == self._document_id:
            return
        if self._model is not None:
            self._model.changed.disconnect(self._model_changed)
        self._document_id = document_id
        self._model = self.models.model(document_id) if document_id is not None else None
        if self._model is not None:
            self._model.changed.connect(self._model_changed)
        if self._scope == DOCUMENT:
            self.refill()

    @property
    def document_id(self) -> int | None:
        """The document the document scope lists."""
        return self._document_id

    def reload_case(self) -> None:
        """Read the case's annotations from the store again."""
        if self._case_no is None:
            return
        try:
            records = self.session.case_annotations(self._case_no)
        except StoreError as exc:
            self._say(headline(exc))
            return
        self._case_records = {r.uid: r for r in records}
        self._case_loaded = True
        if self._scope == CASE:
            self.refill()

    def annotation_changed(self, uid: str, info) -> None:
        """One annotation changed (from the live feed): None when it was deleted."""
        held = self._case_records.get(uid)
        if info is None:
            if self._case_records.pop(uid, None) is not None:
                # A deleted note takes its replies with it.
                for r in [r for r in self._case_records.values() if r.parent_uid == uid]:
                    del self._case_records[r.uid]
                if self._scope == CASE:
                    self._refill_soon()
            return
        if not self._case_loaded or info.case_no != self._case_no:
            return
        if held is not None and held.version > info.version:
            return
        self._case_records[uid] = info
        if self._scope == CASE:
            self._refill_soon()

    def _model_changed(self) -> None:
        if self._scope == DOCUMENT:
            self._refill_soon()

    def _refill_soon(self) -> None:
        # Changes come in bursts (another desk pasting many marks): rebuild once per burst.
        if not self._refill_timer.isActive():
            self._refill_timer.start()

    def flush(self) -> None:
        """Bring the list up to date now if changes are waiting for it."""
        if self._refill_timer.isActive():
            self._refill_timer.stop()
            self.refill()

    def records(self) -> list:
        """Every record of the scope (before filtering), replies included."""
        if self._scope == CASE:
            return list(self._case_records.values())
        return self._model.annotations() if self._model is not None else []

    # -- filters -------------------------------------------------------------------------------
    def set_filter(self, *, author: str | None = None, kind: str | None = None,
                   layer: str = ALL_LAYERS, status: str | None = None, text: str = "") -> None:
        """Set every filter at once (None / 'all' / '' lets everything through)."""
        for box, value in ((self.author_box, author), (self.kind_box, kind),
                           (self.layer_box, layer), (self.status_box, status)):
            box.blockSignals(True)
            box.setCurrentIndex(max(0, box.findData(value)))
            box.blockSignals(False)
        self.text_edit.blockSignals(True)
        self.text_edit.setText(text)
        self.text_edit.blockSignals(False)
        self.refill()

    def _passes(self, note, replies: list) -> bool:
        author, kind = self.author_box.currentData(), self.kind_box.currentData()
        layer, status = self.layer_box.currentData(), self.status_box.currentData()
        if author is not None and note.author != author:
            return False
        if kind is not None and note.kind != kind:
            return False
        if layer == MINE and note.author != self.user:
            return False
        if layer == OTHERS and note.author == self.user:
            return False
        if status is not None and note.status != status:
            return False
        needle = self.text_edit.text().strip().casefold()
        if needle and not any(needle in (r.text or r.stamp or "").casefold() for r in [note, *replies]):
            return False
        return True

    # -- the list ------------------------------------------------------------------------------
    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        if self._stale:
            self.refill()
        super().showEvent(event)

    def refill(self, *_args) -> None:
        """List the threads of the scope that pass the filters (when next shown, while hidden)."""
        if not self.isVisible():
            # A hidden list is not rebuilt at every change another desk makes.
            self._stale = True
            return
        self._stale = False
        records = self.records()
        self._refill_authors(records)
        by_uid = {r.uid: r for r in records}
        replies: dict[str, list] = {}
        notes = []
        for r in records:
            if r.parent_uid and r.parent_uid in by_uid:
                replies.setdefault(r.parent_uid, []).append(r)
            elif not r.parent_uid:
                notes.append(r)
        order = {doc_id: i for i, doc_id in enumerate(self._titles)}
        notes.sort(key=lambda r: (order.get(r.document_id, len(order)), r.document_id, r.page,
                                  r.created_at))
        current = self.current_uid()
        self.tree.setUpdatesEnabled(False)
        self.tree.clear()
        shown = 0
        for note in notes:
            thread = sorted(replies.get(note.uid, ()), key=lambda r: r.created_at)
            if not self._passes(note, thread):
                continue
            item = self._item(note)
            for reply in thread:
                item.addChild(self._item(reply))
            self.tree.addTopLevelItem(item)
            item.setExpanded(True)
            shown += 1
            if note.uid == current:
                self.tree.setCurrentItem(item)
            for child in range(item.childCount()):
                if item.child(child).data(0, UID_ROLE) == current:
                    self.tree.setCurrentItem(item.child(child))
        self.tree.setColumnHidden(0, self._scope != CASE)
        self.tree.setUpdatesEnabled(True)
        self.count_label.setText(self.tr("%1 of %2 threads").replace("%1", str(shown))
                                 .replace("%2", str(len(notes))))
        self._update_buttons()

    def _refill_authors(self, records: list) -> None:
        chosen = self.author_box.currentData()
        authors = sorted({r.author for r in records} | ({chosen} if chosen else set()))
        if [self.author_box.itemData(i) for i in range(1, self.author_box.count())] == authors:
            return
        self.author_box.blockSignals(True)
        while self.author_box.count() > 1:
            self.author_box.removeItem(1)
        for name in authors:
            self.author_box.addItem(name, name)
        self.author_box.setCurrentIndex(max(0, self.author_box.findData(chosen)))
        self.author_box.blockSignals(False)

    def _item(self, record) -> QTreeWidgetItem:
        reply = bool(record.parent_uid)
        text = record.text or record.stamp
        values = (self._titles.get(record.document_id, str(record.document_id)),
                  self.tr("Reply") if reply else self._kind_names().get(record.kind, record.kind),
                  str(record.page + 1), record.author, local_time(record.updated_at),
                  "" if reply else (self.tr("Resolved") if record.status == "resolved" else self.tr("Open")),
                  _first_line(text))
        item = QTreeWidgetItem(list(values))
        item.setData(0, UID_ROLE, record.uid)
        item.setToolTip(len(COLUMNS) - 1, text)
        return item

    def shown_threads(self) -> list[tuple[str, list[str]]]:
        """What the list shows: (note uid, [reply uids]) per row, top to bottom."""
        self.flush()
        out = []
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            out.append((item.data(0, UID_ROLE),
                        [item.child(c).data(0, UID_ROLE) for c in range(item.childCount())]))
        return out

    def item_of(self, uid: str) -> QTreeWidgetItem | None:
        """The row of annotation ``uid`` if it is shown."""
        self.flush()
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            if item.data(0, UID_ROLE) == uid:
                return item
            for c in range(item.childCount()):
                if item.child(c).data(0, UID_ROLE) == uid:
                    return item.child(c)
        return None

    def current_uid(self) -> str:
        """The uid of the chosen row, or ''."""
        item = self.tree.currentItem()
        return item.data(0, UID_ROLE) if item is not None else ""

    def record(self, uid: str):
        """The record of ``uid`` in the scope, or None."""
        return next((r for r in self.records() if r.uid == uid), None)

    def _thread_note(self, uid: str):
        record = self.record(uid)
        if record is not None and record.parent_uid:
            return self.record(record.parent_uid) or record
        return record

    def _clicked(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        note = self._thread_note(item.data(0, UID_ROLE))
        if note is not None:
            self.placeRequested.emit(note)

    def _reply_clicked(self) -> None:
        self.reply_to(self.current_uid())

    def _resolve_clicked(self) -> None:
        self.set_status(self.current_uid(), "resolved")

    def _reopen_clicked(self) -> None:
        self.set_status(self.current_uid(), "open")

    def _update_buttons(self, *_args) -> None:
        note = self._thread_note(self.current_uid()) if self.current_uid() else None
        self.reply_button.setEnabled(note is not None)
        self.resolve_button.setEnabled(note is not None and note.status != "resolved")
        self.reopen_button.setEnabled(note is not None and note.status == "resolved")

    # -- replying, resolving -------------------------------------------------------------------
    def _ask_reply(self, record) -> str | None:
        text, ok = QInputDialog.getMultiLineText(
            self, self.tr("Reply"), self.tr("Your reply to %1's annotation on page %2:")
            .replace("%1", record.author).replace("%2", str(record.page + 1)))
        return text if ok else None

    def reply_to(self, uid: str) -> object | None:
        """Ask for a reply to the thread of ``uid`` and save it; the reply's record, or None."""
        note = self._thread_note(uid)
        if note is None:
            return None
        text = self.ask_reply(note)
        if not text or not text.strip():
            return None
        try:
            info = self.session.reply(note.uid, text.strip())
        except StoreError as exc:
            self._failed(exc)
            return None
        self._took(info)
        return info

    def set_status(self, uid: str, status: str) -> object | None:
        """Mark the thread of ``uid`` resolved or open; the new record, or None."""
        note = self._thread_note(uid)
        if note is None or note.status == status:
            return None
        try:
            info = self.session.update_annotation(note.uid, note.version, status=status)
        except ConflictError as exc:
            current = getattr(exc, "current", None)
            if current is None or current.deleted or current.status != note.status:
                # Deleted, or someone set the status meanwhile: show theirs, write nothing.
                self._took(current, note.uid)
                self._failed(exc)
                return None
            try:
                # Moved or reworded meanwhile: the status is independent of that.
                info = self.session.update_annotation(note.uid, current.version, status=status)
            except StoreError as again:
                self._failed(again)
                return None
        except StoreError as exc:
            self._failed(exc)
            return None
        self._took(info)
        return info

    def _took(self, info, uid: str | None = None) -> None:
        """Show a record this desk just wrote (or learned from a conflict) everywhere at once."""
        if info is None or info.deleted:
            uid = info.uid if info is not None else uid
            for model in self.models.models():
                model.remove(uid)
            self.annotation_changed(uid, None)
            return
        model = self.models.get(info.document_id)
        if model is not None and model.loaded:
            model.upsert(info)
        self.annotation_changed(info.uid, info)
        self.message_label.setVisible(False)

    def _failed(self, exc: StoreError) -> None:
        self._say(headline(exc))
        self.failed.emit(str(exc))

    def _say(self, text: str) -> None:
        self.message_label.setText(text)
        self.message_label.setVisible(bool(text))


class _WindowPanel(QObject):
    """Keeps a window's annotation panel on the active pane's document and the window's case."""

    def __init__(self, window, panel: AnnotationPanel) -> None:
        super().__init__(window)
        self.window = window
        self.panel = panel
        for pane in window.panes.values():
            pane.statusChanged.connect(self.follow_active_pane)
            pane.view.documentLoaded.connect(self.follow_active_pane)
        window.caseOpened.connect(self.case_opened)
        panel.placeRequested.connect(self.show_annotation)

    def case_opened(self, _case_no: str) -> None:
        window = self.window
        self.panel.set_case(window.case.case_no if window.case is not None else None,
                            {d.id: d.title for d in window.documents.values()})

    def _active_name(self) -> str:
        return next((k for k, p in self.window.panes.items() if p is self.window.active), "left")

    def follow_active_pane(self) -> None:
        tools = self.window.annotation_tools[self._active_name()]
        view = tools.view
        self.panel.set_document(tools.document_at(view.current_page)[0] if view.page_count else None)

    def show_annotation(self, record) -> bool:
        """Show ``record`` in the active pane: open its document there if needed, go to its
        page, bring it into view and select it."""
        window = self.window
        name = self._active_name()
        tools = window.annotation_tools[name]
        path = next((p for p, d in tools.documents().items() if d == record.document_id), None)
        if path is None:
            window.open_document(record.document_id, name)
            tools = window.annotation_tools[name]
            path = next((p for p, d in tools.documents().items() if d == record.document_id), None)
            if path is None:
                return False
        view = tools.view
        index = view.index_of(path, record.page)
        if index < 0:
            return False
        view.go_to_page(index)
        view.ensure_visible(index, bounds(record.kind, record.geometry))
        tools.overlay.select(record.uid)
        return True


def install_annotation_panel(window) -> AnnotationPanel:
    """Give ``window`` an annotation panel in a dock on the right, following its active pane."""
    panel = AnnotationPanel(window.session, window.annotation_models)
    panel.setObjectName("annotationPanel")
    dock = QDockWidget(window)
    dock.setObjectName("annotationDock")
    dock.setWidget(panel)
    panel.retranslate()
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    window.resizeDocks([dock], [PANEL_WIDTH], Qt.Orientation.Horizontal)
    # Shown on demand (Case menu): two panes beside the catalog need the width more often.
    dock.hide()
    action = dock.toggleViewAction()
    action.setObjectName("actionAnnotationPanel")
    action.setShortcut(QKeySequence("Ctrl+Shift+A"))
    window.case_menu().addAction(action)
    window.annotation_dock = dock
    window.annotation_panel_link = _WindowPanel(window, panel)
    if hasattr(window, "live"):
        window.live.annotationChanged.connect(panel.annotation_changed)
    return panel


__all__ = ["AnnotationPanel", "install_annotation_panel", "local_time", "DOCUMENT", "CASE",
           "ALL_LAYERS", "MINE", "OTHERS"]
