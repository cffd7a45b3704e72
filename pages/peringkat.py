"""Peringkat: the ranking of a level, nationally or in one province, with change and source."""

import streamlit as st

from views import charts, components, tables, ui

page = ui.setup()
level = page.state.level
province = page.state.province
names = components.province_names()
where = names.get(province, page.t("ui.all_provinces")) if province else page.t("ui.all_provinces")
title = page.t("peringkat.title", level=page.t(f"level.{level}"), year=page.year)
st.title(title)
st.caption(where)
controls = st.columns(3)
with controls[0]:
    components.year_picker(page)
with controls[1]:
    components.province_picker(page)
with controls[2]:
    components.level_picker(page)

gaz = components.gazetteer()
table = tables.ranking_table(
    page.results,
    year=page.year,
    level=level,
    province_code=province,
    regions=gaz.regions if gaz is not None else None,
    province_names=names,
    lang=page.lang,
)
if table.empty:
    st.info(page.t("ui.no_data_year"))
    st.stop()
if table["zone"].isna().all():
    years = tables.years_with_results(page.results, level, province)
    st.info(page.t("peringkat.no_results", years=", ".join(map(str, years)) or "–"))

shown = tables.labelled(table, page.lang)
st.dataframe(
    tables.styled(shown, table, page.lang, page.state.palette),
    hide_index=True,
    width="stretch",
    height=min(38 + 35 * len(shown), 900),
    column_config=components.column_config(page.lang),
)
components.table_downloads(page, shown, title, key=f"peringkat-{page.year}-{level}")

scored = table[table["score"].notna()]
if not scored.empty:
    with st.container(border=True):
        st.subheader(page.t("peringkat.chart"))
        chart = charts.ranking_bars(
            scored.assign(rank=scored["rank"]),
            year=page.year,
            lang=page.lang,
            palette=page.state.palette,
            scale=page.scale,
        )
        st.altair_chart(chart, width="stretch")
        components.chart_download(page, chart, key=f"peringkat-{page.year}-{level}")
