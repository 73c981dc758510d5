"""Which database holds the classes, and an engine for it: SQLite by default (WAL), PostgreSQL by URL."""

import os
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url

from lenet.paths import DEFAULT_DATA_DIR

DB_ENV = "LENET_CLASS_DB"  # an SQLAlchemy URL, e.g. postgresql+psycopg://user:pw@host/db
DATA_DIR_ENV = "LENET_DATA_DIR"  # where the default SQLite file goes (default: data/ in the repository)
SQLITE_BUSY_MS = 10_000  # a writer waits this long for another one instead of failing at once
CONNECT_TIMEOUT_S = 3  # a server that does not answer is reported quickly, not after minutes


def database_url() -> str:
    """$LENET_CLASS_DB, or an SQLite file classes.db in $LENET_DATA_DIR (default data/)."""
    url = os.environ.get(DB_ENV, "").strip()
    if url:
        return url
    folder = Path(os.environ.get(DATA_DIR_ENV) or DEFAULT_DATA_DIR)
    return f"sqlite:///{folder / 'classes.db'}"


def make_engine(url: str) -> Engine:
    """An engine for `url`; an SQLite file and its folder are created on first use."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(parsed)
    connect_args = {"connect_timeout": CONNECT_TIMEOUT_S} if parsed.get_backend_name() == "postgresql" else {}
    return create_engine(parsed, pool_size=5, max_overflow=40, pool_pre_ping=True, connect_args=connect_args)


def _sqlite_engine(url) -> Engine:
    if url.database and url.database != ":memory:":
        Path(url.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, pool_size=5, max_overflow=40, connect_args={"timeout": SQLITE_BUSY_MS / 1000})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None  # SQLAlchemy's "begin" below decides how transactions start
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")  # readers (the wall) never block the senders
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")  # ON DELETE CASCADE erases a class's drawings
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        # A write takes the write lock at BEGIN: a deferred transaction that reads first and then writes
        # fails at once (SQLITE_BUSY, no waiting) when another writer got in between.
        immediate = connection.get_execution_options().get("sqlite_immediate")
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine
