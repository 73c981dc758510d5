"""Erase erases: after a class (or one drawing) is erased, none of its bytes are left in the database's files.

The drawings are random noise, so 32 bytes of one cannot occur anywhere by chance; the scan also looks for
the class code and each drawing's student hash and send_id (they are in index entries too). SQLite: the
files classes.db, -wal and -shm. PostgreSQL: the data files of the two tables and their indexes (not its
write-ahead log: that keeps them, see the README's privacy section).
"""

import numpy as np
import pytest
from sqlalchemy import text

from classroom import ClassStore, EraseIncomplete, UnknownClass, scrub
from testkit.procs import class_cli
from testkit.scan import database_files, hits, read

N = 240  # drawings per class: many pages of the table and of each index


def noise(rng) -> np.ndarray:
    x = rng.integers(0, 256, (28, 28), dtype=np.uint8)
    x[0, 0] = 255  # ink enough for the store
    return x


def fill(s: ClassStore, code: str, rng, n: int = N, students: int = 60) -> list[np.ndarray]:
    sent = [noise(rng) for _ in range(n)]
    for i, x in enumerate(sent):
        s.add_drawing(code, f"{code}-student{i % students}", i % 10, (i + 1) % 10, 0.5, x, alias=f"a{i}")
    return sent


def needles(s: ClassStore, code: str, sent: list[np.ndarray]) -> list[bytes]:
    """What must vanish with the class: pixel runs, the code, the student hashes and send_ids."""
    with s.engine.connect() as conn:
        rows = conn.execute(text("SELECT student, send_id FROM drawings WHERE class_code = :c"), {"c": code}).all()
    ids = {r.student.encode() for r in rows} | {r.send_id.encode() for r in rows}
    runs = [bytes(x.tobytes()[at : at + 32]) for x in sent for at in (1, 376, 752)]
    return [code.encode(), *ids, *runs]


def test_an_erased_class_leaves_no_bytes_in_the_database_files(url, request):
    erase_while_a_server_reads(url, request, lambda s, code: s.erase_class(code) == N)


def test_an_erase_from_the_command_line_leaves_no_bytes_either(tmp_path, request):
    def cli(_, code: str) -> bool:
        done = class_cli("class", "erase", code, db=url)
        return done.returncode == 0 and f"class {code} erased ({N} drawings)" in done.stdout

    url = f"sqlite:///{tmp_path / 'classes.db'}"  # the same code on PostgreSQL: one backend for the subprocess
    erase_while_a_server_reads(url, request, cli)


def erase_while_a_server_reads(url: str, request, erase) -> None:
    """Two classes, one erased by `erase(store, code)` while another store (an app server) holds the
    database open: no byte of the erased class is left in the files, the other class is whole."""
    rng = np.random.default_rng(20)
    s, server = ClassStore(url), ClassStore(url)
    gone, kept = s.new_class()[0], s.new_class()[0]
    gone_sent, kept_sent = fill(s, gone, rng), fill(s, kept, rng)
    assert len(server.drawings(gone)) == N
    files_before = database_files(url, request)  # PostgreSQL: the files before the rewrite, too
    wanted, control = needles(s, gone, gone_sent), needles(s, kept, kept_sent)
    # (no scan before the erase: a process that opens and closes an SQLite file drops its own locks on it)
    assert erase(s, gone)
    files = sorted(set(files_before) | set(database_files(url, request)), key=str)  # (checkpointed again)
    assert hits(files, wanted) == dict.fromkeys(map(str, files), 0)
    kept_rows = server.drawings(kept)  # the other class is whole
    assert [d.pixels.tobytes() for d in kept_rows] == [x.tobytes() for x in kept_sent]
    everything = b"".join(map(read, files))
    assert all(w in everything for w in control)  # the scan finds what is there
    with pytest.raises(UnknownClass):
        server.find_class(gone)


def test_expired_classes_and_single_drawings_leave_no_bytes(url, request):
    rng = np.random.default_rng(21)
    s = ClassStore(url)
    code, _ = s.new_class()
    sent = fill(s, code, rng, n=40, students=40)
    theirs = s.drawings(code)
    for d in theirs[:10]:
        assert s.delete_own(code, f"{code}-student{theirs.index(d)}", d.id)
    for d in theirs[10:20]:
        assert s.delete(code, d.id)
    wanted = [w for x in sent[:20] for w in (x.tobytes()[1:33], x.tobytes()[400:432])]
    wanted += [d.student.encode() for d in theirs[:20]]
    if not url.startswith("sqlite"):
        # PostgreSQL rewrites its tables only at an erase: a deleted drawing waits for the next one.
        assert s.erase_expired() == []
    files = database_files(url, request)
    assert hits(files, wanted) == dict.fromkeys(map(str, files), 0)
    assert [d.pixels.tobytes() for d in s.drawings(code)] == [x.tobytes() for x in sent[20:]]


def test_a_reader_that_holds_on_gets_an_honest_answer_and_the_next_erase_finishes(url, request, monkeypatch):
    monkeypatch.setattr(scrub, "WAIT_S", 0.3)  # how long an erase waits for other connections
    rng = np.random.default_rng(22)
    s = ClassStore(url)
    gone, _ = s.new_class()
    sent = fill(s, gone, rng, n=30)
    wanted = needles(s, gone, sent)
    other = ClassStore(url).engine.connect()  # another process in the middle of a long read
    reading = other.begin()
    other.execute(text("SELECT count(*) FROM drawings")).scalar_one()
    with pytest.raises(EraseIncomplete, match=f"{gone} is erased .* for now"):
        s.erase_class(gone)
    with pytest.raises(UnknownClass):
        s.find_class(gone)  # the rows are gone; their bytes may not be yet
    reading.rollback()
    other.close()
    assert s.erase_expired() == []  # any later erase finishes the job
    files = database_files(url, request)
    assert hits(files, wanted) == dict.fromkeys(map(str, files), 0)
