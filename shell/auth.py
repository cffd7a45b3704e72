"""Who is signed in to this session, and the gate every page that changes data passes.

Two ways in. Where an `[auth]` section is configured in Streamlit's secrets, people sign in
through that identity provider (`st.login`, OIDC) and the account of the same name
(`python -m scoring user add NAME --role ROLE --sso`) gives their role. Otherwise, the
embedded default, a local account signs in with its password (`scoring.accounts`).

A session ends after `accounts.idle_timeout()` without a page view, when its account is
disabled, or on "Keluar". The sign-in lives in the session only: a reload signs out.
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
import streamlit as st
from streamlit.errors import StreamlitSecretNotFoundError

from scoring import accounts, store
from scoring.accounts import Account, LoginRefused, Role
from scoring.choices import Lang
from scoring.i18n import t
from shell import kiosk
from views.format import escape_md

# Session-state keys (not label keys).
_ACCOUNT = "auth:account"
_SEEN = "auth:seen"
_NOTICE = "auth:notice"  # a label key shown once on the sign-in form (session ended, ...)
FIRST_ACCOUNT = "python -m scoring user add NAMA --role admin --organisation ORGANISASI"


def _engine() -> sa.Engine:
    return store.engine(store.database_url())


def provider_configured() -> bool:
    """Whether Streamlit's secrets hold an `[auth]` section (no secrets file: False)."""
    try:
        return "auth" in st.secrets
    except StreamlitSecretNotFoundError:
        return False


def _provider_name() -> str | None:
    """The signed-in identity's name at the provider (its e-mail where it gives one)."""
    if not st.user.get("is_logged_in"):
        return None
    name = st.user.get("email") or st.user.get("sub")
    return str(name) if name else None


def _end(notice: str | None) -> None:
    for key in (_ACCOUNT, _SEEN):
        st.session_state.pop(key, None)
    if notice:
        st.session_state[_NOTICE] = notice


def _start(account: Account) -> None:
    st.session_state[_ACCOUNT] = account
    st.session_state[_SEEN] = datetime.now(UTC)


def current() -> Account | None:
    """The signed-in account, checked against the database on every page view; None when
    nobody is signed in, the session sat idle too long, or the account was disabled."""
    if provider_configured() and _ACCOUNT not in st.session_state:
        name = _provider_name()
        if name is None:
            return None
        found = accounts.active_account(_engine(), name)
        if found is None:
            st.session_state[_NOTICE] = "auth.no_account"
            return None
        _start(found)
    held = st.session_state.get(_ACCOUNT)
    if not isinstance(held, Account):
        return None
    seen = st.session_state.get(_SEEN)
    if not isinstance(seen, datetime) or accounts.expired(seen):
        _end("auth.expired")
        return None
    fresh = accounts.active_account(_engine(), held.name)
    if fresh is None:
        _end("auth.disabled")
        return None
    _start(fresh)
    return fresh


def sign_out() -> None:
    """End the session (and the provider's cookie, where one signed in through it)."""
    _end("auth.signed_out")
    if provider_configured() and st.user.get("is_logged_in"):
        st.logout()


_FORM_NAME, _FORM_PASSWORD, _REFUSED = "auth:name", "auth:password", "auth:refusal"


def _sign_in() -> None:
    """The form's callback: it runs before the rerun, so the navigation that rerun builds
    already holds the staff pages."""
    name = st.session_state.get(_FORM_NAME, "")
    try:
        account = accounts.authenticate(_engine(), name, st.session_state.get(_FORM_PASSWORD, ""))
    except LoginRefused as refused:
        until = refused.until.astimezone(UTC).strftime("%H:%M UTC") if refused.until else None
        st.session_state[_REFUSED] = until
        return
    finally:
        st.session_state[_FORM_PASSWORD] = ""
    _start(account)
    st.session_state.pop(_NOTICE, None)


def login_form(lang: Lang) -> None:
    """The sign-in form, with how to make the first account when there is none."""
    notice = st.session_state.pop(_NOTICE, None)
    if notice:
        st.info(t(notice, lang), icon=":material/info:")
    if not accounts.has_users(_engine()):
        st.warning(t("auth.no_users", lang), icon=":material/person_add:")
        st.code(FIRST_ACCOUNT, language="sh")
        return
    if provider_configured():
        if st.button(t("auth.provider_login", lang), type="primary"):
            st.login()
        return
    if _REFUSED in st.session_state:
        until = st.session_state.pop(_REFUSED)
        if until:
            st.error(t("auth.locked", lang, until=until), icon=":material/lock_clock:")
        else:
            st.error(t("auth.refused", lang), icon=":material/key_off:")
    with st.form("auth-login"):
        st.text_input(t("auth.name", lang), autocomplete="username", key=_FORM_NAME)
        st.text_input(
            t("auth.password", lang),
            type="password",
            autocomplete="current-password",
            key=_FORM_PASSWORD,
        )
        st.form_submit_button(t("auth.sign_in", lang), type="primary", on_click=_sign_in)


def require(*roles: Role, lang: Lang) -> Account:
    """The signed-in account holding one of `roles` (an admin holds every role); otherwise
    the page stops here with the sign-in form or a refusal. Every page that changes data
    calls this itself, whatever the navigation shows."""
    if kiosk.active():  # the navigation never serves a staff page to a kiosk; nor does this
        st.stop()
    account = current()
    if account is None:
        st.warning(t("auth.need_login", lang), icon=":material/lock:")
        login_form(lang)
        st.stop()
    if not account.may(*roles):
        wanted = ", ".join(t(f"role.{role}", lang) for role in roles)
        st.error(t("auth.forbidden", lang, roles=wanted), icon=":material/block:")
        st.stop()
    return account


def sidebar_status(lang: Lang, login_page: str) -> None:
    """In the sidebar: who is signed in and a sign-out button, or a link to sign in."""
    account = current()
    if account is None:
        st.page_link(login_page, label=t("auth.sign_in", lang), icon=":material/login:")
        return
    st.caption(
        t(
            "auth.signed_in_as",
            lang,
            name=escape_md(account.name),
            role=t(f"role.{account.role}", lang),
        )
    )
    st.button(t("auth.sign_out", lang), icon=":material/logout:", on_click=sign_out)
