"""Tentang data: sources and licences, published versus demo, coverage, consistency flags."""

import streamlit as st

from scoring import checks, store
from views import about, components, ui

page = ui.setup()
st.title(page.t("page.tentang"))
st.markdown(page.t("tentang.intro"))

st.subheader(page.t("tentang.coverage"))
coverage = about.coverage(page.results, page.lang)
st.dataframe(coverage, width="stretch")
components.table_downloads(page, coverage.reset_index(), page.t("tentang.coverage"), key="coverage")

if page.state.dataset == "resmi":
    st.subheader(page.t("tentang.sources"))
    st.dataframe(about.source_sites(page.results, page.lang), hide_index=True, width="stretch")
    st.subheader(page.t("tentang.flags"))
    st.markdown(page.t("tentang.flags_intro"))
    findings = checks.run_all(page.results, ui.units(page.state.dataset))
    st.dataframe(about.findings_table(findings, page.lang), hide_index=True, width="stretch")
else:
    st.warning(page.t("tentang.demo"))

st.subheader(page.t("tentang.geo"))
st.markdown(about.geo_licences_markdown(page.lang))
st.subheader(page.t("tentang.imports"))
st.dataframe(store.imports_log(ui.engine()), hide_index=True, width="stretch")
