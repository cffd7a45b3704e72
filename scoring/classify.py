"""Score → zone, category and opinion, vectorised over a whole column of scores.

Comparisons are made in integer hundredths after rounding half-up, so a bound such as 78.00 is
exact and never at the mercy of binary floating point.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import numpy as np
import pandas as pd

from scoring.methodology import Methodology, for_year


def round_half_up(score: float) -> float:
    """Round one score to two decimals, halves up, as published figures are.

    >>> round_half_up(77.995)
    78.0
    """
    return float(Decimal(repr(float(score))).quantize(Decimal("0.01"), ROUND_HALF_UP))


def hundredths(scores: pd.Series) -> pd.Series:
    """Scores as integer hundredths after half-up rounding (NaN stays missing).

    The 1e-9 absorbs binary representation error (77.995 is stored as 77.99499...).
    """
    values = np.floor(scores.to_numpy(dtype=float) * 100 + 0.5 + 1e-9)
    return pd.Series(values, index=scores.index).astype("Int64")


def classify(scores: pd.Series, method: Methodology) -> pd.DataFrame:
    """Zone, category and opinion for every score; missing scores give missing labels."""
    cents = hundredths(pd.Series(scores, dtype=float))
    lowers = np.array([round(g.lower * 100) for g in method.grades])
    valid = cents.notna().to_numpy()
    # grades are best first: the first lower bound a score reaches is its grade.
    reached = cents.fillna(-1).to_numpy()[:, None] >= lowers[None, :]
    index = np.where(valid, reached.argmax(axis=1), -1)

    def pick(attribute: str) -> pd.Series:
        values = np.array([getattr(g, attribute) for g in method.grades] + [None], dtype=object)
        return pd.Series(values[index], index=cents.index, dtype="string")

    return pd.DataFrame(
        {
            "zone": pick("zone"),
            "category": pick("category") if method.has_categories else pd.NA,
            "opinion_id": pick("opinion_id"),
            "opinion_en": pick("opinion_en"),
        },
        index=cents.index,
    ).astype("string")


def classify_years(scores: pd.Series, years: pd.Series) -> pd.DataFrame:
    """Classify scores of mixed years, each by the rules of its own year."""
    parts = [
        classify(scores[years == year], for_year(int(year))) for year in pd.unique(years.dropna())
    ]
    if not parts:
        return pd.DataFrame(
            columns=["zone", "category", "opinion_id", "opinion_en"], index=scores.index
        ).astype("string")
    return pd.concat(parts).reindex(scores.index)
