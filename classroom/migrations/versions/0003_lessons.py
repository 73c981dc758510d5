"""The teacher leads the lesson (issue 25): one row per class with its mode, tab, settings and pushed input.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"


def upgrade() -> None:
    op.create_table(
        "lessons",
        sa.Column("class_code", sa.String(16), nullable=False),
        sa.Column("mode", sa.String(8), nullable=False),
        sa.Column("tab", sa.String(40), nullable=True),
        sa.Column("step", sa.Integer(), nullable=True),
        sa.Column("settings", sa.Text(), nullable=False),
        sa.Column("pushed_drawing", sa.Integer(), nullable=True),
        sa.Column("pushed_pixels", sa.LargeBinary(784), nullable=True),
        sa.Column("pushed_caption", sa.String(80), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["class_code"], ["classes.code"], name="fk_lessons_class_code", ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("class_code", name="pk_lessons"),
    )
