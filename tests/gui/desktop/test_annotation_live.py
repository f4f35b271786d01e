"""Two desks on one store: annotations made at one show at the other, the annotation panel, exports.

Desk A is a plain store session (another workstation); desk B is the real window. Both run on a
real SQLite file and on a real PostgreSQL schema.
"""
from __future__ import annotations

import docx
import psycopg
import pymupdf
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest

from desktop.annotation_panel import CASE, DOCUMENT, MINE, OTHERS
from desktop.live import LISTEN, POLL
from desktop.main_window import MainWindow
from pg import PG_BASE, pg_schema_url
from storage.store import Store
from viewer.core.annotations_export import read_existing_annotations
from viewer.qt.render_service import RenderService

CASE_NO = "（2024）陕0823执88号"
# CI machines are slower than a desk; the desks themselves aim at 2 s.
LIVE_TIMEOUT_MS = 3000


def make_pdf(path, pages, text):
    doc = pymupdf.open()
    for i in range(pages):
        doc.new_page(width=595, height=842).insert_text((72, 100), f"{text} 第{i + 1}页",
                                                        fontname="china-s", fontsize=14)
    doc.save(path)
    return str(path)


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request, tmp_path):
    if request.param == "sqlite":
        yield "sqlite:///" + (tmp_path / "shared.sqlite3").as_posix()
    else:
        with pg_schema_url() as pg_url:
            yield pg_url


@pytest.fixture
def sqlite_url(tmp_path):
    return "sqlite:///" + (tmp_path / "shared.sqlite3").as_posix()


def _desks(url, tmp_path):
    first = Store.initialize(url, cache_dir=tmp_path / "cache-a")
    first.bootstrap_admin("admin", "")
    admin = first.as_user("admin")
    admin.add_user("judge1", "judge", "pw", "王法官")
    admin.add_user("judge2", "judge", "pw", "李法官")
    admin.create_case(CASE_NO, cause="民间借贷纠纷")
    admin.assign(CASE_NO, "judge1", "judge")
    admin.assign(CASE_NO, "judge2", "judge")
    admin.import_files(CASE_NO, [make_pdf(tmp_path / "判决书.pdf", 3, "判决书"),
                                 make_pdf(tmp_path / "申请书.pdf", 4, "执行申请书")], volume="正卷")
    second = Store(url, cache_dir=tmp_path / "cache-b")
    return first, second


def _window(qtbot, store):
    service = RenderService(synchronous=True)
    service.start()
    window = MainWindow(store.as_user("judge2"), service)
    qtbot.addWidget(window)
    window.resize(1500, 950)
    window.show()
    qtbot.waitExposed(window)
    # The panel is shown on demand, from the Case menu.
    assert not window.annotation_dock.isVisible()
    window.findChild(QAction, "actionAnnotationPanel").trigger()
    assert window.annotation_panel.isVisible()
    return window, service


@pytest.fixture
def desks(qtbot, url, tmp_path):
    """(desk A's session as judge1, desk B's window as judge2), on SQLite and on PostgreSQL."""
    store_a, store_b = _desks(url, tmp_path)
    window, service = _window(qtbot, store_b)
    yield store_a.as_user("judge1"), window
    window.live.stop()
    service.shutdown()
    store_a.close()
    store_b.close()


@pytest.fixture
def desk(qtbot, sqlite_url, tmp_path):
    """Like ``desks``, on SQLite only, for what does not depend on the store's kind."""
    store_a, store_b = _desks(sqlite_url, tmp_path)
    window, service = _window(qtbot, store_b)
    yield store_a.as_user("judge1"), window
    window.live.stop()
    service.shutdown()
    store_a.close()
    store_b.close()


def doc_id(window, title):
    return next(d.id for d in window.documents.values() if d.title == title)


def changed(uid, what=lambda info: True):
    return lambda got_uid, info: got_uid == uid and what(info)


def test_another_desk_sees_an_annotation_added_moved_and_deleted(qtbot, desks):
    session_a, window = desks
    live = window.live
    assert live.mode == (LISTEN if window.session.store.dialect == "postgresql" else POLL)
    assert live.cases() == [CASE_NO]
    judgment = doc_id(window, "判决书")
    open_and_wait(qtbot, window, judgment)
    overlay = window.annotation_tools["left"].overlay
    model = window.annotation_models.model(judgment)
    assert len(model) == 0

    with qtbot.waitSignal(live.annotationChanged, timeout=LIVE_TIMEOUT_MS, check_params_cb=lambda uid, info:
                          info is not None and info.text == "核对借款金额") as added:
        info = session_a.add_annotation(judgment, kind="rect", page=1, geometry=[100, 200, 300, 260],
                                        text="核对借款金额", color="#e53935")
    assert added.args[0] == info.uid
    assert model.get(info.uid).geometry == (100.0, 200.0, 300.0, 260.0)
    assert [r.uid for r in overlay.page_annotations(1)] == [info.uid]

    with qtbot.waitSignal(live.annotationChanged, timeout=LIVE_TIMEOUT_MS,
                          check_params_cb=changed(info.uid, lambda i: i is not None and i.version > info.version)):
        moved = session_a.update_annotation(info.uid, info.version, page=2, geometry=[50, 60, 250, 120])
    assert model.get(info.uid).version == moved.version
    assert overlay.page_annotations(1) == []
    assert [r.geometry for r in overlay.page_annotations(2)] == [(50.0, 60.0, 250.0, 120.0)]

    with qtbot.waitSignal(live.annotationChanged, timeout=LIVE_TIMEOUT_MS,
                          check_params_cb=changed(info.uid, lambda i: i is None)):
        session_a.delete_annotation(info.uid, moved.version)
    assert info.uid not in model
    assert overlay.page_annotations(2) == []


def test_the_case_list_follows_other_desks_without_reading_the_case_again(qtbot, desks):
    session_a, window = desks
    panel = window.annotation_panel
    panel.set_scope(CASE)
    application = doc_id(window, "申请书")
    assert panel.shown_threads() == []
    with qtbot.waitSignal(window.live.annotationChanged, timeout=LIVE_TIMEOUT_MS):
        note = session_a.add_annotation(application, kind="note", page=3, geometry=[400, 80, 420, 100],
                                        text="送达地址待核实")
    assert panel.shown_threads() == [(note.uid, [])]
    with qtbot.waitSignal(window.live.annotationChanged, timeout=LIVE_TIMEOUT_MS):
        reply = session_a.reply(note.uid, "已电话核实")
    assert panel.shown_threads() == [(note.uid, [reply.uid])]
    with qtbot.waitSignal(window.live.annotationChanged, timeout=LIVE_TIMEOUT_MS,
                          check_params_cb=changed(reply.uid, lambda i: i is None)):
        session_a.delete_annotation(note.uid, note.version)
    assert panel.shown_threads() == []


def _terminate_listener(channel: str) -> int:
    with psycopg.connect(PG_BASE.replace("postgresql+psycopg://", "postgresql://"), autocommit=True) as conn:
        rows = conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query = %s",
                            (f'LISTEN "{channel}"',)).fetchall()
    return len(rows)


def test_a_dropped_listening_connection_loses_nothing_and_comes_back(qtbot, tmp_path):
    with pg_schema_url() as url:
        store_a, store_b = _desks(url, tmp_path)
        window, service = _window(qtbot, store_b)
        try:
            session_a, live = store_a.as_user("judge1"), window.live
            judgment = doc_id(window, "判决书")
            assert live.mode == LISTEN
            assert _terminate_listener(store_b.channel) == 1
            qtbot.waitUntil(lambda: live.mode == POLL, timeout=LIVE_TIMEOUT_MS)

            # Made while this desk has no listener: the change log still brings it.
            with qtbot.waitSignal(live.annotationChanged, timeout=LIVE_TIMEOUT_MS) as got:
                first = session_a.add_annotation(judgment, kind="rect", page=0, geometry=[10, 10, 90, 90])
            assert got.args[0] == first.uid

            qtbot.waitUntil(lambda: live.mode == LISTEN, timeout=10000)
            with qtbot.waitSignal(live.annotationChanged, timeout=LIVE_TIMEOUT_MS) as got:
                second = session_a.add_annotation(judgment, kind="rect", page=0, geometry=[20, 20, 80, 80])
            assert got.args[0] == second.uid
        finally:
            window.live.stop()
            service.shutdown()
            store_a.close()
            store_b.close()


def open_and_wait(qtbot, window, document_id, pane="left"):
    """Open a document and wait until its annotations (read on a worker thread) are shown."""
    with qtbot.waitSignal(window.annotation_tools[pane].annotationsLoaded, timeout=10000):
        window.open_document(document_id, pane)


def test_the_panel_lists_threads_and_filters_them(qtbot, desk):
    session_a, window = desk
    panel = window.annotation_panel
    judgment = doc_id(window, "判决书")
    mine = window.session.add_annotation(judgment, kind="highlight", page=0,
                                         geometry=[[72, 86, 300, 86, 72, 104, 300, 104]], text="金额有误")
    theirs = session_a.add_annotation(judgment, kind="note", page=1, geometry=[400, 80, 420, 100],
                                      text="利息计算待核")
    stamp = session_a.add_annotation(judgment, kind="stamp", page=2, geometry=[100, 100, 190, 136],
                                     stamp="已核实")
    reply = window.session.reply(theirs.uid, "同意，按LPR四倍计算")
    window.session.update_annotation(stamp.uid, stamp.version, status="resolved")
    open_and_wait(qtbot, window, judgment)
    assert panel.scope == DOCUMENT and panel.document_id == judgment

    every = [(mine.uid, []), (theirs.uid, [reply.uid]), (stamp.uid, [])]
    assert panel.shown_threads() == every
    item = panel.item_of(theirs.uid)
    assert [item.text(c) for c in range(1, 7)] == ["Note", "2", "judge1", item.text(4), "Open", "利息计算待核"]
    panel.set_filter(author="judge1")
    assert panel.shown_threads() == [(theirs.uid, [reply.uid]), (stamp.uid, [])]
    panel.set_filter(kind="stamp")
    assert panel.shown_threads() == [(stamp.uid, [])]
    panel.set_filter(layer=MINE)
    assert panel.shown_threads() == [(mine.uid, [])]
    panel.set_filter(layer=OTHERS)
    assert panel.shown_threads() == [(theirs.uid, [reply.uid]), (stamp.uid, [])]
    panel.set_filter(status="resolved")
    assert panel.shown_threads() == [(stamp.uid, [])]
    # A reply's text finds its thread.
    panel.set_filter(text="lpr")
    assert panel.shown_threads() == [(theirs.uid, [reply.uid])]
    panel.text_edit.setText("金额")
    assert panel.shown_threads() == [(mine.uid, [])]
    panel.set_filter()
    assert panel.shown_threads() == every
    assert panel.count_label.text() == "3 of 3 threads"


def test_clicking_a_row_shows_the_annotation_in_the_active_pane(qtbot, desk):
    session_a, window = desk
    judgment, application = doc_id(window, "判决书"), doc_id(window, "申请书")
    far = session_a.add_annotation(application, kind="rect", page=3, geometry=[300, 700, 500, 780],
                                   text="落款日期")
    open_and_wait(qtbot, window, judgment)
    view = window.panes["left"].view
    # Small enough that the whole box fits the pane beside the catalog and the panel.
    view.set_zoom(0.5)
    panel = window.annotation_panel
    panel.set_scope(CASE)
    item = panel.item_of(far.uid)
    assert item.text(0) == "申请书"
    tree = panel.tree
    tree.scrollToItem(item)
    QTest.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     tree.visualItemRect(item).center())

    tools = window.annotation_tools["left"]
    assert list(tools.documents().values()) == [application]
    assert view.current_page == 3
    shown = view.map_rect_from_page(3, (300, 700, 500, 780))
    assert view.viewport().rect().contains(shown.toAlignedRect())
    assert tools.overlay.selected_uid == far.uid
    assert panel.document_id == application


def test_reply_resolve_and_reopen_from_the_panel(qtbot, desk):
    session_a, window = desk
    judgment = doc_id(window, "判决书")
    note = session_a.add_annotation(judgment, kind="note", page=0, geometry=[400, 80, 420, 100], text="查封期限")
    open_and_wait(qtbot, window, judgment)
    panel = window.annotation_panel
    panel.tree.setCurrentItem(panel.item_of(note.uid))
    assert panel.resolve_button.isEnabled() and not panel.reopen_button.isEnabled()

    panel.ask_reply = lambda record: "已续封至2025年" if record.uid == note.uid else None
    panel.reply_button.click()
    replies = [a for a in session_a.annotations(judgment) if a.parent_uid == note.uid]
    assert [r.text for r in replies] == ["已续封至2025年"]
    assert panel.shown_threads() == [(note.uid, [replies[0].uid])]

    # Desk A moves the note meanwhile: resolving still works, on top of the move.
    session_a.update_annotation(note.uid, note.version, geometry=[380, 80, 400, 100])
    panel.resolve_button.click()
    assert session_a.annotation(note.uid).status == "resolved"
    assert window.annotation_models.model(judgment).get(note.uid).status == "resolved"
    assert panel.item_of(note.uid).text(5) == "Resolved"
    assert panel.reopen_button.isEnabled()
    panel.reopen_button.click()
    assert session_a.annotation(note.uid).status == "open"
    assert not panel.message_label.isVisible()


def test_export_review_copy_writes_real_pdf_annotations_and_is_audited(qtbot, desk, tmp_path):
    session_a, window = desk
    judgment = doc_id(window, "判决书")
    rect = session_a.add_annotation(judgment, kind="rect", page=1, geometry=[100, 200, 300, 260],
                                    text="核对借款金额")
    box = session_a.add_annotation(judgment, kind="freetext", page=2, geometry=[100, 300, 400, 340],
                                   text="执行依据已生效")
    session_a.reply(rect.uid, "已核对")
    open_and_wait(qtbot, window, judgment)
    exports = window.annotation_exports
    target = tmp_path / "out" / "review.pdf"
    target.parent.mkdir()
    exports.choose_review_copy = lambda suggested: (str(target), False)
    assert exports.review_copy() == target

    found = read_existing_annotations(target)
    assert sorted((a.kind, a.page) for a in found) == [("freetext", 2), ("rect", 1)]
    square = next(a for a in found if a.kind == "rect")
    assert square.geometry == pytest.approx((100, 200, 300, 260), abs=0.5)
    assert "核对借款金额" in square.contents and "已核对" in square.contents
    events = [e for e in window.session.audit_events(CASE_NO) if e.action == "export"]
    assert len(events) == 1 and events[0].details["what"] == "review-copy"

    flat = exports.export_review_copy(judgment, tmp_path / "flat.pdf", flatten=True)
    with pymupdf.open(flat) as doc:
        assert [list(page.annots()) for page in doc] == [[], [], []]
        assert box.text in doc[2].get_text()


def test_the_annotation_summary_as_pdf_and_as_word(qtbot, desk, tmp_path):
    session_a, window = desk
    judgment, application = doc_id(window, "判决书"), doc_id(window, "申请书")
    note = session_a.add_annotation(judgment, kind="note", page=1, geometry=[400, 80, 420, 100], text="利息计算待核")
    session_a.add_annotation(application, kind="stamp", page=0, geometry=[100, 100, 190, 136], stamp="存疑")
    window.session.reply(note.uid, "按LPR四倍")
    exports = window.annotation_exports

    word = tmp_path / "summary.docx"
    exports.choose_summary = lambda suggested: str(word)
    assert exports.summary() == word
    table = docx.Document(str(word)).tables[0]
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows[0] == ["文书", "页", "作者", "时间", "内容"]
    assert [r[:3] for r in rows[1:]] == [["判决书", "2", "judge1"], ["申请书", "1", "judge1"]]
    assert rows[1][4].startswith("利息计算待核") and "按LPR四倍" in rows[1][4]
    assert rows[2][4] == "存疑"

    pdf = exports.export_summary(tmp_path / "summary.pdf")
    with pymupdf.open(pdf) as doc:
        text = "".join(page.get_text() for page in doc)
    assert "利息计算待核" in text and "存疑" in text and "判决书" in text
    formats = [e.details["format"] for e in window.session.audit_events(CASE_NO) if e.action == "export"]
    assert formats == ["docx", "pdf"]


def test_many_marks_at_once_all_arrive_and_a_second_case_is_followed(qtbot, desk, tmp_path):
    session_a, window = desk
    judgment = doc_id(window, "判决书")
    open_and_wait(qtbot, window, judgment)
    model = window.annotation_models.model(judgment)
    # More than the feed reads in one turn of the event loop.
    batch = [{"kind": "rect", "page": i % 3, "geometry": [10 + i, 10, 60 + i, 40]} for i in range(120)]
    session_a.add_annotations(judgment, batch)
    qtbot.waitUntil(lambda: len(model) == 120, timeout=LIVE_TIMEOUT_MS + 2000)

    admin = session_a.store.as_user("admin")
    other = "（2024）陕0823执89号"
    admin.create_case(other)
    admin.assign(other, "judge1", "judge")
    admin.assign(other, "judge2", "judge")
    admin.import_files(other, [make_pdf(tmp_path / "裁定书.pdf", 2, "裁定书")], volume="正卷")
    window.open_case(other)
    assert window.live.cases() == [CASE_NO, other]
    ruling = doc_id(window, "裁定书")
    with qtbot.waitSignal(window.live.annotationChanged, timeout=LIVE_TIMEOUT_MS,
                          check_params_cb=lambda uid, info: info is not None and info.document_id == ruling):
        session_a.add_annotation(ruling, kind="note", page=1, geometry=[300, 300, 320, 320], text="送达回证")
