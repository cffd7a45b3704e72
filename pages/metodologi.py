"""Metodologi: each era's rules, generated from the methodology files, and what differs."""

import streamlit as st

from scoring.i18n import bilingual
from scoring.methodology import all_methodologies
from views import methodology_view as mv
from views import ui

page = ui.setup()
lang = page.lang
st.title(page.t("page.metodologi"))
st.markdown(page.t("metodologi.intro"))

methods = all_methodologies()
for method, tab in zip(methods, st.tabs([m.key for m in methods]), strict=True):
    with tab:
        last = method.last_year if method.last_year < 2090 else page.t("metodologi.now")
        st.subheader(f"{bilingual(method, 'name', lang)}")
        st.caption(f"{method.first_year}–{last}")
        st.markdown(bilingual(method, "scored", lang))
        st.markdown(f"**{page.t('metodologi.bands')}** — {page.t('metodologi.bound_rule')}")
        st.dataframe(mv.grades_table(method, lang), hide_index=True)
        if method.dimensions:
            st.markdown(
                f"**{page.t('metodologi.dimensions')}** — "
                + page.t(f"metodologi.weights_{method.weights_status}")
            )
            st.dataframe(mv.dimensions_table(method, lang), hide_index=True)
        if method.loci:
            st.markdown(f"**{page.t('metodologi.loci')}**")
            st.dataframe(mv.loci_table(method, lang), hide_index=True)
        st.info(page.t("metodologi.comparability", group=method.comparability_group))

st.divider()
st.subheader(page.t("metodologi.aggregation_title"))
st.markdown(page.t("metodologi.aggregation"))
st.subheader(page.t("metodologi.kemenpan_title"))
raw, aspects = mv.kemenpanrb(lang)
st.markdown(page.t("metodologi.kemenpan", name=raw["name"], scale=raw["scale"]))
st.dataframe(aspects, hide_index=True)
