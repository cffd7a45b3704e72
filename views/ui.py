"""Streamlit glue shared by the pages: cached data, URL state, sidebar and the dataset badge.

Pages call `setup()` first; it returns the view state and the data of the chosen dataset, so a
page script only describes what it shows.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from scoring import bundle, store
from scoring.choices import DATASET_DEMO, DATASET_PUBLISHED, DATASETS, LANGUAGES, Lang
from scoring.i18n import t
from views import state as url
from views.format import escape_md

LARGE_TYPE_CSS = """
<style>
/* Streamlit sizes text in rem: a larger root scales every label, title and metric alike. */
html { font-size: 22px; }
</style>
"""


@st.cache_resource(show_spinner=False)
def engine():
    """The database, built from the bundled data on the very first run."""
    return bundle.ensure_database()


@st.cache_data(show_spinner=False, max_entries=4)
def results(dataset: str) -> pd.DataFrame:
    from scoring.pipeline import analyse

    return analyse(store.read(engine(), "results", dataset))


@st.cache_data(show_spinner=False, max_entries=4)
def units(dataset: str) -> pd.DataFrame:
    return store.read(engine(), "units", dataset)


@st.cache_data(show_spinner=False, max_entries=64)
def dimensions(dataset: str, code: str) -> pd.DataFrame:
    return store.read(engine(), "dimensions", dataset, code=code)


@st.cache_data(show_spinner=False, max_entries=64)
def indicators(dataset: str, code: str, year: int) -> pd.DataFrame:
    return store.read(engine(), "indicators", dataset, code=code, year=year)


@dataclass(frozen=True)
class Page:
    """What every page gets: the state from the URL and its dataset's results."""

    state: url.ViewState
    results: pd.DataFrame

    @property
    def lang(self) -> Lang:
        return self.state.lang

    def t(self, key: str, **values: object) -> str:
        return t(key, self.state.lang, **values)

    @property
    def years(self) -> list[int]:
        return sorted(self.results["year"].unique().tolist(), reverse=True)

    @property
    def year(self) -> int:
        """The chosen year, else the latest year with a substantial set of results.

        The published data's newest year can hold a handful of figures; opening on it would
        show a near-empty nation.
        """
        if self.state.year:
            return self.state.year
        counts = self.results["year"].value_counts()
        substantial = counts[counts >= 0.25 * counts.max()].index
        return int(max(substantial))

    @property
    def scale(self) -> float:
        """Font scale for charts: larger on a TV or projector."""
        return 1.5 if self.state.large else 1.0

    def for_year(self, year: int | None = None) -> pd.DataFrame:
        return self.results[self.results["year"] == (year or self.year)]


def _known(frame: pd.DataFrame) -> tuple[tuple[int, ...], frozenset[str], frozenset[str]]:
    years = tuple(int(y) for y in frame["year"].unique())
    provinces = frozenset(frame["province_code"].dropna().unique())
    regions = frozenset(frame["code"].dropna().unique())
    return years, provinces, regions


def read_state() -> tuple[url.ViewState, list[url.Notice]]:
    """The state from the URL (or, when a page link dropped it, from this session)."""
    params = st.query_params.to_dict() or st.session_state.get("view_params", {})
    dataset = params.get("dataset", DATASET_PUBLISHED)
    frame = results(dataset if dataset in DATASETS else DATASET_PUBLISHED)
    years, provinces, regions = _known(frame)
    return url.decode(params, years=years, province_codes=provinces, region_codes=regions)


def write_state(state: url.ViewState) -> None:
    """Mirror the state into the URL so the view can be shared as a link."""
    encoded = url.encode(state)
    st.session_state["view_params"] = encoded
    if st.query_params.to_dict() != encoded:
        st.query_params.from_dict(encoded)


def change(**changes: object) -> None:
    """Update the state (from a widget callback) and rerun with it in the URL."""
    state, _ = read_state()
    write_state(state.with_(**changes))


def _sidebar(state: url.ViewState) -> url.ViewState:
    lang = state.lang
    with st.sidebar:
        dataset = st.radio(
            t("ui.dataset", lang),
            DATASETS,
            index=DATASETS.index(state.dataset),
            format_func=lambda d: t(f"dataset.{d}", lang),
            help=t("ui.dataset_help", lang),
        )
        language = st.radio(
            t("ui.language", lang),
            LANGUAGES,
            index=LANGUAGES.index(lang),
            format_func=lambda code: {"id": "Bahasa Indonesia", "en": "English"}[code],
            horizontal=True,
        )
        palette = st.toggle(t("ui.colorblind", lang), value=state.palette == "colorblind")
        large = st.toggle(t("ui.large", lang), value=state.large)
    return state.with_(
        dataset=dataset,
        lang=language,
        palette="colorblind" if palette else "standard",
        large=large,
    )


def badge(page: Page) -> None:
    """The dataset badge every page carries: published figures or clearly marked demo."""
    if page.state.dataset == DATASET_DEMO:
        st.warning(t("ui.badge_demo", page.lang), icon=":material/science:")
    else:
        st.caption(f":green-badge[:material/verified: {t('ui.badge_published', page.lang)}]")


def _leave_legacy_page_discovery() -> None:
    """Route a fresh visitor's direct link through app.py's navigation.

    With a pages/ folder, a new server process routes direct links (e.g. /peta) the old way —
    running the page script without app.py, so without its layout and navigation — until some
    session has called st.navigation. Turning that mode off and rerunning sends this visitor,
    and every later one, through the frame.
    """
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def setup() -> Page:
    """Read the URL, draw the shared controls, show notices and the badge."""
    _leave_legacy_page_discovery()
    from_url, notices = read_state()
    state = _sidebar(from_url)
    if state.dataset != from_url.dataset:  # years and regions differ between datasets
        state = state.with_(year=None, region=None, compare=())
    write_state(state)
    if state.large:
        st.markdown(LARGE_TYPE_CSS, unsafe_allow_html=True)
    for notice in notices:
        st.info(
            t(
                "ui.bad_param",
                state.lang,
                parameter=notice.parameter,
                value=escape_md(notice.value),
            ),
            icon=":material/link_off:",
        )
    page = Page(state=state, results=results(state.dataset))
    badge(page)
    return page
