"""The one data-access module: every read and write of stored results goes through here.

A real database through SQLAlchemy: a SQLite file by default (`var/kepatuhan.sqlite`, or the
URL in `KEPATUHAN_DATABASE_URL`). Writes are single transactions, so a failed import leaves the
database exactly as it was.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Literal

import pandas as pd
import sqlalchemy as sa

from scoring.checks import SOURCE_FLAGS
from scoring.choices import Lang
from scoring.i18n import t

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = f"sqlite:///{PROJECT_ROOT / 'var' / 'kepatuhan.sqlite'}"
SCHEMA_VERSION = "1"
DATA_VERSION = "data_version"  # meta key: the number of writes so far
LOCK_TIMEOUT_ENV = "KEPATUHAN_LOCK_TIMEOUT"
WRITE_LOCK_KEY = 0x4B455041  # PostgreSQL advisory lock held by the one writing transaction

metadata = sa.MetaData()


def _text(name: str) -> sa.Column:
    return sa.Column(name, sa.Text)


def _results_columns() -> list[sa.Column]:
    return [
        *(_text(c) for c in ("level", "province", "entity")),
        sa.Column("score", sa.Float),
        *(_text(c) for c in ("zone", "category", "source_url", "notes")),
        sa.Column("source_row", sa.Integer),
        *(_text(c) for c in ("code", "province_code", "region_name", "match")),
        # How to show the row, read from its notes at import (scoring.checks.source_flags).
        *(sa.Column(c, sa.Boolean) for c in SOURCE_FLAGS),
    ]


def _units_columns() -> list[sa.Column]:
    return [
        *(_text(c) for c in ("province", "pemda", "opd", "unit_type")),
        sa.Column("score", sa.Float),
        *(_text(c) for c in ("zone", "category", "source_url", "notes")),
        sa.Column("source_row", sa.Integer),
        _text("code"),
    ]


def _dimensions_columns() -> list[sa.Column]:
    return [
        *(_text(c) for c in ("code", "pemda", "opd", "unit_type", "dimension")),
        sa.Column("score", sa.Float),
    ]


def _indicators_columns() -> list[sa.Column]:
    return [
        *(_text(c) for c in ("code", "opd", "unit_type", "dimension", "variable")),
        sa.Column("indicator", sa.Integer),
        sa.Column("score", sa.Float),
    ]


def _data_table(key: str, name: str, columns: list[sa.Column], index: str) -> sa.Table:
    """A table of figures: every row says which version wrote it."""
    return sa.Table(
        name,
        metadata,
        sa.Column("dataset", sa.Text, nullable=False),
        sa.Column("year", sa.Integer, nullable=False),
        *columns,
        sa.Column("version_id", sa.Integer),
        sa.Index(f"ix_{key}_dataset_{index}", "dataset", index),
    )


def _archive_table(name: str, columns: list[sa.Column]) -> sa.Table:
    """Rows a version replaced, kept (never deleted) so that any version can be restored."""
    return sa.Table(
        f"{name}_archive",
        metadata,
        sa.Column("dataset", sa.Text, nullable=False),
        sa.Column("year", sa.Integer, nullable=False),
        *columns,
        sa.Column("version_id", sa.Integer),
        sa.Column("replaced_by", sa.Integer, nullable=False),
        sa.Index(f"ix_{name}_archive_version", "version_id"),
    )


_COLUMNS = {
    "results": ("results", _results_columns, "year"),
    # Further sources for a result already stored (`counted` false): shown beside it, never
    # ranked or drawn, so a government and year has exactly one row in `results`.
    "sources": ("result_sources", _results_columns, "code"),
    "units": ("units", _units_columns, "code"),
    "dimensions": ("dimension_scores", _dimensions_columns, "code"),
    "indicators": ("indicator_scores", _indicators_columns, "code"),
}
TABLES = {key: _data_table(key, name, make(), ix) for key, (name, make, ix) in _COLUMNS.items()}
ARCHIVES = {key: _archive_table(name, make()) for key, (name, make, _) in _COLUMNS.items()}
results_table = TABLES["results"]
units_table = TABLES["units"]
dimensions_table = TABLES["dimensions"]
indicators_table = TABLES["indicators"]

# What identifies one figure within a slice, for the added / changed / removed counts.
KEYS = {
    "results": ("entity", "level"),
    "sources": ("entity", "level", "source_url"),
    "units": ("pemda", "opd"),
    "dimensions": ("code", "opd", "unit_type", "dimension"),
    "indicators": ("code", "opd", "unit_type", "dimension", "variable", "indicator"),
}
IGNORED_IN_DIFF = {"dataset", "year", "version_id", "source_row", "replaced_by"}

imports_table = sa.Table(
    "imports",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    *(_text(c) for c in ("dataset", "kind", "file_name", "sha256", "imported_at")),
    sa.Column("rows", sa.Integer),
    _text("years"),
)

versions_table = sa.Table(
    "versions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    *(_text(c) for c in ("dataset", "kind", "file_name", "sha256", "user", "created_at")),
    *(sa.Column(c, sa.Integer) for c in ("rows", "added", "changed", "removed")),
    _text("slices"),
    sa.Column("rolled_back_to", sa.Integer),
    _text("note"),
)

version_slices_table = sa.Table(
    "version_slices",
    metadata,
    sa.Column("version_id", sa.Integer, nullable=False),
    sa.Column("table_name", sa.Text, nullable=False),
    sa.Column("year", sa.Integer, nullable=False),
    *(sa.Column(c, sa.Integer) for c in ("added", "changed", "removed")),
    sa.Index("ix_version_slices_version", "version_id"),
)

meta_table = sa.Table("meta", metadata, sa.Column("key", sa.Text, primary_key=True), _text("value"))


StoreFault = Literal[
    "read_only",
    "full",
    "locked",
    "corrupt",
    "cannot_open",
    "cannot_connect",
    "failed",
    "unknown_url",
    "driver_missing",
    "no_version",
]


class StoreError(Exception):
    """A database fault, worded for the person at the keyboard in one line (`store.<code>`)."""

    def __init__(self, code: StoreFault, **params: object) -> None:
        self.code = code
        self.params = params
        super().__init__(self.message("id"))

    def message(self, lang: Lang = "id") -> str:
        return t(f"store.{self.code}", lang, **self.params)


# SQLite's and PostgreSQL's wording of a fault -> our code for it, first match first.
_FAULTS: tuple[tuple[str, StoreFault], ...] = (
    ("readonly", "read_only"),
    ("read-only", "read_only"),
    ("read only", "read_only"),
    ("disk is full", "full"),
    ("no space", "full"),
    ("locked", "locked"),
    ("could not obtain lock", "locked"),
    ("lock timeout", "locked"),  # PostgreSQL: "canceling statement due to lock timeout"
    ("not a database", "corrupt"),
    ("malformed", "corrupt"),
    ("unable to open", "cannot_open"),
    ("connection", "cannot_connect"),
)


def _fault(error: Exception, url: str) -> StoreError:
    text = str(getattr(error, "orig", error)).lower()
    code: StoreFault = next((c for needle, c in _FAULTS if needle in text), "failed")
    detail = str(getattr(error, "orig", error)).splitlines()[0] if text else ""
    return StoreError(code, url=url, detail=detail)


def _shown(url: sa.URL | str) -> str:
    """The URL without its password, for messages."""
    try:
        return sa.make_url(url).render_as_string(hide_password=True)
    except sa.exc.ArgumentError:
        return "?"


@contextmanager
def faults(eng: sa.Engine) -> Iterator[None]:
    """Database faults raised inside as `StoreError`s naming the database."""
    try:
        yield
    except sa.exc.DBAPIError as error:
        raise _fault(error, _shown(eng.url)) from error


def database_url() -> str:
    return os.environ.get("KEPATUHAN_DATABASE_URL", DEFAULT_URL)


def lock_timeout() -> float:
    """Seconds a write waits for another one to finish (`KEPATUHAN_LOCK_TIMEOUT`, default 30)."""
    try:
        return float(os.environ.get(LOCK_TIMEOUT_ENV, "30"))
    except ValueError:
        return 30.0


def engine(url: str | None = None) -> sa.Engine:
    """One engine per URL (`KEPATUHAN_DATABASE_URL` as it is now when none is given); the
    SQLite file's folder is created on first use. An unknown URL or a missing driver is a
    `StoreError`, not a traceback."""
    return _engine(url or database_url())


@cache
def _engine(url: str) -> sa.Engine:
    try:
        parsed = sa.make_url(url)
    except sa.exc.ArgumentError:
        raise StoreError("unknown_url", url=_shown(url)) from None
    options: dict[str, object] = {}
    if parsed.get_backend_name() == "sqlite":
        options["connect_args"] = {"timeout": lock_timeout()}
        if parsed.database not in (None, "", ":memory:") and not parsed.query.get("uri"):
            try:
                Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                raise StoreError("cannot_open", url=_shown(parsed), detail=error.strerror) from None
    try:
        return sa.create_engine(parsed, **options)
    except sa.exc.NoSuchModuleError:
        raise StoreError("unknown_url", url=_shown(parsed)) from None
    except ImportError as error:
        raise StoreError("driver_missing", url=_shown(parsed), driver=error.name or "?") from None


def create_schema(eng: sa.Engine) -> None:
    """Bring the database to the newest schema in place, keeping its rows (`scoring.migrate`);
    writes nothing when it is already there (the schema version is written with the data)."""
    from scoring import migrate  # here: migrating loads Alembic, which reads need not

    with faults(eng):
        migrate.upgrade(eng)


def is_empty(eng: sa.Engine) -> bool:
    with faults(eng):
        if not sa.inspect(eng).has_table("results"):
            return True
        with eng.connect() as conn:
            count = conn.execute(sa.select(sa.func.count()).select_from(results_table)).scalar()
    return count == 0


def _columns(table: sa.Table, frame: pd.DataFrame) -> pd.DataFrame:
    """The frame cut to the table's columns (missing ones empty), as plain Python values."""
    names = [c.name for c in table.columns if c.name != "id"]
    out = frame.reindex(columns=names)
    return out.astype(object).where(out.notna(), None)


Slice = tuple[str, int]  # (table key, year)


# A table whose slices go with another's: a year of results replaced replaces that year's
# further sources too (with none, if the new file has none), so no stale source outlives it.
COMPANIONS = {"results": "sources"}


def _slices(frames: Mapping[str, pd.DataFrame]) -> list[Slice]:
    """The (table, year) slices a set of frames holds: only these are replaced."""
    years = {name: {int(y) for y in pd.unique(frame["year"])} for name, frame in frames.items()}
    for name, companion in COMPANIONS.items():
        if name in years:
            years[companion] = years.get(companion, set()) | years[name]
    return [(name, year) for name, found in years.items() for year in sorted(found)]


def _fingerprints(name: str, rows: pd.DataFrame) -> dict[tuple[object, ...], list[str]]:
    """Each figure's key -> the sorted values of its rows, to tell added, changed and removed."""
    keys = list(KEYS[name])
    values = [c for c in rows.columns if c not in IGNORED_IN_DIFF and c not in keys]
    plain = rows.astype(object).where(rows.notna(), None)
    out: dict[tuple[object, ...], list[str]] = {}
    for record in plain.to_dict("records"):
        key = tuple(record[k] for k in keys)
        out.setdefault(key, []).append(repr([record[v] for v in values]))
    return {key: sorted(found) for key, found in out.items()}


def _diff(name: str, old: pd.DataFrame, new: pd.DataFrame) -> tuple[int, int, int]:
    """Added, changed and removed figures between a slice's stored rows and its new ones."""
    if old.empty:
        return len(new.drop_duplicates(list(KEYS[name]))), 0, 0
    before, after = _fingerprints(name, old), _fingerprints(name, new)
    changed = sum(1 for key in before.keys() & after.keys() if before[key] != after[key])
    return len(after.keys() - before.keys()), changed, len(before.keys() - after.keys())


def _lock(conn: sa.Connection) -> None:
    """Serialise writers: PostgreSQL by an advisory lock, SQLite by its write lock, which the
    first write of the transaction (the schema version) takes; both wait up to `lock_timeout`."""
    if conn.dialect.name == "postgresql":  # waiting at most `lock_timeout`, then "locked"
        conn.execute(sa.text(f"SET LOCAL lock_timeout = {int(lock_timeout() * 1000)}"))
        conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": WRITE_LOCK_KEY})


def _set_meta(conn: sa.Connection, key: str, value: str) -> None:
    conn.execute(sa.delete(meta_table).where(meta_table.c.key == key))
    conn.execute(sa.insert(meta_table).values(key=key, value=value))


def _replace_slice(
    conn: sa.Connection, dataset: str, slice_: Slice, rows: pd.DataFrame, version_id: int
) -> tuple[int, int, int]:
    """Archive a slice's stored rows under `version_id`, delete them, write the new ones."""
    name, year = slice_
    table, archive = TABLES[name], ARCHIVES[name]
    where = sa.and_(table.c.dataset == dataset, table.c.year == year)
    old = pd.read_sql(sa.select(table).where(where), conn)
    counts = _diff(name, old, rows)
    columns = [c.name for c in table.columns]
    conn.execute(
        sa.insert(archive).from_select(
            [*columns, "replaced_by"],
            sa.select(*table.c, sa.literal(version_id).label("replaced_by")).where(where),
        )
    )
    conn.execute(sa.delete(table).where(where))
    records = [{str(k): v for k, v in r.items()} for r in rows.to_dict("records")]
    if records:
        conn.execute(sa.insert(table), records)
    return counts


def write_in_progress(eng: sa.Engine) -> bool:
    """Whether another write holds the write lock right now, so a caller can say it waits.

    Takes the lock without waiting and gives it back at once: PostgreSQL's advisory lock,
    SQLite's write lock (BEGIN IMMEDIATE with no busy wait).
    """
    with faults(eng), eng.connect() as conn:
        if conn.dialect.name == "postgresql":
            query = sa.text("SELECT pg_try_advisory_xact_lock(:key)")
            free = conn.execute(query, {"key": WRITE_LOCK_KEY}).scalar()
            conn.rollback()
            return not free
        conn.exec_driver_sql("PRAGMA busy_timeout = 0")
        try:
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        except sa.exc.OperationalError as error:
            if "locked" not in str(error.orig).lower():
                raise
            return True
        finally:
            conn.rollback()
            conn.exec_driver_sql(f"PRAGMA busy_timeout = {int(lock_timeout() * 1000)}")
        return False


def one_per_figure(frames: Mapping[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """The frames with `results` holding one row per government and year, as maps and ranks
    need: rows whose `counted` flag is false move to `sources`; a government and year given
    twice otherwise is a mistake of the caller, raised as ValueError before anything is written.
    """
    out = dict(frames)
    results = out.get("results")
    if results is None:
        return out
    if "counted" in results:
        further = results["counted"].astype("boolean").eq(False).fillna(False).astype(bool)
        if further.any():
            out["sources"] = pd.concat([out.get("sources"), results[further]], ignore_index=True)
            out["results"] = results = results[~further]
    placed = results[results["code"].notna()] if "code" in results else results.iloc[:0]
    twice = placed[placed.duplicated(["year", "code"])]
    if not twice.empty:
        shown = ", ".join(f"{y}/{c}" for y, c in zip(twice["year"], twice["code"], strict=True))
        raise ValueError(f"results given twice for a government and year: {shown}")
    return out


def replace(
    eng: sa.Engine,
    dataset: str,
    frames: Mapping[str, pd.DataFrame],
    provenance: Mapping[str, str | int] | None = None,
    *,
    user: str = "cli",
    note: str | None = None,
    rolled_back_to: int | None = None,
) -> int:
    """Replace exactly the (table, year) slices present in `frames`, in one transaction.

    A units frame holding only 2022 replaces units of 2022 and nothing else. The rows replaced
    are archived under the new version, whose id is returned; the data version is bumped and
    the schema version written in the same transaction, so a failed write changes nothing.
    Results rows flagged as not counted are stored as further sources (see `one_per_figure`).
    """
    frames = one_per_figure(frames)
    slices = _slices(frames)
    kind = (provenance or {}).get("kind", "rollback" if rolled_back_to else None)
    with faults(eng), eng.begin() as conn:
        _lock(conn)
        _set_meta(conn, "schema_version", SCHEMA_VERSION)
        _bump_data_version(conn)
        version_id = conn.execute(
            sa.insert(versions_table)
            .values(
                dataset=dataset,
                kind=kind,
                file_name=(provenance or {}).get("file_name"),
                sha256=(provenance or {}).get("sha256"),
                user=user,
                created_at=datetime.now(UTC).isoformat(timespec="seconds"),
                rows=sum(len(f) for f in frames.values()),
                rolled_back_to=rolled_back_to,
                note=note,
            )
            .returning(versions_table.c.id)
        ).scalar_one()
        totals = [0, 0, 0]
        touched = []
        for name, year in slices:
            frame = frames.get(name, pd.DataFrame({"year": pd.Series(dtype="int64")}))
            rows = _columns(
                TABLES[name],
                frame[frame["year"] == year].assign(dataset=dataset, version_id=version_id),
            )
            counts = _replace_slice(conn, dataset, (name, year), rows, version_id)
            if rows.empty and not any(counts):
                continue  # a companion slice empty before and after: nothing to record
            touched.append(f"{name}:{year}")
            totals = [a + b for a, b in zip(totals, counts, strict=True)]
            conn.execute(
                sa.insert(version_slices_table).values(
                    version_id=version_id,
                    table_name=name,
                    year=year,
                    **dict(zip(("added", "changed", "removed"), counts, strict=True)),
                )
            )
        conn.execute(
            sa.update(versions_table)
            .where(versions_table.c.id == version_id)
            .values(
                slices=", ".join(touched),
                **dict(zip(("added", "changed", "removed"), totals, strict=True)),
            )
        )
        if provenance is not None:
            conn.execute(
                sa.insert(imports_table).values(
                    dataset=dataset,
                    years=",".join(sorted({str(year) for _, year in slices})),
                    imported_at=datetime.now(UTC).isoformat(timespec="seconds"),
                    **provenance,
                )
            )
    return version_id


def versions(eng: sa.Engine) -> pd.DataFrame:
    """Every version, newest first: who, when, which file, which slices, what changed."""
    with faults(eng), eng.connect() as conn:
        query = sa.select(versions_table).order_by(versions_table.c.id.desc())
        frame = pd.read_sql(query, conn)
    counts = ("id", "rows", "added", "changed", "removed", "rolled_back_to")
    return frame.astype({c: "Int64" for c in counts})


def version_slices(eng: sa.Engine, version_id: int) -> pd.DataFrame:
    """The slices one version replaced, with added / changed / removed counts for each."""
    table = version_slices_table
    query = sa.select(table).where(table.c.version_id == version_id)
    with faults(eng), eng.connect() as conn:
        return pd.read_sql(query.order_by(table.c.table_name, table.c.year), conn)


def rows_of_version(eng: sa.Engine, version_id: int) -> dict[str, pd.DataFrame]:
    """The rows a version wrote, by table, wherever they are now (stored or archived)."""
    slices = version_slices(eng, version_id)
    out: dict[str, pd.DataFrame] = {}
    with faults(eng), eng.connect() as conn:
        for name in slices["table_name"].unique().tolist():
            parts = [
                pd.read_sql(sa.select(t).where(t.c.version_id == version_id), conn)
                for t in (TABLES[name], ARCHIVES[name])
            ]
            frame = pd.concat([p for p in parts if not p.empty] or parts[:1], ignore_index=True)
            out[name] = frame.drop(columns=["replaced_by"], errors="ignore")
    return out


def rollback(eng: sa.Engine, version_id: int, *, user: str) -> int:
    """Make every slice `version_id` touched what it was right after it, as a new version."""
    listed = versions(eng)
    found = listed[listed["id"] == version_id]
    if found.empty:
        raise StoreError("no_version", version=version_id)
    dataset = str(found["dataset"].iloc[0])
    frames = {
        name: frame.drop(columns=["dataset", "version_id"])
        for name, frame in rows_of_version(eng, version_id).items()
    }
    return replace(eng, dataset, frames, user=user, rolled_back_to=version_id)


def _bump_data_version(conn: sa.Connection) -> None:
    """Count the writes, in the writing transaction: readers key their caches on the count."""
    _set_meta(conn, DATA_VERSION, str(int(_meta_value(conn, DATA_VERSION) or 0) + 1))


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
    with faults(eng), eng.connect() as conn:
        frame = pd.read_sql(query, conn)
    return frame.drop(columns=["dataset", "version_id"])


def imports_log(eng: sa.Engine) -> pd.DataFrame:
    with faults(eng), eng.connect() as conn:
        return pd.read_sql(sa.select(imports_table).order_by(imports_table.c.id.desc()), conn)
