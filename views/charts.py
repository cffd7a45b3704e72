"""Altair chart builders: tidy frames in, Vega-Lite charts out, no Streamlit.

Every builder takes the language, the palette (standard or colour-blind) and a font `scale` for
large type on a TV or projector. Colour never stands alone: zones and categories are named in
legends, axes, labels and tooltips.

Names (regions, units) are untrusted data. Vega draws them as text, never as markup; only the
tooltip writes HTML, and its handler (vega-tooltip, bundled by both Streamlit and vega-embed)
escapes `&` and `<` in every key and value by default. No tooltip field may be titled `image`
(vega-tooltip would use its value as an image URL) — the labels used here never are.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import pairwise

import altair as alt
import pandas as pd

from scoring.choices import Lang, Palette
from scoring.classify import classify
from scoring.i18n import t
from scoring.methodology import Grade, Methodology, all_methodologies, for_year, zones
from views.format import score_text, zone_color, zone_word

NOT_ASSESSED = "none"
# Lines of the trend chart: dark hues that no zone uses; dashes tell them apart without colour.
SERIES_COLORS: dict[str, tuple[str, ...]] = {
    "standard": ("#1F4E79", "#7B3294", "#8C510A", "#01665E"),
    "colorblind": ("#56B4E9", "#CC79A7", "#009E73", "#666666"),
}
SERIES_DASHES = ((1, 0), (7, 3), (2, 2), (9, 3, 2, 3))
# Reference lines (medians) in greys, thinner and dashed: never mistaken for a region's own line.
REFERENCE_COLORS = ("#616161", "#9E9E9E")
REFERENCE_DASHES = ((4, 3), (1, 3))
# Fit the width only: a plot keeps its height whatever its title and legends take (on a phone,
# legends stacked above a fully fitted chart squeezed its plot to a strip).
FIT_WIDTH = alt.AutoSizeParams(type="fit-x", contains="padding")
RULE_COLOR = "#424242"
# Optional columns of the ranking frame that its tooltip shows when present.
TOOLTIP_EXTRAS = ("province", "category")
# A ranking bar this long holds its score label inside; a shorter one gets it after its end.
# (15 points at normal type; large type needs longer bars).
LABEL_INSIDE_FROM = 15


# --- colours -----------------------------------------------------------------------------------


def _channels(hex_color: str) -> tuple[int, int, int]:
    value = hex_color.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def _luminance(hex_color: str) -> float:
    """WCAG relative luminance."""

    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in _channels(hex_color))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def text_color(background: str) -> str:
    """Black or white, whichever contrasts more with `background`."""
    lum = _luminance(background)
    return "#000000" if (lum + 0.05) / 0.05 >= 1.05 / (lum + 0.05) else "#FFFFFF"


# --- zones -------------------------------------------------------------------------------------


def _zone_key(zone: object) -> str:
    """A zone key, or NOT_ASSESSED for missing or unknown zones (no figure, never zero)."""
    return zone if isinstance(zone, str) and zone in zones() else NOT_ASSESSED


def _zone_order(keys: Iterable[str]) -> list[str]:
    present = set(keys)
    return [key for key in (*zones(), NOT_ASSESSED) if key in present]


def _zone_scale(keys: Iterable[str], lang: Lang, palette: Palette) -> alt.Scale:
    """Zone words (not keys) as the domain, so the legend names every colour."""
    order = _zone_order(keys)
    return alt.Scale(
        domain=[zone_word(key, lang) for key in order],
        range=[zone_color(key, palette) for key in order],
    )


def _zone_encoding(channel, keys: Iterable[str], lang: Lang, palette: Palette):
    """`channel` (alt.Color or alt.Fill) of the zone word, with its legend on top."""
    return channel(
        "zone_word:N",
        scale=_zone_scale(keys, lang, palette),
        title=t("col.zone", lang),
        legend=alt.Legend(orient="top"),
    )


# --- shared finishing --------------------------------------------------------------------------


def _size(base: float, scale: float) -> float:
    return round(base * scale, 1)


def _finish(chart, *, title: str | alt.Title, description: str, scale: float):
    """Container width, title, description for screen readers, and fonts scaled for large type."""
    return (
        chart.properties(width="container", title=title, description=description)
        .configure_axis(
            labelFontSize=_size(13, scale),
            titleFontSize=_size(14, scale),
            labelLimit=round(280 * scale),
        )
        .configure_legend(
            labelFontSize=_size(13, scale),
            titleFontSize=_size(14, scale),
            symbolSize=round(120 * scale**2),
            labelLimit=round(280 * scale),
        )
        .configure_title(
            fontSize=_size(17, scale),
            subtitleFontSize=_size(13, scale),
            subtitleColor="#424242",
            anchor="start",
            offset=round(10 * scale),
        )
        .configure_view(stroke=None)
    )


def _score_texts(scores: pd.Series, lang: Lang) -> list[str]:
    return [score_text(float(s), lang) for s in scores]


def _number(value: float, lang: Lang) -> str:
    text = f"{value:g}"
    return text.replace(".", ",") if lang == "id" else text


# --- ranking -----------------------------------------------------------------------------------


def _ranking_rows(frame: pd.DataFrame, lang: Lang, palette: Palette) -> pd.DataFrame:
    """Scored rows best first, with a '3. Name' label that stays unique when names repeat."""
    wanted = ["display_name", "score", "zone", "rank", *TOOLTIP_EXTRAS]
    rows = frame.loc[frame["score"].notna(), [c for c in wanted if c in frame]].copy()
    rows["rank_order"] = pd.to_numeric(rows["rank"], errors="coerce")
    rows = rows.sort_values(
        ["score", "rank_order", "display_name"], ascending=[False, True, True]
    ).reset_index(drop=True)
    rows["label"] = [
        str(name) if pd.isna(rank) else f"{int(rank)}. {name}"
        for rank, name in zip(rows["rank_order"], rows["display_name"], strict=True)
    ]
    rows["zone_key"] = rows["zone"].map(_zone_key)
    rows["zone_word"] = [zone_word(key, lang) for key in rows["zone_key"]]
    rows["score_text"] = _score_texts(rows["score"], lang)
    rows["label_color"] = [text_color(zone_color(key, palette)) for key in rows["zone_key"]]
    return rows


def _band_text(grades: tuple[Grade, ...], lang: Lang) -> str:
    """'E < 32 ≤ D < 54 ≤ C < 78 ≤ B < 88 ≤ A' (or zone words before categories existed)."""
    ascending = grades[::-1]

    def name(grade: Grade) -> str:
        return grade.category or zone_word(grade.zone, lang)

    parts = [name(ascending[0])]
    for grade in ascending[1:]:
        parts += [f"< {_number(grade.lower, lang)} ≤", name(grade)]
    return " ".join(parts)


def ranking_bars(
    frame: pd.DataFrame,
    *,
    year: int | None = None,
    lang: Lang = "id",
    palette: Palette = "standard",
    scale: float = 1.0,
) -> alt.LayerChart:
    """Scores as horizontal bars, best first, coloured by zone, with the score at each bar's end
    (inside it, in black or white for contrast; after it when the bar is too short).

    Takes `display_name`, `score`, `zone`, `rank` (optional `province`, `category` for the
    tooltip). With `year`, dashed rules mark that era's cut-offs and the subtitle names them.
    """
    rows = _ranking_rows(frame, lang, palette)
    method = for_year(year) if year is not None else None
    cuts = sorted(g.lower for g in method.grades if g.lower > 0) if method else []
    x = alt.X(
        "score:Q",
        scale=alt.Scale(domain=[0, 100], nice=False),
        title=t("col.score", lang),
        axis=alt.Axis(orient="top", values=[0, *cuts, 100]),
    )
    tooltip = [
        alt.Tooltip("rank_order:Q", title=t("col.rank", lang)),
        alt.Tooltip("display_name:N", title=t("col.name", lang)),
        *[
            alt.Tooltip(f"{column}:N", title=t(f"col.{column}", lang))
            for column in TOOLTIP_EXTRAS
            if column in rows
        ],
        alt.Tooltip("score_text:N", title=t("col.score", lang)),
        alt.Tooltip("zone_word:N", title=t("col.zone", lang)),
    ]
    base = alt.Chart(rows).encode(
        x=x, y=alt.Y("label:N", sort=rows["label"].tolist(), title=None), tooltip=tooltip
    )
    bars = base.mark_bar().encode(color=_zone_encoding(alt.Color, rows["zone_key"], lang, palette))
    font = _size(13, scale)
    inside_from = LABEL_INSIDE_FROM * scale
    inside = (
        base.transform_filter(f"datum.score >= {inside_from}")
        .mark_text(align="right", dx=-5, fontSize=font)
        .encode(text="score_text:N", color=alt.Color("label_color:N", scale=None))
    )
    outside = (
        base.transform_filter(f"datum.score < {inside_from}")
        .mark_text(align="left", dx=4, fontSize=font)
        .encode(text="score_text:N")
    )
    layers = [bars, inside, outside]
    title: str | alt.Title = t("chart.ranking_title", lang)
    if method:
        # Behind the bars: a rule shows where a bar falls short of a cut-off, never over a label.
        rules = (
            alt.Chart(pd.DataFrame({"cut": cuts}))
            .mark_rule(color=RULE_COLOR, strokeDash=[5, 4], strokeWidth=1.5)
            .encode(x=alt.X("cut:Q", title=t("col.score", lang)))
        )
        layers = [rules, *layers]
        kind = "category" if method.has_categories else "zone"
        bands = _band_text(method.grades, lang)
        title = alt.Title(
            t("chart.ranking_title_year", lang, year=year),
            subtitle=t(f"chart.ranking_cutoffs_{kind}", lang, bands=bands),
        )
    chart = (
        alt.layer(*layers)
        .resolve_scale(color="independent")
        .properties(height=alt.Step(round(22 * scale)))
    )
    return _finish(chart, title=title, description=t("chart.ranking_desc", lang), scale=scale)


# --- zones per province ------------------------------------------------------------------------


def _distribution_rows(frame: pd.DataFrame, lang: Lang, palette: Palette) -> pd.DataFrame:
    """Counts per province and zone in zone order, with each segment's middle for its label."""
    rows = (
        frame.assign(zone_key=frame["zone"].map(_zone_key), count=frame["count"].astype(int))
        .groupby(["province", "zone_key"])["count"]
        .sum()
        .reset_index()
    )
    order = _zone_order(rows["zone_key"])
    rows["zone_order"] = rows["zone_key"].map(order.index)
    rows = rows.sort_values(["province", "zone_order"]).reset_index(drop=True)
    ends = rows.groupby("province")["count"].cumsum()
    rows["middle"] = ends - rows["count"] / 2
    rows["zone_word"] = [zone_word(key, lang) for key in rows["zone_key"]]
    rows["text_color"] = [text_color(zone_color(key, palette)) for key in rows["zone_key"]]
    return rows


def zone_distribution(
    frame: pd.DataFrame,
    *,
    lang: Lang = "id",
    palette: Palette = "standard",
    scale: float = 1.0,
) -> alt.LayerChart:
    """Stacked bars of governments per zone in each province, with the count on each segment.

    Takes `province`, `zone` (missing = 'Tanpa angka terbitan'), `count`.
    """
    rows = _distribution_rows(frame, lang, palette)
    count_title = t("chart.count", lang)
    base = alt.Chart(rows).encode(
        y=alt.Y("province:N", sort=sorted(rows["province"].unique()), title=None),
        tooltip=[
            alt.Tooltip("province:N", title=t("col.province", lang)),
            alt.Tooltip("zone_word:N", title=t("col.zone", lang)),
            alt.Tooltip("count:Q", title=count_title),
        ],
    )
    bars = base.mark_bar().encode(
        x=alt.X("count:Q", stack="zero", title=count_title, axis=alt.Axis(tickMinStep=1)),
        color=_zone_encoding(alt.Color, rows["zone_key"], lang, palette),
        order=alt.Order("zone_order:Q"),
    )
    labels = (
        base.transform_filter("datum.count > 0")
        .mark_text(fontSize=_size(12, scale), fontWeight="bold")
        .encode(
            x=alt.X("middle:Q", title=count_title),
            text=alt.Text("count:Q"),
            color=alt.Color("text_color:N", scale=None),
        )
    )
    chart = (
        alt.layer(bars, labels)
        .resolve_scale(color="independent")
        .properties(height=alt.Step(round(24 * scale)))
    )
    return _finish(
        chart,
        title=t("chart.distribution_title", lang),
        description=t("chart.distribution_desc", lang),
        scale=scale,
    )


# --- trend -------------------------------------------------------------------------------------


def era_breaks(first_year: int, last_year: int) -> list[tuple[int, int]]:
    """(last year of an era, first year of the next) for each method change inside the span."""
    eras = all_methodologies()
    return [
        (a.last_year, b.first_year)
        for a, b in pairwise(eras)
        if a.comparability_group != b.comparability_group
        and first_year <= a.last_year
        and b.first_year <= last_year
    ]


def _trend_rows(frame: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    """Scored rows in year order with a `segment` per series and comparability group, so a line
    never crosses a method change."""
    rows = frame[frame["score"].notna()].copy()
    if "series" not in rows:
        rows["series"] = t("col.score", lang)
    if "reference" not in rows:
        rows["reference"] = False
    rows["reference"] = rows["reference"].fillna(False).astype(bool)
    rows["year"] = rows["year"].astype(int)
    rows["series"] = rows["series"].astype(str)
    groups = {year: for_year(year).comparability_group for year in rows["year"].unique()}
    rows["segment"] = rows["series"] + "|" + rows["year"].map(groups).astype(str)
    rows["zone_key"] = rows["zone"].map(_zone_key)
    rows["zone_word"] = [zone_word(key, lang) for key in rows["zone_key"]]
    rows["score_text"] = _score_texts(rows["score"], lang)
    return rows.sort_values("year", kind="stable").reset_index(drop=True)


def _break_layers(breaks: list[tuple[int, int]], lang: Lang, scale: float, x_title: str):
    """A dashed rule between the two years of each method change, labelled along the rule."""
    marks = pd.DataFrame(
        {
            "position": [(a + b) / 2 for a, b in breaks],
            "between": [f"{a} | {b}" for a, b in breaks],
            "label": t("chart.trend_break", lang),
        }
    )
    base = alt.Chart(marks).encode(
        x=alt.X("position:Q", title=x_title),
        tooltip=[
            alt.Tooltip("label:N", title=t("chart.trend_break", lang)),
            alt.Tooltip("between:N", title=t("col.year", lang)),
        ],
    )
    rule = base.mark_rule(color=RULE_COLOR, strokeDash=[6, 4], strokeWidth=1.5)
    text = base.mark_text(
        angle=270,
        align="right",
        baseline="bottom",
        dx=-4,
        dy=-3,
        color=RULE_COLOR,
        fontSize=_size(12, scale),
    ).encode(y=alt.value(0), text="label:N")
    return [rule, text]


def _series_scale(series: list[str], references: list[str], own: tuple, other: tuple):
    """Each line's colour or dash: the regions' from `own`, the reference lines' from `other`."""
    picked, regions_seen, references_seen = [], 0, 0
    for name in series:
        if name in references:
            picked.append(other[references_seen % len(other)])
            references_seen += 1
        else:
            picked.append(own[regions_seen % len(own)])
            regions_seen += 1
    return alt.Scale(domain=series, range=picked)


def trend(
    frame: pd.DataFrame,
    *,
    lang: Lang = "id",
    palette: Palette = "standard",
    scale: float = 1.0,
) -> alt.LayerChart:
    """Scores over the years, one line per series, broken and marked at every method change.

    Takes `year`, `score`, `zone` and optionally `series` (2-4 regions, or a region with its
    province's and the nation's medians), in the order the legend should list them, and
    `reference` (true for a median's rows). Rows with a zone get a point filled with the zone's
    colour; rows without (medians) a small plain point. Reference lines are grey, thin and
    dashed, and always named in the legend, so a median drawn alone (a region with no score)
    never reads as the region's own line; a series without scores draws nothing.
    """
    rows = _trend_rows(frame, lang)
    years = sorted(rows["year"].unique().tolist())
    series = list(dict.fromkeys(rows["series"]))
    references = list(dict.fromkeys(rows.loc[rows["reference"], "series"]))
    year_title, score_title, series_title = (
        t("col.year", lang),
        t("col.score", lang),
        t("chart.series", lang),
    )
    span = [years[0] - 0.5, years[-1] + 0.5] if years else alt.Undefined
    x = alt.X(
        "year:Q",
        title=year_title,
        scale=alt.Scale(domain=span, nice=False, zero=False),
        axis=alt.Axis(values=years, format="d"),
    )
    y = alt.Y("score:Q", title=score_title, scale=alt.Scale(domain=[0, 100], nice=False))
    tooltip = [
        alt.Tooltip("series:N", title=series_title),
        alt.Tooltip("year:Q", title=year_title, format="d"),
        alt.Tooltip("score_text:N", title=score_title),
    ]
    # One entry per row: the lines' and the zones' legends then sit side by side even on a
    # 390 px phone (in one row, the third line's name ran off the chart).
    legend = (
        alt.Legend(
            orient="top",
            columns=1,
            symbolType="stroke",
            symbolStrokeWidth=3,
            symbolSize=round(500 * scale**2),
        )
        if len(series) > 1 or references
        else None
    )
    color = alt.Color(
        "series:N",
        title=series_title,
        legend=legend,
        scale=_series_scale(series, references, SERIES_COLORS[palette], REFERENCE_COLORS),
    )
    dashes = _series_scale(
        series,
        references,
        tuple(list(d) for d in SERIES_DASHES),
        tuple(list(d) for d in REFERENCE_DASHES),
    )
    lines = (
        alt.Chart(rows)
        .mark_line()
        .encode(
            x=x,
            y=y,
            detail="segment:N",
            color=color,
            strokeDash=alt.StrokeDash("series:N", title=series_title, legend=legend, scale=dashes),
            strokeWidth=alt.condition(
                "datum.reference", alt.value(_size(1.5, scale)), alt.value(_size(2.5, scale))
            ),
            tooltip=tooltip,
        )
    )
    plain = (
        alt.Chart(rows[rows["zone_key"] == NOT_ASSESSED])
        .mark_point(filled=True, size=round(40 * scale**2), opacity=1)
        .encode(x=x, y=y, color=color, tooltip=tooltip)
    )
    zoned_rows = rows[rows["zone_key"] != NOT_ASSESSED]
    zoned = (
        alt.Chart(zoned_rows)
        .mark_point(
            filled=True, size=round(120 * scale**2), opacity=1, stroke="white", strokeWidth=1
        )
        .encode(
            x=x,
            y=y,
            fill=alt.Fill(
                "zone_word:N",
                scale=_zone_scale(zoned_rows["zone_key"], lang, palette),
                title=t("col.zone", lang),
                legend=alt.Legend(orient="top", columns=1),
            ),
            tooltip=[*tooltip, alt.Tooltip("zone_word:N", title=t("col.zone", lang))],
        )
    )
    layers = [lines, plain, zoned]
    breaks = era_breaks(years[0], years[-1]) if years else []
    if breaks:
        layers += _break_layers(breaks, lang, scale, year_title)
    chart = alt.layer(*layers).properties(height=round(240 * scale))
    finished = _finish(
        chart,
        title=t("chart.trend_title", lang),
        description=t("chart.trend_desc", lang),
        scale=scale,
    )
    return finished.properties(autosize=FIT_WIDTH)


# --- units × dimensions ------------------------------------------------------------------------


def _heat_rows(frame: pd.DataFrame, method: Methodology, lang: Lang, palette: Palette):
    """One cell per unit and dimension (repeated pairs averaged) with its zone by the era's bands,
    and the vertical slots of the layout: each unit's name on a line of its own above its row of
    cells, so the cells keep the full width on a phone however long the names are."""
    cells = (
        frame.groupby(["unit", "dimension"], sort=False)["score"]
        .mean()
        .reset_index()
        .dropna(subset=["score"])
    )
    cells["unit"] = cells["unit"].astype(str)
    cells["zone_key"] = classify(cells["score"], method)["zone"].map(_zone_key).to_numpy()
    cells["zone_word"] = [zone_word(key, lang) for key in cells["zone_key"]]
    cells["score_text"] = _score_texts(cells["score"], lang)
    cells["text_color"] = [text_color(zone_color(key, palette)) for key in cells["zone_key"]]
    units = list(dict.fromkeys(cells["unit"]))
    return cells, pd.DataFrame({"unit": units, "slot": range(len(units))})


def unit_dimension_heatmap(
    frame: pd.DataFrame,
    *,
    year: int | None = None,
    lang: Lang = "id",
    palette: Palette = "standard",
    scale: float = 1.0,
) -> alt.LayerChart:
    """One cell per unit and dimension holding its score, filled with the colour of the zone the
    score falls in by `year`'s bands (without `year`, the newest era's), the zone named in the
    legend and the tooltip.

    Takes `unit`, `dimension`, `score`; keeps the frame's order of units and dimensions and
    averages repeated pairs so there is exactly one cell each. Each unit's name stands above its
    cells (not beside them): at 390 px the four cells still share the whole width.
    """
    method = for_year(year) if year is not None else all_methodologies()[-1]
    cells, units = _heat_rows(frame, method, lang, palette)
    label_height, cell_height, gap = round(20 * scale), round(36 * scale), round(8 * scale)
    slot = label_height + cell_height + gap
    units["label_y"] = units["slot"] * slot + label_height - round(4 * scale)
    slots = cells["unit"].map(dict(zip(units["unit"], units["slot"], strict=True))).astype(float)
    cells["top"] = slots * slot + label_height
    cells["bottom"] = cells["top"] + cell_height
    cells["middle"] = cells["top"] + cell_height / 2
    height = max(len(units) * slot, slot)
    # Top to bottom in the layout's pixels; a domain, not a pixel range, so that when Streamlit
    # fits the chart to its box (title and legend included) the rows shrink together.
    y_scale = alt.Scale(domain=[0, height], reverse=True, nice=False, zero=False)
    unit_title, dimension_title = t("chart.unit", lang), t("chart.dimension", lang)
    x = alt.X(
        "dimension:N",
        sort=list(dict.fromkeys(cells["dimension"])),
        title=None,
        axis=alt.Axis(orient="top", labelAngle=0, domain=False, ticks=False),
        scale=alt.Scale(paddingInner=0.04, paddingOuter=0),
    )
    tooltip = [
        alt.Tooltip("unit:N", title=unit_title),
        alt.Tooltip("dimension:N", title=dimension_title),
        alt.Tooltip("score_text:N", title=t("col.score", lang)),
        alt.Tooltip("zone_word:N", title=t("col.zone", lang)),
    ]
    base = alt.Chart(cells).encode(x=x, tooltip=tooltip)
    rects = base.mark_rect().encode(
        y=alt.Y("top:Q", scale=y_scale, axis=None),
        y2="bottom:Q",
        color=_zone_encoding(alt.Color, cells["zone_key"], lang, palette),
    )
    numbers = base.mark_text(fontSize=_size(14, scale), fontWeight="bold").encode(
        y=alt.Y("middle:Q", scale=y_scale, axis=None),
        text="score_text:N",
        color=alt.Color("text_color:N", scale=None),
    )
    names = (
        alt.Chart(units)
        .mark_text(align="left", baseline="bottom", fontSize=_size(13, scale), color="#212121")
        .encode(
            x=alt.value(0),
            y=alt.Y("label_y:Q", scale=y_scale, axis=None),
            text="unit:N",
            tooltip=[alt.Tooltip("unit:N", title=unit_title)],
        )
    )
    chart = (
        alt.layer(rects, numbers, names)
        .resolve_scale(color="independent")
        .properties(height=height)
    )
    finished = _finish(
        chart,
        title=t("chart.heatmap_title", lang),
        description=t("chart.heatmap_desc", lang),
        scale=scale,
    )
    return finished.properties(autosize=FIT_WIDTH)


# --- small count bars for the overview ---------------------------------------------------------


def _count_bars(
    rows: pd.DataFrame,
    *,
    label_title: str,
    title: str,
    description: str,
    lang: Lang,
    scale: float,
) -> alt.LayerChart:
    """Bars of `count` per `label`, each filled with its own `color`; the label names it."""
    count_title = t("chart.count", lang)
    top = max(int(rows["count"].max()), 1) if len(rows) else 1
    base = alt.Chart(rows).encode(
        y=alt.Y("label:N", sort=rows["label"].tolist(), title=None),
        x=alt.X(
            "count:Q",
            title=count_title,
            scale=alt.Scale(domain=[0, top * 1.15], nice=False),
            axis=alt.Axis(tickMinStep=1, format="d"),
        ),
        tooltip=[
            alt.Tooltip("label:N", title=label_title),
            alt.Tooltip("count:Q", title=count_title),
        ],
    )
    bars = base.mark_bar().encode(color=alt.Color("color:N", scale=None))
    texts = base.mark_text(align="left", dx=4, fontSize=_size(13, scale)).encode(text="count:Q")
    chart = alt.layer(bars, texts).properties(height=alt.Step(round(26 * scale)))
    return _finish(chart, title=title, description=description, scale=scale)


def zone_counts(
    frame: pd.DataFrame,
    *,
    year: int | None = None,
    lang: Lang = "id",
    palette: Palette = "standard",
    scale: float = 1.0,
) -> alt.LayerChart:
    """How many governments fall in each zone: one row per government, column `zone`.

    Missing zones count as 'Tanpa angka terbitan'. With `year`, every zone of that era is
    listed, empty ones as 0, so a level with no red zone says so.
    """
    counts = frame["zone"].map(_zone_key).value_counts()
    era_zones = [g.zone for g in for_year(year).grades] if year is not None else []
    order = _zone_order([*counts.index, *era_zones])
    rows = pd.DataFrame(
        {
            "label": [zone_word(key, lang) for key in order],
            "count": [int(counts.get(key, 0)) for key in order],
            "color": [zone_color(key, palette) for key in order],
        }
    )
    return _count_bars(
        rows,
        label_title=t("col.zone", lang),
        title=t("chart.zone_counts_title", lang),
        description=t("chart.zone_counts_desc", lang),
        lang=lang,
        scale=scale,
    )
