"""The archive store's schema: SQLAlchemy 2 declarative models.

Every table is created by an Alembic migration (storage/migrations); this module is the
Python picture of the schema, kept in step with the migrations by a test.
"""
from __future__ import annotations

import datetime as dt

from sqlalchemy import (BigInteger, Boolean, Date, DateTime, ForeignKey, Integer, LargeBinary,
                        MetaData, String, Text, UniqueConstraint, CheckConstraint, Index)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# Named constraints: Alembic's batch mode on SQLite can only alter what has a name.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

ROLES = ("judge", "clerk", "admin")
DUTIES = ("judge", "clerk")
PARTY_KINDS = ("person", "organisation")


def utcnow() -> dt.datetime:
    """Timestamps are stored as naive UTC."""
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Setting(Base):
    """Store-wide settings every desk must agree on (e.g. where blobs live)."""
    __tablename__ = "store_setting"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class User(Base):
    __tablename__ = "app_user"
    __table_args__ = (CheckConstraint("role IN ('judge', 'clerk', 'admin')", name="role"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(128), default="")
    role: Mapped[str] = mapped_column(String(16))
    password_hash: Mapped[str] = mapped_column(String(256), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)
    __mapper_args__ = {"version_id_col": version}


class Case(Base):
    __tablename__ = "dossier_case"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_no: Mapped[str] = mapped_column(String(64), unique=True)
    cause: Mapped[str] = mapped_column(String(256), default="")
    stage: Mapped[str] = mapped_column(String(64), default="")
    court: Mapped[str] = mapped_column(String(128), default="")
    filed_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    closed_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)
    __mapper_args__ = {"version_id_col": version}

    assignments: Mapped[list["Assignment"]] = relationship(back_populates="case", cascade="all, delete-orphan")
    parties: Mapped[list["Party"]] = relationship(back_populates="case", cascade="all, delete-orphan",
                                                  order_by="Party.id")
    volumes: Mapped[list["Volume"]] = relationship(back_populates="case", cascade="all, delete-orphan",
                                                   order_by="Volume.ordinal")


class Assignment(Base):
    """A judge or clerk assigned to a case; only they (and admins) see it."""
    __tablename__ = "case_assignment"
    __table_args__ = (CheckConstraint("duty IN ('judge', 'clerk')", name="duty"),)
    case_id: Mapped[int] = mapped_column(ForeignKey("dossier_case.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"), primary_key=True)
    duty: Mapped[str] = mapped_column(String(16))
    case: Mapped[Case] = relationship(back_populates="assignments")
    user: Mapped[User] = relationship()


class Party(Base):
    __tablename__ = "party"
    __table_args__ = (CheckConstraint("kind IN ('person', 'organisation')", name="kind"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("dossier_case.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(256), index=True)
    role: Mapped[str] = mapped_column(String(32))
    kind: Mapped[str] = mapped_column(String(16), default="person")
    id_number: Mapped[str] = mapped_column(String(32), default="", index=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    __mapper_args__ = {"version_id_col": version}
    case: Mapped[Case] = relationship(back_populates="parties")


class Volume(Base):
    __tablename__ = "volume"
    __table_args__ = (UniqueConstraint("case_id", "name", name="uq_volume_case_name"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("dossier_case.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(64))
    ordinal: Mapped[int] = mapped_column(Integer, default=0)
    version: Mapped[int] = mapped_column(Integer, default=1)
    __mapper_args__ = {"version_id_col": version}
    case: Mapped[Case] = relationship(back_populates="volumes")
    documents: Mapped[list["Document"]] = relationship(back_populates="volume", order_by="Document.ordinal")


class Blob(Base):
    """A stored file's identity; its bytes live in the configured blob backend."""
    __tablename__ = "blob"
    digest: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class Document(Base):
    __tablename__ = "document"
    __table_args__ = (UniqueConstraint("case_id", "blob_digest", name="uq_document_case_blob"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("dossier_case.id", ondelete="CASCADE"), index=True)
    volume_id: Mapped[int] = mapped_column(ForeignKey("volume.id"), index=True)
    title: Mapped[str] = mapped_column(String(512))
    doc_type: Mapped[str] = mapped_column(String(64), default="", index=True)
    doc_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True, index=True)
    source: Mapped[str] = mapped_column(String(512), default="")
    page_count: Mapped[int] = mapped_column(Integer)
    blob_digest: Mapped[str] = mapped_column(ForeignKey("blob.digest"), index=True)
    ordinal: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"), nullable=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    __mapper_args__ = {"version_id_col": version}
    volume: Mapped[Volume] = relationship(back_populates="documents")
    blob: Mapped[Blob] = relationship()


class AuditEvent(Base):
    """One link of the audit hash chain. Never updated or deleted (triggers enforce it)."""
    __tablename__ = "audit_event"
    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    at: Mapped[dt.datetime] = mapped_column(DateTime)
    actor: Mapped[str] = mapped_column(String(64))
    case_no: Mapped[str] = mapped_column(String(64), default="", index=True)
    action: Mapped[str] = mapped_column(String(64))
    details: Mapped[str] = mapped_column(Text, default="{}")
    # unique: two desks appending at once can never both extend the same link
    prev_hash: Mapped[str] = mapped_column(String(64), unique=True)
    hash: Mapped[str] = mapped_column(String(64), unique=True)


class Change(Base):
    """What changed in a case, for other desks (polled on SQLite, announced by NOTIFY on PostgreSQL)."""
    __tablename__ = "change_log"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(Integer, index=True)
    entity: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[str] = mapped_column(String(64))
    op: Mapped[str] = mapped_column(String(16))
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class BlobChunk(Base):
    """PostgreSQL blob backend: a blob's bytes in 1 MiB chunks."""
    __tablename__ = "blob_chunk"
    digest: Mapped[str] = mapped_column(String(64), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class BlobStored(Base):
    """PostgreSQL blob backend: written with the last chunk, so a blob is visible only when complete."""
    __tablename__ = "blob_stored"
    digest: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(BigInteger)
    chunks: Mapped[int] = mapped_column(Integer)
    stored_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


ANNOTATION_KINDS = ("highlight", "underline", "strikeout", "rect", "ellipse", "arrow", "ink",
                    "note", "freetext", "stamp", "link")
ANNOTATION_STATUSES = ("open", "resolved")


class Annotation(Base):
    """One mark on a document page, in page coordinates; the original file is never touched.

    Deleting only sets ``deleted``: another desk then sees the deletion, and a stale edit of a
    deleted annotation is refused as a conflict instead of bringing it back.
    """
    __tablename__ = "annotation"
    __table_args__ = (
        CheckConstraint("kind IN ('highlight', 'underline', 'strikeout', 'rect', 'ellipse', 'arrow', "
                        "'ink', 'note', 'freetext', 'stamp', 'link')", name="kind"),
        CheckConstraint("status IN ('open', 'resolved')", name="status"),
        CheckConstraint("page >= 0", name="page"),
        Index("ix_annotation_document_page", "document_id", "page"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = mapped_column(String(32), unique=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("dossier_case.id", ondelete="CASCADE"), index=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("document.id", ondelete="CASCADE"))
    page: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))
    geometry: Mapped[str] = mapped_column(Text, default="[]")
    color: Mapped[str] = mapped_column(String(7), default="#ffd400")
    text: Mapped[str] = mapped_column(Text, default="")
    stamp: Mapped[str] = mapped_column(String(64), default="")
    link_document_id: Mapped[int | None] = mapped_column(
        ForeignKey("document.id", ondelete="SET NULL"), nullable=True)
    link_page: Mapped[int | None] = mapped_column(Integer, nullable=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"), index=True)
    status: Mapped[str] = mapped_column(String(16), default="open")
    parent_uid: Mapped[str | None] = mapped_column(String(32), nullable=True, index=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    __mapper_args__ = {"version_id_col": version}
    author: Mapped[User] = relationship()


GENERATED_STATUSES = ("sealed", "pending", "returned", "approved")


class GeneratedDocument(Base):
    """A document made from a template: the values it was filled with, who corrected which field,
    and where it stands on its way to the seal.

    ``draft_digest`` is the PDF as generated (unsealed unless the template is procedural),
    ``sealed_digest`` the sealed PDF once there is one; both blobs are kept for good, whichever
    the filed ``document`` shows now.
    """
    __tablename__ = "generated_document"
    __table_args__ = (
        CheckConstraint("status IN ('sealed', 'pending', 'returned', 'approved')", name="status"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("dossier_case.id", ondelete="CASCADE"), index=True)
    document_id: Mapped[int | None] = mapped_column(ForeignKey("document.id", ondelete="SET NULL"),
                                                    nullable=True, index=True)
    template: Mapped[str] = mapped_column(String(128))
    title: Mapped[str] = mapped_column(String(512), default="")
    field_values: Mapped[str] = mapped_column(Text, default="{}")
    corrections: Mapped[str] = mapped_column(Text, default="{}")
    engine: Mapped[str] = mapped_column(String(32), default="")
    status: Mapped[str] = mapped_column(String(16), index=True)
    batch: Mapped[str] = mapped_column(String(32), default="")
    draft_digest: Mapped[str] = mapped_column(ForeignKey("blob.digest"))
    docx_digest: Mapped[str | None] = mapped_column(ForeignKey("blob.digest"), nullable=True)
    sealed_digest: Mapped[str | None] = mapped_column(ForeignKey("blob.digest"), nullable=True)
    comment: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[int] = mapped_column(ForeignKey("app_user.id"))
    approver_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"), nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    decided_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    __mapper_args__ = {"version_id_col": version}
    author: Mapped[User] = relationship(foreign_keys=[created_by])
    approver: Mapped[User | None] = relationship(foreign_keys=[approver_id])


class OcrText(Base):
    """Words text recognition read on one page of a stored file (a scan without a text layer),
    kept so that a page is read once for every desk. ``digest`` is the blob's SHA-256,
    ``engine`` names the recognizer and its settings, ``words`` is a JSON list of
    [x0, y0, x1, y1, text, block, line, index] in page coordinates."""
    __tablename__ = "ocr_text"
    __table_args__ = (CheckConstraint("page >= 0", name="page"),)
    digest: Mapped[str] = mapped_column(String(64), primary_key=True)
    page: Mapped[int] = mapped_column(Integer, primary_key=True)
    engine: Mapped[str] = mapped_column(String(64), primary_key=True)
    words: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
