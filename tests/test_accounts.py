"""Accounts: argon2 hashes, wrong passwords, the failed-login lock, session expiry, roles, and
the `user` command (no default password; the password from stdin)."""

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from scoring import accounts, cli, store
from scoring.accounts import Account, AccountError, LoginRefused

PASSWORD = "kata-sandi-panjang"
T0 = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)


@pytest.fixture
def engine(engine_any):
    """A new database with the schema, on SQLite and then on PostgreSQL."""
    store.create_schema(engine_any)
    return engine_any


def test_password_is_kept_only_as_an_argon2id_hash(engine):
    accounts.add_user(engine, "budi", "admin", PASSWORD, organisation="Ombudsman RI", by="t")
    with engine.connect() as conn:
        stored = conn.execute(sa.select(accounts.users_table.c.password_hash)).scalar_one()
    assert stored.startswith("$argon2id$")
    assert PASSWORD not in stored
    assert "password_hash" not in accounts.list_users(engine).columns


def test_right_password_signs_in_with_role_and_organisation(engine):
    accounts.add_user(engine, "budi", "verifier", PASSWORD, organisation="Biro Org", by="t")
    assert accounts.authenticate(engine, "budi", PASSWORD) == Account(
        "budi", "verifier", "Biro Org"
    )


@pytest.mark.parametrize(
    ("name", "password"),
    [("budi", PASSWORD + "x"), ("budi", ""), ("nobody", PASSWORD), ("BUDI", PASSWORD)],
)
def test_wrong_password_or_unknown_name_is_refused_the_same_way(engine, name, password):
    accounts.add_user(engine, "budi", "admin", PASSWORD, by="t")
    with pytest.raises(LoginRefused) as refused:
        accounts.authenticate(engine, name, password)
    assert refused.value.locked is False


def test_disabled_account_and_sso_account_cannot_sign_in_with_a_password(engine):
    accounts.add_user(engine, "budi", "admin", PASSWORD, by="t")
    accounts.add_user(engine, "sso@ombudsman.go.id", "reader", None, by="t")
    accounts.set_active(engine, "budi", False, by="admin2")
    for name, password in (("budi", PASSWORD), ("sso@ombudsman.go.id", "")):
        with pytest.raises(LoginRefused):
            accounts.authenticate(engine, name, password)
    assert accounts.active_account(engine, "budi") is None
    assert accounts.active_account(engine, "sso@ombudsman.go.id") == Account(
        "sso@ombudsman.go.id", "reader"
    )


def test_five_failures_lock_the_name_for_fifteen_minutes_even_with_the_right_password(engine):
    accounts.add_user(engine, "budi", "admin", PASSWORD, by="t")
    for minute in range(accounts.MAX_FAILURES):
        with pytest.raises(LoginRefused) as refused:
            accounts.authenticate(engine, "budi", "salah", now=T0 + timedelta(minutes=minute))
        assert not refused.value.locked
    last = T0 + timedelta(minutes=accounts.MAX_FAILURES - 1)
    with pytest.raises(LoginRefused) as refused:
        accounts.authenticate(engine, "budi", PASSWORD, now=last + timedelta(minutes=14))
    assert refused.value.locked
    assert refused.value.until == last + accounts.LOCKOUT
    signed_in = accounts.authenticate(engine, "budi", PASSWORD, now=last + timedelta(minutes=16))
    assert signed_in.name == "budi"


def test_failures_spread_over_more_than_the_window_do_not_lock(engine):
    accounts.add_user(engine, "budi", "admin", PASSWORD, by="t")
    for step in range(accounts.MAX_FAILURES):
        with pytest.raises(LoginRefused):
            accounts.authenticate(engine, "budi", "salah", now=T0 + timedelta(minutes=4 * step))
    later = T0 + timedelta(minutes=4 * accounts.MAX_FAILURES)
    assert accounts.authenticate(engine, "budi", PASSWORD, now=later).name == "budi"


def test_a_success_resets_the_count_and_every_try_is_logged(engine):
    accounts.add_user(engine, "budi", "admin", PASSWORD, by="t")
    tries = ["salah"] * (accounts.MAX_FAILURES - 1) + [PASSWORD] + ["salah"]
    for i, password in enumerate(tries):
        try:
            accounts.authenticate(engine, "budi", password, now=T0 + timedelta(seconds=i))
        except LoginRefused as refused:
            assert not refused.locked
    with engine.connect() as conn:
        logged = conn.execute(sa.select(accounts.login_attempts_table.c.ok)).scalars().all()
    assert logged == [password == PASSWORD for password in tries]


def test_session_expires_after_the_idle_timeout(monkeypatch):
    assert accounts.idle_timeout() == timedelta(hours=8)
    assert not accounts.expired(T0, now=T0 + timedelta(hours=7, minutes=59))
    assert accounts.expired(T0, now=T0 + timedelta(hours=8, seconds=1))
    monkeypatch.setenv(accounts.IDLE_ENV, "30")
    assert accounts.expired(T0, now=T0 + timedelta(minutes=31))
    monkeypatch.setenv(accounts.IDLE_ENV, "nonsense")
    assert accounts.idle_timeout() == timedelta(hours=8)


def test_roles_an_admin_holds_every_role_the_others_only_their_own():
    assert Account("a", "admin").may("verifier")
    assert Account("v", "verifier").may("verifier", "unit")
    assert not Account("r", "reader").may("admin")
    assert not Account("u", "unit").may("verifier")


@pytest.mark.parametrize(
    ("name", "role", "password", "message"),
    [
        ("budi", "admin", "pendek", "minimal"),
        ("budi", "superuser", PASSWORD, "peran"),
        ("", "admin", PASSWORD, "kosong"),
        ("budi santoso", "admin", PASSWORD, "spasi"),
    ],
)
def test_bad_accounts_are_refused_with_a_reason(engine, name, role, password, message):
    with pytest.raises(AccountError, match=message):
        accounts.add_user(engine, name, role, password, by="t")
    assert not accounts.has_users(engine)


def test_a_name_is_taken_once_and_one_cannot_disable_oneself(engine):
    accounts.add_user(engine, "budi", "admin", PASSWORD, by="t")
    with pytest.raises(AccountError, match="sudah ada"):
        accounts.add_user(engine, "budi", "reader", PASSWORD, by="t")
    with pytest.raises(AccountError, match="sendiri"):
        accounts.set_active(engine, "budi", False, by="budi")
    with pytest.raises(AccountError, match="tidak ada"):
        accounts.set_active(engine, "ani", False, by="budi")


def test_has_users_on_a_database_without_the_accounts_table(tmp_path):
    bare = sa.create_engine(f"sqlite:///{tmp_path / 'bare.sqlite'}")
    assert not accounts.has_users(bare)
    assert accounts.active_account(bare, "budi") is None


def test_cli_user_add_reads_the_password_from_stdin_and_names_who_made_it(
    tmp_path, monkeypatch, capsys
):
    url = f"sqlite:///{tmp_path / 'cli.sqlite'}"
    monkeypatch.setenv("KEPATUHAN_DATABASE_URL", url)
    monkeypatch.setattr("sys.stdin", _Stdin(PASSWORD + "\n"))
    argv = ["user", "add", "budi", "--role", "admin", "--organisation", "Ombudsman RI"]
    assert cli.main([*argv, "--password-stdin"]) == 0
    engine = store.engine(url)
    assert accounts.authenticate(engine, "budi", PASSWORD).organisation == "Ombudsman RI"
    assert accounts.list_users(engine)["created_by"].str.startswith("cli:").all()
    monkeypatch.setattr("sys.stdin", _Stdin("pendek\n"))
    assert cli.main(["user", "add", "ani", "--role", "reader", "--password-stdin"]) == 2
    assert "minimal" in capsys.readouterr().err


def test_cli_without_a_terminal_or_stdin_flag_sets_no_password(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("KEPATUHAN_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.sqlite'}")
    monkeypatch.setattr("sys.stdin", _Stdin(""))
    assert cli.main(["user", "add", "budi", "--role", "admin"]) == 2
    assert "--password-stdin" in capsys.readouterr().err
    assert not accounts.has_users(store.engine(f"sqlite:///{tmp_path / 'cli.sqlite'}"))


def test_cli_disables_and_lists_accounts(tmp_path, monkeypatch, capsys):
    url = f"sqlite:///{tmp_path / 'cli.sqlite'}"
    monkeypatch.setenv("KEPATUHAN_DATABASE_URL", url)
    assert cli.main(["user", "add", "sso@ombudsman.go.id", "--role", "reader", "--sso"]) == 0
    assert cli.main(["user", "disable", "sso@ombudsman.go.id"]) == 0
    capsys.readouterr()
    assert cli.main(["user", "list"]) == 0
    listed = capsys.readouterr().out
    assert "sso@ombudsman.go.id,reader" in listed and "False" in listed
    assert accounts.active_account(store.engine(url), "sso@ombudsman.go.id") is None


class _Stdin:
    """Standard input that is not a terminal and holds `text`."""

    def __init__(self, text: str) -> None:
        self._lines = iter(text.splitlines(keepends=True))

    def readline(self) -> str:
        return next(self._lines, "")

    def isatty(self) -> bool:
        return False
