"""Metodologi: each era's rules, generated from the methodology files, and what differs."""

import streamlit as st

from scoring.i18n import bilingual
from scoring.methodology import all_methodologies
from shell import page
from views import methodology_view as mv

ctx = page.setup()
lang = ctx.lang
st.title(ctx.t("page.metodologi"))
st.markdown(ctx.t("metodologi.intro"))

methods = all_methodologies()
tabs = st.tabs([mv.years_label(m, lang) for m in methods])
for method, tab in zip(methods, tabs, strict=True):
    with tab:
        st.subheader(f"{bilingual(method, 'name', lang)}")
        st.caption(mv.years_label(method, lang))
        st.markdown(bilingual(method, "scored", lang))
        st.markdown(f"**{ctx.t('metodologi.bands')}** — {ctx.t('metodologi.bound_rule')}")
        st.dataframe(mv.grades_table(method, lang), hide_index=True)
        if method.dimensions:
            st.markdown(
                f"**{ctx.t('metodologi.dimensions')}** — "
                + ctx.t(f"metodologi.weights_{method.weights_status}")
            )
            st.dataframe(mv.dimensions_table(method, lang), hide_index=True)
        if method.loci:
            st.markdown(f"**{ctx.t('metodologi.loci')}**")
            st.dataframe(mv.loci_table(method, lang), hide_index=True)
        st.info(ctx.t("metodologi.comparability", group=method.comparability_group))

st.divider()
st.subheader(ctx.t("metodologi.aggregation_title"))
st.markdown(ctx.t("metodologi.aggregation"))
st.subheader(ctx.t("metodologi.kemenpan_title"))
raw, aspects = mv.kemenpanrb(lang)
st.markdown(ctx.t("metodologi.kemenpan", name=raw["name"], scale=raw["scale"]))
st.dataframe(aspects, hide_index=True)
