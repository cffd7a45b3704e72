"""The tests' throwaway PostgreSQL server: it runs unprivileged, and leaves no process and no
folder behind, whether it is stopped or the process that started it is killed."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from pg_server import PREFIX, _remove_stale, is_running, postmaster_pid, running_server


def postmaster(socket_dir: Path) -> int:
    pid = postmaster_pid(socket_dir)
    assert pid is not None, f"no postmaster.pid in {socket_dir}"
    return pid


def gone_within(pid: int, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while is_running(pid):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


def uid_of(pid: int) -> int:
    status = Path(f"/proc/{pid}/status").read_text()
    line = next(line for line in status.splitlines() if line.startswith("Uid:"))
    return int(line.split()[1])


@pytest.fixture
def available(postgres_server):
    """These tests start servers of their own: they fail or skip as `postgres_server` does."""
    return postgres_server


def test_it_runs_unprivileged_and_leaves_nothing_when_stopped(available):
    with running_server() as server:
        pid = postmaster(server.socket_dir)
        assert is_running(pid)
        assert uid_of(pid) != 0  # PostgreSQL refuses root; as root it runs as `postgres`
        if os.geteuid() != 0:
            assert uid_of(pid) == os.geteuid()
        with server.connect() as conn:
            assert conn.execute("SELECT 1").fetchone() == (1,)
    assert gone_within(pid, 10)
    assert not server.socket_dir.exists()


def test_a_killed_test_process_takes_its_server_with_it(available):
    script = (
        "import sys, time\n"
        "from pg_server import PREFIX, _remove_stale, is_running, postmaster_pid, running_server\n"
        "with running_server() as server:\n"
        "    print(server.socket_dir, flush=True)\n"
        "    time.sleep(120)\n"
    )
    child = subprocess.Popen(
        [sys.executable, "-c", script],
        cwd=Path(__file__).parent,
        stdout=subprocess.PIPE,
        text=True,
    )
    printed = child.stdout.readline().strip()
    if not Path(printed).name.startswith(PREFIX):
        child.kill()
        pytest.fail(f"the child printed {printed!r}, not its server's folder")
    socket_dir = Path(printed)
    try:
        pid = postmaster(socket_dir)
        assert is_running(pid)
        child.send_signal(signal.SIGKILL)  # no clean-up code runs in the child
        child.wait(10)
        assert gone_within(pid, 20)
    finally:
        child.kill()
        child.wait()
        child.stdout.close()
        shutil.rmtree(socket_dir, ignore_errors=True)  # only the stop would have removed it


def test_folders_left_by_killed_runs_are_removed_and_live_ones_kept(available):
    stale = Path(tempfile.mkdtemp(prefix=PREFIX))
    fresh = Path(tempfile.mkdtemp(prefix=PREFIX))
    old = time.time() - 3600
    os.utime(stale, (old, old))
    try:
        with running_server() as server:
            os.utime(server.socket_dir, (old, old))
            _remove_stale()
            assert server.socket_dir.exists()  # its server runs
            assert fresh.exists()  # another test process may be setting it up
            assert not stale.exists()
    finally:
        shutil.rmtree(fresh, ignore_errors=True)
        shutil.rmtree(stale, ignore_errors=True)
