"""Accounts: the app's local users (argon2 hashes, roles), their sign-in attempts (for the
failed-login lock), and the column mappings each organisation chose for unknown headers."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.Text, nullable=False, unique=True),
        sa.Column("role", sa.Text, nullable=False),
        sa.Column("organisation", sa.Text),
        sa.Column("password_hash", sa.Text),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("created_at", sa.Text, nullable=False),
        sa.Column("created_by", sa.Text, nullable=False),
        sa.Column("changed_at", sa.Text),
        sa.Column("changed_by", sa.Text),
    )
    op.create_table(
        "login_attempts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("at", sa.Text, nullable=False),
        sa.Column("ok", sa.Boolean, nullable=False),
    )
    op.create_index("ix_login_attempts_name", "login_attempts", ["name", "id"])
    op.create_table(
        "column_mappings",
        sa.Column("organisation", sa.Text, primary_key=True),
        sa.Column("kind", sa.Text, primary_key=True),
        sa.Column("header", sa.Text, primary_key=True),
        sa.Column("column", sa.Text, nullable=False),
        sa.Column("user", sa.Text, nullable=False),
        sa.Column("updated_at", sa.Text, nullable=False),
    )
