"""Kepatuhan: the navigation frame. Each page is a thin script in pages/."""

import streamlit as st

from scoring.i18n import t

PAGES = (
    ("ringkasan", "pages/ringkasan.py", ":material/dashboard:"),
    ("peringkat", "pages/peringkat.py", ":material/leaderboard:"),
    ("peta", "pages/peta.py", ":material/map:"),
    ("profil", "pages/profil.py", ":material/assignment:"),
    ("bandingkan", "pages/bandingkan.py", ":material/compare_arrows:"),
    ("metodologi", "pages/metodologi.py", ":material/rule:"),
    ("tentang", "pages/tentang.py", ":material/info:"),
)

st.set_page_config(page_title="Kepatuhan", page_icon="assets/icon.png", layout="wide")
lang = "en" if st.query_params.get("lang") == "en" else "id"
navigation = st.navigation(
    [
        st.Page(
            script,
            title=t(f"page.{key}", lang),
            icon=icon,
            url_path=key,
            default=key == "ringkasan",
        )
        for key, script, icon in PAGES
    ]
)
navigation.run()
