"""Bandingkan: two to four regions side by side across years and dimensions."""

import streamlit as st

from views import charts, compare, components, profile, ui

page = ui.setup()
st.title(page.t("page.bandingkan"))
choices = profile.region_choices(page.results)
picked = st.multiselect(
    page.t("bandingkan.pick"),
    choices.index,
    default=list(page.state.compare),
    format_func=lambda code: choices[code],
    max_selections=4,
    key="compare",
    placeholder=page.t("bandingkan.placeholder"),
    on_change=lambda: ui.change(compare=tuple(st.session_state["compare"])),
)
if len(picked) < 2:
    st.info(page.t("bandingkan.need_two"))
    st.stop()

with st.container(border=True):
    trend = charts.trend(
        compare.trend_frame(page.results, picked),
        lang=page.lang,
        palette=page.state.palette,
        scale=page.scale,
    )
    st.altair_chart(trend, width="stretch")
    components.chart_download(page, trend, key="compare-trend")

table = compare.side_by_side(page.results, picked, page.lang)
st.dataframe(table, width="stretch")
components.table_downloads(
    page, table.reset_index(), page.t("page.bandingkan"), key="compare-table"
)

with st.container(border=True):
    st.subheader(page.t("bandingkan.dimensions", year=page.year))
    dims = compare.dimension_means(
        {code: ui.dimensions(page.state.dataset, code) for code in picked},
        choices,
        page.year,
        page.lang,
    )
    if dims.empty:
        components.needs_demo(page, "dimensions")
    else:
        heat = charts.unit_dimension_heatmap(
            dims, lang=page.lang, palette=page.state.palette, scale=page.scale
        )
        st.altair_chart(heat, width="stretch")
        components.chart_download(page, heat, key="compare-dimensions")
