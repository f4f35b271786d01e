"""`verify`: re-hash every blob and walk the audit chain."""
from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select

from . import audit
from .errors import NotFound
from .models import AuditEvent, Blob
from .records import VerifyReport

if TYPE_CHECKING:
    from .store import StoreSession


def verify_store(session: "StoreSession", progress=None) -> VerifyReport:
    """Check every blob's bytes against its hash and the whole audit chain (admin only)."""
    session._require_admin("verify")
    store = session.store
    report = VerifyReport()
    with store.read() as s:
        digests = list(s.scalars(select(Blob.digest).order_by(Blob.digest)))
        rows = s.scalars(select(AuditEvent).order_by(AuditEvent.seq)).all()
    for n, digest in enumerate(digests, 1):
        if progress:
            progress(n, len(digests), digest)
        try:
            ok = store.blobs.verify(digest)
        except (NotFound, FileNotFoundError):
            report.problems.append(f"blob {digest} is missing from {store.blobs.name}")
            continue
        if not ok:
            report.problems.append(f"blob {digest}: its bytes changed (SHA-256 no longer matches)")
    report.blobs_checked = len(digests)
    report.problems.extend(audit.check_chain(rows))
    report.events_checked = len(rows)
    return report
