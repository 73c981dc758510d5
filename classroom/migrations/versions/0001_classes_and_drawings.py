"""The first release: classes and their drawings.

Revision ID: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade() -> None:
    op.create_table(
        "classes",
        sa.Column("code", sa.String(16), nullable=False),
        sa.Column("pin_salt", sa.LargeBinary(16), nullable=False),
        sa.Column("pin_hash", sa.LargeBinary(64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("code", name="pk_classes"),
    )
    op.create_table(
        "drawings",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("class_code", sa.String(16), nullable=False),
        sa.Column("send_id", sa.String(64), nullable=False),
        sa.Column("student", sa.String(64), nullable=False),
        sa.Column("alias", sa.String(40), nullable=True),
        sa.Column("meant", sa.SmallInteger(), nullable=False),
        sa.Column("answered", sa.SmallInteger(), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("pixels", sa.LargeBinary(784), nullable=False),
        sa.ForeignKeyConstraint(["class_code"], ["classes.code"], name="fk_drawings_class_code", ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_drawings"),
        sa.UniqueConstraint("class_code", "send_id", name="uq_drawings_class_code"),
    )
    op.create_index("ix_drawings_class_code", "drawings", ["class_code"])
    op.create_index("ix_drawings_class_student", "drawings", ["class_code", "student", "created_at"])
