"""Challenges the teacher poses and the students' answers (issue 25); the lesson row names the open one.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"


def upgrade() -> None:
    op.create_table(
        "challenges",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("class_code", sa.String(16), nullable=False),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("prompt", sa.String(200), nullable=False),
        sa.Column("target", sa.SmallInteger(), nullable=True),
        sa.Column("wanted", sa.SmallInteger(), nullable=True),
        sa.Column("choices", sa.Text(), nullable=False),
        sa.Column("correct", sa.SmallInteger(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["class_code"], ["classes.code"], name="fk_challenges_class_code", ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_challenges"),
    )
    op.create_index("ix_challenges_class_code", "challenges", ["class_code"])
    op.create_table(
        "answers",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("challenge_id", sa.Integer(), nullable=False),
        sa.Column("class_code", sa.String(16), nullable=False),
        sa.Column("student", sa.String(64), nullable=False),
        sa.Column("alias", sa.String(40), nullable=True),
        sa.Column("meant", sa.SmallInteger(), nullable=True),
        sa.Column("choice", sa.SmallInteger(), nullable=True),
        sa.Column("label", sa.SmallInteger(), nullable=True),
        sa.Column("confidence", sa.Float(), nullable=True),
        sa.Column("pixels", sa.LargeBinary(784), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["challenge_id"], ["challenges.id"], name="fk_answers_challenge_id", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["class_code"], ["classes.code"], name="fk_answers_class_code", ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_answers"),
        sa.UniqueConstraint("challenge_id", "student", name="uq_answers_challenge_id"),
    )
    op.create_index("ix_answers_class_code", "answers", ["class_code"])
    op.add_column("lessons", sa.Column("challenge", sa.Integer(), nullable=True))
