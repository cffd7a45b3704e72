"""Versions: every write is a version (`versions`, with its slices in `version_slices`), each row
of figures names the version that wrote it, and rows a version replaced are kept in an archive
table beside their table, so that any version can be restored.

Rows stored before this revision become one version per dataset (user "migration"), so that
the first import after the upgrade can be rolled back to them like any other.
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

MIGRATION_USER = "migration"

# Each table of figures (as in revision 0001) and its columns after `dataset` and `year`.
FIGURES: dict[str, list[tuple[str, type[sa.types.TypeEngine]]]] = {
    "results": [
        *((c, sa.Text) for c in ("level", "province", "entity")),
        ("score", sa.Float),
        *((c, sa.Text) for c in ("zone", "category", "source_url", "notes")),
        ("source_row", sa.Integer),
        *((c, sa.Text) for c in ("code", "province_code", "region_name", "match")),
    ],
    "units": [
        *((c, sa.Text) for c in ("province", "pemda", "opd", "unit_type")),
        ("score", sa.Float),
        *((c, sa.Text) for c in ("zone", "category", "source_url", "notes")),
        ("source_row", sa.Integer),
        ("code", sa.Text),
    ],
    "dimension_scores": [
        *((c, sa.Text) for c in ("code", "pemda", "opd", "unit_type", "dimension")),
        ("score", sa.Float),
    ],
    "indicator_scores": [
        *((c, sa.Text) for c in ("code", "opd", "unit_type", "dimension", "variable")),
        ("indicator", sa.Integer),
        ("score", sa.Float),
    ],
}
# The store's key for each table, as the version slices name them.
KEYS = {
    "results": "results",
    "units": "units",
    "dimension_scores": "dimensions",
    "indicator_scores": "indicators",
}


def upgrade() -> None:
    op.create_table(
        "versions",
        sa.Column("id", sa.Integer, primary_key=True),
        *(
            sa.Column(c, sa.Text)
            for c in ("dataset", "kind", "file_name", "sha256", "user", "created_at")
        ),
        *(sa.Column(c, sa.Integer) for c in ("rows", "added", "changed", "removed")),
        sa.Column("slices", sa.Text),
        sa.Column("rolled_back_to", sa.Integer),
        sa.Column("note", sa.Text),
    )
    op.create_table(
        "version_slices",
        sa.Column("version_id", sa.Integer, nullable=False),
        sa.Column("table_name", sa.Text, nullable=False),
        sa.Column("year", sa.Integer, nullable=False),
        *(sa.Column(c, sa.Integer) for c in ("added", "changed", "removed")),
    )
    op.create_index("ix_version_slices_version", "version_slices", ["version_id"])
    for name, columns in FIGURES.items():
        op.add_column(name, sa.Column("version_id", sa.Integer))
        op.create_table(
            f"{name}_archive",
            sa.Column("dataset", sa.Text, nullable=False),
            sa.Column("year", sa.Integer, nullable=False),
            *(sa.Column(column, kind) for column, kind in columns),
            sa.Column("version_id", sa.Integer),
            sa.Column("replaced_by", sa.Integer, nullable=False),
        )
        op.create_index(f"ix_{name}_archive_version", f"{name}_archive", ["version_id"])
    _existing_rows_as_versions()


def _existing_rows_as_versions() -> None:
    """One version per dataset for the rows already stored, with a slice per (table, year)."""
    conn = op.get_bind()
    versions = sa.table(
        "versions",
        *(sa.column(c) for c in ("id", "dataset", "user", "created_at", "rows", "added")),
        *(sa.column(c) for c in ("changed", "removed", "slices")),
    )
    slices = sa.table(
        "version_slices",
        *(sa.column(c) for c in ("version_id", "table_name", "year", "added", "changed")),
        sa.column("removed"),
    )
    counts: dict[str, list[tuple[str, int, int]]] = {}
    for name in FIGURES:
        table = sa.table(name, sa.column("dataset"), sa.column("year"))
        query = (
            sa.select(table.c.dataset, table.c.year, sa.func.count())
            .group_by(table.c.dataset, table.c.year)
            .order_by(table.c.dataset, table.c.year)
        )
        for dataset, year, count in conn.execute(query):
            counts.setdefault(dataset, []).append((KEYS[name], year, count))
    now = datetime.now(UTC).isoformat(timespec="seconds")
    for dataset, found in sorted(counts.items()):
        total = sum(count for _, _, count in found)
        version_id = conn.execute(
            sa.insert(versions)
            .values(
                dataset=dataset,
                user=MIGRATION_USER,
                created_at=now,
                rows=total,
                added=total,
                changed=0,
                removed=0,
                slices=", ".join(f"{key}:{year}" for key, year, _ in found),
            )
            .returning(versions.c.id)
        ).scalar_one()
        conn.execute(
            sa.insert(slices),
            [
                {"version_id": version_id, "table_name": key, "year": year, "added": count}
                | {"changed": 0, "removed": 0}
                for key, year, count in found
            ],
        )
        for name in FIGURES:
            table = sa.table(name, sa.column("dataset"), sa.column("version_id"))
            conn.execute(
                sa.update(table).where(table.c.dataset == dataset).values(version_id=version_id)
            )
