"""Tentang data: sources and licences, published versus demo, coverage, consistency flags."""

import streamlit as st

from scoring import checks
from scoring.choices import DATASET_PUBLISHED
from shell import data, page, widgets
from views import about

ctx = page.setup()
st.title(ctx.t("page.tentang"))
st.markdown(ctx.t("tentang.intro"))

st.subheader(ctx.t("tentang.coverage"))
coverage = about.coverage(ctx.results, ctx.lang)
st.dataframe(coverage, width="stretch")
widgets.table_downloads(ctx, coverage.reset_index(), ctx.t("tentang.coverage"), key="coverage")

if ctx.dataset == DATASET_PUBLISHED:
    st.subheader(ctx.t("tentang.sources"))
    st.dataframe(about.source_sites(ctx.results, ctx.lang), hide_index=True, width="stretch")
    st.subheader(ctx.t("tentang.flags"))
    st.markdown(ctx.t("tentang.flags_intro"))
    findings = checks.run_all(ctx.results, data.units(ctx.dataset))
    st.dataframe(about.findings_table(findings, ctx.lang), hide_index=True, width="stretch")
else:
    st.warning(ctx.t("tentang.demo"))

st.subheader(ctx.t("tentang.geo"))
st.markdown(about.geo_licences_markdown(ctx.lang))
st.subheader(ctx.t("tentang.imports"))
st.dataframe(about.imports_table(data.imports_log(), ctx.lang), hide_index=True, width="stretch")
