"""Pengguna (admin): the accounts, a form to add one, and enabling or disabling one."""

import streamlit as st

from scoring import accounts
from shell import staff, url
from views import admin
from views.format import escape_md

ctx, account = staff.begin("pengguna", "admin")
engine = staff.database()
state = url.page_memory()
st.markdown(ctx.t("admin.pengguna.intro"))


def add() -> None:
    """The form's callback (it runs before the rerun); the outcome is shown by the page."""
    sso = state["pengguna.sso"]
    password, again = state["pengguna.password"], state["pengguna.again"]
    state["pengguna.password"] = state["pengguna.again"] = ""
    try:
        if not sso and password != again:
            raise accounts.AccountError("mismatch")
        made = accounts.add_user(
            engine,
            state["pengguna.name"],
            state["pengguna.role"],
            None if sso else password,
            organisation=state["pengguna.organisation"],
            by=account.name,
        )
    except accounts.AccountError as error:
        state["pengguna.error"] = error.message(ctx.lang)
    else:
        state["pengguna.done"] = ctx.t("admin.pengguna.added", name=escape_md(made.name))
        state["pengguna.name"] = ""


def switch(name: str, active: bool) -> None:
    accounts.set_active(engine, name, active, by=account.name)
    word = ctx.t("admin.yes" if active else "admin.no")
    state["pengguna.done"] = ctx.t("admin.pengguna.switched", name=escape_md(name), state=word)


if "pengguna.done" in state:
    st.success(state.pop("pengguna.done"), icon=":material/done:")
if "pengguna.error" in state:
    st.error(escape_md(state.pop("pengguna.error")), icon=":material/error:")

users = accounts.list_users(engine)
st.dataframe(admin.users_table(users, ctx.lang), hide_index=True, width="stretch")

st.subheader(ctx.t("admin.pengguna.add"))
with st.form("pengguna.add"):
    st.text_input(ctx.t("auth.name"), key="pengguna.name")
    st.selectbox(
        ctx.t("admin.col.role"),
        accounts.ROLES,
        index=accounts.ROLES.index("reader"),  # the least a new account may do
        format_func=lambda r: ctx.t(f"role.{r}"),
        key="pengguna.role",
    )
    st.text_input(
        ctx.t("admin.col.organisation"),
        value=account.organisation or "",
        key="pengguna.organisation",
    )
    st.checkbox(ctx.t("admin.pengguna.sso"), key="pengguna.sso")
    st.text_input(ctx.t("auth.password"), type="password", key="pengguna.password")
    st.text_input(ctx.t("admin.pengguna.password_again"), type="password", key="pengguna.again")
    st.form_submit_button(ctx.t("admin.pengguna.add"), type="primary", on_click=add)

others = users[users["name"] != account.name]
if not others.empty:
    st.subheader(ctx.t("admin.pengguna.switch"))
    active = dict(zip(others["name"], others["active"].astype(bool), strict=True))
    who = st.selectbox(ctx.t("auth.name"), list(active), key="pengguna.who")
    st.button(
        ctx.t("admin.pengguna.disable") if active[who] else ctx.t("admin.pengguna.enable"),
        key="pengguna.switch",
        on_click=switch,
        args=(who, not active[who]),
    )
