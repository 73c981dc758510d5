"""Which database holds the classes, and an engine for it: SQLite by default (WAL), PostgreSQL by URL.

A setting the app cannot use is a StoreMisconfigured that names the setting and what is wrong with it.
"""

import os
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from classroom.errors import StoreMisconfigured
from lenet.paths import DATA_DIR_ENV, data_dir

DB_ENV = "LENET_CLASS_DB"  # an SQLAlchemy URL, e.g. postgresql+psycopg://user:pw@host/db
SQLITE_BUSY_MS = 10_000  # a writer waits this long for another one instead of failing at once
CONNECT_TIMEOUT_S = 3  # a server that does not answer is reported quickly, not after minutes
EXAMPLES = "sqlite:////srv/lenet/classes.db or postgresql+psycopg://user:password@host/dbname"


def database_url() -> str:
    """$LENET_CLASS_DB, or an SQLite file classes.db in the data folder (lenet/paths.py: $LENET_DATA_DIR,
    a clone's data/, or an installed copy's user data folder)."""
    url = os.environ.get(DB_ENV, "").strip()
    if url:
        return url
    return f"sqlite:///{data_dir() / 'classes.db'}"


def setting_of(url: str) -> str:
    """The setting that chose `url`, for messages (the URL itself is never shown: it may hold a password)."""
    if os.environ.get(DB_ENV, "").strip() == url:
        return DB_ENV
    if url == database_url():
        return DATA_DIR_ENV if os.environ.get(DATA_DIR_ENV) else f"the default folder {data_dir()}"
    return "the class database URL"


def make_engine(url: str) -> Engine:
    """An engine for `url`; an SQLite file's folder is created on first use."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise StoreMisconfigured(f"{setting_of(url)} is not a database URL (examples: {EXAMPLES}).") from None
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        return _sqlite_engine(parsed, url)
    if backend != "postgresql":
        raise StoreMisconfigured(
            f"{setting_of(url)} names a {backend} database; class mode works with SQLite or PostgreSQL "
            f"(examples: {EXAMPLES})."
        )
    try:
        return create_engine(
            parsed,
            pool_size=5,
            max_overflow=40,
            pool_pre_ping=True,
            connect_args={"connect_timeout": CONNECT_TIMEOUT_S},
        )
    except (ImportError, ArgumentError) as err:  # e.g. postgresql+psycopg2:// without psycopg2 installed
        raise StoreMisconfigured(f"{setting_of(url)} names a driver that is not installed ({err}).") from None


def _sqlite_engine(url, text: str) -> Engine:
    if not url.database or url.database == ":memory:":  # every connection would get its own empty database
        raise StoreMisconfigured(f"{setting_of(text)} must name an SQLite file (e.g. sqlite:////srv/lenet/classes.db).")
    folder = Path(url.database).parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise StoreMisconfigured(
            f"the folder {folder} for the class database cannot be created ({err.strerror}; set by {setting_of(text)})."
        ) from None
    engine = create_engine(url, pool_size=5, max_overflow=40, connect_args={"timeout": SQLITE_BUSY_MS / 1000})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None  # SQLAlchemy's "begin" below decides how transactions start
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")  # readers (the wall) never block the senders
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")  # ON DELETE CASCADE erases a class's drawings
        cursor.execute("PRAGMA secure_delete=ON")  # a deleted row is overwritten with zeros (classroom/scrub.py)
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        # A write takes the write lock at BEGIN: a deferred transaction that reads first and then writes
        # fails at once (SQLITE_BUSY, no waiting) when another writer got in between.
        immediate = connection.get_execution_options().get("sqlite_immediate")
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine
