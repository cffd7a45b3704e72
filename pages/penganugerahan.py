"""Penganugerahan: the award-ceremony deck of a year and a province (or the nation), shown
full-screen on a projector, with the same deck and the certificates as files for organisers."""

import streamlit as st
import streamlit.components.v1 as components

from shell import data, page, widgets
from views import slide_html, slides

FRAME_HEIGHT = 620

# Read before `page.setup()` rewrites the URL from the view state; kept for the session.
if st.query_params.get("present") == "1":
    st.session_state["ceremony_present"] = True
ctx = page.setup()
names = data.province_names()
where = names.get(ctx.province, ctx.province) if ctx.province else ctx.t("ui.all_provinces")
st.title(ctx.t("ceremony.title", year=ctx.year))
controls = st.columns(4)
with controls[0]:
    widgets.year_picker(ctx)
with controls[1]:
    widgets.province_picker(ctx)
with controls[2]:
    widgets.level_picker(ctx)
with controls[3]:
    auto = st.number_input(ctx.t("ceremony.auto"), min_value=0, max_value=600, value=0, step=5)

if ctx.year is None or ctx.for_year().empty:
    st.info(ctx.t("ceremony.no_results"))
    st.stop()
source, method = ctx.source_and_method()
deck = slides.build_deck(
    ctx.results,
    year=ctx.year,
    level=ctx.level,
    province_code=ctx.province,
    where=str(where),
    source=source,
    method=method,
    dataset=ctx.dataset,
    lang=ctx.lang,
    palette=ctx.palette,
    units=data.units(ctx.dataset),
)
st.caption(ctx.t("ceremony.keys"))
present = bool(st.session_state.get("ceremony_present"))
components.html(
    slide_html.deck_html(deck, auto_seconds=int(auto), present=present, height=FRAME_HEIGHT),
    height=FRAME_HEIGHT,
)
