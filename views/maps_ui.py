"""The map as a Streamlit fragment: boundaries cached once, a click opens the region's profile.

Only clicks are returned from the browser (`returned_objects`), so panning and zooming never
rerun the app.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from views import geo, maps, ui
from views.format import escape_md
from views.state import encode


@st.cache_resource(show_spinner=False)
def boundaries() -> geo.Boundaries | None:
    """Simplified boundaries shared by every session (never mutated), or None if missing."""
    try:
        return geo.load_boundaries()
    except FileNotFoundError:
        return None


def _missing_notice(page: ui.Page) -> None:
    try:
        geo.load_boundaries()
    except FileNotFoundError as missing:
        st.warning(page.t("ui.geo_missing", detail=escape_md(missing)), icon=":material/map:")


def clicked_code(returned: dict | None) -> str | None:
    """The region code of the clicked feature, from what streamlit-folium hands back."""
    drawing = (returned or {}).get("last_active_drawing") or {}
    return (drawing.get("properties") or {}).get("code")


@st.fragment
def national_map(
    page: ui.Page, rows: pd.DataFrame, height: int = 600, province_code: str | None = None
) -> None:
    """Draw the zone map; clicking a kab/kota opens its profile with the same view state."""
    shapes = boundaries()
    if shapes is None:
        _missing_notice(page)
        return
    built = maps.zone_map(
        rows,
        shapes,
        color_by=page.state.color_by,
        province_code=province_code,
        lang=page.lang,
        palette=page.state.palette,
    )
    returned = st_folium(
        built,
        height=height,
        width="stretch",
        returned_objects=["last_active_drawing"],
        key=f"map-{page.state.dataset}-{page.year}-{province_code}-{page.state.color_by}",
    )
    code = clicked_code(returned)
    if code and code != st.session_state.get("map_opened"):
        st.session_state["map_opened"] = code
        st.switch_page(
            "pages/profil.py",
            query_params=encode(page.state.with_(region=code, province=code[:2])),
        )
