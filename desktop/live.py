"""Changes made at other desks, arriving while this desk works: the live feed of the open cases.

On PostgreSQL the store sends a notice at each commit (LISTEN/NOTIFY); the desk watches the
listening connection's socket with a QSocketNotifier, so nothing waits and no thread polls. On
SQLite (one desk, or several on one machine) a timer reads the change log about once a second.
Either way the change log is read from the last change seen, so a notice that never came (a
dropped connection, a sleeping laptop) costs a delay, never a change: while the listening
connection is down the desk reads the log on the timer and opens a new listener off the GUI
thread (a dead network can hold a connection attempt for a long time).

For each changed annotation the feed reads it again and says so with
``annotationChanged(uid, info)``: ``info`` is the store's AnnotationInfo, or None once the
annotation is deleted or out of reach. ``apply_annotation_change`` feeds that into the
per-document models the overlay and the annotation panel paint from.
"""
from __future__ import annotations

import threading
from collections.abc import Iterable

from PySide6.QtCore import QEvent, QObject, QSocketNotifier, Qt, QTimer, Signal

from storage.errors import AccessDenied, NotFound, StoreError
from storage.notify import ChangeFeed

POLL_MS = 1000
# While the notices arrive, the log is still read now and then: a connection that died without
# closing its socket (a pulled cable) sends no notice and no error either.
SAFETY_POLL_MS = 15000
FIRST_RETRY_MS = 1000
MAX_RETRY_MS = 30000
# Annotations read again per turn of the event loop.
READ_BATCH = 50
LISTEN = "listen"
POLL = "poll"
IDLE = "idle"


class LiveFeed(QObject):
    """The changes to the open cases made anywhere (this desk included), as signals.

    ``set_cases`` names the cases to follow; ``stop`` ends it. ``mode`` says how changes arrive:
    'listen' (PostgreSQL notices), 'poll' (the timer: SQLite, or PostgreSQL while the listening
    connection is being reopened) or 'idle' (no case).
    """

    annotationChanged = Signal(str, object)     # uid, AnnotationInfo or None (deleted / gone)
    changesArrived = Signal(list)               # every new ChangeInfo of the followed cases
    modeChanged = Signal(str)
    _reopened = Signal(int, object)             # attempt generation, a new ChangeFeed or an error

    def __init__(self, session, case_nos: Iterable[str] = (), parent: QObject | None = None, *,
                 poll_ms: int = POLL_MS, safety_poll_ms: int = SAFETY_POLL_MS,
                 first_retry_ms: int = FIRST_RETRY_MS, max_retry_ms: int = MAX_RETRY_MS) -> None:
        super().__init__(parent)
        self.session = session
        self.poll_ms = poll_ms
        self.safety_poll_ms = safety_poll_ms
        self.first_retry_ms = first_retry_ms
        self.max_retry_ms = max_retry_ms
        self._postgres = session.store.dialect == "postgresql"
        self._feed: ChangeFeed | None = None
        self._notifier: QSocketNotifier | None = None
        self._mode = IDLE
        self._stopped = False
        # Annotations whose change arrived but could not be read yet (the store was away).
        self._pending: dict[str, None] = {}
        # Changes of a case before it was followed: its documents are read afresh when opened.
        self._skip: dict[int, int] = {}
        self._generation = 0
        self._retry_ms = first_retry_ms
        self._thread: threading.Thread | None = None
        self._poll_timer = QTimer(self)
        self._poll_timer.timeout.connect(self.check_now)
        self._retry_timer = QTimer(self)
        self._retry_timer.setSingleShot(True)
        self._retry_timer.timeout.connect(self._reopen)
        self._reopened.connect(self._on_reopened, Qt.ConnectionType.QueuedConnection)
        if case_nos:
            self.set_cases(case_nos)

    # -- state ---------------------------------------------------------------------------------
    @property
    def mode(self) -> str:
        """'listen', 'poll' or 'idle' (see the class)."""
        return self._mode

    @property
    def last_id(self) -> int:
        """The id of the last change taken from the log (0 before any case is followed)."""
        return self._feed.last_id if self._feed is not None else 0

    def cases(self) -> list[str]:
        """The case numbers followed."""
        return list(self._feed.case_nos) if self._feed is not None else []

    # -- control -------------------------------------------------------------------------------
    def set_cases(self, case_nos: Iterable[str]) -> None:
        """Follow these cases (raises the store's error if one cannot be read by this user).

        Changes of the cases already followed are delivered first; a newly followed case starts
        from now (whoever opens its documents reads them as they are).
        """
        case_nos = list(dict.fromkeys(case_nos))
        if self._feed is not None and case_nos == self._feed.case_nos:
            return
        old = self._feed
        if old is not None:
            self.check_now()
        added = [c for c in case_nos if old is None or c not in old.case_nos]
        boundary = self.session.last_change_id()
        ids = {self.session.case(c).id for c in added}
        feed = ChangeFeed(self.session, case_nos, start_after=old.last_id if old is not None else boundary)
        self._skip = {**{k: v for k, v in self._skip.items() if k not in ids},
                      **{case_id: boundary for case_id in ids}}
        self._install(feed)

    def stop(self, wait_s: float = 5.0) -> None:
        """Stop following (closes the listening connection; waits up to ``wait_s`` for a reopen)."""
        self._stopped = True
        self._generation += 1
        self._poll_timer.stop()
        self._retry_timer.stop()
        self._drop_notifier()
        if self._feed is not None:
            self._feed.close()
            self._feed = None
        thread = self._thread
        if thread is not None:
            thread.join(wait_s)
        self._set_mode(IDLE)

    def check_now(self) -> int:
        """Read the change log now and report what is new; the number of changes read."""
        feed = self._feed
        if feed is None:
            return 0
        try:
            changes = feed.poll()
        except StoreError:
            return 0        # the log is read from the same place next time: nothing is lost
        self._dispatch(changes)
        return len(changes)

    # -- the listening connection --------------------------------------------------------------
    def _install(self, feed: ChangeFeed) -> None:
        self._drop_notifier()
        if self._feed is not None and self._feed is not feed:
            self._feed.close()
        self._feed = feed
        self._generation += 1
        self._retry_timer.stop()
        fd = feed.fileno() if self._postgres and feed.listening else None
        if fd is not None:
            self._notifier = QSocketNotifier(fd, QSocketNotifier.Type.Read, self)
            self._notifier.activated.connect(self._on_readable)
            self._retry_ms = self.first_retry_ms
            self._poll_timer.start(self.safety_poll_ms)
            self._set_mode(LISTEN)
        else:
            self._poll_timer.start(self.poll_ms)
            self._set_mode(POLL)
            if self._postgres:
                self._schedule_reopen()

    def _drop_notifier(self) -> None:
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            self._notifier.activated.disconnect(self._on_readable)
            self._notifier.deleteLater()
            self._notifier = None

    def _on_readable(self, *_args) -> None:
        feed, notifier = self._feed, self._notifier
        if feed is None or notifier is None:
            return
        # Off while the socket is read: wait() may find the connection broken and close the
        # socket, and a notifier left on a closed socket is an error to Qt.
        notifier.setEnabled(False)
        # The socket is readable: wait() takes the notices off it at once (or finds the
        # connection broken and closes it), then reads the log.
        try:
            changes = feed.wait(0.001)
        except StoreError:
            changes = []
        if feed.listening and notifier is self._notifier:
            notifier.setEnabled(True)
        elif feed is self._feed:
            self._lost_listener()
        self._dispatch(changes)

    def _lost_listener(self) -> None:
        self._drop_notifier()
        self._poll_timer.start(self.poll_ms)
        self._set_mode(POLL)
        self._schedule_reopen()

    def _schedule_reopen(self) -> None:
        if self._stopped or self._retry_timer.isActive() or (self._thread is not None and self._thread.is_alive()):
            return
        self._retry_timer.start(self._retry_ms)
        self._retry_ms = min(self._retry_ms * 2, self.max_retry_ms)

    def _reopen(self) -> None:
        feed = self._feed
        if self._stopped or feed is None or (self._thread is not None and self._thread.is_alive()):
            return
        generation = self._generation
        cases, after = list(feed.case_nos), feed.last_id
        self._thread = threading.Thread(target=self._open_listener, args=(generation, cases, after),
                                        daemon=True, name="live-feed-listen")
        self._thread.start()

    def _open_listener(self, generation: int, cases: list[str], after: int) -> None:
        try:
            result = ChangeFeed(self.session, cases, start_after=after)
        except Exception as exc:  # noqa: BLE001 - any failure means: try again later
            result = exc
        try:
            self._reopened.emit(generation, result)
        except RuntimeError:
            if isinstance(result, ChangeFeed):
                result.close()      # the feed went away with its window meanwhile

    def _on_reopened(self, generation: int, result) -> None:
        stale = self._stopped or generation != self._generation or self._feed is None
        if not isinstance(result, ChangeFeed) or not result.listening:
            if isinstance(result, ChangeFeed):
                result.close()
            if not stale:
                self._schedule_reopen()
            return
        if stale:
            result.close()
            return
        # The timer kept reading the log while the listener was reopened: go on from there.
        result.last_id = max(result.last_id, self._feed.last_id)
        self._install(result)
        self.check_now()

    # -- reporting -----------------------------------------------------------------------------
    def _dispatch(self, changes: list) -> None:
        if self._skip:
            changes = [c for c in changes if c.id > self._skip.get(c.case_id, 0)]
        if changes:
            self.changesArrived.emit(changes)
        for change in changes:
            if change.entity == "annotation":
                self._pending[change.entity_id] = None
        self._drain()

    def _drain(self) -> None:
        read = 0
        while self._pending:
            if read == READ_BATCH:
                # A thousand marks pasted at once: the window keeps answering between batches.
                QTimer.singleShot(0, self._drain)
                return
            read += 1
            uid = next(iter(self._pending))
            try:
                info = self.session.annotation(uid)
            except (NotFound, AccessDenied):
                info = None
            except StoreError:
                return      # the store is away: read the rest when the next change or tick comes
            self._pending.pop(uid, None)
            self.annotationChanged.emit(uid, None if info is None or info.deleted else info)
        if self._skip and self._feed is not None and all(v <= self._feed.last_id for v in self._skip.values()):
            self._skip = {}

    def _set_mode(self, mode: str) -> None:
        if mode != self._mode:
            self._mode = mode
            self.modeChanged.emit(mode)


def apply_annotation_change(models, uid: str, info) -> None:
    """Bring the loaded document models of ``models`` (AnnotationModels) up to date with one
    change from ``LiveFeed.annotationChanged``."""
    if info is None:
        for model in models.models():
            model.remove(uid)
        return
    model = models.get(info.document_id)
    if model is not None and model.loaded:
        model.upsert(info)


class _WindowFeed(QObject):
    """Keeps a window's live feed on its open cases and its annotation models current."""

    def __init__(self, window, feed: LiveFeed) -> None:
        super().__init__(window)
        self.window = window
        self.feed = feed
        feed.annotationChanged.connect(self.apply)
        window.caseOpened.connect(self.follow_open_cases)
        window.installEventFilter(self)

    def apply(self, uid: str, info) -> None:
        apply_annotation_change(self.window.annotation_models, uid, info)

    def follow_open_cases(self, _case_no: str = "") -> None:
        try:
            self.feed.set_cases(self.window.open_cases.case_numbers())
        except StoreError as exc:
            # The desk still works; it only misses other desks' changes until a case is opened again.
            self.window.statusBar().showMessage(str(exc).splitlines()[0], 10000)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.window and event.type() == QEvent.Type.Close:
            # After the window's own close handling, which may still keep it open.
            QTimer.singleShot(0, self._after_close)
        return False

    def _after_close(self) -> None:
        if not self.window.isVisible():
            self.feed.stop()


def install_live_feed(window) -> LiveFeed:
    """Give ``window`` (a MainWindow) a live feed of its open cases that keeps its annotation
    models current; it stops when the window closes."""
    feed = LiveFeed(window.session, parent=window)
    window.live_link = _WindowFeed(window, feed)
    return feed


__all__ = ["LiveFeed", "apply_annotation_change", "install_live_feed", "LISTEN", "POLL", "IDLE"]
