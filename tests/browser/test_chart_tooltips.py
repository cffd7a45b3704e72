"""Chart tooltips in a real browser: a hostile region name is shown as text, never run."""

import pytest
from fixtures import BREAKOUT, HOSTILE, ranking_frame
from playwright.sync_api import Browser

from views import charts, export


@pytest.mark.browser
def test_tooltips_show_hostile_names_as_text(browser: Browser, tmp_path):
    frame = ranking_frame().assign(display_name=[BREAKOUT, HOSTILE, "a", "b", "c"])
    path = tmp_path / "chart.html"
    path.write_bytes(export.chart_html(charts.ranking_bars(frame), source="S", method="M"))
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(path.as_uri())
    page.wait_for_selector("#chart svg")
    shown = []
    bars = page.locator("#chart svg path[aria-roledescription='bar']")
    for i in range(bars.count()):
        bars.nth(i).hover()
        page.wait_for_timeout(100)
        shown.append(page.inner_html("#vg-tooltip-element"))
    assert page.evaluate("window.pwned") is None
    assert page.evaluate("document.querySelectorAll('img').length") == 0
    page.close()
    assert dialogs == []
    assert any("&lt;img src=x onerror=alert(1)&gt;" in html for html in shown)
