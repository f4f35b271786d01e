"""The annotations of one document as an evented model, for the overlay and the annotation panel.

Records are plain values with the fields of the store's ``AnnotationInfo`` (uid, document_id,
page, kind, geometry, color, text, stamp, link_document_id, link_page, author, status,
parent_uid, version, deleted, ...); the model never talks to the store, so edits made here and
notices from other desks arrive the same way: ``set_annotations``, ``upsert``, ``remove``.
Annotations already inside the PDF file are kept apart (``existing``): they are read-only.
"""
from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QObject, Signal


class AnnotationLayerModel(QObject):
    """The live annotations of one document, by uid, in the order they were made."""

    # Anything changed (the overlay repaints on this).
    changed = Signal()
    # One annotation arrived or changed (its new record), or went away (its uid).
    upserted = Signal(object)
    removed = Signal(str)
    # The whole list was replaced.
    reset = Signal()

    def __init__(self, document_id: int | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document_id = document_id
        self._records: dict[str, object] = {}
        self._by_page: dict[int, list] | None = None
        self._existing: tuple = ()
        self.loaded = False

    # -- feeding -------------------------------------------------------------------------------
    def set_annotations(self, records: Iterable) -> None:
        """Replace every annotation (e.g. after reading the document's list from the store)."""
        self._records = {r.uid: r for r in records if not getattr(r, "deleted", False)}
        self._by_page = None
        self.loaded = True
        self.reset.emit()
        self.changed.emit()

    def upsert(self, record) -> None:
        """Add or replace one annotation; a record marked deleted removes it.

        A record older than the one held (a lower version, e.g. a late notice) is ignored.
        """
        if getattr(record, "deleted", False):
            self.remove(record.uid)
            return
        held = self._records.get(record.uid)
        if held is not None and getattr(held, "version", 0) > getattr(record, "version", 0):
            return
        self._records[record.uid] = record
        self._by_page = None
        self.upserted.emit(record)
        self.changed.emit()

    def remove(self, uid: str) -> None:
        """Forget annotation ``uid`` (deleted here or at another desk); nothing if unknown."""
        if self._records.pop(uid, None) is None:
            return
        self._by_page = None
        self.removed.emit(uid)
        self.changed.emit()

    def set_existing(self, items: Iterable) -> None:
        """The annotations found inside the PDF file itself (read-only, listed, not editable)."""
        self._existing = tuple(items)
        self.changed.emit()

    # -- reading -------------------------------------------------------------------------------
    def get(self, uid: str):
        """The record of ``uid``, or None."""
        return self._records.get(uid)

    def __contains__(self, uid: object) -> bool:
        return uid in self._records

    def __len__(self) -> int:
        return len(self._records)

    def annotations(self) -> list:
        """Every live annotation, replies included, oldest first."""
        return list(self._records.values())

    def for_page(self, page: int) -> list:
        """The annotations of ``page`` (the document's own page number), oldest first."""
        if self._by_page is None:
            by_page: dict[int, list] = {}
            for record in self._records.values():
                by_page.setdefault(record.page, []).append(record)
            self._by_page = by_page
        return list(self._by_page.get(page, ()))

    def replies(self, uid: str) -> list:
        """The replies of the thread that annotation ``uid`` starts, oldest first."""
        return [r for r in self._records.values() if getattr(r, "parent_uid", None) == uid]

    def authors(self) -> list[str]:
        """The user names with at least one annotation here, sorted."""
        return sorted({r.author for r in self._records.values()})

    @property
    def existing(self) -> tuple:
        """Annotations inside the PDF file itself (``ExistingAnnotation`` values)."""
        return self._existing


class AnnotationModels(QObject):
    """One model per document, shared by every pane and panel that shows that document."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._models: dict[int, AnnotationLayerModel] = {}

    def model(self, document_id: int) -> AnnotationLayerModel:
        """The model of ``document_id`` (made empty on first use)."""
        model = self._models.get(document_id)
        if model is None:
            model = AnnotationLayerModel(document_id, self)
            self._models[document_id] = model
        return model

    def get(self, document_id: int) -> AnnotationLayerModel | None:
        """The model of ``document_id`` if one was made."""
        return self._models.get(document_id)

    def models(self) -> list[AnnotationLayerModel]:
        """Every model made so far."""
        return list(self._models.values())


__all__ = ["AnnotationLayerModel", "AnnotationModels"]
