"""The official national counts per zone (Ombudsman RI's announcements), 2021-2024.

The per-region figures the app holds are a partial collection; these counts are the true
national picture, shown beside what is held so that nobody reads a fragment as the national
result. Bundled as `data/published/published-national-summaries.csv`, one row per year and
group (total, kementerian, lembaga, provinsi, kota, kabupaten), each with its source.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from scoring.choices import GOVERNMENT_LEVELS, GovernmentLevel
from scoring.store import PROJECT_ROOT

SUMMARIES = PROJECT_ROOT / "data" / "published" / "published-national-summaries.csv"
ZONE_COUNTS = ("hijau", "kuning", "merah", "hitam")
GROUPS = ("total", "kementerian", "lembaga", *GOVERNMENT_LEVELS)


class NationalSummaries(pa.DataFrameModel):
    """One row per (year, group); the zone counts add up to `entities`."""

    year: Series[int] = pa.Field(ge=2015, le=2100)
    group: Series[str] = pa.Field(isin=GROUPS)
    entities: Series[int] = pa.Field(gt=0)
    hijau: Series[int] = pa.Field(ge=0)
    kuning: Series[int] = pa.Field(ge=0)
    merah: Series[int] = pa.Field(ge=0)
    hitam: Series[int] = pa.Field(ge=0)
    source_url: Series[str] = pa.Field(str_startswith="http")
    notes: Series[str] = pa.Field(nullable=True)

    @pa.dataframe_check
    @classmethod
    def counts_add_up(cls, frame: pd.DataFrame) -> pd.Series:
        return frame[list(ZONE_COUNTS)].sum(axis=1) == frame["entities"]

    class Config:
        unique = ("year", "group")


def read_summaries(path: Path = SUMMARIES) -> pd.DataFrame:
    """The summaries file, checked; a blank `hitam` (no black zone that year) counts 0."""
    frame = pd.read_csv(path, dtype={"notes": "string"}, keep_default_na=True)
    frame["hitam"] = frame["hitam"].fillna(0)
    frame = frame.astype({c: int for c in ("entities", *ZONE_COUNTS)})
    return NationalSummaries.validate(frame)


@cache
def summaries() -> pd.DataFrame:
    return read_summaries()


def official_counts(year: int, levels: tuple[GovernmentLevel, ...]) -> pd.Series | None:
    """Entities and zone counts of `levels` together in `year` (plus the sources), or None
    when any of them has no published national count that year."""
    rows = summaries()
    rows = rows[(rows["year"] == year) & rows["group"].isin(levels)]
    if len(rows) != len(levels):
        return None
    counts = rows[["entities", *ZONE_COUNTS]].sum()
    return pd.concat([counts, pd.Series({"sources": tuple(dict.fromkeys(rows["source_url"]))})])
