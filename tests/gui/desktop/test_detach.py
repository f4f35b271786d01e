"""Detaching a reading pane to the other monitor, full screen there, and docking it back."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QGuiApplication

from desktop.detach import fit_rect, on_screen
from pane_windows import (ids_by_title, monitors, needs_two_screens, open_window, run_with_two_screens,
                          service, store)  # noqa: F401 - fixtures


@pytest.fixture
def window(qtbot, store, service):
    w = open_window(qtbot, store, service)
    ids = ids_by_title(w)
    w.open_document(ids["判决书"], "left")
    w.open_document(ids["申请书"], "right")
    return w


def _read_at(view, page: int, zoom: float) -> None:
    view.set_zoom(zoom)
    view.go_to_page(page)


def test_detach_puts_the_pane_on_the_right_monitor_on_two_screens(qtbot, window):
    needs_two_screens(None)
    right = window.panes["right"]
    _read_at(right.view, 4, 1.5)
    window.active = right
    window.window_menu.act_detach_active.trigger()
    detacher = window.window_menu.detacher
    win = detacher.window_of("right")
    assert win is not None and win.isVisible()
    qtbot.waitExposed(win)
    assert win.screen().name() == "Right"
    assert win.screen().availableGeometry().contains(win.frameGeometry())
    assert window.screen().name() == "Left"
    assert right.window() is win and window.split.count() == 1
    assert (right.view.current_page, right.view.zoom, right.title) == (4, 1.5, "申请书")
    assert window.window_menu.act_detach["right"].isChecked()

    detacher.toggle_full_screen("right")
    qtbot.waitUntil(win.isFullScreen)
    assert win.screen().name() == "Right"
    assert right.view.current_page == 4 and right.view.zoom == 1.5


def test_docking_back_restores_order_size_page_and_zoom(qtbot, window):
    left, right = window.panes["left"], window.panes["right"]
    window.split.setSizes([500, 800])
    sizes = window.split.sizes()
    _read_at(left.view, 6, 1.25)
    window.window_menu.act_detach["left"].trigger()
    assert window.split.indexOf(left) == -1 and window.split.widget(0) is right
    window.window_menu.detacher.window_of("left").close()  # closing the window docks the pane
    assert window.split.indexOf(left) == 0 and window.split.indexOf(right) == 1
    assert window.split.sizes() == sizes
    assert left.window() is window
    assert (left.view.current_page, left.view.zoom) == (6, 1.25)
    assert not window.window_menu.act_detach["left"].isChecked()
    assert window.window_menu.detacher.detached() == []


def test_both_panes_out_and_back_in_any_order_keep_left_before_right(window):
    detacher = window.window_menu.detacher
    left, right = window.panes["left"], window.panes["right"]
    detacher.detach("left")
    detacher.detach("right")
    assert window.split.count() == 0
    detacher.attach("right")
    detacher.attach("left")
    assert [window.split.widget(i) for i in range(2)] == [left, right]


def test_with_one_monitor_the_pane_opens_as_a_window_on_the_same_screen(qtbot, window):
    if monitors() != 1:
        pytest.skip("this case is about a desk with a single monitor")
    right = window.panes["right"]
    _read_at(right.view, 2, 2.0)
    win = window.window_menu.detacher.detach("right")
    qtbot.waitExposed(win)
    screen = QGuiApplication.primaryScreen()
    assert win.screen() is screen
    assert screen.availableGeometry().contains(win.frameGeometry())
    assert (right.view.current_page, right.view.zoom) == (2, 2.0)
    window.window_menu.act_detach["right"].trigger()
    assert window.split.indexOf(right) == 1 and not win.isVisible()


def test_the_shortcut_detaches_the_pane_with_the_focus_and_works_in_its_window(qtbot, window):
    right = window.panes["right"]
    window.activateWindow()
    qtbot.waitActive(window)
    right.view.setFocus()
    qtbot.waitUntil(right.view.hasFocus)
    qtbot.keyClick(right.view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    win = window.window_menu.detacher.window_of("right")
    assert win is not None
    win.activateWindow()
    qtbot.waitActive(win)
    qtbot.waitUntil(right.view.hasFocus)
    qtbot.keyClick(right.view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert window.window_menu.detacher.window_of("right") is None
    assert window.split.indexOf(right) == 1


def test_full_screen_without_a_detached_pane_is_the_main_window(qtbot, window):
    window.window_menu.toggle_full_screen()
    qtbot.waitUntil(window.isFullScreen)
    window.window_menu.toggle_full_screen()
    qtbot.waitUntil(lambda: not window.isFullScreen())


def test_a_rectangle_is_kept_inside_the_screen_area():
    area = QRect(0, 0, 1920, 1040)
    assert fit_rect(QRect(2100, 100, 800, 600), area) == QRect(1120, 100, 800, 600)
    assert fit_rect(QRect(-50, -20, 3000, 600), area) == QRect(0, 0, 1920, 600)
    assert fit_rect(QRect(10, 10, 100, 100), area) == QRect(10, 10, 100, 100)


def test_a_window_whose_monitor_is_gone_lands_on_the_primary_screen(qapp):
    far = QRect(9000, 5000, 1200, 800)  # on no monitor of any set-up here
    placed = on_screen(far)
    area = QGuiApplication.primaryScreen().availableGeometry()
    assert area.contains(placed)
    # Kept as large as it was, unless the screen is smaller.
    assert (placed.width(), placed.height()) == (min(1200, area.width()), min(800, area.height()))


def test_two_monitor_cases_pass_with_a_second_monitor(qapp, tmp_path):
    if monitors() >= 2:
        pytest.skip("already running with two monitors")
    passed, out = run_with_two_screens(tmp_path, __file__, "on_two_screens")
    assert passed == 1, out
