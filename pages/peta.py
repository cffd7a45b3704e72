"""Peta: every kab/kota coloured by zone, category or score; click a region for its profile."""

import streamlit as st

from scoring.choices import COLOR_BY, KABKOTA
from shell import map_fragment, page, url, widgets

ctx = page.setup()
st.title(ctx.t(f"peta.title_{ctx.state.color_by}", year=ctx.year))
controls = st.columns(3)
with controls[0]:
    widgets.year_picker(ctx)
with controls[1]:
    widgets.province_picker(ctx)
with controls[2]:
    st.segmented_control(
        ctx.t("peta.color_by"),
        COLOR_BY,
        default=ctx.state.color_by,
        format_func=lambda key: ctx.t(f"peta.by_{key}"),
        key="color_by",
        on_change=url.change_from,
        args=("color_by", "color_by", lambda value: value or "zone"),
    )
rows = ctx.for_year()
rows = rows[rows["level"].isin(KABKOTA)]
map_fragment.national_map(
    ctx, rows, height=720 if ctx.state.large else 620, province_code=ctx.province, download=True
)
st.caption(ctx.t("peta.hint"))
