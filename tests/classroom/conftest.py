"""Class-mode test fixtures: a fresh store URL on each database (SQLite, PostgreSQL: tests/conftest.py's one server)."""

import pytest

BACKENDS = ["sqlite", "postgresql"]


def store_url(backend: str, tmp_path, request) -> str:
    """A fresh database of `backend`: an SQLite file under tmp_path, or a new PostgreSQL database."""
    if backend == "sqlite":
        return f"sqlite:///{tmp_path / 'classes.db'}"
    return request.getfixturevalue("postgres_url")


@pytest.fixture(params=BACKENDS)
def url(request, tmp_path) -> str:
    return store_url(request.param, tmp_path, request)


def use_db(url: str, monkeypatch, dev_models) -> str:
    """Point the app (AppTest, in this process) at the class store `url` and the untrained dev models."""
    monkeypatch.setenv("LENET_CLASS_DB", url)
    monkeypatch.setenv("LENET_MODEL_DIR", str(dev_models))
    return url


@pytest.fixture(params=BACKENDS)
def any_db(request, tmp_path, monkeypatch, dev_models) -> str:
    """The app's class store: a fresh SQLite file, then a fresh PostgreSQL database."""
    return use_db(store_url(request.param, tmp_path, request), monkeypatch, dev_models)


@pytest.fixture
def db(tmp_path, monkeypatch, dev_models) -> str:
    """The app's class store: a fresh SQLite file."""
    return use_db(f"sqlite:///{tmp_path / 'classes.db'}", monkeypatch, dev_models)


REMOTE_IP = "10.1.2.3"  # a student's device on the school network


@pytest.fixture
def remote(monkeypatch) -> str:
    """Every Streamlit session of this process looks like a device on the network, not this computer
    (st.context.ip_address; AppTest has no network peer, which Streamlit reports as localhost)."""
    import streamlit as st

    monkeypatch.setattr(type(st.context), "ip_address", property(lambda self: REMOTE_IP))
    return REMOTE_IP
