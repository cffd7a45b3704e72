"""Schema migrations on SQLite and PostgreSQL (`engine_any`): the migrated schema is exactly the
one the code declares (so a table or column added without a revision fails here), a database
built before migrations keeps its rows, and an upgrade is one transaction that either lands
whole or leaves the database as it was."""

from __future__ import annotations

import fnmatch
import hashlib
import subprocess
import sys
import threading
import tomllib
from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from fixtures import ROOT

from scoring import bundle, migrate, store
from scoring.choices import DATASET_DEMO, DATASET_PUBLISHED

# Rows as the code before migrations stored them (revision 0001's tables).
OLD_ROWS = {
    "results": [
        {"dataset": DATASET_PUBLISHED, "year": 2022, "level": "kota", "entity": "Kota A"}
        | {"score": 80.5, "zone": "hijau", "source_row": 2, "notes": "<b>catatan</b>"},
        {"dataset": DATASET_PUBLISHED, "year": 2023, "level": "kota", "entity": "Kota A"}
        | {"score": 91.0, "zone": "hijau", "source_row": 3, "notes": None},
        {"dataset": DATASET_DEMO, "year": 2023, "level": "kabupaten", "entity": "Kab. B"}
        | {"score": 40.0, "zone": "merah", "source_row": 2, "notes": None},
    ],
    "units": [
        {"dataset": DATASET_PUBLISHED, "year": 2023, "pemda": "Kota A", "opd": "Dinas X"}
        | {"score": 77.0, "code": "73.71"},
    ],
    "imports": [
        {"id": 1, "dataset": DATASET_PUBLISHED, "kind": "results", "file_name": "hasil.csv"}
        | {"sha256": "f" * 64, "imported_at": "2025-01-02T03:04:05+00:00", "rows": 2}
        | {"years": "2022,2023"},
    ],
    "meta": [{"key": "schema_version", "value": "1"}, {"key": "data_version", "value": "2"}],
}


def schema_diff(eng: sa.Engine, declared: sa.MetaData | None = None) -> list:
    with eng.connect() as conn:
        context = MigrationContext.configure(conn)
        return compare_metadata(context, declared or migrate.declared_metadata())


def revision_of(eng: sa.Engine) -> frozenset[str]:
    with eng.connect() as conn:
        return migrate.current(conn)


def tables(eng: sa.Engine) -> set[str]:
    return set(sa.inspect(eng).get_table_names())


def build_old_database(eng: sa.Engine) -> None:
    """The baseline schema with rows and meta `schema_version` "1", and no `alembic_version`:
    a database made by `create_schema` before migrations existed."""
    with eng.connect() as conn:
        command.upgrade(migrate.config(conn), migrate.BASELINE)
        conn.execute(sa.text("DROP TABLE alembic_version"))
        for name, rows in OLD_ROWS.items():
            table = sa.table(name, *(sa.column(c) for c in sorted({k for r in rows for k in r})))
            conn.execute(sa.insert(table), rows)
        conn.commit()


def old_rows(eng: sa.Engine, name: str) -> list[dict]:
    """The table's rows, only the columns the old code wrote, in a fixed order."""
    columns = sorted({k for r in OLD_ROWS[name] for k in r})
    table = sa.table(name, *(sa.column(c) for c in columns))
    with eng.connect() as conn:
        found = conn.execute(sa.select(table).order_by(*table.c)).mappings().all()
    return [dict(row) for row in found]


def test_the_migrated_schema_is_the_one_the_code_declares(engine_any):
    migrate.upgrade(engine_any)
    assert revision_of(engine_any) == migrate.heads()
    assert schema_diff(engine_any) == []
    assert {"users", "login_attempts", "column_mappings", "versions"} <= tables(engine_any)


def test_every_module_that_declares_tables_is_in_the_declared_metadata():
    """A table added on the store's metadata by a module `declared_metadata` does not import
    would escape the schema check; import every module and compare, in a fresh interpreter."""
    script = (
        "import importlib, pkgutil, scoring\n"
        "from scoring import migrate\n"
        "declared = sorted(migrate.declared_metadata().tables)\n"
        "for module in pkgutil.walk_packages(scoring.__path__, 'scoring.'):\n"
        "    if not module.name.startswith(('scoring.__main__', 'scoring.migrations')):\n"
        "        importlib.import_module(module.name)\n"
        "print(declared == sorted(migrate.declared_metadata().tables))\n"
        "print(sorted(set(migrate.declared_metadata().tables) - set(declared)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert done.stdout.splitlines() == ["True", "[]"], done.stdout


def test_a_column_declared_without_a_revision_is_caught(engine_any):
    migrate.upgrade(engine_any)
    declared = sa.MetaData()
    for table in migrate.declared_metadata().tables.values():
        table.to_metadata(declared)
    declared.tables["results"].append_column(sa.Column("reviewer", sa.Text))
    sa.Table("notes", declared, sa.Column("id", sa.Integer, primary_key=True))
    found = {
        (change[0], change[2] if change[0] == "add_column" else change[1].name)
        for change in schema_diff(engine_any, declared)
    }
    assert found == {("add_column", "results"), ("add_table", "notes")}


def test_a_database_built_before_migrations_keeps_its_rows(engine_any):
    build_old_database(engine_any)
    before = {name: old_rows(engine_any, name) for name in OLD_ROWS}
    migrate.upgrade(engine_any)
    assert revision_of(engine_any) == migrate.heads()
    assert schema_diff(engine_any) == []
    assert {name: old_rows(engine_any, name) for name in OLD_ROWS} == before
    assert store.data_version(engine_any) == 2
    assert store.read(engine_any, "results", DATASET_PUBLISHED)["score"].tolist() == [80.5, 91.0]


def test_rows_from_before_migrations_are_a_version_that_can_be_restored(engine_any):
    build_old_database(engine_any)
    before = old_rows(engine_any, "results")
    migrate.upgrade(engine_any)
    listed = store.versions(engine_any).set_index("dataset")
    assert listed["user"].tolist() == ["migration", "migration"]
    published = listed.loc[DATASET_PUBLISHED]
    assert published["slices"] == "results:2022, results:2023, units:2023"
    assert (published["rows"], published["added"], published["changed"]) == (3, 3, 0)
    frame = pd.DataFrame({"year": [2023], "level": ["kota"], "entity": ["Kota A"], "score": [1.0]})
    store.replace(engine_any, DATASET_PUBLISHED, {"results": frame}, user="budi")
    assert old_rows(engine_any, "results") != before
    store.rollback(engine_any, int(published["id"]), user="admin")
    assert old_rows(engine_any, "results") == before


def test_make_run_on_an_old_database_keeps_its_data(tmp_path):
    """The app and `make run` open the database through `ensure_database`."""
    url = f"sqlite:///{tmp_path / 'kepatuhan.sqlite'}"
    eng = sa.create_engine(url)
    build_old_database(eng)
    before = {name: old_rows(eng, name) for name in OLD_ROWS}
    eng.dispose()
    opened = bundle.ensure_database(url)
    assert revision_of(opened) == migrate.heads()
    assert {name: old_rows(opened, name) for name in OLD_ROWS} == before  # not rebuilt
    assert store.imports_log(opened)["file_name"].tolist() == ["hasil.csv"]


def test_an_up_to_date_database_is_only_read(tmp_path):
    path = tmp_path / "current.sqlite"
    migrate.upgrade(sa.create_engine(f"sqlite:///{path}"))
    digest, stamp = hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns
    migrate.upgrade(sa.create_engine(f"sqlite:///{path}"))
    read_only = sa.create_engine(f"sqlite:///file:{path}?mode=ro&uri=true")
    migrate.upgrade(read_only)  # a read-only database at the newest revision opens
    assert hashlib.sha256(path.read_bytes()).hexdigest() == digest
    assert path.stat().st_mtime_ns == stamp


def test_a_failed_upgrade_leaves_the_database_as_it_was(engine_any):
    """An index name taken by another table makes the baseline fail after it made four tables."""
    with engine_any.begin() as conn:
        conn.execute(sa.text("CREATE TABLE other (a INTEGER)"))
        conn.execute(sa.text("CREATE INDEX ix_indicators_dataset_code ON other (a)"))
    with pytest.raises(sa.exc.DBAPIError, match="ix_indicators_dataset_code"):
        migrate.upgrade(engine_any)
    assert tables(engine_any) == {"other"}
    assert revision_of(engine_any) == frozenset()


def test_a_database_from_a_newer_version_of_the_app_is_refused_untouched(engine_any):
    migrate.upgrade(engine_any)
    with engine_any.begin() as conn:
        conn.execute(sa.text("UPDATE alembic_version SET version_num = '9999'"))
    before = tables(engine_any)
    with pytest.raises(migrate.MigrationError, match="9999") as refused:
        store.create_schema(engine_any)
    assert "".join(sorted(migrate.heads())) in str(refused.value)
    assert tables(engine_any) == before
    assert revision_of(engine_any) == {"9999"}


def test_some_tables_but_not_all_is_refused_with_what_is_missing(engine_any):
    with engine_any.begin() as conn:
        conn.execute(sa.text("CREATE TABLE results (dataset TEXT, year INTEGER)"))
    with pytest.raises(migrate.MigrationError, match="dimension_scores, imports"):
        migrate.upgrade(engine_any)
    assert tables(engine_any) == {"results"}


def test_processes_starting_at_once_upgrade_once(database_url):
    engines = [sa.create_engine(database_url) for _ in range(3)]
    start = threading.Barrier(len(engines))
    errors: list[BaseException] = []

    def upgrade(eng: sa.Engine) -> None:
        try:
            start.wait(10)
            migrate.upgrade(eng)
        except BaseException as error:  # reported below, in the test's thread
            errors.append(error)

    threads = [threading.Thread(target=upgrade, args=(eng,)) for eng in engines]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    try:
        assert not errors, errors
        assert revision_of(engines[0]) == migrate.heads()
        assert schema_diff(engines[0]) == []
    finally:
        for eng in engines:
            eng.dispose()


def test_the_revisions_form_one_numbered_line():
    """Two revisions on the same parent would leave two heads, and no database could upgrade."""
    script = ScriptDirectory.from_config(migrate.config())
    assert len(script.get_heads()) == 1, script.get_heads()
    oldest_first = list(reversed(list(script.walk_revisions())))
    assert [r.revision for r in oldest_first] == [
        f"{n:04d}" for n in range(1, len(oldest_first) + 1)
    ]
    assert oldest_first[0].revision == migrate.BASELINE
    for revision in oldest_first:
        assert Path(revision.path).name.startswith(f"v{revision.revision}_"), revision.path


def test_the_migrations_ship_with_the_package():
    """Every file of scoring/migrations is in a package or matched by the package data."""
    setuptools = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    patterns = setuptools["package-data"]["scoring"]
    folder = ROOT / "scoring" / "migrations"
    files = [p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    assert any(p.name == "env.py" for p in files) and any(p.suffix == ".mako" for p in files)
    for path in files:
        in_package = path.suffix == ".py" and (path.parent / "__init__.py").exists()
        relative = path.relative_to(ROOT / "scoring").as_posix()
        assert in_package or any(fnmatch.fnmatch(relative, p) for p in patterns), relative
