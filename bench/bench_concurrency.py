"""How many viewers arriving at once the app serves: first visits driven over the websocket.

Each simulated viewer does what a browser's first visit does at the protocol level, without a
browser (whose own cost is not the server's): it fetches the page's HTML (which also gives it
the proxy's session cookie), opens /_stcore/stream, sends one `rerun_script` BackMsg with the
page and its query string, and reads ForwardMsgs until `script_finished`. For 5, 10, 20 and 40
viewers at once, on Ringkasan, Peta and a profile, it prints: p50/p95 seconds to a finished
script run, server CPU seconds per view (psutil, summed over the app processes), bytes per view
(every ForwardMsg, uncompressed: the websocket is not compressed), and peak RSS of the app
processes. Then, on Peta, what one more run sends and costs once the page is shown: a change
of colouring and a plain rerun, each with the hashes of the messages the client already holds,
as a browser sends them (Streamlit then sends a reference instead of an unchanged element).

Set-ups, all measured in this one run, side by side: every app folder given (`--app NAME=DIR`,
e.g. a checkout of an older commit as "before"), each as one `streamlit run` and as
`scripts/serve-multi` (N processes behind nginx with sticky sessions). The set-ups of one
folder share one database, built afresh from the bundled data by that folder's own code.
The servers are warmed first (a few visits per page and process), so the figures are those
of a running server, not of its start. Prints figures only; nothing is asserted.

Run: .venv/bin/python bench/bench_concurrency.py --app before=/tmp/before --app after=.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import psutil
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import connect

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scoring import regions

ROOT = Path(__file__).resolve().parent.parent
SERVE_MULTI = ROOT / "scripts" / "serve-multi"
PAGES = {
    "Ringkasan": ("ringkasan", "year=2023"),
    "Peta": ("peta", "year=2023"),
    "Profil": ("profil", "year=2023&region=73.71&province=73"),
}
CLIENTS = (5, 10, 20, 40)
TIMEOUT = 300.0
START_SECONDS = 180
STREAMLIT_FLAGS = (
    "--server.headless",
    "true",
    "--server.fileWatcherType",
    "none",
    "--browser.gatherUsageStats",
    "false",
)


@dataclass
class Visit:
    """What one viewer saw: seconds to script_finished, bytes received, exceptions shown."""

    seconds: float
    bytes: int
    exceptions: list[str] = field(default_factory=list)


@dataclass
class Client:
    """One viewer's websocket, with the hashes of the cacheable messages it holds."""

    base: str
    cookie: str = ""
    cached: set[str] = field(default_factory=set)

    async def open_page(self) -> None:
        """The HTML GET a browser makes first; keeps the proxy's cookie if one is set."""

        def get() -> str:
            with urllib.request.urlopen(f"{self.base}/", timeout=TIMEOUT) as answer:
                answer.read()
                cookies = answer.headers.get_all("Set-Cookie") or []
            return "; ".join(c.split(";", 1)[0] for c in cookies)

        self.cookie = await asyncio.to_thread(get)

    async def run(self, ws, page: str, query: str) -> Visit:
        """Ask for one script run of `page` and read until it finishes."""
        msg = BackMsg()
        msg.rerun_script.query_string = query
        msg.rerun_script.page_name = page
        msg.rerun_script.cached_message_hashes.extend(sorted(self.cached))
        start = time.perf_counter()
        await ws.send(msg.SerializeToString())
        received, exceptions = 0, []
        while True:
            raw = await asyncio.wait_for(ws.recv(), TIMEOUT)
            received += len(raw)
            fwd = ForwardMsg()
            fwd.ParseFromString(raw)
            if fwd.metadata.cacheable and fwd.hash:
                self.cached.add(fwd.hash)
            kind = fwd.WhichOneof("type")
            if kind == "delta" and fwd.delta.new_element.WhichOneof("type") == "exception":
                exceptions.append(fwd.delta.new_element.exception.message)
            if kind == "script_finished" and fwd.script_finished in (
                ForwardMsg.FINISHED_SUCCESSFULLY,
                ForwardMsg.FINISHED_WITH_COMPILE_ERROR,
            ):
                return Visit(time.perf_counter() - start, received, exceptions)

    def connect(self):
        ws_base = self.base.replace("http://", "ws://", 1)
        headers = {"Cookie": self.cookie} if self.cookie else {}
        return connect(
            f"{ws_base}/_stcore/stream",
            subprotocols=["streamlit"],  # type: ignore[list-item]
            additional_headers=headers,
            compression=None,
            max_size=None,
            open_timeout=TIMEOUT,
            ping_interval=None,
        )


async def first_visit(base: str, page: str, query: str) -> Visit:
    client = Client(base)
    await client.open_page()
    start = time.perf_counter()
    async with client.connect() as ws:
        visit = await client.run(ws, page, query)
    visit.seconds = time.perf_counter() - start  # the connection is part of the wait
    return visit


async def visits_at_once(base: str, page: str, query: str, count: int) -> list[Visit]:
    return list(await asyncio.gather(*(first_visit(base, page, query) for _ in range(count))))


async def map_reruns(base: str) -> dict[str, Visit]:
    """Peta shown, then the colouring changed, then a plain rerun: bytes and seconds of each."""
    page, query = PAGES["Peta"]
    client = Client(base)
    await client.open_page()
    async with client.connect() as ws:
        first = await client.run(ws, page, query)
        recolour = await client.run(ws, page, f"{query}&color_by=score")
        same = await client.run(ws, page, f"{query}&color_by=score")
    return {"first view": first, "colouring changed": recolour, "same view again": same}


# --- servers ---------------------------------------------------------------------------


class Sampler:
    """CPU seconds and peak RSS (sum over the app processes), sampled every 50 ms."""

    def __init__(self, pids: list[int]) -> None:
        self.processes = [psutil.Process(pid) for pid in pids]
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)
        self._thread.start()

    def _watch(self) -> None:
        while not self._stop.wait(0.05):
            self.peak = max(self.peak, self.rss())

    def rss(self) -> int:
        return sum(p.memory_info().rss for p in self.processes)

    def cpu(self) -> float:
        return sum(sum(p.cpu_times()[:2]) for p in self.processes)

    def close(self) -> None:
        self._stop.set()
        self._thread.join()


def _wait_healthy(base: str, processes: list[subprocess.Popen], log: Path) -> None:
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if any(p.poll() is not None for p in processes):
            raise RuntimeError(f"server exited:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.25)
    raise RuntimeError(f"no answer from {base} within {START_SECONDS} s:\n{log.read_text()}")


def _app_pids(root: subprocess.Popen, count: int) -> list[int]:
    """The streamlit processes under `root` (serve-multi starts them as its children)."""
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        found = [
            p.pid
            for p in psutil.Process(root.pid).children(recursive=True)
            if "streamlit" in " ".join(p.cmdline())
        ]
        if len(found) >= count:
            return found
        time.sleep(0.25)
    raise RuntimeError(f"serve-multi started fewer than {count} app processes")


@contextmanager
def server(app: Path, port: int, processes: int, env: dict[str, str], log: Path):
    """One `streamlit run` (processes=1) or serve-multi; yields (base URL, app pids)."""
    log.parent.mkdir(parents=True, exist_ok=True)
    env = dict(env, PYTHONPATH=str(app))  # the folder's own packages, not the installed ones
    if processes == 1:
        command = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port)]
        command += ["--server.address", "127.0.0.1", *STREAMLIT_FLAGS]
    else:
        command = [str(SERVE_MULTI), "--app-dir", str(app), "--processes", str(processes)]
        command += ["--port", str(port)]
    with log.open("wb") as out:
        root = subprocess.Popen(
            command, cwd=app, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
        try:
            base = f"http://127.0.0.1:{port}"
            _wait_healthy(base, [root], log)
            pids = [root.pid] if processes == 1 else _app_pids(root, processes)
            yield base, pids
        finally:
            os.killpg(root.pid, 15)
            try:
                root.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(root.pid, 9)
                root.wait()


# --- the run ---------------------------------------------------------------------------


@dataclass
class Row:
    setup: str
    page: str
    clients: int
    p50: float
    p95: float
    cpu: float
    kb: float
    peak_mb: float
    errors: int


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def measure(setup: str, base: str, pids: list[int], clients: tuple[int, ...]) -> list[Row]:
    # Warm every process (new cookies spread the visits): modules imported, caches built.
    for _ in range(3 * len(pids)):
        for page, query in PAGES.values():
            asyncio.run(visits_at_once(base, page, query, 1))
    rows = []
    for count in clients:
        for label, (page, query) in PAGES.items():
            sampler = Sampler(pids)
            before = sampler.cpu()
            visits = asyncio.run(visits_at_once(base, page, query, count))
            cpu = sampler.cpu() - before
            sampler.close()
            seconds = [v.seconds for v in visits]
            rows.append(
                Row(
                    setup,
                    label,
                    count,
                    statistics.median(seconds),
                    p95(seconds),
                    cpu / count,
                    statistics.median(v.bytes for v in visits) / 1000,
                    sampler.peak / 1e6,
                    sum(bool(v.exceptions) for v in visits),
                )
            )
            print(f"  {setup:<22}{label:<10}{count:>4} done", file=sys.stderr, flush=True)
    return rows


def print_rows(rows: list[Row]) -> None:
    print(
        f"{'set-up':<22}{'page':<10}{'viewers':>8}{'p50 s':>8}{'p95 s':>8}"
        f"{'CPU s/view':>11}{'kB/view':>9}{'peak RSS MB':>12}{'errors':>7}"
    )
    for r in rows:
        print(
            f"{r.setup:<22}{r.page:<10}{r.clients:>8}{r.p50:>8.2f}{r.p95:>8.2f}"
            f"{r.cpu:>11.3f}{r.kb:>9,.0f}{r.peak_mb:>12,.0f}{r.errors:>7}"
        )


def print_ratios(rows: list[Row], names: list[str]) -> None:
    """First app / each other app, for the same set-up kind, page and viewers."""
    if len(names) < 2:
        return
    base = names[0]
    print(f"\nratios {base} / other (same set-up kind, page and viewers): p95, CPU per view, bytes")
    index = {(r.setup, r.page, r.clients): r for r in rows}
    for r in rows:
        app, _, kind = r.setup.partition(" ")
        if app == base:
            continue
        old = index.get((f"{base} {kind}", r.page, r.clients))
        if old:
            print(
                f"  {r.setup:<22}{r.page:<10}{r.clients:>4}  p95 {old.p95 / r.p95:6.1f}x"
                f"  CPU {old.cpu / max(r.cpu, 1e-9):6.1f}x  bytes {old.kb / max(r.kb, 1e-9):6.1f}x"
            )


@cache
def database(folder: str, name: str, app: Path) -> str:
    """Each app folder's own database (an older checkout may have an older schema), built
    from the bundled data by that folder's own code, once per run."""
    path = Path(folder) / f"{name}.sqlite"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)
    url = f"sqlite:///{path}"
    code = f"from scoring.bundle import ensure_database; ensure_database({url!r})"
    env = dict(os.environ, PYTHONPATH=str(app))
    env.setdefault(regions.GEO_DIR_ENV, str(regions.geo_dir()))
    subprocess.run([sys.executable, "-c", code], cwd=app, env=env, check=True)
    return url


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--app", action="append", default=[], metavar="NAME=DIR")
    parser.add_argument("--clients", default=",".join(map(str, CLIENTS)))
    parser.add_argument("--processes", type=int, default=2, help="of the multi-process set-up")
    parser.add_argument("--port", type=int, default=9001, help="first port; one per set-up")
    parser.add_argument("--single-only", action="store_true")
    parser.add_argument("--databases", default="/tmp/speed/db", help="folder of the SQLite files")
    args = parser.parse_args()
    apps = [tuple(a.split("=", 1)) for a in args.app] or [("now", str(ROOT))]
    clients = tuple(int(c) for c in args.clients.split(","))
    # Every app folder reads this checkout's geo folder (a checkout elsewhere has none beside it).
    geo_env = {regions.GEO_DIR_ENV: os.environ.get(regions.GEO_DIR_ENV, str(regions.geo_dir()))}
    logs = Path("/tmp/speed/logs")
    rows: list[Row] = []
    reruns: dict[str, dict[str, Visit]] = {}
    kinds = [1] if args.single_only else [1, args.processes]
    port = args.port
    for processes in kinds:
        for name, folder in apps:
            setup = f"{name} {'1 process' if processes == 1 else f'{processes} processes'}"
            print(f"{setup}: starting", file=sys.stderr, flush=True)
            app = Path(folder).resolve()
            url = database(args.databases, name, app)
            env = dict(os.environ, **geo_env, KEPATUHAN_DATABASE_URL=url)
            log = logs / f"{name}-{processes}.log"
            with server(app, port, processes, env, log) as (base, pids):
                rows += measure(setup, base, pids, clients)
                reruns[setup] = asyncio.run(map_reruns(base))
            port += 1
    print(f"\nfirst visits at once ({os.cpu_count()} cores; app processes' CPU and RSS)")
    print_rows(rows)
    print_ratios(rows, [name for name, _ in apps])
    print("\nPeta, one viewer: bytes and seconds of each run (client sends its cached hashes)")
    for setup, runs in reruns.items():
        for label, visit in runs.items():
            print(f"  {setup:<22}{label:<20}{visit.bytes / 1000:>9,.1f} kB{visit.seconds:>8.2f} s")


if __name__ == "__main__":
    main()
