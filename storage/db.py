"""Engines for the two store flavours and the schema migration that every store goes through."""
from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import OperationalError

from .config import check_sqlite_path, sqlite_path
from .errors import StoreUnavailable

MIGRATIONS = Path(__file__).with_name("migrations")


def create_store_engine(url: str, **kwargs) -> Engine:
    """An engine tuned for the store: foreign keys and WAL on SQLite, pre-ping on PostgreSQL.

    Write transactions on SQLite start with BEGIN IMMEDIATE when the engine (or a derived
    one) carries the execution option ``immediate=True``, so that two desks' writers queue
    for the lock at the start instead of failing half-way.
    """
    if url.startswith("sqlite"):
        path = sqlite_path(url)
        check_sqlite_path(path)
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 30}, **kwargs)

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_connection, _record):
            # Take transaction control away from pysqlite so BEGIN can be chosen per transaction.
            dbapi_connection.isolation_level = None
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute("PRAGMA busy_timeout=30000")
            cursor.close()

        @event.listens_for(engine, "begin")
        def _on_begin(conn):
            immediate = conn.get_execution_options().get("immediate", False)
            conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

        return engine
    if url.startswith("postgresql"):
        return create_engine(url, pool_pre_ping=True, **kwargs)
    raise StoreUnavailable(f"Unsupported store URL (use sqlite:/// or postgresql+psycopg://): {url}")


def alembic_config() -> Config:
    cfg = Config(str(MIGRATIONS / "alembic.ini"))
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def head_revision() -> str:
    """The newest migration this build knows."""
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    """The migration the store's schema is at (None for an empty database)."""
    try:
        with engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()
    except OperationalError as exc:
        raise StoreUnavailable(f"Cannot reach the store: {exc.orig}") from exc


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest migration (idempotent)."""
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
