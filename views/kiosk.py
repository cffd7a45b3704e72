"""The lobby display: its playlist (from `kiosk.toml`) and the slide each view shows.

A kiosk view is a ceremony slide (`views.slides.Slide`) drawn on the same 1920 × 1080 stage, so
whatever fits the projector fits the TV. The national map is one PNG rendered in-process by
vl-convert from the simplified boundaries (no tiles, nothing from the network), with its legend
as words and counts beside it. Pure: the shell caches what is costly and runs the rotation.
"""

from __future__ import annotations

import base64
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, get_args

import altair as alt
import pandas as pd
import vl_convert as vlc

from scoring.choices import DATASETS, LANGUAGES, Dataset, Lang, Palette
from scoring.i18n import t
from views.export import _vl_version
from views.format import change_text, score_text, zone_color, zone_word
from views.geo import Boundaries
from views.slides import (
    ROWS_PER_SLIDE,
    Row,
    Slide,
    ceremony_table,
    pages_of,
    ranking_rows,
    zone_tally,
)
from views.tables import scope

KioskView = Literal["map", "zones", "ranking", "risers"]
KIOSK_VIEWS: tuple[KioskView, ...] = get_args(KioskView)
CONFIG_FILE = Path(__file__).resolve().parent.parent / "kiosk.toml"
CONFIG_ENV = "KEPATUHAN_KIOSK_CONFIG"  # another file, e.g. for a second display or a test
MIN_SECONDS = 5
MAP_WIDTH, MAP_HEIGHT = 1240, 600  # fits the slide body beside the legend


class KioskConfigError(ValueError):
    """The kiosk file cannot be used; the message names the file and the key."""


@dataclass(frozen=True)
class KioskConfig:
    views: tuple[KioskView, ...]
    seconds: int
    province: str | None  # two-digit code for the provincial ranking pages
    year: int | None  # None: the dataset's default year
    dataset: Dataset
    lang: Lang


def read_config(path: Path | None = None) -> KioskConfig:
    """The playlist in `path` (default: $KEPATUHAN_KIOSK_CONFIG, else kiosk.toml); every
    problem is reported with the file and the key."""
    path = path or Path(os.environ.get(CONFIG_ENV) or CONFIG_FILE)

    def fail(key: str, reason: str) -> KioskConfigError:
        return KioskConfigError(f"{path}: {key}: {reason}")

    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as problem:
        raise KioskConfigError(f"{path}: {problem}") from problem
    views = raw.get("views", list(KIOSK_VIEWS))
    if not isinstance(views, list) or not views or any(v not in KIOSK_VIEWS for v in views):
        raise fail("views", f"a non-empty list of {', '.join(KIOSK_VIEWS)}; got {views!r}")
    seconds = raw.get("seconds", 20)
    if not isinstance(seconds, int) or seconds < MIN_SECONDS:
        raise fail("seconds", f"a whole number of at least {MIN_SECONDS}; got {seconds!r}")
    province = raw.get("province", "")
    if not isinstance(province, str) or (
        province and not (province.isdigit() and len(province) == 2)
    ):
        raise fail("province", f"a two-digit province code or empty; got {province!r}")
    year = raw.get("year", 0)
    if not isinstance(year, int) or year < 0:
        raise fail("year", f"a year, or 0 for the newest; got {year!r}")
    dataset = raw.get("dataset", DATASETS[0])
    if dataset not in DATASETS:
        raise fail("dataset", f"one of {', '.join(DATASETS)}; got {dataset!r}")
    lang = raw.get("lang", LANGUAGES[0])
    if lang not in LANGUAGES:
        raise fail("lang", f"one of {', '.join(LANGUAGES)}; got {lang!r}")
    return KioskConfig(
        views=tuple(views),
        seconds=seconds,
        province=province or None,
        year=year or None,
        dataset=dataset,
        lang=lang,
    )


@dataclass(frozen=True)
class Screen:
    """One entry of the rotation: a view, and for the ranking which page of it."""

    view: KioskView
    page: int = 0


def playlist(config: KioskConfig, ranking_pages: int) -> tuple[Screen, ...]:
    """The rotation: every view once, the provincial ranking as many screens as it has pages."""
    screens: list[Screen] = []
    for view in config.views:
        if view == "ranking":
            screens += [Screen("ranking", page) for page in range(ranking_pages)]
        else:
            screens.append(Screen(view))
    return tuple(screens)


def screen_at(screens: tuple[Screen, ...], seconds: int, now: float) -> Screen:
    """The screen shown at time `now` (seconds since the epoch): every display of the same
    playlist shows the same screen, and a restart resumes where the clock says."""
    return screens[int(now // seconds) % len(screens)]


def province_ranking(
    results: pd.DataFrame, year: int, province: str | None, where: str, lang: Lang
) -> list[Slide]:
    """The provincial ranking of kab/kota in pages that each fit the screen."""
    if province is None:
        return []
    table = ceremony_table(results, year, "kabkota", province, lang)
    pages = pages_of(ranking_rows(table, lang), ROWS_PER_SLIDE)
    title = t("kiosk.ranking_title", lang, year=year, where=where)
    return [
        Slide(
            kind="ranking",
            title=title,
            subtitle=t("kiosk.page_of", lang, page=number, pages=len(pages)),
            rows=tuple(rows),
        )
        for number, rows in enumerate(pages, start=1)
    ]


def zone_counts(results: pd.DataFrame, year: int, lang: Lang) -> Slide:
    """Kab/kota per zone nationally that year (what the data holds, said as such)."""
    rows = scope(results, year, "kabkota", None)
    return Slide(
        kind="zones",
        title=t("kiosk.zones_title", lang, year=year),
        subtitle=t("kiosk.zones_subtitle", lang, count=int(rows["zone"].notna().sum())),
        counts=zone_tally(rows, lang),
    )


def risers(results: pd.DataFrame, year: int, lang: Lang) -> Slide:
    """The largest rises against the previous comparable year, nationally."""
    rows = scope(results, year, "kabkota", None)
    risen = rows[rows["change"].notna() & (rows["change"] > 0)]
    top = risen.sort_values(["change", "display_name"], ascending=[False, True])
    shown = tuple(
        Row(
            rank=str(place),
            name=str(row["display_name"]),
            score=score_text(row["score"], lang),
            zone=str(row["zone"]),
            zone_word=zone_word(row["zone"], lang),
            detail=t(
                "ceremony.detail_change",
                lang,
                change=change_text(row["change"], lang),
                year=int(row["prev_year"]),
            ),
        )
        for place, (_, row) in enumerate(top.head(ROWS_PER_SLIDE).iterrows(), start=1)
    )
    return Slide(
        kind="ranking",
        title=t("kiosk.risers_title", lang, year=year),
        subtitle=t("award_about.most_improved", lang),
        rows=shown,
        more="" if shown else t("ui.no_previous", lang),
    )


def map_png(results: pd.DataFrame, boundaries: Boundaries, palette: Palette = "standard") -> bytes:
    """The national kab/kota map coloured by zone, unassessed grey, as a PNG."""
    regions = boundaries.kabkota[["code", "geometry"]]
    year_zones = results.dropna(subset=["code"]).drop_duplicates("code").set_index("code")["zone"]
    zone_of = regions["code"].map(year_zones).astype(object)
    fill = [zone_color(z if isinstance(z, str) else None, palette) for z in zone_of]
    shapes = regions.assign(fill=fill)
    chart = (
        alt.Chart(alt.Data(values=shapes.__geo_interface__["features"]))
        .mark_geoshape(stroke="#ffffff", strokeWidth=0.4)
        .encode(color=alt.Color("properties.fill:N", scale=None))
        .project("mercator")
        .properties(width=MAP_WIDTH, height=MAP_HEIGHT, background="#ffffff")
        .configure_view(stroke=None)
    )
    return vlc.vegalite_to_png(chart.to_dict(), vl_version=_vl_version(), allowed_base_urls=[])


def map_slide(results: pd.DataFrame, png: bytes, year: int, regions: int, lang: Lang) -> Slide:
    """The map with its legend: every zone's word, colour and count, and how many of the
    `regions` on the map have no result that year."""
    rows = scope(results, year, "kabkota", None)
    assessed = rows.dropna(subset=["code"])["code"].nunique()
    legend = zone_tally(rows, lang)
    return Slide(
        kind="map",
        title=t("kiosk.map_title", lang, year=year),
        subtitle=t("kiosk.map_subtitle", lang),
        counts=(*legend, ("", zone_word(None, lang), max(regions - assessed, 0))),
        image="data:image/png;base64," + base64.b64encode(png).decode("ascii"),
    )


def data_as_of(log: pd.DataFrame, dataset: Dataset) -> str | None:
    """The date of the dataset's newest import (YYYY-MM-DD), if the log has one."""
    if log.empty or "imported_at" not in log:
        return None
    mine = log[log["dataset"] == dataset]["imported_at"].dropna()
    return str(mine.max())[:10] if not mine.empty else None
