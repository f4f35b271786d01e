"""Session restore: documents, places, detached panes and window geometry come back next start."""
from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import text

from desktop.session import Layout, PaneState, SessionFile, SessionState, screens_key, session_file
from pane_windows import (REPO, ids_by_title, monitors, open_window, service, store,  # noqa: F401
                          two_screen_env)

LEFT_ONLY = [("Left", 0, 0, 1920, 1080)]
LEFT_RIGHT = [("Left", 0, 0, 1920, 1080), ("Right", 1920, 0, 2560, 1440)]


def _fill(qtbot, window):
    ids = ids_by_title(window)
    window.open_document(ids["判决书"], "left")
    left = window.panes["left"].view
    left.set_zoom(1.5)
    left.go_to_page(7)
    vol = [d.id for d in window.documents.values() if d.volume == "正卷"]
    window.open_volume("正卷", vol, "right")
    right = window.panes["right"].view
    right.set_rotation(90)
    right.set_fit_mode("page")
    right.go_to_page(13)
    window.split.setSizes([400, 900])
    win = window.window_menu.detacher.detach("right")
    qtbot.waitExposed(win)
    window.window_menu.set_link_mode("proportional")
    return ids, vol


def test_a_closed_window_comes_back_as_it_was(qtbot, store, service):
    first = open_window(qtbot, store, service)
    first.setGeometry(30, 40, 700, 600)
    ids, vol = _fill(qtbot, first)
    sizes = first.window_menu.detacher.splitter_sizes()
    geometry = first.geometry()
    first.close()
    assert session_file().exists()
    assert first.window_menu.detacher.detached() == []  # nothing lingers after closing

    again = open_window(qtbot, store, service)
    assert again.case.case_no == first.case.case_no
    assert again.pane_documents == {"left": ((ids["判决书"],), None), "right": (tuple(vol), "正卷")}
    left, right = again.panes["left"].view, again.panes["right"].view
    assert (left.current_page, left.zoom, left.fit_mode, left.rotation) == (7, 1.5, None, 0)
    assert (right.current_page, right.fit_mode, right.rotation) == (13, "page", 90)
    assert right.page_count == 21
    detacher = again.window_menu.detacher
    assert detacher.detached() == ["right"] and detacher.window_of("right").isVisible()
    assert again.window_menu.link.mode == "proportional"
    assert again.geometry() == geometry
    detacher.attach("right")
    assert again.split.sizes() == sizes


def test_a_document_that_is_gone_is_skipped_with_a_note(qtbot, store, service):
    first = open_window(qtbot, store, service)
    ids = ids_by_title(first)
    first.open_document(ids["审批表"], "left")
    first.open_document(ids["申请书"], "right")
    first.panes["right"].view.go_to_page(4)
    first.close()
    with store.engine.begin() as conn:
        conn.execute(text("DELETE FROM document WHERE id = :id"), {"id": ids["审批表"]})

    again = open_window(qtbot, store, service)
    assert again.panes["left"].view.page_count == 0
    assert "left" not in again.pane_documents
    assert again.panes["right"].view.current_page == 4
    assert "审批表" in again.statusBar().currentMessage()
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]


SAVE_ON_RIGHT = textwrap.dedent("""
    import sys
    from PySide6.QtCore import QRect
    from PySide6.QtWidgets import QApplication
    from desktop.main_window import MainWindow
    from storage.store import Store
    from viewer.qt.render_service import RenderService

    app = QApplication([])
    assert [s.name() for s in app.screens()] == ["Left", "Right"]
    store = Store.open(sys.argv[1], cache_dir=sys.argv[2])
    service = RenderService(synchronous=True)
    service.start()
    w = MainWindow(store.as_user("judge1"), service)
    right = app.screens()[1].availableGeometry()
    w.setGeometry(QRect(right.x() + 300, right.y() + 200, 1500, 900))
    w.show()
    ids = {d.title: d.id for d in w.documents.values()}
    w.open_document(ids["判决书"], "left")
    w.panes["left"].view.go_to_page(5)
    w.open_document(ids["申请书"], "right")
    w.window_menu.detacher.detach("right", geometry=QRect(right.x() + 100, right.y() + 100, 900, 700))
    assert w.screen().name() == "Right"
    w.close()
    service.shutdown()
    store.close()
    print("saved")
""")


def test_a_window_saved_on_a_monitor_that_is_gone_comes_back_on_the_primary_screen(
        qtbot, tmp_path, store, service):
    if monitors() != 1:
        pytest.skip("restores on a desk with a single monitor")
    script = tmp_path / "save_on_right.py"
    script.write_text(SAVE_ON_RIGHT, encoding="utf-8")
    result = subprocess.run([sys.executable, str(script), store.url, str(tmp_path / "cache2")],
                            capture_output=True, text=True, env=two_screen_env(tmp_path), cwd=REPO,
                            timeout=300)
    assert result.returncode == 0 and "saved" in result.stdout, result.stderr

    again = open_window(qtbot, store, service)
    area = QGuiApplication.primaryScreen().availableGeometry()
    assert area.contains(again.frameGeometry())
    assert again.panes["left"].view.current_page == 5
    win = again.window_menu.detacher.window_of("right")
    assert win is not None and win.isVisible()
    assert area.contains(win.frameGeometry())
    assert again.panes["right"].title == "申请书"


def test_geometry_is_kept_per_monitor_set_up(tmp_path):
    sessions = SessionFile(tmp_path / "session.ini", owner="store-1\njudge1")
    docked = SessionState(cases=["A"], current_case="A", panes={"left": PaneState([1], page=3)},
                          layout=Layout(geometry=(2000, 50, 1600, 900), splitter=[1, 2]))
    sessions.save(docked, LEFT_RIGHT)
    away = SessionState(cases=["A"], current_case="A", panes={"left": PaneState([1], page=4)},
                        layout=Layout(geometry=(10, 10, 1200, 700), maximized=True))
    sessions.save(away, LEFT_ONLY)
    assert screens_key(LEFT_RIGHT) != screens_key(LEFT_ONLY)
    assert screens_key(list(reversed(LEFT_RIGHT))) == screens_key(LEFT_RIGHT)
    back_docked = sessions.load(LEFT_RIGHT)
    assert back_docked.layout == docked.layout
    assert back_docked.panes["left"].page == 4  # documents and places: the latest, whatever the monitors
    assert sessions.load(LEFT_ONLY).layout == away.layout
    # A set-up never seen before starts from the last layout saved.
    assert sessions.load([("HDMI-1", 0, 0, 1280, 720)]).layout == away.layout
    # Another user of the same desk does not get this session.
    assert SessionFile(tmp_path / "session.ini", owner="store-1\nclerk2").load(LEFT_ONLY) is None


def test_an_unreadable_session_is_ignored(tmp_path):
    from PySide6.QtCore import QSettings
    sessions = SessionFile(tmp_path / "session.ini", owner="o")
    s = QSettings(sessions.path, QSettings.Format.IniFormat)
    s.setValue(f"session/{sessions.owner}/state", "{not json")
    s.sync()
    assert sessions.load(LEFT_ONLY) is None
