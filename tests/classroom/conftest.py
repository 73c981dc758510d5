"""Class-mode test fixtures: a fresh store URL on each database (SQLite, PostgreSQL), and digits to send."""

import pytest

from tests.pg import postgres_server, postgres_url  # noqa: F401  (fixtures)

BACKENDS = ["sqlite", "postgresql"]


def store_url(backend: str, tmp_path, request) -> str:
    """A fresh database of `backend`: an SQLite file under tmp_path, or a new PostgreSQL database."""
    if backend == "sqlite":
        return f"sqlite:///{tmp_path / 'classes.db'}"
    return request.getfixturevalue("postgres_url")


@pytest.fixture(params=BACKENDS)
def url(request, tmp_path) -> str:
    return store_url(request.param, tmp_path, request)
