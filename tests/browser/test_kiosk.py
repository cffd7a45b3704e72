"""The kiosk in Chromium at 1920 × 1080: no input widget, no sidebar, no Streamlit chrome, one
screen with no scrolling, rotating through its playlist without reloading the page, and a
server restart shown as a calm notice (never Streamlit's English dialog) that ends by itself.

Each test starts its own server with a five-second playlist (via KEPATUHAN_KIOSK_CONFIG): the
published 2023 map, zone counts, Sulawesi Selatan's ranking (24 kab/kota: three screens) and
the largest rises.
"""

from __future__ import annotations

import re
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Frame, Page, expect

from views.kiosk import CONFIG_ENV

from .conftest import ARTIFACTS, Tab
from .server import streamlit_server

pytestmark = pytest.mark.browser

SCREEN = {"width": 1920, "height": 1080}
SECONDS = 5
PLAYLIST = f"""views = ["map", "zones", "ranking", "risers"]
seconds = {SECONDS}
province = "73"
year = 2023
dataset = "resmi"
lang = "id"
"""
SCREENS = ("Peta zona", "Zona kabupaten/kota", "Peringkat 2023", "Kenaikan nilai")
CONTROLS = "input, textarea, select, button, [role=button], [role=combobox], [role=slider]"
STATE_JS = "() => document.querySelector('[data-testid=stApp]')?.dataset.testConnectionState"


@pytest.fixture
def kiosk_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    playlist = tmp_path / "kiosk.toml"
    playlist.write_text(PLAYLIST, encoding="utf-8")
    monkeypatch.setenv(CONFIG_ENV, str(playlist))
    return playlist


def screen_frame(page: Page) -> Frame:
    handle = page.wait_for_selector('iframe[title="st.iframe"]', timeout=90_000)
    frame = handle.content_frame()
    assert frame is not None
    frame.wait_for_selector("h1")
    return frame


def showing(page: Page) -> str:
    """The title and subtitle of the screen on show ('' while a new one is being drawn): the
    ranking's pages share a title."""
    for frame in page.frames[1:]:
        try:
            title = frame.evaluate(
                """() => [...document.querySelectorAll('h1, .sub')]
                    .map((e) => e.textContent).join(' · ')"""
            )
        except Exception:  # a frame replaced while we asked
            continue
        if title:
            return title
    return ""


def titles_for(page: Page, seconds: float) -> list[str]:
    seen: list[str] = []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        title = showing(page)
        if title and (not seen or seen[-1] != title):
            seen.append(title)
        page.wait_for_timeout(500)
    return seen


def visible_controls(page: Page) -> list[str]:
    found = []
    for frame in page.frames:
        for element in frame.locator(CONTROLS).all():
            if element.is_visible():
                found.append(f"{frame.url[:40]}: {element.evaluate('e => e.outerHTML')[:80]}")
    return found


def assert_one_still_screen(page: Page) -> None:
    """The screen frame covers the window exactly and nothing scrolls."""
    frame = screen_frame(page)
    box = page.locator('iframe[title="st.iframe"]').bounding_box()
    size = page.viewport_size
    assert box is not None and size is not None
    assert (box["x"], box["y"], box["width"], box["height"]) == (
        0,
        0,
        size["width"],
        size["height"],
    )
    scroll = page.evaluate("[document.scrollingElement.scrollHeight, innerHeight]")
    assert scroll[0] <= scroll[1], scroll
    slide = frame.evaluate(
        """() => { const r = document.querySelector('.slide.current').getBoundingClientRect();
            return [r.left, r.top, r.right, r.bottom, innerWidth, innerHeight]; }"""
    )
    left, top, right, bottom, width, height = slide
    assert left >= -1 and top >= -1 and right <= width + 1 and bottom <= height + 1, slide


def test_kiosk_has_no_controls_and_rotates_without_reloading(
    tab: Tab, database_url: str, kiosk_config: Path
) -> None:
    page = tab.page
    page.set_viewport_size(SCREEN)
    with streamlit_server(ARTIFACTS / "server-kiosk.log", database_url) as base:
        page.goto(f"{base}/?kiosk=1")
        screen_frame(page)
        page.evaluate("window.__kpNoReload = true")
        # Six screens (map, zones, three ranking pages, risers), watched twice round: on a busy
        # machine a slow turn (the first map is rendered then) can skip a screen's slot.
        seen = titles_for(page, 12 * SECONDS + 4)
        for prefix in SCREENS:
            assert any(title.startswith(prefix) for title in seen), seen
        assert page.evaluate("window.__kpNoReload") is True  # the rotation reran a fragment
        assert visible_controls(page) == []
        for hidden in ("stSidebar", "stHeader", "stToolbar", "stSidebarCollapsedControl"):
            assert not page.locator(f'[data-testid="{hidden}"]').is_visible(), hidden
        assert_one_still_screen(page)
        frame = screen_frame(page)
        assert re.search(r"\d{2}[.:]\d{2}", frame.locator("#clock").inner_text())
        expect(frame.locator("footer")).to_contain_text("Data per ")
        # A projector: the same screen, scaled, still whole.
        page.set_viewport_size({"width": 1280, "height": 720})
        assert_one_still_screen(page)
        # Other pages are not served in kiosk mode, whatever the link says.
        for path in ("/peringkat", "/impor", "/penganugerahan"):
            page.goto(f"{base}{path}?kiosk=1")
            screen_frame(page)
            assert page.locator('[data-testid="stSidebarNavLink"]').count() == 0
            assert visible_controls(page) == []


def test_kiosk_survives_a_server_restart(tab: Tab, database_url: str, kiosk_config: Path) -> None:
    page = tab.page
    page.set_viewport_size(SCREEN)
    with streamlit_server(ARTIFACTS / "server-kiosk-1.log", database_url) as base:
        port = urlsplit(base).port
        page.goto(f"{base}/?kiosk=1")
        screen_frame(page)
        page.evaluate("window.__kpNoReload = true")
    # The server is gone: a calm Indonesian notice, never Streamlit's English dialog.
    page.wait_for_function(f"() => ({STATE_JS})() !== 'CONNECTED'", timeout=30_000)
    notice = page.locator(".kiosk-offline")
    expect(notice).to_be_visible(timeout=15_000)
    expect(notice).to_contain_text("Menyambung kembali")
    page.wait_for_timeout(8_000)  # Streamlit raises its dialog a few seconds in
    assert not page.get_by_text("Connection error").is_visible()
    assert not page.get_by_text("streamlit run").is_visible()
    assert visible_controls(page) == []
    page.screenshot(path=str(ARTIFACTS / "screenshots" / "kiosk-offline.png"))
    with streamlit_server(ARTIFACTS / "server-kiosk-2.log", database_url, port=port):
        page.wait_for_function(f"() => ({STATE_JS})() === 'CONNECTED'", timeout=90_000)
        expect(notice).to_be_hidden(timeout=15_000)
        seen = titles_for(page, 3 * SECONDS + 2)
        assert len(seen) >= 2, seen  # rotating again, by itself
        assert page.evaluate("window.__kpNoReload") is True
        assert page.locator('[data-testid="stException"]').count() == 0
