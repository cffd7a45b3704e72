"""Widgets the pages share: pickers bound to the URL state, download buttons, notices.

Pickers write their choice into the URL state through a callback, so a view reached by clicking
is the same view a shared link opens. Downloads take their source and method from the view
context, so a file names the method of the year it shows.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any
from urllib.parse import urlsplit

import altair as alt
import pandas as pd
import streamlit as st
from pandas.io.formats.style import Styler

from scoring.choices import DATASET_DEMO, LEVELS, Lang
from scoring.i18n import t
from shell import data, registry, url
from views import export
from views.context import Catalog, ViewContext

ROW_HEIGHT, MAX_TABLE_HEIGHT = 35, 900


def _picker(
    label: str,
    options: Sequence[Any],
    current: object,
    key: str,
    field: str,
    fmt: Callable[[Any], str],
    convert: Callable[[Any], object] | None = None,
) -> None:
    """A selectbox that writes its choice (through `convert`) into the URL state.

    The widget is set from the state on every run: a choice made elsewhere (a link, another
    dataset's fallback year) shows in the box, and choosing the shown value again is no change.
    """
    st.session_state[key] = current if current in options else options[0]
    st.selectbox(
        label,
        options,
        format_func=fmt,
        key=key,
        on_change=url.change_from,
        args=(field, key, convert),
    )


def year_picker(ctx: ViewContext, key: str = "year") -> None:
    _picker(ctx.t("ui.year"), ctx.years, ctx.year, key, "year", str)


def province_picker(ctx: ViewContext, key: str = "province", allow_all: bool = True) -> None:
    names = data.province_names()
    present = sorted(ctx.catalog.province_codes, key=lambda code: names.get(code, code))
    # "" stands for the whole nation: a selectbox holding None shows its empty placeholder.
    options = [*([""] if allow_all else []), *present]
    _picker(
        ctx.t("ui.province"),
        options,
        ctx.province or "",
        key,
        "province",
        lambda code: names.get(code, code) if code else ctx.t("ui.all_provinces"),
        lambda code: code or None,
    )


def level_picker(ctx: ViewContext, key: str = "level") -> None:
    _picker(
        ctx.t("ui.level"), LEVELS, ctx.level, key, "level", lambda level: ctx.t(f"level.{level}")
    )


def scope_pickers(ctx: ViewContext, columns: Sequence[Any]) -> None:
    """Year, province and level side by side in three of a page's columns (a ranking's scope)."""
    for column, picker in zip(columns, (year_picker, province_picker, level_picker), strict=True):
        with column:
            picker(ctx)


def region_search(catalog: Catalog, lang: Lang, key: str) -> None:
    """Type part of a name, pick the government, land on its profile (every one of today's
    map has one). The box clears itself: it is a way in, not a state."""
    labels = catalog.region_labels

    def opened() -> None:
        code = st.session_state[key]
        st.session_state[key] = None
        if code is not None:
            url.jump(registry.script("profil"), region=code, province=code[:2])

    st.selectbox(
        t("search.label", lang),
        list(labels),
        index=None,
        format_func=labels.__getitem__,
        placeholder=t("search.placeholder", lang),
        help=t("search.help", lang),
        key=key,
        on_change=opened,
    )


def large_table(ctx: ViewContext, shown: pd.DataFrame | Styler) -> None:
    """A table in large type (TV, projector): an HTML table, which grows with the page's type;
    the data grid draws on a canvas that keeps its small font. Read, not clicked: a source
    shows as its site."""
    styler = shown if isinstance(shown, Styler) else shown.style
    source = ctx.t("col.source")
    if source in styler.columns:
        styler = styler.format({source: lambda url: urlsplit(str(url)).netloc.removeprefix("www.")})
    numbers = [ctx.t(f"col.{c}") for c in ("rank", "score", "change")]
    aligned = styler.set_properties(
        subset=[c for c in numbers if c in styler.columns], **{"text-align": "right"}
    )
    st.table(aligned.hide(axis="index"))


def region_table(
    ctx: ViewContext,
    shown: pd.DataFrame | Styler,
    codes: Sequence[str | None],
    key: str,
    **options: Any,
) -> None:
    """A table of governments (`shown`, a frame or a Styler) whose rows open the profile of
    `codes[row]` when clicked."""

    def opened() -> None:
        picked = [row for row, _ in st.session_state[key].selection.cells]
        code = codes[picked[0]] if picked else None
        if code:
            url.jump(registry.script("profil"), region=code, province=code[:2])

    if ctx.state.large:
        large_table(ctx, shown)
        return
    height = min(ROW_HEIGHT * (len(codes) + 1) + 3, MAX_TABLE_HEIGHT)
    st.dataframe(
        shown,
        hide_index=True,
        width="stretch",
        column_config=column_config(ctx),
        on_select=opened,
        selection_mode="single-cell",  # a click on any cell opens the row (no checkbox column)
        key=key,
        height=height,
    )
    st.caption(ctx.t("ranking.click_hint"))


def table_downloads(
    ctx: ViewContext, table: pd.DataFrame, title: str, key: str, *about: object
) -> None:
    """CSV and XLSX of a table exactly as shown, with source and method inside the file; the
    file is named after the title and what it is `about` (a region, a year), so a folder of
    downloads stays readable."""
    source, method = ctx.source_and_method()
    title = " · ".join(str(part) for part in (title, *about) if part is not None)
    stem = export.file_stem(
        title, ctx.t(f"dataset.{ctx.dataset}") if ctx.dataset == DATASET_DEMO else None
    )
    common: dict[str, Any] = {"title": title, "source": source, "method": method, "lang": ctx.lang}
    left, right = st.columns(2)
    left.download_button(
        ctx.t("ui.download_csv"),
        lambda: export.table_csv(table, **common),
        file_name=f"{stem}.csv",
        mime="text/csv",
        key=f"{key}-csv",
        icon=":material/download:",
    )
    right.download_button(
        ctx.t("ui.download_xlsx"),
        lambda: export.table_xlsx(table, **common),
        file_name=f"{stem}.xlsx",
        key=f"{key}-xlsx",
        icon=":material/download:",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def chart_download(ctx: ViewContext, chart: alt.TopLevelMixin, key: str) -> None:
    """A PNG of a chart, rendered on request (it costs a second) with source and method."""
    source, method = ctx.source_and_method()
    st.download_button(
        ctx.t("ui.download_png"),
        lambda: export.chart_png(chart, source=source, method=method),
        file_name=f"{key}.png",
        mime="image/png",
        key=f"{key}-png",
        icon=":material/image:",
    )


def column_config(ctx: ViewContext) -> dict[str, Any]:
    """Sources as links; ranks, scores and changes, written as text by `views.tables.styled`
    in the language's decimal mark, aligned as numbers."""
    source = ctx.t("col.source")
    rank, name, score, zone = (ctx.t(f"col.{c}") for c in ("rank", "name", "score", "zone"))
    link = st.column_config.LinkColumn(source, display_text=r"https?://(?:www\.)?([^/]+)")
    # Rank, name, score and zone fit a phone's 360 px (widths in px); the rest scrolls.
    # Large type needs proportionally wider columns, or names are cut.
    scale = 1.6 if ctx.state.large else 1.0

    def px(width: int) -> int:
        return round(width * scale)

    return {
        rank: st.column_config.TextColumn("#", help=rank, alignment="right", width=px(40)),
        name: st.column_config.TextColumn(name, width=px(180)),
        score: st.column_config.TextColumn(score, alignment="right", width=px(62)),
        zone: st.column_config.TextColumn(zone, width=px(70)),
        ctx.t("col.change"): st.column_config.TextColumn(ctx.t("col.change"), alignment="right"),
        source: link,  # a link shows its site: who published the figure
    }


def needs_demo(ctx: ViewContext, key: str) -> None:
    """Say that the published figures lack this detail, and offer the demo dataset."""
    st.info(ctx.t("ui.needs_demo"), icon=":material/info:")
    if ctx.dataset != DATASET_DEMO:
        st.button(
            ctx.t("ui.open_demo"),
            key=f"open-demo-{key}",
            on_click=url.change,
            kwargs={"dataset": DATASET_DEMO, "year": None, "compare": ()},
            icon=":material/science:",
        )
