"""The reference data an import reads by: header variants, unit-name patterns, methodology names.

Kept in data (`scoring/reference/*.csv`, the methodology files) so that a new way of heading a
column or naming a unit is a one-line change to a table, not to the code; each table is read once.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pandas as pd

from scoring.methodology import Methodology, all_methodologies

REFERENCE_DIR = Path(__file__).resolve().parent.parent / "reference"


def normal_header(headers: pd.Series) -> pd.Series:
    """Case, spaces, underscores and hyphens do not matter in a header."""
    lowered = headers.astype("string").str.lower().str.replace(r"[\s_\-.]+", " ", regex=True)
    return lowered.str.strip()


@cache
def header_variants() -> pd.DataFrame:
    """Every accepted header (`variant`), its canonical column and its normal form."""
    table = pd.read_csv(REFERENCE_DIR / "columns.csv", dtype="string")
    return table.assign(normal=normal_header(table["variant"]))


@cache
def unit_patterns() -> pd.DataFrame:
    """Regular expressions on unit names and the locus key each one means, first match first."""
    return pd.read_csv(REFERENCE_DIR / "unit_types.csv", dtype="string")


@cache
def year_methods() -> dict[int, Methodology]:
    """Methodology of every assessed year (2020 is absent: no assessment)."""
    return {
        year: method
        for method in all_methodologies()
        for year in range(method.first_year, method.last_year + 1)
    }


def method_keys(years: pd.Series) -> pd.Series:
    """The era key of each year ('2022-2024'); missing for a year no methodology covers."""
    keys = {year: method.key for year, method in year_methods().items()}
    return years.map(keys).astype("string")


def slug(text: pd.Series) -> pd.Series:
    """'Standar Pelayanan' and 'standar_pelayanan' alike."""
    return text.str.lower().str.replace(r"[^0-9a-z]+", "_", regex=True).str.strip("_")


@cache
def dimension_names() -> pd.Series:
    """'era|written name' -> dimension key, for keys and both display names."""
    rows = [
        (m.key, name, d.key)
        for m in all_methodologies()
        for d in m.dimensions
        for name in (d.key, d.name_id, d.name_en)
    ]
    table = pd.DataFrame(rows, columns=["era", "name", "key"], dtype="string")
    index = table["era"] + "|" + slug(table["name"])
    return table["key"].set_axis(index).groupby(level=0).first()


@cache
def variable_names() -> pd.DataFrame:
    """'era|written name' -> dimension, variable key and number of indicators."""
    rows = [
        (m.key, name, d.key, v.key, v.indicators)
        for m in all_methodologies()
        for d in m.dimensions
        for v in d.variables
        for name in (v.key, v.name_id, v.name_en)
    ]
    table = pd.DataFrame(rows, columns=["era", "name", "dimension", "variable", "indicators"])
    index = table["era"] + "|" + slug(table["name"].astype("string"))
    return table[["dimension", "variable", "indicators"]].set_axis(index).groupby(level=0).first()
