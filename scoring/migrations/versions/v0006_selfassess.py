"""Penilaian mandiri: which government and unit each account belongs to, every unit's answers
with their evidence and review, the history of every change, and the visit dates."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def _place() -> list[sa.Column]:
    return [
        sa.Column("pemda_code", sa.Text, nullable=False),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("unit", sa.Text, nullable=False),
        sa.Column("variable", sa.Text, nullable=False),
        sa.Column("indicator", sa.Integer, nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "selfassess_members",
        sa.Column("name", sa.Text, primary_key=True),
        sa.Column("pemda_code", sa.Text, nullable=False),
        sa.Column("unit", sa.Text),
        sa.Column("assigned_by", sa.Text, nullable=False),
        sa.Column("assigned_at", sa.Text, nullable=False),
    )
    op.create_table(
        "selfassess_answers",
        sa.Column("id", sa.Integer, primary_key=True),
        *_place(),
        sa.Column("score", sa.Integer),
        *(sa.Column(c, sa.Text) for c in ("note", "link", "file_name", "file_sha256")),
        sa.Column("file_size", sa.Integer),
        *(sa.Column(c, sa.Text) for c in ("file_type", "review", "review_comment")),
        *(sa.Column(c, sa.Text) for c in ("reviewed_by", "reviewed_at")),
        sa.Column("changed_by", sa.Text, nullable=False),
        sa.Column("changed_at", sa.Text, nullable=False),
        sa.UniqueConstraint(
            "pemda_code",
            "year",
            "unit",
            "variable",
            "indicator",
            name="uq_selfassess_answers_place",
        ),
    )
    op.create_table(
        "selfassess_history",
        sa.Column("id", sa.Integer, primary_key=True),
        *_place(),
        sa.Column("action", sa.Text, nullable=False),
        sa.Column("detail", sa.Text),
        sa.Column("by", sa.Text, nullable=False),
        sa.Column("at", sa.Text, nullable=False),
    )
    op.create_index(
        "ix_selfassess_history_unit", "selfassess_history", ["pemda_code", "year", "unit"]
    )
    op.create_table(
        "selfassess_visits",
        sa.Column("pemda_code", sa.Text, primary_key=True),
        sa.Column("year", sa.Integer, primary_key=True),
        sa.Column("visit_date", sa.Text, nullable=False),
        sa.Column("set_by", sa.Text, nullable=False),
        sa.Column("set_at", sa.Text, nullable=False),
    )
