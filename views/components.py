"""Widgets the pages share: pickers bound to the URL state, and download buttons.

Pickers use callbacks that write the URL state, so a view reached by clicking is the same view a
shared link opens.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import streamlit as st

from scoring.choices import DATASET_DEMO, LEVELS
from scoring.i18n import t
from scoring.methodology import for_year
from scoring.regions import GeoDataMissing, load_gazetteer
from views import export, ui


@st.cache_resource(show_spinner=False)
def gazetteer():
    """The region list, or None when the geo folder is missing (pages then show no map)."""
    try:
        return load_gazetteer()
    except GeoDataMissing:
        return None


def province_names() -> dict[str, str]:
    gaz = gazetteer()
    return dict(zip(gaz.provinces["code"], gaz.provinces["name"], strict=True)) if gaz else {}


def _picker(label: str, options: Sequence, current, key: str, field: str, fmt) -> None:
    """A selectbox that writes its choice into the URL state."""
    index = list(options).index(current) if current in options else 0
    st.selectbox(
        label,
        options,
        index=index,
        format_func=fmt,
        key=key,
        on_change=lambda: ui.change(**{field: st.session_state[key]}),
    )


def year_picker(page: ui.Page, key: str = "year") -> None:
    _picker(t("ui.year", page.lang), page.years, page.year, key, "year", str)


def province_picker(page: ui.Page, key: str = "province", allow_all: bool = True) -> None:
    names = province_names()
    present = sorted(page.results["province_code"].dropna().unique(), key=lambda c: names.get(c, c))
    options = ([None] if allow_all else []) + present
    _picker(
        t("ui.province", page.lang),
        options,
        page.state.province,
        key,
        "province",
        lambda code: t("ui.all_provinces", page.lang) if code is None else names.get(code, code),
    )


def level_picker(page: ui.Page, key: str = "level") -> None:
    _picker(
        t("ui.level", page.lang),
        LEVELS,
        page.state.level,
        key,
        "level",
        lambda level: t(f"level.{level}", page.lang),
    )


def source_and_method(page: ui.Page, year: int | None = None) -> tuple[str, str]:
    """The source line and method line every export carries."""
    demo = page.state.dataset == DATASET_DEMO
    source = t("ui.source_demo" if demo else "ui.source_published", page.lang)
    era = for_year(year or page.year)
    method = t("ui.method", page.lang, era=era.name_id if page.lang == "id" else era.name_en)
    return source, method


def table_downloads(page: ui.Page, table: pd.DataFrame, title: str, key: str) -> None:
    """CSV and XLSX of a table exactly as shown, with source and method inside the file."""
    source, method = source_and_method(page)
    left, right = st.columns(2)
    common = {"title": title, "source": source, "method": method, "lang": page.lang}
    left.download_button(
        t("ui.download_csv", page.lang),
        lambda: export.table_csv(table, **common),
        file_name=f"{key}.csv",
        mime="text/csv",
        key=f"{key}-csv",
        icon=":material/download:",
    )
    right.download_button(
        t("ui.download_xlsx", page.lang),
        lambda: export.table_xlsx(table, **common),
        file_name=f"{key}.xlsx",
        key=f"{key}-xlsx",
        icon=":material/download:",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def chart_download(page: ui.Page, chart, key: str) -> None:
    """A PNG of a chart, rendered on request (it costs a second) with source and method."""
    source, method = source_and_method(page)
    st.download_button(
        t("ui.download_png", page.lang),
        lambda: export.chart_png(chart, source=source, method=method),
        file_name=f"{key}.png",
        mime="image/png",
        key=f"{key}-png",
        icon=":material/image:",
    )


def column_config(lang: str) -> dict:
    """Scores as 0-100 bars and sources as links."""
    return {
        t("col.score", lang): st.column_config.ProgressColumn(
            t("col.score", lang), min_value=0, max_value=100, format="%.2f"
        ),
        t("col.source", lang): st.column_config.LinkColumn(t("col.source", lang), display_text="↗"),
    }


def needs_demo(page: ui.Page, key: str) -> None:
    """Say that the published figures lack this detail, and offer the demo dataset."""
    st.info(page.t("ui.needs_demo"), icon=":material/info:")
    if page.state.dataset != DATASET_DEMO:
        st.button(
            page.t("ui.open_demo"),
            key=f"open-demo-{key}",
            on_click=lambda: ui.change(dataset=DATASET_DEMO, year=None, compare=()),
            icon=":material/science:",
        )
