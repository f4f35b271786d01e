"""A small real store for the workstation's tests: an embedded store with a judge, PDFs made here."""
from __future__ import annotations

import pymupdf

from storage.store import Store, StoreSession


def make_pdf(path, pages: int = 1, text: str = "page") -> str:
    """A PDF of ``pages`` pages, each saying "<text> <n>" in a CJK-capable font."""
    doc = pymupdf.open()
    for i in range(pages):
        doc.new_page().insert_text((72, 72), f"{text} {i + 1}", fontname="china-s")
    doc.save(path)
    return str(path)


def judge_store(tmp_path) -> tuple[Store, StoreSession]:
    """An embedded store in ``tmp_path`` with an administrator and the judge judge1 (password pw)."""
    st = Store.initialize("sqlite:///" + (tmp_path / "a.sqlite3").as_posix(), cache_dir=tmp_path / "cache")
    st.bootstrap_admin("admin", "")
    admin = st.as_user("admin")
    admin.add_user("judge1", "judge", "pw", "王法官")
    return st, admin
