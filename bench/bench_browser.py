"""How long until the national map is visible in a browser, against a naive folium map.

In headless Chromium (Debian's, nothing downloaded; every off-machine request is aborted and
counted), measured from navigation start to the moment the 514 kab/kota paths are in the DOM:

- ours: /peta?year=2023 on a streamlit server started here, cold (its first page load) and
  warm (median of 3 more loads, each in a fresh page);
- naive: folium's defaults on the full-resolution kab/kota file, as one HTML file served from
  localhost with Leaflet taken from the same local copy as ours (median of 3);
- ours standalone: the same map as the download's HTML (Leaflet inlined), served the same way,
  which separates drawing the map from loading the Streamlit app (median of 3).

Also the map page's server time per rerun (AppTest, median of 5 after the first). Prints
figures only; nothing is asserted, since timings vary by machine.
Run: .venv/bin/python bench/bench_browser.py
"""

from __future__ import annotations

import os
import shutil
import statistics
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import folium
import pandas as pd
from playwright.sync_api import BrowserContext, Route, sync_playwright
from streamlit.testing.v1 import AppTest
from timing import median_seconds

from scoring import bundle, store
from scoring.choices import DATASET_PUBLISHED
from scoring.pipeline import analyse
from scoring.regions import geo_dir
from tests.browser.server import CHROMIUM, CHROMIUM_ARGS, streamlit_server
from views import geo, maps

ROOT = Path(__file__).resolve().parent.parent
YEAR = 2023
KABKOTA = 514
LOADS = 3
RERUNS = 5
TIMEOUT_MS = 180_000
MAP_IFRAME = 'iframe[title="streamlit_folium.st_folium"]'
NAIVE_PAGE = "naive.html"
STANDALONE_PAGE = "ours.html"
LOCAL_HOSTS = ("127.0.0.1", "localhost")
# Run in the top window from navigation start: on each animation frame, count the kab/kota
# paths (in streamlit-folium's iframe if there is one, else in the page itself) and note the
# wall-clock time (ms since the epoch, like performance.timeOrigin) when all are there. An init
# script in the iframe itself would not do: it runs in the iframe's initial about:blank window.
DRAWN_JS = f"""
if (window === window.top) {{
    const count = () => {{
        const frame = document.querySelector('{MAP_IFRAME}');
        const doc = frame ? frame.contentDocument : document;
        return doc ? doc.querySelectorAll("path.leaflet-interactive").length : 0;
    }};
    const tick = () => {{
        if (count() >= {KABKOTA}) {{
            window.__kpDrawn = performance.timeOrigin + performance.now();
        }} else {{
            requestAnimationFrame(tick);
        }}
    }};
    requestAnimationFrame(tick);
}}
"""


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """No access log on stderr."""


@contextmanager
def static_server(folder: Path) -> Iterator[str]:
    """A folder served on localhost from a background thread; yields the base URL."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(_QuietHandler, directory=folder))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        thread.join()


def write_naive_page(folder: Path) -> int:
    """folium's defaults on the full-resolution file, Leaflet from our local copy; its bytes.

    The other CDN assets folium lists (jQuery, Bootstrap, Font Awesome, …) and the
    OpenStreetMap tiles stay in the page; offline, the browser's requests for them are aborted.
    """
    for name in ("leaflet.js", "leaflet.css"):
        shutil.copy(maps.leaflet_dir() / name, folder / name)
    m = folium.Map(location=[-2.5, 118], zoom_start=5)
    m.default_js = [(k, "leaflet.js" if k == "leaflet" else url) for k, url in m.default_js]
    m.default_css = [(k, "leaflet.css" if k == "leaflet_css" else url) for k, url in m.default_css]
    folium.GeoJson(str(geo_dir() / geo.KABKOTA_FILE)).add_to(m)
    page = folder / NAIVE_PAGE
    m.save(str(page))
    return page.stat().st_size


def published_rows() -> pd.DataFrame:
    """The published kab/kota results of YEAR, as the map page passes them to `zone_map`."""
    rows = analyse(store.read(bundle.ensure_database(), "results", DATASET_PUBLISHED))
    return rows[(rows["year"] == YEAR) & rows["level"].isin(["kabupaten", "kota"])]


def seconds_to_map(context: BrowserContext, url: str) -> float:
    """From navigation start to every kab/kota path drawn, in a fresh page."""
    page = context.new_page()
    page.goto(url, wait_until="commit")
    drawn = page.wait_for_function("window.__kpDrawn", timeout=TIMEOUT_MS).json_value()
    start = page.evaluate("performance.timeOrigin")
    page.close()
    return (drawn - start) / 1000


def rerun_seconds() -> float:
    """Server time of one rerun of the map page through app.py's navigation."""
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    app.query_params["year"] = str(YEAR)
    app.switch_page("pages/peta.py")
    app.run()
    if app.exception:
        raise RuntimeError([e.value for e in app.exception])
    return median_seconds(app.run, RERUNS)


def write_standalone_page(folder: Path, rows: pd.DataFrame) -> int:
    """Our map without Streamlit: the download's HTML (Leaflet inlined); its bytes."""
    page = folder / STANDALONE_PAGE
    page.write_text(
        maps.standalone_html(maps.zone_map(rows, geo.load_boundaries())), encoding="utf-8"
    )
    return page.stat().st_size


def main() -> None:
    rows = published_rows()  # also builds the project's database if it is new
    shapes = geo.load_boundaries()
    ours_bytes = maps.payload_bytes(
        maps.zone_map(rows, shapes, shapes_url=maps.shapes_url(shapes))
    )  # the page's values; the shapes come once, as a file the browser keeps
    shapes_bytes = (geo.shapes_dir() / geo.shapes_file(shapes)).stat().st_size
    blocked: list[str] = []

    def guard(route: Route) -> None:
        parts = urlsplit(route.request.url)
        if parts.scheme in ("data", "blob", "about") or parts.hostname in LOCAL_HOSTS:
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    def loads(context: BrowserContext, url: str, runs: int) -> tuple[list[float], int]:
        """Seconds of each load and the off-machine requests they made."""
        before = len(blocked)
        return [seconds_to_map(context, url) for _ in range(runs)], len(blocked) - before

    with (
        tempfile.TemporaryDirectory() as temp,
        sync_playwright() as playwright,
        streamlit_server(ROOT / "artifacts" / "bench-server.log") as app_base,
        static_server(Path(temp)) as static_base,
    ):
        naive_bytes = write_naive_page(Path(temp))
        standalone_bytes = write_standalone_page(Path(temp), rows)
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1440, "height": 1000})
        context.route("**/*", guard)
        context.add_init_script(DRAWN_JS)
        ours_url = f"{app_base}/peta?year={YEAR}"
        (cold,), cold_blocked = loads(context, ours_url, 1)
        warm, warm_blocked = loads(context, ours_url, LOADS)
        naive, naive_blocked = loads(context, f"{static_base}/{NAIVE_PAGE}", LOADS)
        alone, alone_blocked = loads(context, f"{static_base}/{STANDALONE_PAGE}", LOADS)
        browser.close()
    rerun = rerun_seconds()

    kb = 1000
    warm_s, naive_s, alone_s = (statistics.median(x) for x in (warm, naive, alone))
    table = [
        ("ours, cold: first load after server start", cold, ours_bytes, cold_blocked),
        (f"ours, warm: median of {LOADS} fresh pages", warm_s, ours_bytes, warm_blocked),
        (f"naive folium, full resolution (median {LOADS})", naive_s, naive_bytes, naive_blocked),
        (
            f"ours standalone, no Streamlit (median {LOADS})",
            alone_s,
            standalone_bytes,
            alone_blocked,
        ),
    ]
    print(f"national map {YEAR}: seconds from navigation start to {KABKOTA} kab/kota paths drawn")
    print(f"{'':48}{'seconds':>8}{'payload kB':>12}{'blocked':>9}")
    for label, seconds, size, off_machine in table:
        print(f"{label:48}{seconds:8.2f}{size / kb:12,.0f}{off_machine:9d}")
    print(f"{'naive / ours warm':48}{naive_s / warm_s:7.2f}x{naive_bytes / ours_bytes:11.2f}x")
    print(f"{'naive / ours standalone':48}{naive_s / alone_s:7.2f}x")
    print(f"{f'server: rerun of pages/peta.py (AppTest, median {RERUNS})':48}{rerun:8.2f}")
    print(
        "payload: ours = views.maps.payload_bytes of the live map (values only; Leaflet and the"
        f"\n  shapes, a {shapes_bytes / kb:,.0f} kB TopoJSON file fetched once, not included);"
        "\n  naive and standalone = HTML file size (standalone inlines Leaflet and the shapes)."
        "\n  blocked: off-machine requests aborted (naive: folium's CDN assets and OpenStreetMap"
        "\n  tiles), summed over the loads."
    )


if __name__ == "__main__":
    os.chdir(ROOT)
    main()
