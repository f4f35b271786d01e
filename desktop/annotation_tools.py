"""Annotating in a reading pane: the tool row, drawing with the mouse, editing, undo and redo.

``AnnotationTools`` attaches to a ``ReaderPane``. It gives the pane a tool row (select, text
markup, shapes, ink, note, text box, stamp, cross-reference link; colour, layers, margin notes,
undo, redo), paints the annotations of the documents the pane shows through an
``AnnotationOverlay``, and turns mouse gestures on the page view into store writes. Each write
is one step on the pane's QUndoStack; a drag is one step, made when the mouse is released.
"""
from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (QAction, QActionGroup, QColor, QIcon, QKeySequence, QPainter, QPixmap,
                           QUndoStack)
from PySide6.QtWidgets import QApplication, QColorDialog, QMenu, QMessageBox, QToolBar, QToolButton

from storage.errors import StoreError
from viewer.core.annotation_geometry import (QUAD_KINDS, as_lists, bounds, centred_rect, fit_rect,
                                             normalized, quads_from_rects, rect_from_points,
                                             translated)
from viewer.core.annotations_export import read_existing_annotations
from viewer.qt.annotation_model import AnnotationLayerModel, AnnotationModels
from viewer.qt.annotation_overlay import AnnotationOverlay

from . import annotation_dialogs as dialogs
from .annotation_commands import (AddCommand, AnnotationWriter, DeleteCommand, UpdateCommand,
                                  fields_of)
from .icons import icon
from .messages import describe

SELECT = "select"
TOOLS = ("select", "highlight", "underline", "strikeout", "rect", "ellipse", "arrow", "ink",
         "note", "freetext", "stamp", "link")
DRAWN = ("rect", "ellipse", "arrow", "ink", "note", "freetext", "stamp", "link")
STAMP_LABELS = ("已核实", "存疑", "重点")
DEFAULT_COLOURS = {"highlight": "#ffd400", "underline": "#1e88e5", "strikeout": "#e53935",
                   "rect": "#e53935", "ellipse": "#e53935", "arrow": "#e53935", "ink": "#1e88e5",
                   "note": "#ffd400", "freetext": "#1f3f8f", "stamp": "#d01c1c", "link": "#1f5fd0"}
PALETTE = ("#ffd400", "#ff8a00", "#e53935", "#43a047", "#1e88e5", "#8e24aa", "#000000")
# Sizes (points) of marks placed with a click rather than drawn.
NOTE_SIZE = (20.0, 20.0)
FREETEXT_SIZE = (160.0, 40.0)
STAMP_SIZE = (90.0, 36.0)
LINK_SIZE = (120.0, 20.0)
# Shapes smaller than this (points) were slips of the mouse, not drawings.
MIN_SIZE = 2.0
_RESIZE_CURSORS = {"tl": Qt.CursorShape.SizeFDiagCursor, "br": Qt.CursorShape.SizeFDiagCursor,
                   "tr": Qt.CursorShape.SizeBDiagCursor, "bl": Qt.CursorShape.SizeBDiagCursor,
                   "t": Qt.CursorShape.SizeVerCursor, "b": Qt.CursorShape.SizeVerCursor,
                   "l": Qt.CursorShape.SizeHorCursor, "r": Qt.CursorShape.SizeHorCursor,
                   "tail": Qt.CursorShape.CrossCursor, "head": Qt.CursorShape.CrossCursor}
_MOUSE_EVENTS = frozenset({QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
                           QEvent.Type.MouseButtonRelease, QEvent.Type.MouseButtonDblClick,
                           QEvent.Type.ContextMenu, QEvent.Type.Leave})


class _Gesture:
    """What the left mouse button is doing: drawing, moving or resizing, since its press."""

    def __init__(self, what: str, index: int, pos: QPointF, **extra) -> None:
        self.what = what
        self.index = index
        self.start = QPointF(pos)
        self.moved = False
        self.__dict__.update(extra)


class AnnotationTools(QObject):
    """The annotation tools of one reading pane.

    ``resolve_document(path)`` names the store document a shown file is (None for a file that is
    not in the store: it is shown without annotations); ``case_documents()`` lists the documents
    a link may point to; ``follow_link(document_id, page)`` opens a link's target.
    The prompts (``ask_text``, ``ask_stamp``, ``ask_link_target``, ``ask_conflict``) are
    attributes so that another front end (or a test) can answer them.
    """

    toolChanged = Signal(str)
    # The annotations of newly opened documents are in the models (read on a worker thread).
    annotationsLoaded = Signal()
    _loaded = Signal(int, object)
    # A store write failed for another reason than a conflict (the message already shown).
    failed = Signal(str)

    def __init__(self, pane, session, models: AnnotationModels | None = None,
                 resolve_document: Callable[[str], int | None] = lambda path: None,
                 case_documents: Callable[[], list] = list,
                 follow_link: Callable[[int, int], None] | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent if parent is not None else pane)
        self.pane = pane
        self.view = pane.view
        self.session = session
        self.models = models if models is not None else AnnotationModels(self)
        self.resolve_document = resolve_document
        self.case_documents = case_documents
        self.follow_link = follow_link
        self.overlay = AnnotationOverlay(self.view, self)
        self.overlay.set_user(session.user.name)
        self.undo_stack = QUndoStack(self)
        self.writer = AnnotationWriter(session, self.models.model, self._ask_conflict, self._report)
        self.ask_text = lambda title, prompt, text="": dialogs.ask_text(title, prompt, text, self.pane)
        self.ask_stamp = lambda labels, last: dialogs.ask_stamp(labels, last, self.pane)
        self.ask_link_target = lambda documents, current: dialogs.ask_link_target(documents, current,
                                                                                  self.pane)
        self.ask_conflict = lambda current: dialogs.ask_conflict(current, self.pane)
        self.message_box = None
        self._tool = SELECT
        self._colours = dict(DEFAULT_COLOURS)
        self._last_stamp = STAMP_LABELS[0]
        self._gesture: _Gesture | None = None
        self._documents: dict[str, int] = {}

        self.bar = self._make_bar()
        if hasattr(pane, "add_tool_row"):
            pane.add_tool_row(self.bar)
        self._viewport = self.view.viewport()
        self._viewport.installEventFilter(self)
        self.bar.installEventFilter(self)
        self.view.documentLoaded.connect(self._reload_in_background)
        self._loaded.connect(self._apply_loaded)
        self._generation = 0
        self.view.selectionChanged.connect(self._update_actions)
        self.overlay.selectionChanged.connect(self._update_actions)
        self.undo_stack.indexChanged.connect(self._update_actions)
        self.reload()

    # -- documents -----------------------------------------------------------------------------
    def documents(self) -> dict[str, int]:
        """The store documents the pane shows: path -> document id."""
        return dict(self._documents)

    def model(self, document_id: int) -> AnnotationLayerModel:
        """The annotation model of a document (shared with other panes and panels)."""
        return self.models.model(document_id)

    def reload(self) -> None:
        """Read the annotations of the shown documents from the store anew (and wait for them)."""
        self._generation += 1
        self._apply_loaded(self._generation, self._read(self._shown_documents()))

    def _shown_documents(self) -> list[tuple[str, int]]:
        found = []
        for seg in self.view.segments:
            doc_id = self.resolve_document(seg.path)
            if doc_id is not None:
                found.append((seg.path, doc_id))
        return found

    def _read(self, documents: list[tuple[str, int]]) -> list:
        """(path, id, store annotations or the error, annotations inside the file) per document."""
        out = []
        for path, doc_id in documents:
            try:
                stored = self.session.annotations(doc_id)
            except StoreError as exc:
                stored = exc
            try:
                inside = read_existing_annotations(path)
            except (OSError, RuntimeError, ValueError):
                inside = ()     # a file MuPDF cannot list still shows the store's marks
            out.append((path, doc_id, stored, inside))
        return out

    def _reload_in_background(self) -> None:
        """A document was opened: read its annotations on a worker thread.

        The page is rendered meanwhile and shown at once; the annotations are painted over it
        as soon as they arrive (tens of milliseconds for thousands of them), instead of the
        first page waiting for them.
        """
        self._generation += 1
        generation, documents = self._generation, self._shown_documents()
        # Which documents are shown is known now, so tools work at once; their contents follow.
        self._documents = dict(documents)
        self.overlay.set_models({path: self.models.model(doc_id) for path, doc_id in documents})
        self.undo_stack.clear()
        threading.Thread(target=lambda: self._loaded.emit(generation, self._read(documents)),
                         name="annotation-read", daemon=True).start()

    def _apply_loaded(self, generation: int, results: list) -> None:
        if generation != self._generation:
            return      # another document was opened meanwhile
        if self.undo_stack.count():
            # Edited before the read came back: what was read may miss those edits, so read
            # again now, keeping the edits' undo history.
            results = self._read([(path, doc_id) for path, doc_id, _stored, _inside in results])
            keep_history = True
        else:
            keep_history = False
        self._documents = {}
        by_path: dict[str, AnnotationLayerModel] = {}
        for path, doc_id, stored, inside in results:
            self._documents[path] = doc_id
            model = self.models.model(doc_id)
            if isinstance(stored, StoreError):
                self._report(stored)
            else:
                model.set_annotations(stored)
            model.set_existing(inside)
            by_path[path] = model
        self.overlay.set_models(by_path)
        if not keep_history:
            self.undo_stack.clear()
        self._update_actions()
        self.annotationsLoaded.emit()

    def document_at(self, index: int) -> tuple[int | None, int]:
        """(document id, page of it) behind view page ``index``; None for a file not in the store."""
        seg = self.view.segment_of(index)
        return self._documents.get(seg.path), index - seg.first

    # -- the tool row --------------------------------------------------------------------------
    def _make_bar(self) -> QToolBar:
        bar = QToolBar(self.pane)
        bar.setObjectName("annotationTools")
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        bar.setIconSize(QSize(18, 18))
        self.tool_group = QActionGroup(self)
        self.tool_group.setExclusive(True)
        self.tool_actions: dict[str, QAction] = {}
        for name in TOOLS:
            action = QAction(icon(f"annot-{name}"), "", self)
            action.setCheckable(True)
            action.setData(name)
            action.triggered.connect(lambda _checked=False, n=name: self.set_tool(n))
            self.tool_group.addAction(action)
            self.tool_actions[name] = action
            bar.addAction(action)
            if name in (SELECT, "strikeout", "ink"):
                bar.addSeparator()
        self.tool_actions[SELECT].setChecked(True)
        bar.addSeparator()
        self.act_colour = QAction(self._swatch(self._colours["highlight"]), "", self)
        self.colour_menu = QMenu(self.pane)
        self.colour_menu.aboutToShow.connect(self._fill_colour_menu)
        self.act_colour.setMenu(self.colour_menu)
        bar.addAction(self.act_colour)
        self._popup(bar, self.act_colour)
        self.act_layers = QAction(icon("annot-layers"), "", self)
        self.layers_menu = QMenu(self.pane)
        self.layers_menu.aboutToShow.connect(self._fill_layers_menu)
        self.act_layers.setMenu(self.layers_menu)
        bar.addAction(self.act_layers)
        self._popup(bar, self.act_layers)
        self.act_margin = QAction(icon("annot-margin-notes"), "", self)
        self.act_margin.setCheckable(True)
        self.act_margin.toggled.connect(self.overlay.set_margin_notes)
        bar.addAction(self.act_margin)
        bar.addSeparator()
        self.act_undo = QAction(icon("edit-undo"), "", self)
        self.act_undo.setShortcuts([QKeySequence(QKeySequence.StandardKey.Undo)])
        self.act_undo.triggered.connect(self.undo_stack.undo)
        redo_keys = QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)
        if QKeySequence("Ctrl+Shift+Z") not in redo_keys:
            redo_keys.append(QKeySequence("Ctrl+Shift+Z"))
        self.act_redo = QAction(icon("edit-redo"), "", self)
        self.act_redo.setShortcuts(redo_keys)
        self.act_redo.triggered.connect(self.undo_stack.redo)
        self.act_delete = QAction(icon("edit-delete"), "", self)
        self.act_delete.setShortcuts([QKeySequence(QKeySequence.StandardKey.Delete)])
        self.act_delete.triggered.connect(self.delete_selected)
        for action in (self.act_undo, self.act_redo, self.act_delete):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            bar.addAction(action)
        # On the pane, so the keys work wherever the focus is inside it.
        self.pane.addActions([self.act_undo, self.act_redo, self.act_delete])
        self.retranslate()
        return bar

    @staticmethod
    def _popup(bar: QToolBar, action: QAction) -> None:
        button = bar.widgetForAction(action)
        if isinstance(button, QToolButton):
            button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)

    def _tool_names(self) -> dict[str, tuple[str, str]]:
        return {
            "select": (self.tr("Select"), self.tr("Select, move and resize annotations; click a link to follow it")),
            "highlight": (self.tr("Highlight"), self.tr("Highlight text: select it with the mouse")),
            "underline": (self.tr("Underline"), self.tr("Underline text: select it with the mouse")),
            "strikeout": (self.tr("Strike out"), self.tr("Strike text out: select it with the mouse")),
            "rect": (self.tr("Rectangle"), self.tr("Draw a rectangle")),
            "ellipse": (self.tr("Ellipse"), self.tr("Draw an ellipse")),
            "arrow": (self.tr("Arrow"), self.tr("Draw an arrow from its tail to its head")),
            "ink": (self.tr("Freehand"), self.tr("Draw freehand")),
            "note": (self.tr("Note"), self.tr("Click to place a note")),
            "freetext": (self.tr("Text box"), self.tr("Drag or click to place a text box")),
            "stamp": (self.tr("Stamp"), self.tr("Drag or click to place a stamp (已核实, 存疑, 重点 or your own)")),
            "link": (self.tr("Cross-reference"), self.tr("Drag a box and choose the page of the case it refers to")),
        }

    def retranslate(self) -> None:
        """Show the tool row in the interface language in force."""
        for name, (text, tip) in self._tool_names().items():
            self.tool_actions[name].setText(text)
            self.tool_actions[name].setToolTip(tip)
        self.act_colour.setText(self.tr("Colour"))
        self.act_colour.setToolTip(self.tr("Colour of new annotations and of the selected one"))
        self.act_layers.setText(self.tr("Layers"))
        self.act_layers.setToolTip(self.tr("Show everyone's annotations, only yours, or chosen authors'"))
        self.act_margin.setText(self.tr("Notes in the margin"))
        self.act_margin.setToolTip(self.tr("Show the texts of notes beside the page"))
        self.act_undo.setText(self.tr("Undo"))
        self.act_undo.setToolTip(self.tr("Undo the last annotation change (Ctrl+Z)"))
        self.act_redo.setText(self.tr("Redo"))
        self.act_redo.setToolTip(self.tr("Redo the annotation change undone (Ctrl+Shift+Z)"))
        self.act_delete.setText(self.tr("Delete annotation"))
        self.act_delete.setToolTip(self.tr("Delete the selected annotation (Delete)"))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self._viewport and event.type() in _MOUSE_EVENTS:
            return self._viewport_event(event)
        if watched is self.bar and event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return False

    @staticmethod
    def _swatch(colour: str) -> QIcon:
        pixmap = QPixmap(16, 16)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QColor(colour).darker(150))
        painter.setBrush(QColor(colour))
        painter.drawEllipse(QRectF(1.5, 1.5, 13, 13))
        painter.end()
        return QIcon(pixmap)

    def _fill_colour_menu(self) -> None:
        self.colour_menu.clear()
        for colour in PALETTE:
            action = self.colour_menu.addAction(self._swatch(colour), colour)
            action.triggered.connect(lambda _checked=False, c=colour: self.set_colour(c))
        self.colour_menu.addSeparator()
        other = self.colour_menu.addAction(self.tr("Other colour…"))
        other.triggered.connect(self._choose_colour)

    def _choose_colour(self) -> None:
        colour = QColorDialog.getColor(QColor(self.colour()), self.pane, self.tr("Annotation colour"))
        if colour.isValid():
            self.set_colour(colour.name())

    def _fill_layers_menu(self) -> None:
        menu = self.layers_menu
        menu.clear()
        every = menu.addAction(self.tr("Everyone's annotations"))
        every.setCheckable(True)
        every.setChecked(self.overlay.layer_mode == "all")
        every.triggered.connect(self.overlay.show_all)
        mine = menu.addAction(self.tr("Mine only"))
        mine.setCheckable(True)
        mine.setChecked(self.overlay.layer_mode == "mine")
        mine.triggered.connect(self.overlay.show_mine_only)
        menu.addSeparator()
        for author in self.overlay.authors():
            action = menu.addAction(author)
            action.setCheckable(True)
            action.setChecked(self.overlay.layer_visible(author))
            action.toggled.connect(lambda on, a=author: self.overlay.set_layer_visible(a, on))

    # -- tools and colours ---------------------------------------------------------------------
    @property
    def tool(self) -> str:
        """The tool in use ('select', 'highlight', ... 'link')."""
        return self._tool

    def set_tool(self, name: str) -> None:
        """Use tool ``name``; a text markup tool applied to a selection marks it at once."""
        if name not in TOOLS:
            raise ValueError(f"unknown annotation tool {name!r}")
        self._tool = name
        self.tool_actions[name].setChecked(True)
        self._gesture = None
        self.overlay.set_draft(None)
        if name != SELECT:
            self.overlay.select("")
        self.act_colour.setIcon(self._swatch(self.colour()))
        self.view.viewport().unsetCursor()
        self.toolChanged.emit(name)
        if name in QUAD_KINDS and self._selection_pages():
            self.annotate_selection(name)

    def colour(self, kind: str | None = None) -> str:
        """The colour new annotations of ``kind`` (default: the current tool's) get."""
        kind = kind or (self._tool if self._tool != SELECT else "highlight")
        return self._colours.get(kind, "#ffd400")

    def set_colour(self, colour: str) -> None:
        """Colour the selected annotation (one undo step), else the current tool's new ones."""
        found = self.overlay.selected()
        if found is not None and self._editable(found[1]):
            self.change(found[1], {"color": colour}, self.tr("Change colour"))
        else:
            self._colours[self._tool if self._tool != SELECT else "highlight"] = colour
        self.act_colour.setIcon(self._swatch(colour))

    # -- operations ----------------------------------------------------------------------------
    def add(self, index: int, kind: str, geometry, **fields):
        """Add an annotation to view page ``index`` (one undo step); its record, or None."""
        doc_id, page = self.document_at(index)
        if doc_id is None:
            return None
        values = {"kind": kind, "page": page, "geometry": as_lists(geometry),
                  "color": fields.pop("color", None) or self.colour(kind), **fields}
        ref = self.writer.add(doc_id, values)
        if ref is None:
            return None
        self.undo_stack.push(AddCommand(self.writer, ref, values, self._step_text("add", kind)))
        record = self.model(doc_id).get(ref.uid)
        self.overlay.select(ref.uid if kind not in QUAD_KINDS else "")
        return record

    def change(self, record, after: dict, text: str | None = None) -> bool:
        """Change fields of an annotation (one undo step); False if nothing was written."""
        before = {name: as_lists(getattr(record, name)) if name == "geometry" else getattr(record, name)
                  for name in after}
        if before == after:
            return False
        ref = self.writer.ref(record)
        whole = fields_of(record)
        if not self.writer.update(ref, after, {**whole, **after}):
            return False
        self.undo_stack.push(UpdateCommand(self.writer, ref, before, after,
                                           text or self._step_text("edit", record.kind), whole))
        return True

    def delete(self, record) -> bool:
        """Delete an annotation (one undo step; undo adds it back)."""
        ref = self.writer.ref(record)
        fields = fields_of(record)
        if not self.writer.delete(ref):
            return False
        self.undo_stack.push(DeleteCommand(self.writer, ref, fields, self._step_text("delete", record.kind)))
        return True

    def delete_selected(self) -> bool:
        """Delete the selected annotation, if this user may."""
        found = self.overlay.selected()
        if found is None or not self._editable(found[1]):
            return False
        self.overlay.select("")
        return self.delete(found[1])

    def set_status(self, record, status: str) -> bool:
        """Mark an annotation resolved or open again (anyone on the case may)."""
        text = self.tr("Mark resolved") if status == "resolved" else self.tr("Reopen")
        return self.change(record, {"status": status}, text)

    def edit_text(self, record) -> bool:
        """Ask for the new text of a note, text box or stamp and save it."""
        if record.kind == "stamp":
            label = self.ask_stamp(STAMP_LABELS, record.stamp)
            return label is not None and self.change(record, {"stamp": label}, self.tr("Change stamp"))
        value = self.ask_text(self.tr("Edit text"), self.tr("Text:"), record.text)
        return value is not None and self.change(record, {"text": value}, self.tr("Edit text"))

    def annotate_selection(self, kind: str) -> list:
        """Mark the text selected in the view with a highlight, underline or strike-out, one
        annotation per page, snapped to the selected characters."""
        made = []
        for index in self._selection_pages():
            doc, page = self.view.document_at(index)
            try:
                rotation = doc.page_rotation(page)
            except (RuntimeError, ValueError):
                rotation = 0
            quads = quads_from_rects(self.view.selection_rects(index), rotation)
            if quads:
                record = self.add(index, kind, quads)
                if record is not None:
                    made.append(record)
        if made:
            self.view.clear_selection()
        return made

    def _selection_pages(self) -> list[int]:
        return [i for i in range(self.view.page_count)
                if self.view.selection_rects(i) and self.document_at(i)[0] is not None]

    def follow(self, record) -> bool:
        """Open a link's target (in the other pane, by way of ``follow_link``)."""
        if record.kind != "link" or record.link_page is None or self.follow_link is None:
            return False
        self.follow_link(record.link_document_id or record.document_id, record.link_page)
        return True

    def _editable(self, record) -> bool:
        return record.author == self.session.user.name

    def _step_text(self, what: str, kind: str) -> str:
        names = {n: t for n, (t, _tip) in self._tool_names().items()}
        name = names.get(kind, kind)
        if what == "add":
            return self.tr("Add %1").replace("%1", name)
        if what == "delete":
            return self.tr("Delete %1").replace("%1", name)
        return self.tr("Change %1").replace("%1", name)

    def _ask_conflict(self, current) -> str:
        return self.ask_conflict(current)

    def _report(self, exc: StoreError) -> None:
        text = describe(exc)
        self.failed.emit(text)
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("The annotation was not saved"), text,
                          QMessageBox.StandardButton.Ok, self.pane)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.message_box = box
        box.open()

    def _update_actions(self, *_args) -> None:
        found = self.overlay.selected()
        self.act_delete.setEnabled(found is not None and self._editable(found[1]))
        self.act_undo.setEnabled(self.undo_stack.canUndo())
        self.act_redo.setEnabled(self.undo_stack.canRedo())

    # -- the mouse -----------------------------------------------------------------------------
    def _viewport_event(self, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.MouseButtonPress and event.button() == Qt.MouseButton.LeftButton:
            return self._press(event.position())
        if kind == QEvent.Type.MouseMove:
            return self._move(event.position(), bool(event.buttons() & Qt.MouseButton.LeftButton))
        if kind == QEvent.Type.MouseButtonRelease and event.button() == Qt.MouseButton.LeftButton:
            if self._gesture is not None:
                self._release(event.position())
                return True
            if self._tool in QUAD_KINDS and self.view.page_count:
                # The view ends its text selection first; the markup snaps to what it selected.
                self.view.mouseReleaseEvent(event)
                self.annotate_selection(self._tool)
                return True
            return False
        if kind == QEvent.Type.MouseButtonDblClick and event.button() == Qt.MouseButton.LeftButton:
            found = self.overlay.annotation_at(event.position()) if self._tool == SELECT else None
            if found is not None and found[1].kind in ("note", "freetext", "stamp") and self._editable(found[1]):
                self.edit_text(found[1])
                return True
            return False
        if kind == QEvent.Type.ContextMenu:
            found = self.overlay.annotation_at(QPointF(event.pos()))
            if found is None:
                return False
            self.overlay.select(found[1].uid)
            self.context_menu(found[1]).popup(event.globalPos())
            return True
        if kind == QEvent.Type.Leave:
            self.overlay.set_hover("")
        return False

    def _press(self, pos: QPointF) -> bool:
        if self._tool == SELECT:
            handle = self.overlay.handle_at(pos)
            chosen = self.overlay.selected()
            if handle and chosen is not None and self._editable(chosen[1]):
                index, record = chosen
                self._gesture = _Gesture("resize", index, pos, record=record, handle=handle,
                                         box=self.overlay.viewport_bounds(index, record))
                return True
            found = self.overlay.annotation_at(pos)
            if found is None:
                self.overlay.select("")
                return False
            index, record = found
            self.overlay.select(record.uid)
            self.view.clear_selection()
            self._gesture = _Gesture("move" if self._editable(record) else "click", index, pos,
                                     record=record)
            return True
        if self._tool in QUAD_KINDS:
            self.overlay.select("")
            return False
        where = self.view.map_to_page(pos)
        if where is None or self.document_at(where[0])[0] is None:
            return True         # drawing tools do nothing off the pages, and select no text
        index = where[0]
        start = self.overlay.to_page(index, pos)
        self.overlay.select("")
        self._gesture = _Gesture("draw", index, pos, origin=start, points=[start])
        self._draft(pos)
        return True

    def _move(self, pos: QPointF, pressed: bool) -> bool:
        g = self._gesture
        if g is None:
            return self._hover(pos) if not pressed else False
        if not g.moved and (pos - g.start).manhattanLength() < QApplication.startDragDistance():
            return True
        g.moved = True
        if g.what == "draw":
            self._draft(pos)
        elif g.what == "move":
            self.overlay.set_preview(g.record.uid, self._moved_geometry(g, pos))
        elif g.what == "resize":
            self.overlay.set_preview(g.record.uid, self._resized_geometry(g, pos))
        return True

    def _hover(self, pos: QPointF) -> bool:
        if self._tool in DRAWN:
            on_page = self.view.map_to_page(pos) is not None
            self._set_cursor(Qt.CursorShape.CrossCursor if on_page else Qt.CursorShape.ArrowCursor)
            return True
        if self._tool != SELECT:
            return False
        handle = self.overlay.handle_at(pos)
        if handle:
            self._set_cursor(_RESIZE_CURSORS[handle])
            return True
        found = self.overlay.annotation_at(pos)
        self.overlay.set_hover(found[1].uid if found else "")
        if found is None:
            self.view.viewport().setToolTip("")
            return False
        record = found[1]
        shape = (Qt.CursorShape.PointingHandCursor if record.kind == "link"
                 else Qt.CursorShape.SizeAllCursor if self._editable(record)
                 else Qt.CursorShape.ArrowCursor)
        self._set_cursor(shape)
        self.view.viewport().setToolTip(self._tooltip(record))
        return True

    def _tooltip(self, record) -> str:
        parts = [f"{record.author}"]
        if record.text:
            parts.append(record.text)
        if record.status == "resolved":
            parts.append(self.tr("(resolved)"))
        return "\n".join(parts)

    def _set_cursor(self, shape: Qt.CursorShape) -> None:
        if self.view.viewport().cursor().shape() != shape:
            self.view.viewport().setCursor(shape)

    def _release(self, pos: QPointF) -> None:
        g, self._gesture = self._gesture, None
        if g.what == "draw":
            self.overlay.set_draft(None)
            self._finish_drawing(g, pos)
        elif g.what == "move":
            self.overlay.set_preview(g.record.uid, None)
            if g.moved:
                self.change(g.record, {"geometry": self._moved_geometry(g, pos)},
                            self.tr("Move %1").replace("%1", self._tool_names().get(g.record.kind, (g.record.kind,))[0]))
            elif g.record.kind == "link":
                self.follow(g.record)
        elif g.what == "resize":
            self.overlay.set_preview(g.record.uid, None)
            if g.moved:
                self.change(g.record, {"geometry": self._resized_geometry(g, pos)},
                            self.tr("Resize %1").replace("%1", self._tool_names().get(g.record.kind, (g.record.kind,))[0]))
        elif g.what == "click" and g.record.kind == "link":
            self.follow(g.record)

    # -- gesture geometry ----------------------------------------------------------------------
    def _page_box(self, index: int) -> tuple[float, float, float, float]:
        rect = self.view.page_rect_in_viewport(index)
        a = self.overlay.to_page(index, rect.topLeft(), clamp=False)
        b = self.overlay.to_page(index, rect.bottomRight(), clamp=False)
        return rect_from_points(a, b)

    def _moved_geometry(self, g: _Gesture, pos: QPointF) -> list:
        x0, y0 = self.overlay.to_page(g.index, g.start, clamp=False)
        x1, y1 = self.overlay.to_page(g.index, pos, clamp=False)
        dx, dy = x1 - x0, y1 - y0
        # Keep the whole mark on its page.
        bx0, by0, bx1, by1 = bounds(g.record.kind, g.record.geometry)
        px0, py0, px1, py1 = self._page_box(g.index)
        dx = min(max(dx, px0 - bx0), px1 - bx1)
        dy = min(max(dy, py0 - by0), py1 - by1)
        return translated(g.record.kind, g.record.geometry, dx, dy)

    def _resized_geometry(self, g: _Gesture, pos: QPointF) -> list:
        if g.record.kind == "arrow":
            point = self.overlay.to_page(g.index, pos)
            x0, y0, x1, y1 = g.record.geometry
            return [*point, x1, y1] if g.handle == "tail" else [x0, y0, *point]
        page = self.view.page_rect_in_viewport(g.index)
        x = min(max(pos.x(), page.left()), page.right())
        y = min(max(pos.y(), page.top()), page.bottom())
        box = QRectF(g.box)
        if "l" in g.handle:
            box.setLeft(x)
        if "r" in g.handle:
            box.setRight(x)
        if g.handle.startswith("t"):
            box.setTop(y)
        if g.handle.startswith("b"):
            box.setBottom(y)
        box = box.normalized()
        a = self.overlay.to_page(g.index, box.topLeft())
        b = self.overlay.to_page(g.index, box.bottomRight())
        x0, y0, x1, y1 = rect_from_points(a, b)
        return [x0, y0, max(x1, x0 + MIN_SIZE), max(y1, y0 + MIN_SIZE)]

    def _draft(self, pos: QPointF) -> None:
        g = self._gesture
        point = self.overlay.to_page(g.index, pos)
        kind = self._tool
        if kind == "ink":
            if point != g.points[-1]:
                g.points.append(point)
            geometry = [[c for p in g.points for c in p]]
        elif kind == "arrow":
            geometry = [*g.origin, *point]
        else:
            geometry = list(rect_from_points(g.origin, point))
        self.overlay.set_draft(g.index, kind, geometry, self.colour(kind))

    def _finish_drawing(self, g: _Gesture, pos: QPointF) -> None:
        kind = self._tool
        end = self.overlay.to_page(g.index, pos)
        page = self._page_box(g.index)
        fields: dict = {}
        if kind == "ink":
            if end != g.points[-1]:
                g.points.append(end)
            points = g.points if len(g.points) > 1 else g.points * 2
            geometry = [[c for p in points for c in p]]
            if not g.moved:
                return
        elif kind == "arrow":
            if not g.moved:
                return
            geometry = [*g.origin, *end]
        else:
            rect = rect_from_points(g.origin, end)
            small = rect[2] - rect[0] < MIN_SIZE or rect[3] - rect[1] < MIN_SIZE
            if kind in ("rect", "ellipse") and (small or not g.moved):
                return
            if kind == "note" or not g.moved or small:
                size = {"note": NOTE_SIZE, "freetext": FREETEXT_SIZE, "stamp": STAMP_SIZE,
                        "link": LINK_SIZE}[kind]
                x, y = g.origin
                rect = fit_rect((x, y, x + size[0], y + size[1]) if kind != "note"
                                else centred_rect(x, y, *size), page)
            geometry = list(normalized(rect))
            if kind in ("note", "freetext"):
                title = self.tr("Note") if kind == "note" else self.tr("Text box")
                text = self.ask_text(title, self.tr("Text:"), "")
                if text is None or (kind == "freetext" and not text.strip()):
                    return
                fields["text"] = text
            elif kind == "stamp":
                label = self.ask_stamp(STAMP_LABELS, self._last_stamp)
                if not label:
                    return
                self._last_stamp = label
                fields["stamp"] = label
            elif kind == "link":
                doc_id, _page = self.document_at(g.index)
                target = self.ask_link_target(self.case_documents(), doc_id)
                if target is None:
                    return
                fields["link_document_id"], fields["link_page"] = target
        self.add(g.index, kind, geometry, **fields)

    # -- context menu --------------------------------------------------------------------------
    def context_menu(self, record) -> QMenu:
        """The actions on one annotation (edit, colour, status, follow, delete)."""
        menu = QMenu(self.pane)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        mine = self._editable(record)
        if record.kind == "link":
            menu.addAction(self.tr("Open the linked page in the other pane"), lambda: self.follow(record))
        if record.kind in ("note", "freetext", "stamp"):
            edit = menu.addAction(self.tr("Edit text…"), lambda: self.edit_text(record))
            edit.setEnabled(mine)
        colours = menu.addMenu(self.tr("Colour"))
        colours.setEnabled(mine and record.kind != "stamp")
        for colour in PALETTE:
            colours.addAction(self._swatch(colour), colour,
                              lambda c=colour: self.change(record, {"color": c}, self.tr("Change colour")))
        if record.status == "resolved":
            menu.addAction(icon("annot-resolve"), self.tr("Reopen"), lambda: self.set_status(record, "open"))
        else:
            menu.addAction(icon("annot-resolve"), self.tr("Mark resolved"),
                           lambda: self.set_status(record, "resolved"))
        menu.addSeparator()
        delete = menu.addAction(icon("edit-delete"), self.tr("Delete"), lambda: self.delete(record))
        delete.setEnabled(mine)
        return menu


__all__ = ["DRAWN", "PALETTE", "SELECT", "STAMP_LABELS", "TOOLS", "AnnotationTools"]
