"""The archive store's API. Every call acts as one user and is checked here, not in the UI.

    store = Store.open()                       # embedded default, or Store.open("postgresql+psycopg://...")
    me = store.login("wangfang", "secret")     # or store.as_user("admin") for trusted local tools
    me.import_files("（2024）陕0823执123号", ["judgment.pdf"], volume="正卷")
"""
from __future__ import annotations

import contextlib
import functools
import threading
import datetime as dt
import os
import uuid
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from sqlalchemy import exists, func, or_, select, text
from sqlalchemy.exc import IntegrityError, OperationalError, DBAPIError
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.exc import StaleDataError

from . import audit
from .annotations import AnnotationMixin
from .generation import GenerationMixin
from .ocr_cache import OcrCacheMixin
from .config import cache_dir as default_cache_dir, resolve_store_url, sqlite_path
from .db import create_store_engine, current_revision, head_revision, migrate
from .errors import (AccessDenied, ConflictError, InvalidInput, NotFound, StoreError,
                     StoreUnavailable)
from .models import (ROLES, DUTIES, PARTY_KINDS, Assignment, AuditEvent, Blob, Case, Change,
                     Document, Party, Setting, User, Volume)
from .passwords import check_password, hash_password
from .records import (CaseInfo, ChangeInfo, DocumentInfo, PartyInfo, UserInfo, VolumeInfo)

DEFAULT_CACHE_BYTES = 4 * 2**30
ProgressFn = Callable[[int, int, str], None]


def _user_info(u: User) -> UserInfo:
    return UserInfo(u.id, u.name, u.display_name, u.role, u.active)


def _party_info(p: Party) -> PartyInfo:
    return PartyInfo(p.id, p.name, p.role, p.kind, p.id_number, p.version)


def _case_info(c: Case) -> CaseInfo:
    judges = tuple(a.user.name for a in c.assignments if a.duty == "judge")
    clerks = tuple(a.user.name for a in c.assignments if a.duty == "clerk")
    return CaseInfo(c.id, c.case_no, c.cause, c.stage, c.court, c.filed_on, c.closed_on, c.version,
                    judges, clerks, tuple(_party_info(p) for p in c.parties),
                    tuple(VolumeInfo(v.id, v.name, v.ordinal) for v in c.volumes))


def _document_info(d: Document, case_no: str) -> DocumentInfo:
    return DocumentInfo(d.id, case_no, d.volume.name, d.volume.ordinal, d.title, d.doc_type, d.doc_date,
                        d.source, d.page_count, d.blob_digest, d.blob.size, d.ordinal, d.version)


class Store:
    """One archive store: its database, its blob backend and this desk's blob cache."""

    def __init__(self, url: str, *, cache_dir: str | os.PathLike | None = None,
                 cache_bytes: int = DEFAULT_CACHE_BYTES, initialize: bool = False,
                 blobs: str | None = None):
        self.url = url
        self.engine = create_store_engine(url)
        self.dialect = self.engine.dialect.name
        self._writer = self.engine.execution_options(immediate=True)
        if initialize or self.dialect == "sqlite":
            # Every desk start and every dossier-admin call opens the store: run Alembic only
            # when the schema is behind, not to find out that it is not.
            if initialize or current_revision(self.engine) != head_revision():
                try:
                    migrate(self.engine)
                except OperationalError as exc:
                    raise StoreUnavailable(f"Cannot open the store: {exc.orig}") from exc
            self._init_settings(blobs)
        else:
            revision = current_revision(self.engine)
            if revision != head_revision():
                raise StoreUnavailable(
                    "The store's schema is " + (f"at {revision}" if revision else "not set up") +
                    f"; this version needs {head_revision()}. Ask the administrator to run "
                    "`dossier-admin init --store URL`.")
        with Session(self.engine) as s:
            settings = dict(s.execute(select(Setting.key, Setting.value)).all())
        self.store_id = settings["store_id"]
        self.blob_setting = self._absolute_blob_setting(settings["blobs"])
        self._cache_dir = Path(cache_dir) if cache_dir else None
        self._cache_bytes = cache_bytes
        self._prober = None
        self._prober_lock = threading.Lock()

    @contextlib.contextmanager
    def checker(self):
        """The store's file checker (a bounded worker process), started once and reused."""
        from .probe import Prober
        with self._prober_lock:
            if self._prober is None:
                self._prober = Prober()
            yield self._prober

    def warm_up(self) -> None:
        """Start the file checker now, so that the first import does not wait for it."""
        with self.checker():
            pass

    @functools.cached_property
    def blobs(self):
        """The blob backend every desk of this store shares (from the store's settings)."""
        from .blobs import open_backend
        return open_backend(self.blob_setting, self.engine)

    @functools.cached_property
    def cache(self):
        """This desk's size-bounded cache of blobs from a remote backend."""
        from .blob_cache import BlobCache
        return BlobCache(self._cache_dir or default_cache_dir(), self._cache_bytes)

    # -- opening ---------------------------------------------------------------------------
    @classmethod
    def open(cls, url: str | None = None, **kwargs) -> "Store":
        """Open the store at ``url`` (``--store``, then DOSSIER_STORE, then the embedded default)."""
        return cls(resolve_store_url(url), **kwargs)

    @classmethod
    def initialize(cls, url: str | None = None, blobs: str | None = None, **kwargs) -> "Store":
        """Create or upgrade the schema and the store-wide settings (idempotent)."""
        return cls(resolve_store_url(url), initialize=True, blobs=blobs, **kwargs)

    def _init_settings(self, blobs: str | None) -> None:
        with Session(self._writer) as s, s.begin():
            have = dict(s.execute(select(Setting.key, Setting.value)).all())
            if "store_id" not in have:
                s.add(Setting(key="store_id", value=uuid.uuid4().hex))
            if "blobs" not in have:
                default = "folder:blobs" if self.dialect == "sqlite" else "postgres"
                s.add(Setting(key="blobs", value=blobs or default))
            elif blobs and blobs != have["blobs"]:
                raise InvalidInput(f"This store keeps its files in {have['blobs']}; moving them to "
                                   f"{blobs} is not supported by init.")

    def _absolute_blob_setting(self, setting: str) -> str:
        kind, _, where = setting.partition(":")
        if kind in ("folder", "shared-folder") and self.dialect == "sqlite" and not os.path.isabs(where) \
                and not where.startswith("\\\\"):
            where = str(Path(sqlite_path(self.url)).parent / where)
        return f"{kind}:{where}" if where else kind

    def close(self) -> None:
        with self._prober_lock:
            if self._prober is not None:
                self._prober.close()
                self._prober = None
        self.engine.dispose()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # -- who is acting -----------------------------------------------------------------------
    def login(self, name: str, password: str) -> "StoreSession":
        """Check a password; success and failure are both audited."""
        with self.write() as s:
            user = s.scalar(select(User).where(User.name == name))
            if user is None or not user.active or not check_password(password, user.password_hash):
                audit.append(s, name, "login-refused", details={"reason": "unknown user or wrong password"})
                refused = True
            else:
                audit.append(s, name, "login")
                refused = False
                info = _user_info(user)
        if refused:
            raise AccessDenied("Wrong user name or password.")
        return StoreSession(self, info)

    def as_user(self, name: str) -> "StoreSession":
        """Act as ``name`` without a password: for trusted local tools (the admin CLI, the demo)."""
        with self.read() as s:
            user = s.scalar(select(User).where(User.name == name))
            if user is None or not user.active:
                raise NotFound(f"No active user named {name!r} in this store.")
            return StoreSession(self, _user_info(user))

    def has_users(self) -> bool:
        with self.read() as s:
            return s.scalar(select(func.count()).select_from(User)) > 0

    def bootstrap_admin(self, name: str, password: str, display_name: str = "") -> UserInfo:
        """Create the first administrator of an empty store (refused once any user exists)."""
        with self.write() as s:
            if s.scalar(select(func.count()).select_from(User)):
                raise AccessDenied("The store already has users; an administrator must add new ones.")
            user = User(name=name, display_name=display_name or name, role="admin",
                        password_hash=hash_password(password) if password else "")
            s.add(user)
            s.flush()
            audit.append(s, name, "user-add", details={"user": name, "role": "admin", "bootstrap": True})
            return _user_info(user)

    # -- transactions ------------------------------------------------------------------------
    @contextlib.contextmanager
    def read(self) -> Iterator[Session]:
        try:
            with Session(self.engine) as s:
                yield s
        except (OperationalError, DBAPIError) as exc:
            if isinstance(exc, IntegrityError):
                raise
            raise StoreUnavailable(_connection_message(exc)) from exc

    @contextlib.contextmanager
    def single_read(self):
        """A connection for one read-only statement: on PostgreSQL without BEGIN/ROLLBACK round trips
        (opening a document asks the store once per click; each round trip is felt on a network)."""
        try:
            if self.dialect == "postgresql":
                with self.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                    yield conn
            else:
                with self.engine.connect() as conn:
                    yield conn
        except (OperationalError, DBAPIError) as exc:
            if isinstance(exc, IntegrityError):
                raise
            raise StoreUnavailable(_connection_message(exc)) from exc

    @contextlib.contextmanager
    def write(self) -> Iterator[Session]:
        """One write transaction; on SQLite it takes the write lock at BEGIN."""
        try:
            with Session(self._writer) as s, s.begin():
                yield s
        except StaleDataError as exc:
            raise ConflictError("Someone else changed this while you were editing it; nothing was "
                                "saved. Reload to see their version.") from exc
        except IntegrityError:
            raise
        except (OperationalError, DBAPIError) as exc:
            raise StoreUnavailable(_connection_message(exc)) from exc

    def notify_changes(self, s: Session, case_id: int, entity: str, entity_id: object, op: str) -> None:
        """Record a change for other desks, inside the writer's transaction."""
        s.add(Change(case_id=case_id, entity=entity, entity_id=str(entity_id), op=op))
        if self.dialect == "postgresql":
            # Delivered at commit, ids only; listeners re-query change_log.
            s.execute(text("SELECT pg_notify(:channel, :payload)"),
                      {"channel": self.channel, "payload": f"{case_id}"})

    @property
    def channel(self) -> str:
        return "dossier_" + self.store_id[:16]


def _connection_message(exc: Exception) -> str:
    orig = getattr(exc, "orig", exc)
    first = str(orig).strip().splitlines()[0] if str(orig).strip() else type(orig).__name__
    return f"The archive store is not reachable ({first}). Your work is kept; try again when the connection is back."


class StoreSession(AnnotationMixin, GenerationMixin, OcrCacheMixin):
    """The store as seen by one user: every method checks that user's role and cases."""

    def __init__(self, store: Store, user: UserInfo):
        self.store = store
        self.user = user

    # -- access ------------------------------------------------------------------------------
    @property
    def is_admin(self) -> bool:
        return self.user.role == "admin"

    def _refuse(self, action: str, case_no: str, why: str) -> None:
        with self.store.write() as s:
            audit.append(s, self.user.name, "refused", case_no, {"action": action, "reason": why})
        raise AccessDenied(why)

    def _require_admin(self, action: str, case_no: str = "") -> None:
        if not self.is_admin:
            self._refuse(action, case_no, f"Only an administrator may do this ({action}); "
                         f"{self.user.name} is a {self.user.role}.")

    def _case(self, s: Session, case_no: str, action: str) -> Case:
        case = s.scalar(select(Case).where(Case.case_no == case_no))
        if case is None:
            raise NotFound(f"No case {case_no} in this store.")
        if not self.is_admin and not any(a.user_id == self.user.id for a in case.assignments):
            s.rollback()
            self._refuse(action, case_no, f"{self.user.name} is not assigned to case {case_no}.")
        return case

    def _audit(self, s: Session, action: str, case_no: str = "", **details) -> None:
        audit.append(s, self.user.name, action, case_no, details)

    # -- users (admin) -----------------------------------------------------------------------
    def add_user(self, name: str, role: str, password: str = "", display_name: str = "") -> UserInfo:
        """Create a user; judges and clerks then need cases assigned to see anything."""
        self._require_admin("user-add")
        if role not in ROLES:
            raise InvalidInput(f"Unknown role {role!r}; use one of {', '.join(ROLES)}.")
        if not name.strip():
            raise InvalidInput("A user needs a name.")
        with self.store.write() as s:
            if s.scalar(select(User).where(User.name == name)):
                raise InvalidInput(f"A user named {name!r} already exists.")
            user = User(name=name, display_name=display_name or name, role=role,
                        password_hash=hash_password(password) if password else "")
            s.add(user)
            s.flush()
            self._audit(s, "user-add", user=name, role=role)
            return _user_info(user)

    def set_password(self, name: str, password: str) -> None:
        if name != self.user.name:
            self._require_admin("set-password")
        with self.store.write() as s:
            user = s.scalar(select(User).where(User.name == name))
            if user is None:
                raise NotFound(f"No user named {name!r}.")
            user.password_hash = hash_password(password)
            self._audit(s, "set-password", user=name)

    def users(self) -> list[UserInfo]:
        with self.store.read() as s:
            return [_user_info(u) for u in s.scalars(select(User).order_by(User.name))]

    # -- cases -------------------------------------------------------------------------------
    def create_case(self, case_no: str, cause: str = "", stage: str = "", court: str = "",
                    filed_on: dt.date | None = None, volumes: Iterable[str] = ("正卷", "副卷")) -> CaseInfo:
        self._require_admin("case-create", case_no)
        if not case_no.strip():
            raise InvalidInput("A case needs a case number.")
        with self.store.write() as s:
            if s.scalar(select(Case).where(Case.case_no == case_no)):
                raise InvalidInput(f"Case {case_no} already exists.")
            case = Case(case_no=case_no, cause=cause, stage=stage, court=court, filed_on=filed_on)
            s.add(case)
            for i, name in enumerate(volumes):
                case.volumes.append(Volume(name=name, ordinal=i))
            s.flush()
            self._audit(s, "case-create", case_no, cause=cause, stage=stage, court=court,
                        filed_on=filed_on.isoformat() if filed_on else None)
            self.store.notify_changes(s, case.id, "case", case.id, "insert")
            return _case_info(case)

    def assign(self, case_no: str, user_name: str, duty: str) -> None:
        """Assign a judge or clerk to a case."""
        self._require_admin("case-assign", case_no)
        if duty not in DUTIES:
            raise InvalidInput(f"Unknown duty {duty!r}; use judge or clerk.")
        with self.store.write() as s:
            case = self._case(s, case_no, "case-assign")
            user = s.scalar(select(User).where(User.name == user_name))
            if user is None:
                raise NotFound(f"No user named {user_name!r}.")
            if user.role == "admin":
                raise InvalidInput("Administrators see every case; assign judges and clerks.")
            existing = s.get(Assignment, (case.id, user.id))
            if existing:
                existing.duty = duty
            else:
                s.add(Assignment(case_id=case.id, user_id=user.id, duty=duty))
            self._audit(s, "case-assign", case_no, user=user_name, duty=duty)
            self.store.notify_changes(s, case.id, "case", case.id, "update")

    def _visible_cases(self):
        query = select(Case).options(selectinload(Case.assignments).selectinload(Assignment.user),
                                     selectinload(Case.parties), selectinload(Case.volumes))
        if not self.is_admin:
            query = query.join(Assignment).where(Assignment.user_id == self.user.id)
        return query

    def cases(self) -> list[CaseInfo]:
        """The cases this user may see: all for an admin, the assigned ones otherwise."""
        with self.store.read() as s:
            return [_case_info(c) for c in s.scalars(self._visible_cases().order_by(Case.case_no))]

    def case(self, case_no: str) -> CaseInfo:
        with self.store.read() as s:
            return _case_info(self._case(s, case_no, "case-read"))

    def update_case(self, case_no: str, expected_version: int, **fields) -> CaseInfo:
        """Change case fields; refused with ConflictError when someone changed it since it was read."""
        allowed = {"cause", "stage", "court", "filed_on", "closed_on"}
        if set(fields) - allowed:
            raise InvalidInput(f"Cannot change {', '.join(sorted(set(fields) - allowed))} of a case.")
        with self.store.write() as s:
            case = self._case(s, case_no, "case-edit")
            self._check_version(case, expected_version, "case", case_no)
            for key, value in fields.items():
                setattr(case, key, value)
            s.flush()
            self._audit(s, "case-edit", case_no, **{k: (v.isoformat() if isinstance(v, dt.date) else v)
                                                    for k, v in fields.items()})
            self.store.notify_changes(s, case.id, "case", case.id, "update")
            return _case_info(case)

    @staticmethod
    def _check_version(row, expected: int, entity: str, ident: object) -> None:
        if row.version != expected:
            raise ConflictError(
                f"This {entity} ({ident}) was changed by someone else (now version {row.version}, you "
                f"edited version {expected}); nothing was saved. Reload to see their change.",
                entity=entity, entity_id=ident, expected=expected, actual=row.version)

    # -- parties -----------------------------------------------------------------------------
    def add_party(self, case_no: str, name: str, role: str, kind: str = "person",
                  id_number: str = "") -> PartyInfo:
        if kind not in PARTY_KINDS:
            raise InvalidInput(f"A party is a person or an organisation, not {kind!r}.")
        with self.store.write() as s:
            case = self._case(s, case_no, "party-add")
            party = Party(case_id=case.id, name=name, role=role, kind=kind, id_number=id_number)
            s.add(party)
            s.flush()
            self._audit(s, "party-add", case_no, party=name, role=role, kind=kind, id_number=id_number)
            self.store.notify_changes(s, case.id, "party", party.id, "insert")
            return _party_info(party)

    def update_party(self, case_no: str, party_id: int, expected_version: int, **fields) -> PartyInfo:
        allowed = {"name", "role", "kind", "id_number"}
        if set(fields) - allowed:
            raise InvalidInput(f"Cannot change {', '.join(sorted(set(fields) - allowed))} of a party.")
        with self.store.write() as s:
            case = self._case(s, case_no, "party-edit")
            party = s.get(Party, party_id)
            if party is None or party.case_id != case.id:
                raise NotFound(f"No party {party_id} in case {case_no}.")
            self._check_version(party, expected_version, "party", party.name)
            for key, value in fields.items():
                setattr(party, key, value)
            s.flush()
            self._audit(s, "party-edit", case_no, party_id=party_id, **fields)
            self.store.notify_changes(s, case.id, "party", party.id, "update")
            return _party_info(party)

    def related_cases(self, case_no: str) -> list[tuple[CaseInfo, str]]:
        """Other visible cases sharing a party (same ID number, or same name where no ID is known)."""
        with self.store.read() as s:
            case = self._case(s, case_no, "case-read")
            ids = {p.id_number for p in case.parties if p.id_number}
            names = {p.name for p in case.parties if not p.id_number}
            if not ids and not names:
                return []
            conds = []
            if ids:
                conds.append(Party.id_number.in_(ids))
            if names:
                conds.append(Party.name.in_(names))
            found: dict[int, tuple[Case, set[str]]] = {}
            visible = self._visible_cases().where(Case.id != case.id)
            for other in s.scalars(visible):
                shared = {p.name for p in other.parties
                          if (p.id_number and p.id_number in ids) or (p.name in names)}
                if shared:
                    found[other.id] = (other, shared)
            return [(_case_info(c), "、".join(sorted(shared))) for c, shared in found.values()]

    # -- volumes and documents ---------------------------------------------------------------
    def _volume(self, s: Session, case: Case, name: str) -> Volume:
        vol = next((v for v in case.volumes if v.name == name), None)
        if vol is None:
            vol = Volume(case_id=case.id, name=name, ordinal=len(case.volumes))
            case.volumes.append(vol)
            s.flush()
        return vol

    def documents(self, case_no: str) -> list[DocumentInfo]:
        """Every document of a case, in volume and filing order."""
        with self.store.read() as s:
            case = self._case(s, case_no, "case-read")
            rows = s.scalars(select(Document).join(Volume).where(Document.case_id == case.id)
                             .options(selectinload(Document.volume), selectinload(Document.blob))
                             .order_by(Volume.ordinal, Document.ordinal, Document.id))
            return [_document_info(d, case_no) for d in rows]

    def document(self, document_id: int) -> DocumentInfo:
        with self.store.read() as s:
            doc = s.get(Document, document_id)
            if doc is None:
                raise NotFound(f"No document {document_id}.")
            case = s.get(Case, doc.case_id)
            self._case(s, case.case_no, "document-read")
            return _document_info(doc, case.case_no)

    def update_document(self, document_id: int, expected_version: int, **fields) -> DocumentInfo:
        """Change a document's catalog entry (title, type, date, source, order, volume)."""
        allowed = {"title", "doc_type", "doc_date", "source", "ordinal", "volume"}
        if set(fields) - allowed:
            raise InvalidInput(f"Cannot change {', '.join(sorted(set(fields) - allowed))} of a document.")
        with self.store.write() as s:
            doc = s.get(Document, document_id)
            if doc is None:
                raise NotFound(f"No document {document_id}.")
            case = s.get(Case, doc.case_id)
            self._case(s, case.case_no, "document-edit")
            self._check_version(doc, expected_version, "document", doc.title)
            for key, value in fields.items():
                if key == "volume":
                    doc.volume = self._volume(s, case, value)
                else:
                    setattr(doc, key, value)
            s.flush()
            self._audit(s, "document-edit", case.case_no, document_id=document_id,
                        **{k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in fields.items()})
            self.store.notify_changes(s, case.id, "document", doc.id, "update")
            return _document_info(doc, case.case_no)

    def document_path(self, document_id: int) -> Path:
        """A local, verified, readable file of the document (from the desk's blob cache)."""
        assigned = exists().where(Assignment.case_id == Document.case_id, Assignment.user_id == self.user.id)
        with self.store.single_read() as s:
            row = s.execute(select(Document.blob_digest, Case.case_no, assigned.label("assigned"))
                            .join(Case, Case.id == Document.case_id)
                            .where(Document.id == document_id)).first()
        if row is None:
            raise NotFound(f"No document {document_id}.")
        if not (self.is_admin or row.assigned):
            self._refuse("document-read", row.case_no, f"{self.user.name} is not assigned to case {row.case_no}.")
        return self.store.cache.path_for(self.store.blobs, row.blob_digest)

    def import_files(self, case_no: str, paths: Iterable[str | os.PathLike], *, volume: str = "正卷",
                     doc_type: str = "", password: str | None = None, titles: dict[str, str] | None = None,
                     doc_dates: dict[str, dt.date] | None = None, sources: dict[str, str] | None = None,
                     progress: ProgressFn | None = None,
                     cancelled: Callable[[], bool] | None = None):
        """Import files into a case as one operation; see storage.importer.import_files."""
        from .importer import import_files
        return import_files(self, case_no, paths, volume=volume, doc_type=doc_type, password=password,
                            titles=titles or {}, doc_dates=doc_dates or {}, sources=sources or {},
                            progress=progress, cancelled=cancelled)

    # -- audit -------------------------------------------------------------------------------
    def audit_events(self, case_no: str | None = None) -> list[audit.Event]:
        """The audit trail (of one case, or all of it for an administrator)."""
        with self.store.read() as s:
            query = select(AuditEvent).order_by(AuditEvent.seq)
            if case_no is None:
                if not self.is_admin:
                    s.rollback()
                    self._refuse("audit-read", "", "Only an administrator may read the whole audit trail.")
            else:
                self._case(s, case_no, "audit-read")
                query = query.where(AuditEvent.case_no == case_no)
            return [audit.to_event(r) for r in s.scalars(query)]

    def record(self, action: str, case_no: str = "", **details) -> None:
        """Audit an action that writes nothing else (an export, a print)."""
        with self.store.write() as s:
            if case_no:
                self._case(s, case_no, action)
            self._audit(s, action, case_no, **details)

    # -- change feed -------------------------------------------------------------------------
    def changes_since(self, case_no: str, after_id: int = 0) -> list[ChangeInfo]:
        with self.store.read() as s:
            case = self._case(s, case_no, "case-read")
            rows = s.scalars(select(Change).where(Change.case_id == case.id, Change.id > after_id)
                             .order_by(Change.id))
            return [ChangeInfo(c.id, c.case_id, c.entity, c.entity_id, c.op) for c in rows]

    def last_change_id(self) -> int:
        with self.store.read() as s:
            return s.scalar(select(func.coalesce(func.max(Change.id), 0)))

    # -- packages and checks -----------------------------------------------------------------
    def export_case(self, case_no: str, out_path) -> dict:
        """Write the case as a self-describing zip package; see storage.package."""
        from .package import export_case
        return export_case(self, case_no, out_path)

    def import_package(self, path) -> str:
        """Create a case from a package (admin); returns its case number."""
        from .package import import_package
        return import_package(self, path)

    def verify(self, progress=None):
        """Re-hash every blob and check the audit chain (admin); returns a VerifyReport."""
        from .integrity import verify_store
        return verify_store(self, progress)
