"""Akun: sign in (a local account, or the identity provider where one is configured), or see
who is signed in and sign out."""

import streamlit as st

from scoring import accounts
from shell import auth, page
from views.format import escape_md

ctx = page.setup()
st.title(ctx.t("page.akun"))
account = auth.current()
if account is None:
    st.markdown(ctx.t("admin.akun.intro"))
    auth.login_form(ctx.lang)
    st.stop()
st.markdown(
    ctx.t(
        "admin.akun.details",
        name=escape_md(account.name),
        role=ctx.t(f"role.{account.role}"),
        organisation=escape_md(account.organisation or "–"),
    )
)
minutes = int(accounts.idle_timeout().total_seconds() // 60)
st.caption(ctx.t("admin.akun.expiry", minutes=minutes))
st.button(ctx.t("auth.sign_out"), icon=":material/logout:", on_click=auth.sign_out)
