"""Build the database from the bundled data on first run, and import files into it later.

Published figures come from `data/published/`; demo data is generated (seeded) from the
region gazetteer. Every import is validated completely before a single row is written.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import sqlalchemy as sa

from scoring import store
from scoring.choices import DATASET_DEMO, DATASET_PUBLISHED
from scoring.compute import (
    score_dimensions,
    score_governments,
    score_indicators,
    score_units_from_dimensions,
)
from scoring.demo import generate_headlines_2021, generate_items
from scoring.importing import load
from scoring.pipeline import resolve
from scoring.regions import Gazetteer, GeoDataMissing, load_gazetteer

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


def _resolved_units(units: pd.DataFrame, results: pd.DataFrame) -> pd.DataFrame:
    """Units take the code of their government's result row (same year and name)."""
    codes = results[["year", "entity", "code"]].drop_duplicates(["year", "entity"])
    return units.merge(codes, left_on=["year", "pemda"], right_on=["year", "entity"], how="left")


def import_published(
    eng: sa.Engine, results_file: Path, units_file: Path | None, gazetteer: Gazetteer | None
) -> None:
    """Validate both files first, then replace the published dataset's years in one go."""
    results = load(results_file)
    units = load(units_file) if units_file else None
    resolved = resolve(results.frame, gazetteer)
    frames = {"results": resolved}
    if units is not None:
        frames["units"] = _resolved_units(units.frame, resolved)
    store.replace(
        eng,
        DATASET_PUBLISHED,
        frames,
        store.file_provenance(results_file, results.kind, len(results.frame)),
    )


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
        "results": pd.concat([results, headlines], ignore_index=True),
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
    import_published(eng, PUBLISHED_RESULTS, PUBLISHED_UNITS, gazetteer)
    if gazetteer is not None:
        store.replace(eng, DATASET_DEMO, demo_frames(gazetteer))
    return warnings


def ensure_database(url: str | None = None, geo_dir: Path | None = None) -> sa.Engine:
    """The engine, with the bundled data loaded if the database is new."""
    eng = store.engine(url)
    if store.is_empty(eng):
        build(eng, geo_dir)
    return eng
