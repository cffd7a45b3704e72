"""Bandingkan: two to four regions side by side across years and dimensions."""

import streamlit as st

from shell import data, page, url, widgets
from views import charts, compare

ctx = page.setup()
st.title(ctx.t("page.bandingkan"))
choices = ctx.catalog.labels_with_figures  # a region without any figure has nothing to compare
picked = st.multiselect(
    ctx.t("bandingkan.pick"),
    list(choices),
    default=[code for code in ctx.state.compare if code in choices],
    format_func=choices.__getitem__,
    max_selections=4,
    key="compare",
    placeholder=ctx.t("bandingkan.placeholder"),
    on_change=url.change_from,
    args=("compare", "compare", tuple),
)
if len(picked) < 2:
    st.info(ctx.t("bandingkan.need_two"))
    st.stop()

with st.container(border=True):
    trend = charts.trend(
        compare.trend_frame(ctx.results, picked),
        lang=ctx.lang,
        palette=ctx.palette,
        scale=ctx.scale,
    )
    st.altair_chart(trend, width="stretch")
    widgets.chart_download(ctx, trend, key="compare-trend")

table = compare.side_by_side(ctx.results, picked, ctx.lang)
st.dataframe(table, width="stretch")
widgets.table_downloads(ctx, table.reset_index(), ctx.t("page.bandingkan"), key="compare-table")

with st.container(border=True):
    st.subheader(ctx.t("bandingkan.dimensions", year=ctx.year))
    dims = compare.dimension_means(
        {code: data.dimensions(ctx.dataset, code) for code in picked},
        choices,
        ctx.year,
        ctx.lang,
    )
    if dims.empty:
        widgets.needs_demo(ctx, "dimensions")
    else:
        heat = charts.unit_dimension_heatmap(
            dims, lang=ctx.lang, palette=ctx.palette, scale=ctx.scale, year=ctx.year
        )
        st.altair_chart(heat, width="stretch")
        widgets.chart_download(ctx, heat, key="compare-dimensions")
