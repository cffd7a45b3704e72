"""Every imported row placed on the map, or reported: a row that cannot be placed is never stored.

A government is placed when the gazetteer finds its code within the province written beside it
(old province names lead to their successors). A name found only in another province, a
province nobody knows, a name that matches two regions, or a name found nowhere is a problem at
the row's cell, with the closest official names as suggestions.
"""

from __future__ import annotations

import difflib

import pandas as pd

from scoring.importing.layouts import ImportResult
from scoring.problems import Problem
from scoring.regions import Gazetteer

SUGGESTIONS = 3


def _province_problem(imported: ImportResult, row: pd.Series, gazetteer: Gazetteer) -> Problem:
    names = gazetteer.provinces["name"].tolist()
    close = tuple(difflib.get_close_matches(str(row["province"]), names, n=SUGGESTIONS))
    return Problem(
        imported.file,
        int(row["source_row"]),
        imported.header("province"),
        str(row["province"]),
        "province_unknown",
        {"suggestions": ", ".join(close) or "—"},
        suggestions=close,
    )


def _name_problem(
    imported: ImportResult,
    row: pd.Series,
    name_col: str,
    gazetteer: Gazetteer,
    elsewhere: object,
) -> Problem:
    where = (imported.file, int(row["source_row"]), imported.header(name_col), str(row[name_col]))
    if row["match"] == "ambiguous":
        return Problem(*where, "region_ambiguous")
    if isinstance(elsewhere, str):
        province = gazetteer.provinces.set_index("code")["name"].get(elsewhere[:2], "?")
        return Problem(*where, "region_in_other_province", {"province": province})
    code = gazetteer.resolve_province(str(row["province"]))
    close = tuple(gazetteer.suggest(str(row[name_col]), SUGGESTIONS, province_code=code))
    return Problem(
        *where, "region_unknown", {"suggestions": ", ".join(close) or "—"}, suggestions=close
    )


def placement_problems(
    imported: ImportResult, resolved: pd.DataFrame, gazetteer: Gazetteer, name_col: str
) -> list[Problem]:
    """One problem per row of `resolved` (the imported frame with its codes) left without one."""
    unplaced = resolved[resolved["code"].isna()]
    if unplaced.empty:
        return []
    anywhere = gazetteer.resolve(unplaced.drop(columns="province"), name_col=name_col)["code"]
    known_province = unplaced["province"].map(
        lambda p: gazetteer.resolve_province(str(p)) is not None
    )
    return [
        _name_problem(imported, row, name_col, gazetteer, elsewhere)
        if known
        else _province_problem(imported, row, gazetteer)
        for (_, row), elsewhere, known in zip(
            unplaced.iterrows(), anywhere.tolist(), known_province.tolist(), strict=True
        )
    ]
