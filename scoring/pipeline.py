"""Raw imported frames → the analysis frames every view and command reads.

Kept apart from storage and from the pages so that the CLI, the app and the tests all derive
ranks, grades and changes the same way.
"""

from __future__ import annotations

import pandas as pd

from scoring.compute import add_changes, add_ranks, grade
from scoring.frames import ANALYSED_TEXT_COLUMNS, AnalysedResults, checked
from scoring.printed import parse_printed_category
from scoring.regions import Gazetteer


def resolve(raw: pd.DataFrame, gazetteer: Gazetteer | None) -> pd.DataFrame:
    """Attach region codes; without a gazetteer every code stays missing."""
    if gazetteer is None:
        missing = pd.Series(pd.NA, index=raw.index, dtype="string")
        level = raw.get("level", missing)  # no level on governments scored from units
        return raw.assign(
            code=missing, province_code=missing, region_name=missing, match="none", level=level
        )
    resolved = gazetteer.resolve(raw, name_col="entity", province_col="province")
    out = raw.drop(columns=resolved.columns, errors="ignore").join(resolved)
    levels = gazetteer.regions.set_index("code")["level"]
    derived = resolved["code"].map(levels).where(resolved["code"].str.len() != 2, "provinsi")
    out["level"] = out["level"].astype("string").fillna(derived) if "level" in out else derived
    return out


def analyse(results: pd.DataFrame) -> pd.DataFrame:
    """Grade, rank and compare resolved results (one row per government and year).

    Returns `scoring.frames.AnalysedResults`, text columns as pandas strings whichever way the
    rows came (a file, the database, the demo generator).
    """
    frame = results.copy()
    frame["category_letter"] = parse_printed_category(frame["category"], frame["year"])
    frame = frame.rename(columns={"category": "category_printed"})
    official = frame["region_name"].where(
        frame["level"] != "provinsi", "Provinsi " + frame["region_name"]
    )
    frame["display_name"] = official.fillna(frame["entity"])
    analysed = add_changes(add_ranks(grade(frame)))
    absent = [c for c in (*ANALYSED_TEXT_COLUMNS, "source_row") if c not in analysed]
    analysed = analysed.reindex(columns=[*analysed.columns, *absent])  # e.g. computed scores
    types = {column: "string" for column in ANALYSED_TEXT_COLUMNS} | {"source_row": "Int64"}
    return checked(analysed.astype(types), AnalysedResults)
