"""Impor data (admin): upload → kind and header row → column mapping → every problem → the diff
against what is stored → confirm, stored as a new version naming its user."""

from collections.abc import Iterable

import streamlit as st

from scoring import importing, mappings, store
from scoring.choices import DATASET_PUBLISHED
from scoring.problems import ImportFailed, Problem
from shell import data, registry, staff, url
from views import admin, admin_import
from views.format import escape_md

ctx, account = staff.begin("impor", "admin")
engine = staff.database()
state = url.page_memory()
st.markdown(ctx.t("admin.impor.intro"))
st.caption(ctx.t("admin.impor.target"))

if "impor.done" in state:
    st.success(ctx.t("admin.impor.done", version=state.pop("impor.done")), icon=":material/done:")
    st.page_link(registry.script("peringkat"), label=ctx.t("admin.impor.open_ranking"))
    st.page_link(registry.script("riwayat"), label=ctx.t("admin.impor.open_history"))

upload = st.file_uploader(
    ctx.t("admin.impor.upload"), type=["csv", "xlsx"], key=f"impor.file.{state.get('impor.n', 0)}"
)
if upload is None:
    st.stop()
path = admin_import.keep_upload(upload.name, upload.getvalue())


def show_problems(problems: Iterable[Problem]) -> None:
    st.dataframe(admin.problems_table(problems, ctx.lang), hide_index=True, width="stretch")


# 1. Kind of file and header row.
st.subheader(ctx.t("admin.impor.step_detect"))
try:
    detected = admin_import.detect(
        engine, path, account.organisation, state.get("impor.kind_choice")
    )
except ImportFailed as failed:
    st.error(ctx.t("admin.impor.errors"), icon=":material/error:")
    show_problems(failed.problems)
    st.stop()
if detected.shape.kind is None:
    st.info(ctx.t("admin.impor.kind_unknown"))
    st.selectbox(
        ctx.t("admin.impor.kind_choice"),
        admin_import.STORED_KINDS,
        format_func=lambda k: ctx.t(f"admin.kind.{k}"),
        key="impor.kind_choice",
    )
kind = detected.kind or state.get("impor.kind_choice") or admin_import.STORED_KINDS[0]
st.markdown(
    ctx.t(
        "admin.impor.detected",
        file=escape_md(path.name),
        kind=ctx.t(f"admin.kind.{kind}"),
        row=detected.shape.header_row,
        count=len(detected.shape.headers),
    )
)
if kind not in admin_import.STORED_KINDS:
    st.info(ctx.t("admin.impor.items"))
    st.stop()

# 2. Column mapping for the headers the vocabulary does not know.
st.subheader(ctx.t("admin.impor.step_map"))
overrides: dict[str, str] = {}
if not detected.shape.unknown_headers:
    st.caption(ctx.t("admin.impor.map_none"))
else:
    st.caption(ctx.t("admin.impor.map_intro"))
    choices = (admin_import.IGNORE, *importing.CANONICAL_COLUMNS[kind])
    with st.container(border=True):
        for number, header in enumerate(detected.shape.unknown_headers):
            remembered = detected.remembered.get(header, admin_import.IGNORE)
            choice = st.selectbox(
                ctx.t("admin.impor.map_label", header=escape_md(header)),
                choices,
                index=choices.index(remembered) if remembered in choices else 0,
                format_func=lambda c: (
                    ctx.t("admin.impor.ignore")
                    if c == admin_import.IGNORE
                    else ctx.t(f"admin.field.{c}")
                ),
                key=f"impor.map.{path.parent.name}.{kind}.{number}",
            )
            if choice != admin_import.IGNORE:
                overrides[header] = choice

# 3. Check: load every row, place it, compare with what is stored.
check_key = (path.parent.name, kind, tuple(sorted(overrides.items())))
# Buttons only raise a flag (their callbacks run before the rerun); the page acts on it.
st.button(
    ctx.t("admin.impor.check"),
    type="primary",
    on_click=state.update,
    args=({"impor.go": True},),
)
if state.pop("impor.go", False):
    with st.status(ctx.t("admin.impor.checking"), expanded=True) as status:
        progress = st.progress(0, text=ctx.t("admin.impor.progress_read"))
        try:
            result = importing.load(path, kind=kind, header_overrides=overrides)
        except ImportFailed as failed:
            state["impor.checked"] = (check_key, failed.problems)
        else:
            progress.progress(40, text=ctx.t("admin.impor.progress_place"))
            try:
                staged = admin_import.stage(engine, DATASET_PUBLISHED, result, data.gazetteer())
            except ImportFailed as failed:
                state["impor.checked"] = (check_key, failed.problems)
            else:
                state["impor.checked"] = (check_key, staged)
        if overrides:
            mappings.remember(engine, account.organisation, kind, overrides, user=account.name)
        progress.progress(100, text=ctx.t("admin.impor.progress_done"))
        status.update(label=ctx.t("admin.impor.progress_done"), state="complete")
checked = state.get("impor.checked")
if checked is None or checked[0] != check_key:
    st.stop()
outcome = checked[1]

st.subheader(ctx.t("admin.impor.step_preview"))
if not isinstance(outcome, admin_import.Staged):
    st.error(ctx.t("admin.impor.errors"), icon=":material/error:")
    show_problems(outcome)
    st.stop()
st.success(ctx.t("admin.impor.no_problems", rows=len(outcome.result.frame)))
if outcome.result.warnings:
    st.markdown(ctx.t("admin.impor.warnings"))
    show_problems(outcome.result.warnings)

# 4. The diff against the stored slices.
st.subheader(ctx.t("admin.impor.step_diff"))
st.caption(
    ctx.t(
        "admin.impor.diff_scope",
        kind=ctx.t(f"admin.kind.{kind}"),
        years=admin_import.years_text(outcome.frames),
    )
)
further = len(outcome.frames.get("sources", ()))
if further:
    st.caption(ctx.t("admin.impor.sources", count=further))
counts = outcome.diff.counts
for column, part in zip(st.columns(4), ("added", "changed", "removed", "unchanged"), strict=True):
    column.metric(ctx.t(f"admin.diff.{part}"), counts[part])
if counts["added"] + counts["changed"] + counts["removed"] == 0:
    st.info(ctx.t("admin.impor.no_change"))
tables = admin.diff_tables(outcome.diff, ctx.lang)
labels = [f"{ctx.t(f'admin.diff.{part}')} ({len(table)})" for part, table in tables.items()]
for tab, table in zip(st.tabs(labels), tables.values(), strict=True):
    with tab:
        if table.empty:
            st.caption(ctx.t("admin.diff.empty"))
        else:
            st.dataframe(table, hide_index=True, width="stretch")

# 5. Confirm: one transaction, a new version naming the user.
st.subheader(ctx.t("admin.impor.step_confirm"))
sure = st.checkbox(ctx.t("admin.impor.confirm_check"), key=f"impor.sure.{check_key}")
st.button(
    ctx.t("admin.impor.confirm"),
    type="primary",
    disabled=not sure,
    on_click=state.update,
    args=({"impor.store": True},),
)
if state.pop("impor.store", False) and sure:
    if store.data_version(engine) != outcome.data_version:
        st.warning(ctx.t("admin.impor.stale"), icon=":material/sync_problem:")
        state.pop("impor.checked", None)
        st.stop()
    try:
        version = store.replace(
            engine,
            DATASET_PUBLISHED,
            outcome.frames,
            store.file_provenance(path, kind, len(outcome.result.frame)),
            user=account.name,
        )
    except store.StoreError as error:
        st.error(escape_md(error.message(ctx.lang)), icon=":material/database:")
        st.stop()
    admin_import.forget_upload(path)
    state["impor.done"] = version
    state["impor.n"] = state.get("impor.n", 0) + 1
    state.pop("impor.checked", None)
    st.rerun()
