"""Annotation edits as undoable steps, written through the store and never over someone else's.

Every step calls the store (``add_annotation``, ``update_annotation``, ``delete_annotation``)
naming the version it was made against. When another desk changed the annotation meanwhile the
store refuses (ConflictError, their version in ``error.current``); the ``AnnotationWriter``
then shows their version and asks whose wins: keep theirs, apply mine on top of theirs, or
cancel. Nothing is overwritten without that answer.

The store has no "undelete": undoing a deletion (or redoing an addition) adds the annotation
again under a new uid. An ``AnnotationRef`` follows the annotation through such re-creations,
so later steps on the stack still find it.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtGui import QUndoCommand

from storage.errors import ConflictError, StoreError

from .annotation_dialogs import USE_MINE

# The fields that recreate an annotation as it was.
CONTENT_FIELDS = ("kind", "page", "geometry", "color", "text", "stamp", "status")
# Conflicts resolved by "use mine" can meet yet another change; ask again, but not forever.
MAX_ATTEMPTS = 5


def _lists(value):
    if isinstance(value, (list, tuple)):
        return [_lists(v) for v in value]
    return value


def fields_of(record) -> dict:
    """The fields that recreate ``record`` in the store (geometry as lists)."""
    out = {name: _lists(getattr(record, name)) for name in CONTENT_FIELDS}
    if getattr(record, "link_page", None) is not None:
        out["link_document_id"] = record.link_document_id
        out["link_page"] = record.link_page
    return out


@dataclass
class AnnotationRef:
    """One annotation as this desk's undo history knows it: current uid, last version written."""

    document_id: int
    uid: str
    version: int


class AnnotationWriter:
    """Writes annotation changes to the store and keeps the document models up to date.

    ``models(document_id)`` gives the model to update; ``ask_conflict(current)`` answers a
    conflict ('theirs', 'mine' or 'cancel'); ``report(title, error)`` tells the user about any
    other refusal.
    """

    def __init__(self, session, models: Callable, ask_conflict: Callable, report: Callable) -> None:
        self.session = session
        self.models = models
        self.ask_conflict = ask_conflict
        self.report = report
        self._refs: dict[str, AnnotationRef] = {}

    def ref(self, record) -> AnnotationRef:
        """The reference steps share for ``record``; a new edit starts from the version shown."""
        ref = self._refs.get(record.uid)
        if ref is None:
            ref = AnnotationRef(record.document_id, record.uid, record.version)
            self._refs[record.uid] = ref
        else:
            ref.version = record.version
        return ref

    def _written(self, ref: AnnotationRef, info) -> None:
        if info.uid != ref.uid:
            self._refs.pop(ref.uid, None)
        ref.uid, ref.version = info.uid, info.version
        self._refs[info.uid] = ref
        self.models(ref.document_id).upsert(info)

    def _show_theirs(self, current) -> None:
        model = self.models(current.document_id)
        if current.deleted:
            model.remove(current.uid)
        else:
            model.upsert(current)

    def add(self, document_id: int, fields: dict, ref: AnnotationRef | None = None) -> AnnotationRef | None:
        """Add an annotation (again, when ``ref`` is given); None when the store refused."""
        try:
            info = self.session.add_annotation(document_id, **fields)
        except StoreError as exc:
            self.report(exc)
            return None
        if ref is None:
            ref = AnnotationRef(document_id, info.uid, info.version)
        self._written(ref, info)
        return ref

    def update(self, ref: AnnotationRef, fields: dict, restore: dict | None = None) -> bool:
        """Change the annotation; on a conflict ask whose version wins. False if nothing was written.

        ``restore`` holds the full fields to add it back with when it was deleted meanwhile and
        the user chooses to keep their own version.
        """
        expected = ref.version
        for _ in range(MAX_ATTEMPTS):
            try:
                info = self.session.update_annotation(ref.uid, expected, **fields)
            except StoreError as exc:
                error = exc
            else:
                self._written(ref, info)
                return True
            # Asked outside the except clause: the dialog runs an event loop of its own.
            current = self._conflicting(error)
            if current is None:
                return False
            if self.ask_conflict(current) != USE_MINE:
                ref.version = current.version
                return False
            if current.deleted:
                again = fields_of(current)
                again.update(restore or {})
                again.update(fields)
                return self.add(ref.document_id, again, ref) is not None
            expected = current.version
        return False

    def _conflicting(self, error: StoreError):
        """Their version from a conflict (now shown in the model); None (reported) otherwise."""
        current = getattr(error, "current", None) if isinstance(error, ConflictError) else None
        if current is None:
            self.report(error)
            return None
        self._show_theirs(current)
        return current

    def delete(self, ref: AnnotationRef) -> bool:
        """Delete the annotation; a conflicting change by someone else is asked about first."""
        expected = ref.version
        for _ in range(MAX_ATTEMPTS):
            try:
                info = self.session.delete_annotation(ref.uid, expected)
            except StoreError as exc:
                error = exc
            else:
                ref.version = info.version
                self.models(ref.document_id).remove(info.uid)
                return True
            current = self._conflicting(error)
            if current is None:
                return False
            if current.deleted:
                return True          # gone already: what this step wanted
            if self.ask_conflict(current) != USE_MINE:
                ref.version = current.version
                return False
            expected = current.version
        return False


class _StoreCommand(QUndoCommand):
    """A step whose first "redo" already happened: the write is made (and may be refused)
    before the step is pushed, so a refused edit never enters the history."""

    def __init__(self, writer: AnnotationWriter, text: str) -> None:
        super().__init__(text)
        self.writer = writer
        self._pushed = False

    def redo(self) -> None:  # noqa: D401 - Qt override
        if not self._pushed:
            self._pushed = True
            return
        if not self.apply():
            # Refused (their version kept, or cancelled): the step leaves the history.
            self.setObsolete(True)

    def undo(self) -> None:  # noqa: D401 - Qt override
        if not self.revert():
            self.setObsolete(True)

    def apply(self) -> bool:
        raise NotImplementedError

    def revert(self) -> bool:
        raise NotImplementedError


class AddCommand(_StoreCommand):
    """An annotation was added; undo deletes it, redo adds it again."""

    def __init__(self, writer: AnnotationWriter, ref: AnnotationRef, fields: dict, text: str) -> None:
        super().__init__(writer, text)
        self.ref = ref
        self.fields = dict(fields)

    def apply(self) -> bool:
        return self.writer.add(self.ref.document_id, self.fields, self.ref) is not None

    def revert(self) -> bool:
        return self.writer.delete(self.ref)


class UpdateCommand(_StoreCommand):
    """Fields of an annotation changed from ``before`` to ``after`` (a move, a resize, a new
    colour, text or status): one step each, however many mouse moves a drag took."""

    def __init__(self, writer: AnnotationWriter, ref: AnnotationRef, before: dict, after: dict,
                 text: str, whole: dict | None = None) -> None:
        super().__init__(writer, text)
        self.ref = ref
        self.before = dict(before)
        self.after = dict(after)
        self.whole = dict(whole or {})

    def apply(self) -> bool:
        return self.writer.update(self.ref, self.after, {**self.whole, **self.after})

    def revert(self) -> bool:
        return self.writer.update(self.ref, self.before, {**self.whole, **self.before})


class DeleteCommand(_StoreCommand):
    """An annotation was deleted; undo adds it back as it was (under a new uid)."""

    def __init__(self, writer: AnnotationWriter, ref: AnnotationRef, fields: dict, text: str) -> None:
        super().__init__(writer, text)
        self.ref = ref
        self.fields = dict(fields)

    def apply(self) -> bool:
        return self.writer.delete(self.ref)

    def revert(self) -> bool:
        return self.writer.add(self.ref.document_id, self.fields, self.ref) is not None


__all__ = ["AddCommand", "AnnotationRef", "AnnotationWriter", "DeleteCommand", "UpdateCommand",
           "fields_of"]
