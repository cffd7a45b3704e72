"""Riwayat versi (signed in): every import and rollback as a version; an admin rolls back to
one with a click and a confirmation, and the rollback is itself a new version."""

import streamlit as st

from scoring import store
from scoring.accounts import ROLES
from shell import staff, url
from views import admin
from views.format import escape_md

ctx, account = staff.begin("riwayat", *ROLES)
engine = staff.database()
state = url.page_memory()
st.markdown(ctx.t("admin.riwayat.intro"))
if "riwayat.done" in state:
    target, version = state.pop("riwayat.done")
    st.success(ctx.t("admin.riwayat.done", target=target, version=version), icon=":material/undo:")

versions = store.versions(engine)
if versions.empty:
    st.info(ctx.t("admin.riwayat.none"))
    st.stop()
st.dataframe(admin.versions_table(versions, ctx.lang), hide_index=True, width="stretch")

st.subheader(ctx.t("admin.riwayat.rollback_title"))
if not account.may("admin"):
    st.caption(ctx.t("admin.riwayat.admin_only"))
    st.stop()
rows = {int(row["id"]): row for _, row in versions.iterrows()}
picked = st.selectbox(
    ctx.t("admin.riwayat.pick"),
    list(rows),
    format_func=lambda version: admin.version_label(rows[version], ctx.lang),
    key="riwayat.pick",
)
st.caption(ctx.t("admin.riwayat.slices"))
st.dataframe(
    admin.slices_table(store.version_slices(engine, picked), ctx.lang),
    hide_index=True,
    width="content",
)
# Buttons only raise a flag (their callbacks run before the rerun); the page acts on it. The
# confirmation carries the version its text named, whatever the picker shows by then.
confirmed = state.pop("riwayat.confirmed", None)
if confirmed is not None:
    state.pop("riwayat.pending", None)
    try:
        made = store.rollback(engine, confirmed, user=account.name)
    except store.StoreError as error:
        st.error(escape_md(error.message(ctx.lang)), icon=":material/database:")
        st.stop()
    state["riwayat.done"] = (confirmed, made)
    st.rerun()
if not state.get("riwayat.pending"):
    st.button(
        ctx.t("admin.riwayat.rollback"),
        icon=":material/undo:",
        on_click=state.update,
        args=({"riwayat.pending": True},),
    )
    st.stop()
with st.container(border=True):
    st.warning(ctx.t("admin.riwayat.confirm_text", version=picked), icon=":material/warning:")
    yes, no = st.columns(2)
    yes.button(
        ctx.t("admin.riwayat.confirm"),
        type="primary",
        key="riwayat.yes",
        on_click=state.update,
        args=({"riwayat.confirmed": picked},),
    )
    no.button(
        ctx.t("admin.riwayat.cancel"),
        key="riwayat.no",
        on_click=state.pop,
        args=("riwayat.pending", None),
    )
