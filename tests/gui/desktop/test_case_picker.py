"""Choosing and switching cases: recent first, filter, several open at once, related cases."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication

from desktop.case_picker import CasePicker, RecentCases, order_cases
from desktop.main_window import MainWindow
from viewer.qt.render_service import RenderService
from desk import make_pdf, judge_store

A, B, C = "（2024）陕0823执1号", "（2024）陕0823执2号", "（2024）陕0823执3号"
HIDDEN = "（2024）陕0823执4号"


@pytest.fixture
def store(tmp_path):
    st, admin = judge_store(tmp_path)
    for case_no, cause in ((A, "民间借贷纠纷"), (B, "借款合同纠纷"), (C, "劳务合同纠纷"), (HIDDEN, "其他")):
        admin.create_case(case_no, cause=cause)
        if case_no != HIDDEN:
            admin.assign(case_no, "judge1", "judge")
        admin.import_files(case_no, [make_pdf(tmp_path / f"{cause}.pdf", 1, cause)], volume="正卷")
    admin.add_party(A, "西安恒达商贸有限公司", "被执行人", "organisation", "91610100MA6TX1234X")
    admin.add_party(B, "西安恒达商贸有限公司", "被执行人", "organisation", "91610100MA6TX1234X")
    admin.add_party(C, "张伟", "被执行人")
    yield st
    st.close()


@pytest.fixture
def window(qtbot, store):
    service = RenderService(synchronous=True)
    service.start()
    windows = []

    def make():
        w = MainWindow(store.as_user("judge1"), service)
        qtbot.addWidget(w)
        windows.append(w)
        return w
    yield make
    for w in windows:
        w.connection.stop()
    service.shutdown()


def test_recent_cases_are_kept_per_store_and_user(tmp_path):
    settings = QSettings(str(tmp_path / "desk.ini"), QSettings.Format.IniFormat)
    mine = RecentCases("store-1", "judge1", settings)
    assert mine.list() == []
    for case_no in (A, B, A, C):
        mine.touch(case_no)
    assert mine.list() == [C, A, B]
    assert RecentCases("store-1", "judge2", settings).list() == []
    assert RecentCases("store-2", "judge1", settings).list() == []
    # Kept on disk: a new settings object on the same file reads it back.
    again = QSettings(str(tmp_path / "desk.ini"), QSettings.Format.IniFormat)
    assert RecentCases("store-1", "judge1", again).list() == [C, A, B]
    mine.touch(C)
    assert mine.list() == [C, A, B]


def test_the_picker_lists_recent_cases_first_and_filters(qtbot, store):
    cases = store.as_user("judge1").cases()
    assert [c.case_no for c in order_cases(cases, [C, B])] == [C, B, A]
    picker = CasePicker(cases, [C, B], [A])
    qtbot.addWidget(picker)
    assert picker.shown_cases() == [C, B, A]
    assert HIDDEN not in picker.shown_cases()
    assert picker.chosen() == [C]           # Enter opens the newest recent case
    picker.set_filter("恒达")                # a party name finds its cases
    assert picker.shown_cases() == [B, A]
    assert picker.chosen() == [B]           # the first match replaces the hidden choice
    picker.set_filter("借款")
    assert picker.shown_cases() == [B]
    picker.set_filter("nothing like this")
    assert picker.shown_cases() == [] and picker.empty_label.isVisibleTo(picker)
    picker.set_filter("")
    for i in range(picker.tree.topLevelItemCount()):
        picker.tree.topLevelItem(i).setSelected(True)
    assert picker.chosen() == [C, B, A]


def test_several_cases_open_and_switching_swaps_the_catalog(qtbot, window):
    w = window()
    assert w.case.case_no == A
    assert [w.case_box.itemText(i) for i in range(w.case_box.count())] == [f"{A}  民间借贷纠纷", "", "Open case…"]

    def pick():
        picker = QApplication.activeModalWidget()
        assert isinstance(picker, CasePicker)
        picker.set_filter("陕0823执")
        picker.tree.clearSelection()
        for i in (1, 2):
            picker.tree.topLevelItem(i).setSelected(True)
        picker.accept()
    QTimer.singleShot(0, pick)
    w.pick_cases()
    assert w.open_cases.case_numbers() == [A, B, C]
    assert w.case.case_no == C and w.catalog.case_label.text().startswith(C)
    assert [d.title for d in w.documents.values()] == ["劳务合同纠纷"]

    w.case_box.setCurrentIndex(w.case_box.findData(A))
    w.case_box.activated.emit(w.case_box.currentIndex())
    assert w.case.case_no == A and [d.title for d in w.documents.values()] == ["民间借贷纠纷"]
    assert A in w.windowTitle()
    # Switching again reads nothing new: the list keeps one entry per case.
    assert w.open_cases.case_numbers() == [A, B, C]


def test_a_related_case_opens_from_the_catalog(qtbot, window):
    w = window()
    assert w.case.case_no == A
    related = [w.catalog.related_list.item(i).text() for i in range(w.catalog.related_list.count())]
    assert len(related) == 1 and related[0].startswith(B)
    w.catalog.related_list.itemActivated.emit(w.catalog.related_list.item(0))
    assert w.case.case_no == B
    assert w.open_cases.case_numbers() == [A, B]


def test_the_last_case_worked_on_comes_back_first(qtbot, window):
    w = window()
    w.open_case(C)
    assert window().case.case_no == C
