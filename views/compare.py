"""Frames for the comparison page: several regions across years and dimensions."""

from __future__ import annotations

import pandas as pd

from scoring.methodology import for_year
from views.format import zone_word
from views.i18n import Lang, t


def trend_frame(results: pd.DataFrame, codes: list[str]) -> pd.DataFrame:
    rows = results[results["code"].isin(codes)]
    return pd.DataFrame({"year": rows["year"], "score": rows["score"], "zone": rows["zone"],
                         "series": rows["display_name"]})


def side_by_side(results: pd.DataFrame, codes: list[str], lang: Lang) -> pd.DataFrame:
    """Years down, regions across: 'score (zone)' per cell, '–' where not assessed."""
    rows = results[results["code"].isin(codes)]
    cell = rows["score"].map(lambda s: "–" if pd.isna(s) else f"{s:.2f}") + " (" + rows[
        "zone"].map(lambda z: zone_word(z if pd.notna(z) else None, lang)) + ")"
    table = rows.assign(cell=cell).pivot_table(
        index="year", columns="display_name", values="cell", aggfunc="first"
    )
    return table.sort_index(ascending=False).fillna(t("zone.none", lang)).rename_axis(
        index=t("col.year", lang), columns=None
    )


def dimension_means(
    dimensions: dict[str, pd.DataFrame], names: pd.Series, year: int, lang: Lang
) -> pd.DataFrame:
    """Each region's mean dimension score over its units, as a region × dimension frame."""
    method = for_year(year)
    labels = {d.key: (d.name_id if lang == "id" else d.name_en) for d in method.dimensions}
    parts = [
        frame[frame["year"] == year].groupby("dimension")["score"].mean().reset_index()
        .assign(unit=names[code])
        for code, frame in dimensions.items()
        if not frame.empty
    ]
    parts = [p for p in parts if not p.empty]
    if not parts:
        return pd.DataFrame(columns=["unit", "dimension", "score"])
    out = pd.concat(parts, ignore_index=True)
    return out.assign(dimension=out["dimension"].map(labels))[["unit", "dimension", "score"]]
