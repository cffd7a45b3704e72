"""The schema before migrations existed (meta `schema_version` "1"): the figures, the import log
and the meta table. A database built by that code is stamped at this revision, not rebuilt.

Frozen: later changes go in later revisions, never here.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _text(*names: str) -> list[sa.Column]:
    return [sa.Column(name, sa.Text) for name in names]


def _slice() -> list[sa.Column]:
    """The columns every table of figures starts with: which dataset and year a row belongs to."""
    return [
        sa.Column("dataset", sa.Text, nullable=False),
        sa.Column("year", sa.Integer, nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "results",
        *_slice(),
        *_text("level", "province", "entity"),
        sa.Column("score", sa.Float),
        *_text("zone", "category", "source_url", "notes"),
        sa.Column("source_row", sa.Integer),
        *_text("code", "province_code", "region_name", "match"),
    )
    op.create_index("ix_results_dataset_year", "results", ["dataset", "year"])
    op.create_table(
        "units",
        *_slice(),
        *_text("province", "pemda", "opd", "unit_type"),
        sa.Column("score", sa.Float),
        *_text("zone", "category", "source_url", "notes"),
        sa.Column("source_row", sa.Integer),
        *_text("code"),
    )
    op.create_index("ix_units_dataset_code", "units", ["dataset", "code"])
    op.create_table(
        "dimension_scores",
        *_slice(),
        *_text("code", "pemda", "opd", "unit_type", "dimension"),
        sa.Column("score", sa.Float),
    )
    op.create_index("ix_dimensions_dataset_code", "dimension_scores", ["dataset", "code"])
    op.create_table(
        "indicator_scores",
        *_slice(),
        *_text("code", "opd", "unit_type", "dimension", "variable"),
        sa.Column("indicator", sa.Integer),
        sa.Column("score", sa.Float),
    )
    op.create_index("ix_indicators_dataset_code", "indicator_scores", ["dataset", "code"])
    op.create_table(
        "imports",
        sa.Column("id", sa.Integer, primary_key=True),
        *_text("dataset", "kind", "file_name", "sha256", "imported_at"),
        sa.Column("rows", sa.Integer),
        *_text("years"),
    )
    op.create_table(
        "meta",
        sa.Column("key", sa.Text, primary_key=True),
        *_text("value"),
    )
