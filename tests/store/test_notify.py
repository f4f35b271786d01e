"""Another desk learns of a change: NOTIFY on PostgreSQL, polling on SQLite."""
from __future__ import annotations

import threading
import time

from storage.notify import ChangeFeed
from storage.store import Store

CASE = "（2024）陕0823执7号"


def test_other_desk_sees_changes(store_url, store, admin, tmp_path):
    admin.add_user("clerk1", "clerk")
    admin.create_case(CASE)
    admin.assign(CASE, "clerk1", "clerk")
    other = Store.open(store_url, cache_dir=tmp_path / "other")
    try:
        with ChangeFeed(other.as_user("clerk1"), [CASE]) as feed:
            assert feed.poll() == []
            assert feed.listening == (store.dialect == "postgresql")
            timer = threading.Timer(0.3, lambda: admin.add_party(CASE, "张三", "被执行人"))
            timer.start()
            started = time.monotonic()
            seen = []
            while not seen and time.monotonic() - started < 10:
                seen = feed.wait(timeout=2.0)
            timer.join()
            assert [(c.entity, c.op) for c in seen] == [("party", "insert")]
            # ids only: a second look finds nothing new
            assert feed.poll() == []
    finally:
        other.close()
