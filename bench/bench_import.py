"""Time and peak memory of imports at the size limit, and of refusing files beyond it.

Each scenario runs `python -m scoring` in a fresh child process (so its peak resident memory,
`ru_maxrss`, is that scenario's alone) on a generated file:

- every government of today's map for 2015–2025 (one file, all years), imported into SQLite;
- a results file at the default row limit (100,000 rows: every government, each year, repeated
  as further sources), imported: the largest file `import` accepts;
- an item file at the row limit, validated (item files are scored, not imported);
- a file of 1,000,000 rows, refused by the row limit (the 2.4 GB / 41 s case of the review).

Prints figures only; nothing is asserted, since timings vary by machine.
Run: .venv/bin/python bench/bench_import.py
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pandas as pd  # noqa: E402

from scoring.bundle import governments  # noqa: E402
from scoring.importing.reading import Limits  # noqa: E402
from scoring.regions import load_gazetteer  # noqa: E402

YEARS = [y for y in range(2015, 2026) if y != 2020]  # no assessment in 2020


def results_file(folder: Path, rows: int | None) -> Path:
    """Every government for every assessed year, repeated up to `rows` (None: once)."""
    listed = governments(load_gazetteer())
    one = pd.concat(
        [
            pd.DataFrame(
                {
                    "tahun": year,
                    "tingkat": listed["level"],
                    "provinsi": listed["province"],
                    "nama": listed["name"],
                    "nilai": ((listed.index * 37 + year) % 9000) / 100 + 10,
                    "sumber": "https://ombudsman.go.id/",
                }
            )
            for year in YEARS
        ],
        ignore_index=True,
    )
    frame = one if rows is None else pd.concat([one] * (rows // len(one) + 1)).head(rows)
    path = folder / f"results-{len(frame)}.csv"
    frame.to_csv(path, index=False)
    return path


def items_file(folder: Path, rows: int) -> Path:
    row = "2023,Bali,Kabupaten Badung,DPMPTSP,1,proses,standar_pelayanan,1,3\n"
    path = folder / f"items-{rows}.csv"
    header = "tahun,provinsi,pemda,opd,produk,dimensi,variabel,indikator,nilai butir\n"
    path.write_text(header + row * rows)
    return path


# The child reports its own peak resident memory (KiB on Linux) as its last line on stderr.
CHILD = (
    "import resource, sys\n"
    "from scoring.cli import main\n"
    "code = main(sys.argv[1:])\n"
    "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\n"
    "sys.exit(code)\n"
)


def measure(argv: list[str], database: Path) -> tuple[float, float, int, str]:
    """Seconds, peak resident MiB, exit code and first report line of one child run."""
    env = {"KEPATUHAN_DATABASE_URL": f"sqlite:///{database}", "PATH": "/usr/bin:/bin"}
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", CHILD, *argv],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - start
    lines = done.stderr.strip().splitlines()
    report = next((line for line in lines if not line.startswith("peringatan")), "")
    return seconds, int(lines[-1]) / 1024, done.returncode, report if done.returncode else ""


def main() -> None:
    limit = Limits().rows
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        big = results_file(folder, 1_000_000)
        scenarios = [
            ("all governments, 2015-2025", ["import", str(results_file(folder, None))]),
            (
                f"items at the limit ({limit:,} rows), validate",
                ["validate", str(items_file(folder, limit))],
            ),
            (
                f"results at the limit ({limit:,} rows), import",
                ["import", str(results_file(folder, limit))],
            ),
            ("1,000,000 rows, refused by the byte limit", ["import", str(big)]),
            (
                "1,000,000 rows, refused by the row limit",
                ["import", str(big), "--max-bytes", str(2**31)],
            ),
        ]
        print(f"{'scenario':46} {'rows':>9} {'MB':>6} {'s':>7} {'peak MiB':>9} exit")
        for n, (name, argv) in enumerate(scenarios):
            path = Path(argv[1])
            rows = sum(1 for _ in path.open()) - 1
            seconds, peak, code, report = measure(argv, folder / f"db{n}.sqlite")
            size = path.stat().st_size / 1e6
            print(f"{name:46} {rows:>9,} {size:6.1f} {seconds:7.2f} {peak:9.0f} {code:>4}")
            if report:
                print(f"    {report}")


if __name__ == "__main__":
    main()
