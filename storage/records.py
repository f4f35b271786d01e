"""Plain values the store hands out: no ORM objects leave storage/."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class UserInfo:
    id: int
    name: str
    display_name: str
    role: str
    active: bool


@dataclass(frozen=True)
class PartyInfo:
    id: int
    name: str
    role: str
    kind: str
    id_number: str
    version: int


@dataclass(frozen=True)
class VolumeInfo:
    id: int
    name: str
    ordinal: int


@dataclass(frozen=True)
class CaseInfo:
    id: int
    case_no: str
    cause: str
    stage: str
    court: str
    filed_on: dt.date | None
    closed_on: dt.date | None
    version: int
    judges: tuple[str, ...] = ()
    clerks: tuple[str, ...] = ()
    parties: tuple[PartyInfo, ...] = ()
    volumes: tuple[VolumeInfo, ...] = ()


@dataclass(frozen=True)
class DocumentInfo:
    id: int
    case_no: str
    volume: str
    volume_ordinal: int
    title: str
    doc_type: str
    doc_date: dt.date | None
    source: str
    page_count: int
    digest: str
    size: int
    ordinal: int
    version: int


@dataclass(frozen=True)
class ImportedFile:
    path: str
    document_id: int
    digest: str
    page_count: int
    note: str = ""          # e.g. "converted from TIFF", "repaired by the reader"


@dataclass
class ImportReport:
    """What an import did, file by file."""
    imported: list[ImportedFile] = field(default_factory=list)
    duplicates: list[tuple[str, str]] = field(default_factory=list)   # (path, the document it repeats)
    refused: list[tuple[str, str]] = field(default_factory=list)      # (path, one-line reason)

    @property
    def ok(self) -> bool:
        return not self.refused


@dataclass(frozen=True)
class ChangeInfo:
    id: int
    case_id: int
    entity: str
    entity_id: str
    op: str


@dataclass
class VerifyReport:
    blobs_checked: int = 0
    events_checked: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems
