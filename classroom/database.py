"""The class store's hold on its database: the engine, its transactions, and errors in plain words.

One `with` is one transaction: committed when the block ends, rolled back if it raises. On SQLite, each
transaction also checks (one os.stat) that the file at the path is still the one the engine opened: a file
deleted or replaced under the running app (`rm data/classes.db*`, a backup copied over it) keeps working
through the connections that still hold it open, so a send would be "saved" into a file nobody will read.
"""

import os
import sqlite3
import threading
from contextlib import contextmanager, nullcontext

from sqlalchemy import Engine
from sqlalchemy.exc import DatabaseError, DBAPIError, IntegrityError, InterfaceError, OperationalError

from classroom import migrations
from classroom.engine import make_engine, setting_of
from classroom.errors import StoreMisconfigured, StoreReplaced, StoreUnavailable


class Database:
    """The database at `url`, created or upgraded to the newest schema when opened."""

    def __init__(self, url: str):
        self.url = url
        self._swap = threading.Lock()  # held while the engine is checked or replaced
        self.engine, self._file = self._open()
        self.path = os.path.abspath(self.engine.url.database or "") if self._file else None  # SQLite only
        # SQLite has one writer at a time anyway: queue this process's writers on a lock instead of letting
        # them poll the file lock with SQLite's sleeping busy handler (that made the p95 of 40 senders ~1 s).
        self._writer = threading.Lock() if self.engine.dialect.name == "sqlite" else nullcontext()

    def close(self) -> None:
        """Close the pooled connections."""
        self.engine.dispose()

    def clear(self, scrub) -> str | None:
        """Run `scrub(engine)` (classroom.scrub) with this process's writers held back: why it could
        not finish, or None."""
        with self._writer:
            engine = self._engine()
            try:
                return scrub(engine)
            except (DBAPIError, sqlite3.Error) as err:  # e.g. the server went away since the erase
                return f"the database failed while clearing their bytes from its files ({_first_line(err)})"

    @contextmanager
    def write(self):
        """A write transaction (on SQLite it takes the write lock at BEGIN)."""
        with self._writer, self._transaction(write=True) as conn:
            yield conn

    @contextmanager
    def read(self):
        with self._transaction(write=False) as conn:
            yield conn

    @contextmanager
    def _transaction(self, write: bool):
        engine = self._engine()
        try:
            with engine.connect() as conn:
                conn.execution_options(sqlite_immediate=write)
                with conn.begin():
                    yield conn
        except IntegrityError:
            raise  # the store handles clashes itself
        except (OperationalError, InterfaceError, DatabaseError) as err:
            self._check(engine)  # "no such table" from a fresh file is explained better by StoreReplaced
            raise StoreUnavailable(_first_line(err)) from err
        self._check(engine)  # after the commit: nothing is acknowledged that went into a file now gone

    def _engine(self) -> Engine:
        engine = self.engine
        self._check(engine)
        return engine

    def _check(self, engine: Engine) -> None:
        """StoreReplaced unless `engine` is the current one and the file at the path is still the one it opened;
        the first to notice opens the file now at the path (a new, empty one if it was deleted)."""
        with self._swap:
            if engine is self.engine:
                if self._file is None or _file_id(self.path) == self._file:
                    return
                self.engine.dispose()  # first: its connections let go of the old file before a new one is made
                self.engine, self._file = self._open()
        raise StoreReplaced(self.path or "")

    def _open(self) -> tuple[Engine, tuple[int, int] | None]:
        """A new engine on the database, migrated; and (SQLite) the identity of the file it opened."""
        engine = make_engine(self.url)
        try:
            with engine.connect() as conn:
                conn.execution_options(sqlite_immediate=True)
                with conn.begin():  # an older database is upgraded; a new one is created
                    if migrations.current(conn) != migrations.head():
                        migrations.upgrade(conn)
        except (OperationalError, InterfaceError, DatabaseError) as err:
            engine.dispose()
            detail = _first_line(err)
            if engine.dialect.name == "sqlite" and "unable to open" in detail:  # a folder it may not write
                where = f"{engine.url.database} (set by {setting_of(self.url)})"
                raise StoreMisconfigured(f"the class database file {where} cannot be opened.") from err
            raise StoreUnavailable(detail) from err
        path = engine.url.database if engine.dialect.name == "sqlite" else None
        return engine, _file_id(os.path.abspath(path)) if path else None


def _first_line(err: Exception) -> str:
    """The driver's own message, first line (no SQL, no parameters)."""
    return str(getattr(err, "orig", None) or err).strip().splitlines()[0]


def _file_id(path: str | None) -> tuple[int, int] | None:
    """(device, inode) of the file at `path`: another file there (or none) has another identity."""
    try:
        st = os.stat(path or "")
    except OSError:
        return None
    return st.st_dev, st.st_ino
