"""Cached reads of the database and the shared geo folder, for every session of this process.

Every cached read is keyed on the database's URL and data version (`scoring.store.data_version`,
a count of writes), so after an import the next rerun reads the new figures and no page keeps
showing the old ones; the version costs one small query per read.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Callable
from typing import Any

import altair as alt
import pandas as pd
import sqlalchemy as sa
import streamlit as st

from scoring import bundle, store
from scoring.choices import ColorBy, Dataset, Lang, Level, Palette
from scoring.pipeline import analyse
from scoring.regions import Gazetteer, GeoDataMissing, load_gazetteer
from views import charts, coverage, geo, maps, tables
from views.context import Catalog, catalog_of, map_labels
from views.coverage import Coverage
from views.format import zone_word


@st.cache_resource(show_spinner=False)
def _engine(url: str) -> sa.Engine:
    """The database at `url`, built from the bundled data on the very first run."""
    return bundle.ensure_database(url)


Source = tuple[str, int]  # (database URL, data version): the key of every cached read


def _frame_key(frame: pd.DataFrame) -> bytes:
    """A frame's cache key: a digest of its pickle, several times cheaper than Streamlit's own
    hashing of Arrow-backed text columns (at worst an equal frame misses the cache)."""
    return hashlib.blake2b(pickle.dumps(frame), digest_size=16).digest()


_BY_CONTENT: dict[str | type[Any], Callable[[Any], Any]] = {pd.DataFrame: _frame_key}


def _source() -> Source:
    url = store.database_url()
    return url, store.data_version(_engine(url))


@st.cache_data(show_spinner=False, max_entries=4)
def _results(source: Source, dataset: Dataset) -> pd.DataFrame:
    return analyse(store.read(_engine(source[0]), "results", dataset))


@st.cache_data(show_spinner=False, max_entries=4)
def _other_sources(source: Source, dataset: Dataset) -> pd.DataFrame:
    return store.read(_engine(source[0]), "sources", dataset)


@st.cache_data(show_spinner=False, max_entries=4)
def _catalog(source: Source, dataset: Dataset) -> Catalog:
    gaz = gazetteer()
    on_map = map_labels(gaz.regions, gaz.provinces) if gaz is not None else None
    return catalog_of(_results(source, dataset), on_map)


@st.cache_data(show_spinner=False, max_entries=4)
def _units(source: Source, dataset: Dataset) -> pd.DataFrame:
    return store.read(_engine(source[0]), "units", dataset)


@st.cache_data(show_spinner=False, max_entries=64)
def _dimensions(source: Source, dataset: Dataset, code: str) -> pd.DataFrame:
    return store.read(_engine(source[0]), "dimensions", dataset, code=code)


@st.cache_data(show_spinner=False, max_entries=64)
def _indicators(source: Source, dataset: Dataset, code: str, year: int) -> pd.DataFrame:
    return store.read(_engine(source[0]), "indicators", dataset, code=code, year=year)


def results(dataset: Dataset) -> pd.DataFrame:
    """The dataset's analysed results (`scoring.frames.AnalysedResults`)."""
    return _results(_source(), dataset)


def other_sources(dataset: Dataset) -> pd.DataFrame:
    """Further sources for results already held (a second source, a duplicate): shown beside
    the counted figure, and flagged where they disagree (see `scoring.checks.source_flags`)."""
    return _other_sources(_source(), dataset)


def catalog(dataset: Dataset) -> Catalog:
    """The dataset's years, codes and region labels: what URL parameters are checked against."""
    return _catalog(_source(), dataset)


def units(dataset: Dataset) -> pd.DataFrame:
    return _units(_source(), dataset)


def dimensions(dataset: Dataset, code: str) -> pd.DataFrame:
    return _dimensions(_source(), dataset, code)


def indicators(dataset: Dataset, code: str, year: int) -> pd.DataFrame:
    return _indicators(_source(), dataset, code, year)


def imports_log() -> pd.DataFrame:
    return store.imports_log(_engine(store.database_url()))


@st.cache_data(show_spinner=False, max_entries=128, hash_funcs=_BY_CONTENT)
def chart(builder: str, frame: pd.DataFrame, **options: Any) -> Any:
    """`views.charts.<builder>(frame, **options)`, built once per frame and options for every
    session; each caller gets its own copy."""
    build: Callable[..., alt.TopLevelMixin] = getattr(charts, builder)
    return build(frame, **options)


@st.cache_data(show_spinner=False, max_entries=128, hash_funcs=_BY_CONTENT)
def chart_spec(builder: str, frame: pd.DataFrame, **options: Any) -> dict[str, Any]:
    """The same chart as a Vega-Lite spec, for `st.vega_lite_chart`: what `st.altair_chart`
    would convert and validate on every run, done once."""
    return chart(builder, frame, **options).to_dict()


@st.cache_data(show_spinner=False, max_entries=64)
def _coverage(source: Source, dataset: Dataset, year: int | None, level: Level) -> Coverage:
    gaz = gazetteer()
    return coverage.coverage(
        _results(source, dataset),
        year,
        level,
        regions=gaz.regions if gaz is not None else None,
        province_count=len(gaz.provinces) if gaz is not None else None,
    )


def national_coverage(dataset: Dataset, year: int | None, level: Level) -> Coverage:
    """Figures held for a level nationally against today's map and the official counts, once
    per data version for every session (`views.coverage`)."""
    return _coverage(_source(), dataset, year, level)


@st.cache_data(show_spinner=False, max_entries=32)
def _top_and_bottom(
    source: Source, dataset: Dataset, year: int, lang: Lang
) -> list[tuple[pd.DataFrame, pd.DataFrame]]:
    names = province_names()
    shown = []
    for rows in tables.top_and_bottom(_results(source, dataset), year):
        labelled = tables.labelled(
            rows.assign(
                rank=rows["rank_national_kabkota"],
                province_name=rows["province_code"].map(names),
                zone_word=rows["zone"].map(lambda zone: zone_word(zone, lang)),
            ),
            lang,
        )
        shown.append((labelled, rows[["code", "zone"]]))
    return shown


def top_and_bottom(
    dataset: Dataset, year: int, lang: Lang
) -> list[tuple[pd.DataFrame, pd.DataFrame]]:
    """The best and the worst kab/kota of a year as shown (labelled), each with its rows'
    codes and zones; built once per data version and language."""
    return _top_and_bottom(_source(), dataset, year, lang)


@st.cache_resource(show_spinner=False)
def gazetteer() -> Gazetteer | None:
    """The region list, or None when the geo folder is missing (pages then show no map)."""
    try:
        return load_gazetteer()
    except GeoDataMissing:
        return None


def province_names() -> dict[str, str]:
    """Province code → today's name ({} without the geo folder)."""
    gaz = gazetteer()
    return dict(zip(gaz.provinces["code"], gaz.provinces["name"], strict=True)) if gaz else {}


@st.cache_resource(show_spinner=False)
def boundaries() -> geo.Boundaries | None:
    """Simplified boundaries shared by every session (never mutated), or None if missing."""
    try:
        return geo.load_boundaries()
    except FileNotFoundError:
        return None


@st.cache_data(show_spinner=False, max_entries=64, hash_funcs=_BY_CONTENT)
def map_spec(
    rows: pd.DataFrame,
    _shapes: geo.Boundaries,
    shapes_key: str,
    color_by: ColorBy,
    province_code: str | None,
    lang: Lang,
    palette: Palette,
) -> maps.MapSpec:
    """A zone map's values and legend (`views.maps.map_spec`), built once per year's results,
    boundaries version (`shapes_key`; the boundaries themselves are not hashed) and view, for
    every session."""
    return maps.map_spec(
        rows, _shapes, color_by=color_by, province_code=province_code, lang=lang, palette=palette
    )


def boundaries_missing() -> str | None:
    """Why there is no map, in the loader's own words; None when the boundaries load."""
    try:
        geo.load_boundaries()
    except FileNotFoundError as missing:
        return str(missing)
    return None
