"""Whether the archive store answers: a status-bar indicator, a banner, and reconnecting by itself.

The monitor asks the store ``SELECT 1`` on a worker thread (a dead network can hold a connect
attempt for a long time; the window must not wait for it) and reports back on the GUI thread.
While the store answers it checks now and then; once a call fails it retries soon, then less
and less often, and says "connected" again as soon as an answer comes. The engine's pool
pre-ping replaces connections the server dropped, so nothing else needs resetting.

While the store is away, documents already fetched keep working from this desk's blob cache
(`cached_document_path`) and every write is refused by the store with `StoreUnavailable`.
"""
from __future__ import annotations

import enum
import threading
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (QFrame, QHBoxLayout, QLabel, QMainWindow, QPushButton, QToolBar,
                               QWidget)
from sqlalchemy import text

from storage.errors import StoreError
from storage.store import Store

from .icons import icon


class ConnectionState(enum.Enum):
    """What the desk knows about the store."""
    CONNECTED = "connected"
    RECONNECTING = "reconnecting"
    OFFLINE = "offline"


def probe_store(store: Store) -> str:
    """Ask the store ``SELECT 1``; '' when it answered, else the first line of the reason."""
    try:
        with store.engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except Exception as exc:  # noqa: BLE001 - every failure means the same here: no answer
        orig = getattr(exc, "orig", None) or exc
        return (str(orig).strip().splitlines() or [type(orig).__name__])[0]
    return ""


def cached_document_path(store: Store, blob_digest: str) -> Path | None:
    """The document's file if this desk already holds it (no database call), else None."""
    try:
        return store.cache.path_for(_NoFetch(store.blobs), blob_digest)
    except (StoreError, OSError, ValueError):
        return None


class _NoFetch:
    """A backend stand-in that serves files the backend has in place and fetches nothing."""

    def __init__(self, backend):
        self._backend = backend

    def local_path(self, digest: str):
        return self._backend.local_path(digest)

    def copy_to(self, digest: str, dest_path) -> None:
        raise FileNotFoundError(digest)


class ConnectionMonitor(QObject):
    """Probes the store with backoff and reports its state; ``reportUnavailable`` speeds it up."""

    stateChanged = Signal(object)        # ConnectionState
    _answered = Signal(int, str)         # probe generation, failure reason ('' = answered)

    def __init__(self, store: Store, parent: QObject | None = None, *, check_ms: int = 15000,
                 first_retry_ms: int = 1000, max_retry_ms: int = 30000):
        super().__init__(parent)
        self.store = store
        self.check_ms = check_ms
        self.first_retry_ms = first_retry_ms
        self.max_retry_ms = max_retry_ms
        self._state = ConnectionState.CONNECTED
        self._reason = ""
        self._retry_ms = first_retry_ms
        self._failures = 0
        self._generation = 0
        self._thread: threading.Thread | None = None
        self._stopped = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.check_now)
        self._answered.connect(self._on_answer, Qt.ConnectionType.QueuedConnection)
        self._timer.start(self.check_ms)

    @property
    def state(self) -> ConnectionState:
        """The state last reported."""
        return self._state

    @property
    def reason(self) -> str:
        """Why the store did not answer ('' while connected)."""
        return self._reason

    @property
    def next_check_ms(self) -> int:
        """Milliseconds until the next probe (-1 when none is planned or one is running)."""
        return self._timer.remainingTime() if self._timer.isActive() else -1

    def check_now(self) -> None:
        """Probe the store now (unless a probe is already under way)."""
        if self._stopped or (self._thread is not None and self._thread.is_alive()):
            return
        self._timer.stop()
        self._generation += 1
        generation = self._generation
        self._thread = threading.Thread(target=self._probe, args=(generation,), daemon=True,
                                        name="store-probe")
        self._thread.start()

    def report_unavailable(self, reason: str = "") -> None:
        """A store call just failed to reach the store: say so now and start retrying."""
        if self._stopped:
            return
        self._failed(reason or self._reason)

    def stop(self, wait_s: float = 10.0) -> None:
        """Stop probing and wait (up to ``wait_s``) for a probe under way."""
        self._stopped = True
        self._timer.stop()
        thread = self._thread
        if thread is not None:
            thread.join(wait_s)

    def _probe(self, generation: int) -> None:
        reason = probe_store(self.store)
        if self._stopped:
            return
        try:
            self._answered.emit(generation, reason)
        except RuntimeError:
            pass  # the monitor was deleted with its window while the probe ran

    def _on_answer(self, generation: int, reason: str) -> None:
        if self._stopped or generation != self._generation:
            return
        if reason:
            self._failed(reason)
        else:
            self._failures = 0
            self._retry_ms = self.first_retry_ms
            self._reason = ""
            self._set_state(ConnectionState.CONNECTED)
            self._timer.start(self.check_ms)

    def _failed(self, reason: str) -> None:
        self._failures += 1
        self._reason = reason
        # One failure may be a blip the pool's pre-ping already repaired; two in a row are not.
        self._set_state(ConnectionState.RECONNECTING if self._failures == 1 else ConnectionState.OFFLINE)
        delay = self._retry_ms
        self._retry_ms = min(self._retry_ms * 2, self.max_retry_ms)
        if not (self._thread is not None and self._thread.is_alive()):
            self._timer.start(delay)

    def _set_state(self, state: ConnectionState) -> None:
        if state is not self._state:
            self._state = state
            self.stateChanged.emit(state)


class ConnectionBanner(QFrame):
    """A strip across the window while the store is away, with a button to retry now."""

    def __init__(self, monitor: ConnectionMonitor, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("connectionBanner")
        self.setStyleSheet("#connectionBanner { background: #fff4ce; border-bottom: 1px solid #e0c97a; }"
                           "#connectionBanner QLabel { color: #4d3b00; }")
        self.monitor = monitor
        self.icon_label = QLabel(self)
        self.icon_label.setPixmap(icon("offline").pixmap(18, 18))
        self.text_label = QLabel(self)
        self.text_label.setObjectName("connectionBannerText")
        self.text_label.setWordWrap(True)
        self.text_label.setTextFormat(Qt.TextFormat.PlainText)
        self.retry_button = QPushButton(self.tr("Retry now"), self)
        self.retry_button.clicked.connect(monitor.check_now)
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 6, 10, 6)
        row.addWidget(self.icon_label)
        row.addWidget(self.text_label, 1)
        row.addWidget(self.retry_button)
        monitor.stateChanged.connect(self._update)
        self._update(monitor.state)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retry_button.setText(self.tr("Retry now"))
            self._update(self.monitor.state)
        super().changeEvent(event)

    def _update(self, state: ConnectionState) -> None:
        if state is ConnectionState.CONNECTED:
            self.setVisible(False)
            return
        head = (self.tr("The archive store is not answering; reconnecting…")
                if state is ConnectionState.RECONNECTING else
                self.tr("Working offline: the archive store cannot be reached."))
        self.text_label.setText(head + " " + self.tr(
            "Documents already open keep working. Saving and opening new documents wait until "
            "the connection is back; the desk reconnects by itself."))
        self.setVisible(True)


class ConnectionIndicator(QObject):
    """Keeps a status-bar label saying which store, who is signed in, and whether it answers."""

    def __init__(self, monitor: ConnectionMonitor, label: QLabel, user: str):
        super().__init__(label)
        self.monitor = monitor
        self.label = label
        self.user = user
        monitor.stateChanged.connect(self._update)
        self._update(monitor.state)

    def refresh(self) -> None:
        """Say the state again (after the interface language changed)."""
        self._update(self.monitor.state)

    def _update(self, state: ConnectionState) -> None:
        where = ("PostgreSQL" if self.monitor.store.dialect == "postgresql"
                 else self.tr("embedded store"))
        if state is ConnectionState.CONNECTED:
            text = self.tr("Connected: %1 · %2")
        elif state is ConnectionState.RECONNECTING:
            text = self.tr("Reconnecting to %1… · %2")
        else:
            text = self.tr("Offline: %1 · %2")
        self.label.setText(text.replace("%1", where).replace("%2", self.user))
        self.label.setToolTip(self.monitor.reason)
        self.label.setProperty("connection", state.value)


def install_connection_status(window: QMainWindow, label: QLabel, user: str) -> ConnectionMonitor:
    """Give ``window`` a monitor of its session's store, a banner under its toolbars while the
    store is away, and keep ``label`` (in its status bar) saying the connection state."""
    monitor = ConnectionMonitor(window.session.store, window)
    bar = QToolBar(QCoreApplication.translate("MainWindow", "Connection"), window)
    bar.setObjectName("connectionBar")
    bar.setMovable(False)
    bar.setFloatable(False)
    bar.toggleViewAction().setVisible(False)
    bar.setStyleSheet("QToolBar#connectionBar { border: 0; padding: 0; spacing: 0; }")
    banner = ConnectionBanner(monitor, bar)
    bar.addWidget(banner)
    bar.setVisible(False)
    monitor.stateChanged.connect(lambda state: bar.setVisible(state is not ConnectionState.CONNECTED))
    window.addToolBarBreak()
    window.addToolBar(bar)
    window.connection_banner = banner
    window.connection_indicator = ConnectionIndicator(monitor, label, user)
    return monitor
