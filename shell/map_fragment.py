"""The map as a Streamlit fragment: boundaries cached once, a click opens the region's profile.

Only clicks are returned from the browser (`returned_objects`), so panning and zooming never
rerun the app. Leaflet's own files, and the map's shapes as TopoJSON, are served by Streamlit as
those of components that are never drawn, so the map needs no CDN and each run sends only the
regions' values.
"""

from __future__ import annotations

import contextlib
from typing import Any

import pandas as pd
import streamlit as st
from streamlit.components.v1 import declare_component
from streamlit_folium import st_folium

from shell import data, registry
from views import geo, maps
from views.context import ViewContext
from views.format import escape_md
from views.state import encode

_OPENED = "map_opened"


def serve_assets() -> None:
    """Have Streamlit serve `views.maps.leaflet_dir()` and `views.geo.shapes_dir()` as the
    files of components `shell.map_fragment.leaflet` and `shell.map_fragment.shapes`.

    A v1 component's folder is served as static files once the component is declared in a
    script run, even if it is never drawn. Its name is this module's name plus the given one,
    which the map pages' asset URLs (`views.maps.*_COMPONENT`) must match.
    """
    with contextlib.suppress(OSError):  # read-only: the maps then carry their shapes
        geo.shapes_dir().mkdir(parents=True, exist_ok=True)
    for name, folder, expected in (
        ("leaflet", maps.leaflet_dir(), maps.LEAFLET_COMPONENT),
        ("shapes", geo.shapes_dir(), maps.SHAPES_COMPONENT),
    ):
        component = declare_component(name, path=folder)
        if component.name != expected:
            raise RuntimeError(f"{name} served as {component.name}, maps expect {expected}")


def clicked_code(returned: dict[str, Any] | None) -> str | None:
    """The region code of the clicked feature, from what streamlit-folium hands back."""
    drawing = (returned or {}).get("last_active_drawing") or {}
    return (drawing.get("properties") or {}).get("code")


@st.fragment
def national_map(
    ctx: ViewContext,
    rows: pd.DataFrame,
    height: int = 600,
    province_code: str | None = None,
    download: bool = False,
) -> None:
    """Draw the zone map; clicking a kab/kota opens its profile with the same view state.

    With `download`, a button offers the same map as one HTML file with Leaflet inlined, which
    opens without internet (built only when clicked).
    """
    shapes = data.boundaries()
    if shapes is None:
        detail = data.boundaries_missing() or ""
        st.warning(ctx.t("ui.geo_missing", detail=escape_md(detail)), icon=":material/map:")
        return
    serve_assets()
    view = (ctx.state.color_by, province_code, ctx.lang, ctx.palette)
    spec = data.map_spec(rows, shapes, shapes.key, *view)
    try:
        url: str | None = maps.shapes_url(shapes, province_code)
    except OSError:  # a read-only cache folder: the page then carries the shapes itself
        url = None
    built = maps.draw(spec, shapes, legend_scale=ctx.scale, shapes_url=url)
    returned = st_folium(
        built,
        height=height,
        width="stretch",
        returned_objects=["last_active_drawing"],
        key=f"map-{ctx.dataset}-{ctx.year}-{province_code}-{ctx.state.color_by}",
    )
    if download:
        st.download_button(
            ctx.t("ui.download_map_html"),
            lambda: maps.standalone_html(maps.draw(spec, shapes, legend_scale=ctx.scale)),
            file_name=f"peta-{ctx.dataset}-{ctx.year}-{province_code or 'indonesia'}.html",
            mime="text/html",
            key=f"map-html-{ctx.dataset}-{ctx.year}-{province_code}-{ctx.state.color_by}",
            icon=":material/download:",
        )
    code = clicked_code(returned)
    if code and code != st.session_state.get(_OPENED):
        st.session_state[_OPENED] = code
        st.switch_page(
            registry.script("profil"),
            query_params=encode(ctx.state.with_(region=code, province=code[:2])),
        )
