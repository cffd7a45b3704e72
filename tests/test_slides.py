"""The ceremony deck as data and as HTML, and the kiosk's playlist, on the fixture dataset.

Sulawesi Selatan 2023 has six kab/kota (see tests/fixtures.py): one ranking page, five awards
(A, B, most improved, zone up, best unit with Makassar's units), a podium, the closing slide.
"""

import html
import re
from pathlib import Path

import fixtures
import pandas as pd
import pytest

from scoring.pipeline import analyse
from views import kiosk, slide_html, slides

SOURCE, METHOD = "Sumber: uji", "Metode penilaian 2023: uji"


@pytest.fixture(scope="module")
def results() -> pd.DataFrame:
    return analyse(fixtures.results())


def deck(results, province="73", lang="id", dataset="resmi", units=True, **extra):
    return slides.build_deck(
        results,
        year=2023,
        level="kabkota",
        province_code=province,
        where=fixtures.PROVINCE_NAMES.get(province or "", "Indonesia"),
        source=SOURCE,
        method=METHOD,
        dataset=dataset,
        lang=lang,
        units=fixtures.units() if units else None,
        **extra,
    )


def test_sulsel_deck_slide_by_slide(results):
    built = deck(results)
    assert [s.kind for s in built.slides] == [
        "title",
        "zones",
        "ranking",
        "award",
        "award",
        "award",
        "award",
        "award",
        "podium",
        "closing",
    ]
    titles = [s.title for s in built.slides]
    assert titles[0] == "Penganugerahan Penilaian Kepatuhan 2023"
    assert titles[3:8] == [
        "Opini Kualitas Tertinggi (Kategori A)",
        "Opini Kualitas Tinggi (Kategori B)",
        "Kenaikan nilai tertinggi",
        "Naik zona",
        "Unit layanan terbaik",
    ]
    ranking = built.slides[2]
    assert [(r.rank, r.name, r.score) for r in ranking.rows] == [
        ("1", "Kabupaten Pinrang", "92,50"),
        ("2", "Kabupaten Barru", "85,40"),
        ("2", "Kabupaten Bone", "85,40"),
        ("4", "Kota Makassar", "85,30"),
        ("5", "Kabupaten Bantaeng", "75,50"),
        ("6", "Kota Parepare", "50,00"),
    ]
    assert built.slides[1].counts == (
        ("hijau", "Hijau", 4),
        ("kuning", "Kuning", 1),
        ("merah", "Merah", 1),
    )
    assert built.slides[4].subtitle == "Nilai 78,00–87,99"
    podium = built.slides[8]
    assert [r.name for r in podium.rows] == [
        "Kabupaten Pinrang",
        "Kabupaten Barru",
        "Kabupaten Bone",
    ]
    assert "https://ombudsman.go.id/fixture/penilaian-2023" in built.slides[-1].lines


def test_without_units_there_is_no_best_unit_slide(results):
    titles = [s.title for s in deck(results, units=False).slides]
    assert "Unit layanan terbaik" not in titles


def test_english_deck(results):
    built = deck(results, lang="en")
    assert built.slides[0].title == "Public Service Compliance Awards 2023"
    assert built.slides[2].rows[0].score == "92.50"
    assert built.slides[5].rows[0].detail == "+15.40 since 2022"


def test_a_printed_zone_without_score_is_listed_without_rank(results):
    """Babel 2023: Belitung has only a printed zone (kuning)."""
    ranking = deck(results, province="19").slides[2]
    belitung = next(r for r in ranking.rows if r.name == "Kabupaten Belitung")
    assert (belitung.rank, belitung.score, belitung.zone) == ("–", "–", "kuning")


def test_ranking_pages_hold_every_row_and_fit_the_screen():
    raw = fixtures.results()
    pinrang = raw[(raw["year"] == 2023) & (raw["code"] == "73.15")]
    made_up = pd.concat(
        pinrang.assign(
            code=f"73.{90 + i}",
            entity=f"Kabupaten Uji {i:02d}",
            region_name=f"Kabupaten Uji {i:02d}",
            score=60.0 + i,
        )
        for i in range(20)
    )
    built = deck(analyse(pd.concat([raw, made_up], ignore_index=True)), units=False)
    pages = [s for s in built.slides if s.kind == "ranking"]
    assert len(pages) == 3  # 26 kab/kota, ten a page
    assert all(len(p.rows) <= slides.ROWS_PER_SLIDE for p in pages)
    assert sum(len(p.rows) for p in pages) == 26
    assert pages[2].subtitle == "Sulawesi Selatan · halaman 3 dari 3"


def test_html_escapes_every_name_and_carries_source_and_method_on_every_slide(results):
    hostile = results.copy()
    hostile.loc[hostile["code"] == "73.15", "display_name"] = fixtures.HOSTILE
    built = deck(hostile, dataset="contoh")
    page = slide_html.deck_html(built)
    assert fixtures.HOSTILE not in page
    assert html.escape(fixtures.HOSTILE) in page
    sections = re.findall(r"<section .*?</section>", page, flags=re.S)
    assert len(sections) == len(built.slides)
    assert all(SOURCE in s and METHOD in s for s in sections)
    # Demo data says so on every slide.
    assert all("DATA CONTOH" in s for s in sections)


def test_html_has_keys_for_keyboard_and_clicker_and_scales_to_the_window(results):
    page = slide_html.deck_html(deck(results), auto_seconds=15)
    for key in ('"ArrowRight"', '"PageDown"', '" "', '"ArrowLeft"', '"PageUp"'):
        assert key in page
    assert '"auto": 15' in page
    assert "window.innerWidth / 1920" in page


def test_config_json_cannot_close_its_script_element(results):
    built = deck(results)
    page = slide_html.deck_html(built)
    config = re.search(r'id="deck-config">(.*?)</script>', page, flags=re.S)
    assert config is not None and "<" not in config.group(1)


# --- the kiosk's playlist ---------------------------------------------------------------------


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "kiosk.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_project_kiosk_file_reads():
    config = kiosk.read_config(kiosk.CONFIG_FILE)
    assert set(config.views) <= set(kiosk.KIOSK_VIEWS)
    assert config.seconds >= kiosk.MIN_SECONDS


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ('views = ["map", "weather"]', "views"),
        ("views = []", "views"),
        ("seconds = 2", "seconds"),
        ('seconds = "10"', "seconds"),
        ('province = "Sulsel"', "province"),
        ('dataset = "other"', "dataset"),
        ('lang = "fr"', "lang"),
        ("year = -1", "year"),
    ],
)
def test_a_bad_kiosk_file_names_the_file_and_the_key(tmp_path, text, key):
    path = write(tmp_path, text)
    with pytest.raises(kiosk.KioskConfigError) as raised:
        kiosk.read_config(path)
    assert str(path) in str(raised.value)
    assert f": {key}: " in str(raised.value)


def test_a_kiosk_file_that_is_not_toml_is_reported(tmp_path):
    path = write(tmp_path, "views = [")
    with pytest.raises(kiosk.KioskConfigError, match=re.escape(str(path))):
        kiosk.read_config(path)


def test_playlist_expands_the_ranking_into_its_pages_and_rotates_by_the_clock(tmp_path):
    config = kiosk.read_config(
        write(tmp_path, 'views = ["map", "ranking", "risers"]\nseconds = 10')
    )
    screens = kiosk.playlist(config, ranking_pages=3)
    assert [(s.view, s.page) for s in screens] == [
        ("map", 0),
        ("ranking", 0),
        ("ranking", 1),
        ("ranking", 2),
        ("risers", 0),
    ]
    shown = [kiosk.screen_at(screens, 10, now) for now in (0, 9.9, 10, 45, 50)]
    assert [(s.view, s.page) for s in shown] == [
        ("map", 0),
        ("map", 0),
        ("ranking", 0),
        ("risers", 0),
        ("map", 0),
    ]
    # No province: the ranking has no pages and drops out of the rotation.
    assert [s.view for s in kiosk.playlist(config, ranking_pages=0)] == ["map", "risers"]


def test_kiosk_slides_on_the_fixture(results):
    pages = kiosk.province_ranking(results, 2023, "73", "Sulawesi Selatan", "id")
    assert len(pages) == 1 and pages[0].rows[0].name == "Kabupaten Pinrang"
    zones = kiosk.zone_counts(results, 2023, "id")
    assert zones.counts == (("hijau", "Hijau", 5), ("kuning", "Kuning", 3), ("merah", "Merah", 2))
    risers = kiosk.risers(results, 2023, "id")
    assert [r.name for r in risers.rows][:2] == ["Kabupaten Bangka", "Kabupaten Barru"]
    assert kiosk.province_ranking(results, 2023, None, "", "id") == []


def test_data_as_of_is_the_newest_import_of_the_dataset():
    log = pd.DataFrame(
        {
            "dataset": ["resmi", "resmi", "contoh"],
            "imported_at": ["2026-11-02T10:00:00+00:00", "2026-12-01T09:00:00+00:00", "2026-12-05"],
        }
    )
    assert kiosk.data_as_of(log, "resmi") == "2026-12-01"
    assert kiosk.data_as_of(log.iloc[:0], "resmi") is None


# --- the two pages, through AppTest on the fixture database -----------------------------------

WIDGETS = ("button", "checkbox", "download_button", "multiselect", "number_input", "radio")
WIDGETS += ("selectbox", "slider", "text_input", "toggle")


@pytest.fixture
def fixture_app(fixture_engine, monkeypatch):
    monkeypatch.setenv("KEPATUHAN_DATABASE_URL", fixture_engine.url.render_as_string(False))


def srcdoc(app) -> str:
    (frame,) = app.get("iframe")
    return frame.proto.srcdoc


def test_kiosk_page_has_no_widget_and_no_sidebar(fixture_app, tmp_path, monkeypatch):
    playlist = write(tmp_path, 'views = ["ranking"]\nprovince = "73"\nyear = 2023\nseconds = 5')
    monkeypatch.setenv(kiosk.CONFIG_ENV, str(playlist))
    app = fixtures.open_page("kiosk", kiosk="1")
    assert all(len(app.get(kind)) == 0 for kind in WIDGETS)
    assert len(app.sidebar) == 0
    page = srcdoc(app)
    assert "<h1>Peringkat 2023:" in page and "Kabupaten Pinrang" in page
    assert 'id="clock"' in page and "Data per " in page


def test_kiosk_page_with_a_bad_file_says_which(fixture_app, tmp_path, monkeypatch):
    monkeypatch.setenv(kiosk.CONFIG_ENV, str(write(tmp_path, "seconds = 1")))
    app = fixtures.open_page("kiosk", kiosk="1")
    assert any(str(tmp_path) in e.value and "seconds" in e.value for e in app.error)


def test_ceremony_page_shows_the_deck_and_offers_the_files(fixture_app):
    app = fixtures.open_page("penganugerahan", year="2023", province="73")
    assert app.title[0].value == "Penganugerahan 2023"
    page = srcdoc(app)
    assert page.count("<section ") == 10 and "Kabupaten Pinrang" in page
    labels = [b.proto.label for b in app.get("download_button")]
    assert labels[:4] == [
        "Slide (PPTX)",
        "Slide (PDF)",
        "Slide (PNG per slide, ZIP)",
        "Piagam semua daerah (PDF)",
    ]
    assert labels[4] == "Piagam Kabupaten Pinrang (PDF)"


def test_kiosk_for_the_whole_server_serves_only_the_kiosk(fixture_app, tmp_path, monkeypatch):
    """KEPATUHAN_KIOSK=1: a link to another page, without ?kiosk=1, still gets the kiosk."""
    monkeypatch.setenv("KEPATUHAN_KIOSK", "1")
    playlist = write(tmp_path, 'views = ["zones"]\nyear = 2023\nseconds = 5')
    monkeypatch.setenv(kiosk.CONFIG_ENV, str(playlist))
    app = fixtures.open_page("peringkat", year="2023")
    assert all(len(app.get(kind)) == 0 for kind in WIDGETS)
    assert len(app.sidebar) == 0
    assert "<h1>Zona kabupaten/kota 2023</h1>" in srcdoc(app)
