"""How much of a year the data holds, beside the official national counts.

The published collection is partial (2023: about 120 of 514 kab/kota), so every count, ranking
and map of it says how many figures it holds out of how many governments, and what Ombudsman RI
announced for the nation, with the announcement's source.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from scoring.choices import GOVERNMENT_LEVELS, GovernmentLevel, Lang, Level
from scoring.i18n import t
from scoring.national import ZONE_COUNTS, official_counts
from views.format import md_link
from views.queries import in_level


@dataclass(frozen=True)
class Coverage:
    """Figures held for a level group and year, against today's map and the official count."""

    held: int  # governments with a published score or zone
    on_map: int | None  # governments of today's map in the scope (None without the gazetteer)
    official: pd.Series | None  # entities, zone counts and sources, nationally

    @property
    def partial(self) -> bool:
        return self.on_map is not None and self.held < self.on_map


def levels_of(level: Level) -> tuple[GovernmentLevel, ...]:
    """The government levels a level group holds ("kabkota": kabupaten and kota)."""
    return tuple(
        g for g in GOVERNMENT_LEVELS if g == level or (level == "kabkota" and g != "provinsi")
    )


def coverage(
    results: pd.DataFrame,
    year: int | None,
    level: Level,
    *,
    regions: pd.DataFrame | None,
    province_count: int | None,
    province_code: str | None = None,
) -> Coverage:
    """`regions` is the gazetteer's kab/kota (code, level, province_code), `province_count`
    today's provinces; the official count is national, so only given without a province."""
    rows = in_level(results[results["year"] == year], level)
    if province_code:
        rows = rows[rows["province_code"] == province_code]
    held = int((rows["score"].notna() | rows["zone"].notna()).sum())
    on_map: int | None = None
    if level == "provinsi":
        on_map = 1 if province_code else province_count
    elif regions is not None:
        scope = in_level(regions, level)
        if province_code:
            scope = scope[scope["province_code"] == province_code]
        on_map = len(scope)
    national = year is not None and not province_code
    official = official_counts(year, levels_of(level)) if national and year else None
    return Coverage(held=held, on_map=on_map, official=official)


def held_text(cov: Coverage, level: Level, lang: Lang) -> str:
    """'120 dari 416 kabupaten memiliki angka terbitan yang dimuat'."""
    group = t(f"level.{level}", lang).lower()
    if cov.on_map is None:
        return t("coverage.held_only", lang, held=cov.held, level=group)
    return t("coverage.held", lang, held=cov.held, total=cov.on_map, level=group)


def official_text(cov: Coverage, year: int | None, lang: Lang) -> str | None:
    """The announced national counts as Markdown with links to their sources, or None."""
    if cov.official is None:
        return None
    counts = ", ".join(
        f"{int(cov.official[z])} {t(f'zone.{z}', lang).lower()}"
        for z in ZONE_COUNTS
        if int(cov.official[z]) > 0
    )
    links = " · ".join(
        md_link(f"{t('col.source', lang)} {i}", url)
        for i, url in enumerate(cov.official["sources"], start=1)
    )
    return t(
        "coverage.official", lang, year=year, entities=int(cov.official["entities"]), counts=counts
    ) + (f" {links}" if links else "")


def rank_notice(cov: Coverage, level: Level, lang: Lang) -> str | None:
    """Said above a ranking over partial data: whom the ranks are among."""
    if not cov.partial:
        return None
    return t(
        "coverage.rank_among",
        lang,
        held=cov.held,
        total=cov.on_map,
        level=t(f"level.{level}", lang).lower(),
    )
