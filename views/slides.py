"""The ceremony deck as data: which slides, in which order, saying what.

A deck is built once from the view's results and then drawn three ways — as full-screen HTML
(`views.slide_html`), and as PPTX, PNG and PDF (`views.deck`) — so the projector, the files
handed to organisers and the tests all see the same slides. Texts here are plain and untrusted
(names come from imported files); every renderer escapes them for its own format.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

import pandas as pd

from scoring.choices import DATASET_DEMO, Dataset, Lang, Level, Palette
from scoring.compute import display_order
from scoring.i18n import bilingual, t
from scoring.methodology import for_year, zones
from views.awards import Award, Winner, awards
from views.format import change_text, score_text, zone_word
from views.tables import ranking_table

SlideKind = Literal["title", "zones", "ranking", "award", "podium", "closing", "map"]
# Rows on one ranking or award slide: at 1920 × 1080 with 40 px rows, a title and the footer,
# ten rows leave room for a long name to wrap onto a second line.
ROWS_PER_SLIDE = 10
SOURCES_SHOWN = 6


@dataclass(frozen=True)
class Row:
    """One line of a ranking, award or podium slide."""

    rank: str
    name: str
    score: str
    zone: str | None  # zone key, drawn as its colour with its word
    zone_word: str
    detail: str = ""  # category and opinion, a change, or the unit's government


@dataclass(frozen=True)
class Slide:
    kind: SlideKind
    title: str
    subtitle: str = ""
    rows: tuple[Row, ...] = ()
    counts: tuple[tuple[str, str, int], ...] = ()  # (zone key, zone word, count)
    lines: tuple[str, ...] = ()  # closing slide: sources and notes
    more: str = ""  # "and 12 more", when an award has more winners than fit
    image: str = ""  # a data: URI (the kiosk's map), drawn beside the counts as its legend


@dataclass(frozen=True)
class Deck:
    title: str
    slides: tuple[Slide, ...]
    source: str  # the source line every slide carries
    method: str  # the method line every slide carries
    demo: str  # the demo warning on every slide, empty for published data
    lang: Lang
    palette: Palette
    as_of: str = ""  # the kiosk's "data as of" line


def chip_word(zone: Any, lang: Lang) -> str:
    """The zone's word on a slide's chip; '–' where no zone was published (a 2025 opinion
    printed without a score): zones are never inferred, and a long 'no figure' would wrap."""
    return zone_word(zone, lang) if isinstance(zone, str) else "–"


def _row(rank: str, winner: Winner, detail: str, lang: Lang) -> Row:
    return Row(
        rank=rank,
        name=winner.name,
        score=score_text(winner.score, lang),
        zone=winner.zone,
        zone_word=chip_word(winner.zone, lang),
        detail=detail,
    )


def _grade_text(category: Any, opinion: Any) -> str:
    parts = [str(category) if pd.notna(category) else "", str(opinion) if pd.notna(opinion) else ""]
    return " · ".join(p for p in parts if p)


def ranking_rows(table: pd.DataFrame, lang: Lang) -> list[Row]:
    """Every government with a published grade: a score, a zone, or a printed category."""
    graded = table[table["zone"].notna() | table["category"].notna()]
    return [
        Row(
            rank="–" if pd.isna(row["rank"]) else str(int(row["rank"])),
            name=str(row["display_name"]),
            score=score_text(row["score"], lang),
            zone=None if pd.isna(row["zone"]) else str(row["zone"]),
            zone_word=chip_word(row["zone"], lang),
            detail=_grade_text(row["category"], row["opinion"]),
        )
        for _, row in graded.iterrows()
    ]


def pages_of(rows: list[Row], size: int) -> list[list[Row]]:
    return [rows[i : i + size] for i in range(0, len(rows), size)]


def zone_tally(rows: pd.DataFrame, lang: Lang) -> tuple[tuple[str, str, int], ...]:
    """(zone, word, count) for every zone, hitam only where a row has it (2025 on)."""
    counts = rows["zone"].value_counts()
    return tuple(
        (key, zone_word(key, lang), int(counts.get(key, 0)))
        for key in zones()
        if counts.get(key, 0) or key != "hitam"
    )


def ceremony_table(
    results: pd.DataFrame, year: int, level: Level, province_code: str | None, lang: Lang
) -> pd.DataFrame:
    """The ranking of the assessed governments only: a ceremony ranks who was assessed."""
    return ranking_table(
        results,
        year=year,
        level=level,
        province_code=province_code,
        regions=None,
        province_names={},
        lang=lang,
    )


def _zone_slide(table: pd.DataFrame, level_word: str, lang: Lang) -> Slide:
    total = int(table["zone"].notna().sum())
    return Slide(
        kind="zones",
        title=t("ceremony.zones_title", lang),
        subtitle=t("ceremony.zones_subtitle", lang, count=total, level=level_word),
        counts=zone_tally(table, lang),
    )


def _award_detail(award: Award, winner: Winner, lang: Lang) -> str:
    if award.key == "most_improved":
        return t(
            "ceremony.detail_change",
            lang,
            change=change_text(winner.change, lang),
            year=winner.prev_year,
        )
    if award.key == "zone_up":
        return t(
            "ceremony.detail_zone_up",
            lang,
            before=zone_word(winner.prev_zone, lang),
            now=zone_word(winner.zone, lang),
            year=winner.prev_year,
        )
    if award.key == "best_unit":
        return winner.unit_of or ""
    return t("ceremony.category_letter", lang, letter=winner.category) if winner.category else ""


def _band(year: int, letter: str, lang: Lang) -> str:
    """'Nilai 78,00–87,99' for category B: the band as the era's methodology sets it."""
    grades = for_year(year).grades
    index = next(i for i, g in enumerate(grades) if g.category == letter)
    upper = grades[index - 1].lower - 0.01 if index else 100.0
    return t(
        "ceremony.award_band",
        lang,
        lower=score_text(grades[index].lower, lang),
        upper=score_text(upper, lang),
    )


def _award_slide(award: Award, year: int, lang: Lang) -> Slide:
    shown = award.winners[:ROWS_PER_SLIDE]
    rows = tuple(
        _row(str(place), winner, _award_detail(award, winner, lang), lang)
        for place, winner in enumerate(shown, start=1)
    )
    hidden = len(award.winners) - len(shown)
    letter = (
        award.key.removeprefix("category_").upper() if award.key.startswith("category_") else ""
    )
    subtitle = _band(year, letter, lang) if letter else t(f"award_about.{award.key}", lang)
    return Slide(
        kind="award",
        title=t(f"award.{award.key}", lang),
        subtitle=subtitle,
        rows=rows,
        more=t("ceremony.more", lang, count=hidden) if hidden > 0 else "",
    )


def _podium(table: pd.DataFrame, lang: Lang) -> Slide | None:
    scored = display_order(table[table["score"].notna()])
    if scored.empty:
        return None
    top = scored[scored["rank"] <= 3].head(3)
    rows = tuple(
        Row(
            rank=str(int(row["rank"])),
            name=str(row["display_name"]),
            score=score_text(row["score"], lang),
            zone=str(row["zone"]),
            zone_word=str(row["zone_word"]),
            detail=_grade_text(row["category"], row["opinion"]),
        )
        for _, row in top.iterrows()
    )
    return Slide(kind="podium", title=t("ceremony.podium_title", lang), rows=rows)


def _closing(table: pd.DataFrame, source: str, method_line: str, lang: Lang) -> Slide:
    urls = [str(u) for u in dict.fromkeys(table["source_url"].dropna()) if str(u).strip()]
    lines = [source, method_line, *urls[:SOURCES_SHOWN]]
    if len(urls) > SOURCES_SHOWN:
        lines.append(t("ceremony.more_sources", lang, count=len(urls) - SOURCES_SHOWN))
    return Slide(
        kind="closing",
        title=t("ceremony.closing_title", lang),
        subtitle=t("ceremony.closing_subtitle", lang),
        lines=tuple(lines),
    )


def build_deck(
    results: pd.DataFrame,
    *,
    year: int,
    level: Level,
    province_code: str | None,
    where: str,
    source: str,
    method: str,
    dataset: Dataset,
    lang: Lang = "id",
    palette: Palette = "standard",
    units: pd.DataFrame | None = None,
) -> Deck:
    """The slides of one ceremony: `where` names the province (or the nation) on screen."""
    table = ceremony_table(results, year, level, province_code, lang)
    level_word = t(f"level.{level}", lang)
    era = bilingual(for_year(year), "name", lang)
    title = t("ceremony.deck_title", lang, year=year)
    slides = [
        Slide(
            kind="title",
            title=title,
            subtitle=t("ceremony.title_subtitle", lang, where=where, level=level_word),
            lines=(era,),
        ),
        _zone_slide(table, level_word, lang),
    ]
    pages = pages_of(ranking_rows(table, lang), ROWS_PER_SLIDE)
    for number, rows in enumerate(pages, start=1):
        slides.append(
            Slide(
                kind="ranking",
                title=t("ceremony.ranking_title", lang, level=level_word, year=year),
                subtitle=t("ceremony.page_of", lang, where=where, page=number, pages=len(pages)),
                rows=tuple(rows),
            )
        )
    found = awards(results, year=year, level=level, province_code=province_code, units=units)
    slides += [_award_slide(award, year, lang) for award in found]
    podium = _podium(table, lang)
    if podium is not None:
        slides.append(podium)
    slides.append(_closing(table, source, method, lang))
    return Deck(
        title=f"{title} — {where}",
        slides=tuple(slides),
        source=source,
        method=method,
        demo=t("ui.badge_demo", lang) if dataset == DATASET_DEMO else "",
        lang=lang,
        palette=palette,
    )
