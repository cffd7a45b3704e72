"""Profil daerah: the rapor of one government — score over the years, units, dimensions, fixes."""

import streamlit as st

from scoring.improve import improvement_plan
from views import charts, components, profile, ui
from views.format import escape_md, score_text, zone_chip

page = ui.setup()
choices = profile.region_choices(page.results)
if choices.empty:
    st.info(page.t("ui.no_data_year"))
    st.stop()
code = page.state.region if page.state.region in choices.index else choices.index[0]
st.selectbox(
    page.t("ui.region"),
    choices.index,
    index=choices.index.get_loc(code),
    format_func=lambda c: choices[c],
    key="profile-region",
    on_change=lambda: ui.change(region=st.session_state["profile-region"]),
)
history = profile.history(page.results, code)
years = history["year"].tolist()
year = page.state.year if page.state.year in years else years[-1]
latest = history[history["year"] == year].iloc[-1]

st.title(escape_md(latest["display_name"]))
level_name = page.t(f"level.{latest['level']}")
st.caption(f"{escape_md(latest['province'])} · {level_name} · {year}")
st.markdown(
    zone_chip(latest["zone"], page.lang, page.state.palette)
    + "&nbsp;&nbsp;"
    + profile.grade_text(latest, page.lang),
    unsafe_allow_html=True,
)

cards = st.columns(4)
cards[0].metric(
    page.t("col.score"),
    score_text(latest["score"], page.lang),
    delta=profile.delta(latest, page.lang),
    help=profile.delta_help(latest, page.lang),
)
cards[1].metric(page.t("profil.rank_national"), profile.rank_text(page.results, latest, False))
cards[2].metric(page.t("profil.rank_province"), profile.rank_text(page.results, latest, True))
medians = profile.medians(page.results, latest)
cards[3].metric(
    page.t("profil.median_province"),
    score_text(medians["province"], page.lang),
    help=page.t("profil.median_national", value=score_text(medians["national"], page.lang)),
)
if profile.has_source(latest):
    st.markdown(f"[{page.t('col.source')} ↗]({latest['source_url']})")

with st.container(border=True):
    trend_frame = profile.trend_frame(page.results, history, page.lang)
    chart = charts.trend(trend_frame, lang=page.lang, palette=page.state.palette, scale=page.scale)
    st.altair_chart(chart, width="stretch")
    components.chart_download(page, chart, key=f"trend-{code}")
    for a, b in profile.breaks_in(years):
        st.caption(page.t("ui.era_break", a=a, b=b))

units = profile.units_of(ui.units(page.state.dataset), code, year)
with st.container(border=True):
    st.subheader(page.t("profil.units"))
    if units.empty:
        components.needs_demo(page, "units")
    else:
        shown = profile.units_table(units, year, page.lang)
        st.dataframe(
            shown,
            hide_index=True,
            width="stretch",
            column_config=components.column_config(page.lang),
        )
        components.table_downloads(page, shown, page.t("profil.units"), key=f"units-{code}")

dims = ui.dimensions(page.state.dataset, code)
dims = dims[dims["year"] == year]
with st.container(border=True):
    if dims.empty:
        st.subheader(page.t("profil.dimensions"))
        components.needs_demo(page, "dimensions")
    else:
        heat = charts.unit_dimension_heatmap(
            profile.heatmap_frame(dims, year, page.lang),
            lang=page.lang,
            palette=page.state.palette,
            scale=page.scale,
        )
        st.altair_chart(heat, width="stretch")
        components.chart_download(page, heat, key=f"dimensions-{code}")

with st.container(border=True):
    st.subheader(page.t("profil.fix_first"))
    target, gap = profile.fix_target(latest, year)
    items = ui.indicators(page.state.dataset, code, year)
    if items.empty:
        components.needs_demo(page, "plan")
    elif target is None:
        st.success(page.t("profil.top_grade"))
    else:
        st.markdown(page.t("profil.gap", target=target, gap=score_text(gap, page.lang)))
        plan = improvement_plan(items, year, float(latest["score"]))
        shown = profile.plan_table(plan, year, page.lang)
        st.dataframe(shown, hide_index=True, width="stretch")
        components.table_downloads(page, shown, page.t("profil.fix_first"), key=f"plan-{code}")
