"""The pieces of a government's rapor, as plain frames and strings for the profile page."""

from __future__ import annotations

import itertools

import pandas as pd
from pandas.io.formats.style import Styler

from scoring.choices import Lang, Palette
from scoring.classify import classify
from scoring.compute import rank_column
from scoring.frames import checked
from scoring.i18n import bilingual, t
from scoring.methodology import comparable, for_year
from views import queries, rapor, tables
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
    """The change for a metric card. A fall starts with an ASCII '-': Streamlit reads the
    direction (red down arrow) from that character, and a typographic minus shows as a rise."""
    if pd.isna(row.get("change")):
        return None
    text = change_text(row["change"], lang)
    return "-" + text[1:] if row["change"] < 0 else text


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
    """The government's scores with its province's and the nation's kab/kota medians (marked
    `reference`, so the chart draws them as comparison lines, never as the region's own)."""
    name = own["display_name"].iloc[-1]
    series = [own[["year", "score", "zone"]].assign(series=name, reference=False)]
    province_code = own["province_code"].iloc[-1]
    for label, province in (
        (t("profil.median_province", lang), province_code),
        (t("profil.median_national_short", lang), None),
    ):
        medians = queries.median_by_year(results, "kabkota", own["year"], province)
        no_zone = pd.Series(pd.NA, index=medians.index, dtype="string")
        series.append(medians.assign(zone=no_zone, series=label, reference=True))
    return checked(pd.concat(series, ignore_index=True), TrendSeries)


def breaks_in(years: list[int]) -> list[tuple[int, int]]:
    """Consecutive assessed years whose methods differ: the breaks to mark on screen."""
    pairs = itertools.pairwise(years)
    return [(a, b) for a, b in pairs if not comparable(a, b)]


def units_of(units: pd.DataFrame, code: str, year: int) -> pd.DataFrame:
    return units[(units["code"] == code) & (units["year"] == year)]


def graded_units(units: pd.DataFrame, year: int) -> pd.DataFrame:
    """Units best first with the zone and category of their score (the printed zone where a
    unit has no score): opd, unit_type, score, zone, category."""
    graded = classify(units["score"], for_year(year))
    frame = pd.DataFrame(
        {
            "opd": rapor.short_units(units),
            "unit_type": units["unit_type"].to_numpy(),
            "score": units["score"].astype(float).to_numpy(),
            "zone": graded["zone"].fillna(units["zone"].astype("string")).to_numpy(),
            "category": graded["category"].to_numpy(),
        }
    )
    return frame.sort_values(
        ["score", "opd"], ascending=[False, True], na_position="last"
    ).reset_index(drop=True)


def units_table(units: pd.DataFrame, year: int, lang: Lang) -> pd.DataFrame:
    """Units as shown: rank, name, score and zone first (what a phone shows without scrolling
    sideways), then category and locus type."""
    graded = graded_units(units, year)
    return pd.DataFrame(
        {
            t("profil.plan_rank", lang): range(1, len(graded) + 1),
            t("profil.unit", lang): graded["opd"],
            t("col.score", lang): graded["score"],
            t("col.zone", lang): graded["zone"].map(lambda z: zone_word(z, lang)),
            t("col.category", lang): graded["category"].fillna("–"),
            t("profil.unit_type", lang): graded["unit_type"].map(
                lambda key: t(f"locus.{key}", lang)
            ),
        }
    )


# Column widths (px) that keep rank, name, score and zone (or gain) within a 390 px phone; the
# other columns follow and scroll sideways.
COLUMN_WIDTHS = {
    "profil.plan_rank": 40,
    "profil.unit": 160,
    "profil.indicator": 192,
    "col.score": 60,
    "col.zone": 66,
    "profil.gain": 72,
}


def column_widths(lang: Lang) -> dict[str, int]:
    """Header (in `lang`) → width in pixels, for the profile's tables."""
    return {t(key, lang): width for key, width in COLUMN_WIDTHS.items()}


def styled(
    shown: pd.DataFrame, lang: Lang, palette: Palette, zones: pd.Series | None = None
) -> Styler:
    """A table for the screen: numbers with two decimals in the language's decimal mark,
    missing values as '–' (never 'None'), and with `zones` its zone cells coloured (the word
    stays in the cell)."""
    base = (
        shown.style
        if zones is None
        else tables.styled(shown, pd.DataFrame({"zone": zones.to_numpy()}), lang, palette)
    )
    return base.format(precision=2, decimal="," if lang == "id" else ".", na_rep="–")


def heatmap_frame(dimensions: pd.DataFrame, year: int, lang: Lang) -> pd.DataFrame:
    """unit × dimension scores with dimension names in the chosen language and unit names
    without their government's."""
    names = {d.key: bilingual(d, "name", lang) for d in for_year(year).dimensions}
    cells = pd.DataFrame(
        {
            "unit": rapor.short_units(dimensions),
            "dimension": dimensions["dimension"].map(names),
            "score": dimensions["score"],
        }
    )
    return checked(cells, UnitDimensionCells)


def has_source(row: pd.Series) -> bool:
    """Only published figures carry a source link; demo rows have none."""
    url = row.get("source_url")
    return isinstance(url, str) and url.startswith(("http://", "https://"))


def plan_table(
    plan: pd.DataFrame, year: int, lang: Lang, limit: int = 10, government: str | None = None
) -> pd.DataFrame:
    """The top fixes, cut just after the one that reaches the next grade (or at `limit`): rank,
    indicator wording and the gain first (a phone's width), then the unit, its score, the score
    after and the grade reached."""
    method = for_year(year)
    variables = {v.key: bilingual(v, "name", lang) for d in method.dimensions for v in d.variables}
    reached = plan["reaches"].notna().to_numpy().nonzero()[0]
    end = max(limit, int(reached[0]) + 1) if len(reached) else limit
    top = plan.head(end)
    wording = [
        rapor.indicator_name(method, variable, number, lang)
        for variable, number in zip(top["variable"], top["indicator"], strict=True)
    ]
    return pd.DataFrame(
        {
            t("profil.plan_rank", lang): range(1, len(top) + 1),
            t("profil.indicator", lang): wording,
            t("profil.gain", lang): top["gain"].round(2).to_numpy(),
            t("profil.unit", lang): rapor.short_units(top, government),
            t("col.score", lang): top["score"].round(2).to_numpy(),
            t("profil.after", lang): top["cumulative_score"].round(2).to_numpy(),
            t("profil.reaches", lang): top["reaches"].fillna("").to_numpy(),
            t("profil.variable", lang): top["variable"].map(variables).to_numpy(),
        }
    )


def gazetteer_entry(
    code: str, regions: pd.DataFrame | None, province_names: dict[str, str]
) -> dict[str, str] | None:
    """Name, province and level of a region from the gazetteer, for a profile without any
    result row (a pemprov's code has two digits); None when the gazetteer does not know it."""
    if len(code) == 2 and code in province_names:
        province = province_names[code]
        return {"name": f"Provinsi {province}", "province": province, "level": "provinsi"}
    if regions is None:
        return None
    found = regions[regions["code"] == code]
    if found.empty:
        return None
    entry = found.iloc[0]
    return {"name": entry["name"], "province": entry["province"], "level": entry["level"]}


def year_options(years: tuple[int, ...], own: tuple[int, ...]) -> list[int]:
    """The years the profile's switcher offers, newest first: the region's own years with a
    result, or every year of the dataset when it has none (each then says 'no figure')."""
    return sorted(own or years, reverse=True)
