"""Accounts of the people who change data: who they are, what they may do, how they sign in.

Local accounts are the default for an office without an identity provider: each is created by
`python -m scoring user add NAME --role ROLE` (there is no built-in or default password) and
its password is kept only as an argon2id hash. Where the app signs people in through an
identity provider (OIDC), an account is made with `--sso`: it has no password and only names
the role of whoever signs in under that name.

Failed sign-ins are counted per account name in `login_attempts`: after `MAX_FAILURES` within
`LOCKOUT`, that name is refused until the window has passed, whatever the password. A session
ends after `idle_timeout()` without activity. Nothing here touches Streamlit; `shell.auth`
holds the session.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Literal, get_args

import pandas as pd
import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from scoring.choices import Lang
from scoring.i18n import t
from scoring.store import metadata

Role = Literal["admin", "verifier", "unit", "reader"]
ROLES: tuple[Role, ...] = get_args(Role)
AccountFault = Literal[
    "unknown_role",
    "bad_name",
    "short_password",
    "taken",
    "self_disable",
    "unknown",
    "no_terminal",
    "mismatch",
]
MIN_PASSWORD = 10
MAX_FAILURES = 5
LOCKOUT = timedelta(minutes=15)
IDLE_ENV = "KEPATUHAN_SESSION_IDLE_MINUTES"
DEFAULT_IDLE_MINUTES = 8 * 60

users_table = sa.Table(
    "users",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("name", sa.Text, nullable=False, unique=True),
    sa.Column("role", sa.Text, nullable=False),
    sa.Column("organisation", sa.Text),
    sa.Column("password_hash", sa.Text),  # NULL: signs in through the identity provider only
    sa.Column("active", sa.Boolean, nullable=False, default=True),
    sa.Column("created_at", sa.Text, nullable=False),
    sa.Column("created_by", sa.Text, nullable=False),
    sa.Column("changed_at", sa.Text),
    sa.Column("changed_by", sa.Text),
)

login_attempts_table = sa.Table(
    "login_attempts",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("at", sa.Text, nullable=False),  # ISO 8601, UTC
    sa.Column("ok", sa.Boolean, nullable=False),
    sa.Index("ix_login_attempts_name", "name", "id"),
)

_HASHER = PasswordHasher()
# Verified when the name is unknown, so a wrong name costs as long as a wrong password.
_DUMMY_HASH = _HASHER.hash("no account has this password")


class AccountError(ValueError):
    """A request that cannot be done (unknown role, a name taken, a short password), as a
    code and its parameters, worded by `account.<code>` in the labels."""

    def __init__(self, code: AccountFault, **params: object) -> None:
        self.code = code
        self.params = params
        super().__init__(self.message("id"))

    def message(self, lang: Lang = "id") -> str:
        return t(f"account.{self.code}", lang, **self.params)


class LoginRefused(Exception):
    """A sign-in that failed; `locked` when the name is refused for too many failures."""

    def __init__(self, locked: bool, until: datetime | None = None) -> None:
        super().__init__()
        self.locked = locked
        self.until = until


@dataclass(frozen=True)
class Account:
    name: str
    role: Role
    organisation: str | None = None

    def may(self, *roles: Role) -> bool:
        """Whether this account holds one of `roles`; an admin may do everything."""
        return self.role == "admin" or self.role in roles


def _now() -> datetime:
    return datetime.now(UTC)


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def idle_timeout() -> timedelta:
    """How long a session may sit unused (env `KEPATUHAN_SESSION_IDLE_MINUTES`, default 8 h)."""
    text = os.environ.get(IDLE_ENV, "")
    minutes = int(text) if text.strip().isdigit() and int(text) > 0 else DEFAULT_IDLE_MINUTES
    return timedelta(minutes=minutes)


def expired(last_seen: datetime, now: datetime | None = None) -> bool:
    """Whether a session last used at `last_seen` has ended."""
    return (now or _now()) - last_seen > idle_timeout()


def check_role(role: str) -> Role:
    for known in ROLES:
        if role == known:
            return known
    raise AccountError("unknown_role", role=role, roles=", ".join(ROLES))


def _clean_name(name: str) -> str:
    cleaned = name.strip()
    if not cleaned or any(ch.isspace() or not ch.isprintable() for ch in cleaned):
        raise AccountError("bad_name", name=name)
    return cleaned


def check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise AccountError("short_password", minimum=MIN_PASSWORD)


def has_users(eng: sa.Engine) -> bool:
    """Whether any account exists (False on a database without the accounts table yet)."""
    if not sa.inspect(eng).has_table(users_table.name):
        return False
    with eng.connect() as conn:
        return conn.execute(sa.select(sa.func.count()).select_from(users_table)).scalar_one() > 0


def add_user(
    eng: sa.Engine,
    name: str,
    role: str,
    password: str | None,
    *,
    organisation: str | None = None,
    by: str,
) -> Account:
    """Create an account; `password=None` makes one that signs in through the provider only."""
    name = _clean_name(name)
    checked_role = check_role(role)
    if password is not None:
        check_password(password)
    org = (organisation or "").strip() or None
    with eng.begin() as conn:
        taken = conn.execute(sa.select(users_table.c.id).where(users_table.c.name == name))
        if taken.first() is not None:
            raise AccountError("taken", name=name)
        conn.execute(
            sa.insert(users_table).values(
                name=name,
                role=checked_role,
                organisation=org,
                password_hash=None if password is None else _HASHER.hash(password),
                active=True,
                created_at=_stamp(_now()),
                created_by=by,
            )
        )
    return Account(name, checked_role, org)


def _row(conn: sa.Connection, name: str) -> sa.Row | None:
    query = sa.select(users_table).where(users_table.c.name == name)
    return conn.execute(query).first()


def _account(row: sa.Row) -> Account:
    return Account(row.name, check_role(row.role), row.organisation)


def active_account(eng: sa.Engine, name: str) -> Account | None:
    """The account of `name` as it is now, or None if it is gone or disabled."""
    if not sa.inspect(eng).has_table(users_table.name):
        return None
    with eng.connect() as conn:
        row = _row(conn, name)
    return _account(row) if row is not None and row.active else None


def _locked_until(conn: sa.Connection, name: str, now: datetime) -> datetime | None:
    """The end of the lock on `name`: the last MAX_FAILURES tries failed within one LOCKOUT
    window, and the lock lasts LOCKOUT from the last of them (tries while locked are not
    counted, so a lock ends whatever a guesser keeps sending)."""
    recent = conn.execute(
        sa.select(login_attempts_table.c.at, login_attempts_table.c.ok)
        .where(login_attempts_table.c.name == name)
        .order_by(login_attempts_table.c.id.desc())
        .limit(MAX_FAILURES)
    ).all()
    if len(recent) < MAX_FAILURES or any(ok for _, ok in recent):
        return None
    last, first = (datetime.fromisoformat(recent[i].at) for i in (0, -1))
    if last - first > LOCKOUT:
        return None
    until = last + LOCKOUT
    return until if now < until else None


def authenticate(
    eng: sa.Engine, name: str, password: str, *, now: datetime | None = None
) -> Account:
    """The account if `password` is right and the name is not locked; every try is logged."""
    moment = now or _now()
    name = name.strip()
    with eng.begin() as conn:
        until = _locked_until(conn, name, moment)
        if until is not None:
            raise LoginRefused(locked=True, until=until)
        row = _row(conn, name)
        stored = row.password_hash if row is not None and row.active else None
        try:
            ok = _HASHER.verify(stored or _DUMMY_HASH, password) and stored is not None
        except (VerificationError, InvalidHashError):
            ok = False
        conn.execute(sa.insert(login_attempts_table).values(name=name, at=_stamp(moment), ok=ok))
        if ok and row is not None and _HASHER.check_needs_rehash(stored or ""):
            conn.execute(
                sa.update(users_table)
                .where(users_table.c.id == row.id)
                .values(password_hash=_HASHER.hash(password))
            )
    if not ok or row is None:
        raise LoginRefused(locked=False)
    return _account(row)


def set_active(eng: sa.Engine, name: str, active: bool, *, by: str) -> None:
    """Disable (or enable again) an account; its sessions end at their next page view."""
    if name == by and not active:
        raise AccountError("self_disable")
    with eng.begin() as conn:
        done = conn.execute(
            sa.update(users_table)
            .where(users_table.c.name == name)
            .values(active=active, changed_at=_stamp(_now()), changed_by=by)
        )
    if done.rowcount != 1:
        raise AccountError("unknown", name=name)


def list_users(eng: sa.Engine) -> pd.DataFrame:
    """Every account (never the hash): name, role, organisation, sign-in kind, state, when."""
    columns = [c for c in users_table.c if c.name not in ("id", "password_hash")]
    query = sa.select(
        *columns, users_table.c.password_hash.is_not(None).label("password")
    ).order_by(users_table.c.name)
    with eng.connect() as conn:
        return pd.read_sql(query, conn)
