"""After an erase, the erased rows leave the database's files, not only its tables.

SQLite: every connection runs with secure_delete=ON (engine.py), so a deleted row's bytes are overwritten
with zeros, but in a new page image appended to the write-ahead log: classes.db-wal still holds the older
images. And secure_delete does not reach everything: when SQLite rebalances a b-tree it moves cells between
pages and leaves the old copies in the pages' free gaps (measured: in 7 of 20 erases of 240 drawings, index
entries with the class code and student hashes or send_ids were still in classes.db after the checkpoint;
never pixels). So an erase runs VACUUM, which writes the database afresh from its live rows (0.01 s for
2,000 drawings, 0.13 s for 20,000 here), then a checkpoint in TRUNCATE mode, which copies the log into
classes.db and cuts the log to 0 bytes. The checkpoint cannot finish while another connection is in the
middle of a read of an older snapshot: both are retried for WAIT_S, then the caller is told.

PostgreSQL: DELETE only marks rows dead, and a plain VACUUM leaves their bytes in the pages until new rows
happen to overwrite them (measured: after VACUUM, 150 of 300 erased drawings were still in the table's file,
and 281 of 300 student hashes in an index's). VACUUM FULL writes the tables and their indexes into new files
and empties the old ones at once. It locks the two tables while it runs (0.17 s for 18,000 drawings here):
sends and walls of other classes wait that long. That is worth it at the end of a class, not for each
drawing a student deletes: those wait for the next erase. Out of reach of the app: the server's write-ahead
log (pg_wal) keeps every row written until its segment files are reused, and an archive, a replica or a
backup keep them for as long as they are kept.
"""

import sqlite3
import time

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError

from classroom.engine import SQLITE_BUSY_MS

WAIT_S = 2.0  # how long an erase waits for other connections (a reading wall, another app server) to let go
LATER = "e.g. `python -m lenet class erase --expired`"  # an erase that always runs, even with nothing to erase
TRY_MS = 200  # SQLite: each try of VACUUM and the checkpoint waits this long for other connections


def after_erase(engine: Engine) -> str | None:
    """Clear a whole class's erased rows from the files; None when done, else why not (in words)."""
    return _sqlite(engine) if engine.dialect.name == "sqlite" else _postgresql(engine)


def after_delete(engine: Engine) -> str | None:
    """The same for one deleted drawing: on PostgreSQL it waits for the next erase (see above)."""
    return _sqlite(engine) if engine.dialect.name == "sqlite" else None


def _sqlite(engine: Engine) -> str | None:
    deadline, vacuumed = time.monotonic() + WAIT_S, False
    with engine.connect() as conn:
        raw = conn.connection.driver_connection  # outside any transaction: VACUUM cannot run inside one
        assert raw is not None
        raw.execute(f"PRAGMA busy_timeout={TRY_MS}")
        raw.execute("PRAGMA temp_store=MEMORY")  # VACUUM's working copy stays out of the temporary folder
        try:
            while True:
                try:
                    if not vacuumed:
                        raw.execute("VACUUM")
                        vacuumed = True
                    busy = raw.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
                except sqlite3.OperationalError:  # "database is locked": another process is writing
                    busy = 1
                if not busy:
                    return None
                if time.monotonic() > deadline:
                    name = engine.url.database
                    return (
                        f"another connection kept the database busy, so copies may still be in {name}(-wal) for "
                        f"now: the next erase or delete clears them ({LATER})"
                    )
                time.sleep(0.02)
        finally:
            raw.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_MS}")
            raw.execute("PRAGMA temp_store=DEFAULT")


def _postgresql(engine: Engine) -> str | None:
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:  # VACUUM needs no transaction
        filenode = "SELECT pg_relation_filenode('drawings')"  # a new one when the table was written afresh
        before = conn.exec_driver_sql(filenode).scalar()
        conn.exec_driver_sql(f"SET lock_timeout = {int(WAIT_S * 1000)}")  # never a long queue behind the lock
        try:
            conn.exec_driver_sql("VACUUM (FULL) drawings, classes, lessons, challenges, answers")
        except DBAPIError as err:
            locked = getattr(err.orig, "sqlstate", None) == "55P03"  # lock_not_available
            why = "another connection was using it" if locked else str(err.orig).strip().splitlines()[0]
            return (
                f"PostgreSQL could not rewrite the drawings table ({why}), so their bytes stay in its data "
                f"files for now: the next erase clears them ({LATER})"
            )
        finally:
            conn.exec_driver_sql("RESET lock_timeout")
        if conn.exec_driver_sql(filenode).scalar() == before:  # not the tables' owner: VACUUM only warns
            return "the database user does not own the drawings table, so PostgreSQL keeps their bytes in its files"
    return None
