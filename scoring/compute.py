"""From item scores to ranked, graded government results, all vectorised.

The chain follows DOMAIN.md: item (0-3) → indicator → variable → dimension (0-100) → unit score
(dimension weights of the era) → government score (unweighted mean of its units) → grade.

Assumptions where the methodology is silent, kept here in one place:
- an indicator's score is the mean of its items over both observed products, scaled ×100/3;
- a variable's score is the unweighted mean of its indicators, a dimension's of its variables;
- a unit with a dimension missing gets no score (it is reported, not guessed).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from scoring.choices import LEVEL_GROUPS, Level
from scoring.classify import classify_years, hundredths
from scoring.methodology import for_year

UNIT_KEYS = ["year", "province", "pemda", "opd", "unit_type"]
GOVERNMENT_KEYS = ["year", "province", "pemda"]


def _keys(frame: pd.DataFrame, keys: list[str]) -> list[str]:
    """The key columns that the frame has (`code` travels along when present)."""
    return [k for k in [*keys, "code"] if k in frame.columns]


def score_indicators(items: pd.DataFrame) -> pd.DataFrame:
    """Mean item score per indicator over products, on 0-100."""
    keys = [*_keys(items, UNIT_KEYS), "dimension", "variable", "indicator"]
    out = items.groupby(keys, observed=True, sort=False)["item_score"].mean().reset_index()
    out["score"] = out.pop("item_score") * (100 / 3)
    return out


def score_dimensions(indicators: pd.DataFrame) -> pd.DataFrame:
    """Variable means, then dimension means, per unit."""
    unit = _keys(indicators, UNIT_KEYS)
    variables = (
        indicators.groupby([*unit, "dimension", "variable"], observed=True, sort=False)["score"]
        .mean()
        .reset_index()
    )
    return (
        variables.groupby([*unit, "dimension"], observed=True, sort=False)["score"]
        .mean()
        .reset_index()
    )


def _weights(years: pd.Series) -> pd.DataFrame:
    """(year, dimension, weight) for every year present whose weights are known."""
    rows = [
        (year, d.key, d.weight)
        for year in pd.unique(years)
        if (method := for_year(int(year))).can_recompute
        for d in method.dimensions
    ]
    return pd.DataFrame(rows, columns=["year", "dimension", "weight"]).astype(
        {"year": years.dtype, "dimension": "string"}
    )


def score_units_from_dimensions(dimensions: pd.DataFrame) -> pd.DataFrame:
    """Weighted sum of a unit's dimension scores; NaN when a weighted dimension is missing."""
    unit = _keys(dimensions, UNIT_KEYS)
    weights = _weights(dimensions["year"])
    frame = dimensions.astype({"dimension": "string"}).merge(
        weights, on=["year", "dimension"], how="inner"
    )
    frame["weighted"] = frame["score"] * frame["weight"] / 100
    grouped = frame.groupby(unit, observed=True, sort=False)
    units = grouped["weighted"].sum().rename("score").reset_index()
    found = grouped["dimension"].nunique().to_numpy()
    expected = weights.groupby("year")["dimension"].nunique()
    units.loc[found != units["year"].map(expected).to_numpy(), "score"] = np.nan
    return units


def score_items(items: pd.DataFrame) -> pd.DataFrame:
    """Unit scores (one row per unit) from item-level rows."""
    return score_units_from_dimensions(score_dimensions(score_indicators(items)))


def score_governments(units: pd.DataFrame) -> pd.DataFrame:
    """Government score = unweighted mean of its scored units, with the number of units."""
    keys = _keys(units, GOVERNMENT_KEYS)
    grouped = units.groupby(keys, observed=True, sort=False)["score"]
    out = grouped.agg(score="mean", units="count").reset_index()
    return out[out["units"] > 0].reset_index(drop=True)


def grade(results: pd.DataFrame) -> pd.DataFrame:
    """Add the computed zone/category/opinion; `zone`/`category` fall back to printed values.

    A computed grade always wins over a printed one; a row published with a zone but no score
    keeps its printed zone (marked by `graded_from` = "printed").
    """
    out = results.copy()
    computed = classify_years(out["score"], out["year"])
    out["zone_calc"] = computed["zone"]
    out["category_calc"] = computed["category"]
    out["opinion_id"] = computed["opinion_id"]
    out["opinion_en"] = computed["opinion_en"]
    printed_zone = out["zone"] if "zone" in out else pd.Series(pd.NA, index=out.index)
    out["zone_printed"] = printed_zone.astype("string")
    out["zone"] = out["zone_calc"].fillna(out["zone_printed"])
    if "category_letter" in out:
        out["category"] = out["category_calc"].fillna(out["category_letter"])
    else:
        out["category"] = out["category_calc"]
    out["graded_from"] = np.where(
        out["score"].notna(), "score", np.where(out["zone"].notna(), "printed", "none")
    )
    return out


def _competition_rank(results: pd.DataFrame, groups: list[pd.Series]) -> pd.Series:
    """Rank 1, 2, 2, 4 by score within groups; ties judged on the two-decimal score."""
    cents = hundredths(results["score"])
    return cents.groupby(groups).rank(method="min", ascending=False).astype("Int64")


def display_order(results: pd.DataFrame) -> pd.DataFrame:
    """Best first; equal scores in alphabetical order of name, not-assessed rows last."""
    name = "region_name" if "region_name" in results else "entity"
    return (
        results.assign(_cents=hundredths(results["score"]))
        .sort_values(["_cents", name], ascending=[False, True], na_position="last")
        .drop(columns="_cents")
    )


def rank_column(level: Level, in_province: bool) -> str:
    """The column `add_ranks` writes for a ranking of `level`, nationally or in a province.

    >>> rank_column("kabkota", in_province=True)
    'rank_province_kabkota'
    """
    base = "rank_province" if in_province else "rank_national"
    return f"{base}_kabkota" if level == "kabkota" else base


def add_ranks(results: pd.DataFrame) -> pd.DataFrame:
    """National and provincial ranks within each level, and for kab and kota together.

    `rank_national`/`rank_province` rank pemprov among pemprov, pemkab among pemkab and pemkot
    among pemkot; the `_kabkota` columns rank kabupaten and kota in one list. A pemprov has no
    rank within its own province. Rows without a score or a region code get no rank.
    """
    out = results.copy()
    is_kabkota = out["level"].isin(LEVEL_GROUPS["kabkota"])
    kabkota = out["level"].where(~is_kabkota, "kabkota")
    for suffix, extra in (("national", []), ("province", [out["province_code"]])):
        out[f"rank_{suffix}"] = _competition_rank(out, [out["year"], out["level"], *extra])
        out[f"rank_{suffix}_kabkota"] = _competition_rank(
            out, [out["year"], kabkota, *extra]
        ).where(is_kabkota)
    out["rank_province"] = out["rank_province"].where(is_kabkota)
    return out


def add_changes(results: pd.DataFrame) -> pd.DataFrame:
    """Change against the government's previous assessed year within the same era.

    Adds `prev_year`, `prev_score`, `change` (two decimals) and `zone_move`
    (naik / turun / tetap, or missing when there is nothing comparable).
    """
    out = results.copy()
    group = out["year"].map(lambda y: for_year(int(y)).comparability_group)
    order = out.assign(_group=group).sort_values(["code", "_group", "year"])
    previous = order.groupby(["code", "_group"], sort=False)[["year", "score", "zone"]].shift()
    out["prev_year"] = previous["year"].reindex(out.index).astype("Int64")
    out["prev_score"] = previous["score"].reindex(out.index).astype(float)
    out["change"] = (hundredths(out["score"]) - hundredths(out["prev_score"])) / 100
    severity = {"hijau": 0, "kuning": 1, "merah": 2, "hitam": 3}
    now = out["zone"].map(severity).to_numpy(dtype=float, na_value=np.nan)
    before = (
        previous["zone"].reindex(out.index).map(severity).to_numpy(dtype=float, na_value=np.nan)
    )
    move = np.select([now < before, now > before, now == before], ["naik", "turun", "tetap"], "")
    out["zone_move"] = pd.Series(move, index=out.index).replace("", pd.NA).astype("string")
    return out
