"""Ringkasan: a year at a glance — zones per level, the national map, best and worst, changes."""

import streamlit as st

from views import charts, components, maps_ui, tables, ui
from views.format import change_text, escape_md, score_text

page = ui.setup()
year = page.year
st.title(page.t("ringkasan.title", year=year))
components.year_picker(page)
this_year = page.for_year()
if page.state.dataset == "resmi":
    st.caption(page.t("ringkasan.partial", year=year))

for column, level in zip(st.columns(3), ("provinsi", "kabupaten", "kota"), strict=True):
    rows = this_year[this_year["level"] == level]
    with column.container(border=True):
        st.subheader(page.t(f"level.{level}"))
        st.metric(page.t("ringkasan.assessed"), len(rows))
        st.altair_chart(
            charts.zone_counts(rows, lang=page.lang, palette=page.state.palette, scale=page.scale),
            width="stretch",
        )

maps_ui.national_map(page, this_year, height=520)

with st.container(border=True):
    st.subheader(page.t("ringkasan.distribution"))
    counts = tables.zone_counts_by_province(page.results, year, components.province_names())
    distribution = charts.zone_distribution(
        counts, lang=page.lang, palette=page.state.palette, scale=page.scale
    )
    st.altair_chart(distribution, width="stretch")
    components.chart_download(page, distribution, key=f"distribution-{year}")

best, worst = tables.top_and_bottom(page.results, year)
for column, title, rows in zip(
    st.columns(2), ("ringkasan.top", "ringkasan.bottom"), (best, worst), strict=True
):
    with column.container(border=True):
        st.subheader(page.t(title))
        shown = tables.labelled(
            rows.assign(
                rank=rows["rank_national_kabkota"],
                province_name=rows["province_code"].map(components.province_names()),
            ),
            page.lang,
        )
        st.dataframe(
            shown,
            hide_index=True,
            width="stretch",
            column_config=components.column_config(page.lang),
        )

changed = this_year[this_year["change"].notna()]
if changed.empty:
    st.info(page.t("ui.no_previous"))
else:
    prev = int(changed["prev_year"].max())
    st.subheader(page.t("ringkasan.changes", prev=prev))
    moves = changed["zone_move"].value_counts()
    st.markdown(
        page.t(
            "ringkasan.moves",
            up=moves.get("naik", 0),
            down=moves.get("turun", 0),
            same=moves.get("tetap", 0),
        )
    )
    for column, title, rows in zip(
        st.columns(2),
        ("ringkasan.rises", "ringkasan.falls"),
        (
            changed[changed["change"] > 0].nlargest(5, "change"),
            changed[changed["change"] < 0].nsmallest(5, "change"),
        ),
        strict=True,
    ):
        with column.container(border=True):
            st.markdown(f"**{page.t(title)}**")
            for row in rows.itertuples():
                st.markdown(
                    f"{escape_md(row.display_name)} — {score_text(row.prev_score, page.lang)} → "
                    f"{score_text(row.score, page.lang)} ({change_text(row.change, page.lang)})"
                )
