"""The sign-in dialog on real stores: refusals, success, a lost connection, and what a user sees."""
from __future__ import annotations

import argparse

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog

from desktop.app import _sign_in
from desktop.case_picker import CasePicker
from desktop.login import LoginDialog, describe_store, sign_in
from storage.errors import AccessDenied
from storage.store import Store
from store_proxy import proxied_pg_url

MINE = "（2024）陕0823执101号"
OTHERS = "（2024）陕0823执102号"


def _populate(store):
    store.bootstrap_admin("admin", "")
    admin = store.as_user("admin")
    admin.add_user("judge1", "judge", "right-pw", "王法官")
    admin.add_user("judge2", "judge", "pw2", "李法官")
    admin.create_case(MINE, cause="民间借贷纠纷")
    admin.create_case(OTHERS, cause="买卖合同纠纷")
    admin.assign(MINE, "judge1", "judge")
    admin.assign(OTHERS, "judge2", "judge")


@pytest.fixture
def store(tmp_path):
    st = Store.initialize("sqlite:///" + (tmp_path / "a.sqlite3").as_posix(), cache_dir=tmp_path / "cache")
    _populate(st)
    yield st
    st.close()


def _dialog(qtbot, store, name="", password=""):
    dialog = LoginDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.name_edit.setText(name)
    dialog.password_edit.setText(password)
    return dialog


def test_a_wrong_password_is_refused_with_a_message_and_the_dialog_stays(qtbot, store):
    dialog = _dialog(qtbot, store, "judge1", "wrong")
    dialog.accept()
    assert dialog.session is None
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert "wrong" in dialog.error()
    assert dialog.name_edit.text() == "judge1"
    assert dialog.password_edit.selectedText() == "wrong"   # ready to be typed over
    assert [e.action for e in store.as_user("admin").audit_events()][-1] == "login-refused"


def test_the_right_password_gives_a_session(qtbot, store):
    dialog = _dialog(qtbot, store, "judge1", "wrong")
    dialog.accept()
    dialog.password_edit.setText("right-pw")
    with qtbot.waitSignal(dialog.accepted):
        dialog.accept()
    assert dialog.session.user.name == "judge1" and dialog.session.user.role == "judge"
    assert dialog.error() == ""


def test_an_empty_name_is_asked_for(qtbot, store):
    dialog = _dialog(qtbot, store, "  ", "x")
    dialog.accept()
    assert dialog.session is None and "user name" in dialog.error()


def test_a_user_does_not_see_a_case_not_assigned_to_them(qtbot, store):
    dialog = _dialog(qtbot, store, "judge1", "right-pw")
    dialog.accept()
    session = dialog.session
    assert [c.case_no for c in session.cases()] == [MINE]
    # The store refuses it, not only the list: asking for it by number is denied and audited.
    with pytest.raises(AccessDenied):
        session.documents(OTHERS)
    picker = CasePicker(session.cases(), [], [])
    qtbot.addWidget(picker)
    assert picker.shown_cases() == [MINE]


def test_the_dialog_names_the_store_without_its_password(qtbot, store):
    dialog = _dialog(qtbot, store)
    assert "Embedded" in dialog.store_label.text()
    assert dialog.store_where.text().endswith("a.sqlite3")
    kind, where = describe_store("postgresql+psycopg://clerk:s3cret@archive.court.local:5433/dossier")
    assert kind == "postgresql" and where == "dossier @ archive.court.local:5433"
    assert "s3cret" not in where


def test_sign_in_returns_none_when_cancelled_and_the_session_when_accepted(qtbot, store):
    def answer(password):
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, LoginDialog)
        assert dialog.name_edit.text() == "judge1"   # the name given on the command line
        if password is None:
            dialog.reject()
        else:
            dialog.password_edit.setText(password)
            dialog.accept()

    QTimer.singleShot(0, lambda: answer(None))
    assert sign_in(store, "judge1") is None
    QTimer.singleShot(0, lambda: answer("right-pw"))
    assert sign_in(store, "judge1").user.name == "judge1"


def test_the_demo_signs_in_as_its_judge_without_a_prompt(qtbot, tmp_path):
    from storage.demo_content import demo_case
    st = Store.initialize("sqlite:///" + (tmp_path / "d.sqlite3").as_posix(), cache_dir=tmp_path / "c")
    try:
        judge = demo_case().judge[0]
        st.bootstrap_admin("admin", "")
        st.as_user("admin").add_user(judge, "judge", "", "赵建国")
        session = _sign_in(st, argparse.Namespace(demo=True, user=None))
        assert session.user.name == judge
    finally:
        st.close()


def test_a_lost_connection_keeps_the_dialog_and_what_was_typed(qtbot, tmp_path):
    with proxied_pg_url() as (url, proxy):
        st = Store.initialize(url, cache_dir=tmp_path / "cache")
        try:
            _populate(st)
            dialog = _dialog(qtbot, st, "judge1", "right-pw")
            proxy.stop()
            dialog.accept()
            assert dialog.session is None and dialog.isVisible()
            assert "cannot be reached" in dialog.error()
            assert (dialog.name_edit.text(), dialog.password_edit.text()) == ("judge1", "right-pw")
            proxy.start()
            dialog.accept()
            assert dialog.session is not None and dialog.session.user.name == "judge1"
        finally:
            st.close()
