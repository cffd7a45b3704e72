"""The profile's rapor is above the fold: at 1440 × 900 a governor reads the weakest unit, the
weakest dimension and the first fix without scrolling; at 390 px the cards stack and the
heatmap keeps four readable cells per row."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from scoring.choices import DATASET_DEMO

pytestmark = pytest.mark.browser

BANGKA_BARAT = "19.05"  # demo data: category A in 2024, a Puskesmas red on Pengaduan
LOAD_MS = 90_000


def open_profile(browser: Browser, server: str, width: int, height: int):
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.goto(f"{server}/profil?dataset={DATASET_DEMO}&region={BANGKA_BARAT}")
    page.wait_for_selector(".st-key-rapor-fixes li", timeout=LOAD_MS)
    page.wait_for_selector(
        '[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=LOAD_MS
    )
    return context, page


def test_the_rapor_is_read_without_scrolling_at_1440(browser: Browser, server: str):
    context, page = open_profile(browser, server, 1440, 900)
    try:
        for key in ("unit", "dimension", "fixes"):
            card = page.locator(f".st-key-rapor-{key}")
            headline = card.locator('[data-testid="stMarkdown"]').first.bounding_box()
            assert headline and headline["y"] + headline["height"] <= 900, key
        first_fix = page.locator(".st-key-rapor-fixes li").first.bounding_box()
        assert first_fix and first_fix["y"] + first_fix["height"] <= 900
        assert "Pengaduan" in page.locator(".st-key-rapor-dimension").inner_text()
    finally:
        context.close()


def test_on_a_phone_the_cards_stack_and_the_heatmap_cells_stay_wide(browser: Browser, server: str):
    context, page = open_profile(browser, server, 390, 2400)
    try:
        boxes = [
            page.locator(f".st-key-rapor-{key}").bounding_box()
            for key in ("unit", "dimension", "fixes")
        ]
        assert all(boxes)
        assert boxes[0]["y"] + boxes[0]["height"] <= boxes[1]["y"]  # stacked, not squeezed
        assert all(box["width"] > 300 for box in boxes)
        heat = page.locator('[data-testid="stVegaLiteChart"]').nth(1)
        heat.scroll_into_view_if_needed()
        assert heat.bounding_box()["width"] > 300
        # Four dimension cells share the chart's width: each far wider than the 20 px before.
        cells = heat.locator("path[aria-roledescription='rect'], g.mark-rect path")
        widths = [b["width"] for b in (c.bounding_box() for c in cells.all()[:4]) if b]
        assert widths and min(widths) > 60
    finally:
        context.close()
