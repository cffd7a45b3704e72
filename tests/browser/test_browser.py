"""The dashboard in headless Chromium against a real streamlit server: every page in both
datasets, links with state, the national map and its click-through, hostile names, languages.

Every test runs in a tab that may only reach localhost and opens no dialog (see conftest).
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Frame, Page, expect

from scoring import store
from scoring.choices import DATASET_DEMO, DATASET_PUBLISHED
from scoring.pipeline import analyse

from .conftest import HOSTILE_CODE, HOSTILE_NAME, HOSTILE_YEAR, Tab

pytestmark = pytest.mark.browser

PAGES = ("/", "/peringkat", "/peta", "/profil", "/bandingkan", "/metodologi", "/tentang")
NAVIGATION_ID = (
    "Ringkasan",
    "Peringkat",
    "Peta",
    "Profil daerah",
    "Bandingkan",
    "Metodologi",
    "Tentang data",
    "Penganugerahan",
    "Akun",
)
MAP_IFRAME = 'iframe[title="streamlit_folium.st_folium"]'
KABKOTA_PATHS = "path.leaflet-interactive"  # province borders are drawn non-interactive
KABKOTA_COUNT = 514
CLICK_CODE = "16.02"  # Kabupaten Ogan Komering Ilir: large, and published for 2023
COLD_MS = 90_000  # a cold server imports the stack and builds its caches first

# Idle: connected, the script not running and no status widget, for 600 ms in a row (a page
# can rerun itself, e.g. when it tidies its URL).
_IDLE_JS = """() => {
    const app = document.querySelector('[data-testid="stApp"]');
    const idle = !!app && app.dataset.testScriptState === "notRunning"
        && app.dataset.testConnectionState === "CONNECTED"
        && !document.querySelector('[data-testid="stStatusWidget"]');
    if (!idle) { window.__kpIdleSince = undefined; return false; }
    window.__kpIdleSince ??= performance.now();
    return performance.now() - window.__kpIdleSince > 600;
}"""

# A point where the given kab/kota's own path is the topmost element, found through the
# Leaflet GeoJSON layer whose feature carries that code: its index among the kab/kota paths
# and the point's offset from the path's bounding box.
_POINT_IN_REGION_JS = """([code, selector]) => {
    const paths = [...document.querySelectorAll(selector)];
    for (const value of Object.values(window)) {
        if (!value || typeof value.eachLayer !== "function"
            || typeof value.toGeoJSON !== "function") continue;
        let path = null;
        value.eachLayer((layer) => {
            if (layer.feature && layer.feature.properties.code === code) path = layer._path;
        });
        if (!path) continue;
        const box = path.getBoundingClientRect();
        const steps = [];
        for (let i = 1; i < 10; i++) for (let j = 1; j < 10; j++) steps.push([i / 10, j / 10]);
        steps.sort((a, b) => Math.hypot(a[0] - .5, a[1] - .5) - Math.hypot(b[0] - .5, b[1] - .5));
        for (const [fx, fy] of steps) {
            const x = box.left + fx * box.width, y = box.top + fy * box.height;
            if (document.elementFromPoint(x, y) === path) {
                return {index: paths.indexOf(path), x: x - box.left, y: y - box.top};
            }
        }
    }
    return null;
}"""


def wait_idle(page: Page, timeout: float = COLD_MS) -> None:
    page.wait_for_function(_IDLE_JS, timeout=timeout, polling=100)


def open_app(page: Page, url: str) -> None:
    """Load a URL and wait until the app has finished running."""
    page.goto(url)
    wait_idle(page)


def navigation_labels(page: Page) -> list[str]:
    """The sidebar's page links as shown, without their icon ligatures."""
    links = page.locator('[data-testid="stSidebarNavLink"]')
    return [text.split("\n")[-1].strip() for text in links.all_inner_texts()]


def assert_no_exception(page: Page) -> None:
    exceptions = page.locator('[data-testid="stException"]')
    assert exceptions.count() == 0, exceptions.all_inner_texts()


def national_map(page: Page) -> Frame:
    """The folium iframe, once every kab/kota path is drawn."""
    frame = page.wait_for_selector(MAP_IFRAME, timeout=COLD_MS).content_frame()
    assert frame is not None
    frame.wait_for_function(
        f"document.querySelectorAll('{KABKOTA_PATHS}').length >= {KABKOTA_COUNT}",
        timeout=COLD_MS,
    )
    return frame


def region_path(frame: Frame, code: str) -> tuple[object, dict[str, float]]:
    """The kab/kota's path locator and a point on it that receives the mouse."""
    point = frame.evaluate(_POINT_IN_REGION_JS, [code, KABKOTA_PATHS])
    assert point is not None, f"no clickable path for {code}"
    return frame.locator(KABKOTA_PATHS).nth(point["index"]), {"x": point["x"], "y": point["y"]}


def display_name(database_url: str, code: str, year: int) -> str:
    """The name the app shows for a published result, read the way the app reads it."""
    rows = analyse(store.read(store.engine(database_url), "results", DATASET_PUBLISHED))
    hit = rows[(rows["code"] == code) & (rows["year"] == year)]
    return str(hit["display_name"].iloc[0])


def test_fresh_server_direct_link_uses_the_navigation(fresh_server: str, tab: Tab) -> None:
    """A new server's very first request, a direct link to a page with state, gets app.py's
    translated navigation (not the pages/ file names) and keeps the link's parameters.

    `fresh_server` comes before `tab` so that the tab (and its screenshot) closes first.
    """
    open_app(tab.page, f"{fresh_server}/peringkat?year=2023&province=73")
    assert navigation_labels(tab.page) == list(NAVIGATION_ID)
    assert_no_exception(tab.page)
    expect(tab.page.locator("h1")).to_contain_text("2023")
    expect(tab.page.get_by_text("Sulawesi Selatan").first).to_be_visible()


@pytest.mark.parametrize("dataset", [DATASET_PUBLISHED, DATASET_DEMO])
@pytest.mark.parametrize("path", PAGES, ids=lambda path: path.strip("/") or "ringkasan")
def test_page_loads(tab: Tab, server: str, path: str, dataset: str) -> None:
    open_app(tab.page, f"{server}{path}?dataset={dataset}")
    assert_no_exception(tab.page)
    expect(tab.page.locator("h1").first).to_be_visible()


def test_national_map_draws_every_kabkota(tab: Tab, server: str) -> None:
    open_app(tab.page, f"{server}/peta?year=2023")
    frame = national_map(tab.page)
    assert frame.locator(KABKOTA_PATHS).count() >= KABKOTA_COUNT
    legend = frame.locator(".kp-legend")
    for word in ("Hijau", "Kuning", "Tanpa angka terbitan"):
        expect(legend.get_by_text(word)).to_be_visible()


def test_map_click_opens_profile(tab: Tab, server: str, database_url: str) -> None:
    open_app(tab.page, f"{server}/peta?year=2023")
    path, point = region_path(national_map(tab.page), CLICK_CODE)
    path.click(position=point)
    tab.page.wait_for_url(re.compile(rf"/profil\?.*region={re.escape(CLICK_CODE)}"), timeout=30_000)
    wait_idle(tab.page)
    assert_no_exception(tab.page)
    expect(tab.page.locator("h1")).to_have_text(display_name(database_url, CLICK_CODE, 2023))


def test_hostile_name_stays_text(tab: Tab, server: str) -> None:
    """A name that is an HTML payload is shown literally and never becomes an element."""
    page = tab.page
    open_app(page, f"{server}/peringkat?year={HOSTILE_YEAR}&province={HOSTILE_CODE[:2]}")
    # The grid draws on a canvas; its accessible cells (hidden) hold the name as plain text.
    expect(page.locator('td[role="gridcell"]', has_text=HOSTILE_NAME).first).to_be_attached()
    assert page.locator('img[src="x"]').count() == 0

    open_app(page, f"{server}/profil?year={HOSTILE_YEAR}&region={HOSTILE_CODE}")
    expect(page.locator("h1")).to_have_text(HOSTILE_NAME)
    assert page.locator('img[src="x"]').count() == 0

    open_app(page, f"{server}/peta?year={HOSTILE_YEAR}")
    frame = national_map(page)
    path, point = region_path(frame, HOSTILE_CODE)
    path.hover(position=point)
    expect(frame.locator(".leaflet-tooltip")).to_contain_text(HOSTILE_NAME)
    assert frame.locator('img[src="x"]').count() == 0
    assert page.locator('img[src="x"]').count() == 0
    page.wait_for_timeout(300)  # an onerror handler would have run by now
    assert tab.dialogs == []


def test_bad_parameters_show_notices(tab: Tab, server: str) -> None:
    open_app(tab.page, f"{server}/peringkat?year=1999&province=zz")
    alerts = tab.page.locator('[data-testid="stAlert"]')
    expect(alerts.filter(has_text="year").filter(has_text="1999")).to_be_visible()
    expect(alerts.filter(has_text="province").filter(has_text="zz")).to_be_visible()
    assert_no_exception(tab.page)
    expect(tab.page.locator("h1")).to_be_visible()


def test_english_navigation(tab: Tab, server: str) -> None:
    open_app(tab.page, f"{server}/?lang=en")
    labels = navigation_labels(tab.page)
    assert {"Overview", "Rankings", "Map", "Region profile"} <= set(labels), labels
    assert_no_exception(tab.page)
    expect(tab.page.locator("h1")).to_contain_text("Assessment overview")


def test_chart_tooltip_shows_a_hostile_name_as_text(tab: Tab, server: str) -> None:
    """The ranking chart's tooltip (vega-tooltip inside Streamlit) escapes a hostile name."""
    page = tab.page
    open_app(page, f"{server}/peringkat?year={HOSTILE_YEAR}&province={HOSTILE_CODE[:2]}")
    chart = page.locator('[data-testid="stVegaLiteChart"]').first
    chart.scroll_into_view_if_needed()
    expect(chart).to_be_visible()
    bars = chart.locator("path[aria-roledescription='bar']")
    shown = []
    for i in range(bars.count()):
        bars.nth(i).hover(force=True)
        page.wait_for_timeout(80)
        tooltip = page.locator("#vg-tooltip-element")
        if tooltip.count():
            shown.append(tooltip.inner_html())
    assert any("&lt;img src=x onerror=alert(1)&gt;" in html for html in shown), shown[:3]
    assert page.locator('img[src="x"]').count() == 0
    page.wait_for_timeout(300)  # an onerror handler would have run by now
    assert tab.dialogs == []
