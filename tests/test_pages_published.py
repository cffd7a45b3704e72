"""The pages through Streamlit's AppTest on the bundled published and demo data: real figures
(Pinrang first in Sulawesi Selatan 2023, Bone 82,55), deep links, bad parameters, hostile names.

The hand-made fixture dataset drives the page tests of `test_pages.py`; these check the same
pages on the data the app ships.
"""

import os
import re

import pandas as pd
import pytest
import sqlalchemy as sa
from fixtures import open_page, requires_geo

from scoring import bundle, store
from scoring.i18n import t
from shell import registry

HOSTILE = "<img src=x onerror=alert(1)>"
PAGES = tuple(spec.key for spec in registry.PAGES if spec.audience != "kiosk")  # see test_pages
pytestmark = requires_geo()  # the demo data and region codes come from the gazetteer


@pytest.fixture(scope="module", autouse=True)
def app_database(tmp_path_factory):
    """A database of the bundled data plus one published row under a hostile name."""
    url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'app.sqlite'}"
    engine = store.engine(url)
    bundle.build(engine)
    hostile = pd.DataFrame(
        [
            {
                "year": 2023,
                "level": "kabupaten",
                "province": "Papua Barat Daya",
                "entity": HOSTILE,
                "score": 55.5,
                "code": "96.01",
                "province_code": "96",
                "match": "exact",
                "source_url": "https://example.org/x",
                "source_row": 1,
            }
        ]
    )
    with engine.begin() as conn:
        conn.execute(
            sa.insert(store.results_table),
            store._columns(store.results_table, hostile.assign(dataset="resmi")).to_dict("records"),
        )
    mp = pytest.MonkeyPatch()
    mp.setenv("KEPATUHAN_DATABASE_URL", url)
    yield
    mp.undo()


@pytest.mark.parametrize("dataset", ["resmi", "contoh"])
@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_without_exception(page, dataset):
    app = open_page(page, dataset=dataset)
    assert app.title or app.header or app.subheader
    badge = (
        [w.value for w in app.warning] if dataset == "contoh" else [c.value for c in app.caption]
    )
    assert any(("DATA CONTOH" if dataset == "contoh" else "Hasil resmi") in b for b in badge)


def test_ranking_deep_link_shows_the_province_ranking():
    app = open_page("peringkat", year="2023", province="73", level="kabkota")
    assert app.title[0].value == "Peringkat Kabupaten dan kota 2023"
    table = app.dataframe[0].value
    table = table.data if hasattr(table, "data") else table
    assert table["Nama"].iloc[0] == "Kabupaten Pinrang"
    assert table["Peringkat"].iloc[0] == "1"
    assert len(table) == 24


def test_profile_deep_link_opens_the_region():
    app = open_page("profil", region="73.08", year="2023")
    assert app.title[0].value == "Kabupaten Bone"
    assert any(m.label == "Nilai" and m.value == "82,55" for m in app.metric)


def test_demo_profile_shows_units_dimensions_and_fixes():
    app = open_page("profil", dataset="contoh", region="73.08", year="2023")
    subheaders = [s.value for s in app.subheader]
    assert "Yang perlu dibenahi lebih dulu" in subheaders
    assert len(app.dataframe) >= 2  # units and the improvement plan
    assert not [i.value for i in app.info if "tidak memuat" in i.value]


def test_bad_parameters_fall_back_with_a_notice():
    app = open_page("peringkat", year="1999", province="zz", level="desa")
    notices = " ".join(i.value for i in app.info)
    assert "year" in notices and "province" in notices and "level" in notices
    assert app.title[0].value.startswith("Peringkat")


def test_english_labels():
    app = open_page("ringkasan", lang="en")
    assert app.title[0].value.startswith("Assessment overview")


def test_hostile_name_is_escaped_in_markdown():
    app = open_page("profil", region="96.01", year="2023")
    title = app.title[0].value
    assert "<img" not in title
    assert "&lt;img src=x onerror=alert\\(1\\)&gt;" in title


def test_compare_two_regions_from_the_link():
    app = open_page("bandingkan", dataset="contoh", compare="73.08,73.71")
    assert app.multiselect[0].value == ["73.08", "73.71"]
    assert len(app.dataframe) == 1


def test_a_view_needing_detail_offers_the_demo_dataset():
    app = open_page("profil", region="73.08", year="2023")
    assert any("tidak memuat rincian" in i.value for i in app.info)
    app.button(key="open-demo-units").click().run()
    assert app.query_params["dataset"] == "contoh"
    assert any("DATA CONTOH" in w.value for w in app.warning)


def test_dataset_switch_moves_the_year_picker_with_the_page():
    app = open_page("peringkat")
    app.selectbox(key="year").set_value(2019).run()
    assert app.title[0].value.endswith("2019")
    app.sidebar.radio[0].set_value("contoh").run()  # no 2019 in the demo: its default year
    shown = int(app.title[0].value[-4:])
    assert shown != 2019
    assert app.selectbox(key="year").value == shown  # the box shows the year the page shows
    app.selectbox(key="year").set_value(2022).run()
    assert app.title[0].value.endswith("2022")


@pytest.mark.parametrize("where", ["overview-search", "sidebar-search"])
def test_region_search_opens_the_profile_with_its_province(where):
    app = open_page("ringkasan", dataset="contoh", province="73")
    app.selectbox(key=where).set_value("19.05").run()
    assert app.title[0].value == "Kabupaten Bangka Barat"
    assert app.query_params["region"] == "19.05"
    assert app.query_params["province"] == "19"  # not the 73 the link came with


def test_a_region_without_a_published_figure_is_searchable_and_opens_its_own_page():
    app = open_page("ringkasan")
    search = app.selectbox(key="overview-search")
    assert "36.72" in search.options or "Kota Cilegon (Banten)" in search.options
    search.set_value("36.72").run()
    assert app.query_params["region"] == "36.72"
    assert "Cilegon" in app.title[0].value


def test_overview_shows_figures_held_beside_the_official_national_counts():
    app = open_page("ringkasan", year="2023")
    figures = [m for m in app.metric if m.label == "Angka terbitan"]
    assert len(figures) == 3
    kabupaten = figures[1].value
    held, total = (int(v) for v in kabupaten.split(" / "))
    assert total == 416 and 0 < held < total
    texts = " ".join(m.value for m in app.markdown)
    assert "415 dinilai — 272 hijau, 106 kuning, 37 merah." in texts


def test_national_ranking_over_partial_data_says_so():
    app = open_page("peringkat", year="2023", level="provinsi")
    notices = " ".join(i.value for i in app.info)
    assert "Peringkat di antara" in notices and "dari 38 pemerintah provinsi" in notices


def test_methodology_tabs_name_years_not_internal_keys():
    app = open_page("metodologi")
    assert [tab.label for tab in app.tabs] == ["2015–2019", "2021", "2022–2024", "2025–sekarang"]
    bands = app.dataframe[0].value[t("metodologi.range", "id")]
    assert all(re.fullmatch(r"\d+,\d\d – \d+,\d\d", text) for text in bands)  # decimal comma


def test_import_log_is_worded_not_raw_field_names():
    app = open_page("tentang", lang="en")
    log = app.dataframe[-1].value
    assert "sha256" not in log.columns and "dataset" not in log.columns
    assert {"Time (UTC)", "Dataset", "Kind of file", "Rows"} <= set(log.columns)
    assert set(log["Dataset"]) <= {"Published results", "Demo data"}


def test_map_title_follows_the_colouring():
    assert open_page("peta", color_by="category").title[0].value.startswith("Peta kategori")
    assert open_page("peta", color_by="score").title[0].value.startswith("Peta nilai")


BROWSE = tuple(spec.key for spec in registry.PAGES if spec.audience == "browse")
RAW_TEXT = re.compile(r"\b(None|nan|NaN|NaT|<NA>)\b")


def shown_frames(app) -> list[pd.DataFrame]:
    frames = []
    for element in app.dataframe:
        value = element.value
        frames.append(value.data if hasattr(value, "data") else value)
    return frames


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("dataset", ["resmi", "contoh"])
@pytest.mark.parametrize("page", BROWSE)
def test_no_table_or_text_shows_a_raw_missing_value(page, dataset, lang):
    """The table widget draws any missing cell as "None": a screen table has none."""
    app = open_page(page, dataset=dataset, lang=lang, year="2023")
    for frame in shown_frames(app):
        assert not frame.isna().any().any(), (page, frame.columns[frame.isna().any()].tolist())
        text = frame.astype("string").to_numpy().ravel().tolist()
        assert not [cell for cell in text if RAW_TEXT.fullmatch(str(cell))], page
    texts = [m.value for m in (*app.markdown, *app.caption, *app.info, *app.metric)]
    assert not [x for x in texts if RAW_TEXT.search(str(x))], page


def test_switching_dataset_and_back_keeps_the_region_and_year():
    app = open_page("profil", region="19.05", year="2023")
    app.sidebar.radio[0].set_value("contoh").run()
    assert app.query_params["region"] == "19.05" and app.query_params["year"] == "2023"
    app.sidebar.radio[0].set_value("resmi").run()
    assert app.title[0].value == "Kabupaten Bangka Barat"
    assert app.query_params["region"] == "19.05" and app.query_params["year"] == "2023"


@pytest.mark.parametrize(
    ("entity", "year", "counted", "other", "differ"),
    [
        ("Kabupaten Kotabaru", 2023, "71,66", "–", False),  # the second adds the score
        ("Provinsi Jambi", 2023, "88,00", "88,41", True),  # the second says otherwise
    ],
)
def test_a_figure_with_a_second_source_shows_both_side_by_side(
    entity, year, counted, other, differ
):
    engine = store.engine(os.environ["KEPATUHAN_DATABASE_URL"])
    held = store.read(engine, "results", "resmi")
    code = held[(held["entity"] == entity) & (held["year"] == year)]["code"].iloc[0]
    app = open_page("profil", region=code, year=str(year))
    assert [e.label for e in app.expander] == ["Sumber lain untuk angka ini"]
    beside = app.expander[0].dataframe[0].value
    assert beside["Baris"].tolist() == ["Dipakai di peringkat", "Sumber lain"]
    assert beside["Nilai"].tolist() == [counted, other]
    warnings = [w.value for w in app.expander[0].warning]
    assert bool(warnings) == differ
    assert all("berbeda" in w for w in warnings)


def test_large_type_ranking_is_an_html_table_that_grows_with_the_type():
    app = open_page("peringkat", year="2023", province="19", large="1")
    assert len(app.table) == 1 and not [d for d in app.dataframe if d.key.startswith("ranking")]
    shown = app.table[0].value
    shown = shown.data if hasattr(shown, "data") else shown
    assert shown["Nama"].iloc[0] == "Kabupaten Bangka"
