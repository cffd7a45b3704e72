"""An import that cannot lose or bend data: every failure class of the hostile-file review.

Each test drives `python -m scoring` (in process, or as a child process where a hang is the
fault) against files written by `hostile_files`, and checks the one thing the class is about:
the report names file, row and column; nothing is written; what was stored survives.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from fixtures import ROOT, requires_geo
from hostile_files import (
    GOOD_ROWS,
    HEADER,
    ITEM_ROW,
    ITEMS_HEADER,
    UNIT_ROW,
    UNITS_HEADER,
    awkward,
    fifo,
    malformed,
)
from hypothesis import given, settings
from hypothesis import strategies as st

from scoring import store
from scoring.choices import DATASET_PUBLISHED
from scoring.cli import main
from scoring.importing import inspect_file, load
from scoring.problems import ImportFailed

pytestmark = requires_geo()  # placing every row needs the gazetteer


@pytest.fixture
def database(tmp_path, monkeypatch) -> Path:
    """The database file the command line writes to (not created yet)."""
    path = tmp_path / "db" / "kepatuhan.sqlite"
    monkeypatch.setenv("KEPATUHAN_DATABASE_URL", f"sqlite:///{path}")
    return path


@pytest.fixture
def any_database(database_url, monkeypatch) -> str:
    """A new database on each backend in turn (SQLite, then PostgreSQL), for the command line."""
    monkeypatch.setenv("KEPATUHAN_DATABASE_URL", database_url)
    return database_url


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def write(path: Path, *lines: str) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def stored(name: str = "results") -> list[tuple[int, str, float]]:
    rows = store.read(store.engine(), name, DATASET_PUBLISHED)
    names = rows["entity" if name == "results" else "opd"]
    return sorted(zip(rows["year"], names, rows["score"], strict=True))


# --- every malformed file: one report, exit 1, nothing written ------------------------------

# What the report must say for some classes (Indonesian wording, the CLI's default).
SAYS = {
    "fullwidth-digits": "bukan angka",
    "nul-inside-digits": "karakter tersembunyi",
    "zero-width-inside-digits": "karakter tersembunyi",
    "xlsx-div0": "galat Excel",
    "xlsx-formula-without-value": "rumus tanpa nilai",
    "url-javascript": "alamat web http",
    "url-markdown-breakout": "alamat web http",
    "year-2030": "tahun harus 2015–",
    "year-2099": "tahun harus 2015–",
    "place-unknown-region": "mungkin: Kabupaten",
    "place-wrong-province": "ada di provinsi Bali",
    "place-unknown-province": "mungkin: Bali",
    "unit-unknown-government": "daerah tidak dikenali",
    "path-directory": "folder",
    "path-symlink-loop": "tidak dapat dibuka",
    "path-through-a-file": "tidak dapat dibuka",
    "path-dangling-symlink": "berkas tidak ada",
    "kind-units-as-results": "berkas nilai unit",
    "kind-items-as-units": "berkas nilai butir",
    "kind-results-as-units": "berkas hasil pemda",
    "size-too-many-rows": "lebih dari 100 baris",
    "size-too-many-bytes": "terlalu besar",
    "cell-without-header": "tidak berjudul",
}


def test_the_files_the_malformed_ones_are_made_from_are_valid(tmp_path, database, capsys):
    """So each malformed file is refused for its own fault, not for its base."""
    results = write(tmp_path / "r.csv", HEADER, *GOOD_ROWS)
    units = write(tmp_path / "u.csv", UNITS_HEADER, UNIT_ROW)
    items = write(tmp_path / "i.csv", ITEMS_HEADER, ITEM_ROW)
    assert run(capsys, "validate", str(items))[0] == 0
    code, _, err = run(capsys, "import", str(results), "--units", str(units))
    assert code == 0, err


def test_every_malformed_file_is_refused_cleanly(tmp_path, database, capsys):
    cases = malformed(tmp_path)
    unclean = []
    for case in cases:
        code, out, err = run(capsys, *case.argv)
        files = {Path(a).name for a in case.argv[1:] if not a.isdigit() and "/" in a}
        lines = err.strip().splitlines()
        clean = (
            code == 1
            and not out
            and lines
            and "Traceback" not in err
            and any(line.startswith(tuple(files)) for line in lines)
            and SAYS.get(case.name, "") in err
            and not database.exists()  # validation opened no database
        )
        if not clean:
            unclean.append((case.name, code, err[-300:]))
    assert unclean == []
    assert len(cases) >= 90
    print(f"{len(cases)} malformed files refused cleanly")


def test_unplaced_rows_carry_the_closest_names(tmp_path):
    from scoring.bundle import prepare_published
    from scoring.regions import load_gazetteer

    path = write(tmp_path / "typo.csv", HEADER, GOOD_ROWS[0].replace("Badung", "Badungg"))
    with pytest.raises(ImportFailed) as failed:
        prepare_published(path, None, load_gazetteer())
    (problem,) = [p for p in failed.value.problems if p.severity == "error"]
    assert (problem.file, problem.row, problem.column, problem.value) == (
        "typo.csv",
        2,
        "nama",
        "Kabupaten Badungg",
    )
    assert problem.code == "region_unknown"
    assert "Kabupaten Badung" in problem.suggestions


def test_a_fifo_is_refused_at_once_instead_of_waiting_forever(tmp_path):
    pipe = fifo(tmp_path)
    done = subprocess.run(
        [sys.executable, "-m", "scoring", "validate", str(pipe)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 1
    assert "pipe.csv: bukan berkas biasa" in done.stderr
    assert "Traceback" not in done.stderr


def test_an_unreadable_file_is_one_line(tmp_path, database, capsys, monkeypatch):
    path = write(tmp_path / "secret.csv", HEADER, *GOOD_ROWS)
    path.chmod(0)
    real = Path.read_bytes

    def refuse(self: Path) -> bytes:  # root reads any file: refuse this one as the OS would
        if self == path:
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    code, _, err = run(capsys, "import", str(path))
    assert code == 1
    assert err.splitlines()[0] == "secret.csv: berkas tidak dapat dibuka: Permission denied"
    assert not database.exists()


def test_the_row_limit_can_be_set_in_the_environment(tmp_path, database, capsys, monkeypatch):
    monkeypatch.setenv("KEPATUHAN_IMPORT_MAX_ROWS", "1")
    path = write(tmp_path / "two.csv", HEADER, *GOOD_ROWS)
    code, _, err = run(capsys, "import", str(path))
    assert code == 1 and "lebih dari 1 baris data" in err


# --- what is stored survives ------------------------------------------------------------------


def test_a_units_file_of_2022_leaves_the_2022_results_alone(tmp_path, any_database, capsys):
    """`import results-2023.csv --units units.csv` with one 2022 unit row deleted every
    published 2022 result (142 -> 0)."""
    first = write(
        tmp_path / "both.csv",
        HEADER,
        GOOD_ROWS[0].replace("2023", "2022"),
        GOOD_ROWS[1].replace("2023", "2022"),
        *GOOD_ROWS,
    )
    assert run(capsys, "import", str(first))[0] == 0
    results_2023 = write(tmp_path / "results-2023.csv", HEADER, GOOD_ROWS[0].replace("85", "90"))
    units = write(tmp_path / "units.csv", UNITS_HEADER, "2022,Bali,Kabupaten Badung,DPMPTSP,88")
    code, out, err = run(capsys, "import", str(results_2023), "--units", str(units))
    assert code == 0, err
    assert "results:2023, units:2022" in out
    assert stored() == [
        (2022, "Kabupaten Badung", 85.0),
        (2022, "Kota Denpasar", 77.5),
        (2023, "Kabupaten Badung", 90.0),
    ]
    assert stored("units") == [(2022, "DPMPTSP", 88.0)]


def fingerprint(path: Path) -> tuple[str, int]:
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns


def test_a_failed_import_does_not_touch_the_database_file(tmp_path, database, capsys):
    good = write(tmp_path / "good.csv", HEADER, *GOOD_ROWS)
    assert run(capsys, "import", str(good))[0] == 0
    before = fingerprint(database)
    bad = write(tmp_path / "bad.csv", HEADER, GOOD_ROWS[0].replace("85", "８５"))
    code, _, err = run(capsys, "import", str(bad))
    assert code == 1 and "bad.csv:2 kolom 'nilai' nilai '８５': bukan angka" in err
    assert fingerprint(database) == before


def test_import_prints_the_warnings_validate_prints(tmp_path, database, capsys):
    path = write(tmp_path / "ungu.csv", HEADER, GOOD_ROWS[0].replace("hijau", "ungu"))
    code, out, err = run(capsys, "import", str(path))
    assert code == 0
    assert "peringatan: ungu.csv:2 kolom 'zona' nilai 'ungu': zona tidak dikenal" in err
    assert "diimpor" in out


def test_a_failed_import_writes_nothing_on_either_backend(tmp_path, any_database, capsys):
    good = write(tmp_path / "good.csv", HEADER, *GOOD_ROWS)
    assert run(capsys, "import", str(good))[0] == 0
    engine = store.engine()
    before = (store.data_version(engine), len(store.versions(engine)), stored())
    bad = write(tmp_path / "bad.csv", HEADER, GOOD_ROWS[0].replace("Badung", "Atlantis"))
    assert run(capsys, "import", str(bad))[0] == 1
    assert (store.data_version(engine), len(store.versions(engine)), stored()) == before


def test_the_import_names_its_user_in_the_version_log(tmp_path, any_database, capsys):
    path = write(tmp_path / "good.csv", HEADER, *GOOD_ROWS)
    assert run(capsys, "import", str(path), "--user", "siti")[0] == 0
    newest = store.versions(store.engine()).iloc[0]
    assert (newest["user"], newest["file_name"], newest["slices"]) == (
        "siti",
        "good.csv",
        "results:2023",
    )


# --- database faults: one line, exit 1 --------------------------------------------------------


def database_fault(capsys, monkeypatch, tmp_path, url: str) -> str:
    monkeypatch.setenv("KEPATUHAN_DATABASE_URL", url)
    path = write(tmp_path / "good.csv", HEADER, *GOOD_ROWS)
    code, out, err = run(capsys, "import", str(path))
    assert code == 1 and not out
    assert len(err.strip().splitlines()) == 1 and err.startswith("error: ")
    return err


def test_a_read_only_database(tmp_path, database, capsys, monkeypatch):
    good = write(tmp_path / "first.csv", HEADER, *GOOD_ROWS)
    assert run(capsys, "import", str(good))[0] == 0
    url = f"sqlite:///file:{database}?mode=ro&uri=true"
    assert "hanya-baca" in database_fault(capsys, monkeypatch, tmp_path, url)


def test_a_corrupt_database(tmp_path, capsys, monkeypatch):
    path = tmp_path / "corrupt.sqlite"
    path.write_bytes(b"garbage, not SQLite " * 500)
    err = database_fault(capsys, monkeypatch, tmp_path, f"sqlite:///{path}")
    assert "rusak" in err


def test_an_unknown_database_url(tmp_path, capsys, monkeypatch):
    err = database_fault(capsys, monkeypatch, tmp_path, "kepatuhan-database")
    assert "alamat basis data tidak dikenal" in err


def test_a_postgresql_url_without_its_driver(tmp_path, capsys, monkeypatch):
    for driver in ("psycopg", "psycopg2"):
        monkeypatch.setitem(sys.modules, driver, None)
    err = database_fault(capsys, monkeypatch, tmp_path, "postgresql://u:pw@localhost/db")
    assert "tidak terpasang" in err and "pw" not in err


def test_a_second_import_says_it_waits_then_fails_cleanly_if_the_first_holds_on(
    tmp_path, database, capsys, monkeypatch
):
    good = write(tmp_path / "first.csv", HEADER, *GOOD_ROWS)
    assert run(capsys, "import", str(good))[0] == 0
    monkeypatch.setenv(store.LOCK_TIMEOUT_ENV, "0.3")
    monkeypatch.setenv("KEPATUHAN_DATABASE_URL", f"sqlite:///{database.parent}/./{database.name}")
    holder = sqlite3.connect(database)  # another import, mid-write
    holder.execute("BEGIN IMMEDIATE")
    try:
        assert store.write_in_progress(store.engine())
        code, out, err = run(capsys, "import", str(good))
    finally:
        holder.rollback()
        holder.close()
    assert code == 1 and not out
    waiting, failed = err.strip().splitlines()
    assert waiting.startswith("impor lain sedang menulis; menunggu sampai selesai")
    assert failed.startswith("error: ") and "dikunci impor lain" in failed
    assert not store.write_in_progress(store.engine())  # and the lock is free again
    assert run(capsys, "import", str(good))[0] == 0


# --- awkward but valid files load ---------------------------------------------------------------


def test_awkward_valid_files_load(tmp_path):
    for name, path in awkward(tmp_path).items():
        frame = load(path, kind="results").frame
        badung = frame[frame["entity"] == "Kabupaten Badung"]
        assert badung[["year", "score"]].values.tolist() == [[2023, 85.0]], name


def test_a_two_level_header_is_joined(tmp_path):
    shape = inspect_file(awkward(tmp_path)["two-level-xlsx"])
    assert shape.kind == "results"
    assert shape.header_row == 2
    assert "Hasil Penilaian / Nilai" in shape.headers
    assert shape.mapped["Hasil Penilaian / Nilai"] == "score"
    assert shape.mapped["Hasil Penilaian / Zona"] == "zone"
    assert shape.unknown_headers == ()


def test_an_unknown_header_can_be_mapped(tmp_path):
    path = write(
        tmp_path / "odd.csv", "Tahun,Provinsi,Nama Pemda,Skor Akhir IKP", "2023,Bali,Kota X,80"
    )
    shape = inspect_file(path)
    assert shape.unknown_headers == ("Skor Akhir IKP",)
    with pytest.raises(ImportFailed):
        load(path, kind="results")
    frame = load(path, kind="results", header_overrides={"Skor Akhir IKP": "score"}).frame
    assert frame["score"].tolist() == [80.0]
    assert inspect_file(path, header_overrides={"skor akhir ikp": "score"}).unknown_headers == ()


def test_the_row_limit_counts_data_rows(tmp_path, capsys):
    path = write(tmp_path / "ok.csv", "Hasil 2023", "", HEADER, *GOOD_ROWS)  # title, blank line
    assert run(capsys, "validate", str(path), "--max-rows", "2")[0] == 0
    code, _, err = run(capsys, "validate", str(path), "--max-rows", "1")
    assert code == 1 and "lebih dari 1 baris data" in err


# --- no value is ever bent ------------------------------------------------------------------


def csv_cell(text: str) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="", quoting=csv.QUOTE_ALL).writerow([text])
    return out.getvalue()


@settings(max_examples=150, deadline=None)
@given(text=st.text(min_size=1, max_size=12))
def test_a_score_cell_is_read_exactly_or_refused_never_emptied(tmp_path_factory, text):
    """Whatever is typed in a score cell: an error at that cell, or the number it spells in
    ASCII digits, never an empty or altered score."""
    path = tmp_path_factory.mktemp("s") / "s.csv"
    path.write_text(f"tahun,provinsi,nama,nilai\n2023,Bali,Kota Denpasar,{csv_cell(text)}\n")
    shown = text.strip(" \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\u2028\u2029")
    try:
        score = load(path, kind="results").frame["score"].iloc[0]
    except ImportFailed as failed:
        assert failed.problems[0].row == 2 or failed.problems[0].row is None
        return
    if pd.isna(score):
        assert shown == "" or not shown.strip()  # only an empty cell reads as no score
        return
    spelled = re.sub(r"\s*[.,]\s*", ".", shown)
    assert re.fullmatch(r"\+?[0-9]+(\.[0-9]+)?", spelled), text
    assert score == float(spelled)


def test_line_numbers_count_line_feeds_as_editors_do(tmp_path):
    """A lone carriage return inside quotes is text (rows after it keep their line); a file
    whose lines all end in one (classic Mac) still reads line by line."""
    path = tmp_path / "cr.csv"
    path.write_bytes(
        b'tahun,provinsi,nama,nilai,catatan\n2023,Bali,Kota Denpasar,70,"a\rb"\n'
        b"2023,Bali,Kabupaten Badung,x,\n"
    )
    with pytest.raises(ImportFailed) as failed:
        load(path, kind="results")
    assert [(p.row, p.value) for p in failed.value.problems] == [(3, "x")]
    mac = tmp_path / "mac.csv"
    mac.write_bytes(b"tahun,provinsi,nama,nilai\r2023,Bali,Kota Denpasar,70\r2023,Bali,Kota X,y\r")
    with pytest.raises(ImportFailed) as failed:
        load(mac, kind="results")
    assert [(p.row, p.value) for p in failed.value.problems] == [(3, "y")]
