"""Frames for the comparison page: several regions across years and dimensions."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from scoring.choices import Lang
from scoring.frames import checked
from scoring.i18n import bilingual, t
from scoring.methodology import for_year, zones
from views.format import score_text, zone_word
from views.frames import TrendSeries, UnitDimensionCells


def trend_frame(results: pd.DataFrame, codes: list[str]) -> pd.DataFrame:
    rows = results[results["code"].isin(codes)]
    series = pd.DataFrame(
        {
            "year": rows["year"],
            "score": rows["score"],
            "zone": rows["zone"],
            "series": rows["display_name"],
        }
    )
    return checked(series, TrendSeries)


def side_by_side(results: pd.DataFrame, codes: list[str], lang: Lang) -> pd.DataFrame:
    """Years down, regions across: 'score (zone)' per cell, '–' where not assessed."""
    rows = results[results["code"].isin(codes)]
    words = {zone: zone_word(zone, lang) for zone in zones()}
    zone = rows["zone"].map(words).fillna(t("zone.none", lang))
    cell = rows["score"].map(lambda s: score_text(s, lang)) + " (" + zone + ")"
    table = rows.assign(cell=cell).pivot_table(
        index="year", columns="display_name", values="cell", aggfunc="first"
    )
    return (
        table.sort_index(ascending=False)
        .fillna(t("zone.none", lang))
        .rename_axis(index=t("col.year", lang), columns=None)
    )


def dimension_means(
    dimensions: Mapping[str, pd.DataFrame], names: Mapping[str, str], year: int, lang: Lang
) -> pd.DataFrame:
    """Each region's mean dimension score over its units, as a region × dimension frame."""
    method = for_year(year)
    labels = {d.key: bilingual(d, "name", lang) for d in method.dimensions}
    parts = [
        frame[frame["year"] == year]
        .groupby("dimension")["score"]
        .mean()
        .reset_index()
        .assign(unit=names[code])
        for code, frame in dimensions.items()
        if not frame.empty
    ]
    parts = [p for p in parts if not p.empty]
    if not parts:
        return pd.DataFrame(columns=["unit", "dimension", "score"])
    order = {key: position for position, key in enumerate(labels)}
    out = pd.concat(parts, ignore_index=True)
    out = out.sort_values("dimension", key=lambda keys: keys.map(order), kind="stable")
    cells = out.assign(dimension=out["dimension"].map(labels))[["unit", "dimension", "score"]]
    return checked(cells, UnitDimensionCells)
