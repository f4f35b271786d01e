"""Builds the demo enforcement case in a store (idempotent)."""
from __future__ import annotations

import tempfile
from collections import defaultdict
from pathlib import Path

from sqlalchemy import select

from .errors import NotFound
from .models import User
from .store import Store

DEMO_ADMIN = "admin"


def build_demo(store: Store, progress=None) -> str:
    """Create the demo users and case with its ~15 documents; returns the case number.

    Running it again changes nothing: users, the case and its documents are found and kept.
    """
    from .demo_content import demo_case, write_demo_files

    demo = demo_case()
    if not store.has_users():
        store.bootstrap_admin(DEMO_ADMIN, "", "系统管理员")
    with store.read() as s:
        admins = list(s.scalars(select(User.name).where(User.role == "admin").order_by(User.id)))
    admin = store.as_user(admins[0])
    existing = {u.name for u in admin.users()}
    for (name, display), role in ((demo.judge, "judge"), (demo.clerk, "clerk")):
        if name not in existing:
            admin.add_user(name, role, "", display)
    try:
        admin.case(demo.case_no)
        have_case = True
    except NotFound:
        have_case = False
    if not have_case:
        admin.create_case(demo.case_no, cause=demo.cause, stage=demo.stage, court=demo.court,
                          filed_on=demo.filed_on)
        admin.assign(demo.case_no, demo.judge[0], "judge")
        admin.assign(demo.case_no, demo.clerk[0], "clerk")
        for p in demo.parties:
            admin.add_party(demo.case_no, p.name, p.role, p.kind, p.id_number)
    if len(admin.documents(demo.case_no)) >= len(demo.documents):
        return demo.case_no
    clerk = store.as_user(demo.clerk[0])
    with tempfile.TemporaryDirectory(prefix="dossier-demo-") as tmp:
        write_demo_files(Path(tmp))
        groups: dict[tuple[str, str], list] = defaultdict(list)
        for d in demo.documents:
            groups[(d.volume, d.doc_type)].append(d)
        ordered = sorted(demo.documents, key=lambda d: (d.volume != "正卷", d.doc_date))
        # one import per volume keeps the filing order; type, title and date per file
        for volume in dict.fromkeys(d.volume for d in ordered):
            docs = [d for d in ordered if d.volume == volume]
            for doc_type in dict.fromkeys(d.doc_type for d in docs):
                batch = [d for d in docs if d.doc_type == doc_type]
                paths = [str(Path(tmp) / d.filename) for d in batch]
                clerk.import_files(demo.case_no, paths, volume=volume, doc_type=doc_type,
                                   titles={p: d.title for p, d in zip(paths, batch)},
                                   doc_dates={p: d.doc_date for p, d in zip(paths, batch)},
                                   sources={p: d.source for p, d in zip(paths, batch)},
                                   progress=progress)
    return demo.case_no
