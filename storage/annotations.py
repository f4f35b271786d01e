"""Annotations in the store: marks on document pages that every desk of a case shares.

Geometry is in page coordinates (see viewer/core/document.py: PyMuPDF's unrotated page space,
points, y down) and its shape depends on the kind:

* ``highlight``, ``underline``, ``strikeout``: quads ``[[x0,y0, x1,y1, x2,y2, x3,y3], ...]``,
  corners in PyMuPDF's quad order (upper-left, upper-right, lower-left, lower-right);
* ``rect``, ``ellipse``, ``note``, ``freetext``, ``stamp``, ``link``: a rect ``[x0, y0, x1, y1]``;
* ``arrow``: ``[x_tail, y_tail, x_head, y_head]``;
* ``ink``: strokes ``[[x, y, x, y, ...], ...]``.

Rules: only users assigned to the case (and administrators) read or write its annotations;
only the author changes what an annotation shows or deletes it; any of them may resolve,
reopen and reply. Every write is audited and put on the change feed (entity ``annotation``,
entity id = the annotation's ``uid``). Edits name the version they were made against; a stale
one raises ConflictError with the annotation as it now is in ``error.current``.
"""
from __future__ import annotations

import datetime as dt
import json
import math
import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from .errors import ConflictError, InvalidInput, NotFound
from .models import (ANNOTATION_KINDS, ANNOTATION_STATUSES, Annotation, Case, Document, User,
                     Volume, utcnow)

QUAD_KINDS = ("highlight", "underline", "strikeout")
RECT_KINDS = ("rect", "ellipse", "note", "freetext", "stamp", "link")
STAMP_LABELS = ("已核实", "存疑", "重点")
DEFAULT_COLOR = "#ffd400"

# Fields that change what an annotation shows: only its author may set them.
_CONTENT_FIELDS = frozenset({"page", "geometry", "color", "text", "stamp", "link_document_id", "link_page"})
_ADD_FIELDS = frozenset({"kind", "status"}) | _CONTENT_FIELDS
_UPDATE_FIELDS = frozenset({"status"}) | _CONTENT_FIELDS
_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")


@dataclass(frozen=True)
class AnnotationInfo:
    """An annotation as the store hands it out (geometry as nested tuples of floats)."""
    uid: str
    document_id: int
    case_no: str
    page: int
    kind: str
    geometry: tuple
    color: str
    text: str
    stamp: str
    link_document_id: int | None
    link_page: int | None
    author: str
    status: str
    parent_uid: str | None
    created_at: dt.datetime
    updated_at: dt.datetime
    version: int
    deleted: bool


def _freeze(value):
    if isinstance(value, list):
        return tuple(_freeze(v) for v in value)
    return value


def annotation_info(row: Annotation, case_no: str) -> AnnotationInfo:
    """The plain value of an annotation row (reads ``row.author``)."""
    return AnnotationInfo(row.uid, row.document_id, case_no, row.page, row.kind,
                          _freeze(json.loads(row.geometry)), row.color, row.text, row.stamp,
                          row.link_document_id, row.link_page, row.author.name, row.status,
                          row.parent_uid, row.created_at, row.updated_at, row.version, row.deleted)


def _numbers(value, count: int | None, what: str) -> list[float]:
    if not isinstance(value, (list, tuple)) or any(isinstance(v, bool) or not isinstance(v, (int, float))
                                                   for v in value):
        raise InvalidInput(f"The {what} must be a list of numbers.")
    out = [float(v) for v in value]
    if not all(math.isfinite(v) for v in out):
        raise InvalidInput(f"The {what} contains a number that is not finite.")
    if count is not None and len(out) != count:
        raise InvalidInput(f"The {what} needs {count} numbers, not {len(out)}.")
    return out


def geometry_json(kind: str, geometry) -> str:
    """Check ``geometry`` against the shape ``kind`` needs; return it as stored (JSON)."""
    if kind in RECT_KINDS:
        x0, y0, x1, y1 = _numbers(geometry, 4, f"rectangle of a {kind}")
        shape = [min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)]
    elif kind == "arrow":
        shape = _numbers(geometry, 4, "arrow (tail x, y, head x, y)")
    elif kind in QUAD_KINDS:
        if not isinstance(geometry, (list, tuple)) or not geometry:
            raise InvalidInput(f"A {kind} needs at least one quad.")
        shape = [_numbers(q, 8, "quad") for q in geometry]
    elif kind == "ink":
        if not isinstance(geometry, (list, tuple)) or not geometry:
            raise InvalidInput("An ink annotation needs at least one stroke.")
        shape = [_numbers(stroke, None, "ink stroke") for stroke in geometry]
        if any(len(stroke) < 2 or len(stroke) % 2 for stroke in shape):
            raise InvalidInput("An ink stroke is a list of x, y pairs.")
    else:
        raise InvalidInput(f"Unknown annotation kind {kind!r}; use one of {', '.join(ANNOTATION_KINDS)}.")
    return json.dumps(shape, separators=(",", ":"))


class AnnotationMixin:
    """The annotation part of StoreSession (uses its ``store``, ``user``, ``_case``, ``_refuse``, ``_audit``)."""

    # -- reading -----------------------------------------------------------------------------
    def annotations(self, document_id: int, include_deleted: bool = False) -> list[AnnotationInfo]:
        """Every annotation of a document, replies included (``parent_uid`` set), by page and age."""
        with self.store.read() as s:
            doc, case = self._annotation_document(s, document_id, "annotation-read")
            # Plain columns, not ORM objects: a document with thousands of annotations is read
            # when it opens, and building and tracking objects cost most of that time.
            a = Annotation
            query = (select(a.uid, a.document_id, a.page, a.kind, a.geometry, a.color, a.text, a.stamp,
                            a.link_document_id, a.link_page, User.name, a.status, a.parent_uid,
                            a.created_at, a.updated_at, a.version, a.deleted)
                     .join(User, User.id == a.author_id)
                     .where(a.document_id == doc.id).order_by(a.page, a.id))
            if not include_deleted:
                query = query.where(a.deleted.is_(False))
            loads = json.loads
            return [AnnotationInfo(r[0], r[1], case.case_no, r[2], r[3], _freeze(loads(r[4])), *r[5:])
                    for r in s.execute(query)]

    def annotation(self, uid: str) -> AnnotationInfo:
        """One annotation by uid, deleted or not (e.g. after a change-feed notice)."""
        with self.store.read() as s:
            row, case = self._annotation_row(s, uid, "annotation-read")
            return annotation_info(row, case.case_no)

    def case_annotations(self, case_no: str, author: str | None = None, kind: str | None = None,
                         status: str | None = None, text: str | None = None) -> list[AnnotationInfo]:
        """The live annotations of a case, filtered by author (user name), kind, status and text
        (substring, case-insensitive), in volume, document and page order."""
        with self.store.read() as s:
            case = self._case(s, case_no, "annotation-read")
            query = (select(Annotation).join(Document, Document.id == Annotation.document_id)
                     .join(Volume, Volume.id == Document.volume_id)
                     .where(Annotation.case_id == case.id, Annotation.deleted.is_(False))
                     .options(selectinload(Annotation.author))
                     .order_by(Volume.ordinal, Document.ordinal, Document.id, Annotation.page, Annotation.id))
            if author is not None:
                query = query.join(User, User.id == Annotation.author_id).where(User.name == author)
            if kind is not None:
                query = query.where(Annotation.kind == kind)
            if status is not None:
                query = query.where(Annotation.status == status)
            if text:
                query = query.where(Annotation.text.icontains(text, autoescape=True))
            return [annotation_info(a, case_no) for a in s.scalars(query)]

    # -- writing -----------------------------------------------------------------------------
    def add_annotation(self, document_id: int, **fields) -> AnnotationInfo:
        """Add one annotation (fields: kind, page, geometry, color, text, stamp, link_document_id,
        link_page, status) authored by this user."""
        return self.add_annotations(document_id, [fields])[0]

    def add_annotations(self, document_id: int, items: Iterable[dict]) -> list[AnnotationInfo]:
        """Add several annotations to one document in one transaction (all or none)."""
        items = [dict(item) for item in items]
        if not items:
            return []
        with self.store.write() as s:
            doc, case = self._annotation_document(s, document_id, "annotation-add")
            author = s.get(User, self.user.id)
            now = utcnow()
            rows = []
            for item in items:
                unknown = set(item) - _ADD_FIELDS
                if unknown:
                    raise InvalidInput(f"An annotation has no field {', '.join(sorted(unknown))}.")
                kind = item.get("kind")
                if kind not in ANNOTATION_KINDS:
                    raise InvalidInput(f"Unknown annotation kind {kind!r}; use one of {', '.join(ANNOTATION_KINDS)}.")
                row = Annotation(uid=uuid.uuid4().hex, case_id=case.id, document_id=doc.id, kind=kind,
                                 page=0, geometry="[]", color=DEFAULT_COLOR, text="", stamp="",
                                 status="open", author=author, created_at=now, updated_at=now, deleted=False)
                self._apply(s, row, doc, item)
                rows.append(row)
            s.add_all(rows)
            s.flush()
            self._audit(s, "annotation-add", case.case_no, document_id=doc.id,
                        annotations=[{"uid": r.uid, "kind": r.kind, "page": r.page} for r in rows])
            for row in rows:
                self.store.notify_changes(s, case.id, "annotation", row.uid, "insert")
            return [annotation_info(r, case.case_no) for r in rows]

    def update_annotation(self, uid: str, expected_version: int, **fields) -> AnnotationInfo:
        """Change an annotation made against ``expected_version``. Moving, restyling and
        rewording are the author's; ``status`` ('open'/'resolved') anyone assigned may set."""
        unknown = set(fields) - _UPDATE_FIELDS
        if unknown:
            raise InvalidInput(f"Cannot change {', '.join(sorted(unknown))} of an annotation.")
        with self.store.write() as s:
            row, case = self._annotation_row(s, uid, "annotation-edit", lock=True)
            if set(fields) & _CONTENT_FIELDS:
                self._require_author(s, row, case, "annotation-edit")
            self._check_annotation_version(row, case, expected_version)
            doc = s.get(Document, row.document_id)
            self._apply(s, row, doc, fields)
            row.updated_at = utcnow()
            s.flush()
            details = {k: v for k, v in fields.items() if k in ("status", "text", "stamp", "page", "color")}
            self._audit(s, "annotation-edit", case.case_no, uid=uid, fields=sorted(fields),
                        version=row.version, **details)
            self.store.notify_changes(s, case.id, "annotation", uid, "update")
            return annotation_info(row, case.case_no)

    def delete_annotation(self, uid: str, expected_version: int) -> AnnotationInfo:
        """Delete (mark deleted) an annotation and its replies; only its author may."""
        with self.store.write() as s:
            row, case = self._annotation_row(s, uid, "annotation-delete", lock=True)
            self._require_author(s, row, case, "annotation-delete")
            self._check_annotation_version(row, case, expected_version)
            now = utcnow()
            replies = list(s.scalars(select(Annotation).where(Annotation.parent_uid == uid,
                                                              Annotation.deleted.is_(False))))
            for target in [row, *replies]:
                target.deleted = True
                target.updated_at = now
            s.flush()
            self._audit(s, "annotation-delete", case.case_no, uid=uid, kind=row.kind,
                        document_id=row.document_id, page=row.page, replies=[r.uid for r in replies])
            for target in [row, *replies]:
                self.store.notify_changes(s, case.id, "annotation", target.uid, "delete")
            return annotation_info(row, case.case_no)

    def reply(self, uid: str, text: str) -> AnnotationInfo:
        """Add a reply to an annotation's comment thread (a 'note' whose parent_uid is the thread's
        first annotation); any user assigned to the case may reply."""
        if not text.strip():
            raise InvalidInput("A reply needs some text.")
        with self.store.write() as s:
            parent, case = self._annotation_row(s, uid, "annotation-reply")
            if parent.parent_uid:
                parent, _ = self._annotation_row(s, parent.parent_uid, "annotation-reply")
            if parent.deleted:
                self._conflict(parent, case, parent.version,
                               "was deleted by its author; your reply was not saved")
            now = utcnow()
            row = Annotation(uid=uuid.uuid4().hex, case_id=case.id, document_id=parent.document_id,
                             page=parent.page, kind="note", geometry=parent.geometry, color=parent.color,
                             text=text, stamp="", status="open", parent_uid=parent.uid,
                             author=s.get(User, self.user.id), created_at=now, updated_at=now, deleted=False)
            s.add(row)
            s.flush()
            self._audit(s, "annotation-reply", case.case_no, uid=row.uid, parent_uid=parent.uid, text=text)
            self.store.notify_changes(s, case.id, "annotation", row.uid, "insert")
            return annotation_info(row, case.case_no)

    # -- helpers -----------------------------------------------------------------------------
    def _annotation_document(self, s: Session, document_id: int, action: str) -> tuple[Document, Case]:
        doc = s.get(Document, document_id)
        if doc is None:
            raise NotFound(f"No document {document_id}.")
        case = self._case(s, s.get(Case, doc.case_id).case_no, action)
        return doc, case

    def _annotation_row(self, s: Session, uid: str, action: str, lock: bool = False) -> tuple[Annotation, Case]:
        query = select(Annotation).where(Annotation.uid == uid)
        if lock:
            # PostgreSQL: a second desk's edit waits here and then sees the first one's version
            # (SQLite already holds the write lock from BEGIN IMMEDIATE).
            query = query.with_for_update()
        row = s.scalar(query)
        if row is None:
            raise NotFound(f"No annotation {uid}.")
        case = self._case(s, s.get(Case, row.case_id).case_no, action)
        return row, case

    def _require_author(self, s: Session, row: Annotation, case: Case, action: str) -> None:
        if row.author_id != self.user.id:
            author, case_no = row.author.name, case.case_no
            s.rollback()
            self._refuse(action, case_no, f"Only {author}, who made this annotation, may change or "
                                               f"delete it; {self.user.name} may resolve it or reply.")

    def _check_annotation_version(self, row: Annotation, case: Case, expected: int) -> None:
        if row.deleted:
            self._conflict(row, case, expected, "was deleted by its author; nothing was saved")
        if row.version != expected:
            self._conflict(row, case, expected,
                           f"was changed by someone else (now version {row.version}, you edited "
                           f"version {expected}); nothing was saved. Choose which version to keep")

    @staticmethod
    def _conflict(row: Annotation, case: Case, expected: int, what: str) -> None:
        err = ConflictError(f"This annotation {what}.", entity="annotation", entity_id=row.uid,
                            expected=expected, actual=row.version)
        err.current = annotation_info(row, case.case_no)
        raise err

    @staticmethod
    def _apply(s: Session, row: Annotation, doc: Document, fields: dict) -> None:
        """Check and set fields on ``row`` (a new row or one being edited)."""
        if "page" in fields:
            page = fields["page"]
            if isinstance(page, bool) or not isinstance(page, int) or not 0 <= page < doc.page_count:
                raise InvalidInput(f"Page {page!r} is not in this document (pages 0 to {doc.page_count - 1}).")
            row.page = page
        elif row.id is None and doc.page_count < 1:
            raise InvalidInput("This document has no pages to annotate.")
        if "geometry" in fields:
            row.geometry = geometry_json(row.kind, fields["geometry"])
        elif row.id is None:
            raise InvalidInput(f"A {row.kind} annotation needs its geometry.")
        if "color" in fields:
            if not isinstance(fields["color"], str) or not _COLOR.match(fields["color"]):
                raise InvalidInput(f"Colour {fields['color']!r} is not of the form #rrggbb.")
            row.color = fields["color"].lower()
        if "text" in fields:
            if not isinstance(fields["text"], str):
                raise InvalidInput("An annotation's text must be a string.")
            row.text = fields["text"]
        if "stamp" in fields:
            label = fields["stamp"]
            if not isinstance(label, str) or len(label) > 64:
                raise InvalidInput("A stamp label is a text of at most 64 characters.")
            row.stamp = label.strip()
        if row.kind == "stamp" and not row.stamp:
            raise InvalidInput(f"A stamp needs a label, e.g. {'、'.join(STAMP_LABELS)}.")
        if "status" in fields:
            if fields["status"] not in ANNOTATION_STATUSES:
                raise InvalidInput(f"Status {fields['status']!r} is neither open nor resolved.")
            row.status = fields["status"]
        if "link_document_id" in fields or "link_page" in fields:
            target_id = fields.get("link_document_id", row.link_document_id) or doc.id
            target = doc if target_id == doc.id else s.get(Document, target_id)
            if target is None or target.case_id != doc.case_id:
                raise InvalidInput(f"Document {target_id} is not in this case; a link can only point "
                                   "within the case.")
            page = fields.get("link_page", row.link_page)
            if isinstance(page, bool) or not isinstance(page, int) or not 0 <= page < target.page_count:
                raise InvalidInput(f"Link target page {page!r} is not in document {target_id}.")
            row.link_document_id, row.link_page = target.id, page
        if row.kind == "link" and row.link_page is None:
            raise InvalidInput("A link needs a target page (link_page, and link_document_id for "
                               "another document of the case).")
