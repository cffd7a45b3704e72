"""Soak: the kiosk left running in headless Chromium, sampled every minute for memory growth.

Starts a streamlit server on the bundled data (a fresh SQLite file) with a playlist of every
kiosk view rotating every `--seconds`, opens `/?kiosk=1` in Debian's Chromium (nothing
downloaded, off-machine requests aborted), and each minute records:
- the server's resident memory (RSS of the streamlit process),
- the page's JS heap in use and DOM node count after a forced garbage collection (Chrome
  DevTools Protocol: HeapProfiler.collectGarbage, then Performance.getMetrics; the kiosk's
  frames are same-origin, so their heap and nodes are counted with the page's),
- the elements on screen (top document and frames) and whether an error or Streamlit's
  connection dialog is showing.
Prints one line per sample and, at the end, each figure's growth from the 5-minute sample to
the last (target: below 10 %); the DOM counts are compared screen by screen, since the map
holds fewer elements than a ranking page. Prints figures only; nothing is asserted.

Run: nice .venv/bin/python bench/soak_kiosk.py            (30 minutes)
     nice .venv/bin/python bench/soak_kiosk.py --long     (2 hours)
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import psutil
from playwright.sync_api import Page, Route, sync_playwright

from tests.browser.server import CHROMIUM, CHROMIUM_ARGS, streamlit_server
from views.kiosk import CONFIG_ENV

WARM_UP_MINUTES = 5
TARGET_GROWTH = 0.10
VIEWPORT = {"width": 1920, "height": 1080}
LOCAL_HOSTS = ("127.0.0.1", "localhost")
PLAYLIST = """views = ["map", "zones", "ranking", "risers"]
seconds = {seconds}
province = "73"
year = 2023
dataset = "resmi"
lang = "id"
"""
# Elements in the top document and in every frame, and whether an error shows.
_SCREEN_JS = """() => {
    const docs = [document, ...[...document.querySelectorAll("iframe")]
        .map((f) => { try { return f.contentDocument; } catch (e) { return null; } })
        .filter(Boolean)];
    const nodes = docs.reduce((n, d) => n + d.getElementsByTagName("*").length, 0);
    const error = !!document.querySelector('[data-testid="stException"]')
        || document.body.innerText.includes("Connection error");
    const title = docs.slice(1).map((d) => d.querySelector("h1")?.textContent).find(Boolean);
    return {nodes, error, title: title || ""};
}"""


@dataclass(frozen=True)
class Sample:
    minute: float
    rss_mb: float
    heap_mb: float
    dom_nodes: int
    on_screen: int
    error: bool
    title: str


def _streamlit_process() -> psutil.Process:
    """The streamlit server this process started (its only `streamlit run` child)."""
    for child in psutil.Process().children(recursive=True):
        if "streamlit" in " ".join(child.cmdline()):
            return child
    raise RuntimeError("no streamlit child process found")


def _sample(page: Page, cdp, server: psutil.Process, start: float) -> Sample:
    cdp.send("HeapProfiler.collectGarbage")
    metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
    screen = page.evaluate(_SCREEN_JS)
    return Sample(
        minute=(time.monotonic() - start) / 60,
        rss_mb=server.memory_info().rss / 2**20,
        heap_mb=metrics["JSHeapUsedSize"] / 2**20,
        dom_nodes=int(metrics["Nodes"]),
        on_screen=int(screen["nodes"]),
        error=bool(screen["error"]),
        title=str(screen["title"]),
    )


def _growth(samples: list[Sample], field: str, per_screen: bool = False) -> str:
    """Growth from the first sample after the warm-up to the last. `per_screen` compares
    samples of the same screen (DOM counts differ between screens, not over time) and
    reports the largest growth of any screen."""
    warm = [s for s in samples if s.minute >= WARM_UP_MINUTES]
    groups = [[s for s in warm if s.title == t] for t in dict.fromkeys(s.title for s in warm)]
    pairs = [(g[0], g[-1]) for g in (groups if per_screen else [warm]) if len(g) >= 2]
    if not pairs:
        return f"{field}: too short to say (needs more than {WARM_UP_MINUTES} minutes)"
    first, last = max(
        pairs, key=lambda p: (getattr(p[1], field) - getattr(p[0], field)) / getattr(p[0], field)
    )
    start, end = getattr(first, field), getattr(last, field)
    peak = max(getattr(s, field) for s in warm)
    growth = (end - start) / start if start else 0.0
    verdict = "within" if growth < TARGET_GROWTH else "OVER"
    where = f" (worst screen: {first.title or 'between screens'})" if per_screen else ""
    return (
        f"{field}: {start:.1f} at {first.minute:.0f} min -> {end:.1f} at {last.minute:.0f} "
        f"min, growth {growth:+.1%}{where} (peak {peak:.1f}; {verdict} the "
        f"{TARGET_GROWTH:.0%} target)"
    )


def soak(minutes: float, seconds: int, every: float) -> list[Sample]:
    folder = Path(tempfile.mkdtemp(prefix="kepatuhan-soak-"))
    playlist = folder / "kiosk.toml"
    playlist.write_text(PLAYLIST.format(seconds=seconds), encoding="utf-8")
    os.environ[CONFIG_ENV] = str(playlist)
    samples: list[Sample] = []
    database = f"sqlite:///{folder / 'k.sqlite'}"
    with streamlit_server(folder / "server.log", database) as base, sync_playwright() as pw:
        server = _streamlit_process()
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport=VIEWPORT)
        external: list[str] = []

        def guard(route: Route) -> None:
            if urlsplit(route.request.url).hostname in (*LOCAL_HOSTS, None):
                route.continue_()
            else:
                external.append(route.request.url)
                route.abort()

        context.route("**/*", guard)
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Performance.enable")
        start = time.monotonic()
        page.goto(f"{base}/?kiosk=1")
        print(f"soak: {minutes:.0f} min, a screen every {seconds} s, a sample every {every:.0f} s")
        print("minute  server RSS MB  JS heap MB  DOM nodes  on screen  error  showing")
        while True:
            sample = _sample(page, cdp, server, start)
            samples.append(sample)
            print(
                f"{sample.minute:6.1f}  {sample.rss_mb:13.1f}  {sample.heap_mb:10.1f}  "
                f"{sample.dom_nodes:9d}  {sample.on_screen:9d}  {'yes' if sample.error else 'no':5}"
                f"  {sample.title}",
                flush=True,
            )
            if sample.minute >= minutes:
                break
            page.wait_for_timeout(every * 1000)
        browser.close()
    print(f"requests that left the machine: {len(external)}")
    print(f"samples showing an error: {sum(s.error for s in samples)} of {len(samples)}")
    print(f"screens seen: {len({s.title for s in samples})}")
    for field in ("rss_mb", "heap_mb"):
        print(_growth(samples, field))
    for field in ("dom_nodes", "on_screen"):
        print(_growth(samples, field, per_screen=True))
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--long", action="store_true", help="two hours instead of 30 minutes")
    parser.add_argument("--minutes", type=float, help="run this long instead")
    # 7 s: the six screens take 42 s, so minute samples fall on every screen in turn.
    parser.add_argument("--seconds", type=int, default=7, help="seconds per kiosk screen")
    parser.add_argument("--every", type=float, default=60, help="seconds between samples")
    args = parser.parse_args()
    minutes = args.minutes or (120 if args.long else 30)
    soak(minutes, args.seconds, args.every)


if __name__ == "__main__":
    main()
