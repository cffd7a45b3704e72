"""How fast and how lean the vectorised scoring chain is on a nationwide five-year dataset.

The issue asks for ~550 governments × 7 units × 2 products × ~40 items × 5 years ≈ 1.5 M item
rows scored in ≤ 1 s and ≤ 1 GB, and for the speed-up over a straightforward row-by-row
implementation. Prints figures only; nothing about time is asserted, since timings vary by
machine. The one hard check is that the row-by-row reference agrees with the vectorised chain
(exit status 1 if not), so that the speed ratio compares two correct implementations.

What the rows are. Only 2022-2024 have known dimension weights (2021 has no dimensions, 2025's
weights are unpublished), so five real years of one government list cannot be built. Instead:
`generate_items` for today's 552 governments (38 pemprov + 514 kab/kota, from the gazetteer; a
synthetic list of the same shape if the geo folder is missing) over 2022, 2023 and 2024 with the
default seed, plus a twin list of the same 552 governments, codes suffixed "-B" and names
" (B)", over 2022 and 2023 with the next seed. That is 5 × 552 = 2,760 government-years,
5 × 3,788 = 18,940 units (pemprov 5 units, kab/kota 7) and 80 rows a unit (40 indicators × 2
products): 1,515,200 item rows, every one scored with its own year's weights.

Run: .venv/bin/python bench/bench_scoring.py [--repeat N] [--governments N]
"""

from __future__ import annotations

import argparse
import math
import multiprocessing
import resource
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np
import pandas as pd
from timing import median_seconds

from scoring.bundle import governments
from scoring.compute import GOVERNMENT_KEYS, UNIT_KEYS, score_governments, score_items
from scoring.demo import DEFAULT_SEED, generate_items
from scoring.methodology import for_year
from scoring.regions import GeoDataMissing, load_gazetteer

YEARS = (2022, 2023, 2024)
TWIN_YEARS = (2022, 2023)
TARGET_SECONDS = 1.0
TARGET_BYTES = 1024**3
MIB = 1024**2
SLICE_GOVERNMENTS = 50
REFERENCE_RUNS = 3
TOLERANCE = 1e-9
# Today's map, for the synthetic stand-in when the geo folder is missing.
PROVINCES, KABUPATEN, KOTA = 38, 416, 98

UnitKey = tuple[object, ...]
Scores = dict[UnitKey, float]


def synthetic_governments() -> pd.DataFrame:
    """38 pemprov and 514 kab/kota spread over them: the gazetteer's shape without its names."""
    provinces = pd.DataFrame({"province_code": [str(11 + p) for p in range(PROVINCES)]})
    provinces = provinces.assign(
        code=provinces["province_code"],
        province="Provinsi " + provinces["province_code"],
        name="Provinsi " + provinces["province_code"],
        level="provinsi",
    )
    levels = ["kabupaten"] * KABUPATEN + ["kota"] * KOTA
    province = [str(11 + i % PROVINCES) for i in range(len(levels))]
    regions = pd.DataFrame(
        {
            "code": [f"{p}.{i // PROVINCES + 1:02d}" for i, p in enumerate(province)],
            "level": levels,
            "province_code": province,
            "province": ["Provinsi " + p for p in province],
        }
    )
    regions["name"] = regions["level"].str.title() + " " + regions["code"]
    return pd.concat([provinces, regions], ignore_index=True)


def government_list(count: int | None) -> tuple[pd.DataFrame, str]:
    """The first `count` governments of today's list (pemprov first), and where it came from."""
    try:
        listed, source = governments(load_gazetteer()), "gazetteer"
    except GeoDataMissing:
        listed, source = synthetic_governments(), "synthetic (geo folder missing)"
    return listed.head(count).reset_index(drop=True), source


def five_year_items(listed: pd.DataFrame) -> pd.DataFrame:
    """Three years of the list plus two years of its twin list; see the module docstring.

    Concatenating categoricals with different categories gives plain strings, so the key
    columns are made categorical again, as `generate_items` returns them.
    """
    twins = listed.assign(code=listed["code"] + "-B", name=listed["name"] + " (B)")
    frames = [
        generate_items(listed, YEARS, DEFAULT_SEED),
        generate_items(twins, TWIN_YEARS, DEFAULT_SEED + 1),
    ]
    categorical = frames[0].select_dtypes("category").columns
    items = pd.concat(frames, ignore_index=True)
    return items.astype(dict.fromkeys(categorical, "category"))


def memory_bytes() -> tuple[int, int]:
    """(current, peak) resident memory of this process.

    Linux carries ru_maxrss across fork + exec, so a spawned child would report its parent's
    peak (here the generator's); /proc/self/status has the child's own VmRSS and VmHWM.
    Without /proc both figures are ru_maxrss (KiB, but bytes on macOS).
    """
    status = Path("/proc/self/status")
    if status.exists():
        fields = dict(line.split(":", 1) for line in status.read_text().splitlines())
        return int(fields["VmRSS"].split()[0]) * 1024, int(fields["VmHWM"].split()[0]) * 1024
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    peak *= 1 if sys.platform == "darwin" else 1024
    return peak, peak


def score_in_fresh_process(path: str, repeat: int) -> tuple[list[float], int, int]:
    """Run in a spawned process: wall times of the whole chain, resident memory before it
    (imports + loaded frame) and the process's peak after it.

    A fresh process keeps the generator's memory out of the figure. Peak minus before is an
    upper bound on what scoring adds (loading could have peaked higher than scoring).
    """
    items = pd.read_pickle(path)
    before, _ = memory_bytes()
    seconds = []
    for _ in range(repeat):
        start = time.perf_counter()
        score_governments(score_items(items))
        seconds.append(time.perf_counter() - start)
    return seconds, before, memory_bytes()[1]


def score_row_by_row(items: pd.DataFrame) -> tuple[Scores, dict[UnitKey, tuple[float, int]]]:
    """The textbook way: one Python loop over the rows, then dicts up the hierarchy.

    Same rules as scoring.compute: indicator = mean item × 100/3, variable and dimension =
    unweighted means, unit = weighted sum (missing when a weighted dimension is absent),
    government = mean of its scored units with their count.
    """
    weights = {
        year: {d.key: d.weight for d in for_year(year).dimensions}
        for year in items["year"].unique().tolist()
    }
    unit_columns = [k for k in [*UNIT_KEYS, "code"] if k in items.columns]
    columns = [*unit_columns, "dimension", "variable", "indicator", "item_score"]
    indicators: dict[UnitKey, list[float]] = {}
    for *key, score in items[columns].itertuples(index=False, name=None):
        total = indicators.setdefault(tuple(key), [0.0, 0])
        total[0] += score
        total[1] += 1
    variables: dict[UnitKey, list[float]] = defaultdict(list)
    for key, (total, count) in indicators.items():
        variables[key[:-1]].append(total / count * 100 / 3)
    dimensions: dict[UnitKey, list[float]] = defaultdict(list)
    for key, scores in variables.items():
        dimensions[key[:-1]].append(sum(scores) / len(scores))
    by_unit: dict[UnitKey, dict[str, float]] = defaultdict(dict)
    for key, scores in dimensions.items():
        by_unit[key[:-1]][key[-1]] = sum(scores) / len(scores)
    units: Scores = {}
    for unit, found in by_unit.items():
        year_weights = weights[unit[0]]
        complete = year_weights.keys() <= found.keys()
        units[unit] = (
            sum(found[d] * w / 100 for d, w in year_weights.items()) if complete else math.nan
        )
    scored: dict[UnitKey, list[float]] = defaultdict(list)
    government_at = [unit_columns.index(k) for k in [*GOVERNMENT_KEYS, "code"] if k in items]
    for unit, score in units.items():
        if not math.isnan(score):
            scored[tuple(unit[i] for i in government_at)].append(score)
    return units, {key: (sum(s) / len(s), len(s)) for key, s in scored.items()}


def largest_difference(expected: Scores, frame: pd.DataFrame, column: str = "score") -> float:
    """Max |difference| between a dict keyed like the frame's key columns and one of its value
    columns (NaN equals NaN only); infinite when the two disagree on which keys exist."""
    keys = [c for c in frame.columns if c not in ("score", "units")]
    actual = dict(zip(frame[keys].itertuples(index=False, name=None), frame[column], strict=True))
    if actual.keys() != expected.keys():
        return math.inf
    worst = 0.0
    for key, value in expected.items():
        if math.isnan(value) != math.isnan(actual[key]):
            return math.inf
        if not math.isnan(value):
            worst = max(worst, abs(value - actual[key]))
    return worst


def reference_slice(items: pd.DataFrame, count: int) -> pd.DataFrame:
    """Rows of `count` governments spread evenly over the first year's list, so both levels
    and both government lists are in it."""
    first_year = items[items["year"] == items["year"].min()]
    codes = first_year["code"].unique()
    chosen = codes[np.linspace(0, len(codes) - 1, min(count, len(codes))).astype(int)]
    return first_year[first_year["code"].isin(chosen)].reset_index(drop=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="timed runs of the chain")
    parser.add_argument("--governments", type=int, help="first N governments (default: all)")
    args = parser.parse_args()

    listed, source = government_list(args.governments)
    items = five_year_items(listed)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "items.pkl"
        items.to_pickle(path)
        spawn = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=1, mp_context=spawn) as pool:
            seconds, before, peak = pool.submit(
                score_in_fresh_process, str(path), args.repeat
            ).result()
    median = statistics.median(seconds)
    rows_per_second = len(items) / median

    part = reference_slice(items, SLICE_GOVERNMENTS)
    reference_seconds = median_seconds(lambda: score_row_by_row(part), REFERENCE_RUNS)
    reference_rate = len(part) / reference_seconds
    slice_seconds = median_seconds(lambda: score_governments(score_items(part)), REFERENCE_RUNS)
    ref_units, ref_governments = score_row_by_row(part)
    units = score_items(part)
    results = score_governments(units)
    unit_diff = largest_difference(ref_units, units)
    government_diff = largest_difference({k: s for k, (s, _) in ref_governments.items()}, results)
    counts_agree = (
        largest_difference({k: n for k, (_, n) in ref_governments.items()}, results, "units") == 0
    )
    agree = max(unit_diff, government_diff) < TOLERANCE and counts_agree

    government_years = items.groupby(["year", "code"], observed=True).ngroups
    print(f"governments: {len(listed)} from {source}, plus as many twins (see docstring)")
    print(f"dataset      {len(items):>12,} item rows, {government_years:,} government-years,")
    print(f"             {items['year'].value_counts().sort_index().to_dict()} rows by year")
    print(f"             {items.memory_usage(deep=True).sum() / MIB:>12,.1f} MiB in memory")
    print(f"vectorised   score_items + score_governments, {args.repeat} runs, fresh process")
    print(f"  median     {median:>12.3f} s    target ≤ {TARGET_SECONDS:g} s")
    print(f"  min        {min(seconds):>12.3f} s")
    print(f"  rows/s     {rows_per_second:>12,.0f}      (from the median)")
    print(f"  peak RSS   {peak / MIB:>12,.0f} MiB  target ≤ {TARGET_BYTES / MIB:,.0f} MiB (1 GB)")
    print(f"  before     {before / MIB:>12,.0f} MiB  (imports + loaded frame)")
    print(f"  added      {(peak - before) / MIB:>12,.0f} MiB  (by scoring, at most)")
    print(
        f"row-by-row   {len(part):,} rows of {part['code'].nunique()} governments in "
        f"{part['year'].iloc[0]}, median of {REFERENCE_RUNS}"
    )
    print(f"  time       {reference_seconds:>12.3f} s")
    print(f"  rows/s     {reference_rate:>12,.0f}")
    print(
        f"speed ratio  {rows_per_second / reference_rate:>12.1f} x    vectorised (full) / "
        "row-by-row (slice), rows/s"
    )
    print(
        f"  same slice {reference_seconds / slice_seconds:>12.1f} x    vectorised on the slice "
        f"takes {slice_seconds:.3f} s"
    )
    verdict = "OK" if agree else "MISMATCH"
    print(f"check        row-by-row vs vectorised on the slice: {verdict}")
    print(f"  units      {len(ref_units):>12,}      max |diff| {unit_diff:.1e}")
    print(
        f"  govts      {len(ref_governments):>12,}      max |diff| {government_diff:.1e}, "
        f"unit counts {'equal' if counts_agree else 'differ'} (tolerance {TOLERANCE:g})"
    )
    return 0 if agree else 1


if __name__ == "__main__":
    sys.exit(main())
