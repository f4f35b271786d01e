"""Case packages: a self-describing zip of a case (JSON manifest, the blobs, the audit events).

A package moves a case between stores (an appeal, an archive hand-over) and can be checked
by anyone: every blob is named by its SHA-256 and every audit event carries the hash it had
in the chain of the store that exported it.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import tempfile
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select

from . import audit
from .errors import IntegrityFailure, InvalidInput
from .models import AuditEvent, Blob, Case, Document, Party, Volume

if TYPE_CHECKING:
    from .store import StoreSession

FORMAT = "dossier-desk-case-package"
FORMAT_VERSION = 1


def _date(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def export_case(session: "StoreSession", case_no: str, out_path: str | os.PathLike) -> dict:
    """Write ``case_no`` to a zip at ``out_path`` (atomically); returns the manifest."""
    store = session.store
    out_path = Path(out_path)
    with store.read() as s:
        case = session._case(s, case_no, "export")
        docs = s.scalars(select(Document).where(Document.case_id == case.id)).all()
        events = s.scalars(select(AuditEvent).where(AuditEvent.case_no == case_no).order_by(AuditEvent.seq)).all()
        manifest = {
            "format": FORMAT, "format_version": FORMAT_VERSION,
            "exported_at": dt.datetime.now(dt.timezone.utc).isoformat(), "exported_by": session.user.name,
            "store_id": store.store_id,
            "case": {"case_no": case.case_no, "cause": case.cause, "stage": case.stage, "court": case.court,
                     "filed_on": _date(case.filed_on), "closed_on": _date(case.closed_on),
                     "judges": [a.user.name for a in case.assignments if a.duty == "judge"],
                     "clerks": [a.user.name for a in case.assignments if a.duty == "clerk"]},
            "parties": [{"name": p.name, "role": p.role, "kind": p.kind, "id_number": p.id_number}
                        for p in case.parties],
            "volumes": [{"name": v.name, "ordinal": v.ordinal} for v in case.volumes],
            "documents": [{"title": d.title, "doc_type": d.doc_type, "doc_date": _date(d.doc_date),
                           "source": d.source, "page_count": d.page_count, "volume": d.volume.name,
                           "ordinal": d.ordinal, "sha256": d.blob_digest, "size": d.blob.size,
                           "file": f"blobs/{d.blob_digest}.pdf"} for d in docs],
            "audit": [{"seq": e.seq, "at": e.at.isoformat(timespec="microseconds"), "actor": e.actor,
                       "case_no": e.case_no, "action": e.action, "details": json.loads(e.details),
                       "prev_hash": e.prev_hash, "hash": e.hash} for e in events],
        }
    out_path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".export-", suffix=".zip", dir=out_path.parent)
    os.close(fd)
    try:
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_STORED, allowZip64=True) as zf:
            zf.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2))
            for d in manifest["documents"]:
                # PDFs barely compress; stream each blob in, never whole in memory.
                with store.blobs.open(d["sha256"]) as src, zf.open(d["file"], "w", force_zip64=True) as dst:
                    shutil.copyfileobj(src, dst, 1 << 20)
        os.replace(tmp, out_path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    session.record("export", case_no, file=out_path.name, documents=len(manifest["documents"]))
    return manifest


def read_manifest(path: str | os.PathLike) -> dict:
    """The manifest of a package, after checking it is one."""
    try:
        with zipfile.ZipFile(path) as zf:
            manifest = json.loads(zf.read("manifest.json"))
    except (zipfile.BadZipFile, KeyError, json.JSONDecodeError, OSError) as exc:
        raise InvalidInput(f"{Path(path).name} is not a case package ({exc}).") from exc
    if manifest.get("format") != FORMAT:
        raise InvalidInput(f"{Path(path).name} is not a case package.")
    if manifest.get("format_version", 0) > FORMAT_VERSION:
        raise InvalidInput("This package was made by a newer version of Dossier Desk; update first.")
    return manifest


def check_package(path: str | os.PathLike) -> list[str]:
    """Problems in a package: blobs whose bytes do not match their hash, events that were altered."""
    manifest = read_manifest(path)
    problems = []
    with zipfile.ZipFile(path) as zf:
        names = set(zf.namelist())
        for d in manifest["documents"]:
            if d["file"] not in names:
                problems.append(f"{d['title']}: file missing from the package")
                continue
            h = hashlib.sha256()
            with zf.open(d["file"]) as f:
                for chunk in iter(lambda: f.read(1 << 20), b""):
                    h.update(chunk)
            if h.hexdigest() != d["sha256"]:
                problems.append(f"{d['title']}: bytes do not match their SHA-256")
    for e in manifest["audit"]:
        recomputed = audit.event_hash(e["prev_hash"], e["seq"], dt.datetime.fromisoformat(e["at"]), e["actor"],
                                      e["case_no"], e["action"], audit.canonical(e["details"]))
        if recomputed != e["hash"]:
            problems.append(f"audit event {e['seq']} ({e['action']}) was altered")
    return problems


def import_package(session: "StoreSession", path: str | os.PathLike) -> str:
    """Create a case from a package (admin); every blob and event is checked first. Returns the case number."""
    session._require_admin("import-package")
    manifest = read_manifest(path)
    problems = check_package(path)
    if problems:
        raise IntegrityFailure(f"The package fails its checks, nothing was imported: {problems[0]}"
                               + (f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""))
    store = session.store
    c = manifest["case"]
    with store.read() as s:
        if s.scalar(select(Case).where(Case.case_no == c["case_no"])):
            raise InvalidInput(f"Case {c['case_no']} already exists in this store.")
    with zipfile.ZipFile(path) as zf, tempfile.TemporaryDirectory() as tmp:
        for d in manifest["documents"]:
            target = Path(tmp) / f"{d['sha256']}.pdf"
            with zf.open(d["file"]) as src, open(target, "wb") as dst:
                shutil.copyfileobj(src, dst, 1 << 20)
            store.blobs.put_file(target)
            target.unlink()
    date = lambda v: dt.date.fromisoformat(v) if v else None  # noqa: E731
    with store.write() as s:
        case = Case(case_no=c["case_no"], cause=c["cause"], stage=c["stage"], court=c["court"],
                    filed_on=date(c["filed_on"]), closed_on=date(c["closed_on"]))
        s.add(case)
        vols = {}
        for v in manifest["volumes"]:
            vols[v["name"]] = Volume(name=v["name"], ordinal=v["ordinal"])
            case.volumes.append(vols[v["name"]])
        for p in manifest["parties"]:
            case.parties.append(Party(name=p["name"], role=p["role"], kind=p["kind"], id_number=p["id_number"]))
        s.flush()
        for d in manifest["documents"]:
            if s.get(Blob, d["sha256"]) is None:
                s.add(Blob(digest=d["sha256"], size=d["size"]))
            if d["volume"] not in vols:
                vols[d["volume"]] = Volume(case_id=case.id, name=d["volume"], ordinal=len(vols))
                s.add(vols[d["volume"]])
                s.flush()
            s.add(Document(case_id=case.id, volume_id=vols[d["volume"]].id, title=d["title"],
                           doc_type=d["doc_type"], doc_date=date(d["doc_date"]), source=d["source"],
                           page_count=d["page_count"], blob_digest=d["sha256"], ordinal=d["ordinal"],
                           created_by=session.user.id))
        s.flush()
        tip = manifest["audit"][-1]["hash"] if manifest["audit"] else ""
        session._audit(s, "import-package", c["case_no"], file=Path(path).name, from_store=manifest["store_id"],
                       documents=len(manifest["documents"]), source_events=len(manifest["audit"]),
                       source_chain_tip=tip)
        store.notify_changes(s, case.id, "case", case.id, "insert")
    return c["case_no"]
