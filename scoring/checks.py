"""Consistency checks on published figures: flag, never fix.

Each check returns findings; the figures themselves are left exactly as printed, so a reader can
see both the source's value and why it looks wrong. A finding names its check by code and
carries the figures it is about in `params`; the wording is in `labels/messages.toml`
(`check.<code>` names the check, `check_detail.<code>` words the finding), so a page shows it in
its own language.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

import pandas as pd

from scoring.classify import hundredths
from scoring.methodology import for_year
from scoring.printed import parse_printed_category

Check = Literal[
    "zone_vs_band",
    "category_vs_band",
    "units_vs_score",
    "conflicting_duplicate",
    "source_conflict",
]
FINDING_COLUMNS = ["check", "year", "entity", "code", "source_row", "params"]

# How the published collection marks a row in `notes` (see the data's README).
DERIVED_NOTE = r"^\s*zone only,\s*derived"  # a zone stated for a group, not for the row by name
SECOND_SOURCE_NOTE = r"^\s*second source"  # a later source for a figure already listed
SOURCE_FLAGS = ("zone_derived", "second_source", "counted", "sources_disagree")


def _findings(rows: pd.DataFrame, check: Check, params: Mapping[str, pd.Series]) -> pd.DataFrame:
    """One finding per row; `params` holds one dict per finding, of plain Python values."""
    records = pd.DataFrame(dict(params), index=rows.index).to_dict("records")
    return pd.DataFrame(
        {
            "check": check,
            "year": rows["year"],
            "entity": rows["entity"],
            "code": rows.get("code", pd.NA),
            "source_row": rows.get("source_row", pd.NA),
            "params": pd.Series(records, index=rows.index, dtype=object),
        }
    )


def zone_contradictions(graded: pd.DataFrame) -> pd.DataFrame:
    """A printed zone that differs from the zone the score's band gives (e.g. 50.12 'kuning')."""
    bad = graded[
        graded["zone_printed"].notna()
        & graded["zone_calc"].notna()
        & (graded["zone_printed"] != graded["zone_calc"])
    ]
    params = {"score": bad["score"], "calc": bad["zone_calc"], "printed": bad["zone_printed"]}
    return _findings(bad, "zone_vs_band", params)


def category_contradictions(graded: pd.DataFrame) -> pd.DataFrame:
    """A printed category letter that differs from the score's band (e.g. 97.50 'Tinggi')."""
    if "category_letter" not in graded:
        return pd.DataFrame(columns=FINDING_COLUMNS)
    bad = graded[
        graded["category_letter"].notna()
        & graded["category_calc"].notna()
        & (graded["category_letter"] != graded["category_calc"])
    ]
    params = {
        "score": bad["score"],
        "calc": bad["category_calc"],
        "printed": bad["category_letter"],
    }
    return _findings(bad, "category_vs_band", params)


def complete_unit_sets(units: pd.DataFrame) -> pd.DataFrame:
    """Governments whose published units all have scores and number at least the era's minimum.

    A published list of units is taken as the complete set only then: shorter lists are the
    press's selection (the best unit, one OPD) and cannot be compared with the headline.
    """
    grouped = units.groupby(["year", "pemda"], observed=True)["score"]
    sets = grouped.agg(unit_mean="mean", scored="count", listed="size").reset_index()
    minimum = sets["year"].map(lambda y: for_year(int(y)).min_units_for_complete_set)
    complete = (sets["scored"] == sets["listed"]) & (sets["scored"] >= minimum)
    return sets[complete].reset_index(drop=True)


def unit_mean_mismatches(results: pd.DataFrame, units: pd.DataFrame) -> pd.DataFrame:
    """A government score more than 0.01 away from the mean of its complete published units."""
    sets = complete_unit_sets(units)
    joined = results.merge(sets, left_on=["year", "entity"], right_on=["year", "pemda"])
    joined = joined[joined["score"].notna()]
    gap = (joined["score"] - joined["unit_mean"]).abs()
    bad = joined[gap > 0.01 + 1e-9]
    params = {"score": bad["score"], "units": bad["scored"], "mean": bad["unit_mean"]}
    return _findings(bad, "units_vs_score", params)


def _figure_keys(results: pd.DataFrame) -> list[pd.Series]:
    """Year and government of each row: its code, else its name as written."""
    name = results["entity"].astype("string")
    code = results["code"].astype("string") if "code" in results else name
    return [results["year"], code.fillna("name:" + name)]


def _disagreeing(
    keys: list[pd.Series], score: pd.Series, zone: pd.Series, letter: pd.Series
) -> pd.Series:
    """Rows whose government and year has two different scores (in hundredths), zones or
    category letters; a row that leaves one out (a zone-only figure) does not disagree."""
    fields = [hundredths(score.astype(float)).astype("string"), zone, letter]
    varies = [f.astype("string").groupby(keys).transform("nunique") > 1 for f in fields]
    return (varies[0] | varies[1] | varies[2]).astype(bool)


def source_flags(results: pd.DataFrame) -> pd.DataFrame:
    """What a page needs to show each imported result honestly, read from its notes and its
    neighbours; the figures are untouched.

    `zone_derived`: the zone is stated for a group ("all other kab/kota are yellow"), not for
    the row by name. `second_source`: a later source for a figure already listed.
    `sources_disagree`: the government and year has rows that differ in score, zone or category.
    `counted`: the one row per government and year that rankings, maps and counts use: the
    first with a score, a first source before a second; the others are shown beside it.
    """
    notes = results["notes"].astype("string").fillna("")
    derived = notes.str.contains(DERIVED_NOTE, case=False, regex=True)
    second = notes.str.contains(SECOND_SOURCE_NOTE, case=False, regex=True)
    keys = _figure_keys(results)
    letter = parse_printed_category(results["category"], results["year"])
    disagree = _disagreeing(keys, results["score"], results["zone"], letter)
    order = pd.DataFrame(
        {"unscored": results["score"].isna(), "second": second, "at": range(len(results))},
        index=results.index,
    ).sort_values(["unscored", "second", "at"])
    first = ~pd.concat([k.reindex(order.index) for k in keys], axis=1).duplicated()
    return pd.DataFrame(
        {
            "zone_derived": derived.astype(bool),
            "second_source": second.astype(bool),
            "counted": first.reindex(results.index).astype(bool),
            "sources_disagree": disagree,
        },
        index=results.index,
    )


def conflicting_duplicates(results: pd.DataFrame) -> pd.DataFrame:
    """Rows for the same government and year that disagree on score, printed zone or category
    letter (graded results: the printed zone and letter, not the ones computed from a score),
    and rows flagged at import because a further source, stored beside them, disagrees."""
    stored = results.get("sources_disagree", pd.Series(False, index=results.index))
    bad = results[
        _disagreeing(
            _figure_keys(results),
            results["score"],
            results["zone_printed"],
            results["category_letter"],
        )
        | stored.astype("boolean").fillna(False).astype(bool)  # its other source is stored apart
    ]
    params = {
        "score": bad["score"].astype("string").fillna("-"),
        "zone": bad["zone_printed"].astype("string").fillna("-"),
        "source": bad["source_url"].astype("string").fillna("-"),
    }
    return _findings(bad, "conflicting_duplicate", params)


def source_conflicts(results: pd.DataFrame) -> pd.DataFrame:
    """Rows whose own notes say that sources disagree."""
    notes = results["notes"].astype("string").fillna("")
    bad = results[notes.str.contains(r"\bCONFLICT\b|\bconflict\b", regex=True)]
    return _findings(bad, "source_conflict", {"notes": bad["notes"].astype("string")})


def run_all(graded: pd.DataFrame, units: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every check over graded results (and their published units, if any), one frame."""
    parts = [
        zone_contradictions(graded),
        category_contradictions(graded),
        conflicting_duplicates(graded),
        source_conflicts(graded),
    ]
    if units is not None and not units.empty:
        parts.append(unit_mean_mismatches(graded, units))
    parts = [p for p in parts if not p.empty]
    if not parts:
        return pd.DataFrame(columns=FINDING_COLUMNS)
    return pd.concat(parts, ignore_index=True)[FINDING_COLUMNS]
