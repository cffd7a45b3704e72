"""Contracts of the frames the views build for the pages and charts.

The ranking table (what Peringkat shows and exports), a trend's series (what the trend chart
draws) and unit × dimension cells (the heatmap). Checked where they are built when frame checks
are on (`scoring.frames.checked`: the tests, a debug run). Text columns are not pinned to one
pandas dtype: they are built from the analysed frame, from the gazetteer and from labels.
"""

from __future__ import annotations

from typing import Any

import pandera.pandas as pa
from pandera.typing import Series

from scoring.choices import GOVERNMENT_LEVELS
from scoring.frames import ZONE_KEYS


class RankingTable(pa.DataFrameModel):
    """One row per government of the scope, best first; rows without a result last."""

    code: Series[Any] = pa.Field(nullable=True)
    display_name: Series[Any]
    province_name: Series[Any] = pa.Field(nullable=True)
    level: Series[Any] = pa.Field(isin=GOVERNMENT_LEVELS)
    rank: Series[float] = pa.Field(ge=1, nullable=True)  # shared ranks 1, 2, 2, 4
    score: Series[float] = pa.Field(ge=0, le=100, nullable=True)
    zone: Series[Any] = pa.Field(isin=ZONE_KEYS, nullable=True)
    zone_word: Series[Any]  # never missing: "Tanpa angka terbitan" where there is no zone
    category: Series[Any] = pa.Field(nullable=True)
    opinion: Series[Any] = pa.Field(nullable=True)
    change: Series[float] = pa.Field(nullable=True)
    zone_move_word: Series[Any] = pa.Field(nullable=True)
    source_url: Series[Any] = pa.Field(nullable=True)

    class Config:
        strict = False


class TrendSeries(pa.DataFrameModel):
    """Scores over the years, one `series` per line (a region, or a median)."""

    year: Series[int] = pa.Field(ge=2015)
    score: Series[float] = pa.Field(ge=0, le=100, nullable=True)
    zone: Series[Any] = pa.Field(nullable=True)  # missing for medians
    series: Series[Any]


class UnitDimensionCells(pa.DataFrameModel):
    """A unit's (or a region's) score on one dimension."""

    unit: Series[Any]
    dimension: Series[Any]
    score: Series[float] = pa.Field(ge=0, le=100, nullable=True)
