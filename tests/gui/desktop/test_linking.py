"""Linked scrolling of the two panes: page-locked and proportional, on and off, no feedback."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop.linking import PAGE_LOCKED, PROPORTIONAL
from desktop.reading_place import top_place
from pane_windows import ids_by_title, open_window, service, store  # noqa: F401 - fixtures


@pytest.fixture
def window(qtbot, store, service):
    w = open_window(qtbot, store, service)
    ids = ids_by_title(w)
    w.open_document(ids["判决书"], "left")    # 12 pages
    w.open_document(ids["申请书"], "right")   # 9 pages
    for pane in w.panes.values():
        pane.view.set_zoom(1.0)
    return w


def _views(window):
    return window.panes["left"].view, window.panes["right"].view


def test_page_locked_keeps_the_page_offset_both_ways(window):
    left, right = _views(window)
    right.go_to_page(2)
    window.window_menu.act_link.trigger()
    link = window.window_menu.link
    assert link.enabled and link.mode == PAGE_LOCKED and link.page_offset == 2
    left.go_to_page(4)
    assert right.current_page == 6
    # Halfway down a page on the left is halfway down its partner on the right.
    bar = left.verticalScrollBar()
    bar.setValue(bar.value() + round(left.page_rect_in_viewport(4).height() / 2))
    assert top_place(right)[0] == 6
    assert top_place(right)[1] == pytest.approx(top_place(left)[1], abs=0.01)
    # The right pane leads just as well; the left one follows without pushing back.
    right.go_to_page(3)
    assert left.current_page == 1 and right.current_page == 3


def test_the_follower_does_not_drive_the_leader_back(window):
    left, right = _views(window)
    right.go_to_page(1)
    window.window_menu.link.set_enabled(True)
    moves = []
    left.verticalScrollBar().valueChanged.connect(moves.append)
    bar = left.verticalScrollBar()
    start = bar.value()
    bar.setValue(start + 333)
    assert moves == [start + 333]  # only the reader's own move
    assert top_place(right)[0] == top_place(left)[0] + 1


def test_page_locked_stops_at_the_last_page_of_the_shorter_document(window):
    left, right = _views(window)
    right.go_to_page(2)
    window.window_menu.link.set_enabled(True)
    left.go_to_page(10)
    assert right.current_page == right.page_count - 1 or top_place(right)[0] == right.page_count - 1


def test_proportional_keeps_the_fraction_offset(window):
    left, right = _views(window)
    left.set_vertical_fraction(0.0)
    right.set_vertical_fraction(0.25)
    window.window_menu.act_mode[PROPORTIONAL].trigger()
    window.window_menu.act_link.trigger()
    link = window.window_menu.link
    assert link.mode == PROPORTIONAL
    assert link.fraction_offset == pytest.approx(0.25, abs=0.01)
    left.set_vertical_fraction(0.5)
    step = 1.0 / right.verticalScrollBar().maximum()
    assert right.vertical_fraction() == pytest.approx(0.75, abs=2 * step)
    right.set_vertical_fraction(0.3)
    assert left.vertical_fraction() == pytest.approx(0.05, abs=2 / left.verticalScrollBar().maximum())


def test_f9_turns_the_link_off_and_the_panes_move_alone(qtbot, window):
    left, right = _views(window)
    window.activateWindow()
    qtbot.waitActive(window)
    left.setFocus()
    qtbot.keyClick(left, Qt.Key.Key_F9)
    assert window.window_menu.link.enabled and window.window_menu.act_link.isChecked()
    left.go_to_page(3)
    assert right.current_page == 3
    qtbot.keyClick(left, Qt.Key.Key_F9)
    assert not window.window_menu.link.enabled and not window.window_menu.act_link.isChecked()
    left.go_to_page(8)
    assert right.current_page == 3


def test_linking_works_with_one_pane_detached(qtbot, window):
    left, right = _views(window)
    win = window.window_menu.detacher.detach("right")
    qtbot.waitExposed(win)
    right.go_to_page(1)
    window.window_menu.link.set_enabled(True)
    left.go_to_page(5)
    assert right.current_page == 6
    right.go_to_page(2)
    assert left.current_page == 1


def test_another_document_takes_the_offset_anew(window):
    left, right = _views(window)
    right.go_to_page(3)
    window.window_menu.link.set_enabled(True)
    window.open_document(ids_by_title(window)["审批表"], "left")
    # Loading sent the left view to its top; the right pane stayed where the reader left it.
    assert right.current_page == 3
    assert window.window_menu.link.page_offset == 3


def test_an_unknown_mode_is_refused(window):
    with pytest.raises(ValueError):
        window.window_menu.link.set_mode("sideways")
