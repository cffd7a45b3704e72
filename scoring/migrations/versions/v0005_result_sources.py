"""Further sources of a result: a second source for a government and year already stored is kept
in `result_sources` (with the results' columns and source flags), shown beside the counted row
and never ranked or drawn, so `results` holds one row per government and year; with its archive,
so that a version can be restored.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

COLUMNS: list[tuple[str, type[sa.types.TypeEngine]]] = [
    *((c, sa.Text) for c in ("level", "province", "entity")),
    ("score", sa.Float),
    *((c, sa.Text) for c in ("zone", "category", "source_url", "notes")),
    ("source_row", sa.Integer),
    *((c, sa.Text) for c in ("code", "province_code", "region_name", "match")),
    *((c, sa.Boolean) for c in ("zone_derived", "second_source", "counted", "sources_disagree")),
]


def _columns() -> list[sa.Column]:
    return [
        sa.Column("dataset", sa.Text, nullable=False),
        sa.Column("year", sa.Integer, nullable=False),
        *(sa.Column(name, kind) for name, kind in COLUMNS),
        sa.Column("version_id", sa.Integer),
    ]


def upgrade() -> None:
    op.create_table("result_sources", *_columns())
    op.create_index("ix_sources_dataset_code", "result_sources", ["dataset", "code"])
    op.create_table(
        "result_sources_archive",
        *_columns(),
        sa.Column("replaced_by", sa.Integer, nullable=False),
    )
    op.create_index("ix_result_sources_archive_version", "result_sources_archive", ["version_id"])
