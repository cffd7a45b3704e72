"""Storage: imports replace only their own years, and a bad file changes nothing."""

import sqlite3
import sys
import time

import pandas as pd
import pytest
import sqlalchemy as sa
from fixtures import PUBLISHED
from pg_server import fresh_database

from scoring import bundle, store
from scoring.choices import DATASET_PUBLISHED
from scoring.problems import ImportFailed


@pytest.fixture
def engine(engine_any):
    """A new database on each backend in turn (SQLite, then PostgreSQL), schema created."""
    store.create_schema(engine_any)
    return engine_any


def write(path, rows: str):
    path.write_text("tahun,tingkat,provinsi,nama,nilai\n" + rows)
    return path


def test_published_data_loads_with_codes_and_provenance(engine, gazetteer):
    bundle.import_published(
        engine,
        PUBLISHED / "published-results.csv",
        PUBLISHED / "published-results-opd.csv",
        gazetteer,
    )
    results = store.read(engine, "results", DATASET_PUBLISHED)
    assert len(results) == 889  # one row per government and year
    assert not results.duplicated(["year", "code"]).any()
    assert results["code"].notna().all()
    assert results["source_url"].notna().all()
    assert results["counted"].all()
    further = store.read(engine, "sources", DATASET_PUBLISHED)
    assert len(further) == 12  # the file's other 12 rows: further sources, kept beside them
    assert not further["counted"].any()
    both = results.merge(further, on=["year", "code"], suffixes=("", "_other"))
    assert len(both) == 12 and both["sources_disagree"].sum() == 5
    units = store.read(engine, "units", DATASET_PUBLISHED)
    assert len(units) == 56
    assert units["code"].notna().all()
    log = store.imports_log(engine)
    assert log["file_name"].tolist() == ["published-results.csv"]
    assert len(log["sha256"].iloc[0]) == 64


def test_importing_a_year_keeps_the_other_years(engine, gazetteer, tmp_path):
    first = write(
        tmp_path / "a.csv",
        "2022,kabupaten,Bali,Kabupaten Badung,80\n2023,kabupaten,Bali,Kabupaten Badung,85\n",
    )
    bundle.import_published(engine, first, None, gazetteer)
    second = write(tmp_path / "b.csv", "2023,kabupaten,Bali,Kabupaten Badung,90\n")
    bundle.import_published(engine, second, None, gazetteer)
    rows = store.read(engine, "results", DATASET_PUBLISHED).sort_values("year")
    assert rows[["year", "score"]].values.tolist() == [[2022, 80.0], [2023, 90.0]]


def test_a_bad_file_loads_nothing_and_keeps_what_was_there(engine, gazetteer, tmp_path):
    good = write(tmp_path / "good.csv", "2023,kabupaten,Bali,Kabupaten Badung,85\n")
    bundle.import_published(engine, good, None, gazetteer)
    bad = write(
        tmp_path / "bad.csv",
        "2023,kabupaten,Bali,Kabupaten Badung,90\n2023,kabupaten,Bali,Kota Denpasar,abc\n",
    )
    with pytest.raises(ImportFailed) as failed:
        bundle.import_published(engine, bad, None, gazetteer)
    assert failed.value.problems[0].row == 3
    rows = store.read(engine, "results", DATASET_PUBLISHED)
    assert rows["score"].tolist() == [85.0]
    assert len(store.imports_log(engine)) == 1


def test_a_failure_mid_write_rolls_back(engine, gazetteer, tmp_path, monkeypatch):
    good = write(tmp_path / "good.csv", "2023,kabupaten,Bali,Kabupaten Badung,85\n")
    bundle.import_published(engine, good, None, gazetteer)

    original_insert = sa.insert

    def insert_then_fail(table):  # the results are written, then the log write fails
        if table is store.imports_table:
            raise RuntimeError("disk full")
        return original_insert(table)

    version = store.data_version(engine)
    monkeypatch.setattr(store.sa, "insert", insert_then_fail)
    again = write(tmp_path / "again.csv", "2023,kabupaten,Bali,Kabupaten Badung,99\n")
    with pytest.raises(RuntimeError):
        bundle.import_published(engine, again, None, gazetteer)
    monkeypatch.undo()
    assert store.read(engine, "results", DATASET_PUBLISHED)["score"].tolist() == [85.0]
    assert store.data_version(engine) == version  # the count rolls back with the write


def test_the_data_version_counts_writes(tmp_path, gazetteer):
    """The pages' caches are keyed on it: every write must change it, reads must not."""
    eng = store.engine(f"sqlite:///{tmp_path / 'v.sqlite'}")
    assert store.data_version(eng) == 0  # no schema yet
    store.create_schema(eng)
    assert store.data_version(eng) == 0
    good = write(tmp_path / "good.csv", "2023,kabupaten,Bali,Kabupaten Badung,85\n")
    bundle.import_published(eng, good, None, gazetteer)
    assert store.data_version(eng) == 1
    store.read(eng, "results", DATASET_PUBLISHED)
    assert store.data_version(eng) == 1
    bundle.import_published(eng, good, None, gazetteer)
    assert store.data_version(eng) == 2


# --- slices, versions and rollback ----------------------------------------------------------


def frame(**columns) -> pd.DataFrame:
    return pd.DataFrame(columns)


def results_frame(year: int, scores: list[float]) -> pd.DataFrame:
    names = [f"Kota {i}" for i in range(len(scores))]
    return frame(year=year, level="kota", entity=names, score=scores)


def scores(engine, name="results", **filters) -> list:
    rows = store.read(engine, name, DATASET_PUBLISHED, **filters)
    return sorted(zip(rows["year"], rows["score"], strict=True))


def test_a_units_file_of_one_year_replaces_only_that_years_units(engine):
    """The published 2022 results survive a units file holding one 2022 row (was 142 -> 0)."""
    store.replace(engine, DATASET_PUBLISHED, {"results": results_frame(2022, [80.0, 81.0])})
    store.replace(engine, DATASET_PUBLISHED, {"results": results_frame(2023, [70.0])})
    unit = frame(year=[2022], pemda=["Kota 0"], opd=["Dinas X"], score=[50.0])
    store.replace(engine, DATASET_PUBLISHED, {"units": unit})
    assert scores(engine) == [(2022, 80.0), (2022, 81.0), (2023, 70.0)]
    assert scores(engine, "units") == [(2022, 50.0)]


def test_results_of_one_year_keep_the_units_of_that_year(engine):
    unit = frame(year=[2023], pemda=["Kota 0"], opd=["Dinas X"], score=[50.0])
    store.replace(
        engine, DATASET_PUBLISHED, {"results": results_frame(2023, [70.0]), "units": unit}
    )
    store.replace(engine, DATASET_PUBLISHED, {"results": results_frame(2023, [75.0])})
    assert scores(engine, "units") == [(2023, 50.0)]


def test_results_of_a_year_replace_that_years_further_sources_too(engine):
    """A year re-imported without a second source drops the old one (archived), never keeps
    a stale source beside new figures; a file with no such rows records no sources slice."""
    first = results_frame(2023, [70.0])
    other = first.assign(score=71.0, source_url="https://example.org/second")
    store.replace(engine, DATASET_PUBLISHED, {"results": first, "sources": other})
    assert scores(engine, "sources") == [(2023, 71.0)]
    store.replace(engine, DATASET_PUBLISHED, {"results": results_frame(2023, [75.0])})
    assert scores(engine, "sources") == []
    assert store.versions(engine).iloc[0]["slices"] == "results:2023, sources:2023"
    store.replace(engine, DATASET_PUBLISHED, {"results": results_frame(2023, [76.0])})
    assert store.versions(engine).iloc[0]["slices"] == "results:2023"


def test_results_hold_one_row_per_government_and_year(engine):
    """Maps and ranks need one row per figure: a row flagged as not counted is stored as a
    further source, and a figure given twice without flags is refused before any write."""
    first = results_frame(2023, [70.0]).assign(code="51.03", counted=True)
    second = first.assign(score=71.0, counted=False, source_url="https://example.org/2")
    store.replace(engine, DATASET_PUBLISHED, {"results": pd.concat([first, second])})
    assert scores(engine) == [(2023, 70.0)]
    assert scores(engine, "sources") == [(2023, 71.0)]
    version = store.data_version(engine)
    twice = pd.concat([first, first.assign(score=99.0)]).drop(columns="counted")
    with pytest.raises(ValueError, match=r"2023/51\.03"):
        store.replace(engine, DATASET_PUBLISHED, {"results": twice})
    assert store.data_version(engine) == version


def test_every_write_is_a_version_with_its_slices_counts_and_user(engine):
    first = store.replace(
        engine,
        DATASET_PUBLISHED,
        {"results": results_frame(2023, [70.0, 71.0])},
        {"kind": "results", "file_name": "a.csv", "sha256": "0" * 64, "rows": 2},
        user="siti",
    )
    changed = results_frame(2023, [70.0, 99.0, 50.0])
    second = store.replace(engine, DATASET_PUBLISHED, {"results": changed}, user="budi")
    listed = store.versions(engine)
    assert listed["id"].tolist() == [second, first]  # newest first
    newest = listed.iloc[0]
    assert (newest["user"], newest["slices"]) == ("budi", "results:2023")
    assert (newest["added"], newest["changed"], newest["removed"]) == (1, 1, 0)
    oldest = listed.iloc[1]
    assert (oldest["file_name"], oldest["kind"], oldest["added"]) == ("a.csv", "results", 2)
    assert pd.isna(newest["rolled_back_to"])
    fewer = store.replace(engine, DATASET_PUBLISHED, {"results": results_frame(2023, [70.0])})
    assert store.versions(engine).iloc[0][["added", "changed", "removed"]].tolist() == [0, 0, 2]
    assert store.version_slices(engine, fewer)["removed"].tolist() == [2]


def test_replaced_rows_are_archived_not_deleted(engine):
    first = store.replace(engine, DATASET_PUBLISHED, {"results": results_frame(2023, [70.0])})
    store.replace(engine, DATASET_PUBLISHED, {"results": results_frame(2023, [90.0])})
    archived = store.rows_of_version(engine, first)["results"]
    assert archived["score"].tolist() == [70.0]
    with engine.connect() as conn:
        count = conn.execute(sa.select(sa.func.count()).select_from(store.ARCHIVES["results"]))
        assert count.scalar() == 1


def test_rollback_restores_every_slice_of_a_version_as_a_new_version(engine):
    unit = frame(year=[2023], pemda=["Kota 0"], opd=["Dinas X"], score=[50.0])
    first = store.replace(
        engine, DATASET_PUBLISHED, {"results": results_frame(2023, [70.0]), "units": unit}
    )
    store.replace(engine, DATASET_PUBLISHED, {"results": results_frame(2022, [60.0])})
    store.replace(
        engine,
        DATASET_PUBLISHED,
        {"results": results_frame(2023, [90.0, 91.0]), "units": unit.assign(score=10.0)},
    )
    before = store.data_version(engine)
    undo = store.rollback(engine, first, user="admin")
    assert scores(engine) == [(2022, 60.0), (2023, 70.0)]  # 2022 was not the version's slice
    assert scores(engine, "units") == [(2023, 50.0)]
    assert store.data_version(engine) == before + 1  # the pages' caches see the rollback
    newest = store.versions(engine).iloc[0]
    assert (newest["id"], newest["rolled_back_to"], newest["user"]) == (undo, first, "admin")
    assert newest["kind"] == "rollback"
    assert (newest["changed"], newest["removed"]) == (2, 1)  # Kota 0 and its unit; Kota 1
    store.rollback(engine, undo - 1, user="admin")  # and the rollback itself can be undone
    assert scores(engine) == [(2022, 60.0), (2023, 90.0), (2023, 91.0)]


def test_rollback_to_an_unknown_version_is_a_store_error(engine):
    with pytest.raises(store.StoreError, match="versi 42 tidak ada"):
        store.rollback(engine, 42, user="admin")


# --- database faults: one line, nothing written ---------------------------------------------


def one_row() -> dict[str, pd.DataFrame]:
    return {"results": results_frame(2023, [70.0])}


def test_a_read_only_database_is_a_store_error(tmp_path):
    path = tmp_path / "test.sqlite"
    writable = sa.create_engine(f"sqlite:///{path}")
    store.create_schema(writable)
    store.replace(writable, DATASET_PUBLISHED, one_row())
    read_only = sa.create_engine(f"sqlite:///file:{path}?mode=ro&uri=true")
    with pytest.raises(store.StoreError) as failed:
        store.replace(read_only, DATASET_PUBLISHED, one_row())
    assert failed.value.code == "read_only"
    assert "hanya-baca" in str(failed.value) and "\n" not in str(failed.value)


def test_a_full_database_is_a_store_error(tmp_path):
    eng = sa.create_engine(f"sqlite:///{tmp_path / 'full.sqlite'}")
    store.create_schema(eng)

    @sa.event.listens_for(eng, "connect")
    def limit_pages(dbapi_connection, _record):
        dbapi_connection.execute("PRAGMA max_page_count = 40")

    eng.dispose()
    many = results_frame(2023, [50.0] * 20000)
    with pytest.raises(store.StoreError) as failed:
        store.replace(eng, DATASET_PUBLISHED, {"results": many})
    assert failed.value.code == "full"
    assert store.read(eng, "results", DATASET_PUBLISHED).empty


def test_a_corrupt_database_file_is_a_store_error(tmp_path):
    path = tmp_path / "corrupt.sqlite"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(store.StoreError) as failed:
        store.create_schema(store.engine(f"sqlite:///{path}"))
    assert failed.value.code == "corrupt"


@pytest.mark.parametrize("url", ["nonsense", "nosuchdb://host/db"])
def test_an_unknown_database_url_is_a_store_error(url):
    with pytest.raises(store.StoreError) as failed:
        store.engine(url)
    assert failed.value.code == "unknown_url"


def test_a_postgresql_url_without_its_driver_is_a_store_error(monkeypatch):
    for driver in ("psycopg", "psycopg2"):
        monkeypatch.setitem(sys.modules, driver, None)  # as if not installed
    with pytest.raises(store.StoreError) as failed:
        store.engine("postgresql://kepatuhan:secret@localhost/kepatuhan")
    assert failed.value.code == "driver_missing"
    assert "secret" not in str(failed.value)  # the password is never echoed


def test_a_second_writer_waits_then_fails_cleanly_while_the_first_holds_the_lock(
    tmp_path, monkeypatch
):
    path = tmp_path / "locked.sqlite"
    monkeypatch.setenv(store.LOCK_TIMEOUT_ENV, "0.2")
    eng = store.engine(f"sqlite:///{path}")
    store.create_schema(eng)
    store.replace(eng, DATASET_PUBLISHED, one_row())
    holder = sqlite3.connect(path)
    holder.execute("BEGIN IMMEDIATE")  # another import, mid-write
    try:
        with pytest.raises(store.StoreError) as failed:
            store.replace(eng, DATASET_PUBLISHED, {"results": results_frame(2023, [99.0])})
        assert failed.value.code == "locked"
    finally:
        holder.rollback()
        holder.close()
    assert scores(eng) == [(2023, 70.0)]
    assert len(store.versions(eng)) == 1


def test_a_second_writer_on_postgresql_fails_cleanly_after_the_lock_timeout(
    postgres_server, monkeypatch
):
    monkeypatch.setenv(store.LOCK_TIMEOUT_ENV, "0.3")
    with fresh_database(postgres_server) as url:
        eng = store.engine(url)
        held_back(eng)


def held_back(eng: sa.Engine) -> None:
    """A write while another transaction holds the writers' lock."""
    store.create_schema(eng)
    store.replace(eng, DATASET_PUBLISHED, one_row())
    with eng.connect() as holder, holder.begin():  # another import, mid-write
        holder.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": store.WRITE_LOCK_KEY})
        started = time.monotonic()
        with pytest.raises(store.StoreError) as failed:
            store.replace(eng, DATASET_PUBLISHED, {"results": results_frame(2023, [99.0])})
        assert failed.value.code == "locked"
        assert time.monotonic() - started < 10  # it did not wait forever
    assert scores(eng) == [(2023, 70.0)]
    eng.dispose()


def test_a_writer_in_progress_is_seen_without_waiting(engine):
    assert not store.write_in_progress(engine)
    with engine.connect() as holder:
        if engine.dialect.name == "postgresql":
            key = {"key": store.WRITE_LOCK_KEY}
            holder.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), key)
        else:
            holder.exec_driver_sql("BEGIN IMMEDIATE")
        assert store.write_in_progress(engine)
        holder.rollback()
    assert not store.write_in_progress(engine)
