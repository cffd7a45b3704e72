"""`python -m scoring user ...`: create, list, disable and enable the accounts of the app.

There is no default account and no default password: the first admin is made here, on the
server, e.g. `python -m scoring user add budi --role admin --organisation "Ombudsman RI"`.
The password is asked twice on a terminal, or read from the first line of standard input with
`--password-stdin` (for scripts). `--sso` makes an account for the identity provider: no
password, it names the role of whoever signs in under that name.

Exit codes as the rest of the command line: 0 ok, 2 usage errors (a name taken, a short
password, an unknown account).
"""

from __future__ import annotations

import argparse
import getpass
import sys

from scoring import accounts, store

EXIT_OK, EXIT_USAGE = 0, 2


def add_parser(commands: argparse._SubParsersAction) -> None:
    """Register `user` and its subcommands on the main parser's subcommands."""
    user = commands.add_parser("user", help="accounts of the app (add, list, disable, enable)")
    actions = user.add_subparsers(dest="action", required=True)
    add = actions.add_parser("add", help="create an account")
    add.add_argument("name")
    add.add_argument("--role", required=True, choices=accounts.ROLES)
    add.add_argument("--organisation", help="e.g. the province's Biro Organisasi")
    secret = add.add_mutually_exclusive_group()
    secret.add_argument(
        "--password-stdin", action="store_true", help="read the password from stdin"
    )
    secret.add_argument("--sso", action="store_true", help="signs in via the identity provider")
    actions.add_parser("list", help="every account (never the password)")
    for action in ("disable", "enable"):
        switch = actions.add_parser(action, help=f"{action} an account")
        switch.add_argument("name")


def _operator() -> str:
    """Who made a change from the command line, for the log."""
    return f"cli:{getpass.getuser()}"


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    if not sys.stdin.isatty():
        raise accounts.AccountError("no_terminal")
    first = getpass.getpass("Kata sandi: ")
    if getpass.getpass("Ulangi kata sandi: ") != first:
        raise accounts.AccountError("mismatch")
    return first


def cmd_user(args: argparse.Namespace) -> int:
    engine = store.engine()
    store.create_schema(engine)
    try:
        if args.action == "add":
            password = None if args.sso else _password(args.password_stdin)
            made = accounts.add_user(
                engine,
                args.name,
                args.role,
                password,
                organisation=args.organisation,
                by=_operator(),
            )
            print(f"akun {made.name} ({made.role}) dibuat di {store.database_url()}")
        elif args.action == "list":
            accounts.list_users(engine).to_csv(sys.stdout, index=False, lineterminator="\n")
        else:
            accounts.set_active(engine, args.name, args.action == "enable", by=_operator())
            print(f"akun {args.name}: {'aktif' if args.action == 'enable' else 'nonaktif'}")
    except accounts.AccountError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_OK
