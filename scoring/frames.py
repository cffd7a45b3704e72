"""Contracts of the frames passed between modules: one place to read what a frame holds.

Every importer returns the column tuples below (extra input columns are dropped), every
computation takes them, and the data-access module stores them; the analysed frame that the
views read is a pandera model. Names are English snake_case; values such as zone
keys and levels are the Indonesian domain words (`hijau`, `kabupaten`).
"""

from __future__ import annotations

import os

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from scoring.choices import GOVERNMENT_LEVELS

# One published (or computed) result per government and year.
RESULT_COLUMNS = (
    "year",  # int
    "level",  # provinsi | kabupaten | kota
    "province",  # province as named in the source (old 34-province names up to 2024)
    "entity",  # government name as given, e.g. "Kabupaten Bone", "Provinsi Bali"
    "score",  # float 0-100 or missing (zone/category only)
    "zone",  # printed zone key (hijau|kuning|merah|hitam) or missing
    "category",  # category as printed (free text) or missing
    "source_url",
    "notes",
    "source_row",  # 1-based line of the input file (header is line 1), for messages
)

# One service unit (OPD, Puskesmas, RSUD) of a government in a year.
UNIT_COLUMNS = (
    "year",
    "province",
    "pemda",  # government name, as `entity` above
    "opd",  # unit name as given locally ("Dinas Sosial PMD")
    "unit_type",  # normalised locus key (dpmptsp, disdukcapil, ..., puskesmas, rsud, lainnya)
    "score",
    "zone",
    "category",
    "source_url",
    "notes",
    "source_row",
)

# One scored item (0-3) of an indicator for a unit's service product.
ITEM_COLUMNS = (
    "year",
    "province",
    "pemda",
    "opd",
    "unit_type",
    "product",  # 1 or 2: the observed service product
    "dimension",  # methodology dimension key (input, proses, output, pengaduan)
    "variable",  # methodology variable key
    "indicator",  # 1-based number within the variable
    "item_score",  # 0..3
    "source_row",
)


# --- the analysed results frame ---------------------------------------------------------------
# What `scoring.pipeline.analyse` returns and every page, chart and command reads: one row per
# government and year, graded, ranked and compared. Checked where `analyse` returns when
# `KEPATUHAN_CHECK_FRAMES=1` (the tests set it; so can a debug run).

CHECK_FRAMES_ENV = "KEPATUHAN_CHECK_FRAMES"
ZONE_KEYS = ("hijau", "kuning", "merah", "hitam")
CATEGORY_LETTERS = ("A", "B", "C", "D", "E")


class AnalysedResults(pa.DataFrameModel):
    """Graded, ranked and compared results; text columns are pandas strings, NA when absent."""

    year: Series[int] = pa.Field(ge=2015)
    level: Series[pd.StringDtype] = pa.Field(isin=GOVERNMENT_LEVELS, nullable=True)
    province: Series[pd.StringDtype] = pa.Field(nullable=True)  # as named in the source
    entity: Series[pd.StringDtype]  # as named in the source
    score: Series[float] = pa.Field(ge=0, le=100, nullable=True)
    code: Series[pd.StringDtype] = pa.Field(nullable=True)  # Kemendagri code; NA when unresolved
    province_code: Series[pd.StringDtype] = pa.Field(nullable=True)
    region_name: Series[pd.StringDtype] = pa.Field(nullable=True)  # official name of the code
    match: Series[pd.StringDtype] = pa.Field(nullable=True)  # how the name was resolved
    display_name: Series[pd.StringDtype]  # official name where resolved, else as given
    source_url: Series[pd.StringDtype] = pa.Field(nullable=True)
    notes: Series[pd.StringDtype] = pa.Field(nullable=True)
    source_row: Series[pd.Int64Dtype] = pa.Field(nullable=True)  # line in the imported file
    # Grades: computed from the score where there is one, else as printed.
    zone: Series[pd.StringDtype] = pa.Field(isin=ZONE_KEYS, nullable=True)
    zone_calc: Series[pd.StringDtype] = pa.Field(isin=ZONE_KEYS, nullable=True)
    zone_printed: Series[pd.StringDtype] = pa.Field(nullable=True)
    category: Series[pd.StringDtype] = pa.Field(isin=CATEGORY_LETTERS, nullable=True)
    category_calc: Series[pd.StringDtype] = pa.Field(isin=CATEGORY_LETTERS, nullable=True)
    category_letter: Series[pd.StringDtype] = pa.Field(isin=CATEGORY_LETTERS, nullable=True)
    category_printed: Series[pd.StringDtype] = pa.Field(nullable=True)
    opinion_id: Series[pd.StringDtype] = pa.Field(nullable=True)
    opinion_en: Series[pd.StringDtype] = pa.Field(nullable=True)
    graded_from: Series[pd.StringDtype] = pa.Field(isin=("score", "printed", "none"))
    # Competition ranks (1, 2, 2, 4); `_kabkota` ranks kabupaten and kota in one list.
    rank_national: Series[pd.Int64Dtype] = pa.Field(ge=1, nullable=True)
    rank_province: Series[pd.Int64Dtype] = pa.Field(ge=1, nullable=True)
    rank_national_kabkota: Series[pd.Int64Dtype] = pa.Field(ge=1, nullable=True)
    rank_province_kabkota: Series[pd.Int64Dtype] = pa.Field(ge=1, nullable=True)
    # Against the previous assessed year of the same era.
    prev_year: Series[pd.Int64Dtype] = pa.Field(nullable=True)
    prev_score: Series[float] = pa.Field(nullable=True)
    change: Series[pd.Float64Dtype] = pa.Field(nullable=True)
    zone_move: Series[pd.StringDtype] = pa.Field(isin=("naik", "turun", "tetap"), nullable=True)

    class Config:
        strict = False  # a computed dataset may carry more (e.g. `units`)


ANALYSED_TEXT_COLUMNS = tuple(
    name
    for name, dtype in AnalysedResults.to_schema().dtypes.items()
    if str(dtype).startswith("string")
)


def checked(frame: pd.DataFrame, model: type[pa.DataFrameModel]) -> pd.DataFrame:
    """`frame` unchanged, validated against `model` when frame checks are on (tests, debug)."""
    if os.environ.get(CHECK_FRAMES_ENV) == "1":
        model.validate(frame, lazy=True)
    return frame
