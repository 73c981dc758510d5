"""Alembic migrations of the class store; `upgrade(connection)` brings any older database to the head."""

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

HERE = Path(__file__).resolve().parent


def config(connection=None) -> Config:
    """An Alembic config for this folder; `connection` (if given) is the one env.py migrates."""
    cfg = Config()
    cfg.set_main_option("script_location", str(HERE))
    cfg.attributes["connection"] = connection
    return cfg


def head() -> str | None:
    """The newest revision id."""
    return ScriptDirectory.from_config(config()).get_current_head()


def current(connection) -> str | None:
    """The database's revision id, or None for an empty database."""
    return MigrationContext.configure(connection).get_current_revision()


def upgrade(connection, revision: str = "head") -> None:
    """Migrate the database on `connection` to `revision` (inside the caller's transaction)."""
    command.upgrade(config(connection), revision)
