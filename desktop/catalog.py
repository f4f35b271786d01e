"""The dossier catalog (阅卷目录): a case's documents as a tree, grouped four ways.

The widget takes plain values (a `CaseInfo` and its `DocumentInfo` list) and never talks to the
store, so the window decides when and on which thread the catalog is read. It reports what the
user wants through signals: open a document, open it in a given pane, read a whole volume as
one book; documents can also be dragged onto a pane.

Grouping:
- by volume: each volume in binding order, its documents in filing order, each with the page
  range it occupies in the bound volume ("p. 13–20"), numbered from 1 in every volume;
- by document type, in the order the types first appear in the dossier;
- by date: year-month groups, oldest first, undated documents last;
- by party: each party, with the documents whose title or source names it; the rest under
  "Other". A document naming two parties appears under both.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable

from PySide6.QtCore import (QByteArray, QCoreApplication, QEvent, QMimeData, QModelIndex,
                            QObject, QPoint, QSortFilterProxyModel, Qt, Signal)
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel,
                               QLineEdit, QListWidget, QListWidgetItem, QMenu, QTreeView,
                               QVBoxLayout, QWidget)

from storage.records import CaseInfo, DocumentInfo

__all__ = [
    "DOCUMENT_MIME_TYPE", "CatalogView", "CatalogWidget", "document_ids_from_mime",
    "KIND_ROLE", "DOCUMENT_ID_ROLE", "DOCUMENT_IDS_ROLE", "PAGE_COUNT_ROLE", "FIRST_PAGE_ROLE",
    "LAST_PAGE_ROLE", "FILTER_ROLE",
]

DOCUMENT_MIME_TYPE = "application/x-dossier-document"

KIND_ROLE = Qt.ItemDataRole.UserRole + 1          # "group" | "volume" | "document"
DOCUMENT_ID_ROLE = Qt.ItemDataRole.UserRole + 2   # int, on document rows
DOCUMENT_IDS_ROLE = Qt.ItemDataRole.UserRole + 3  # list[int], on group rows: their documents
PAGE_COUNT_ROLE = Qt.ItemDataRole.UserRole + 4    # int, pages of the row (summed for groups)
FIRST_PAGE_ROLE = Qt.ItemDataRole.UserRole + 5    # int, by volume: first page in the volume
LAST_PAGE_ROLE = Qt.ItemDataRole.UserRole + 6     # int, by volume: last page in the volume
FILTER_ROLE = Qt.ItemDataRole.UserRole + 7        # str the filter box matches against
RELATED_CASE_ROLE = Qt.ItemDataRole.UserRole + 8  # str case number, on related-case rows

COL_TITLE, COL_PAGES, COL_DATE, COL_TYPE = range(4)
_MIN_TITLE_WIDTH = 200  # px: about a dozen CJK characters

class CatalogView(enum.Enum):
    """The ways the catalog can group a dossier."""
    VOLUME = "volume"
    TYPE = "type"
    DATE = "date"
    PARTY = "party"


def document_ids_from_mime(mime: QMimeData) -> list[int]:
    """The document ids a catalog drag carries; empty if `mime` is not a catalog drag."""
    if not mime.hasFormat(DOCUMENT_MIME_TYPE):
        return []
    raw = bytes(mime.data(DOCUMENT_MIME_TYPE).data()).decode("ascii", "replace")
    ids = []
    for part in raw.split():
        try:
            ids.append(int(part))
        except ValueError:
            continue  # a foreign payload under our type: ignore what is not an id
    return ids


class _CatalogModel(QStandardItemModel):
    """The tree's rows; drags of document rows carry their ids, not Qt's item serialisation."""

    def mimeTypes(self) -> list[str]:
        return [DOCUMENT_MIME_TYPE]

    def mimeData(self, indexes: Iterable[QModelIndex]) -> QMimeData | None:
        ids: list[int] = []
        for index in indexes:
            doc_id = index.data(DOCUMENT_ID_ROLE)
            # A row arrives once per column; keep each document once, in the order given.
            if doc_id is not None and doc_id not in ids:
                ids.append(int(doc_id))
        if not ids:
            return None
        mime = QMimeData()
        mime.setData(DOCUMENT_MIME_TYPE, QByteArray("\n".join(map(str, ids)).encode("ascii")))
        return mime

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction


def _ordered(documents: Iterable[DocumentInfo]) -> list[DocumentInfo]:
    # The bound order of the dossier: volume, then filing order within it.
    return sorted(documents, key=lambda d: (d.volume_ordinal, d.ordinal, d.id))


def _page_range(first: int, last: int) -> str:
    # lupdate extracts only calls that spell the context out.
    if last < first:
        return "—"
    if first == last:
        return QCoreApplication.translate("CatalogWidget", "p. {page}").format(page=first)
    return QCoreApplication.translate("CatalogWidget", "p. {first}–{last}").format(first=first, last=last)


class CatalogWidget(QWidget):
    """A case's documents as a tree with four groupings, a filter box and related cases."""

    documentActivated = Signal(int)         # document id: double-click or Enter
    openInPane = Signal(int, str)           # document id, "left" | "right"
    volumeAsBook = Signal(str, list)        # volume name, its document ids in binding order
    relatedCaseActivated = Signal(str)      # case number of a related case

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._case: CaseInfo | None = None
        self._documents: list[DocumentInfo] = []
        self._related: list[tuple[CaseInfo, str]] = []

        self.case_label = QLabel(self)
        self.case_label.setWordWrap(True)
        self.case_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.view_combo = QComboBox(self)
        for view in CatalogView:
            self.view_combo.addItem("", view.value)

        self.filter_edit = QLineEdit(self)
        self.filter_edit.setClearButtonEnabled(True)

        self._model = _CatalogModel(self)
        self._proxy = QSortFilterProxyModel(self)
        self._proxy.setSourceModel(self._model)
        self._proxy.setRecursiveFilteringEnabled(True)
        self._proxy.setFilterRole(FILTER_ROLE)
        self._proxy.setFilterKeyColumn(COL_TITLE)
        self._proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

        self.tree = QTreeView(self)
        self.tree.setModel(self._proxy)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setDragEnabled(True)
        self.tree.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.tree.setDefaultDropAction(Qt.DropAction.CopyAction)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        # The header only takes resize modes for columns the model already has.
        self._set_headers()
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Interactive)
        for col in (COL_PAGES, COL_DATE, COL_TYPE):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.viewport().installEventFilter(self)

        self.related_label = QLabel(self)
        self.related_list = QListWidget(self)
        self.related_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.related_list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.related_label.hide()
        self.related_list.hide()

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.view_combo)
        top.addWidget(self.filter_edit, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.case_label)
        layout.addLayout(top)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.related_label)
        layout.addWidget(self.related_list)

        self.view_combo.currentIndexChanged.connect(self._rebuild)
        self.filter_edit.textChanged.connect(self._apply_filter)
        self.tree.activated.connect(self._on_activated)
        self.tree.customContextMenuRequested.connect(self._on_context_menu)
        self.related_list.itemActivated.connect(self._on_related_activated)
        self.retranslate()

    # -- public API ------------------------------------------------------------------------
    def set_case(self, case: CaseInfo, documents: list[DocumentInfo]) -> None:
        """Show `case` with its `documents` (in any order; the catalog orders them)."""
        self._case = case
        self._documents = _ordered(documents)
        self._show_case_label()
        self._rebuild()

    def set_related(self, related: list[tuple[CaseInfo, str]]) -> None:
        """List other cases under the tree: (case, the party names it shares with this one)."""
        self._related = list(related)
        self.related_list.clear()
        for case, shared in related:
            text = f"{case.case_no}  {case.cause}".strip()
            if shared:
                text = self.tr("{case}  (shared: {parties})").format(case=text, parties=shared)
            item = QListWidgetItem(text, self.related_list)
            item.setData(RELATED_CASE_ROLE, case.case_no)
            item.setToolTip(self.tr("{case}\n{court}, stage: {stage}").format(
                case=text, court=case.court, stage=case.stage or "—"))
        # As tall as its rows, up to four: the tree keeps the room.
        rows = min(max(len(related), 1), 4)
        frame = 2 * self.related_list.frameWidth()
        self.related_list.setFixedHeight(rows * self.related_list.sizeHintForRow(0) + frame
                                         if related else 0)
        visible = bool(related)
        self.related_label.setVisible(visible)
        self.related_list.setVisible(visible)

    def current_view(self) -> CatalogView:
        """The grouping shown."""
        return CatalogView(self.view_combo.currentData())

    def set_view(self, view: CatalogView) -> None:
        """Group the documents by `view`."""
        self.view_combo.setCurrentIndex(self.view_combo.findData(view.value))

    def set_filter(self, text: str) -> None:
        """Show only documents whose title, type or source contains `text` (any case)."""
        self.filter_edit.setText(text)

    def select_document(self, document_id: int) -> bool:
        """Select and reveal the first row of `document_id`; False if it is not shown."""
        for index in self._proxy_rows():
            if index.data(DOCUMENT_ID_ROLE) == document_id:
                self.tree.setCurrentIndex(index)
                self.tree.scrollTo(index)
                return True
        return False

    def menu_for(self, index: QModelIndex) -> QMenu | None:
        """The context menu of the tree row at `index` (a tree-model index), or None if the row
        has none. The caller shows it; the actions emit the catalog's signals."""
        if not index.isValid():
            return None
        row = index.siblingAtColumn(COL_TITLE)
        kind = row.data(KIND_ROLE)
        menu = QMenu(self)
        if kind == "document":
            doc_id = int(row.data(DOCUMENT_ID_ROLE))
            left = menu.addAction(self.tr("Open in left pane"))
            left.setObjectName("openLeft")
            left.triggered.connect(lambda: self.openInPane.emit(doc_id, "left"))
            right = menu.addAction(self.tr("Open in right pane"))
            right.setObjectName("openRight")
            right.triggered.connect(lambda: self.openInPane.emit(doc_id, "right"))
        elif kind == "volume":
            name = str(row.data(Qt.ItemDataRole.EditRole))
            ids = list(row.data(DOCUMENT_IDS_ROLE) or [])
            book = menu.addAction(self.tr("Read volume as one book"))
            book.setObjectName("readVolume")
            book.setEnabled(bool(ids))
            book.triggered.connect(lambda: self.volumeAsBook.emit(name, ids))
        else:
            menu.deleteLater()
            return None
        return menu

    def retranslate(self) -> None:
        """Show every text in the interface language now in force."""
        labels = {CatalogView.VOLUME: self.tr("By volume"),
                  CatalogView.TYPE: self.tr("By document type"),
                  CatalogView.DATE: self.tr("By date"),
                  CatalogView.PARTY: self.tr("By party")}
        for view, label in labels.items():
            self.view_combo.setItemText(self.view_combo.findData(view.value), label)
        self.view_combo.setToolTip(self.tr("How the documents are grouped"))
        self.filter_edit.setPlaceholderText(self.tr("Filter by title, type or source"))
        self.related_label.setText(self.tr("Related cases"))
        self.related_list.setToolTip(self.tr("Other cases that share a party with this one"))
        self._set_headers()
        self._show_case_label()
        # Group rows carry translated labels ("Undated", "Other"): build them again.
        self._rebuild()
        self.set_related(self._related)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- building the tree -----------------------------------------------------------------
    def _set_headers(self) -> None:
        self._model.setHorizontalHeaderLabels(
            [self.tr("Title"), self.tr("Pages"), self.tr("Date"), self.tr("Type")])

    def _show_case_label(self) -> None:
        case = self._case
        if case is None:
            self.case_label.setText(self.tr("No case open"))
            return
        pages = sum(max(d.page_count, 0) for d in self._documents)
        self.case_label.setText(self.tr("{case_no}  {cause}\n{documents} documents, {pages} pages")
                                .format(case_no=case.case_no, cause=case.cause,
                                        documents=len(self._documents), pages=pages))

    def _rebuild(self) -> None:
        self._model.removeRows(0, self._model.rowCount())
        root = self._model.invisibleRootItem()
        view = self.current_view()
        if view is CatalogView.VOLUME:
            self._build_by_volume(root)
        elif view is CatalogView.TYPE:
            self._build_groups(root, self._groups_by_type())
        elif view is CatalogView.DATE:
            self._build_groups(root, self._groups_by_date())
        else:
            self._build_groups(root, self._groups_by_party())
        self.tree.expandAll()
        self._fit_columns()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.tree.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_columns()
        return super().eventFilter(watched, event)

    def _fit_columns(self) -> None:
        # The title takes the room the other columns leave, but in a narrow dock it keeps
        # enough width to be read and the tree scrolls sideways instead.
        header = self.tree.header()
        others = sum(header.sectionSize(c) for c in (COL_PAGES, COL_DATE, COL_TYPE))
        readable = min(self.tree.sizeHintForColumn(COL_TITLE), _MIN_TITLE_WIDTH)
        header.resizeSection(COL_TITLE, max(self.tree.viewport().width() - others, readable))

    def _build_by_volume(self, root: QStandardItem) -> None:
        volumes: dict[str, list[DocumentInfo]] = {}
        # Volumes the case declares come first, even empty ones, so the binding order is whole.
        if self._case is not None:
            for vol in sorted(self._case.volumes, key=lambda v: (v.ordinal, v.id)):
                volumes.setdefault(vol.name, [])
        for doc in self._documents:
            volumes.setdefault(doc.volume, []).append(doc)
        for name, docs in volumes.items():
            group = self._group_row(name, docs, kind="volume")
            page = 0
            for doc in docs:
                count = max(doc.page_count, 0)
                first, last = page + 1, page + count
                page = last
                group[0].appendRow(self._document_row(doc, first, last))
            if docs:
                group[COL_PAGES].setData(1, FIRST_PAGE_ROLE)
                group[COL_PAGES].setData(page, LAST_PAGE_ROLE)
            root.appendRow(group)

    def _build_groups(self, root: QStandardItem,
                      groups: list[tuple[str, list[DocumentInfo]]]) -> None:
        for label, docs in groups:
            group = self._group_row(label, docs, kind="group")
            for doc in docs:
                group[0].appendRow(self._document_row(doc))
            root.appendRow(group)

    def _groups_by_type(self) -> list[tuple[str, list[DocumentInfo]]]:
        groups: dict[str, list[DocumentInfo]] = {}
        for doc in self._documents:
            groups.setdefault(doc.doc_type.strip() or self.tr("Untyped"), []).append(doc)
        return list(groups.items())

    def _groups_by_date(self) -> list[tuple[str, list[DocumentInfo]]]:
        dated: dict[tuple[int, int], list[DocumentInfo]] = {}
        undated: list[DocumentInfo] = []
        for doc in self._documents:
            if doc.doc_date is None:
                undated.append(doc)
            else:
                dated.setdefault((doc.doc_date.year, doc.doc_date.month), []).append(doc)
        groups = []
        for (year, month), docs in sorted(dated.items()):
            # sorted() is stable: documents of one day keep their filing order.
            docs.sort(key=lambda d: d.doc_date)
            groups.append((self.tr("{year}-{month:02d}").format(year=year, month=month), docs))
        if undated:
            groups.append((self.tr("Undated"), undated))
        return groups

    def _groups_by_party(self) -> list[tuple[str, list[DocumentInfo]]]:
        groups = []
        named: set[int] = set()
        parties = self._case.parties if self._case is not None else ()
        for party in parties:
            name = party.name.strip()
            if not name:
                continue
            docs = [d for d in self._documents if name in d.title or name in d.source]
            named.update(d.id for d in docs)
            label = (self.tr("{name} ({role})").format(name=name, role=party.role)
                     if party.role else name)
            groups.append((label, docs))
        others = [d for d in self._documents if d.id not in named]
        if others:
            groups.append((self.tr("Other"), others))
        return groups

    def _group_row(self, label: str, docs: list[DocumentInfo], *, kind: str) -> list[QStandardItem]:
        pages = sum(max(d.page_count, 0) for d in docs)
        title = QStandardItem(label)
        title.setData(kind, KIND_ROLE)
        title.setData([d.id for d in docs], DOCUMENT_IDS_ROLE)
        title.setData(pages, PAGE_COUNT_ROLE)
        # Groups match the filter only through their documents.
        title.setData("", FILTER_ROLE)
        title.setToolTip(self.tr("{label}: {documents} documents, {pages} pages").format(
            label=label, documents=len(docs), pages=pages))
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        count = QStandardItem(str(pages))
        count.setData(pages, PAGE_COUNT_ROLE)
        count.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        row = [title, count, QStandardItem(""), QStandardItem("")]
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        for item in row:
            item.setFlags(flags)
        return row

    def _document_row(self, doc: DocumentInfo, first: int = 0, last: int = -1) -> list[QStandardItem]:
        count = max(doc.page_count, 0)
        title = QStandardItem(doc.title or self.tr("(untitled)"))
        title.setData("document", KIND_ROLE)
        title.setData(doc.id, DOCUMENT_ID_ROLE)
        title.setData(count, PAGE_COUNT_ROLE)
        title.setData("\n".join((doc.title, doc.doc_type, doc.source)), FILTER_ROLE)
        title.setToolTip(self.tr("{title}\nVolume: {volume}\nSource: {source}").format(
            title=doc.title, volume=doc.volume, source=doc.source or "—"))
        pages = QStandardItem(str(count))
        pages.setData(count, PAGE_COUNT_ROLE)
        if first > 0:
            # In the volume view the bound page numbers are what a judge cites; the range
            # already says how many pages there are.
            pages.setText(_page_range(first, last))
            pages.setToolTip(self.tr("{pages} pages").format(pages=count))
            pages.setData(first, FIRST_PAGE_ROLE)
            pages.setData(last, LAST_PAGE_ROLE)
        pages.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        date = QStandardItem(doc.doc_date.isoformat() if doc.doc_date else "")
        kind = QStandardItem(doc.doc_type)
        row = [title, pages, date, kind]
        flags = (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                 | Qt.ItemFlag.ItemIsDragEnabled)
        for item in row:
            item.setFlags(flags)
            if item is not title:
                item.setData(doc.id, DOCUMENT_ID_ROLE)
        return row

    # -- reacting to the user --------------------------------------------------------------
    def _apply_filter(self, text: str) -> None:
        self._proxy.setFilterFixedString(text.strip())
        # Matches may sit in collapsed groups; show them all.
        self.tree.expandAll()

    def _on_activated(self, index: QModelIndex) -> None:
        doc_id = index.siblingAtColumn(COL_TITLE).data(DOCUMENT_ID_ROLE)
        if doc_id is not None:
            self.documentActivated.emit(int(doc_id))

    def _on_context_menu(self, pos: QPoint) -> None:
        menu = self.menu_for(self.tree.indexAt(pos))
        if menu is None:
            return
        menu.exec(self.tree.viewport().mapToGlobal(pos))
        menu.deleteLater()

    def _on_related_activated(self, item: QListWidgetItem) -> None:
        self.relatedCaseActivated.emit(str(item.data(RELATED_CASE_ROLE)))

    def _proxy_rows(self, parent: QModelIndex | None = None):
        parent = parent if parent is not None else QModelIndex()
        for r in range(self._proxy.rowCount(parent)):
            index = self._proxy.index(r, COL_TITLE, parent)
            yield index
            yield from self._proxy_rows(index)
