"""Who wins what at a penganugerahan: the awards of one year in one scope, as plain values.

The awards follow what the ceremonies hand out: category A ("Kualitas Tertinggi") and B, the
largest rise against the previous comparable year (the change that `scoring.compute.add_changes`
computes stays within one methodology era), a move up at least one zone, the best service unit
where unit scores exist, and from 2025 the opinion "Tanpa Maladministrasi" where a source printed
it. An award nobody won is left out. Pure: no Streamlit, so the slides, the PPTX and the
certificates all read the same winners.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from scoring.choices import Level
from scoring.classify import classify
from scoring.compute import display_order
from scoring.methodology import for_year
from views.tables import scope

AWARD_KEYS = (
    "category_a",
    "category_b",
    "most_improved",
    "zone_up",
    "best_unit",
    "tanpa_maladministrasi",
)
IMPROVED_COUNT = 3
BEST_UNIT_COUNT = 3


@dataclass(frozen=True)
class Winner:
    """One winner as a slide shows it: untrusted `name` and `detail`, escaped where rendered."""

    name: str
    score: float | None
    zone: str | None
    category: str | None
    change: float | None = None
    prev_year: int | None = None
    prev_zone: str | None = None
    unit_of: str | None = None  # the government a winning unit belongs to


@dataclass(frozen=True)
class Award:
    key: str  # one of AWARD_KEYS; its label is `award.<key>`
    winners: tuple[Winner, ...]


def _text(value: Any) -> str | None:
    return None if pd.isna(value) else str(value)


def _number(value: Any) -> float | None:
    return None if pd.isna(value) else float(value)


def _winner(row: pd.Series, **extra: object) -> Winner:
    return Winner(
        name=str(row["display_name"]),
        score=_number(row["score"]),
        zone=_text(row["zone"]),
        category=_text(row["category"]),
        **extra,  # type: ignore[arg-type]
    )


def _by_category(rows: pd.DataFrame, letter: str) -> tuple[Winner, ...]:
    chosen = display_order(rows[rows["category"] == letter])
    return tuple(_winner(row) for _, row in chosen.iterrows())


def _previous_zones(results: pd.DataFrame, rows: pd.DataFrame) -> pd.Series:
    """The zone each row's government had in its previous comparable year."""
    earlier = results[["code", "year", "zone"]].dropna(subset=["code"])
    keys = rows[["code", "prev_year"]].rename(columns={"prev_year": "year"})
    keys = keys.astype({"year": "Int64"})
    merged = keys.reset_index().merge(
        earlier.astype({"year": "Int64"}), on=["code", "year"], how="left"
    )
    return merged.drop_duplicates("index").set_index("index")["zone"].reindex(rows.index)


def _most_improved(rows: pd.DataFrame) -> tuple[Winner, ...]:
    risen = rows[rows["change"].notna() & (rows["change"] > 0)]
    top = risen.sort_values(["change", "display_name"], ascending=[False, True])
    return tuple(
        _winner(row, change=float(row["change"]), prev_year=int(row["prev_year"]))
        for _, row in top.head(IMPROVED_COUNT).iterrows()
    )


def _zone_up(results: pd.DataFrame, rows: pd.DataFrame) -> tuple[Winner, ...]:
    moved = display_order(rows[rows["zone_move"] == "naik"])
    before = _previous_zones(results, moved)
    return tuple(
        _winner(
            row,
            change=_number(row["change"]),
            prev_year=int(row["prev_year"]),
            prev_zone=_text(previous),
        )
        for (_, row), previous in zip(moved.iterrows(), before.tolist(), strict=True)
    )


def _best_units(units: pd.DataFrame | None, rows: pd.DataFrame, year: int) -> tuple[Winner, ...]:
    if units is None or units.empty:
        return ()
    names = rows.dropna(subset=["code"]).set_index("code")["display_name"]
    scored = units[(units["year"] == year) & units["code"].isin(names.index)]
    scored = scored[scored["score"].notna()].sort_values(["score", "opd"], ascending=[False, True])
    top = scored.head(BEST_UNIT_COUNT)
    grades = classify(top["score"], for_year(year))
    return tuple(
        Winner(
            name=str(unit["opd"]),
            score=float(unit["score"]),
            zone=_text(grades.at[index, "zone"]),
            category=_text(grades.at[index, "category"]),
            unit_of=str(names[unit["code"]]),
        )
        for index, unit in top.iterrows()
    )


def followed_up(rows: pd.DataFrame, year: int) -> pd.Series:
    """Whether each row's printed opinion carries the era's follow-up suffix ("Tanpa
    Maladministrasi", 2025 on); False where nothing was printed or the era has none."""
    suffix = for_year(year).followed_up_suffix_id
    if not suffix or "category_printed" not in rows:
        return pd.Series(False, index=rows.index)
    printed = rows["category_printed"].astype("string").str.lower()
    return printed.str.contains(suffix.lower(), regex=False).fillna(False).astype(bool)


def _tanpa_maladministrasi(rows: pd.DataFrame, year: int) -> tuple[Winner, ...]:
    chosen = display_order(rows[followed_up(rows, year)])
    return tuple(_winner(row) for _, row in chosen.iterrows())


def awards(
    results: pd.DataFrame,
    *,
    year: int,
    level: Level,
    province_code: str | None,
    units: pd.DataFrame | None = None,
) -> tuple[Award, ...]:
    """Every award of `year` in the scope that somebody won, in ceremony order."""
    rows = scope(results, year, level, province_code)
    found = {
        "category_a": _by_category(rows, "A"),
        "category_b": _by_category(rows, "B"),
        "most_improved": _most_improved(rows),
        "zone_up": _zone_up(results, rows),
        "best_unit": _best_units(units, rows, year),
        "tanpa_maladministrasi": _tanpa_maladministrasi(rows, year),
    }
    return tuple(Award(key, found[key]) for key in AWARD_KEYS if found[key])
