"""The workstation window on a real embedded store: catalog → panes, volume as one book."""
from __future__ import annotations

import pytest

from desktop.main_window import MainWindow
from viewer.qt.render_service import RenderService
from desk import judge_store, make_pdf, open_window

CASE = "（2024）陕0823执55号"


@pytest.fixture
def store(tmp_path):
    st, admin = judge_store(tmp_path)
    admin.create_case(CASE, cause="民间借贷纠纷")
    admin.assign(CASE, "judge1", "judge")
    files = [make_pdf(tmp_path / "判决书.pdf", 3, "判决书"), make_pdf(tmp_path / "申请书.pdf", 2, "执行申请书")]
    admin.import_files(CASE, files, volume="正卷", doc_type="文书")
    admin.import_files(CASE, [make_pdf(tmp_path / "审批表.pdf", 1, "审批表")], volume="副卷")
    yield st
    st.close()


@pytest.fixture
def window(qtbot, store):
    with open_window(qtbot, store.as_user("judge1")) as w:
        yield w


def test_the_assigned_case_opens_with_its_catalog(window):
    assert window.case.case_no == CASE
    assert sorted(d.title for d in window.documents.values()) == ["判决书", "审批表", "申请书"]
    assert CASE in window.windowTitle()


def test_catalog_opens_documents_in_either_pane(qtbot, window):
    by_title = {d.title: d.id for d in window.documents.values()}
    window.catalog.openInPane.emit(by_title["判决书"], "left")
    window.catalog.openInPane.emit(by_title["申请书"], "right")
    assert window.panes["left"].view.page_count == 3
    assert window.panes["right"].view.page_count == 2
    assert window.panes["right"].title == "申请书"
    window.panes["left"].view.go_to_page(2)
    qtbot.waitUntil(lambda: "3 / 3" in window.page_label.text().replace("Page ", ""))


def test_a_volume_reads_as_one_book(window):
    ids = [d.id for d in window.documents.values() if d.volume == "正卷"]
    window.catalog.volumeAsBook.emit("正卷", ids)
    view = window.panes["left"].view
    assert view.page_count == 5
    assert [s.title for s in view.segments] == ["判决书", "申请书"]


def test_a_clerk_not_assigned_sees_no_case(qtbot, store):
    store.as_user("admin").add_user("clerk9", "clerk", "pw")
    service = RenderService(synchronous=True)
    service.start()
    try:
        w = MainWindow(store.as_user("clerk9"), service)
        qtbot.addWidget(w)
        assert w.case is None and w.case_box.count() == 0
    finally:
        service.shutdown()


def test_import_from_the_window_runs_off_the_gui_thread_and_refreshes_the_catalog(qtbot, window, tmp_path):
    # 判决书.pdf is the very file the fixture imported: a repeat
    files = [make_pdf(tmp_path / "补充证据.pdf", 2, "补充证据"), str(tmp_path / "判决书.pdf")]
    (tmp_path / "broken.pdf").write_text("not a pdf")
    files.append(str(tmp_path / "broken.pdf"))
    assert window.case_menu().actions()[0] is window.act_import
    with qtbot.waitSignal(window.importer.finished, timeout=30000) as done:
        window.importer.start(files, "正卷", "证据")
    report = done.args[0]
    assert [f.page_count for f in report.imported] == [2]
    assert len(report.duplicates) == 1 and len(report.refused) == 1
    assert "补充证据" in [d.title for d in window.documents.values()]
    assert window.importer.message_box is not None and "broken.pdf" in window.importer.message_box.text()
    window.importer.message_box.close()


def test_a_cancelled_import_adds_nothing(qtbot, window, tmp_path):
    files = [make_pdf(tmp_path / f"f{i}.pdf", 1, f"文件{i}") for i in range(20)]
    before = len(window.documents)
    worker = window.importer.start(files, "正卷")
    worker.cancel()
    with qtbot.waitSignal(window.importer.finished, timeout=30000) as done:
        pass
    from storage.importer import ImportCancelled
    assert isinstance(done.args[0], ImportCancelled)
    assert len(window.session.documents(window.case.case_no)) == before
