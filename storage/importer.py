"""Importing files into a case: checked in a bounded worker, stored by hash, recorded in one transaction.

The bytes go first (content-addressed, so storing them twice is harmless); the catalog rows
and their audit events go in one transaction at the end. An import interrupted at any point
leaves no document behind, and running it again finishes the job (stored blobs are reused).
"""
from __future__ import annotations

import datetime as dt
import os
from concurrent.futures import ThreadPoolExecutor
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from .errors import ConflictError, InvalidInput, StoreError
from .models import Blob, Document
from .records import ImportedFile, ImportReport

if TYPE_CHECKING:
    from .store import StoreSession


class ImportCancelled(StoreError):
    """The user stopped an import; nothing was added to the case."""


def import_files(session: "StoreSession", case_no: str, paths: Iterable[str | os.PathLike], *,
                 volume: str, doc_type: str, password: str | None, titles: dict[str, str],
                 doc_dates: dict[str, dt.date], sources: dict[str, str],
                 progress: Callable[[int, int, str], None] | None,
                 cancelled: Callable[[], bool] | None) -> ImportReport:
    """Import ``paths`` into ``case_no``'s ``volume``; returns what was imported, repeated or refused.

    Raises ImportCancelled (nothing recorded) when ``cancelled()`` turns true.
    """
    from .probe import ProbeRefused

    store = session.store
    paths = [str(p) for p in paths]
    if not paths:
        raise InvalidInput("No files to import.")
    with store.read() as s:
        case = session._case(s, case_no, "import")
        known = dict(s.execute(select(Document.blob_digest, Document.title)
                               .where(Document.case_id == case.id)).all())
    report = ImportReport()
    staged: list[tuple[str, str, int, int, str]] = []   # path, digest, size, pages, note
    seen: dict[str, str] = {}
    def store_bytes(prepared):
        try:
            return store.blobs.put_file(prepared.pdf_path)
        except OSError as exc:
            raise StoreError(f"Could not store {Path(prepared.source).name}: {exc.strerror or exc}. Nothing "
                             "was added to the case; free space or fix the problem and run the import "
                             "again.") from exc
        finally:
            if prepared.converted:
                Path(prepared.pdf_path).unlink(missing_ok=True)

    def settle(path, prepared, stored) -> None:
        info = stored.result()
        if info.digest in known:
            report.duplicates.append((path, known[info.digest]))
            return
        if info.digest in seen:
            report.duplicates.append((path, seen[info.digest]))
            return
        seen[info.digest] = path
        note = {"image": "converted from an image", "pdf-decrypted": "decrypted with the given password"}.get(
            prepared.kind, "")
        if prepared.repaired:
            note = (note + "; " if note else "") + "repaired by the reader"
        staged.append((path, info.digest, info.size, prepared.page_count, note))

    # Pipelined: while the checker opens file n+1 in its worker, a thread hashes and stores
    # file n (both wait on I/O or another process, so they overlap despite the GIL).
    pending = None
    with store.checker() as prober, ThreadPoolExecutor(1, thread_name_prefix="import-store") as storer:
        try:
            for n, path in enumerate(paths, 1):
                if cancelled and cancelled():
                    raise ImportCancelled(f"Import stopped after {n - 1} of {len(paths)} files; nothing was added.")
                if progress:
                    progress(n - 1, len(paths), path)
                try:
                    prepared = prober.prepare(path, password)
                except ProbeRefused as exc:
                    report.refused.append((path, str(exc)))
                    prepared = None
                if pending is not None:
                    settle(*pending)
                    pending = None
                if prepared is not None:
                    pending = (path, prepared, storer.submit(store_bytes, prepared))
            if pending is not None:
                settle(*pending)
                pending = None
        finally:
            if pending is not None:     # interrupted: let the last write finish or fail quietly
                pending[2].exception()
    if progress:
        progress(len(paths), len(paths), "")
    if not staged:
        return report
    if cancelled and cancelled():
        raise ImportCancelled("Import stopped before it was recorded; nothing was added.")
    try:
        with store.write() as s:
            case = session._case(s, case_no, "import")
            vol = session._volume(s, case, volume)
            ordinal = s.scalar(select(func.coalesce(func.max(Document.ordinal), -1))
                               .where(Document.volume_id == vol.id)) + 1
            for path, digest, size, pages, note in staged:
                if s.get(Blob, digest) is None:
                    s.add(Blob(digest=digest, size=size))
                title = titles.get(path) or Path(path).stem
                doc = Document(case_id=case.id, volume_id=vol.id, title=title, doc_type=doc_type,
                               doc_date=doc_dates.get(path), source=sources.get(path, Path(path).name),
                               page_count=pages, blob_digest=digest, ordinal=ordinal,
                               created_by=session.user.id)
                ordinal += 1
                s.add(doc)
                s.flush()
                session._audit(s, "import", case_no, document_id=doc.id, title=title, digest=digest,
                               pages=pages, volume=volume, source=doc.source, note=note)
                store.notify_changes(s, case.id, "document", doc.id, "insert")
                report.imported.append(ImportedFile(path, doc.id, digest, pages, note))
    except IntegrityError as exc:
        report.imported.clear()
        raise ConflictError("Another desk imported some of these files at the same moment; nothing was "
                            "added. Run the import again: files already in the case will be reported as "
                            "repeats.") from exc
    return report
