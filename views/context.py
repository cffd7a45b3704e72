"""What one page shows, decided once per rerun: the view context.

The URL says what was asked for (`views.state.ViewState`); the catalog says what the data holds.
`ViewContext.resolve` joins the two once, applying every fallback in one place (a year with no
results, a region without a figure that year), so the tables, charts and downloads on a page all
use the same year, region and method. Pure: no Streamlit, testable with plain frames.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

import pandas as pd

from scoring.choices import DATASET_DEMO, Dataset, Lang, Level, Palette
from scoring.i18n import bilingual, t
from scoring.methodology import Methodology, for_year
from views.state import ViewState

# A page about one government resolves its year from that government's own years.
Focus = Literal["nation", "region"]
# The default year is the newest one holding at least this share of the largest year's results:
# the published data's newest year can hold a handful of figures, and opening on it would show a
# near-empty nation.
SUBSTANTIAL_SHARE = 0.25


@dataclass(frozen=True)
class Catalog:
    """What one dataset holds: years, codes and region labels, built once per data version."""

    years: tuple[int, ...]  # newest first
    default_year: int | None
    province_codes: frozenset[str]
    # code → "Name (Province)", sorted by label: every government of today's map (when the
    # gazetteer is there) and every coded result, so each one has a profile, figure or not
    region_labels: Mapping[str, str]
    region_years: Mapping[str, tuple[int, ...]]  # code → years with a result, oldest first

    @property
    def region_codes(self) -> frozenset[str]:
        return frozenset(self.region_labels)

    @property
    def labels_with_figures(self) -> dict[str, str]:
        """The regions that have at least one result, in label order."""
        return {c: label for c, label in self.region_labels.items() if c in self.region_years}


def map_labels(regions: pd.DataFrame, provinces: pd.DataFrame) -> dict[str, str]:
    """Labels of today's 514 kab/kota and 38 provinces (gazetteer frames), as results name them.

    >>> regions = pd.DataFrame({"code": ["19.05"], "name": ["Kabupaten Bangka Barat"],
    ...     "province": ["Kepulauan Bangka Belitung"]})
    >>> map_labels(regions, pd.DataFrame({"code": ["19"], "name": ["Kepulauan Bangka Belitung"]}))
    {'19.05': 'Kabupaten Bangka Barat (Kepulauan Bangka Belitung)', \
'19': 'Provinsi Kepulauan Bangka Belitung (Kepulauan Bangka Belitung)'}
    """
    kabkota = regions["name"] + " (" + regions["province"] + ")"
    pemprov = "Provinsi " + provinces["name"] + " (" + provinces["name"] + ")"
    return {
        **dict(zip(regions["code"], kabkota, strict=True)),
        **dict(zip(provinces["code"], pemprov, strict=True)),
    }


def catalog_of(results: pd.DataFrame, on_map: Mapping[str, str] | None = None) -> Catalog:
    """The catalog of an analysed results frame (see `scoring.frames.AnalysedResults`), with the
    governments of today's map (`map_labels`) that have no result added to the regions.

    >>> frame = pd.DataFrame({"year": [2022, 2023], "code": ["73.08", "73.08"],
    ...     "province_code": ["73", "73"], "display_name": ["Kabupaten Bone"] * 2,
    ...     "province": ["Sulawesi Selatan"] * 2})
    >>> catalog_of(frame).region_labels
    {'73.08': 'Kabupaten Bone (Sulawesi Selatan)'}
    >>> catalog_of(frame, {"73.71": "Kota Makassar (Sulawesi Selatan)"}).region_years
    {'73.08': (2022, 2023)}
    """
    counts = results["year"].value_counts()
    substantial = counts[counts >= SUBSTANTIAL_SHARE * counts.max()].index
    coded = results.dropna(subset=["code"])
    latest = coded.sort_values("year").drop_duplicates("code", keep="last")
    labels = latest["display_name"] + " (" + latest["province"] + ")"
    merged = dict(on_map or {}) | dict(
        zip(latest["code"].astype(str), labels.astype(str), strict=True)
    )
    by_label = sorted(merged.items(), key=lambda pair: pair[1])
    years: dict[str, set[int]] = {}
    for code, year in zip(coded["code"].astype(str), coded["year"].astype(int), strict=True):
        years.setdefault(code, set()).add(year)
    return Catalog(
        years=tuple(sorted((int(y) for y in counts.index), reverse=True)),
        default_year=int(max(substantial)) if len(substantial) else None,
        province_codes=frozenset(results["province_code"].dropna().astype(str))
        | frozenset(code[:2] for code in merged),
        region_labels=dict(by_label),
        region_years={code: tuple(sorted(ys)) for code, ys in years.items()},
    )


@dataclass(frozen=True)
class ViewContext:
    """The resolved view: every table, chart and download on the page takes it from here.

    `year` is the year shown (never None while the dataset has any result); `region` is the
    government a region page is about. `results` is the dataset's analysed frame, shared and
    read-only.
    """

    state: ViewState
    catalog: Catalog = field(repr=False)
    results: pd.DataFrame = field(repr=False, compare=False)
    year: int | None
    region: str | None

    @classmethod
    def resolve(
        cls,
        state: ViewState,
        catalog: Catalog,
        results: pd.DataFrame,
        focus: Focus = "nation",
    ) -> ViewContext:
        """Apply the fallbacks: the chosen year if the data has it, else the default year. On a
        region page: the chosen region (else the first by name), in the chosen year if it has a
        result then, else in its own latest year. A region with no result at all keeps the chosen
        year: its page says plainly that no figure is held."""
        year = state.year if state.year in catalog.years else catalog.default_year
        region = state.region if state.region in catalog.region_labels else None
        if focus == "region":
            region = region or next(iter(catalog.labels_with_figures), None)
            own = catalog.region_years.get(region, ()) if region else ()
            if own and state.year not in own:
                year = own[-1]
        return cls(state=state, catalog=catalog, results=results, year=year, region=region)

    @property
    def lang(self) -> Lang:
        return self.state.lang

    @property
    def dataset(self) -> Dataset:
        return self.state.dataset

    @property
    def palette(self) -> Palette:
        return self.state.palette

    @property
    def level(self) -> Level:
        return self.state.level

    @property
    def province(self) -> str | None:
        return self.state.province

    @property
    def years(self) -> tuple[int, ...]:
        return self.catalog.years

    @property
    def scale(self) -> float:
        """Font scale for charts: larger on a TV or projector."""
        return 1.5 if self.state.large else 1.0

    @property
    def method(self) -> Methodology | None:
        return for_year(self.year) if self.year is not None else None

    def t(self, key: str, **values: object) -> str:
        return t(key, self.lang, **values)

    def for_year(self) -> pd.DataFrame:
        """The shown year's results."""
        return self.results[self.results["year"] == self.year]

    def source_and_method(self) -> tuple[str, str]:
        """The source line and the method line every download of this view carries: the
        method is the one of the year shown."""
        demo = self.dataset == DATASET_DEMO
        source = self.t("ui.source_demo" if demo else "ui.source_published")
        if self.method is None:
            return source, ""
        era = bilingual(self.method, "name", self.lang)
        return source, self.t("ui.method", year=self.year, era=era)
