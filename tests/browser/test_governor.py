"""The governor's path in a real browser: from Ringkasan to "what pulled us down and what do we
fix first" in at most three clicks, for a region with figures and for one without; ranking rows
that open a profile; and every page, in both languages, free of "None", raw keys and English
in Indonesian.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd
import pytest
from playwright.sync_api import Locator, Page, expect

from scoring import store
from scoring.choices import DATASET_DEMO, DATASET_PUBLISHED
from scoring.i18n import table as label_table
from scoring.regions import load_gazetteer
from shell import registry

from .conftest import Tab
from .test_browser import assert_no_exception, open_app, wait_idle

pytestmark = pytest.mark.browser

LAPTOP = {"width": 1440, "height": 900}  # the rapor must answer without scrolling here
MAX_CLICKS = 3


@dataclass
class Clicks:
    """Clicks made so far: typing is free, every click counts."""

    page: Page
    count: int = 0

    def on(self, target: Locator, **options: object) -> None:
        self.count += 1
        target.click(**options)


def search_and_open(clicks: Clicks, typed: str, option: str) -> None:
    """Type into Ringkasan's region search and pick `option` from the list."""
    box = clicks.page.locator('[data-testid="stMain"] [data-testid="stSelectbox"]').first
    clicks.on(box)
    clicks.page.keyboard.type(typed)
    clicks.on(clicks.page.get_by_role("option", name=option).first)
    clicks.page.wait_for_url(re.compile(r"/profil\?"), timeout=30_000)
    wait_idle(clicks.page)


def weakest_unit(database_url: str, code: str, year: int) -> str:
    units = store.read(store.engine(database_url), "units", DATASET_DEMO, code=code)
    units = units[units["year"] == year]
    return str(units.sort_values("score").iloc[0]["opd"])


def in_viewport(page: Page, target: Locator) -> bool:
    box = target.bounding_box()
    height = page.viewport_size["height"] if page.viewport_size else 0
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= height


def test_bangka_barat_weakest_unit_and_fix_plan_in_three_clicks(
    tab: Tab, server: str, database_url: str
) -> None:
    page = tab.page
    page.set_viewport_size(LAPTOP)
    open_app(page, f"{server}/?dataset={DATASET_DEMO}&year=2023")
    clicks = Clicks(page)
    search_and_open(clicks, "bangka b", "Kabupaten Bangka Barat (Kepulauan Bangka Belitung)")
    assert_no_exception(page)
    assert "region=19.05" in page.url and "province=19" in page.url and "year=2023" in page.url
    expect(page.locator("h1")).to_have_text("Kabupaten Bangka Barat")
    for card in ("Unit terlemah", "Dimensi terlemah", "Benahi lebih dulu"):
        label = page.get_by_text(card, exact=True).first
        expect(label).to_be_visible()
        assert in_viewport(page, label), f"{card} needs scrolling at 1440 × 900"
    expect(page.get_by_text(weakest_unit(database_url, "19.05", 2023)).first).to_be_visible()
    assert clicks.count <= MAX_CLICKS, clicks.count


def without_a_figure(database_url: str) -> pd.Series:
    """A kab/kota of today's map with no published figure in any year."""
    held = store.read(store.engine(database_url), "results", DATASET_PUBLISHED)["code"]
    regions = load_gazetteer().regions
    return regions[~regions["code"].isin(held.dropna())].iloc[0]


def test_a_region_without_a_published_figure_lands_on_an_honest_profile(
    tab: Tab, server: str, database_url: str
) -> None:
    region = without_a_figure(database_url)
    page = tab.page
    page.set_viewport_size(LAPTOP)
    open_app(page, f"{server}/?dataset={DATASET_PUBLISHED}&year=2023&province=19")
    clicks = Clicks(page)
    typed = region["name"].split(" ", 1)[1].lower()  # "pesisir selatan"
    search_and_open(clicks, typed, f"{region['name']} ({region['province']})")
    assert_no_exception(page)
    assert f"region={region['code']}" in page.url
    assert f"province={region['province_code']}" in page.url  # not the 19 it came with
    expect(page.locator("h1")).to_have_text(region["name"])
    expect(page.get_by_text("Belum ada angka terbitan").first).to_be_visible()
    assert clicks.count <= MAX_CLICKS, clicks.count


def test_clicking_a_ranking_row_opens_its_profile(tab: Tab, server: str) -> None:
    page = tab.page
    open_app(page, f"{server}/peringkat?year=2023&province=73&level=kabkota")
    grid = page.locator('[data-testid="stDataFrame"]').first
    expect(grid).to_be_visible()
    grid.click(position={"x": 120, "y": 35 + 35 // 2})  # the first row's name cell
    page.wait_for_url(re.compile(r"/profil\?.*region=73\."), timeout=30_000)
    wait_idle(page)
    assert_no_exception(page)
    expect(page.locator("h1")).to_have_text("Kabupaten Pinrang")  # first in 2023


# --- every page, both languages --------------------------------------------------------------

# Streamlit's own English, which would show if a widget was left without its own texts.
STREAMLIT_ENGLISH = ("Choose an option", "No results", "Select all", "Press Enter")
RAW = re.compile(r"\b(None|nan|NaN|NaT|<NA>)\b")


def english_only_labels() -> list[str]:
    """English label texts (several words, no placeholders) that differ from the Indonesian:
    one of them on an Indonesian page is an untranslated text."""
    out = []
    for texts in label_table().values():
        first = texts["en"].split(". ")[0]  # a sentence is enough to tell
        if texts["en"] != texts["id"] and "{" not in first and len(first.split()) >= 3:
            out.append(first)
    return out


def label_keys() -> list[str]:
    return [key for key in label_table() if "." in key]


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("dataset", [DATASET_PUBLISHED, DATASET_DEMO])
def test_every_page_in_both_languages_shows_no_raw_value_or_key(
    tab: Tab, server: str, lang: str, dataset: str
) -> None:
    page = tab.page
    keys = label_keys()
    english = english_only_labels()
    public = [spec for spec in registry.PAGES if spec.audience == "browse"]
    for spec in public:
        open_app(page, f"{server}/{spec.key}?dataset={dataset}&lang={lang}&year=2023")
        assert_no_exception(page)
        text = page.locator('[data-testid="stApp"]').inner_text()
        found = RAW.findall(text)
        assert not found, f"{spec.key}: raw {found}"
        shown_keys = [key for key in keys if re.search(rf"(?<![\w/.]){re.escape(key)}\b", text)]
        assert not shown_keys, f"{spec.key}: label keys shown {shown_keys}"
        if lang == "id":
            leaked = [s for s in (*STREAMLIT_ENGLISH, *english) if s in text]
            assert not leaked, f"{spec.key}: English in Indonesian {leaked}"
