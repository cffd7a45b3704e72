"""Kepatuhan: the navigation frame. Each page is a thin script in pages/ (see shell.registry)."""

import streamlit as st

from shell import auth, kiosk, registry, url

st.set_page_config(page_title="Kepatuhan", page_icon="assets/icon.png", layout="wide")
signed_in = auth.current() is not None
registry.navigation(url.language(), kiosk=kiosk.active(), signed_in=signed_in).run()
