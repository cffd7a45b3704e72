"""Profil daerah: the rapor of one government — score over the years, units, dimensions, fixes."""

import streamlit as st

from scoring.improve import improvement_plan
from shell import data, page, url, widgets
from views import charts, profile, queries
from views.format import escape_md, score_text, zone_chip

ctx = page.setup(focus="region")
choices = ctx.catalog.region_labels
if ctx.region is None or ctx.year is None:
    st.info(ctx.t("ui.no_data_year"))
    st.stop()
code, year = ctx.region, ctx.year
codes = list(choices)
st.selectbox(
    ctx.t("ui.region"),
    codes,
    index=codes.index(code),
    format_func=choices.__getitem__,
    key="profile-region",
    on_change=url.change_from,
    args=("region", "profile-region"),
)
history = profile.history(ctx.results, code)
years = history["year"].tolist()
latest = history[history["year"] == year].iloc[-1]

st.title(escape_md(latest["display_name"]))
level_name = ctx.t(f"level.{latest['level']}")
st.caption(f"{escape_md(latest['province'])} · {level_name} · {year}")
st.markdown(
    zone_chip(latest["zone"], ctx.lang, ctx.palette)
    + "&nbsp;&nbsp;"
    + profile.grade_text(latest, ctx.lang),
    unsafe_allow_html=True,
)

cards = st.columns(4)
cards[0].metric(
    ctx.t("col.score"),
    score_text(latest["score"], ctx.lang),
    delta=profile.delta(latest, ctx.lang),
    help=profile.delta_help(latest, ctx.lang),
)
cards[1].metric(ctx.t("profil.rank_national"), profile.rank_text(ctx.results, latest, False))
cards[2].metric(ctx.t("profil.rank_province"), profile.rank_text(ctx.results, latest, True))
medians = queries.medians(ctx.results, latest)
cards[3].metric(
    ctx.t("profil.median_province"),
    score_text(medians["province"], ctx.lang),
    help=ctx.t("profil.median_national", value=score_text(medians["national"], ctx.lang)),
)
if profile.has_source(latest):
    st.markdown(f"[{ctx.t('col.source')} ↗]({latest['source_url']})")

with st.container(border=True):
    trend_frame = profile.trend_frame(ctx.results, history, ctx.lang)
    chart = charts.trend(trend_frame, lang=ctx.lang, palette=ctx.palette, scale=ctx.scale)
    st.altair_chart(chart, width="stretch")
    widgets.chart_download(ctx, chart, key=f"trend-{code}")
    for a, b in profile.breaks_in(years):
        st.caption(ctx.t("ui.era_break", a=a, b=b))

units = profile.units_of(data.units(ctx.dataset), code, year)
with st.container(border=True):
    st.subheader(ctx.t("profil.units"))
    if units.empty:
        widgets.needs_demo(ctx, "units")
    else:
        shown = profile.units_table(units, year, ctx.lang)
        st.dataframe(
            shown, hide_index=True, width="stretch", column_config=widgets.column_config(ctx)
        )
        widgets.table_downloads(ctx, shown, ctx.t("profil.units"), key=f"units-{code}")

dims = data.dimensions(ctx.dataset, code)
dims = dims[dims["year"] == year]
with st.container(border=True):
    if dims.empty:
        st.subheader(ctx.t("profil.dimensions"))
        widgets.needs_demo(ctx, "dimensions")
    else:
        heat = charts.unit_dimension_heatmap(
            profile.heatmap_frame(dims, year, ctx.lang),
            lang=ctx.lang,
            palette=ctx.palette,
            scale=ctx.scale,
        )
        st.altair_chart(heat, width="stretch")
        widgets.chart_download(ctx, heat, key=f"dimensions-{code}")

with st.container(border=True):
    st.subheader(ctx.t("profil.fix_first"))
    target, gap = profile.fix_target(latest, year)
    items = data.indicators(ctx.dataset, code, year)
    if items.empty:
        widgets.needs_demo(ctx, "plan")
    elif target is None:
        st.success(ctx.t("profil.top_grade"))
    else:
        st.markdown(ctx.t("profil.gap", target=target, gap=score_text(gap, ctx.lang)))
        plan = improvement_plan(items, year, float(latest["score"]))
        shown = profile.plan_table(plan, year, ctx.lang)
        st.dataframe(shown, hide_index=True, width="stretch")
        widgets.table_downloads(ctx, shown, ctx.t("profil.fix_first"), key=f"plan-{code}")
