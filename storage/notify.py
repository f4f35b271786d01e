"""Change notification per case: LISTEN/NOTIFY on PostgreSQL, polling on SQLite.

A notification carries only a case id; the listener re-reads `change_log` after the last id
it has seen, so nothing is lost across a dropped connection: after a reconnect it simply
re-queries from where it was.
"""
from __future__ import annotations

import select as _select
from collections.abc import Iterable

from .records import ChangeInfo
from .store import StoreSession


class ChangeFeed:
    """Changes to some cases since the feed was opened, as seen by one user.

    ``wait(timeout)`` returns the new changes, blocking up to ``timeout`` seconds for a
    PostgreSQL notification (SQLite: returns at once; callers poll on a timer).
    """

    def __init__(self, session: StoreSession, case_nos: Iterable[str], start_after: int | None = None):
        self.session = session
        self.case_nos = list(case_nos)
        for case_no in self.case_nos:
            session.case(case_no)       # access check up front
        self.last_id = session.last_change_id() if start_after is None else start_after
        self._conn = None
        self._listen()

    @property
    def listening(self) -> bool:
        return self._conn is not None

    def _listen(self):
        if self.session.store.dialect != "postgresql" or self._conn is not None:
            return
        import psycopg
        url = self.session.store.engine.url
        try:
            self._conn = psycopg.connect(url.render_as_string(hide_password=False).replace(
                "postgresql+psycopg://", "postgresql://"), autocommit=True)
            self._conn.execute(f'LISTEN "{self.session.store.channel}"')
        except psycopg.Error:
            self._conn = None

    def fileno(self) -> int | None:
        """The socket to watch for notifications (PostgreSQL), for an event loop."""
        self._listen()
        return self._conn.fileno() if self._conn is not None else None

    def wait(self, timeout: float = 0.0) -> list[ChangeInfo]:
        """New changes after the last one returned; waits up to ``timeout`` s on PostgreSQL."""
        self._listen()
        if self._conn is not None and timeout > 0:
            try:
                ready, _, _ = _select.select([self._conn.fileno()], [], [], timeout)
                if ready:
                    # drain: the payloads are only wake-up calls
                    for _ in self._conn.notifies(timeout=0, stop_after=1000):
                        pass
            except Exception:  # noqa: BLE001 - a broken listen connection is reopened next call
                self.close()
        return self.poll()

    def poll(self) -> list[ChangeInfo]:
        """Re-read the change log after the last id seen (safe after any reconnect)."""
        changes: list[ChangeInfo] = []
        for case_no in self.case_nos:
            changes.extend(self.session.changes_since(case_no, self.last_id))
        changes.sort(key=lambda c: c.id)
        if changes:
            self.last_id = changes[-1].id
        return changes

    def close(self) -> None:
        if self._conn is not None:
            try:
                self._conn.close()
            finally:
                self._conn = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
