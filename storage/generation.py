"""Generated documents in the store: filing what a template produced, and the judge's approval.

A generated document is filed like any other (a blob and a `Document` in a volume) and also
leaves a `GeneratedDocument` record: the template, the field values it was filled with, which
fields a person corrected (field → {original, value, by, at}), the PDF engine, and its status:

* ``sealed``   — a procedural document, sealed when it was made;
* ``pending``  — waits for a judge assigned to the case (the PDF filed is the unsealed draft);
* ``returned`` — the judge sent it back with a comment; `revise` files a new draft;
* ``approved`` — a judge approved it; once the sealed PDF is stored (`approve` with
  ``sealed_pdf``, or `seal_approved` later) it is what the filed document shows.

Sealing an approved document changes which blob the *same* `Document` row points to (its
version goes up, an audit event names both digests) instead of filing a second document:
its id stays, so annotations, links and open panes keep pointing at it, and the catalog never
shows two copies of one decision. Nothing is lost: blobs are never rewritten, and the draft,
the sealed PDF and the DOCX stay referenced by the record (``draft_digest``, ``sealed_digest``,
``docx_digest``).

Only a user with the judge role who is assigned to the case as its judge approves or returns a
document; anyone else is refused and the refusal is audited.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path

import pymupdf
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from .errors import ConflictError, InvalidInput, NotFound, StoreError
from .models import (Assignment, Blob, Case, Document, GeneratedDocument, Setting, User, utcnow)

# Store-wide settings an administrator gives for document generation (store_setting keys).
GENERATION_SETTINGS = ("seal_image", "seal_certificate", "court_account_name", "court_bank",
                       "court_account", "court_phone")
_SETTING_PREFIX = "generation."


@dataclass(frozen=True)
class GeneratedInfo:
    """A generated document as the store hands it out."""
    id: int
    case_no: str
    document_id: int | None
    template: str
    title: str
    values: dict
    corrections: dict
    engine: str
    status: str
    batch: str
    comment: str
    author: str
    approver: str | None
    created_at: dt.datetime
    updated_at: dt.datetime
    decided_at: dt.datetime | None
    version: int
    draft_digest: str
    docx_digest: str | None
    sealed_digest: str | None

    @property
    def sealed(self) -> bool:
        """True once the filed document carries the court's seal."""
        return self.status == "sealed" or self.sealed_digest is not None


def generated_info(row: GeneratedDocument, case_no: str) -> GeneratedInfo:
    """The plain value of a record (reads ``row.author`` and ``row.approver``)."""
    return GeneratedInfo(row.id, case_no, row.document_id, row.template, row.title,
                         json.loads(row.field_values), json.loads(row.corrections), row.engine,
                         row.status, row.batch, row.comment, row.author.name,
                         row.approver.name if row.approver else None, row.created_at, row.updated_at,
                         row.decided_at, row.version, row.draft_digest, row.docx_digest, row.sealed_digest)


def _json(value: dict, what: str) -> str:
    if not isinstance(value, dict):
        raise InvalidInput(f"The {what} must be a mapping of field names to values.")
    # default=str: dates and Decimals are kept as they print, which is how they were filled.
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def _pdf_pages(data: bytes) -> int:
    try:
        with pymupdf.open("pdf", data) as doc:
            return doc.page_count
    except (RuntimeError, ValueError) as exc:
        raise InvalidInput(f"The generated PDF cannot be read ({exc}); nothing was filed.") from None


class GenerationMixin:
    """The generated-document part of StoreSession (uses its ``store``, ``user``, ``_case``,
    ``_refuse``, ``_audit``, ``_volume``)."""

    # -- filing ------------------------------------------------------------------------------
    def file_generated(self, case_no: str, pdf_bytes: bytes, docx_bytes: bytes | None, template: str,
                       values: dict, corrections: dict | None = None, engine: str = "",
                       volume: str = "正卷", doc_type: str = "", title: str = "", sealed: bool = False,
                       batch: str = "", doc_date: dt.date | None = None) -> GeneratedInfo:
        """File a generated PDF into ``case_no``'s ``volume`` as a new document, keep the DOCX,
        and record what it was made from, all in one transaction. ``sealed`` says the PDF already
        carries the seal (a procedural document); otherwise it waits for a judge's approval.
        ``corrections`` maps a field to {original, value, by, at}."""
        if not pdf_bytes:
            raise InvalidInput("There is no PDF to file.")
        if not template.strip():
            raise InvalidInput("A generated document needs the name of its template.")
        corrections = corrections or {}
        values_json, corrections_json = _json(values, "field values"), _json(corrections, "corrections")
        pages = _pdf_pages(pdf_bytes)
        with self.store.read() as s:
            self._case(s, case_no, "generate")
        pdf_blob = self._put_bytes(pdf_bytes, ".pdf")
        docx_blob = self._put_bytes(docx_bytes, ".docx") if docx_bytes else None
        title = title.strip() or template
        try:
            with self.store.write() as s:
                case = self._case(s, case_no, "generate")
                for info in (pdf_blob, docx_blob):
                    if info is not None and s.get(Blob, info.digest) is None:
                        s.add(Blob(digest=info.digest, size=info.size))
                vol = self._volume(s, case, volume)
                ordinal = s.scalar(select(func.coalesce(func.max(Document.ordinal), -1))
                                   .where(Document.volume_id == vol.id)) + 1
                doc = Document(case_id=case.id, volume_id=vol.id, title=title, doc_type=doc_type,
                               doc_date=doc_date or dt.date.today(), source="本院制作", page_count=pages,
                               blob_digest=pdf_blob.digest, ordinal=ordinal, created_by=self.user.id)
                s.add(doc)
                s.flush()
                now = utcnow()
                row = GeneratedDocument(
                    case_id=case.id, document_id=doc.id, template=template, title=title,
                    field_values=values_json, corrections=corrections_json, engine=engine,
                    status="sealed" if sealed else "pending", batch=batch, draft_digest=pdf_blob.digest,
                    docx_digest=docx_blob.digest if docx_blob else None,
                    sealed_digest=pdf_blob.digest if sealed else None, comment="",
                    author=s.get(User, self.user.id), created_at=now, updated_at=now)
                s.add(row)
                s.flush()
                self._audit(s, "generate", case_no, generated_id=row.id, document_id=doc.id,
                            template=template, title=title, values=json.loads(values_json),
                            corrections=json.loads(corrections_json), engine=engine, status=row.status,
                            volume=volume, digest=pdf_blob.digest,
                            docx_digest=docx_blob.digest if docx_blob else None, batch=batch)
                self.store.notify_changes(s, case.id, "document", doc.id, "insert")
                self.store.notify_changes(s, case.id, "generated", row.id, "insert")
                return generated_info(row, case_no)
        except IntegrityError as exc:
            raise ConflictError("The same document is already in this case (identical bytes); it was "
                                "not filed again.") from exc

    def revise(self, gen_id: int, expected_version: int, pdf_bytes: bytes, docx_bytes: bytes | None,
               values: dict, corrections: dict | None = None, engine: str = "") -> GeneratedInfo:
        """File a new draft of a returned (or still pending) document; it waits for approval again.
        The filed document shows the new draft; the earlier one stays stored and audited."""
        values_json = _json(values, "field values")
        corrections_json = _json(corrections or {}, "corrections")
        pages = _pdf_pages(pdf_bytes)
        with self.store.read() as s:
            self._generated_row(s, gen_id, "generate-revise")
        pdf_blob = self._put_bytes(pdf_bytes, ".pdf")
        docx_blob = self._put_bytes(docx_bytes, ".docx") if docx_bytes else None
        with self.store.write() as s:
            row, case = self._generated_row(s, gen_id, "generate-revise", lock=True)
            self._check_generated(row, case, expected_version, ("pending", "returned"))
            for info in (pdf_blob, docx_blob):
                if info is not None and s.get(Blob, info.digest) is None:
                    s.add(Blob(digest=info.digest, size=info.size))
            s.flush()
            doc = s.get(Document, row.document_id) if row.document_id else None
            previous = row.draft_digest
            if doc is not None:
                doc.blob_digest, doc.page_count = pdf_blob.digest, pages
            row.draft_digest = pdf_blob.digest
            row.docx_digest = docx_blob.digest if docx_blob else row.docx_digest
            row.field_values, row.corrections, row.engine = values_json, corrections_json, engine or row.engine
            row.status, row.updated_at = "pending", utcnow()
            s.flush()
            self._audit(s, "generate-revise", case.case_no, generated_id=row.id, document_id=row.document_id,
                        template=row.template, values=json.loads(values_json),
                        corrections=json.loads(corrections_json), previous_digest=previous,
                        digest=pdf_blob.digest, version=row.version)
            self._announce(s, row, doc)
            return generated_info(row, case.case_no)

    # -- approval ----------------------------------------------------------------------------
    def approve(self, gen_id: int, expected_version: int, comment: str = "",
                sealed_pdf: bytes | None = None) -> GeneratedInfo:
        """Approve a pending document (the case's judge only). With ``sealed_pdf`` the sealed
        version is stored in the same transaction and becomes what the filed document shows;
        without it the document is approved and awaits `seal_approved`."""
        pages = _pdf_pages(sealed_pdf) if sealed_pdf else None
        with self.store.read() as s:
            row, case = self._generated_row(s, gen_id, "generate-approve")
            self._require_judge(s, row, case, "generate-approve")
        sealed_blob = self._put_bytes(sealed_pdf, ".pdf") if sealed_pdf else None
        with self.store.write() as s:
            row, case = self._generated_row(s, gen_id, "generate-approve", lock=True)
            self._require_judge(s, row, case, "generate-approve")
            self._check_generated(row, case, expected_version, ("pending",))
            approver = s.get(User, self.user.id)
            # One flush, one UPDATE: the record's version goes up by exactly one per decision.
            with s.no_autoflush:
                doc = self._apply_seal(s, row, sealed_blob, pages)
                now = utcnow()
                row.status, row.comment, row.decided_at, row.updated_at = "approved", comment.strip(), now, now
                row.approver = approver
            s.flush()
            self._audit(s, "generate-approve", case.case_no, generated_id=row.id, document_id=row.document_id,
                        template=row.template, comment=row.comment, version=row.version,
                        draft_digest=row.draft_digest, sealed_digest=row.sealed_digest)
            self._announce(s, row, doc)
            return generated_info(row, case.case_no)

    def seal_approved(self, gen_id: int, expected_version: int, sealed_pdf: bytes) -> GeneratedInfo:
        """Store the sealed PDF of an approved document as what its filed document shows."""
        if not sealed_pdf:
            raise InvalidInput("There is no sealed PDF to store.")
        pages = _pdf_pages(sealed_pdf)
        with self.store.read() as s:
            self._generated_row(s, gen_id, "generate-seal")
        sealed_blob = self._put_bytes(sealed_pdf, ".pdf")
        with self.store.write() as s:
            row, case = self._generated_row(s, gen_id, "generate-seal", lock=True)
            self._check_generated(row, case, expected_version, ("approved",))
            if row.sealed_digest:
                raise ConflictError("This document was sealed already; nothing was changed.",
                                    entity="generated", entity_id=row.id, expected=expected_version,
                                    actual=row.version)
            with s.no_autoflush:
                doc = self._apply_seal(s, row, sealed_blob, pages)
                row.updated_at = utcnow()
            s.flush()
            self._audit(s, "generate-seal", case.case_no, generated_id=row.id, document_id=row.document_id,
                        draft_digest=row.draft_digest, sealed_digest=row.sealed_digest, version=row.version)
            self._announce(s, row, doc)
            return generated_info(row, case.case_no)

    def return_for_changes(self, gen_id: int, expected_version: int, comment: str) -> GeneratedInfo:
        """Send a pending document back to its author with a comment (the case's judge only)."""
        if not comment or not comment.strip():
            raise InvalidInput("Say what should be changed: a document is returned with a comment.")
        with self.store.read() as s:
            row, case = self._generated_row(s, gen_id, "generate-return")
            self._require_judge(s, row, case, "generate-return")
        with self.store.write() as s:
            row, case = self._generated_row(s, gen_id, "generate-return", lock=True)
            self._require_judge(s, row, case, "generate-return")
            self._check_generated(row, case, expected_version, ("pending",))
            approver = s.get(User, self.user.id)
            now = utcnow()
            row.status, row.comment, row.decided_at, row.updated_at = "returned", comment.strip(), now, now
            row.approver = approver
            s.flush()
            self._audit(s, "generate-return", case.case_no, generated_id=row.id, document_id=row.document_id,
                        template=row.template, comment=row.comment, version=row.version)
            self._announce(s, row, None)
            return generated_info(row, case.case_no)

    # -- reading -----------------------------------------------------------------------------
    def generated(self, case_no: str) -> list[GeneratedInfo]:
        """Every generated document of a case, oldest first."""
        with self.store.read() as s:
            case = self._case(s, case_no, "case-read")
            rows = s.scalars(select(GeneratedDocument).where(GeneratedDocument.case_id == case.id)
                             .options(selectinload(GeneratedDocument.author),
                                      selectinload(GeneratedDocument.approver))
                             .order_by(GeneratedDocument.id))
            return [generated_info(r, case_no) for r in rows]

    def generated_document(self, gen_id: int) -> GeneratedInfo:
        """One generated document by id."""
        with self.store.read() as s:
            row, case = self._generated_row(s, gen_id, "case-read")
            return generated_info(row, case.case_no)

    def pending_approvals(self) -> list[GeneratedInfo]:
        """Documents waiting for this user's approval: the pending ones of the cases this judge is
        assigned to as judge (every case's for an administrator; none for a clerk)."""
        if self.user.role not in ("judge", "admin"):
            return []
        with self.store.read() as s:
            query = (select(GeneratedDocument, Case.case_no).join(Case, Case.id == GeneratedDocument.case_id)
                     .where(GeneratedDocument.status == "pending")
                     .options(selectinload(GeneratedDocument.author), selectinload(GeneratedDocument.approver))
                     .order_by(GeneratedDocument.created_at, GeneratedDocument.id))
            if self.user.role == "judge":
                query = query.join(Assignment, Assignment.case_id == Case.id).where(
                    Assignment.user_id == self.user.id, Assignment.duty == "judge")
            return [generated_info(row, case_no) for row, case_no in s.execute(query)]

    def generated_file(self, gen_id: int, kind: str = "draft") -> Path:
        """A local file of a generated document's ``draft`` PDF, ``sealed`` PDF or ``docx``."""
        column = {"draft": "draft_digest", "sealed": "sealed_digest", "docx": "docx_digest"}.get(kind)
        if column is None:
            raise InvalidInput(f"Unknown kind {kind!r}; use draft, sealed or docx.")
        with self.store.read() as s:
            row, _ = self._generated_row(s, gen_id, "document-read")
            digest = getattr(row, column)
        if digest is None:
            raise NotFound(f"Generated document {gen_id} has no {kind} file.")
        return self.store.cache.path_for(self.store.blobs, digest)

    # -- settings ----------------------------------------------------------------------------
    def generation_settings(self) -> dict[str, str]:
        """The store-wide generation settings (seal image, certificate, court account …)."""
        with self.store.read() as s:
            rows = s.execute(select(Setting.key, Setting.value)
                             .where(Setting.key.startswith(_SETTING_PREFIX))).all()
        return {key.removeprefix(_SETTING_PREFIX): value for key, value in rows}

    def set_generation_setting(self, key: str, value: str) -> None:
        """Set one generation setting (administrators only); an empty value removes it."""
        self._require_admin("generation-setting")
        if key not in GENERATION_SETTINGS:
            raise InvalidInput(f"Unknown generation setting {key!r}; use one of {', '.join(GENERATION_SETTINGS)}.")
        with self.store.write() as s:
            row = s.get(Setting, _SETTING_PREFIX + key)
            if value:
                if row is None:
                    s.add(Setting(key=_SETTING_PREFIX + key, value=value))
                else:
                    row.value = value
            elif row is not None:
                s.delete(row)
            self._audit(s, "generation-setting", key=key, value=value)

    # -- helpers -----------------------------------------------------------------------------
    def _put_bytes(self, data: bytes, suffix: str):
        # Blobs first, outside the transaction: content-addressed, so a failed filing leaves at
        # most an unreferenced blob that the next attempt reuses.
        fd, name = tempfile.mkstemp(prefix="dossier-generated-", suffix=suffix)
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
            return self.store.blobs.put_file(name)
        except OSError as exc:
            raise StoreError(f"The generated document could not be stored ({exc.strerror or exc}); "
                             "nothing was filed. Free space or fix the problem and generate again.") from exc
        finally:
            Path(name).unlink(missing_ok=True)

    def _generated_row(self, s: Session, gen_id: int, action: str,
                       lock: bool = False) -> tuple[GeneratedDocument, Case]:
        query = select(GeneratedDocument).where(GeneratedDocument.id == gen_id)
        if lock:
            # PostgreSQL: a second judge's decision waits here and then sees the first one's.
            query = query.with_for_update()
        row = s.scalar(query)
        if row is None:
            raise NotFound(f"No generated document {gen_id}.")
        case = self._case(s, s.get(Case, row.case_id).case_no, action)
        return row, case

    def _require_judge(self, s: Session, row: GeneratedDocument, case: Case, action: str) -> None:
        duty = s.scalar(select(Assignment.duty).where(Assignment.case_id == case.id,
                                                      Assignment.user_id == self.user.id))
        if self.user.role != "judge" or duty != "judge":
            case_no = case.case_no
            s.rollback()
            self._refuse(action, case_no, f"Only the judge of case {case_no} may approve or return its "
                         f"documents; {self.user.name} is a {self.user.role}.")

    @staticmethod
    def _check_generated(row: GeneratedDocument, case: Case, expected: int, statuses: tuple[str, ...]) -> None:
        if row.version != expected:
            raise ConflictError(
                f"This document ({row.title}) was changed by someone else (now version {row.version}, "
                f"you saw version {expected}); nothing was saved. Reload to see where it stands.",
                entity="generated", entity_id=row.id, expected=expected, actual=row.version)
        if row.status not in statuses:
            raise ConflictError(
                f"This document ({row.title}) is {row.status} now, so this cannot be done; nothing was saved.",
                entity="generated", entity_id=row.id, expected=expected, actual=row.version)

    @staticmethod
    def _apply_seal(s: Session, row: GeneratedDocument, sealed_blob, pages: int | None) -> Document | None:
        if sealed_blob is None:
            return None
        if s.get(Blob, sealed_blob.digest) is None:
            s.add(Blob(digest=sealed_blob.digest, size=sealed_blob.size))
        doc = s.get(Document, row.document_id) if row.document_id else None
        row.sealed_digest = sealed_blob.digest
        if doc is not None:
            doc.blob_digest, doc.page_count = sealed_blob.digest, pages or doc.page_count
        return doc

    def _announce(self, s: Session, row: GeneratedDocument, doc: Document | None) -> None:
        if doc is not None:
            self.store.notify_changes(s, row.case_id, "document", doc.id, "update")
        self.store.notify_changes(s, row.case_id, "generated", row.id, "update")


def new_batch_id() -> str:
    """An identifier shared by the documents of one batch (one template, many recipients)."""
    return uuid.uuid4().hex[:16]
