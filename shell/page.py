"""What every page does first: read the URL, draw the shared controls, resolve the context.

A page script calls `setup()` and gets one `ViewContext`; everything it shows is built from it.
"""

from __future__ import annotations

import streamlit as st

from scoring.choices import DATASET_DEMO, DATASETS, LANGUAGES
from scoring.i18n import t
from shell import auth, data, guard, kiosk, registry, url, widgets
from views.context import Focus, ViewContext
from views.format import escape_md
from views.state import ViewState

LARGE_TYPE_CSS = """
<style>
/* Streamlit sizes text in rem: a larger root scales every label, title and metric alike. */
html { font-size: 22px; }
</style>
"""
LANGUAGE_NAMES = {"id": "Bahasa Indonesia", "en": "English"}


def _sidebar(state: ViewState) -> ViewState:
    lang = state.lang
    with st.sidebar:
        widgets.region_search(data.catalog(state.dataset), lang, key="sidebar-search")
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
            format_func=LANGUAGE_NAMES.__getitem__,
            horizontal=True,
        )
        palette = st.toggle(t("ui.colorblind", lang), value=state.palette == "colorblind")
        large = st.toggle(t("ui.large", lang), value=state.large)
        auth.sidebar_status(lang, registry.script("akun"))
    changed = state.with_(
        dataset=dataset,
        lang=language,
        palette="colorblind" if palette else "standard",
        large=large,
    )
    if changed.dataset != state.dataset:  # keep what the other dataset holds too
        held = data.catalog(changed.dataset)
        changed = changed.with_(
            year=changed.year if changed.year in held.years else None,
            region=changed.region if changed.region in held.region_codes else None,
            compare=tuple(code for code in changed.compare if code in held.region_codes),
        )
    return changed


def _badge(ctx: ViewContext) -> None:
    """The dataset badge every page carries: published figures or clearly marked demo."""
    if ctx.dataset == DATASET_DEMO:
        st.warning(ctx.t("ui.badge_demo"), icon=":material/science:")
    else:
        st.caption(f":green-badge[:material/verified: {ctx.t('ui.badge_published')}]")


def setup(focus: Focus = "nation") -> ViewContext:
    """Read the URL, draw the sidebar, show notices and the badge; the page's one context.

    `focus="region"` is for a page about one government: its year falls back to that
    government's own latest year rather than the nation's default.
    """
    guard.leave_legacy_page_discovery()
    url.follow_jump()
    asked, notices = url.read()
    state = asked if kiosk.active() else _sidebar(asked)  # a kiosk has no controls
    url.write(state)
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
    ctx = ViewContext.resolve(
        state, data.catalog(state.dataset), data.results(state.dataset), focus=focus
    )
    _badge(ctx)
    return ctx
