"""The store connection status: a real PostgreSQL store behind a proxy that the test cuts."""
from __future__ import annotations

import psycopg
import pymupdf
import pytest

from desktop.connection import (ConnectionMonitor, ConnectionState, cached_document_path,
                                probe_store)
from desktop.main_window import MainWindow
from storage.errors import StoreUnavailable
from storage.store import Store
from pg import PG_BASE
from store_proxy import proxied_pg_url
from viewer.qt.render_service import RenderService

CASE = "（2024）陕0823执77号"


def make_pdf(path, pages, label):
    doc = pymupdf.open()
    for i in range(pages):
        doc.new_page().insert_text((72, 72), f"{label} {i + 1}", fontname="china-s")
    doc.save(path)
    return str(path)


@pytest.fixture
def pg_store(tmp_path):
    with proxied_pg_url() as (url, proxy):
        store = Store.initialize(url, cache_dir=tmp_path / "cache")
        store.bootstrap_admin("admin", "")
        admin = store.as_user("admin")
        admin.add_user("judge1", "judge", "pw", "王法官")
        admin.create_case(CASE, cause="借款合同纠纷")
        admin.assign(CASE, "judge1", "judge")
        admin.import_files(CASE, [make_pdf(tmp_path / "判决书.pdf", 3, "判决书"),
                                  make_pdf(tmp_path / "申请书.pdf", 2, "申请书")])
        try:
            yield store, proxy
        finally:
            store.close()


@pytest.fixture
def window(qtbot, pg_store):
    store, _proxy = pg_store
    service = RenderService(synchronous=True)
    service.start()
    w = MainWindow(store.as_user("judge1"), service)
    qtbot.addWidget(w)
    # Quick retries so the test does not wait for the desk's real backoff.
    w.connection.check_ms = 200
    w.connection.first_retry_ms = 50
    w.connection.max_retry_ms = 200
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.connection.stop()
    service.shutdown()


def _doc_id(window, title):
    return next(d.id for d in window.documents.values() if d.title == title)


def test_a_lost_store_shows_a_banner_keeps_documents_refuses_writes_and_reconnects(qtbot, window, pg_store):
    store, proxy = pg_store
    judgment = _doc_id(window, "判决书")
    window.open_document(judgment, "left")
    assert window.panes["left"].view.page_count == 3
    assert window.connection.state is ConnectionState.CONNECTED
    assert "Connected" in window.store_label.text()
    assert window.connection_banner.isHidden()

    proxy.stop()
    window.connection.check_now()
    qtbot.waitUntil(lambda: window.connection.state is ConnectionState.OFFLINE, timeout=10000)
    assert window.connection_banner.isVisible()
    assert "cannot be reached" in window.connection_banner.text_label.text()
    assert "Offline" in window.store_label.text()
    assert window.connection.reason

    # What this desk already fetched keeps working from the blob cache...
    view = window.panes["left"].view
    view.go_to_page(2)
    assert view.current_page == 2
    window.open_document(judgment, "right")
    assert window.panes["right"].view.page_count == 3
    # ...what it never fetched cannot open, and nothing breaks.
    window.open_document(_doc_id(window, "申请书"), "right")
    assert window.panes["right"].title == "判决书"
    assert window.statusBar().currentMessage().startswith("The archive store cannot be reached")
    # Writes are refused by the store itself, with a message a person can read.
    with pytest.raises(StoreUnavailable, match="not reachable"):
        window.session.record("print", CASE, pages="1-3")

    proxy.start()
    qtbot.waitUntil(lambda: window.connection.state is ConnectionState.CONNECTED, timeout=10000)
    assert window.connection_banner.isHidden()
    assert "Connected" in window.store_label.text()
    window.session.record("print", CASE, pages="1-3")
    window.open_document(_doc_id(window, "申请书"), "right")
    assert window.panes["right"].title == "申请书"


def test_terminated_backends_are_replaced_without_going_offline(qtbot, window, pg_store):
    store, proxy = pg_store
    assert window.session.cases()  # the pool now holds a connection
    # From outside the desk's pool, and only the desk's backends: other suites share the server.
    with psycopg.connect(PG_BASE.replace("postgresql+psycopg://", "postgresql://"), autocommit=True) as conn:
        ended = conn.execute("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                             "WHERE datname = current_database() AND pid <> pg_backend_pid() "
                             "AND client_port = ANY(%s)", (proxy.server_ports(),)).fetchone()[0]
    assert ended >= 1
    # The pool's pre-ping notices the dead connections and opens new ones.
    assert probe_store(store) == ""
    assert [c.case_no for c in window.session.cases()] == [CASE]
    with qtbot.waitSignal(window.connection._answered, timeout=10000):
        window.connection.check_now()
    assert window.connection.state is ConnectionState.CONNECTED


def test_retries_back_off_up_to_a_limit(qtbot, tmp_path):
    store = Store.initialize("sqlite:///" + (tmp_path / "a.sqlite3").as_posix(), cache_dir=tmp_path / "c")
    monitor = ConnectionMonitor(store, check_ms=600000, first_retry_ms=10000, max_retry_ms=40000)
    try:
        states = []
        monitor.stateChanged.connect(states.append)
        monitor.report_unavailable("connection refused")
        assert monitor.state is ConnectionState.RECONNECTING
        # Qt may move a coarse timer by up to 5 %.
        assert 0 < monitor.next_check_ms <= 10500
        monitor.report_unavailable()
        assert monitor.state is ConnectionState.OFFLINE
        assert 15000 < monitor.next_check_ms <= 21000
        monitor.report_unavailable()
        assert 30000 < monitor.next_check_ms <= 42000
        monitor.report_unavailable()
        assert 30000 < monitor.next_check_ms <= 42000
        assert monitor.reason == "connection refused"
        # The store answers: connected again at once, and back to the slow check.
        with qtbot.waitSignal(monitor.stateChanged, timeout=10000) as blocker:
            monitor.check_now()
        assert blocker.args == [ConnectionState.CONNECTED]
        assert states == [ConnectionState.RECONNECTING, ConnectionState.OFFLINE, ConnectionState.CONNECTED]
        assert monitor.next_check_ms > 40000 and monitor.reason == ""
    finally:
        monitor.stop()
        monitor.deleteLater()
        store.close()


def test_a_cached_document_is_found_without_the_database(tmp_path, pg_store):
    store, proxy = pg_store
    session = store.as_user("judge1")
    doc = session.documents(CASE)[0]
    assert cached_document_path(store, doc.digest) is None
    fetched = session.document_path(doc.id)
    proxy.stop()
    assert cached_document_path(store, doc.digest) == fetched
    assert probe_store(store)
