"""Schema migrations: bring any database to the newest schema in place, keeping its rows.

A new database is built by running every revision in `scoring/migrations/versions` from empty.
One built before migrations existed (the store's tables but no `alembic_version`) is first
stamped at the baseline revision, the schema that code made, then upgraded like any other. The
upgrade is one transaction holding the database's write lock (SQLite: BEGIN IMMEDIATE, with the
DDL inside it; PostgreSQL: an advisory lock), so processes starting at once upgrade once, and a
failed upgrade leaves the database as it was. A database already at the newest revision is only
read, never written.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from scoring.i18n import t

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
BASELINE = "0001"
# The tables of the baseline: a database holding all of them but no `alembic_version` was built
# before migrations existed.
BASELINE_TABLES = frozenset(
    {"results", "units", "dimension_scores", "indicator_scores", "imports", "meta"}
)
CONNECTION = "connection"  # the Config attribute env.py takes the connection from
LOCK_KEY = 0x4B455042  # PostgreSQL advisory lock held while upgrading


class MigrationError(Exception):
    """The database cannot be upgraded as it is; the message says why, in one line."""


def declared_metadata() -> sa.MetaData:
    """Every table the code declares: the store's, and those that other modules add to it."""
    # Imported here: they import the store, which imports this module.
    from scoring import accounts, mappings, store  # noqa: F401 (their tables join the store's)
    from scoring.selfassess import records  # noqa: F401

    return store.metadata


def config(connection: sa.Connection | None = None) -> Config:
    """Alembic's configuration for the packaged migrations, run on `connection`."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        cfg.attributes[CONNECTION] = connection
    return cfg


@cache
def _script() -> ScriptDirectory:
    return ScriptDirectory.from_config(config())


def heads() -> frozenset[str]:
    """The newest revision(s) of the packaged migrations."""
    return frozenset(_script().get_heads())


def known() -> frozenset[str]:
    """Every revision of the packaged migrations."""
    return frozenset(script.revision for script in _script().walk_revisions())


def current(conn: sa.Connection) -> frozenset[str]:
    """The revision(s) the database is at (empty: new, or built before migrations)."""
    return frozenset(MigrationContext.configure(conn).get_current_heads())


def upgrade(eng: sa.Engine) -> None:
    """Bring the database to the newest revision (see the module's docstring)."""
    with eng.connect() as conn:
        found = current(conn)
    if found == heads():
        return
    if found - known():  # written by a newer version of the app: never touch it
        raise MigrationError(
            t("migrate.newer_database", found=", ".join(sorted(found)), newest=_newest())
        )
    with _write_locked(eng) as conn:
        if not current(conn) and _built_before_migrations(conn):
            command.stamp(config(conn), BASELINE)
        command.upgrade(config(conn), "head")


def _newest() -> str:
    return ", ".join(sorted(heads()))


def _built_before_migrations(conn: sa.Connection) -> bool:
    found = BASELINE_TABLES & set(sa.inspect(conn).get_table_names())
    if found and found != BASELINE_TABLES:
        missing = ", ".join(sorted(BASELINE_TABLES - found))
        raise MigrationError(
            t("migrate.partial_schema", found=", ".join(sorted(found)), missing=missing)
        )
    return bool(found)


@contextmanager
def _write_locked(eng: sa.Engine) -> Iterator[sa.Connection]:
    """A connection in one transaction that holds the database's write lock, committed when the
    block ends, rolled back when it raises."""
    with eng.connect() as conn:
        if conn.dialect.name == "sqlite":
            # pysqlite runs DDL outside any transaction; let SQLite see our BEGIN instead.
            dbapi = conn.connection.dbapi_connection
            saved = dbapi.isolation_level  # type: ignore[union-attr]
            dbapi.isolation_level = None  # type: ignore[union-attr]
            try:
                conn.exec_driver_sql("BEGIN IMMEDIATE")
                yield conn
                conn.commit()
            except BaseException:
                conn.rollback()
                raise
            finally:
                dbapi.isolation_level = saved  # type: ignore[union-attr]
        else:
            with conn.begin():
                if conn.dialect.name == "postgresql":
                    conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": LOCK_KEY})
                yield conn
