"""The ceremony deck in Chromium at 1920 × 1080: every slide stepped through by keyboard and
clicker keys, and no slide overflowing the screen (checked by element bounds).

Published Kepulauan Bangka Belitung 2023 has seven kab/kota, Kabupaten Bangka (97.13) first and
Kabupaten Bangka Barat (77.70) last; the demo data's Sulawesi Selatan has 24, so its ranking
takes three pages.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Frame, Page

from .conftest import HOSTILE_CODE, HOSTILE_NAME, HOSTILE_YEAR, Tab
from .test_browser import assert_no_exception, open_app

pytestmark = pytest.mark.browser

SCREEN = {"width": 1920, "height": 1080}
MIN_BODY_PX = 32

# Every element of the current slide inside the slide, the slide inside the window, no text
# box whose content is wider or taller than the box (a cut name), and the smallest body text
# (rows, tiles, podium, lines) in the stage's own pixels: the stage is 1920 × 1080 before it
# is scaled to the window.
_BOUNDS_JS = """() => {
    const slide = document.querySelector(".slide.current");
    const box = slide.getBoundingClientRect();
    const outside = [], cut = [];
    for (const el of slide.querySelectorAll("*")) {
        const r = el.getBoundingClientRect();
        if (r.width === 0 && r.height === 0) continue;
        if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1
            || r.bottom > box.bottom + 1) outside.push(el.className || el.tagName);
        if (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1) {
            if (getComputedStyle(el).overflow !== "visible" || el.matches("td, .who, li"))
                cut.push(el.className || el.tagName);
        }
    }
    const body = [...slide.querySelectorAll(".body td, .body .who, .body li, .body .word")];
    const sizes = body.map((el) => parseFloat(getComputedStyle(el).fontSize));
    return {
        kind: slide.dataset.kind,
        title: slide.querySelector("h1").textContent,
        inWindow: box.left >= -1 && box.top >= -1 && box.right <= innerWidth + 1
            && box.bottom <= innerHeight + 1,
        outside, cut,
        smallest: sizes.length ? Math.min(...sizes) : null,
        cite: slide.querySelector("footer .cite").textContent,
    };
}"""


def deck_frame(page: Page) -> Frame:
    handle = page.wait_for_selector('iframe[title="st.iframe"]', timeout=60_000)
    frame = handle.content_frame()
    assert frame is not None
    frame.wait_for_function("() => window.kpDeck !== undefined")
    return frame


def present(page: Page, url: str) -> Frame:
    """Open the page at 1920 × 1080, then press F: the deck covers the whole window."""
    page.set_viewport_size(SCREEN)
    open_app(page, url)
    assert_no_exception(page)
    frame = deck_frame(page)
    frame.evaluate("kpDeck.go(0)")
    frame.locator("body").press("f")
    frame.wait_for_function("() => innerWidth === 1920 && innerHeight === 1080")
    return frame


def step_through(page: Page, frame: Frame) -> list[dict]:
    """Every slide, advanced alternately by clicker, arrow and space keys; each one's bounds."""
    count = frame.evaluate("kpDeck.count")
    keys = ("PageDown", "ArrowRight", " ")
    seen = []
    for index in range(count):
        assert frame.evaluate("kpDeck.index()") == index
        seen.append(frame.evaluate(_BOUNDS_JS))
        frame.locator("body").press(keys[index % len(keys)])
    assert frame.evaluate("kpDeck.index()") == count - 1  # stays on the last slide
    frame.locator("body").press("PageUp")
    assert frame.evaluate("kpDeck.index()") == count - 2
    frame.locator("body").press("Home")
    assert frame.evaluate("kpDeck.index()") == 0
    return seen


def assert_fits(slides: list[dict]) -> None:
    for slide in slides:
        assert slide["inWindow"], slide
        assert slide["outside"] == [], slide
        assert slide["cut"] == [], slide
        if slide["smallest"] is not None:
            assert slide["smallest"] >= MIN_BODY_PX, slide
        assert "Sumber" in slide["cite"] and "Metode penilaian" in slide["cite"], slide


def ranking_rows(frame: Frame) -> list[tuple[str, str]]:
    """(name, score) of every row of the ranking slides, in order."""
    rows = frame.evaluate(
        """() => [...document.querySelectorAll('.slide[data-kind="ranking"] tr')]
            .map((tr) => [tr.querySelector(".name").textContent,
                          tr.querySelector(".score").textContent])"""
    )
    return [(name, score) for name, score in rows]


def test_babel_2023_published_deck_by_keyboard(tab: Tab, server: str) -> None:
    frame = present(tab.page, f"{server}/penganugerahan?year=2023&province=19")
    rows = ranking_rows(frame)
    assert len(rows) == 7, rows
    assert rows[0] == ("Kabupaten Bangka", "97,13")
    assert rows[-1] == ("Kabupaten Bangka Barat", "77,70")
    slides = step_through(tab.page, frame)
    kinds = [s["kind"] for s in slides]
    assert kinds[:3] == ["title", "zones", "ranking"] and kinds[-2:] == ["podium", "closing"]
    assert "award" in kinds
    assert_fits(slides)


def test_demo_province_deck_by_keyboard_at_1280_by_720_too(tab: Tab, server: str) -> None:
    frame = present(tab.page, f"{server}/penganugerahan?dataset=contoh&year=2023&province=73")
    slides = step_through(tab.page, frame)
    assert [s["kind"] for s in slides].count("ranking") == 3  # 24 kab/kota
    assert_fits(slides)
    assert all(
        "DATA CONTOH" in s
        for s in frame.evaluate(
            "[...document.querySelectorAll('.slide')].map((s) => s.textContent)"
        )
    )
    # A projector: the same stage, scaled; still nothing outside the window.
    tab.page.set_viewport_size({"width": 1280, "height": 720})
    frame.wait_for_function("() => innerWidth === 1280")
    assert_fits(step_through(tab.page, frame))


def test_keys_on_the_page_around_the_deck_reach_it(tab: Tab, server: str) -> None:
    """A clicker's PageDown works even when the page, not the slide, has the focus."""
    open_app(tab.page, f"{server}/penganugerahan?year=2023&province=73")
    frame = deck_frame(tab.page)
    frame.evaluate("kpDeck.go(0)")
    tab.page.locator("h1").first.click()
    tab.page.keyboard.press("PageDown")
    tab.page.keyboard.press("PageDown")
    assert frame.evaluate("kpDeck.index()") == 2
    tab.page.keyboard.press("PageUp")
    assert frame.evaluate("kpDeck.index()") == 1


def test_hostile_name_on_a_slide_stays_text(tab: Tab, server: str) -> None:
    url = f"{server}/penganugerahan?year={HOSTILE_YEAR}&province={HOSTILE_CODE[:2]}"
    open_app(tab.page, url)
    frame = deck_frame(tab.page)
    names = [name for name, _ in ranking_rows(frame)]
    assert HOSTILE_NAME in names
    assert frame.locator('img[src="x"]').count() == 0
    tab.page.wait_for_timeout(300)
    assert tab.dialogs == []


def test_national_2025_deck_with_opinions_printed_without_a_score_fits(tab: Tab, server: str):
    """2025's published figures include opinions printed without a score or zone (Kabupaten
    Badung's "Kualitas Tertinggi Tanpa Maladministrasi"): such rows are ranked last, without a
    zone chip word that would wrap, and every slide still fits."""
    frame = present(tab.page, f"{server}/penganugerahan?year=2025&lang=en")
    slides = step_through(tab.page, frame)
    titles = [s["title"] for s in slides]
    assert "Opinion without maladministration" in titles
    for slide in slides:
        assert slide["inWindow"] and slide["outside"] == [] and slide["cut"] == [], slide
    names = [name for name, _ in ranking_rows(frame)]
    assert "Kabupaten Badung" in names
