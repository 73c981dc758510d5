"""Alembic's entry point: migrate the connection handed over in config.attributes (never a URL from a file)."""

from alembic import context

from classroom.schema import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
