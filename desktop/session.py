"""Session restore: the cases, documents, places and windows of the last run, per monitor set-up.

Window state is not a preference: it lives in its own file (``session.ini`` in the per-user
data folder, group ``session/``), apart from the user's settings, keyed by store and user so
that two people sharing a desk, or one person using two stores, do not get each other's
documents. Window geometry is kept per set of monitors (their names and geometries): the
docked laptop and the laptop on the road each come back as they were left. A window whose
monitor is gone comes back on the primary screen, inside its available area.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QRect, QSettings, Qt
from PySide6.QtGui import QGuiApplication

from storage.config import data_dir
from storage.errors import StoreError

from .detach import keep_on_screen, on_screen
from .linking import MODES, PAGE_LOCKED
from .reading_place import go_to_place, top_place

FORMAT = 1


@dataclass
class PaneState:
    """What one pane showed and where the reader was in it."""

    document_ids: list[int] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)   # to name what could not be reopened
    volume: str | None = None       # set when the pane read a whole volume as one book
    page: int = 0
    fraction: float = 0.0           # how far down ``page`` the view started
    zoom: float = 1.0
    fit_mode: str | None = "width"
    rotation: int = 0
    detached: bool = False
    full_screen: bool = False


@dataclass
class Layout:
    """Where the windows were on one set of monitors."""

    geometry: tuple[int, int, int, int] | None = None
    maximized: bool = False
    full_screen: bool = False
    splitter: list[int] = field(default_factory=list)
    detached: dict[str, tuple[int, int, int, int]] = field(default_factory=dict)


@dataclass
class SessionState:
    """Everything restored on the next start."""

    cases: list[str] = field(default_factory=list)
    current_case: str | None = None
    panes: dict[str, PaneState] = field(default_factory=dict)
    link_mode: str = PAGE_LOCKED
    layout: Layout | None = None


# -- plain values --------------------------------------------------------------------------------
def screens_key(screens: list[tuple[str, int, int, int, int]]) -> str:
    """A short stable key for a set of monitors given as (name, x, y, width, height)."""
    text = ";".join(f"{n}@{x},{y},{w}x{h}" for n, x, y, w, h in sorted(screens))
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def present_screens() -> list[tuple[str, int, int, int, int]]:
    """The monitors of this run as (name, x, y, width, height)."""
    out = []
    for s in QGuiApplication.screens():
        g = s.geometry()
        out.append((s.name(), g.x(), g.y(), g.width(), g.height()))
    return out


def state_to_json(state: SessionState) -> str:
    """The documents-and-places part of a session (no geometry) as JSON text."""
    data = asdict(state)
    data.pop("layout")
    data["format"] = FORMAT
    return json.dumps(data, ensure_ascii=False)


def state_from_json(text: str) -> SessionState | None:
    """The inverse of ``state_to_json``; None for text that is not a session of this format."""
    try:
        data = json.loads(text)
        if data.get("format") != FORMAT:
            return None
        panes = {name: PaneState(**p) for name, p in data.get("panes", {}).items()}
        mode = data.get("link_mode", PAGE_LOCKED)
        return SessionState(cases=[str(c) for c in data.get("cases", [])],
                            current_case=data.get("current_case"), panes=panes,
                            link_mode=mode if mode in MODES else PAGE_LOCKED)
    except (ValueError, TypeError, AttributeError):
        return None


def layout_from_json(text: str) -> Layout | None:
    """A saved ``Layout`` from JSON text, or None when it cannot be read."""
    try:
        data = json.loads(text)
        geometry = tuple(int(v) for v in data["geometry"]) if data.get("geometry") else None
        return Layout(geometry=geometry, maximized=bool(data.get("maximized")),
                      full_screen=bool(data.get("full_screen")),
                      splitter=[int(v) for v in data.get("splitter", [])],
                      detached={k: tuple(int(v) for v in r) for k, r in data.get("detached", {}).items()})
    except (ValueError, TypeError, KeyError, AttributeError):
        return None


def _rect(values) -> QRect:
    return QRect(*values)


def _values(rect: QRect) -> tuple[int, int, int, int]:
    return rect.x(), rect.y(), rect.width(), rect.height()


# -- the file --------------------------------------------------------------------------------------
def session_file():
    """Where window state is kept: beside the user's data, never in the settings."""
    return data_dir() / "session.ini"


class SessionFile:
    """Reads and writes sessions in a QSettings INI file, one group per store and user."""

    def __init__(self, path=None, owner: str = ""):
        self.path = str(path or session_file())
        self.owner = hashlib.sha1(owner.encode("utf-8")).hexdigest()[:16]

    def _settings(self) -> QSettings:
        return QSettings(self.path, QSettings.Format.IniFormat)

    def save(self, state: SessionState, screens: list[tuple[str, int, int, int, int]]) -> None:
        """Write ``state``; its layout goes under the key of ``screens``."""
        key = screens_key(screens)
        s = self._settings()
        s.beginGroup(f"session/{self.owner}")
        s.setValue("state", state_to_json(state))
        if state.layout is not None:
            s.setValue(f"layouts/{key}/layout", json.dumps(asdict(state.layout)))
            s.setValue(f"layouts/{key}/screens", json.dumps(sorted(screens), ensure_ascii=False))
            s.setValue("last_layout", key)
        s.endGroup()
        s.sync()

    def load(self, screens: list[tuple[str, int, int, int, int]]) -> SessionState | None:
        """The saved session with the layout for ``screens`` (else the last one saved), or None."""
        s = self._settings()
        s.beginGroup(f"session/{self.owner}")
        try:
            text = s.value("state")
            state = state_from_json(text) if isinstance(text, str) else None
            if state is None:
                return None
            layout = s.value(f"layouts/{screens_key(screens)}/layout")
            if not isinstance(layout, str):
                last = s.value("last_layout")
                layout = s.value(f"layouts/{last}/layout") if isinstance(last, str) else None
            state.layout = layout_from_json(layout) if isinstance(layout, str) else None
            return state
        finally:
            s.endGroup()


# -- the window --------------------------------------------------------------------------------------
def _tr(text: str) -> str:
    return QCoreApplication.translate("SessionKeeper", text)


def capture(window) -> SessionState:
    """The session of a MainWindow as it is now."""
    panes = {}
    detacher = window.window_menu.detacher
    for name, pane in window.panes.items():
        shown = window.pane_documents.get(name)
        view = pane.view
        place = top_place(view) or (0, 0.0)
        win = detacher.window_of(name)
        ids = list(shown[0]) if shown and view.page_count else []
        panes[name] = PaneState(
            document_ids=ids,
            titles=[window.documents[i].title if i in window.documents else "" for i in ids],
            volume=shown[1] if shown and view.page_count else None,
            page=place[0], fraction=round(place[1], 4), zoom=round(view.zoom, 4),
            fit_mode=view.fit_mode, rotation=view.rotation, detached=win is not None,
            full_screen=bool(win is not None and win.isFullScreen()))
    full = window.isFullScreen()
    maxed = window.isMaximized()
    layout = Layout(
        geometry=_values(window.normalGeometry() if (full or maxed) else window.geometry()),
        maximized=maxed, full_screen=full, splitter=detacher.splitter_sizes(),
        detached={name: _values(detacher.window_of(name).normalGeometry()
                                if detacher.window_of(name).isFullScreen()
                                else detacher.window_of(name).geometry())
                  for name in detacher.detached()})
    open_cases = getattr(window, "open_cases", None)
    cases = list(open_cases.case_numbers()) if hasattr(open_cases, "case_numbers") else []
    current = window.case.case_no if window.case is not None else None
    if current and current not in cases:
        cases.append(current)
    return SessionState(cases=cases, current_case=current, panes=panes,
                        link_mode=window.window_menu.link.mode, layout=layout)


class SessionKeeper(QObject):
    """Saves a MainWindow's session when it closes and brings it back on the next start.

    ``restore()`` is called once the window has loaded its case. Geometry and documents are
    applied at once; detached panes are placed when the main window first shows, so that
    they open beside it rather than before it.
    """

    def __init__(self, window, path=None):
        super().__init__(window)
        self._window = window
        owner = f"{window.session.store.store_id}\n{window.session.user.name}"
        self.file = SessionFile(path, owner)
        self._pending: SessionState | None = None
        self.skipped: list[str] = []
        window.installEventFilter(self)

    # -- saving ----------------------------------------------------------------------------------
    def save(self) -> SessionState:
        """Write the window's session now; returns what was written."""
        state = capture(self._window)
        self.file.save(state, present_screens())
        return state

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        if watched is self._window:
            if event.type() == QEvent.Type.Close:
                self.save()
                self._window.window_menu.detacher.attach_all()
            elif event.type() == QEvent.Type.Show and self._pending is not None:
                state, self._pending = self._pending, None
                # The frame is known only now: the title bar must not hang off the screen.
                keep_on_screen(self._window)
                self._place_panes(state)
        return super().eventFilter(watched, event)

    # -- restoring ---------------------------------------------------------------------------------
    def restore(self) -> SessionState | None:
        """Bring back the saved session; missing cases and documents are noted in the status bar."""
        state = self.file.load(present_screens())
        if state is None:
            return None
        self.skipped = []
        w = self._window
        if state.layout is not None:
            self._restore_geometry(state.layout)
        self._restore_cases(state)
        for name, pane_state in state.panes.items():
            if name in w.panes:
                self._restore_pane(name, pane_state)
        if state.layout is not None and len(state.layout.splitter) == w.split.count():
            w.split.setSizes(state.layout.splitter)
        w.window_menu.set_link_mode(state.link_mode)
        if self.skipped:
            w.statusBar().showMessage(
                _tr("Not reopened from the last session (no longer available): %1")
                .replace("%1", "、".join(self.skipped)), 20000)
        if w.isVisible():
            self._place_panes(state)
        else:
            self._pending = state
        return state

    def _restore_geometry(self, layout: Layout) -> None:
        w = self._window
        if layout.geometry is not None:
            w.setGeometry(on_screen(_rect(layout.geometry)))
        if layout.full_screen:
            w.setWindowState(w.windowState() | Qt.WindowState.WindowFullScreen)
        elif layout.maximized:
            w.setWindowState(w.windowState() | Qt.WindowState.WindowMaximized)

    def _restore_cases(self, state: SessionState) -> None:
        w = self._window
        try:
            allowed = {c.case_no for c in w.session.cases()}
        except StoreError:
            return
        wanted = [c for c in state.cases if c != state.current_case]
        if state.current_case:
            wanted.append(state.current_case)
        for case_no in wanted:
            if case_no not in allowed:
                self.skipped.append(case_no)
                continue
            w.open_case(case_no)

    def _restore_pane(self, name: str, ps: PaneState) -> None:
        w = self._window
        ids = []
        titles = dict(zip(ps.document_ids, ps.titles))
        for doc_id in ps.document_ids:
            doc = w.documents.get(doc_id)
            try:
                if doc is None:
                    raise KeyError(doc_id)
                w.session.document_path(doc_id)
            except (StoreError, KeyError):
                self.skipped.append(doc.title if doc is not None else titles.get(doc_id)
                                    or _tr("document %1").replace("%1", str(doc_id)))
                continue
            ids.append(doc_id)
        if not ids:
            return
        if ps.volume is not None:
            w.open_volume(ps.volume, ids, name)
        else:
            w.open_document(ids[0], name)
        view = w.panes[name].view
        if not view.page_count:
            return
        if ps.rotation % 90 == 0:
            view.set_rotation(ps.rotation)
        if ps.fit_mode in ("width", "page"):
            view.set_fit_mode(ps.fit_mode)
        else:
            view.set_zoom(ps.zoom)
        go_to_place(view, ps.page, ps.fraction)

    def _place_panes(self, state: SessionState) -> None:
        """Detach what was detached and put every pane back on its place after the first layout."""
        w = self._window
        detacher = w.window_menu.detacher
        layout = state.layout or Layout()
        for name, ps in state.panes.items():
            if name not in w.panes:
                continue
            if ps.detached and not detacher.is_detached(name):
                rect = layout.detached.get(name)
                detacher.detach(name, geometry=_rect(rect) if rect else None, full_screen=ps.full_screen)
            if w.panes[name].view.page_count:
                go_to_place(w.panes[name].view, ps.page, ps.fraction)
