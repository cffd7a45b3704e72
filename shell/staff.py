"""How every staff page begins: the shared set-up, the account check, the title, the database.

A staff page is reached only through the navigation of a signed-in session (shell.registry);
it checks the account again here itself, so a page served by mistake still refuses.
"""

from __future__ import annotations

import sqlalchemy as sa
import streamlit as st

from scoring import store
from scoring.accounts import Account, Role
from shell import auth, page
from views.context import ViewContext


def begin(page_key: str, *roles: Role) -> tuple[ViewContext, Account]:
    """Set up the page, stop it unless the account holds one of `roles`, show its title."""
    ctx = page.setup()
    account = auth.require(*roles, lang=ctx.lang)
    st.title(ctx.t(f"page.{page_key}"))
    return ctx, account


def database() -> sa.Engine:
    """The database the app reads, for the staff pages' writes."""
    return store.engine(store.database_url())
