"""Kepatuhan: the navigation frame. Each page is a thin script in pages/ (see shell.registry)."""

import streamlit as st

from shell import kiosk, registry, url

st.set_page_config(page_title="Kepatuhan", page_icon="assets/icon.png", layout="wide")
registry.navigation(url.language(), kiosk=kiosk.active()).run()
