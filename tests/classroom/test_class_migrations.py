"""A database written by the first release (revision 0001) is upgraded and opened by this one."""

from datetime import UTC, datetime, timedelta

from sqlalchemy import text

from classroom import ClassStore, migrations
from classroom.engine import make_engine
from classroom.security import hash_pin
from testkit.sends import digit


def write_first_release_database(url: str) -> None:
    """Tables as revision 0001 made them, with one class (PIN 2468) and one drawing, written in raw SQL."""
    engine = make_engine(url)
    salt, digest = hash_pin("2468")
    now = datetime.now(UTC)
    with engine.begin() as conn:
        migrations.upgrade(conn, "0001")
        conn.execute(
            text(
                "INSERT INTO classes (code, pin_salt, pin_hash, created_at, expires_at) "
                "VALUES ('K7QM2XWP', :s, :h, :c, :e)"
            ),
            {"s": salt, "h": digest, "c": now, "e": now + timedelta(hours=1)},
        )
        conn.execute(
            text(
                "INSERT INTO drawings (class_code, send_id, student, alias, meant, answered, confidence, "
                "created_at, pixels) VALUES ('K7QM2XWP', 's1', 'x', 'Bo', 7, 1, 0.6, :c, :p)"
            ),
            {"c": now, "p": digit(7).tobytes()},
        )
        assert migrations.current(conn) == "0001"
        columns = conn.execute(text("SELECT * FROM drawings")).keys()
        assert "hidden" not in columns  # really the old layout
    engine.dispose()


def test_an_old_database_is_upgraded_and_keeps_its_class(url):
    write_first_release_database(url)
    store = ClassStore(url)
    with store.engine.connect() as conn:
        assert migrations.current(conn) == migrations.head() != "0001"
    store.check_pin("K7QM2XWP", "2468")
    (drawing,) = store.drawings("K7QM2XWP")
    assert (drawing.meant, drawing.answered, drawing.alias, drawing.hidden) == (7, 1, "Bo", False)
    assert store.hide("K7QM2XWP", drawing.id)  # the new column works
    assert store.drawings("K7QM2XWP", include_hidden=False) == []


def test_a_new_database_is_created_at_the_newest_revision(url):
    store = ClassStore(url)
    with store.engine.connect() as conn:
        assert migrations.current(conn) == migrations.head()
    ClassStore(url)  # opening again does nothing harmful
