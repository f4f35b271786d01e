"""The main window's "Window" menu: detach a pane, full screen, linked scrolling and its mode."""
from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QApplication, QMenu, QToolBar, QToolButton

from .detach import Detacher
from .linking import PAGE_LOCKED, PROPORTIONAL, ScrollLink


def _keys(*keys) -> list[QKeySequence]:
    out: list[QKeySequence] = []
    for key in keys:
        seqs = (QKeySequence.keyBindings(key) if isinstance(key, QKeySequence.StandardKey)
                else [QKeySequence(key)])
        out.extend(s for s in seqs if not s.isEmpty() and s not in out)
    return out


class WindowMenu(QObject):
    """Builds the actions on a MainWindow (``panes``, ``split``, ``active``) and the menu for them."""

    def __init__(self, window):
        super().__init__(window)
        self._window = window
        self.detacher = Detacher(window, window.split, window.panes)
        self.link = ScrollLink(window.panes["left"].view, window.panes["right"].view, self)

        self.act_detach = {}
        for name, text in (("left", self.tr("Detach left pane")), ("right", self.tr("Detach right pane"))):
            act = QAction(text, window)
            act.setCheckable(True)
            act.triggered.connect(lambda _checked=False, n=name: self.detacher.toggle(n))
            self.act_detach[name] = act
        self.act_detach_active = QAction(self.tr("Detach or dock the active pane"), window)
        self.act_detach_active.setShortcut(QKeySequence("Ctrl+Shift+D"))
        self.act_detach_active.triggered.connect(lambda: self.detacher.toggle(self.active_pane()))
        self.act_full_screen = QAction(self.tr("Full screen"), window)
        self.act_full_screen.setShortcuts(_keys(QKeySequence.StandardKey.FullScreen, Qt.Key.Key_F11))
        self.act_full_screen.triggered.connect(self.toggle_full_screen)

        self.act_link = QAction(self.tr("Link scrolling"), window)
        self.act_link.setCheckable(True)
        self.act_link.setShortcut(QKeySequence(Qt.Key.Key_F9))
        self.act_link.setToolTip(self.tr("Scroll both panes together (F9)"))
        self.act_link.toggled.connect(self.link.set_enabled)
        self.link.toggled.connect(self.act_link.setChecked)
        self.mode_group = QActionGroup(self)
        self.act_mode = {}
        for mode, text in ((PAGE_LOCKED, self.tr("Page by page")),
                           (PROPORTIONAL, self.tr("In proportion to length"))):
            act = QAction(text, self.mode_group)
            act.setCheckable(True)
            act.setChecked(mode == self.link.mode)
            act.triggered.connect(lambda _checked=False, m=mode: self.link.set_mode(m))
            self.act_mode[mode] = act
        self.link.modeChanged.connect(lambda m: self.act_mode[m].setChecked(True))
        self.detacher.detachedChanged.connect(lambda n, on: self.act_detach[n].setChecked(on))

        self.menu = self._make_menu()
        self._add_link_button()
        shared = [self.act_detach_active, self.act_full_screen, self.act_link]
        window.addActions(shared)
        self.detacher.share_actions(shared)

    def _make_menu(self) -> QMenu:
        menu = self._window.menuBar().addMenu(self.tr("&Window"))
        menu.setObjectName("windowMenu")
        menu.addAction(self.act_detach["left"])
        menu.addAction(self.act_detach["right"])
        menu.addAction(self.act_detach_active)
        menu.addSeparator()
        menu.addAction(self.act_full_screen)
        menu.addSeparator()
        menu.addAction(self.act_link)
        self.mode_menu = menu.addMenu(self.tr("Link mode"))
        self.mode_menu.addActions(self.mode_group.actions())
        return menu

    def _add_link_button(self) -> None:
        bar = self._window.findChild(QToolBar, "caseToolbar")
        if bar is None:
            bar = QToolBar(self.tr("Window"), self._window)
            bar.setObjectName("windowToolbar")
            self._window.addToolBar(bar)
        bar.addSeparator()
        button = QToolButton(bar)
        button.setObjectName("linkButton")
        button.setDefaultAction(self.act_link)
        button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        button.setMenu(self.mode_menu)
        bar.addWidget(button)
        self.link_button = button

    # -- behaviour -----------------------------------------------------------------------------
    def active_pane(self) -> str:
        """The pane holding the keyboard focus, else the main window's active pane."""
        focus = QApplication.focusWidget()
        for name, pane in self._window.panes.items():
            if focus is not None and (pane is focus or pane.isAncestorOf(focus)):
                return name
        active = getattr(self._window, "active", None)
        for name, pane in self._window.panes.items():
            if pane is active:
                return name
        return "left"

    def toggle_full_screen(self) -> None:
        """Full screen for the window with the focus: a detached pane's, else the main window."""
        name = self.active_pane()
        self.detacher.toggle_full_screen(name if self.detacher.is_detached(name) else None)

    def set_link_mode(self, mode: str) -> None:
        """Choose how linked scrolling follows (PAGE_LOCKED or PROPORTIONAL)."""
        self.link.set_mode(mode)
