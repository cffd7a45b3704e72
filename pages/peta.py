"""Peta: every kab/kota coloured by zone, category or score; click a region for its profile."""

import streamlit as st

from scoring.choices import COLOR_BY
from views import components, maps_ui, ui

page = ui.setup()
st.title(page.t("peta.title", year=page.year))
controls = st.columns(3)
with controls[0]:
    components.year_picker(page)
with controls[1]:
    components.province_picker(page)
with controls[2]:
    st.segmented_control(
        page.t("peta.color_by"),
        COLOR_BY,
        default=page.state.color_by,
        format_func=lambda key: page.t(f"peta.by_{key}"),
        key="color_by",
        on_change=lambda: ui.change(color_by=st.session_state["color_by"] or "zone"),
    )
rows = page.for_year()
rows = rows[rows["level"].isin(["kabupaten", "kota"])]
maps_ui.national_map(
    page, rows, height=720 if page.state.large else 620, province_code=page.state.province
)
st.caption(page.t("peta.hint"))
