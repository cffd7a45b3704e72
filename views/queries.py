"""Questions several views ask of the analysed results, answered in one place.

Who a government is ranked among, and the medians it is compared with: a pemprov among the
pemprov of the nation; a kabupaten or kota among kab and kota together, nationally or in its
province.
"""

from __future__ import annotations

import pandas as pd

from scoring.choices import LEVEL_GROUPS, Level


def in_level(results: pd.DataFrame, level: Level) -> pd.DataFrame:
    """The rows of a level group (`kabkota` is kabupaten and kota together)."""
    return results[results["level"].isin(LEVEL_GROUPS[level])]


def peer_level(row: pd.Series) -> Level:
    """The group a government is ranked and compared in."""
    return "provinsi" if row["level"] == "provinsi" else "kabkota"


def peers(results: pd.DataFrame, row: pd.Series, in_province: bool) -> pd.DataFrame:
    """The scored governments `row` is ranked among in its year (none in-province for a
    pemprov: it has no rank inside its own province)."""
    level = peer_level(row)
    same = in_level(results[(results["year"] == row["year"]) & results["score"].notna()], level)
    if in_province:
        if level == "provinsi":
            return same.iloc[0:0]
        same = same[same["province_code"] == row["province_code"]]
    return same


def medians(results: pd.DataFrame, row: pd.Series) -> dict[str, float]:
    """Median score of the government's peers in its province and in the nation that year."""
    return {
        "province": peers(results, row, in_province=True)["score"].median(),
        "national": peers(results, row, in_province=False)["score"].median(),
    }


def median_by_year(
    results: pd.DataFrame, level: Level, years: pd.Series, province_code: str | None = None
) -> pd.DataFrame:
    """Median score per year of a level group (optionally one province), for trend lines."""
    rows = in_level(results[results["score"].notna() & results["year"].isin(years)], level)
    if province_code is not None:
        rows = rows[rows["province_code"] == province_code]
    return rows.groupby("year")["score"].median().reset_index()
