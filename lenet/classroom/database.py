"""The class store's hold on its database: the engine, its transactions, and errors in plain words.

One `with` is one transaction: committed when the block ends, rolled back if it raises.
"""

import threading
from contextlib import contextmanager, nullcontext

from sqlalchemy.exc import DatabaseError, IntegrityError, InterfaceError, OperationalError

from lenet.classroom import migrations
from lenet.classroom.engine import make_engine, setting_of
from lenet.classroom.errors import StoreMisconfigured, StoreUnavailable


class Database:
    """The database at `url`, created or upgraded to the newest schema when opened."""

    def __init__(self, url: str):
        self.url = url
        self.engine = make_engine(url)
        # SQLite has one writer at a time anyway: queue this process's writers on a lock instead of letting
        # them poll the file lock with SQLite's sleeping busy handler (that made the p95 of 40 senders ~1 s).
        self._writer = threading.Lock() if self.engine.dialect.name == "sqlite" else nullcontext()
        try:
            with self.write() as conn:  # an older database is upgraded; a new one is created
                if migrations.current(conn) != migrations.head():
                    migrations.upgrade(conn)
        except StoreUnavailable as err:
            self.engine.dispose()
            if self.engine.dialect.name == "sqlite" and "unable to open" in str(err):  # a folder it may not write
                where = f"{self.engine.url.database} (set by {setting_of(url)})"
                raise StoreMisconfigured(f"the class database file {where} cannot be opened.") from err
            raise

    def close(self) -> None:
        """Close the pooled connections."""
        self.engine.dispose()

    @contextmanager
    def write(self):
        """A write transaction (on SQLite it takes the write lock at BEGIN)."""
        with self._writer, _reachable(), self.engine.connect() as conn:
            conn.execution_options(sqlite_immediate=True)
            with conn.begin():
                yield conn

    @contextmanager
    def read(self):
        with _reachable(), self.engine.connect() as conn, conn.begin():
            yield conn


@contextmanager
def _reachable():
    """Database errors as StoreUnavailable (an IntegrityError stays: the store handles clashes itself)."""
    try:
        yield
    except IntegrityError:
        raise
    except (OperationalError, InterfaceError, DatabaseError) as err:
        raise StoreUnavailable(str(err.orig or err).strip().splitlines()[0]) from err
