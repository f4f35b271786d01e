"""A reading pane in a window of its own, placed on the other monitor, and back into the splitter."""
from __future__ import annotations

from PySide6.QtCore import QObject, QRect, Qt, Signal
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from .reading_place import go_to_place, top_place


def other_screen(widget: QWidget) -> QScreen:
    """The screen a detached pane goes to: another than ``widget``'s, the largest first.

    With a single monitor it is the widget's own screen, so detaching still works.
    """
    here = widget.screen() or QGuiApplication.primaryScreen()
    others = [s for s in QGuiApplication.screens() if s is not here]
    if not others:
        return here
    return max(others, key=lambda s: s.geometry().width() * s.geometry().height())


def fit_rect(rect: QRect, area: QRect) -> QRect:
    """``rect`` moved (and shrunk if it must be) so that it lies wholly inside ``area``."""
    w, h = min(rect.width(), area.width()), min(rect.height(), area.height())
    x = min(max(rect.x(), area.left()), area.left() + area.width() - w)
    y = min(max(rect.y(), area.top()), area.top() + area.height() - h)
    return QRect(x, y, w, h)


def screen_for(rect: QRect) -> QScreen | None:
    """The present screen holding the centre of ``rect``, or None when it is on none of them."""
    centre = rect.center()
    for screen in QGuiApplication.screens():
        if screen.geometry().contains(centre):
            return screen
    return None


def on_screen(rect: QRect) -> QRect:
    """``rect`` kept on the monitor it was on if that monitor is present, else on the primary one.

    Either way it ends up inside the screen's available area: never off-screen, never under
    a task bar.
    """
    screen = screen_for(rect) or QGuiApplication.primaryScreen()
    return fit_rect(rect, screen.availableGeometry())


def keep_on_screen(window: QWidget) -> None:
    """Move a shown ``window`` so that its frame, title bar included, is inside a screen's area."""
    frame, inner = window.frameGeometry(), window.geometry()
    screen = screen_for(frame) or QGuiApplication.primaryScreen()
    area = screen.availableGeometry().adjusted(inner.left() - frame.left(), inner.top() - frame.top(),
                                               inner.right() - frame.right(), inner.bottom() - frame.bottom())
    fitted = fit_rect(inner, area)
    if fitted != inner and not (window.isFullScreen() or window.isMaximized()):
        window.setGeometry(fitted)


class PaneWindow(QWidget):
    """The top-level window a detached pane lives in; closing it hands the pane back."""

    closing = Signal()

    def __init__(self, parent: QWidget | None = None):
        # A child top-level window: it goes away with the main window, and stays out of the
        # task bar's window list on most desktops.
        super().__init__(parent, Qt.WindowType.Window)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.pane: QWidget | None = None

    def hold(self, pane: QWidget) -> None:
        """Show ``pane`` as this window's only content."""
        self.pane = pane
        self.layout().addWidget(pane)

    def release(self) -> QWidget | None:
        """Give the pane up (it is re-parented by whoever takes it)."""
        pane, self.pane = self.pane, None
        if pane is not None:
            self.layout().removeWidget(pane)
        return pane

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        # The window is only a frame for the pane: closing it means "put the pane back".
        self.closing.emit()
        super().closeEvent(event)


class Detacher(QObject):
    """Moves the panes of a splitter into windows of their own and back.

    ``panes`` maps a name to a pane widget (each must have a ``view`` PageView); ``order`` is
    their order in the splitter. Actions added with ``share_actions`` work in detached windows
    too, so their shortcuts keep working whichever window has the focus.
    """

    detachedChanged = Signal(str, bool)

    def __init__(self, window: QWidget, splitter: QSplitter, panes: dict[str, QWidget]):
        super().__init__(window)
        self._window = window
        self._splitter = splitter
        self._panes = panes
        self._order = list(panes)
        self._windows: dict[str, PaneWindow] = {}
        self._sizes: list[int] | None = None
        self._geometry: dict[str, QRect] = {}
        self._fit_before: dict[str, str | None] = {}
        self._actions: list = []

    # -- queries -------------------------------------------------------------------------------
    def is_detached(self, name: str) -> bool:
        """Whether the pane ``name`` is in a window of its own."""
        return name in self._windows

    def window_of(self, name: str) -> PaneWindow | None:
        """The window holding pane ``name`` while it is detached."""
        return self._windows.get(name)

    def detached(self) -> list[str]:
        """The names of the detached panes."""
        return [n for n in self._order if n in self._windows]

    def name_of_window(self, widget: QWidget | None) -> str | None:
        """The pane whose detached window is (or contains) ``widget``."""
        top = widget.window() if widget is not None else None
        for name, win in self._windows.items():
            if win is top:
                return name
        return None

    def splitter_sizes(self) -> list[int]:
        """The splitter's sizes with every pane in it (those from before a detach if one is out)."""
        if self._windows and self._sizes:
            return list(self._sizes)
        return list(self._splitter.sizes())

    def share_actions(self, actions) -> None:
        """Actions whose shortcuts must also work in the detached windows."""
        self._actions.extend(actions)
        for win in self._windows.values():
            win.addActions(list(actions))

    # -- detach and attach -----------------------------------------------------------------------
    def toggle(self, name: str) -> None:
        """Detach pane ``name``, or put it back if it is detached."""
        if self.is_detached(name):
            self.attach(name)
        else:
            self.detach(name)

    def detach(self, name: str, geometry: QRect | None = None, full_screen: bool = False) -> PaneWindow:
        """Put pane ``name`` in a window of its own on the other screen (or at ``geometry``)."""
        if name in self._windows:
            return self._windows[name]
        pane = self._panes[name]
        place = top_place(pane.view)
        if not self._windows:
            self._sizes = list(self._splitter.sizes())
        win = PaneWindow(self._window)
        win.setObjectName(f"detached-{name}")
        win.setWindowTitle(self._title(name))
        win.addActions(self._actions)
        win.hold(pane)
        win.closing.connect(lambda n=name: self.attach(n))
        self._windows[name] = win
        rect = geometry if geometry is not None else self._geometry.get(name)
        if rect is not None and screen_for(rect) is not None:
            rect = on_screen(rect)
        else:
            screen = other_screen(self._window)
            area = screen.availableGeometry()
            # Nearly the whole monitor, with a margin so the window can be grabbed and moved.
            rect = area.adjusted(area.width() // 20, area.height() // 20,
                                 -(area.width() // 20), -(area.height() // 20))
        win.setGeometry(rect)
        if full_screen:
            win.showFullScreen()
        else:
            win.show()
            keep_on_screen(win)
        pane.show()
        # Fit width on a whole monitor blows a portrait page up to several times its size:
        # a detached pane shows whole pages until it comes back.
        self._fit_before[name] = pane.view.fit_mode
        if pane.view.fit_mode == "width":
            pane.view.set_fit_mode("page")
        self._restore_place(pane.view, place)
        pane.view.setFocus()
        self.detachedChanged.emit(name, True)
        return win

    def attach(self, name: str) -> None:
        """Put pane ``name`` back into the splitter, at its old position and size."""
        win = self._windows.pop(name, None)
        if win is None:
            return
        pane = self._panes[name]
        place = top_place(pane.view)
        self._geometry[name] = QRect(win.normalGeometry() if win.isFullScreen() else win.geometry())
        win.closing.disconnect()
        win.release()
        attached_before = sum(1 for n in self._order[:self._order.index(name)] if n not in self._windows)
        self._splitter.insertWidget(attached_before, pane)
        pane.show()
        if not self._windows and self._sizes:
            self._splitter.setSizes(self._sizes)
            self._sizes = None
        win.hide()
        win.deleteLater()
        if self._fit_before.pop(name, None) == "width" and pane.view.fit_mode == "page":
            pane.view.set_fit_mode("width")
        self._restore_place(pane.view, place)
        self.detachedChanged.emit(name, False)

    def attach_all(self) -> None:
        """Put every detached pane back."""
        for name in self.detached():
            self.attach(name)

    # -- full screen -------------------------------------------------------------------------------
    def toggle_full_screen(self, name: str | None = None) -> None:
        """Full screen for the detached window of pane ``name``, or for the main window."""
        win = self._windows.get(name) if name else None
        target = win if win is not None else self._window
        if target.isFullScreen():
            target.showNormal()
        else:
            target.showFullScreen()

    # -- helpers -------------------------------------------------------------------------------
    def _title(self, name: str) -> str:
        pane = self._panes[name]
        title = getattr(pane, "title", "") or ""
        main = self._window.windowTitle()
        return f"{title} — {main}" if title else main

    @staticmethod
    def _restore_place(view, place: tuple[int, float] | None) -> None:
        # A new window size re-lays the pages out; the reader must stay on the same spot.
        if place is not None:
            go_to_place(view, *place)
