"""Storage: imports replace only their own years, and a bad file changes nothing."""

import pytest
import sqlalchemy as sa
from fixtures import PUBLISHED

from scoring import bundle, store
from scoring.choices import DATASET_PUBLISHED
from scoring.problems import ImportFailed


@pytest.fixture
def engine(tmp_path):
    eng = sa.create_engine(f"sqlite:///{tmp_path / 'test.sqlite'}")
    store.create_schema(eng)
    return eng


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
    assert len(results) == 563
    assert results["code"].notna().all()
    assert results["source_url"].notna().all()
    units = store.read(engine, "units", DATASET_PUBLISHED)
    assert len(units) == 31
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
