"""What an erase test scans: the files that hold the class store's rows, and which needles each still holds."""

from sqlalchemy import create_engine, text

TABLES = ("classes", "drawings")  # the tables whose files a scan reads on PostgreSQL


def database_files(url: str, request, tables: tuple[str, ...] = TABLES) -> list:
    """The files that hold the store's rows: SQLite's three, or PostgreSQL's files of `tables` and their indexes."""
    if url.startswith("sqlite"):
        path = url.removeprefix("sqlite:///")
        return [f"{path}{suffix}" for suffix in ("", "-wal", "-shm")]
    data = request.getfixturevalue("postgres_server").data
    with create_engine(url, isolation_level="AUTOCOMMIT").connect() as conn:
        conn.execute(text("CHECKPOINT"))  # the server's buffers to its files: what a thief of the disk would read
        rels = conn.execute(
            text(
                "SELECT pg_relation_filepath(c.oid) FROM pg_class c WHERE c.relname = ANY(:t) OR c.oid IN "
                "(SELECT indexrelid FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid WHERE t.relname = ANY(:t))"
            ),
            {"t": list(tables)},
        ).scalars()
        return [p for rel in rels for p in sorted(data.glob(rel + "*")) if "_" not in p.name]


def read(f) -> bytes:
    try:
        with open(f, "rb") as handle:
            return handle.read()
    except FileNotFoundError:
        return b""


def hits(files: list, wanted: list[bytes]) -> dict[str, int]:
    """How many of `wanted` occur in each file (a missing file holds none)."""
    return {str(f): sum(w in data for w in wanted) for f, data in ((f, read(f)) for f in files)}
