"""Build the database from the bundled data on first run, and import files into it later.

Published figures come from `data/published/`; demo data is generated (seeded) from the
region gazetteer. Every import is validated completely before a single row is written.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import sqlalchemy as sa

from scoring import store
from scoring.checks import source_flags
from scoring.choices import DATASET_DEMO, DATASET_PUBLISHED
from scoring.compute import (
    score_dimensions,
    score_governments,
    score_indicators,
    score_units_from_dimensions,
)
from scoring.demo import generate_headlines_2021, generate_items
from scoring.importing import ImportResult, Kind, Limits, load
from scoring.importing.placing import placement_problems
from scoring.pipeline import resolve
from scoring.problems import ImportFailed, Problem
from scoring.regions import Gazetteer, GeoDataMissing, geo_dir, load_gazetteer

PUBLISHED_DIR = store.PROJECT_ROOT / "data" / "published"
PUBLISHED_RESULTS = PUBLISHED_DIR / "published-results.csv"
PUBLISHED_UNITS = PUBLISHED_DIR / "published-results-opd.csv"


def governments(gazetteer: Gazetteer) -> pd.DataFrame:
    """Every pemprov and kab/kota of today's map, the list the demo data covers."""
    provinces = gazetteer.provinces.assign(
        name="Provinsi " + gazetteer.provinces["name"],
        level="provinsi",
        province_code=gazetteer.provinces["code"],
        province=gazetteer.provinces["name"],
    )
    return pd.concat([provinces, gazetteer.regions], ignore_index=True)[
        ["code", "name", "level", "province_code", "province"]
    ]


@dataclass(frozen=True)
class Prepared:
    """Both files of an import, loaded, placed and flagged, ready to store; not yet stored."""

    frames: dict[str, pd.DataFrame]
    warnings: tuple[Problem, ...]
    provenance: dict[str, str | int]
    note: str | None  # the units file beside the results file, for the version log


def _load_all(
    files: Mapping[Kind, Path | None], limits: Limits | None
) -> tuple[dict[Kind, ImportResult], list[Problem]]:
    """Every file loaded as its kind; the problems of all of them, so one report covers both."""
    loaded: dict[Kind, ImportResult] = {}
    problems: list[Problem] = []
    for kind, path in files.items():
        if path is None:
            continue
        try:
            loaded[kind] = load(path, kind=kind, limits=limits)
        except ImportFailed as failed:
            problems += failed.problems
    return loaded, problems


NAME_COLUMNS: dict[Kind, str] = {"results": "entity", "units": "pemda", "items": "pemda"}


def place(
    imported: ImportResult, gazetteer: Gazetteer | None
) -> tuple[pd.DataFrame, list[Problem]]:
    """The frame with region codes, and a problem for every row that could not be placed."""
    name_col = NAME_COLUMNS[imported.kind]
    if gazetteer is None:
        return resolve(imported.frame, None), []
    raw = imported.frame.rename(columns={name_col: "entity"})
    resolved = resolve(raw, gazetteer).rename(columns={"entity": name_col})
    return resolved, placement_problems(imported, resolved, gazetteer, name_col)


def result_frames(resolved: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Placed results, flagged, as the store keeps them: the one counted row per government and
    year in `results`, the further sources in `sources` (shown beside it, never ranked)."""
    flagged = resolved.join(source_flags(resolved))
    return {"results": flagged[flagged["counted"]], "sources": flagged[~flagged["counted"]]}


def prepare_published(
    results_file: Path,
    units_file: Path | None,
    gazetteer: Gazetteer | None,
    *,
    limits: Limits | None = None,
    require_places: bool = True,
) -> Prepared:
    """Validate both files completely, touching no table: kinds, cells, places.

    Raises one ImportFailed holding every problem of both files. Without a gazetteer no row
    can be placed, which is an error unless `require_places` is off (the bundled data, whose
    places the tests check, loads without the boundary folder).
    """
    loaded, problems = _load_all({"results": results_file, "units": units_file}, limits)
    if gazetteer is None and require_places:
        problems.append(
            Problem(results_file.name, None, None, None, "no_gazetteer", {"folder": geo_dir()})
        )
    if any(p.severity == "error" for p in problems):
        raise ImportFailed(problems)
    results, placing = place(loaded["results"], gazetteer)
    frames = result_frames(results)
    if "units" in loaded:
        frames["units"], unit_placing = place(loaded["units"], gazetteer)
        placing += unit_placing
    warnings = tuple(w for imported in loaded.values() for w in imported.warnings)
    if placing:
        raise ImportFailed([*placing, *warnings])
    provenance = store.file_provenance(results_file, "results", len(results))
    note = f"units: {units_file.name}" if units_file else None
    return Prepared(frames, warnings, provenance, note)


def import_published(
    eng: sa.Engine,
    results_file: Path,
    units_file: Path | None,
    gazetteer: Gazetteer | None,
    *,
    user: str = "cli",
    limits: Limits | None = None,
    require_places: bool = True,
) -> tuple[int, tuple[Problem, ...]]:
    """Validate both files first, then replace exactly their slices of the published dataset
    in one go; returns the new version's id and the warnings."""
    prepared = prepare_published(
        results_file, units_file, gazetteer, limits=limits, require_places=require_places
    )
    return store_prepared(eng, prepared, user=user), prepared.warnings


def store_prepared(eng: sa.Engine, prepared: Prepared, *, user: str) -> int:
    """Replace exactly the prepared slices of the published dataset; the new version's id."""
    return store.replace(
        eng, DATASET_PUBLISHED, prepared.frames, prepared.provenance, user=user, note=prepared.note
    )


# Generated figures have one source each and state every zone by name.
DEMO_FLAGS = {
    "zone_derived": False,
    "second_source": False,
    "counted": True,
    "sources_disagree": False,
}


def demo_frames(gazetteer: Gazetteer) -> dict[str, pd.DataFrame]:
    """Demo results, units, dimension and indicator scores, computed the official way."""
    items = generate_items(governments(gazetteer))
    indicators = score_indicators(items)
    dimensions = score_dimensions(indicators)
    units = score_units_from_dimensions(dimensions)
    results = score_governments(units).rename(columns={"pemda": "entity"})
    listed = governments(gazetteer).set_index("code")
    official = listed["name"].where(listed["level"] != "provinsi", listed["province"])
    results = results.assign(
        level=results["code"].map(listed["level"]),
        province_code=results["code"].map(listed["province_code"]),
        region_name=results["code"].map(official),  # as the gazetteer names it (no "Provinsi")
        match="exact",
        notes="Data contoh (sintetis) — bukan hasil resmi",
    )
    headlines = generate_headlines_2021(governments(gazetteer))
    headlines = headlines.assign(
        province_code=headlines["code"].map(listed["province_code"]),
        region_name=headlines["code"].map(official),
        match="exact",
    )
    return {
        "results": pd.concat([results, headlines], ignore_index=True).assign(**DEMO_FLAGS),
        "units": units,
        "dimensions": dimensions,
        "indicators": indicators,
    }


def build(eng: sa.Engine, geo_dir: Path | None = None) -> list[str]:
    """Create the schema and load the bundled data; returns warnings (e.g. no geo folder)."""
    store.create_schema(eng)
    warnings: list[str] = []
    try:
        gazetteer: Gazetteer | None = load_gazetteer(geo_dir)
    except GeoDataMissing as missing:
        gazetteer = None
        warnings.append(str(missing))
    import_published(
        eng, PUBLISHED_RESULTS, PUBLISHED_UNITS, gazetteer, user="bundle", require_places=False
    )
    if gazetteer is not None:
        store.replace(eng, DATASET_DEMO, demo_frames(gazetteer), user="bundle")
    return warnings


def ensure_database(url: str | None = None, geo_dir: Path | None = None) -> sa.Engine:
    """The engine, with the bundled data loaded if the database is new; an older database is
    upgraded to the newest schema in place, keeping its rows."""
    eng = store.engine(url)
    store.create_schema(eng)
    if store.is_empty(eng):
        build(eng, geo_dir)
    return eng
