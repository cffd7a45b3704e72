"""Every page through Streamlit's AppTest on the hand-made fixture dataset (`fixtures.py`):
figures worked out by hand, deep links, fallbacks, bad parameters, language, hostile names, and
new figures after a write without a restart.
"""

import fixtures
import pandas as pd
import pytest
from fixtures import build_fixture_database, open_page
from streamlit.testing.v1 import AppTest

from scoring import store
from scoring.choices import DATASET_DEMO, DATASET_PUBLISHED
from scoring.i18n import t
from shell import registry

HOSTILE = fixtures.HOSTILE
HOSTILE_CODE = "19.05"  # Kabupaten Bangka Barat: no fixture result, so the name is the file's
# The kiosk draws one frame and no title: test_slides.py and browser/test_kiosk.py check it.
PAGES = tuple(spec.key for spec in registry.PAGES if spec.audience != "kiosk")
ASSESSED = t("ringkasan.assessed")


def with_hostile_row(frame: pd.DataFrame) -> pd.DataFrame:
    """The fixture's published results plus a 2023 row whose name is an HTML payload."""
    row = (
        frame[frame["code"] == "19.01"]
        .iloc[[-1]]
        .assign(code=HOSTILE_CODE, entity=HOSTILE, region_name=HOSTILE, score=55.5, zone="kuning")
    )
    return pd.concat([frame, row], ignore_index=True)


@pytest.fixture(scope="module")
def database(tmp_path_factory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'pages.sqlite'}"
    engine = store.engine(url)
    build_fixture_database(engine)
    published = fixtures.results(DATASET_PUBLISHED)
    store.replace(engine, DATASET_PUBLISHED, {"results": with_hostile_row(published)})
    return url


@pytest.fixture(autouse=True)
def use_database(database, monkeypatch):
    monkeypatch.setenv("KEPATUHAN_DATABASE_URL", database)


def table(app: AppTest, index: int = 0) -> pd.DataFrame:
    value = app.dataframe[index].value
    return value.data if hasattr(value, "data") else value


def metric(app: AppTest, label: str) -> str:
    return next(m.value for m in app.metric if m.label == label)


@pytest.mark.parametrize("dataset", [DATASET_PUBLISHED, DATASET_DEMO])
@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_with_its_dataset_badge(page, dataset):
    app = open_page(page, dataset=dataset)
    assert app.title
    if dataset == DATASET_DEMO:
        assert any("DATA CONTOH" in w.value for w in app.warning)
    else:
        assert any("Hasil resmi" in c.value for c in app.caption)


def test_overview_opens_on_the_newest_substantial_year():
    app = open_page("ringkasan")
    assert app.title[0].value.endswith("2023")
    # 2023: two pemprov; eight kabupaten (Belitung with a printed zone only, and the hostile
    # row); three kota.
    # The published dataset says how many figures it holds of today's map (38 / 416 / 98).
    held = [m.value.split(" / ")[0] for m in app.metric if m.label == "Angka terbitan"]
    assert held == ["2", "8", "3"]
    demo = open_page("ringkasan", dataset="contoh")
    # The demo copy lacks the hostile row: seven kabupaten.
    assert [m.value for m in demo.metric if m.label == ASSESSED] == ["2", "7", "3"]


@fixtures.requires_geo()  # the regions without a result come from the gazetteer
def test_ranking_shares_ranks_and_lists_regions_without_a_result():
    app = open_page("peringkat", year="2023", province="73", level="kabkota")
    assert app.title[0].value == "Peringkat Kabupaten dan kota 2023"
    shown = table(app)
    assert len(shown) == 24  # every kab/kota of Sulawesi Selatan
    top = shown.head(6)
    assert top["Nama"].tolist() == [
        "Kabupaten Pinrang",
        "Kabupaten Barru",
        "Kabupaten Bone",
        "Kota Makassar",
        "Kabupaten Bantaeng",
        "Kota Parepare",
    ]
    assert top["Peringkat"].tolist() == ["1", "2", "2", "4", "5", "6"]
    assert top["Perubahan"].tolist()[:4] == ["+4,50", "+15,40", "−4,60", "+7,31"]
    assert (shown["Peringkat"].iloc[6:] == "–").all()


def test_ranking_of_the_pemprov():
    app = open_page("peringkat", year="2023", level="provinsi")
    shown = table(app)
    assert shown["Nama"].tolist() == [
        "Provinsi Kepulauan Bangka Belitung",
        "Provinsi Sulawesi Selatan",
    ]


def test_profile_shows_score_change_ranks_and_median():
    app = open_page("profil", region="73.08", year="2023")
    assert app.title[0].value == "Kabupaten Bone"
    assert metric(app, "Nilai") == "85,40"
    # An ASCII '-': Streamlit draws a red down arrow only for that (not for "−").
    assert next(m for m in app.metric if m.label == "Nilai").delta == "-4,60"
    # Nationally: Bangka Tengah 93.71, Pinrang 92.50, then Bone and Barru tie; 10 scored (the
    # fixture's nine and the hostile row).
    assert metric(app, "Peringkat nasional") == "3 / 10"
    assert metric(app, "Peringkat di provinsi") == "2 / 6"
    assert metric(app, "Median provinsi") == "85,35"  # (85.40 + 85.30) / 2


def test_profile_without_a_year_opens_the_regions_latest():
    app = open_page("profil", region="73.72")  # Parepare: 2023 only
    assert any(c.value.endswith("· 2023") for c in app.caption)


@pytest.mark.parametrize(("region", "year"), [("73.08", "2021"), ("73.11", "2022")])
def test_profile_shows_the_year_asked_for(region, year):
    app = open_page("profil", region=region, year=year)
    assert any(c.value.endswith(f"· {year}") for c in app.caption)


def test_profile_falls_back_to_a_year_the_region_has():
    app = open_page("profil", region="73.72", year="2021")
    assert any(c.value.endswith("· 2023") for c in app.caption)


def test_profile_with_only_a_printed_zone():
    app = open_page("profil", region="19.02", year="2023")
    assert metric(app, "Nilai") == "–"


def test_demo_profile_shows_units_and_the_plan():
    app = open_page("profil", dataset=DATASET_DEMO, region="73.71", year="2023")
    units = table(app, 0)
    assert len(units) == 7
    assert units["Unit"].iloc[0] == "Disdukcapil"  # 90.27, the best (Kota Makassar: the title)
    plan = table(app, 1)
    assert plan["Mencapai"].tolist().index("A") == 10  # the 11th fix reaches A
    assert not [i.value for i in app.info if "tidak memuat" in i.value]


def test_a_view_needing_detail_offers_the_demo_dataset():
    app = open_page("profil", region="73.08", year="2023")
    assert any("tidak memuat rincian" in i.value for i in app.info)
    app.button(key="open-demo-units").click().run()
    assert app.query_params["dataset"] == DATASET_DEMO
    assert any("DATA CONTOH" in w.value for w in app.warning)


def test_compare_two_regions_from_the_link():
    app = open_page("bandingkan", dataset=DATASET_DEMO, compare="73.08,73.71")
    assert app.multiselect[0].value == ["73.08", "73.71"]
    side = table(app)
    assert side.loc[2023, "Kabupaten Bone"] == "85,40 (Hijau)"


def test_bad_parameters_fall_back_with_a_notice():
    app = open_page("peringkat", year="1999", province="zz", level="desa")
    notices = " ".join(i.value for i in app.info)
    assert "year" in notices and "province" in notices and "level" in notices
    assert app.title[0].value == "Peringkat Kabupaten dan kota 2023"


def test_english_labels():
    app = open_page("profil", region="73.08", year="2023", lang="en")
    assert metric(app, "Score") == "85.40"
    assert any("Provincial median" in m.label or "median" in m.label.lower() for m in app.metric)


def test_hostile_name_is_escaped_in_markdown():
    app = open_page("profil", region=HOSTILE_CODE, year="2023")
    title = app.title[0].value
    assert "<img" not in title
    assert "&lt;img src=x onerror=alert\\(1\\)&gt;" in title


def test_pages_show_new_figures_after_a_write_without_a_restart(tmp_path, monkeypatch):
    """The cached results are keyed on the database's data version: a write is seen at once."""
    url = f"sqlite:///{tmp_path / 'refresh.sqlite'}"
    engine = store.engine(url)
    build_fixture_database(engine)
    monkeypatch.setenv("KEPATUHAN_DATABASE_URL", url)
    app = open_page("profil", region="73.08", year="2023")
    assert metric(app, "Nilai") == "85,40"

    rows = store.read(engine, "results", DATASET_PUBLISHED, year=2023)
    rows.loc[rows["code"] == "73.08", "score"] = 91.25
    store.replace(engine, DATASET_PUBLISHED, {"results": rows})
    app.run()
    assert not app.exception
    assert metric(app, "Nilai") == "91,25"


@fixtures.requires_geo()
def test_map_page_offers_the_map_as_an_offline_file():
    app = open_page("peta", year="2023")
    labels = [button.proto.label for button in app.get("download_button")]
    assert t("ui.download_map_html") in labels
