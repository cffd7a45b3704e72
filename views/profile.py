"""The pieces of a government's rapor, as plain frames and strings for the profile page."""

from __future__ import annotations

import itertools

import pandas as pd

from scoring.choices import Lang
from scoring.classify import classify
from scoring.compute import rank_column
from scoring.frames import checked
from scoring.i18n import bilingual, t
from scoring.improve import next_grade_gap
from scoring.methodology import comparable, for_year
from views import queries
from views.format import change_text, zone_word
from views.frames import TrendSeries, UnitDimensionCells


def history(results: pd.DataFrame, code: str) -> pd.DataFrame:
    return results[results["code"] == code].sort_values("year")


def grade_text(row: pd.Series, lang: Lang) -> str:
    """'C · Kualitas Sedang' (or only the opinion before 2022); empty when unknown."""
    opinion = row.get(f"opinion_{lang}")
    parts = [p for p in (row.get("category"), opinion) if isinstance(p, str) and p]
    return " · ".join(parts)


def delta(row: pd.Series, lang: Lang) -> str | None:
    return None if pd.isna(row.get("change")) else change_text(row["change"], lang)


def delta_help(row: pd.Series, lang: Lang) -> str:
    if pd.isna(row.get("prev_year")):
        return t("ui.no_previous", lang)
    return t("profil.vs_year", lang, year=int(row["prev_year"]))


def rank_text(results: pd.DataFrame, row: pd.Series, in_province: bool) -> str:
    """'3 / 24' among its peers: pemprov nationally, kab and kota together otherwise (a pemprov
    has no rank in its own province: '–')."""
    rank = row.get(rank_column(queries.peer_level(row), in_province))
    if pd.isna(rank):
        return "–"
    return f"{int(rank)} / {len(queries.peers(results, row, in_province))}"


def trend_frame(results: pd.DataFrame, own: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    """The government's scores with its province's and the nation's kab/kota medians."""
    name = own["display_name"].iloc[-1]
    series = [own[["year", "score", "zone"]].assign(series=name)]
    province_code = own["province_code"].iloc[-1]
    for label, province in (
        (t("profil.median_province", lang), province_code),
        (t("profil.median_national_short", lang), None),
    ):
        medians = queries.median_by_year(results, "kabkota", own["year"], province)
        no_zone = pd.Series(pd.NA, index=medians.index, dtype="string")
        series.append(medians.assign(zone=no_zone, series=label))
    return checked(pd.concat(series, ignore_index=True), TrendSeries)


def breaks_in(years: list[int]) -> list[tuple[int, int]]:
    """Consecutive assessed years whose methods differ: the breaks to mark on screen."""
    pairs = itertools.pairwise(years)
    return [(a, b) for a, b in pairs if not comparable(a, b)]


def units_of(units: pd.DataFrame, code: str, year: int) -> pd.DataFrame:
    return units[(units["code"] == code) & (units["year"] == year)]


def units_table(units: pd.DataFrame, year: int, lang: Lang) -> pd.DataFrame:
    """Units with their score, zone word and category, best first."""
    graded = classify(units["score"], for_year(year))
    zone = graded["zone"].fillna(units["zone"].astype("string"))
    return pd.DataFrame(
        {
            t("profil.unit", lang): units["opd"].to_numpy(),
            t("profil.unit_type", lang): units["unit_type"]
            .map(lambda key: t(f"locus.{key}", lang))
            .to_numpy(),
            t("col.score", lang): units["score"].to_numpy(),
            t("col.zone", lang): zone.map(lambda z: zone_word(z, lang)).to_numpy(),
            t("col.category", lang): graded["category"].to_numpy(),
        }
    ).sort_values(t("col.score", lang), ascending=False, na_position="last")


def heatmap_frame(dimensions: pd.DataFrame, year: int, lang: Lang) -> pd.DataFrame:
    """unit × dimension scores with dimension names in the chosen language."""
    names = {d.key: bilingual(d, "name", lang) for d in for_year(year).dimensions}
    cells = pd.DataFrame(
        {
            "unit": dimensions["opd"],
            "dimension": dimensions["dimension"].map(names),
            "score": dimensions["score"],
        }
    )
    return checked(cells, UnitDimensionCells)


def has_source(row: pd.Series) -> bool:
    """Only published figures carry a source link; demo rows have none."""
    url = row.get("source_url")
    return isinstance(url, str) and url.startswith(("http://", "https://"))


def fix_target(row: pd.Series, year: int) -> tuple[str | None, float]:
    if pd.isna(row["score"]):
        return None, 0.0
    return next_grade_gap(float(row["score"]), year)


def plan_table(plan: pd.DataFrame, year: int, lang: Lang, limit: int = 15) -> pd.DataFrame:
    """The top fixes, cut just after the one that reaches the next grade (or at `limit`)."""
    method = for_year(year)
    variables = {v.key: bilingual(v, "name", lang) for d in method.dimensions for v in d.variables}
    reached = plan["reaches"].notna().to_numpy().nonzero()[0]
    end = max(limit, int(reached[0]) + 1) if len(reached) else limit
    top = plan.head(end)
    return pd.DataFrame(
        {
            t("profil.unit", lang): top["opd"].to_numpy(),
            t("profil.variable", lang): top["variable"].map(variables).to_numpy(),
            t("profil.indicator", lang): top["indicator"].to_numpy(),
            t("col.score", lang): top["score"].round(2).to_numpy(),
            t("profil.gain", lang): top["gain"].round(3).to_numpy(),
            t("profil.after", lang): top["cumulative_score"].round(2).to_numpy(),
            t("profil.reaches", lang): top["reaches"].fillna("").to_numpy(),
        }
    )
