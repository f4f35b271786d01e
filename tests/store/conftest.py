"""Every store test runs on a real SQLite file and on a real PostgreSQL server."""
from __future__ import annotations

import pytest

from pg import pg_schema_url


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path):
    if request.param == "sqlite":
        yield "sqlite:///" + (tmp_path / "archive.sqlite3").as_posix()
    else:
        with pg_schema_url() as url:
            yield url


@pytest.fixture
def store(store_url, tmp_path):
    from storage.store import Store
    s = Store.initialize(store_url, cache_dir=tmp_path / "cache")
    yield s
    s.close()


@pytest.fixture
def admin(store):
    store.bootstrap_admin("admin", "admin-pass", "管理员")
    return store.as_user("admin")
