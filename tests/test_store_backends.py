"""The store on SQLite and on a real PostgreSQL server (`engine_any`): the same values come back,
versions and rollback behave the same, a failed write changes nothing, and concurrent imports
land one after the other, never mixed."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import threading

import pandas as pd
import pytest
import sqlalchemy as sa
from fixtures import DATASET_DEMO, HOSTILE, ROOT, build_fixture_database, dataset_frames
from pg_server import fresh_database

from scoring import store
from scoring.choices import DATASET_PUBLISHED

# Text that a careless store would bend: markup, quotes and SQL, percent signs, non-Latin
# scripts, an empty string next to a missing value, and a long note.
AWKWARD = [HOSTILE, "O'Brien\"; DROP TABLE results;--", "100% {x} %s", "Kab. Ñ 日本 ✓", "", None]


@pytest.fixture
def engine(engine_any) -> sa.Engine:
    store.create_schema(engine_any)
    return engine_any


def results_frame(year: int, scores: list[float | None], marker: str = "") -> pd.DataFrame:
    return pd.DataFrame(
        {
            "year": year,
            "level": "kota",
            "entity": [f"Kota {i}" for i in range(len(scores))],
            "score": scores,
            "notes": marker,
        }
    )


def stored(engine, name: str = "results") -> list[tuple]:
    rows = store.read(engine, name, DATASET_PUBLISHED)
    return sorted(zip(rows["year"], rows["entity"], rows["score"], strict=True))


def test_the_fixture_dataset_comes_back_as_written(engine_any):
    build_fixture_database(engine_any)
    for dataset in (DATASET_PUBLISHED, DATASET_DEMO):
        for name, written in dataset_frames(dataset).items():
            back = store.read(engine_any, name, dataset)
            columns = [c for c in written.columns if c in back.columns]
            key = [c for c in columns if c not in ("score", "notes", "source_url")]
            expected = written[columns].sort_values(key).reset_index(drop=True)
            got = back[columns].sort_values(key).reset_index(drop=True)
            pd.testing.assert_frame_equal(got, expected, check_dtype=False)


def test_awkward_text_and_numbers_round_trip_exactly(engine):
    frame = pd.DataFrame(
        {
            "year": 2023,
            "level": "kabupaten",
            "entity": [f"Kab. {i}" for i in range(len(AWKWARD) + 1)],
            "notes": [*AWKWARD, "x" * 20_000],
            "score": [0.0, 100.0, 88.87, 1e-9, 33.333333333333336, None, 50.5],
            "source_row": [2, 3, 4, 5, 6, 7, 2**31 - 1],
        }
    )
    store.replace(engine, DATASET_PUBLISHED, {"results": frame})
    back = store.read(engine, "results", DATASET_PUBLISHED).sort_values("source_row")
    assert back["notes"].tolist() == frame["notes"].tolist()
    assert back["score"].tolist()[:5] == frame["score"].tolist()[:5]  # bit for bit
    assert pd.isna(back["score"].iloc[5])
    assert back["source_row"].tolist() == frame["source_row"].tolist()


def test_versions_and_rollback_behave_alike(engine):
    assert store.data_version(engine) == 0
    first = store.replace(
        engine,
        DATASET_PUBLISHED,
        {"results": results_frame(2023, [70.0, 71.0])},
        {"kind": "results", "file_name": "a.csv", "sha256": "a" * 64, "rows": 2},
        user="siti",
    )
    second = store.replace(
        engine,
        DATASET_PUBLISHED,
        {"results": pd.concat([results_frame(2023, [75.0]), results_frame(2022, [60.0])])},
        user="budi",
    )
    assert stored(engine) == [(2022, "Kota 0", 60.0), (2023, "Kota 0", 75.0)]
    undo = store.rollback(engine, first, user="admin")
    # 2023 is as `first` left it; 2022 was not one of its slices, so it stays.
    assert stored(engine) == [
        (2022, "Kota 0", 60.0),
        (2023, "Kota 0", 70.0),
        (2023, "Kota 1", 71.0),
    ]
    listed = store.versions(engine)
    assert listed["id"].tolist() == [undo, second, first]
    assert listed["user"].tolist() == ["admin", "budi", "siti"]
    slices = ["results:2023", "results:2022, results:2023", "results:2023"]
    assert listed["slices"].tolist() == slices
    assert listed[["added", "changed", "removed"]].values.tolist() == [
        [1, 1, 0],  # Kota 1 back, Kota 0 changed
        [1, 1, 1],  # 2022's Kota 0 added; 2023's Kota 0 changed, Kota 1 removed
        [2, 0, 0],
    ]
    assert int(listed["rolled_back_to"].iloc[0]) == first
    assert store.data_version(engine) == 3
    assert store.imports_log(engine)["file_name"].tolist() == ["a.csv"]


def test_a_write_failing_half_way_changes_nothing(engine, monkeypatch):
    store.replace(engine, DATASET_PUBLISHED, {"results": results_frame(2023, [70.0])})
    before = (stored(engine), store.versions(engine), store.data_version(engine))
    original = store._replace_slice
    calls = []

    def fail_on_the_second_slice(conn, dataset, slice_, rows, version_id):
        calls.append(slice_)
        if len(calls) == 2:  # the first slice is written by now, in the same transaction
            raise sa.exc.OperationalError("INSERT", {}, Exception("disk I/O error"))
        return original(conn, dataset, slice_, rows, version_id)

    monkeypatch.setattr(store, "_replace_slice", fail_on_the_second_slice)
    frames = {"results": pd.concat([results_frame(2022, [1.0]), results_frame(2023, [2.0])])}
    with pytest.raises(store.StoreError):
        store.replace(engine, DATASET_PUBLISHED, frames)
    monkeypatch.undo()
    assert len(calls) == 2
    after = (stored(engine), store.versions(engine), store.data_version(engine))
    assert after[0] == before[0] and after[2] == before[2]
    pd.testing.assert_frame_equal(after[1], before[1])
    with engine.connect() as conn:
        archived = conn.execute(sa.select(sa.func.count()).select_from(store.ARCHIVES["results"]))
        assert archived.scalar() == 0


def test_a_second_import_waits_for_the_first_then_lands_after_it(engine, monkeypatch):
    """The first holds the write lock half-way through; the second must not start meanwhile."""
    store.replace(engine, DATASET_PUBLISHED, {"results": results_frame(2023, [10.0])})
    first_inside, release_first = threading.Event(), threading.Event()
    original = store._replace_slice

    def held_open(conn, *args):
        if threading.current_thread().name == "first":
            first_inside.set()
            assert release_first.wait(30)
        return original(conn, *args)

    monkeypatch.setattr(store, "_replace_slice", held_open)
    ids: dict[str, int] = {}
    errors: list[BaseException] = []

    def write(name: str, score: float) -> None:
        try:
            ids[name] = store.replace(
                engine, DATASET_PUBLISHED, {"results": results_frame(2023, [score])}, user=name
            )
        except BaseException as error:  # reported below, in the test's thread
            errors.append(error)

    first = threading.Thread(target=write, args=("first", 20.0), name="first")
    second = threading.Thread(target=write, args=("second", 30.0), name="second")
    first.start()
    assert first_inside.wait(30)
    second.start()
    second.join(1.0)
    waited = second.is_alive()
    seen_meanwhile = stored(engine)
    release_first.set()
    first.join(30)
    second.join(30)
    assert not errors, errors
    assert waited, "the second import ran while the first held the write lock"
    assert seen_meanwhile == [(2023, "Kota 0", 10.0)]  # neither is visible before it commits
    assert ids["second"] > ids["first"]
    assert stored(engine) == [(2023, "Kota 0", 30.0)]
    assert store.data_version(engine) == 3


# --- several processes writing to one PostgreSQL database at once ---------------------------

WRITER = textwrap.dedent(
    """
    import sys
    import pandas as pd
    from scoring import store
    url, name, count, rows = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    eng = store.engine(url)
    for i in range(count):
        frame = pd.DataFrame({
            "year": 2023, "level": "kota",
            "entity": [f"Kota {n}" for n in range(rows)],
            "score": [float(i)] * rows,
            "notes": f"{name}-{i}",
        })
        store.replace(eng, "resmi", {"results": frame}, user=name)
    """
)


@pytest.fixture
def postgres_url(postgres_server):
    with fresh_database(postgres_server) as url:
        eng = sa.create_engine(url)
        store.create_schema(eng)
        eng.dispose()
        yield url


def test_concurrent_imports_from_two_processes_land_serialised(postgres_url):
    writes, rows = 4, 3000
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, postgres_url, name, str(writes), str(rows)],
            cwd=ROOT,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("alpha", "beta")
    ]
    for process in processes:
        _, err = process.communicate(timeout=300)
        assert process.returncode == 0, err
    eng = sa.create_engine(postgres_url)
    try:
        listed = store.versions(eng).sort_values("id")
        assert len(listed) == 2 * writes
        assert sorted(listed["user"].tolist()) == ["alpha"] * writes + ["beta"] * writes
        assert store.data_version(eng) == 2 * writes  # no write lost its count
        # Every version replaced what the one before it wrote: all rows changed, or all added
        # for the first; a mixed or interleaved write would count otherwise.
        assert listed["added"].tolist() == [rows] + [0] * (2 * writes - 1)
        assert listed["removed"].tolist() == [0] * (2 * writes)
        current = store.read(eng, "results", DATASET_PUBLISHED)
        assert len(current) == rows
        assert current["notes"].nunique() == 1  # wholly one write
        assert listed["changed"].tolist() == [0] + [rows] * (2 * writes - 1)
        newest = listed.iloc[-1]
        for version_id in listed["id"].tolist():
            written = store.rows_of_version(eng, int(version_id))["results"]
            assert len(written) == rows and written["notes"].nunique() == 1
        assert current["notes"].iloc[0].startswith(str(newest["user"]))
    finally:
        eng.dispose()


def test_two_command_line_imports_at_once_on_an_empty_database(
    postgres_server, gazetteer, tmp_path
):
    """Both create the schema and import at the same moment: each lands whole, one after the
    other, and the newer version's figure is the one stored."""
    files = {}
    for name, score in (("a", "80"), ("b", "90")):
        files[name] = tmp_path / f"{name}.csv"
        files[name].write_text(
            f"tahun,tingkat,provinsi,nama,nilai\n2023,kabupaten,Bali,Kabupaten Badung,{score}\n"
        )
    with fresh_database(postgres_server) as url:
        env = {**os.environ, "KEPATUHAN_DATABASE_URL": url}
        processes = [
            subprocess.Popen(
                [sys.executable, "-m", "scoring", "import", str(path), "--user", name],
                cwd=ROOT,
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for name, path in files.items()
        ]
        for process in processes:
            out, err = process.communicate(timeout=300)
            assert process.returncode == 0, (out, err)
        eng = sa.create_engine(url)
        try:
            listed = store.versions(eng)
            assert sorted(listed["user"]) == ["a", "b"]
            newest = listed.iloc[0]
            scores = store.read(eng, "results", DATASET_PUBLISHED)["score"].tolist()
            assert scores == [{"a": 80.0, "b": 90.0}[newest["user"]]]
            assert listed[["added", "changed"]].values.tolist() == [[0, 1], [1, 0]]
            assert sorted(store.imports_log(eng)["file_name"]) == ["a.csv", "b.csv"]
        finally:
            eng.dispose()
