"""Tables as the pages show them: the ranking with its 'Tanpa angka terbitan' rows, top and
bottom lists.

Pure pandas so they can be tested and exported exactly as shown.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
from pandas.io.formats.style import Styler

from scoring.choices import Lang, Level
from scoring.compute import display_order, rank_column
from scoring.frames import checked
from scoring.i18n import t
from scoring.methodology import zones
from views.format import change_text, score_text, zone_color, zone_word
from views.frames import RankingTable
from views.queries import in_level

NUMERIC_COLUMNS = ("rank", "score", "change", "source_url")  # not text: kept as they are
# Rank, name, score and zone first: what a phone shows without scrolling sideways.
RANK_COLUMNS = {
    "rank": "col.rank",
    "display_name": "col.name",
    "score": "col.score",
    "zone_word": "col.zone",
    "province_name": "col.province",
    "category": "col.category",
    "opinion": "col.opinion",
    "change": "col.change",
    "zone_move_word": "col.zone_move",
    "caveat": "col.caveat",
    "source_url": "col.source",
}


def scope(
    results: pd.DataFrame, year: int | None, level: Level, province_code: str | None
) -> pd.DataFrame:
    """One year's results of a level group, nationally or in one province."""
    rows = in_level(results[results["year"] == year], level)
    if province_code:
        rows = rows[rows["province_code"] == province_code]
    return rows


def years_with_results(results: pd.DataFrame, level: Level, province_code: str | None) -> list[int]:
    """Years in which the scope has at least one result, newest first."""
    rows = in_level(results[results["zone"].notna()], level)
    if province_code:
        rows = rows[rows["province_code"] == province_code]
    return sorted(rows["year"].unique().tolist(), reverse=True)


def not_assessed(
    regions: pd.DataFrame, assessed: pd.DataFrame, level: Level, province_code: str | None
) -> pd.DataFrame:
    """Regions of today's map in the scope with no result: 'Tanpa angka terbitan', never 0."""
    wanted = in_level(regions, level)
    if province_code:
        wanted = wanted[wanted["province_code"] == province_code]
    missing = wanted[~wanted["code"].isin(assessed["code"].dropna())]
    return pd.DataFrame(
        {
            "code": missing["code"],
            "display_name": missing["name"],
            "province_code": missing["province_code"],
            "province_name": missing["province"],
            "level": missing["level"],
            "score": float("nan"),
        }
    )


def ranking_table(
    results: pd.DataFrame,
    *,
    year: int | None,
    level: Level,
    province_code: str | None,
    regions: pd.DataFrame | None,
    province_names: dict[str, str],
    lang: Lang = "id",
) -> pd.DataFrame:
    """The ranking as shown: rank, name, province, score, zone word, category, change."""
    rows = scope(results, year, level, province_code)
    shown = rows.assign(
        rank=rows[rank_column(level, in_province=bool(province_code))],
        province_name=rows["province_code"]
        .map(province_names)
        .astype("string")
        .fillna(rows["province"]),
        opinion=rows[f"opinion_{lang}"],
    )
    if regions is not None and level != "provinsi":
        shown = pd.concat([shown, not_assessed(regions, rows, level, province_code)])
    shown = display_order(shown)
    moves = {m: t(f"move.{m}", lang) for m in ("naik", "turun", "tetap")}
    words = {zone: zone_word(zone, lang) for zone in zones()}
    shown["zone_word"] = shown["zone"].map(words).fillna(t("zone.none", lang))
    shown["zone_move_word"] = shown["zone_move"].map(moves)
    shown["caveat"] = caveats(shown, lang)
    numeric = ["rank", "score", "change"]
    table = shown.astype({column: float for column in numeric}).reset_index(drop=True)
    return checked(table, RankingTable)


def caveats(rows: pd.DataFrame, lang: Lang) -> pd.Series:
    """What a reader must know about a figure before comparing it (see
    `scoring.checks.source_flags`): a zone stated for a group rather than by name, sources
    that disagree on the figure. Empty where there is nothing to say."""

    def flag(column: str) -> pd.Series:
        if column not in rows:
            return pd.Series(False, index=rows.index)
        return rows[column].astype("boolean").fillna(False).astype(bool)

    derived = flag("zone_derived").map({True: t("caveat.zone_derived", lang), False: ""})
    disagree = flag("sources_disagree").map({True: t("caveat.sources_disagree", lang), False: ""})
    both = derived.str.cat(disagree, sep="; ").str.strip("; ")
    return both.astype("string").mask(both == "")


def labelled(table: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    """The display columns under their translated headers: what the screen shows (through
    `styled`) and what the downloads hold.

    Numbers stay numbers, rounded to the two decimals shown (a rank is an integer, a change a
    signed number), so a spreadsheet can sort and sum them; text columns say '–' when empty.
    """
    present = [c for c in RANK_COLUMNS if c in table]
    shown = table[present].copy()
    if "rank" in shown:
        shown["rank"] = shown["rank"].round().astype("Int64")
    for column in ("score", "change"):
        if column in shown:
            shown[column] = shown[column].astype(float).round(2)
    text = [c for c in present if c not in NUMERIC_COLUMNS]
    shown[text] = shown[text].astype("string").fillna("–")
    if "source_url" in shown:
        shown["source_url"] = shown["source_url"].astype("string")  # a missing link stays empty
    return shown.rename(columns={c: t(RANK_COLUMNS[c], lang) for c in present})


def zone_counts_by_province(
    results: pd.DataFrame, year: int, province_names: dict[str, str]
) -> pd.DataFrame:
    """Kab/kota per zone in each province with results that year (for the distribution chart)."""
    rows = scope(results, year, "kabkota", None).dropna(subset=["province_code"])
    counts = rows.groupby(["province_code", "zone"], dropna=False).size().reset_index(name="count")
    names = counts["province_code"].map(province_names).astype("string")
    return counts.assign(province=names.fillna(counts["province_code"]))


def top_and_bottom(
    results: pd.DataFrame, year: int, n: int = 10
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The best and worst scored kab/kota of a year, nationally."""
    rows = scope(results, year, "kabkota", None)
    rows = display_order(rows[rows["score"].notna()])
    return rows.head(n), rows.tail(n).iloc[::-1]


def number_formats(columns: pd.Index, lang: Lang) -> dict[str, Callable[[Any], str]]:
    """How the screen writes the numeric columns present: scores with the language's decimal
    mark, changes signed, ranks whole, '–' when missing."""
    formats: dict[str, Callable[[Any], str]] = {
        t("col.rank", lang): lambda v: "–" if pd.isna(v) else str(int(v)),
        t("col.score", lang): lambda v: score_text(v, lang),
        t("col.change", lang): lambda v: change_text(v, lang),
    }
    return {header: fmt for header, fmt in formats.items() if header in columns}


def styled(shown: pd.DataFrame, table: pd.DataFrame | None, lang: Lang, palette: str) -> Styler:
    """`shown` (from `labelled`) for the screen: numbers written as `number_formats` writes
    them, and with `table` (holding `zone`, row for row) the zone cells coloured by zone (the
    word stays in the cell: colour never stands alone).

    The numbers become text because the table widget shows a missing number as "None",
    whatever the Styler says; rows come in rank order, and the downloads keep the numbers."""
    written = shown.assign(
        **{
            header: shown[header].map(fmt)
            for header, fmt in number_formats(shown.columns, lang).items()
        }
    )
    source_header = t("col.source", lang)
    if source_header in written:  # no link shows blank, never "None"; only web links link
        links = written[source_header].astype("string")
        written[source_header] = links.where(links.str.match(r"(?i)https?://"), "").fillna("")
    styler = written.style
    zone_header = t("col.zone", lang)
    if table is None or zone_header not in shown:
        return styler
    zone = table["zone"].astype("string")
    colors = zone.map({z: zone_color(z, palette) for z in zones()}).fillna(zone_color(None))
    text = zone.eq("kuning").fillna(False).map({True: "#000", False: "#fff"})
    css = ("background-color: " + colors + "; color: " + text + "; font-weight: 600").to_list()

    def zone_style(_: pd.Series) -> list[str]:
        return css

    return styler.apply(zone_style, subset=[zone_header])
