"""'What to fix first': the indicators whose improvement raises a government's score most.

Raising one indicator of one unit to 100 lifts the government score by
    (100 − indicator) × dimension weight / 100 / variables in the dimension
                     / indicators in the variable / units of the government,
because each level of the chain is a plain or weighted mean (see scoring.compute). Sorting by
that gain and accumulating it says how many fixes reach the next category. The same chain gives
what each dimension and each indicator (summed over the units) costs the government: the points
it would gain if that part were at 100 everywhere — the rapor's weaknesses.
"""

from __future__ import annotations

import pandas as pd

from scoring.classify import classify, hundredths
from scoring.methodology import for_year


def indicator_gains(indicators: pd.DataFrame, year: int) -> pd.DataFrame:
    """Each indicator's possible gain in government points if raised to 100, best first.

    `indicators`: one government's indicator scores for `year` (columns opd, unit_type,
    dimension, variable, indicator, score), as stored by the data-access module.
    """
    method = for_year(year)
    if not method.can_recompute or indicators.empty:
        return indicators.assign(gain=pd.Series(dtype=float)).iloc[0:0]
    weights = {d.key: d.weight for d in method.dimensions}
    frame = indicators.copy()
    variables_per_dimension = frame.groupby(["opd", "dimension"])["variable"].transform("nunique")
    indicators_per_variable = frame.groupby(["opd", "variable"])["indicator"].transform("nunique")
    units = frame["opd"].nunique()
    share = (
        frame["dimension"].map(weights)
        / 100
        / variables_per_dimension
        / indicators_per_variable
        / units
    )
    frame["gain"] = (100 - frame["score"]) * share
    return frame.sort_values(["gain", "opd", "indicator"], ascending=[False, True, True])


def improvement_plan(indicators: pd.DataFrame, year: int, current_score: float) -> pd.DataFrame:
    """The top fixes with the cumulative score, marking the fix that reaches the next grade."""
    gains = indicator_gains(indicators, year)
    if gains.empty:
        return gains.assign(cumulative_score=pd.Series(dtype=float), reaches=pd.Series(dtype=str))
    method = for_year(year)
    gains = gains[gains["gain"] > 0].copy()
    gains["cumulative_score"] = current_score + gains["gain"].cumsum()
    grade_now = classify(pd.Series([current_score]), method).iloc[0]
    label = "category" if method.has_categories else "zone"
    reached = classify(gains["cumulative_score"], method)[label]
    first_new = reached.ne(grade_now[label]) & ~reached.duplicated()
    gains["reaches"] = reached.where(first_new)
    return gains


def next_grade_gap(score: float, year: int) -> tuple[str | None, float]:
    """The next better category (or zone, before 2022) and the points still missing."""
    method = for_year(year)
    cents = int(hundredths(pd.Series([score])).iloc[0])
    better = [g for g in method.grades if round(g.lower * 100) > cents]
    if not better:
        return None, 0.0
    target = better[-1]
    return (target.category or target.zone), (round(target.lower * 100) - cents) / 100


def dimension_costs(dimensions: pd.DataFrame, year: int) -> pd.DataFrame:
    """Per dimension: the mean over the government's units and the points it costs, costliest
    first (`cost` is missing when the era's weights are unknown; then the lowest mean first).

    The government score is the mean over units of Σ weight × dimension score / 100, so raising
    one dimension to 100 in every unit gains weight / 100 × mean(100 − dimension score).
    `dimensions`: one government's rows for `year` (columns opd, dimension, score).
    """
    method = for_year(year)
    weights = {d.key: d.weight for d in method.dimensions}
    order = {d.key: i for i, d in enumerate(method.dimensions)}
    means = dimensions.groupby("dimension")["score"].mean()
    frame = pd.DataFrame({"dimension": means.index, "mean": means.to_numpy()})
    weight = frame["dimension"].map(weights).astype(float)
    frame["cost"] = (100 - frame["mean"]) * weight / 100 if method.can_recompute else float("nan")
    frame["order"] = frame["dimension"].map(order)
    by = ["cost", "mean", "order"] if method.can_recompute else ["mean", "order"]
    ascending = [False, True, True] if method.can_recompute else [True, True]
    return frame.sort_values(by, ascending=ascending).drop(columns="order").reset_index(drop=True)


def indicator_costs(indicators: pd.DataFrame, year: int) -> pd.DataFrame:
    """Per indicator (dimension, variable, number), summed over the units: the points it costs
    the government, how many units score it below 100, and its mean; costliest first, only
    indicators that cost anything."""
    gains = indicator_gains(indicators, year)
    keys = ["dimension", "variable", "indicator"]
    if gains.empty:
        return pd.DataFrame(columns=[*keys, "cost", "units_below", "mean"])
    grouped = gains.groupby(keys, as_index=False).agg(
        cost=("gain", "sum"),
        units_below=("score", lambda s: int((s < 100).sum())),
        mean=("score", "mean"),
    )
    grouped = grouped[grouped["cost"] > 0]
    return grouped.sort_values(["cost", *keys], ascending=[False, True, True, True]).reset_index(
        drop=True
    )
