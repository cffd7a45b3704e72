"""Ringkasan: a year at a glance — zones per level, the national map, best and worst, changes."""

import streamlit as st

from scoring.choices import DATASET_PUBLISHED, GOVERNMENT_LEVELS
from shell import data, map_fragment, page, widgets
from views import coverage, tables
from views.format import change_text, escape_md, score_text

ctx = page.setup()
st.title(ctx.t("ringkasan.title", year=ctx.year))
finding, choosing = st.columns([3, 1])
with finding:
    widgets.region_search(ctx.catalog, ctx.lang, key="overview-search")
with choosing:
    widgets.year_picker(ctx)
this_year = ctx.for_year()
if ctx.dataset == DATASET_PUBLISHED:
    st.caption(ctx.t("ringkasan.partial", year=ctx.year))

for column, level in zip(st.columns(3), GOVERNMENT_LEVELS, strict=True):
    rows = this_year[this_year["level"] == level]
    with column.container(border=True):
        st.subheader(ctx.t(f"level.{level}"))
        if ctx.dataset == DATASET_PUBLISHED:
            held = data.national_coverage(ctx.dataset, ctx.year, level)
            shown = f"{held.held} / {held.on_map}" if held.on_map else str(held.held)
            st.metric(
                ctx.t("coverage.figures"), shown, help=coverage.held_text(held, level, ctx.lang)
            )
            official = coverage.official_text(held, ctx.year, ctx.lang)
            st.markdown(official or ctx.t("coverage.no_official", year=ctx.year))
        else:
            st.metric(ctx.t("ringkasan.assessed"), len(rows))
        st.vega_lite_chart(
            data.chart_spec(
                "zone_counts", rows, lang=ctx.lang, palette=ctx.palette, scale=ctx.scale
            ),
            width="stretch",
        )

map_fragment.national_map(ctx, this_year, height=520)

names = data.province_names()
with st.container(border=True):
    st.subheader(ctx.t("ringkasan.distribution"))
    counts = tables.zone_counts_by_province(ctx.results, ctx.year, names)
    options = {"lang": ctx.lang, "palette": ctx.palette, "scale": ctx.scale}
    st.vega_lite_chart(data.chart_spec("zone_distribution", counts, **options), width="stretch")
    distribution = data.chart("zone_distribution", counts, **options)
    widgets.chart_download(ctx, distribution, key=f"distribution-{ctx.year}")

for column, title, (shown, rows) in zip(
    st.columns(2),
    ("ringkasan.top", "ringkasan.bottom"),
    data.top_and_bottom(ctx.dataset, ctx.year, ctx.lang),
    strict=True,
):
    with column.container(border=True):
        st.subheader(ctx.t(title))
        widgets.region_table(
            ctx,
            tables.styled(shown, rows, ctx.lang, ctx.palette),
            rows["code"].tolist(),
            key=f"{title}-{ctx.year}",
        )

changed = this_year[this_year["change"].notna()]
if changed.empty:
    st.info(ctx.t("ui.no_previous"))
else:
    prev = int(changed["prev_year"].max())
    st.subheader(ctx.t("ringkasan.changes", prev=prev))
    moves = changed["zone_move"].value_counts()
    st.markdown(
        ctx.t(
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
            st.markdown(f"**{ctx.t(title)}**")
            for row in rows.itertuples():
                st.markdown(
                    f"{escape_md(row.display_name)} — {score_text(row.prev_score, ctx.lang)} → "
                    f"{score_text(row.score, ctx.lang)} ({change_text(row.change, ctx.lang)})"
                )
