"""`python -m scoring`: output formats and exit codes (0 ok, 1 data errors, 2 usage)."""

import csv
import io
import subprocess
import sys

import pytest
import sqlalchemy as sa
from fixtures import PUBLISHED, requires_geo

from scoring import store
from scoring.cli import main


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_classify_prints_tab_separated_lines(capsys):
    code, out, _ = run(capsys, "classify", "--year", "2023", "77.70", "88.87")
    assert code == 0
    assert out.splitlines() == [
        "77.70\tkuning\tC\tKualitas Sedang",
        "88.87\thijau\tA\tKualitas Tertinggi",
    ]


def test_classify_before_categories_prints_a_dash(capsys):
    _, out, _ = run(capsys, "classify", "--year", "2018", "60")
    assert out.strip() == "60.00\tkuning\t-\tKepatuhan Sedang"


def test_classify_accepts_a_decimal_comma(capsys):
    _, out, _ = run(capsys, "classify", "--year", "2025", "31,99")
    assert out.strip() == "31.99\thitam\tE\tKualitas Terendah"


@requires_geo()  # the province and the codes come from the gazetteer
def test_rank_sulawesi_selatan_2023_lists_its_24_kabkota_best_first(capsys):
    code, out, err = run(
        capsys,
        "rank",
        str(PUBLISHED / "published-results.csv"),
        "--year",
        "2023",
        "--province",
        "Sulawesi Selatan",
    )
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0]) == ["rank", "code", "name", "province", "score", "zone", "category"]
    assert len(rows) == 24
    scores = [float(r["score"]) for r in rows]
    assert scores == sorted(scores, reverse=True)
    assert rows[0]["name"] == "Kabupaten Pinrang" and rows[0]["rank"] == "1"
    assert all(r["code"].startswith("73.") for r in rows)


@requires_geo()  # suggestions come from the gazetteer
def test_rank_reports_unknown_names_with_suggestions(tmp_path, capsys):
    path = tmp_path / "r.csv"
    path.write_text(
        "year,level,province,entity,score\n"
        "2023,kabupaten,Sulawesi Selatan,Kabupaten Bonne,80\n"
        "2023,kabupaten,Sulawesi Selatan,Kabupaten Gowa,70\n"
    )
    code, out, err = run(capsys, "rank", str(path), "--year", "2023", "--level", "kabupaten")
    assert code == 0
    assert "Kabupaten Bonne" in err and "Kabupaten Bone" in err
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows[0]["code"] == "" and rows[1]["code"] == "73.06"


def test_score_from_units(capsys):
    code, out, _ = run(capsys, "score", str(PUBLISHED / "published-results-opd.csv"))
    assert code == 0
    rows = {(r["year"], r["name"]): r for r in csv.DictReader(io.StringIO(out))}
    gorontalo = rows[("2025", "Provinsi Gorontalo")]
    assert (gorontalo["score"], gorontalo["units"], gorontalo["category"]) == ("76.82", "3", "C")


def test_validate_exit_1_with_the_report_on_stderr(tmp_path, capsys):
    path = tmp_path / "bad.csv"
    path.write_text("tahun,tingkat,provinsi,nama,nilai\n2023,kabupaten,Bali,Kabupaten Badung,x\n")
    code, _out, err = run(capsys, "validate", str(path))
    assert code == 1
    assert "bad.csv:2" in err and "nilai" in err


def test_usage_errors_exit_2(capsys):
    with pytest.raises(SystemExit) as raised:
        main(["rank"])
    assert raised.value.code == 2
    code, _, err = run(
        capsys,
        "rank",
        str(PUBLISHED / "published-results.csv"),
        "--year",
        "2023",
        "--province",
        "Atlantis",
    )
    assert code == 2 and "Atlantis" in err


def test_module_entry_point():
    done = subprocess.run(
        [sys.executable, "-m", "scoring", "classify", "--year", "2023", "78"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0
    assert done.stdout == "78.00\thijau\tB\tKualitas Tinggi\n"


def test_import_writes_nothing_from_a_bad_file(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("KEPATUHAN_DATABASE_URL", f"sqlite:///{tmp_path / 'db.sqlite'}")
    good = tmp_path / "good.csv"
    good.write_text(
        'tahun,tingkat,provinsi,nama,nilai\n2024,kabupaten,Bali,Kabupaten Badung,"91,5"\n'
    )
    code, out, err = run(capsys, "import", str(good))
    assert code == 0, err
    assert "2024" in out
    bad = tmp_path / "bad.csv"
    bad.write_text("tahun,tingkat,provinsi,nama,nilai\n2024,kabupaten,Bali,Kabupaten Badung,abc\n")
    code, _, err = run(capsys, "import", str(bad))
    assert code == 1 and "bad.csv:2" in err
    rows = store.read(store.engine(), "results", "resmi")
    assert rows["score"].tolist() == [91.5]


def test_import_into_a_database_from_a_newer_app_is_one_line_not_a_traceback(
    tmp_path, capsys, monkeypatch
):
    url = f"sqlite:///{tmp_path / 'newer.sqlite'}"
    monkeypatch.setenv("KEPATUHAN_DATABASE_URL", url)
    store.create_schema(store.engine(url))
    with store.engine(url).begin() as conn:
        conn.execute(sa.text("UPDATE alembic_version SET version_num = '9999'"))
    good = tmp_path / "good.csv"
    good.write_text("tahun,tingkat,provinsi,nama,nilai\n2024,kabupaten,Bali,Kabupaten Badung,91\n")
    code, _, err = run(capsys, "import", str(good))
    assert code == 1
    assert err.startswith("error: ") and "9999" in err and "Traceback" not in err
