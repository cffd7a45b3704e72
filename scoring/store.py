"""The one data-access module: every read and write of stored results goes through here.

A real database through SQLAlchemy: a SQLite file by default (`var/kepatuhan.sqlite`, or the
URL in `KEPATUHAN_DATABASE_URL`). Writes are single transactions, so a failed import leaves the
database exactly as it was.
"""

from __future__ import annotations

import hashlib
import os
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

import pandas as pd
import sqlalchemy as sa

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = f"sqlite:///{PROJECT_ROOT / 'var' / 'kepatuhan.sqlite'}"
SCHEMA_VERSION = "1"
DATA_VERSION = "data_version"  # meta key: the number of writes so far

metadata = sa.MetaData()


def _text(name: str) -> sa.Column:
    return sa.Column(name, sa.Text)


results_table = sa.Table(
    "results",
    metadata,
    sa.Column("dataset", sa.Text, nullable=False),
    sa.Column("year", sa.Integer, nullable=False),
    *(_text(c) for c in ("level", "province", "entity")),
    sa.Column("score", sa.Float),
    *(_text(c) for c in ("zone", "category", "source_url", "notes")),
    sa.Column("source_row", sa.Integer),
    *(_text(c) for c in ("code", "province_code", "region_name", "match")),
    sa.Index("ix_results_dataset_year", "dataset", "year"),
)

units_table = sa.Table(
    "units",
    metadata,
    sa.Column("dataset", sa.Text, nullable=False),
    sa.Column("year", sa.Integer, nullable=False),
    *(_text(c) for c in ("province", "pemda", "opd", "unit_type")),
    sa.Column("score", sa.Float),
    *(_text(c) for c in ("zone", "category", "source_url", "notes")),
    sa.Column("source_row", sa.Integer),
    _text("code"),
    sa.Index("ix_units_dataset_code", "dataset", "code"),
)

dimensions_table = sa.Table(
    "dimension_scores",
    metadata,
    sa.Column("dataset", sa.Text, nullable=False),
    sa.Column("year", sa.Integer, nullable=False),
    *(_text(c) for c in ("code", "pemda", "opd", "unit_type", "dimension")),
    sa.Column("score", sa.Float),
    sa.Index("ix_dimensions_dataset_code", "dataset", "code"),
)

indicators_table = sa.Table(
    "indicator_scores",
    metadata,
    sa.Column("dataset", sa.Text, nullable=False),
    sa.Column("year", sa.Integer, nullable=False),
    *(_text(c) for c in ("code", "opd", "unit_type", "dimension", "variable")),
    sa.Column("indicator", sa.Integer),
    sa.Column("score", sa.Float),
    sa.Index("ix_indicators_dataset_code", "dataset", "code"),
)

imports_table = sa.Table(
    "imports",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    *(_text(c) for c in ("dataset", "kind", "file_name", "sha256", "imported_at")),
    sa.Column("rows", sa.Integer),
    _text("years"),
)

meta_table = sa.Table("meta", metadata, sa.Column("key", sa.Text, primary_key=True), _text("value"))

TABLES = {
    "results": results_table,
    "units": units_table,
    "dimensions": dimensions_table,
    "indicators": indicators_table,
}


def database_url() -> str:
    return os.environ.get("KEPATUHAN_DATABASE_URL", DEFAULT_URL)


@cache
def engine(url: str | None = None) -> sa.Engine:
    """One engine per URL; the SQLite file's folder is created on first use."""
    url = url or database_url()
    parsed = sa.make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    return sa.create_engine(url)


def create_schema(eng: sa.Engine) -> None:
    metadata.create_all(eng)
    with eng.begin() as conn:
        conn.execute(sa.delete(meta_table).where(meta_table.c.key == "schema_version"))
        conn.execute(sa.insert(meta_table).values(key="schema_version", value=SCHEMA_VERSION))


def is_empty(eng: sa.Engine) -> bool:
    if not sa.inspect(eng).has_table("results"):
        return True
    with eng.connect() as conn:
        return conn.execute(sa.select(sa.func.count()).select_from(results_table)).scalar() == 0


def _columns(table: sa.Table, frame: pd.DataFrame) -> pd.DataFrame:
    """The frame cut to the table's columns (missing ones empty), as plain Python values."""
    names = [c.name for c in table.columns if c.name != "id"]
    out = frame.reindex(columns=names)
    return out.astype(object).where(out.notna(), None)


def replace(
    eng: sa.Engine,
    dataset: str,
    frames: dict[str, pd.DataFrame],
    provenance: dict[str, str | int] | None = None,
) -> None:
    """Replace a dataset's rows for the years present in `frames`, in one transaction.

    Years not in the new frames are kept, so importing 2024 never touches 2023.
    """
    years = sorted({int(y) for f in frames.values() for y in pd.unique(f["year"])})
    with eng.begin() as conn:
        _bump_data_version(conn)
        for name, frame in frames.items():
            table = TABLES[name]
            conn.execute(
                sa.delete(table).where(table.c.dataset == dataset, table.c.year.in_(years))
            )
            rows = [
                {str(column): value for column, value in row.items()}
                for row in _columns(table, frame.assign(dataset=dataset)).to_dict("records")
            ]
            if rows:
                conn.execute(sa.insert(table), rows)
        if provenance is not None:
            conn.execute(
                sa.insert(imports_table).values(
                    dataset=dataset,
                    years=",".join(map(str, years)),
                    imported_at=datetime.now(UTC).isoformat(timespec="seconds"),
                    **provenance,
                )
            )


def _bump_data_version(conn: sa.Connection) -> None:
    """Count the writes, in the writing transaction: readers key their caches on the count."""
    version = int(_meta_value(conn, DATA_VERSION) or 0) + 1
    conn.execute(sa.delete(meta_table).where(meta_table.c.key == DATA_VERSION))
    conn.execute(sa.insert(meta_table).values(key=DATA_VERSION, value=str(version)))


def _meta_value(conn: sa.Connection, key: str) -> str | None:
    query = sa.select(meta_table.c.value).where(meta_table.c.key == key)
    return conn.execute(query).scalar_one_or_none()


def data_version(eng: sa.Engine) -> int:
    """How many writes the database has seen (0 when new): a cheap key for cached reads, so
    that after an import every page shows the new figures without a restart."""
    try:
        with eng.connect() as conn:
            return int(_meta_value(conn, DATA_VERSION) or 0)
    except sa.exc.DBAPIError:  # no schema yet: nothing was ever written
        return 0


def file_provenance(path: Path, kind: str, rows: int) -> dict[str, str | int]:
    digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()
    return {"kind": kind, "file_name": Path(path).name, "sha256": digest, "rows": rows}


def read(eng: sa.Engine, name: str, dataset: str, **filters: object) -> pd.DataFrame:
    """Rows of one table for a dataset, optionally filtered by equality on columns."""
    table = TABLES[name]
    query = sa.select(table).where(table.c.dataset == dataset)
    for column, value in filters.items():
        query = query.where(table.c[column] == value)
    with eng.connect() as conn:
        frame = pd.read_sql(query, conn)
    return frame.drop(columns="dataset")


def imports_log(eng: sa.Engine) -> pd.DataFrame:
    with eng.connect() as conn:
        return pd.read_sql(sa.select(imports_table).order_by(imports_table.c.id.desc()), conn)
