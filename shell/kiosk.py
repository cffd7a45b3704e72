"""Kiosk mode: a read-only lobby display with no sidebar, no widgets and no Streamlit chrome.

On for a session opened with `?kiosk=1` (kept for the session, so a page link that drops the
parameter does not leave it), or for every session when the server runs with
`KEPATUHAN_KIOSK=1`. There is no way out from inside the page: the navigation then serves
only the kiosk page (see `shell.registry.visible`).
"""

from __future__ import annotations

import os

import pandas as pd
import streamlit as st

from scoring.choices import Lang, Palette
from scoring.i18n import t
from shell import data
from views import kiosk as kiosk_views

ENV = "KEPATUHAN_KIOSK"
_SESSION = "kiosk_mode"

# Hides what a kiosk must not show: the header, toolbar and menu, the sidebar and its toggle,
# the status widget, and every modal (Streamlit's English "Connection error" dialog among
# them). While the connection is down, the calm notice below shows instead, and the page is
# not greyed out; Streamlit reconnects by itself and the rotation carries on.
_CSS = """
<style>
header[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
[data-testid="stStatusWidget"], [data-testid="stSidebar"],
[data-testid="stSidebarCollapsedControl"], [data-testid="stMainMenu"], #MainMenu,
[data-testid="stDialog"], [data-baseweb="modal"], footer { display: none !important; }
[data-testid="stAppViewContainer"] * { opacity: 1 !important; }
[data-testid="stMainBlockContainer"] { padding: 0 !important; max-width: none !important; }
html, body { overflow: hidden !important; cursor: none; }
.kiosk-offline { display: none; }
[data-testid="stApp"]:not([data-test-connection-state="CONNECTED"]) .kiosk-offline {
  display: block; position: fixed; left: 0; right: 0; bottom: 0; z-index: 2000000;
  padding: 0.6em 1em; background: #102a43; color: #fff; font-size: 28px; text-align: center;
  font-family: "DejaVu Sans", sans-serif; }
</style>
"""


def active() -> bool:
    """Whether this session is a kiosk: the server setting, or `?kiosk=1` seen once."""
    if os.environ.get(ENV) == "1":
        return True
    if st.query_params.get("kiosk") == "1":
        st.session_state[_SESSION] = True
    return bool(st.session_state.get(_SESSION))


def hide_chrome(lang: Lang) -> None:
    """The kiosk's CSS and its offline notice (shown only while disconnected)."""
    notice = t("kiosk.offline", lang)
    st.html(f'{_CSS}<div class="kiosk-offline" role="status">{notice}</div>')


@st.cache_data(show_spinner=False, max_entries=8)
def map_png(year_results: pd.DataFrame, palette: Palette) -> bytes | None:
    """The national zone map of one year's results as a PNG (a few seconds, once per data
    version, year and palette); None without the geo folder."""
    shapes = data.boundaries()
    return None if shapes is None else kiosk_views.map_png(year_results, shapes, palette)
