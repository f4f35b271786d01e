"""A small real store for the workstation's tests: an embedded store with a judge, PDFs made here."""
from __future__ import annotations

import contextlib

import pymupdf

from storage.store import Store, StoreSession


def make_pdf(path, pages: int = 1, text: str = "page") -> str:
    """A PDF of ``pages`` pages, each saying "<text> <n>" in a CJK-capable font."""
    doc = pymupdf.open()
    for i in range(pages):
        doc.new_page().insert_text((72, 72), f"{text} {i + 1}", fontname="china-s")
    doc.save(path)
    return str(path)


def judge_store(tmp_path, url: str | None = None, cache: str = "cache") -> tuple[Store, StoreSession]:
    """A store (embedded in ``tmp_path`` unless ``url`` is given) with an administrator and the
    judge judge1 (password pw)."""
    url = url or "sqlite:///" + (tmp_path / "a.sqlite3").as_posix()
    st = Store.initialize(url, cache_dir=tmp_path / cache)
    st.bootstrap_admin("admin", "")
    admin = st.as_user("admin")
    admin.add_user("judge1", "judge", "pw", "王法官")
    return st, admin


@contextlib.contextmanager
def open_window(qtbot, session: StoreSession, size=(1400, 900)):
    """The real main window for ``session``, with a render service that renders inline."""
    from desktop.main_window import MainWindow
    from viewer.qt.render_service import RenderService

    service = RenderService(synchronous=True)
    service.start()
    try:
        window = MainWindow(session, service)
        qtbot.addWidget(window)
        window.resize(*size)
        window.show()
        qtbot.waitExposed(window)
        yield window
    finally:
        service.shutdown()
