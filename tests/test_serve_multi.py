"""scripts/serve-multi: N app processes behind Debian's nginx, sticky per browser, one database.

Starts the script once for the module (two processes on the fixture database) and talks to it
over HTTP and Streamlit's websocket, as a browser does. Needs Debian's nginx
(`scripts/install-system-deps test` installs it); without it the tests fail and say so.
"""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import psutil
import pytest
import sqlalchemy as sa
from fixtures import ROOT, build_fixture_database, requires_geo
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import connect

from views import geo

SCRIPT = ROOT / "scripts" / "serve-multi"
NGINX = Path("/usr/sbin/nginx")
PROCESSES = 2
START_SECONDS = 120


def free_ports(count: int) -> int:
    """A port whose next `count - 1` ports are free too (nginx, then one per app)."""
    for _ in range(50):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            first = probe.getsockname()[1]
        if first + count < 65535 and all(_free(first + n) for n in range(count)):
            return first
    raise RuntimeError("no run of free ports")


def _free(port: int) -> bool:
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def get(url: str, cookie: str = "") -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    with urllib.request.urlopen(request, timeout=30) as answer:
        return answer.status, dict(answer.headers.items()), answer.read()


def node_cookie(headers: dict[str, str]) -> str:
    return headers["Set-Cookie"].split(";", 1)[0]


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """The script running on a fresh fixture database; yields (base URL, its process). At the
    end, SIGTERM must stop it and every process it started, or the module errors."""
    assert NGINX.is_file(), f"{NGINX} missing: run scripts/install-system-deps test (as root)"
    database = tmp_path_factory.mktemp("multi") / "kepatuhan.sqlite"
    engine = sa.create_engine(f"sqlite:///{database}")
    build_fixture_database(engine)
    engine.dispose()
    port = free_ports(PROCESSES + 1)
    env = dict(os.environ, KEPATUHAN_DATABASE_URL=f"sqlite:///{database}")
    log = tmp_path_factory.mktemp("multi-log") / "serve-multi.log"
    command = [str(SCRIPT), "--processes", str(PROCESSES), "--port", str(port)]
    with log.open("wb") as out:
        process = subprocess.Popen(
            [*command, "--address", "127.0.0.1"],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    started: list[psutil.Process] = []
    try:
        deadline = time.monotonic() + START_SECONDS
        while True:
            assert process.poll() is None, log.read_text()
            try:
                if get(f"{base}/_stcore/health")[2] == b"ok":
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, log.read_text()
            time.sleep(0.5)
        started = children(process)
        yield base, process
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            status = process.wait(timeout=30)
            _, alive = psutil.wait_procs(started, timeout=10)
            assert status == 0 and alive == [], (status, alive, log.read_text()[-2000:])


def children(process: subprocess.Popen) -> list[psutil.Process]:
    return psutil.Process(process.pid).children(recursive=True)


def test_starts_the_app_processes_and_nginx(served):
    _, process = served
    commands = [" ".join(child.cmdline()) for child in children(process)]
    apps = [c for c in commands if "streamlit run app.py" in c]
    assert len(apps) == PROCESSES, commands
    assert any(c.startswith("nginx: master process") for c in commands), commands


def test_a_browser_stays_on_one_process_and_browsers_spread(served):
    base, _ = served
    status, headers, body = get(f"{base}/")
    assert status == 200 and b"<html" in body.lower()
    cookie = node_cookie(headers)
    pinned = {get(f"{base}/", cookie)[1]["X-Kepatuhan-Upstream"] for _ in range(8)}
    assert len(pinned) == 1
    fresh = {get(f"{base}/")[1]["X-Kepatuhan-Upstream"] for _ in range(30)}
    assert len(fresh) == PROCESSES  # new browsers land on every process


async def run_page(base: str, cookie: str, page: str, query: str) -> list[ForwardMsg]:
    """One script run over the websocket, through nginx, as the browser asks for it."""
    messages = []
    async with connect(
        base.replace("http://", "ws://") + "/_stcore/stream",
        subprotocols=["streamlit"],  # type: ignore[list-item]
        additional_headers={"Cookie": cookie},
        max_size=None,
    ) as ws:
        msg = BackMsg()
        msg.rerun_script.query_string = query
        msg.rerun_script.page_name = page
        await ws.send(msg.SerializeToString())
        while True:
            fwd = ForwardMsg()
            fwd.ParseFromString(await asyncio.wait_for(ws.recv(), 120))
            messages.append(fwd)
            # A page may rerun itself once (e.g. to tidy its URL) before it finishes.
            if fwd.WhichOneof("type") == "script_finished" and fwd.script_finished in (
                ForwardMsg.FINISHED_SUCCESSFULLY,
                ForwardMsg.FINISHED_WITH_COMPILE_ERROR,
            ):
                return messages


def test_a_page_runs_through_the_proxy(served):
    base, _ = served
    cookie = node_cookie(get(f"{base}/")[1])
    messages = asyncio.run(run_page(base, cookie, "peringkat", "year=2023"))
    assert messages[-1].script_finished == ForwardMsg.FINISHED_SUCCESSFULLY
    elements = [m.delta.new_element for m in messages if m.WhichOneof("type") == "delta"]
    kinds = [e.WhichOneof("type") for e in elements]
    assert "exception" not in kinds, [e.exception.message for e in elements if e.exception]
    assert "heading" in kinds


@requires_geo(geo.KABKOTA_FILE)
def test_map_shapes_are_kept_by_the_browser(served):
    base, _ = served
    cookie = node_cookie(get(f"{base}/")[1])
    messages = asyncio.run(run_page(base, cookie, "peta", "year=2023"))
    assert messages[-1].script_finished == ForwardMsg.FINISHED_SUCCESSFULLY
    name = geo.shapes_file(geo.load_boundaries())
    status, headers, body = get(f"{base}/component/shell.map_fragment.shapes/{name}", cookie)
    assert status == 200 and body.startswith(b'{"type":"Topology"')
    assert "immutable" in headers["Cache-Control"]
