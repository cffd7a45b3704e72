"""Profil daerah: the rapor of one government — what pulled it down and what to fix first on top,
then its score over the years, its units, its dimensions and the full fix plan. A region with no
published figure gets a plain page that says so."""

import streamlit as st

from scoring.improve import improvement_plan
from shell import data, page, url, widgets
from views import charts, coverage, profile, queries, rapor, sources
from views.format import escape_md, md_link, score_text, zone_chip

ctx = page.setup(focus="region")
if ctx.region is None or ctx.year is None:
    st.info(ctx.t("ui.no_data_year"))
    st.stop()
code, year = ctx.region, ctx.year
history = profile.history(ctx.results, code)
shown_year = history[history["year"] == year]
gaz = data.gazetteer()
entry = profile.gazetteer_entry(
    code, gaz.regions if gaz is not None else None, data.province_names()
)

# --- the region and year pickers ----------------------------------------------------------------
choices = ctx.catalog.region_labels  # every government of today's map, figure or not
codes = list(choices)


pickers = st.columns([3, 1])
pickers[0].selectbox(
    ctx.t("ui.region"),
    codes,
    index=codes.index(code),
    format_func=choices.__getitem__,
    key="profile-region",
    on_change=url.region_from,
    args=("profile-region",),
)
years = profile.year_options(ctx.years, ctx.catalog.region_years.get(code, ()))
pickers[1].selectbox(
    ctx.t("profil.year"),
    years,
    index=years.index(year) if year in years else 0,
    key="profile-year",
    on_change=url.change_from,
    args=("year", "profile-year"),
)

# --- a region with no published figure: say so plainly, draw nothing empty ----------------------
if shown_year.empty:
    name = entry["name"] if entry else code
    st.title(escape_md(name))
    if entry:
        level_name = ctx.t(f"profil.level_one.{entry['level']}")
        st.caption(f"{escape_md(entry['province'])} · {level_name} · {year}")
    st.info(ctx.t("profil.no_figure", year=year), icon=":material/help:")
    st.markdown(ctx.t("profil.no_figure_detail"))
    if entry:
        held = coverage.coverage(
            ctx.results,
            year,
            entry["level"],
            regions=gaz.regions if gaz is not None else None,
            province_count=len(gaz.provinces) if gaz is not None else None,
        )
        st.markdown(coverage.held_text(held, entry["level"], ctx.lang))
        st.markdown(
            coverage.official_text(held, year, ctx.lang) or ctx.t("coverage.no_official", year=year)
        )
    st.markdown(
        ctx.t("profil.no_figure_sources", province=escape_md(entry["province"] if entry else ""))
    )
    st.stop()

latest = shown_year.iloc[-1]
st.title(escape_md(latest["display_name"]))
level_name = ctx.t(f"profil.level_one.{latest['level']}")
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

# --- the rapor: weakest unit, weakest dimension, what to fix first -----------------------------
units = profile.units_of(data.units(ctx.dataset), code, year)
dims = data.dimensions(ctx.dataset, code)
dims = dims[dims["year"] == year]
items = data.indicators(ctx.dataset, code, year)
score = None if latest.isna()["score"] else float(latest["score"])
rapor_cards = rapor.cards(units, dims, items, score, year, ctx.lang)
if rapor_cards:
    columns = st.columns(3)  # a card keeps its width when the data allows fewer than three
    for column, card in zip(columns, rapor_cards, strict=False):
        with column.container(border=True, key=f"rapor-{card.key}"):
            st.caption(card.title)
            chip = zone_chip(card.zone, ctx.lang, ctx.palette) + "&nbsp; " if card.zone else ""
            st.markdown(chip + card.headline, unsafe_allow_html=True)
            st.markdown("  \n".join(card.lines))
            if card.footer:
                st.caption(card.footer)
if profile.has_source(latest):
    st.markdown(md_link(f"{ctx.t('col.source')} ↗", latest["source_url"]))
if sources.flagged(latest, "zone_derived"):
    st.caption(ctx.t("caveat.zone_derived"))
beside = sources.side_by_side(latest, data.other_sources(ctx.dataset), ctx.lang)
if len(beside) > 1:  # another source published this figure too: show it beside the first
    differ = sources.flagged(latest, "sources_disagree")
    with st.expander(ctx.t("sources.title"), expanded=differ, icon=":material/library_books:"):
        if differ:
            st.warning(ctx.t("sources.disagree", year=year), icon=":material/warning:")
        st.dataframe(beside, hide_index=True, column_config=widgets.column_config(ctx))

# --- score over the years ----------------------------------------------------------------------
with st.container(border=True):
    trend_frame = profile.trend_frame(ctx.results, history, ctx.lang)
    chart = charts.trend(trend_frame, lang=ctx.lang, palette=ctx.palette, scale=ctx.scale)
    st.altair_chart(chart, width="stretch")
    if history["score"].isna().all():
        st.caption(ctx.t("profil.no_score_trend"))
    widgets.chart_download(ctx, chart, key=f"trend-{code}")
    for a, b in profile.breaks_in(history["year"].tolist()):
        st.caption(ctx.t("ui.era_break", a=a, b=b))

# --- units, dimensions and the full plan --------------------------------------------------------
narrow = {
    header: st.column_config.Column(width=width)
    for header, width in profile.column_widths(ctx.lang).items()
}


def show_table(styler) -> None:
    """A data grid sized for a phone; in large type an HTML table, which scales with the page's
    type (the grid draws on a canvas that keeps its small font)."""
    if ctx.state.large:
        widgets.large_table(ctx, styler)
    else:
        st.dataframe(styler, hide_index=True, width="stretch", column_config=narrow)


with st.container(border=True):
    st.subheader(ctx.t("profil.units"))
    if units.empty:
        widgets.needs_demo(ctx, "units")
    else:
        shown = profile.units_table(units, year, ctx.lang)
        graded = profile.graded_units(units, year)
        show_table(profile.styled(shown, ctx.lang, ctx.palette, graded["zone"]))
        widgets.table_downloads(
            ctx, shown, ctx.t("profil.units"), f"units-{code}-{year}", latest["display_name"], year
        )

with st.container(border=True):
    if dims.empty:
        st.subheader(ctx.t("profil.dimensions"))
        widgets.needs_demo(ctx, "dimensions")
    else:
        heat = charts.unit_dimension_heatmap(
            profile.heatmap_frame(dims, year, ctx.lang),
            year=year,
            lang=ctx.lang,
            palette=ctx.palette,
            scale=ctx.scale,
        )
        st.altair_chart(heat, width="stretch")
        widgets.chart_download(ctx, heat, key=f"dimensions-{code}-{year}")

with st.container(border=True):
    st.subheader(ctx.t("profil.fix_first"))
    plan = improvement_plan(items, year, score) if score is not None else items.iloc[0:0]
    if items.empty:
        widgets.needs_demo(ctx, "plan")
    elif not plan.empty:
        goal = rapor.goal_text(score, year, ctx.lang)
        if goal:
            st.markdown(goal)
        st.caption(ctx.t("profil.plan_caption"))
        shown = profile.plan_table(plan, year, ctx.lang, government=latest["display_name"])
        show_table(profile.styled(shown, ctx.lang, ctx.palette))
        note = rapor.wording_note(year, ctx.lang)
        if note:
            st.caption(note)
        widgets.table_downloads(
            ctx,
            shown,
            ctx.t("profil.fix_first"),
            f"plan-{code}-{year}",
            latest["display_name"],
            year,
        )

# After the visit: the self-estimate (penilaian mandiri) beside this year's result, only for the
# government's own signed-in staff (a unit account sees its unit), never in kiosk mode.
from scoring.selfassess import compare  # noqa: E402 (this section's own imports)
from shell import auth, kiosk, staff  # noqa: E402
from views import selfassess  # noqa: E402

viewer = None if kiosk.active() else auth.current()
pemda_name, pemda_level = selfassess.government_of(code, choices.get(code, code))
own_estimate = compare.visible_estimate(
    staff.database(), viewer, code, year, pemda_name, pemda_level
)
if own_estimate is not None and not units.empty:
    with st.container(border=True):
        st.subheader(ctx.t("selfassess.after.title"))
        st.caption(ctx.t("selfassess.after.caption", points=compare.OPTIMISTIC_POINTS))
        both = compare.beside(own_estimate, units, dims)
        shown_beside = selfassess.beside_table(both, year, ctx.lang)
        st.dataframe(profile.styled(shown_beside, ctx.lang, ctx.palette), hide_index=True)
