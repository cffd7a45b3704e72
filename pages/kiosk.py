"""Layar informasi: the lobby display. One screen at a time from the playlist in kiosk.toml,
rotating inside a fragment (no page reload), with a clock and the date of the data."""

import logging
import time

import streamlit as st

from scoring.choices import DATASET_DEMO
from scoring.i18n import t
from shell import data, kiosk
from views import kiosk as views
from views import slide_html
from views.context import ViewContext
from views.slides import Deck
from views.state import ViewState

logger = logging.getLogger(__name__)
try:
    config = views.read_config()
except views.KioskConfigError as problem:
    kiosk.hide_chrome("id")
    st.error(str(problem))
    st.stop()

kiosk.hide_chrome(config.lang)


@st.fragment(run_every=config.seconds)
def rotation() -> None:
    """The screen the clock says. An unattended screen must not show a traceback: a failure
    is logged with its traceback and the screen says the data is being updated, then the next
    turn tries again."""
    try:
        screen()
    except Exception:
        logger.exception("kiosk screen failed")
        st.info(t("kiosk.unavailable", config.lang))


def screen() -> None:
    """The screen the clock says; re-read every turn so an import or a config edit shows."""
    settings = views.read_config()
    catalog = data.catalog(settings.dataset)
    state = ViewState(year=settings.year, dataset=settings.dataset, lang=settings.lang)
    ctx = ViewContext.resolve(state, catalog, data.results(settings.dataset))
    if ctx.year is None:
        st.info(ctx.t("ceremony.no_results"))
        return
    names = data.province_names()
    where = names.get(settings.province or "", settings.province or "")
    pages = views.province_ranking(ctx.results, ctx.year, settings.province, where, ctx.lang)
    shown = views.screen_at(views.playlist(settings, len(pages)), settings.seconds, time.time())
    year_results = ctx.for_year()
    if shown.view == "map":
        png = kiosk.map_png(year_results, ctx.palette)
        shapes = data.boundaries()
        slide = (
            views.map_slide(year_results, png, ctx.year, len(shapes.kabkota), ctx.lang)
            if png is not None and shapes is not None
            else views.zone_counts(ctx.results, ctx.year, ctx.lang)
        )
    elif shown.view == "zones":
        slide = views.zone_counts(ctx.results, ctx.year, ctx.lang)
    elif shown.view == "ranking":
        slide = pages[shown.page]
    else:
        slide = views.risers(ctx.results, ctx.year, ctx.lang)
    source, method = ctx.source_and_method()
    as_of = views.data_as_of(data.imports_log(), settings.dataset)
    deck = Deck(
        title=slide.title,
        slides=(slide,),
        source=source,
        method=method,
        demo=ctx.t("ui.badge_demo") if ctx.dataset == DATASET_DEMO else "",
        lang=ctx.lang,
        palette=ctx.palette,
        as_of=ctx.t("kiosk.as_of", date=as_of or "–"),
    )
    st.iframe(slide_html.deck_html(deck, kiosk=True, height=1080), height=1080)


rotation()
