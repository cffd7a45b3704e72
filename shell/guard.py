"""Route a fresh visitor's direct link through app.py's navigation.

With a pages/ folder, a new server process routes direct links (e.g. /peta) the old way —
running the page script without app.py, so without its layout and navigation — until some
session has called st.navigation. Turning that mode off and rerunning sends this visitor, and
every later one, through the frame. It relies on `PagesManager.uses_pages_directory`, a
Streamlit internal; a browser test (a fresh server's first direct link) guards it.
"""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager


def leave_legacy_page_discovery() -> None:
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()
