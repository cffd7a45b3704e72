"""A throwaway PostgreSQL server for the tests, started from Debian's `postgresql` binaries.

`running_server()` makes a cluster in a fresh temp dir (initdb), starts `postgres` on it with the
unix socket in that dir and no TCP listener (so it cannot clash with any other server on the
machine, whatever its port), waits until it accepts connections, and on exit stops it and removes
the dir. PostgreSQL refuses to run as root, so as root the server runs as the `postgres` user the
Debian package creates (or `nobody` where there is none), through util-linux's `setpriv`. The
server gets SIGINT (a fast shutdown) when the process that started it dies, so a killed test run
leaves no server behind.
"""

from __future__ import annotations

import os
import pwd
import re
import shutil
import signal
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import psycopg
from psycopg import sql

DEBIAN_BINARIES = Path("/usr/lib/postgresql")
SUPERUSER = "kepatuhan"
PORT = 5432  # names the socket file only: the server listens on no TCP port
START_TIMEOUT = 60.0
STOP_TIMEOUT = 30.0
PREFIX = "kepatuhan-pg-"  # of the temp dirs
STALE_AFTER = 600.0  # seconds: a dir without a live server this old was left by a killed run
# Durability off and small buffers: a test server is thrown away, and 2 cores are shared.
SETTINGS = {
    "listen_addresses": "",
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
    "shared_buffers": "16MB",
    "max_connections": "40",
}


class PostgresUnavailable(RuntimeError):
    """The test server could not be started; the message says why and what to do."""


@dataclass(frozen=True)
class PostgresServer:
    socket_dir: Path

    def url(self, database: str = "postgres") -> str:
        """A SQLAlchemy URL for one database of the server, through psycopg (v3)."""
        return f"postgresql+psycopg://{SUPERUSER}@/{database}?host={self.socket_dir}&port={PORT}"

    def connect(self, database: str = "postgres") -> psycopg.Connection:
        """A plain psycopg connection in autocommit, for CREATE/DROP DATABASE."""
        return psycopg.connect(
            host=str(self.socket_dir),
            port=PORT,
            user=SUPERUSER,
            dbname=database,
            autocommit=True,
        )


def binaries() -> Path:
    """The newest Debian PostgreSQL's bin folder, else the folder of an `initdb` on PATH."""

    def version(folder: Path) -> tuple[int, ...]:
        return tuple(int(part) for part in re.findall(r"\d+", folder.parent.name))

    found = sorted(DEBIAN_BINARIES.glob("*/bin/initdb"), key=lambda p: version(p.parent))
    if found:
        return found[-1].parent
    on_path = shutil.which("initdb")
    if on_path:
        return Path(on_path).parent
    raise PostgresUnavailable(
        f"no PostgreSQL server binaries (no {DEBIAN_BINARIES}/*/bin/initdb, no initdb on PATH): "
        "install Debian's postgresql (`scripts/install-system-deps test` does, as root)"
    )


def _runner(owner: pwd.struct_passwd | None) -> list[str]:
    """The command prefix that runs a server program: as `owner` when given (we are root), and
    with SIGINT for the server when its parent dies."""
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        raise PostgresUnavailable("no `setpriv` on PATH (Debian's util-linux provides it)")
    prefix = [setpriv]
    if owner is not None:
        prefix += [f"--reuid={owner.pw_uid}", f"--regid={owner.pw_gid}", "--clear-groups"]
    return [*prefix, "--pdeathsig=INT", "--"]


def _server_user() -> pwd.struct_passwd | None:
    """The unprivileged account to run the server as when we are root (None when we are not)."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            return pwd.getpwnam(name)
        except KeyError:
            continue
    raise PostgresUnavailable("running as root, and there is no `postgres` or `nobody` user")


def _tail(log: Path, lines: int = 15) -> str:
    text = log.read_text(errors="replace") if log.exists() else ""
    return " | ".join(text.strip().splitlines()[-lines:])


def _wait_ready(server: PostgresServer, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while True:
        if process.poll() is not None:
            raise PostgresUnavailable(
                f"postgres exited with code {process.returncode} on start: {_tail(log)}"
            )
        try:
            server.connect().close()
            return
        except psycopg.OperationalError as error:
            if time.monotonic() > deadline:
                raise PostgresUnavailable(
                    f"postgres did not accept connections within {START_TIMEOUT:.0f} s "
                    f"({error}): {_tail(log)}"
                ) from error
            time.sleep(0.1)


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Fast shutdown (SIGINT); SIGKILL if it takes longer than STOP_TIMEOUT."""
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGINT)
    try:
        process.wait(STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _remove_stale(older_than: float = STALE_AFTER) -> None:
    """Remove the folders of servers whose test process was killed (their server died with it,
    the folder stayed): no live postmaster, and made more than `older_than` seconds ago (so a
    folder another test process is just setting up is left alone)."""
    for base in Path(tempfile.gettempdir()).glob(f"{PREFIX}*"):
        pid = postmaster_pid(base)
        if (pid is None or not is_running(pid)) and time.time() - base.stat().st_mtime > older_than:
            shutil.rmtree(base, ignore_errors=True)


def postmaster_pid(base: Path) -> int | None:
    """The process id of the server in `base`, from its postmaster.pid (None: none written)."""
    try:
        return int((base / "data" / "postmaster.pid").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return None


def is_running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except PermissionError:  # someone else's process
        return True
    except ProcessLookupError:
        return False
    return True


@contextmanager
def running_server() -> Iterator[PostgresServer]:
    """Start a new server in a temp dir; stop it and remove the dir on exit."""
    bin_dir = binaries()
    owner = _server_user()
    run = _runner(owner)
    _remove_stale()
    base = Path(tempfile.mkdtemp(prefix=PREFIX))
    try:
        if owner is not None:
            os.chown(base, owner.pw_uid, owner.pw_gid)
        data, log = base / "data", base / "server.log"
        initdb = subprocess.run(
            [
                *run,
                str(bin_dir / "initdb"),
                f"--pgdata={data}",
                f"--username={SUPERUSER}",
                "--auth=trust",
                "--encoding=UTF8",
                "--no-locale",
                "--no-sync",
                "--no-instructions",
            ],
            capture_output=True,
            text=True,
            cwd=base,
            check=False,
        )
        if initdb.returncode != 0:
            raise PostgresUnavailable(
                f"initdb failed (code {initdb.returncode}): {initdb.stderr.strip()}"
            )
        settings = [f"--{key.replace('_', '-')}={value}" for key, value in SETTINGS.items()]
        with log.open("wb") as log_file:
            process = subprocess.Popen(
                [
                    *run,
                    str(bin_dir / "postgres"),
                    "-D",
                    str(data),
                    "-k",
                    str(base),
                    "-p",
                    str(PORT),
                    *settings,
                ],
                stdout=log_file,
                stderr=subprocess.STDOUT,
                cwd=base,
            )
        server = PostgresServer(socket_dir=base)
        try:
            _wait_ready(server, process, log)
            yield server
        finally:
            _stop(process)
    finally:
        shutil.rmtree(base, ignore_errors=True)


@contextmanager
def fresh_database(server: PostgresServer) -> Iterator[str]:
    """A new empty database on the server, dropped on exit (its connections closed by force)."""
    name = f"test_{uuid.uuid4().hex}"
    with server.connect() as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield server.url(name)
    finally:
        with server.connect() as conn:
            conn.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))
