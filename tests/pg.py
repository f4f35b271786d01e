"""A private PostgreSQL schema per test on the local server (127.0.0.1:5432, database test)."""
from __future__ import annotations

import contextlib
import os
import uuid
from urllib.parse import quote

import pytest

PG_BASE = os.environ.get("DOSSIER_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def _admin_connect():
    import psycopg
    return psycopg.connect(PG_BASE.replace("postgresql+psycopg://", "postgresql://"), autocommit=True)


@contextlib.contextmanager
def pg_schema_url():
    """Yield a store URL whose search_path is a fresh schema; the schema is dropped afterwards.

    PostgreSQL tests are never skipped: a missing server fails them (CI must start it).
    """
    try:
        conn = _admin_connect()
    except Exception as exc:  # noqa: BLE001 - any failure to connect is the same failure here
        pytest.fail(f"PostgreSQL is not reachable at {PG_BASE}: {exc}")
    schema = "t_" + uuid.uuid4().hex[:12]
    with conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    try:
        yield f"{PG_BASE}?options={quote('-csearch_path=' + schema)}"
    finally:
        with _admin_connect() as conn:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')
