"""What the tests share: project paths, small builders, and the hand-made fixture dataset.

Test modules import from here (`from fixtures import ...`), never from one another or from
conftest. Nothing here needs the shared geo folder: the region codes below were copied from the
gazetteer (`scoring.regions.load_gazetteer().regions`), and `tests/test_regions.py` checks that
they still agree with it when the folder is there.

The fixture dataset
-------------------
Two provinces, Sulawesi Selatan ("73") and Kepulauan Bangka Belitung ("19"): each pemprov and a
handful of kab/kota, over three years across one method break. 2021 is its own era (three
zones, bands 81/51, no categories, comparable with nothing); 2022 and 2023 are one era
(categories A-E at 88/78/54/32, zones hijau A-B, kuning C, merah D-E), so 2023 is compared
with 2022 and 2022 with nothing. Scores (— is "no row that year"):

    code   government                   2021   2022    2023
    73     Provinsi Sulawesi Selatan    55.00  65.00   60.00
    73.03  Kabupaten Bantaeng             —    80.00   75.50   B→C: a fall out of hijau (turun)
    73.08  Kabupaten Bone               80.99  90.00   85.40   a fall within hijau (tetap)
    73.11  Kabupaten Barru              50.99  70.00   85.40   a rise kuning→hijau (naik); tie
    73.15  Kabupaten Pinrang            81.00  88.00   92.50   first in the province
    73.71  Kota Makassar                85.00  77.99   85.30   complete unit set in 2023
    73.72  Kota Parepare                  —      —     50.00   assessed in one year only
    19     Provinsi Kep. Bangka Belitung 90.00 82.00   80.00
    19.01  Kabupaten Bangka             45.00  53.99   70.00   D→C (naik)
    19.02  Kabupaten Belitung           70.00  60.00   zone kuning printed, no score
    19.04  Kabupaten Bangka Tengah      88.00  91.00   93.71   first nationally
    19.71  Kota Pangkal Pinang          60.00  40.00   30.00   D→E, both merah (tetap)

Bone and Barru tie at 85.40 in 2023 (rank 2 and 2 in Sulawesi Selatan, then Makassar 4).
2021's 81.00 / 80.99 / 50.99 and 2022's 88.00 / 77.99 / 53.99 sit on band edges. Scored rows
carry the zone and category a source would print for them; Belitung 2023 carries only a printed
zone (kuning) and category ("C (Kualitas Sedang)").

Kota Makassar 2023 has its seven units (the kota loci of 2022-2024), each with four dimension
scores and every indicator of the 2022-2024 methodology. Every indicator of a dimension holds the
dimension's score, so a unit's score is the weighted sum of its dimension scores (weights 21.85,
32.37, 24.24, 21.54) and the government's 85.30 is the unweighted mean of the seven:

    unit                              input proses output pengaduan  score
    DPMPTSP Kota Makassar              100    100    100      50     89.23  A
    Disdukcapil Kota Makassar           90     90    100      80     90.27  A
    Dinas Pendidikan Kota Makassar      90     90     90      90     90.00  A
    Dinas Kesehatan Kota Makassar      100     80     80      80     84.37  B
    Dinas Sosial Kota Makassar          70     90     60      70     74.05  C
    UPT Puskesmas Kassi-Kassi           80    100     80      70     84.32  B
    UPT Puskesmas Batua                 80    100    100      50     84.86  B

(89.23 + 90.27 + 90.00 + 84.37 + 74.05 + 84.32 + 84.86) / 7 = 597.10 / 7 = 85.30.

Two datasets are built from it: "resmi" (published: results with a source link, and the units)
and "contoh" (demo: the same figures marked as demo, without a source link, plus the dimension
and indicator scores, as the app's demo data has them).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from scoring import store
from scoring.choices import DATASET_DEMO, DATASET_PUBLISHED
from scoring.classify import classify
from scoring.frames import RESULT_COLUMNS
from scoring.methodology import for_year
from scoring.regions import GEO_DIR_ENV, GeoDataMissing, geo_dir, load_gazetteer
from shell import registry

ROOT = Path(__file__).resolve().parent.parent
PUBLISHED = ROOT / "data" / "published"
SHARED = ROOT.parent / "shared"

# --- the shared geo folder ----------------------------------------------------------------------


def geo_missing(*files: str) -> str | None:
    """Why a test needing the shared geo folder must skip (None when it can run).

    The gazetteer must load; `files` (relative to the folder) must exist as well.
    """
    folder = geo_dir()
    try:
        load_gazetteer()
    except GeoDataMissing as missing:
        detail = missing.missing
    else:
        detail = next((f for f in files if not (folder / f).is_file()), None)
    if detail is None:
        return None
    return f"shared geo folder not found at {folder} (no {detail}); set {GEO_DIR_ENV}"


def skip_without_geo(*files: str) -> None:
    """Skip the running test (or fixture) when the shared geo folder is absent."""
    reason = geo_missing(*files)
    if reason:
        pytest.skip(reason)


def requires_geo(*files: str) -> pytest.MarkDecorator:
    """A skipif mark for tests (or whole modules) that read the shared geo folder."""
    reason = geo_missing(*files)
    return pytest.mark.skipif(reason is not None, reason=reason or "")


# --- builders shared by the chart, map and browser tests and the map bench ----------------------

HOSTILE = "<img src=x onerror=alert(1)>"
BREAKOUT = "</script><script>window.pwned=1</script>"


def ranking_frame(year: int = 2023) -> pd.DataFrame:
    """Five made-up governments graded for `year`; one of them named with hostile HTML."""
    scores = [45.3, 93.71, 77.99, 88.0, 66.66]
    frame = pd.DataFrame(
        {
            "display_name": ["Kab. Bogor", "Kab. Bangka Tengah", "Kota Bogor", HOSTILE, "Kab. A"],
            "score": scores,
            "province": "Jawa Barat",
        }
    )
    frame = frame.join(classify(frame["score"], for_year(year))[["zone", "category"]])
    return frame.assign(rank=frame["score"].rank(ascending=False).astype(int))


def make_results(boundaries, year: int = 2024) -> pd.DataFrame:
    """A result for two regions in three of a `views.geo.Boundaries`; the third is unassessed."""
    regions = boundaries.kabkota.iloc[[i for i in range(len(boundaries.kabkota)) if i % 3]]
    scores = pd.Series(np.linspace(20, 99, len(regions)).round(2), index=regions.index)
    frame = pd.DataFrame(
        {
            "code": regions["code"],
            "display_name": regions["name"],
            "province": regions["province"],
            "score": scores,
            "rank_national_kabkota": scores.rank(ascending=False).astype(int),
            "rank_province_kabkota": scores.groupby(regions["province_code"])
            .rank(ascending=False)
            .astype(int),
            "year": year,
        }
    )
    labels = classify(frame["score"], for_year(year))
    return frame.join(labels[["zone", "category", "opinion_id"]]).reset_index(drop=True)


# --- the fixture dataset: regions ---------------------------------------------------------------

SULSEL = "73"
BABEL = "19"
PROVINCE_NAMES = {BABEL: "Kepulauan Bangka Belitung", SULSEL: "Sulawesi Selatan"}

# Every kab/kota of the two provinces, as the gazetteer lists them (code, name).
_REGIONS = (
    ("19.01", "Kabupaten Bangka"),
    ("19.02", "Kabupaten Belitung"),
    ("19.03", "Kabupaten Bangka Selatan"),
    ("19.04", "Kabupaten Bangka Tengah"),
    ("19.05", "Kabupaten Bangka Barat"),
    ("19.06", "Kabupaten Belitung Timur"),
    ("19.71", "Kota Pangkal Pinang"),
    ("73.01", "Kabupaten Kepulauan Selayar"),
    ("73.02", "Kabupaten Bulukumba"),
    ("73.03", "Kabupaten Bantaeng"),
    ("73.04", "Kabupaten Jeneponto"),
    ("73.05", "Kabupaten Takalar"),
    ("73.06", "Kabupaten Gowa"),
    ("73.07", "Kabupaten Sinjai"),
    ("73.08", "Kabupaten Bone"),
    ("73.09", "Kabupaten Maros"),
    ("73.10", "Kabupaten Pangkajene dan Kepulauan"),
    ("73.11", "Kabupaten Barru"),
    ("73.12", "Kabupaten Soppeng"),
    ("73.13", "Kabupaten Wajo"),
    ("73.14", "Kabupaten Sidenreng Rappang"),
    ("73.15", "Kabupaten Pinrang"),
    ("73.16", "Kabupaten Enrekang"),
    ("73.17", "Kabupaten Luwu"),
    ("73.18", "Kabupaten Tana Toraja"),
    ("73.22", "Kabupaten Luwu Utara"),
    ("73.24", "Kabupaten Luwu Timur"),
    ("73.26", "Kabupaten Toraja Utara"),
    ("73.71", "Kota Makassar"),
    ("73.72", "Kota Parepare"),
    ("73.73", "Kota Palopo"),
)


def regions() -> pd.DataFrame:
    """The two provinces' kab/kota in the gazetteer's shape (code, name, level, province_code,
    province): 24 in Sulawesi Selatan, 7 in Kepulauan Bangka Belitung."""
    frame = pd.DataFrame(_REGIONS, columns=["code", "name"])
    province_code = frame["code"].str[:2]
    return pd.DataFrame(
        {
            "code": frame["code"],
            "name": frame["name"],
            "level": frame["name"].str.split().str[0].str.lower(),
            "province_code": province_code,
            "province": province_code.map(PROVINCE_NAMES),
        }
    )


def province_names() -> dict[str, str]:
    return dict(PROVINCE_NAMES)


def _name(code: str) -> str:
    if len(code) == 2:
        return f"Provinsi {PROVINCE_NAMES[code]}"
    return dict(_REGIONS)[code]


def _level(code: str) -> str:
    return "provinsi" if len(code) == 2 else _name(code).split()[0].lower()


# --- the fixture dataset: results ---------------------------------------------------------------

# (year, code, score, printed zone, printed category); see the module docstring.
_RESULTS = (
    (2021, "73", 55.00, "kuning", "kepatuhan sedang"),
    (2021, "73.08", 80.99, "kuning", "kepatuhan sedang"),
    (2021, "73.11", 50.99, "merah", "kepatuhan rendah"),
    (2021, "73.15", 81.00, "hijau", "kepatuhan tinggi"),
    (2021, "73.71", 85.00, "hijau", "kepatuhan tinggi"),
    (2021, "19", 90.00, "hijau", "kepatuhan tinggi"),
    (2021, "19.01", 45.00, "merah", "kepatuhan rendah"),
    (2021, "19.02", 70.00, "kuning", "kepatuhan sedang"),
    (2021, "19.04", 88.00, "hijau", "kepatuhan tinggi"),
    (2021, "19.71", 60.00, "kuning", "kepatuhan sedang"),
    (2022, "73", 65.00, "kuning", "C (Kualitas Sedang)"),
    (2022, "73.03", 80.00, "hijau", "B (Kualitas Tinggi)"),
    (2022, "73.08", 90.00, "hijau", "A (Kualitas Tertinggi)"),
    (2022, "73.11", 70.00, "kuning", "C (Kualitas Sedang)"),
    (2022, "73.15", 88.00, "hijau", "A (Kualitas Tertinggi)"),
    (2022, "73.71", 77.99, "kuning", "C (Kualitas Sedang)"),
    (2022, "19", 82.00, "hijau", "B (Kualitas Tinggi)"),
    (2022, "19.01", 53.99, "merah", "D (Kualitas Rendah)"),
    (2022, "19.02", 60.00, "kuning", "C (Kualitas Sedang)"),
    (2022, "19.04", 91.00, "hijau", "A (Kualitas Tertinggi)"),
    (2022, "19.71", 40.00, "merah", "D (Kualitas Rendah)"),
    (2023, "73", 60.00, "kuning", "C (Kualitas Sedang)"),
    (2023, "73.03", 75.50, "kuning", "C (Kualitas Sedang)"),
    (2023, "73.08", 85.40, "hijau", "B (Kualitas Tinggi)"),
    (2023, "73.11", 85.40, "hijau", "B (Kualitas Tinggi)"),
    (2023, "73.15", 92.50, "hijau", "A (Kualitas Tertinggi)"),
    (2023, "73.71", 85.30, "hijau", "B (Kualitas Tinggi)"),
    (2023, "73.72", 50.00, "merah", "D (Kualitas Rendah)"),
    (2023, "19", 80.00, "hijau", "B (Kualitas Tinggi)"),
    (2023, "19.01", 70.00, "kuning", "C (Kualitas Sedang)"),
    (2023, "19.02", np.nan, "kuning", "C (Kualitas Sedang)"),
    (2023, "19.04", 93.71, "hijau", "A (Kualitas Tertinggi)"),
    (2023, "19.71", 30.00, "merah", "E (Kualitas Terendah)"),
)
YEARS = (2021, 2022, 2023)
SOURCE_URL = "https://ombudsman.go.id/fixture/penilaian-{year}"
DEMO_NOTE = "Data contoh (sintetis) — bukan hasil resmi"


def raw_results(dataset: str = DATASET_PUBLISHED) -> pd.DataFrame:
    """The results as an importer returns them (`scoring.frames.RESULT_COLUMNS`), unresolved."""
    demo = dataset == DATASET_DEMO
    rows = [
        {
            "year": year,
            "level": _level(code),
            "province": PROVINCE_NAMES[code[:2]],
            "entity": _name(code),
            "score": score,
            "zone": zone,
            "category": category,
            "source_url": "" if demo else SOURCE_URL.format(year=year),
            "notes": DEMO_NOTE if demo else "",
            "source_row": line,
        }
        for line, (year, code, score, zone, category) in enumerate(_RESULTS, start=2)
    ]
    return pd.DataFrame(rows, columns=list(RESULT_COLUMNS)).astype(
        {"year": "int64", "score": "float64", "source_row": "int64"}
    )


def codes() -> pd.Series:
    """The region code of every row of `raw_results()`, in order."""
    return pd.Series([code for _, code, *_ in _RESULTS], name="code")


def results(dataset: str = DATASET_PUBLISHED) -> pd.DataFrame:
    """The results resolved, as stored: codes attached the way the gazetteer attaches them
    (a pemprov's `region_name` is the bare province name)."""
    raw = raw_results(dataset)
    code = codes()
    return raw.assign(
        code=code,
        province_code=code.str[:2],
        region_name=[PROVINCE_NAMES[c] if len(c) == 2 else _name(c) for c in code],
        match="exact",
    )


# --- the fixture dataset: Kota Makassar 2023, unit by unit --------------------------------------

UNIT_YEAR = 2023
UNIT_CODE = "73.71"
UNIT_GOVERNMENT = "Kota Makassar"
UNIT_SCORE = 85.30
# (opd, unit_type, input, proses, output, pengaduan, unit score, category)
_UNITS = (
    ("DPMPTSP Kota Makassar", "dpmptsp", 100, 100, 100, 50, 89.23, "A"),
    ("Disdukcapil Kota Makassar", "disdukcapil", 90, 90, 100, 80, 90.27, "A"),
    ("Dinas Pendidikan Kota Makassar", "dinas_pendidikan", 90, 90, 90, 90, 90.00, "A"),
    ("Dinas Kesehatan Kota Makassar", "dinas_kesehatan", 100, 80, 80, 80, 84.37, "B"),
    ("Dinas Sosial Kota Makassar", "dinas_sosial", 70, 90, 60, 70, 74.05, "C"),
    ("UPT Puskesmas Kassi-Kassi", "puskesmas", 80, 100, 80, 70, 84.32, "B"),
    ("UPT Puskesmas Batua", "puskesmas", 80, 100, 100, 50, 84.86, "B"),
)
DIMENSIONS = ("input", "proses", "output", "pengaduan")
_ZONE_OF = {"A": "hijau", "B": "hijau", "C": "kuning", "D": "merah", "E": "merah"}


def units(dataset: str = DATASET_PUBLISHED) -> pd.DataFrame:
    """Kota Makassar's seven units in 2023, as the `units` table stores them."""
    demo = dataset == DATASET_DEMO
    return pd.DataFrame(
        [
            {
                "year": UNIT_YEAR,
                "province": PROVINCE_NAMES[SULSEL],
                "pemda": UNIT_GOVERNMENT,
                "opd": opd,
                "unit_type": unit_type,
                "score": score,
                "zone": _ZONE_OF[category],
                "category": category,
                "source_url": "" if demo else SOURCE_URL.format(year=UNIT_YEAR),
                "notes": DEMO_NOTE if demo else "",
                "source_row": line,
                "code": UNIT_CODE,
            }
            for line, (opd, unit_type, *_, score, category) in enumerate(_UNITS, start=2)
        ]
    )


def dimension_scores() -> pd.DataFrame:
    """Each unit's four dimension scores, as the `dimension_scores` table stores them."""
    return pd.DataFrame(
        [
            {
                "year": UNIT_YEAR,
                "code": UNIT_CODE,
                "pemda": UNIT_GOVERNMENT,
                "opd": opd,
                "unit_type": unit_type,
                "dimension": dimension,
                "score": float(score),
            }
            for opd, unit_type, *scores, _, _ in _UNITS
            for dimension, score in zip(DIMENSIONS, scores, strict=True)
        ]
    )


def indicator_scores() -> pd.DataFrame:
    """Every indicator of every unit (40 per unit), each at its dimension's score, as the
    `indicator_scores` table stores them."""
    method = for_year(UNIT_YEAR)
    rows = [
        {
            "year": UNIT_YEAR,
            "code": UNIT_CODE,
            "opd": opd,
            "unit_type": unit_type,
            "dimension": dimension.key,
            "variable": variable.key,
            "indicator": indicator,
            "score": float(dict(zip(DIMENSIONS, scores, strict=True))[dimension.key]),
        }
        for opd, unit_type, *scores, _, _ in _UNITS
        for dimension in method.dimensions
        for variable in dimension.variables
        for indicator in range(1, variable.indicators + 1)
    ]
    return pd.DataFrame(rows)


# --- the fixture database -----------------------------------------------------------------------


def dataset_frames(dataset: str) -> dict[str, pd.DataFrame]:
    """What `build_fixture_database` writes for a dataset, by table name."""
    out = {"results": results(dataset), "units": units(dataset)}
    if dataset == DATASET_DEMO:
        out |= {"dimensions": dimension_scores(), "indicators": indicator_scores()}
    return out


def build_fixture_database(engine) -> None:
    """Create the schema on a SQLAlchemy engine and write both datasets of the fixture."""
    store.create_schema(engine)
    for dataset in (DATASET_PUBLISHED, DATASET_DEMO):
        store.replace(engine, dataset, dataset_frames(dataset))


# --- pages through AppTest ----------------------------------------------------------------------


def open_page(page: str, **params: str) -> AppTest:
    """Run app.py on `page` (a key of shell.registry) with URL `params`; no exception allowed."""
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    for key, value in params.items():
        app.query_params[key] = value
    app.switch_page(registry.script(page))
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    return app
