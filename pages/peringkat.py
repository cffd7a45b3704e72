"""Peringkat: the ranking of a level, nationally or in one province, with change and source."""

import streamlit as st

from scoring.choices import DATASET_PUBLISHED
from shell import data, page, widgets
from views import charts, coverage, tables

ctx = page.setup()
names = data.province_names()
where = (
    names.get(ctx.province, ctx.t("ui.all_provinces"))
    if ctx.province
    else ctx.t("ui.all_provinces")
)
title = ctx.t("peringkat.title", level=ctx.t(f"level.{ctx.level}"), year=ctx.year)
st.title(title)
st.caption(where)
widgets.scope_pickers(ctx, st.columns(3))

gaz = data.gazetteer()
table = tables.ranking_table(
    ctx.results,
    year=ctx.year,
    level=ctx.level,
    province_code=ctx.province,
    regions=gaz.regions if gaz is not None else None,
    province_names=names,
    lang=ctx.lang,
)
if table.empty:
    st.info(ctx.t("ui.no_data_year"))
    st.stop()
if table["zone"].isna().all():
    years = tables.years_with_results(ctx.results, ctx.level, ctx.province)
    st.info(ctx.t("peringkat.no_results", years=", ".join(map(str, years)) or "–"))

if ctx.dataset == DATASET_PUBLISHED:
    held = coverage.coverage(
        ctx.results,
        ctx.year,
        ctx.level,
        regions=gaz.regions if gaz is not None else None,
        province_count=len(names) or None,
        province_code=ctx.province,
    )
    notice = coverage.rank_notice(held, ctx.level, ctx.lang)
    if notice:
        st.info(notice, icon=":material/info:")
    official = coverage.official_text(held, ctx.year, ctx.lang)
    if official:
        st.caption(official)

shown = tables.labelled(table, ctx.lang)
widgets.region_table(
    ctx,
    tables.styled(shown, table, ctx.lang, ctx.palette),
    table["code"].tolist(),
    key=f"ranking-{ctx.dataset}-{ctx.year}-{ctx.level}-{ctx.province}",
)
widgets.table_downloads(ctx, shown, title, f"peringkat-{ctx.year}-{ctx.level}", where)

scored = table[table["score"].notna()]
if not scored.empty:
    with st.container(border=True):
        st.subheader(ctx.t("peringkat.chart"))
        chart = charts.ranking_bars(
            scored, year=ctx.year, lang=ctx.lang, palette=ctx.palette, scale=ctx.scale
        )
        st.altair_chart(chart, width="stretch")
        widgets.chart_download(ctx, chart, key=f"peringkat-{ctx.year}-{ctx.level}")
