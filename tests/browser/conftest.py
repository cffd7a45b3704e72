"""Fixtures for the browser tests: a database holding a hostile name, a real streamlit server,
and headless Chromium that may only talk to this machine.

Run with `pytest tests/browser -m browser`. Chromium is Debian's (/usr/bin/chromium); nothing is
downloaded. Screenshots (one per test, taken at teardown, pass or fail) and the server logs go
to artifacts/ under the project root.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from fixtures import skip_without_geo
from playwright.sync_api import Browser, Dialog, Page, Route, WebSocketRoute, sync_playwright

from scoring import bundle, store
from scoring.choices import DATASET_PUBLISHED

from .server import CHROMIUM, CHROMIUM_ARGS, ROOT, streamlit_server

ARTIFACTS = ROOT / "artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
# Tall enough for whole pages: Streamlit scrolls inside a container, not the document.
VIEWPORT = {"width": 1440, "height": 2200}

HOSTILE_NAME = "<img src=x onerror=alert(1)>"
HOSTILE_CODE = "73.08"  # Kabupaten Bone: published for 2022 and 2023
HOSTILE_YEAR = 2023

LOCAL_HOSTS = {"localhost", "127.0.0.1"}
INERT_SCHEMES = {"data", "blob", "about"}


def is_local(url: str) -> bool:
    """Whether a URL stays on this machine (or needs no network at all)."""
    parts = urlsplit(url)
    return parts.scheme in INERT_SCHEMES or parts.hostname in LOCAL_HOSTS


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The bundled data in a fresh SQLite file, with one published name made hostile.

    The hostile string goes in through the data-access layer, the way an import writes rows:
    the published 2023 results are read back, Kabupaten Bone's `entity` and `region_name` are
    replaced, and the year is stored again with `store.replace`. Its code stays real, so the
    row is still ranked and drawn on the map, and `analyse` makes `region_name` its display
    name. (An imported file cannot do this: the importer resolves names to codes, and a name
    it cannot resolve gets no code and shows up neither on the map nor in the region list.)
    """
    skip_without_geo()  # the map, the demo data and the region codes need it
    url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'k.sqlite'}"
    engine = bundle.ensure_database(url)
    rows = store.read(engine, "results", DATASET_PUBLISHED, year=HOSTILE_YEAR)
    hit = rows["code"] == HOSTILE_CODE
    assert hit.sum() == 1, f"expected one {HOSTILE_YEAR} result for {HOSTILE_CODE}"
    rows.loc[hit, ["entity", "region_name"]] = HOSTILE_NAME
    store.replace(engine, DATASET_PUBLISHED, {"results": rows})
    engine.dispose()
    return url


@pytest.fixture(scope="session")
def server(database_url: str) -> Iterator[str]:
    """The server most tests share; its log is kept as artifacts/server.log."""
    with streamlit_server(ARTIFACTS / "server.log", database_url) as base:
        yield base


@pytest.fixture
def fresh_server(database_url: str) -> Iterator[str]:
    """A server no browser has visited yet (same database); log in artifacts/server-fresh.log."""
    with streamlit_server(ARTIFACTS / "server-fresh.log", database_url) as base:
        yield base


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@dataclass
class Tab:
    """A page in its own browser context, with what it tried to reach off the machine and
    the JavaScript dialogs (alert, confirm, prompt) any frame opened."""

    page: Page
    external: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


def _screenshot_path(test_name: str) -> Path:
    return SCREENSHOTS / (re.sub(r"[^\w.-]+", "_", test_name).strip("_") + ".png")


@pytest.fixture
def tab(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Tab]:
    """A fresh tab limited to localhost; at teardown: a screenshot, then no off-machine request
    and no dialog may have happened."""
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    opened = Tab(page)

    def guard(route: Route) -> None:
        if is_local(route.request.url):
            route.continue_()
        else:
            opened.external.append(route.request.url)
            route.abort()

    def refuse_socket(socket_route: WebSocketRoute) -> None:
        opened.external.append(socket_route.url)
        socket_route.close()

    def on_dialog(dialog: Dialog) -> None:
        opened.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    context.route("**/*", guard)
    context.route_web_socket(lambda url: not is_local(url), refuse_socket)
    page.on("dialog", on_dialog)
    yield opened
    try:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=_screenshot_path(request.node.name))
    finally:
        context.close()
    assert opened.external == [], f"requests that left the machine: {opened.external}"
    assert opened.dialogs == [], f"dialogs opened: {opened.dialogs}"
