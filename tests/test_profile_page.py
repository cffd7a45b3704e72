"""The profile page through AppTest on the fixture dataset (tests/fixtures.py): the rapor on top,
the plan for a category-A region, the year switcher, a region without any published figure, a
region with printed zones only, tables without 'None' or cropping bars, large type.

The module's database is the fixture's, with two changes: the demo Kota Makassar 2023 scores
90.00 (category A, its units and items unchanged), and a published 2023 row for Kabupaten
Belitung Timur (19.06) that prints a zone but no score.
"""

import json
import re

import fixtures
import pandas as pd
import pyarrow as pa
import pytest
from fixtures import build_fixture_database, open_page, requires_geo
from streamlit.testing.v1 import AppTest

from scoring import store
from scoring.choices import DATASET_DEMO, DATASET_PUBLISHED
from views import profile

MAKASSAR, BANGKA_BARAT, BELITUNG_TIMUR = "73.71", "19.05", "19.06"


@pytest.fixture(scope="module")
def database(tmp_path_factory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'profile.sqlite'}"
    engine = store.engine(url)
    build_fixture_database(engine)
    demo = fixtures.results(DATASET_DEMO)
    demo.loc[(demo["code"] == MAKASSAR) & (demo["year"] == 2023), "score"] = 90.0
    demo.loc[(demo["code"] == MAKASSAR) & (demo["year"] == 2023), "category"] = "A"
    store.replace(engine, DATASET_DEMO, {"results": demo})
    published = fixtures.results(DATASET_PUBLISHED)
    zone_only = (
        published[(published["code"] == "19.02") & (published["year"] == 2023)]
        .assign(
            code=BELITUNG_TIMUR,
            entity="Kabupaten Belitung Timur",
            region_name="Kabupaten Belitung Timur",
        )
        .iloc[[0]]
    )
    store.replace(
        engine, DATASET_PUBLISHED, {"results": pd.concat([published, zone_only], ignore_index=True)}
    )
    return url


@pytest.fixture(autouse=True)
def use_database(database, monkeypatch):
    monkeypatch.setenv("KEPATUHAN_DATABASE_URL", database)


def texts(app: AppTest) -> str:
    """Every text the page shows, as one string."""
    parts = [e.value for kind in ("markdown", "caption", "info", "title") for e in app.get(kind)]
    return "\n".join(str(p) for p in parts)


def charts(app: AppTest) -> list[dict]:
    """Each chart's Vega-Lite spec with its data rows put back under `datasets` (Streamlit
    sends them apart, as Arrow)."""
    specs = []
    for chart in app.get("vega_lite_chart"):
        spec = json.loads(chart.proto.spec)
        spec["datasets"] = {
            d.name: pa.ipc.open_stream(d.data.data).read_pandas().to_dict("records")
            for d in chart.proto.datasets
        }
        specs.append(spec)
    return specs


def in_order(node) -> list[str]:
    """The page's elements depth first, as 'Type: value' lines."""
    found = []
    for child in getattr(node, "children", {}).values():
        found.append(f"{type(child).__name__}: {getattr(child, 'value', '')}")
        found += in_order(child)
    return found


def frame(app: AppTest, index: int) -> pd.DataFrame:
    value = app.dataframe[index].value
    return value.data if hasattr(value, "data") else value


# --- the rapor ----------------------------------------------------------------------------------


def test_the_rapor_answers_which_unit_which_dimension_and_what_to_fix():
    app = open_page("profil", dataset=DATASET_DEMO, region=MAKASSAR, year="2023")
    shown = texts(app)
    assert "Unit terlemah" in shown and "**Dinas Sosial** · 74,05" in shown
    assert "Dimensi terlemah" in shown and "**Pengaduan** · 70,00" in shown
    assert "1. SK tim atau petugas pengelola pengaduan — Pengaduan, 7 unit" in shown
    # On top: right after the score cards, before the trend, the tables and the heatmap.
    order = in_order(app.main)
    first = {
        kind: next(i for i, e in enumerate(order) if e.startswith(kind))
        for kind in ("Caption: Unit terlemah", "Metric", "UnknownElement", "Dataframe")
    }
    assert first["Metric"] < first["Caption: Unit terlemah"] < first["UnknownElement"]
    assert first["Caption: Unit terlemah"] < first["Dataframe"]


def test_a_category_a_region_gets_its_weakest_parts_and_a_plan():
    # Makassar at 90.00 (A): before, the page said only "already in the top category".
    app = open_page("profil", dataset=DATASET_DEMO, region=MAKASSAR, year="2023")
    shown = texts(app)
    assert "Sudah di kategori tertinggi." not in shown
    assert "Sudah kategori tertinggi; **10,00** poin lagi ke 100" in shown
    plan = frame(app, 1)
    assert len(plan) == 10
    assert plan["Indikator"].iloc[0] == "SK tim atau petugas pengelola pengaduan"
    assert not plan["Indikator"].astype(str).str.match(r"^(Indikator )?\d+$").any()
    assert plan["Unit"].iloc[0] == "DPMPTSP"  # DPMPTSP Kota Makassar's pengaduan at 50
    assert "Uraian indikator adalah parafrase" in shown


def test_the_heatmap_is_coloured_by_zone_bands():
    app = open_page("profil", dataset=DATASET_DEMO, region=MAKASSAR, year="2023")
    heat = next(c for c in charts(app) if c["title"] == "Nilai per unit dan dimensi")
    cells = next(rows for name, rows in heat["datasets"].items() if rows and "zone_key" in rows[0])
    zones = {(c["unit"], c["dimension"]): c["zone_key"] for c in cells}
    assert zones[("DPMPTSP", "Pengaduan")] == "merah"  # 50
    assert zones[("Dinas Sosial", "Output")] == "kuning"  # 60
    assert zones[("Disdukcapil", "Output")] == "hijau"  # 100


# --- the year switcher --------------------------------------------------------------------------


def test_the_year_switcher_offers_the_regions_years_and_keeps_the_choice_in_the_url():
    app = open_page("profil", dataset=DATASET_DEMO, region=MAKASSAR, year="2023")
    picker = app.selectbox(key="profile-year")
    assert picker.options == ["2023", "2022", "2021"]
    picker.select(2022).run()
    assert not app.exception
    year = app.query_params["year"]
    assert (year[0] if isinstance(year, list) else year) == "2022"
    assert any(c.value.endswith("· 2022") for c in app.caption)


def test_picking_a_region_puts_its_own_province_in_the_url():
    app = open_page("profil", region="19.01", province="19", year="2023")
    app.selectbox(key="profile-region").select("73.08").run()
    assert not app.exception
    assert app.title[0].value == "Kabupaten Bone"
    params = {k: v[0] if isinstance(v, list) else v for k, v in app.query_params.items()}
    assert params["region"] == "73.08" and params["province"] == "73"


# --- no published figure ------------------------------------------------------------------------


@requires_geo()  # the region comes from the gazetteer
@pytest.mark.parametrize("lang", ["id", "en"])
def test_a_region_without_any_figure_says_so_plainly(lang):
    app = open_page("profil", region=BANGKA_BARAT, year="2023", lang=lang)
    assert app.title[0].value == "Kabupaten Bangka Barat"
    shown = texts(app)
    if lang == "id":
        assert "Belum ada angka terbitan dalam koleksi ini untuk 2023." in shown
        assert "Kepulauan Bangka Belitung · Kabupaten · 2023" in shown
        assert "Belum dinilai" not in shown
    else:
        assert "No published figure for 2023 in this collection." in shown
    assert "https://ombudsman.go.id" in shown
    assert not charts(app) and not app.dataframe and not app.metric
    assert not re.search(r"\bNone\b|\bnan\b", shown)


@requires_geo()
def test_a_region_without_figures_can_switch_year():
    app = open_page("profil", region=BANGKA_BARAT, year="2023")
    picker = app.selectbox(key="profile-year")
    assert picker.options == ["2023", "2022", "2021"]  # the dataset's years
    picker.select(2022).run()
    assert "Belum ada angka terbitan dalam koleksi ini untuk 2022." in texts(app)


# --- a region with printed zones but no score --------------------------------------------------


@requires_geo()
def test_a_zone_without_score_draws_no_line_of_its_own_and_names_the_medians():
    app = open_page("profil", region=BELITUNG_TIMUR, year="2023")
    assert app.title[0].value == "Kabupaten Belitung Timur"
    trend = charts(app)[0]
    line = next(la for la in trend["layer"] if la["mark"] == "line" or la["mark"]["type"] == "line")
    drawn = {r["series"] for r in trend["datasets"][line["data"]["name"]]}
    assert "Kabupaten Belitung Timur" not in drawn
    assert drawn <= {"Median provinsi", "Median nasional"} and drawn
    assert line["encoding"]["color"]["legend"] is not None
    assert "garis menunjukkan median pembanding" in texts(app)


# --- tables -------------------------------------------------------------------------------------


def test_published_units_table_has_no_none_and_no_cropping_bar():
    app = open_page("profil", region=MAKASSAR, year="2023")
    units = frame(app, 0)
    assert list(units.columns[:4]) == ["No.", "Unit", "Nilai", "Zona"]
    assert not units.isna().any().any()
    assert "None" not in units.astype(str).to_numpy()
    assert "progress" not in app.dataframe[0].proto.columns.lower()


def test_tables_show_the_decimal_comma():
    shown = profile.units_table(fixtures.units(), 2023, "id")
    graded = profile.graded_units(fixtures.units(), 2023)
    html = profile.styled(shown, "id", "standard", graded["zone"]).to_html()
    assert "74,05" in html and "74.05" not in html
    english = profile.styled(profile.units_table(fixtures.units(), 2023, "en"), "en", "standard")
    assert "74.05" in english.to_html()


def test_large_type_shows_tables_that_scale_with_the_page():
    app = open_page("profil", dataset=DATASET_DEMO, region=MAKASSAR, year="2023", large="1")
    assert len(app.table) == 2 and not app.dataframe  # units and plan as HTML tables
    units = app.table[0].value
    units = units.data if hasattr(units, "data") else units
    # No "#" header: an HTML table reads it as a Markdown heading and shows nothing.
    assert list(units.columns[:4]) == ["No.", "Unit", "Nilai", "Zona"]
