"""Seeded synthetic assessments ("Data contoh"): item scores 2022-2024 and 2021 headline scores.

Published figures are sparse and headline-only, yet the pages also show units, dimensions and
indicators. The demo dataset fills every level of detail for every government, reproducibly from
a seed, and marks itself (`dataset = contoh`) so it is never mistaken for official results.

Quality is modelled on the logit scale (0 is a score of 50): a persistent government quality
(province effect + own effect) with a yearly drift and an improving trend, shifted per unit type
and per dimension, plus unit and item noise. An item scores Binomial(3, p) — integers 0..3 as the
assessors give them — with p the logistic of that sum.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from scoring.choices import DATASET_DEMO, GOVERNMENT_LEVELS
from scoring.frames import ITEM_COLUMNS, RESULT_COLUMNS
from scoring.methodology import Methodology, for_year

DEFAULT_SEED = 20240101
DEMO_NOTE = "Data contoh (sintetis) — bukan hasil resmi"
PRODUCTS = (1, 2)
MAX_ITEM_SCORE = 3

# Calibrated on today's 552 governments (38 pemprov, 514 kab/kota) so that 2023's national zone
# shares match the published 70.7 % hijau, 22.7 % kuning, 6.6 % merah: 70.7 / 23.0 / 6.3 with
# the default seed, 70.4 / 22.9 / 6.7 on average over seeds (each share within about ±1 point);
# 2022 gives about 64 / 27 / 9 and 2024 about 77 / 18 / 5. All on the logit scale.
BASE_LOGIT = 2.35  # national mean quality in REFERENCE_YEAR
REFERENCE_YEAR = 2023
TREND_PER_YEAR = 0.25  # nationwide improvement from one year to the next
PROVINCE_SD = 0.55  # some provinces are stronger than others
GOVERNMENT_SD = 1.35  # persistent quality of a government within its province
DRIFT_SD = 0.5  # a government's year-to-year wobble around its persistent quality
UNIT_SD = 0.6  # units of one government differ
UNIT_DIMENSION_SD = 0.4  # a unit's dimensions differ beyond the national dimension offsets
ITEM_SD = 0.8  # item noise beyond the binomial draw: more items at 0 or 3
UNIT_OFFSETS = {  # Disdukcapil and DPMPTSP are stronger, Puskesmas and Dinas Sosial weaker
    "dpmptsp": 0.5,
    "disdukcapil": 0.6,
    "dinas_pendidikan": 0.0,
    "dinas_kesehatan": 0.1,
    "dinas_sosial": -0.5,
    "puskesmas": -0.5,
    "rsud": 0.2,
}
DIMENSION_OFFSETS = {"input": 0.1, "proses": 0.3, "output": 0.5, "pengaduan": -0.7}
# 2021 headlines: a different methodology, only loosely tied to later quality; aimed at about
# half hijau (>= 81) and one in six merah (< 51), like the 2021 figures the press reported
# (default seed: 56 % hijau, 28 % kuning, 16 % merah).
HEADLINE_2021_LOGIT = 1.5
HEADLINE_2021_LOADING = 0.7  # share of the persistent quality carried into 2021
HEADLINE_2021_SD = 0.95

GOVERNMENT_COLUMNS = ("code", "name", "level", "province_code", "province")
# Loci named after the place rather than the government ("UPT Puskesmas Bone 1").
PLACE_NAMED = frozenset({"puskesmas", "rsud"})
_GOVERNMENT_PREFIX = r"^(?:Kabupaten|Kota|Provinsi)(?: Administrasi)?\s+"
_CATEGORICAL = ("province", "pemda", "opd", "unit_type", "dimension", "variable", "code", "dataset")


def _prepared(governments: pd.DataFrame) -> pd.DataFrame:
    """The columns the generators use, numbered 0..n-1; an unknown level fails loudly instead
    of silently giving a government no units."""
    unknown = set(governments["level"]) - set(GOVERNMENT_LEVELS)
    if unknown:
        raise ValueError(
            f"unknown government level(s) {sorted(unknown)}; expected {GOVERNMENT_LEVELS}"
        )
    return governments[list(GOVERNMENT_COLUMNS)].reset_index(drop=True)


def _government_quality(governments: pd.DataFrame, rng: np.random.Generator) -> np.ndarray:
    """Persistent quality per government: a shared province effect plus its own effect.

    Drawn first by both generators, so one seed gives 2021 and 2022-2024 the same governments'
    strengths.
    """
    _, province = np.unique(governments["province_code"].astype(str), return_inverse=True)
    by_province = rng.normal(0, PROVINCE_SD, province.max() + 1)
    return by_province[province] + rng.normal(0, GOVERNMENT_SD, len(governments))


def _evenly_spread(drawn: np.ndarray) -> np.ndarray:
    """The draws' ranks mapped onto evenly spaced quantiles of their normal distribution.

    The draws decide who is better than whom; the values are fixed, so that the national zone
    shares depend on the calibrated constants rather than on the luck of the draw (independent
    draws for ~550 governments move them by ±2 points or more).
    """
    spaced = (drawn.argsort().argsort() + 0.5) / len(drawn)
    return np.hypot(PROVINCE_SD, GOVERNMENT_SD) * _normal_quantile(spaced)


def _normal_quantile(p: np.ndarray) -> np.ndarray:
    """Standard normal quantiles by Tukey's lambda approximation, as numpy has no inverse normal
    distribution function: within 0.005 for p in 0.01-0.99 and 0.05 at p = 0.001."""
    return 4.91 * (p**0.14 - (1 - p) ** 0.14)


def _yearly_quality(persistent: np.ndarray, year: int, rng: np.random.Generator) -> np.ndarray:
    """A year's quality: the national level and trend plus the drifted persistent quality."""
    drifted = persistent + rng.normal(0, DRIFT_SD, len(persistent))
    return BASE_LOGIT + TREND_PER_YEAR * (year - REFERENCE_YEAR) + _evenly_spread(drifted)


def _sigmoid(logit: np.ndarray) -> np.ndarray:
    return 1 / (1 + np.exp(-logit))


def _units(governments: pd.DataFrame, method: Methodology) -> pd.DataFrame:
    """Every locus of each government's level, `count` copies each, with a local unit name."""
    loci = pd.DataFrame(
        [
            (level, locus.key, locus.name_id, copy, locus.count > 1)
            for locus in method.loci
            for level in locus.levels
            for copy in range(1, locus.count + 1)
        ],
        columns=["level", "unit_type", "label", "copy", "numbered"],
    )
    units = governments.assign(government=np.arange(len(governments))).merge(loci, on="level")
    place = units["name"].str.replace(_GOVERNMENT_PREFIX, "", regex=True)
    subject = place.where(units["unit_type"].isin(PLACE_NAMED), units["name"])
    number = (" " + units["copy"].astype(str)).where(units["numbered"], "")
    return units.assign(opd=units["label"] + " " + subject + number)


def _item_template(method: Methodology) -> pd.DataFrame:
    """One row per product × variable × indicator of a unit; keys in methodology order."""
    pairs = [(position, v) for position, d in enumerate(method.dimensions) for v in d.variables]
    counts = np.array([v.indicators for _, v in pairs])
    variable = np.repeat(np.arange(len(pairs)), counts)
    first_of_variable = np.repeat(counts.cumsum() - counts, counts)
    per_product = pd.DataFrame(
        {
            "dimension": pd.Categorical.from_codes(
                np.array([position for position, _ in pairs])[variable],
                pd.Index([d.key for d in method.dimensions]),
            ),
            "variable": pd.Categorical.from_codes(variable, pd.Index([v.key for _, v in pairs])),
            "indicator": (np.arange(counts.sum()) - first_of_variable + 1).astype(np.int8),
        }
    )
    return pd.concat([per_product.assign(product=np.int8(p)) for p in PRODUCTS], ignore_index=True)


def _year_items(
    governments: pd.DataFrame, year: int, quality: np.ndarray, rng: np.random.Generator
) -> pd.DataFrame:
    """Item rows of one year: unit and dimension effects around the governments' quality."""
    method = for_year(year)
    if not method.can_recompute:
        raise ValueError(f"{year}: the {method.key} methodology has no known weights and items")
    units = _units(governments, method)
    template = _item_template(method)
    unit_logit = (
        quality[units["government"].to_numpy()]
        + units["unit_type"].map(UNIT_OFFSETS).fillna(0).to_numpy()
        + rng.normal(0, UNIT_SD, len(units))
    )
    dimension_offsets = np.array([DIMENSION_OFFSETS.get(d.key, 0.0) for d in method.dimensions])
    unit_dimension = rng.normal(0, UNIT_DIMENSION_SD, (len(units), len(method.dimensions)))
    unit = np.repeat(np.arange(len(units)), len(template))
    row = np.tile(np.arange(len(template)), len(units))
    dimension = template["dimension"].cat.codes.to_numpy()[row]
    logit = (
        unit_logit[unit]
        + dimension_offsets[dimension]
        + unit_dimension[unit, dimension]
        + rng.normal(0, ITEM_SD, len(unit))
    )
    scores = rng.binomial(MAX_ITEM_SCORE, _sigmoid(logit)).astype(np.int8)
    labels = units[["province", "name", "opd", "unit_type", "code"]].astype("category")
    return pd.concat(
        [
            labels.iloc[unit].reset_index(drop=True).rename(columns={"name": "pemda"}),
            template.iloc[row].reset_index(drop=True),
        ],
        axis=1,
    ).assign(year=np.int16(year), item_score=scores)


def generate_items(
    governments: pd.DataFrame,
    years: Sequence[int] = (2022, 2023, 2024),
    seed: int = DEFAULT_SEED,
) -> pd.DataFrame:
    """Item-level demo assessments (ITEM_COLUMNS + code, dataset) for every government and year.

    `governments` has code, name, level, province_code and province; the same seed and input
    always give the same frame.
    """
    governments = _prepared(governments)
    rng = np.random.default_rng(seed)
    persistent = _government_quality(governments, rng)
    frames = [
        _year_items(governments, year, _yearly_quality(persistent, year, rng), rng)
        for year in years
    ]
    items = pd.concat(frames, ignore_index=True).assign(dataset=DATASET_DEMO)
    items["source_row"] = np.arange(1, len(items) + 1, dtype=np.int32)
    return items[[*ITEM_COLUMNS, "code", "dataset"]].astype(dict.fromkeys(_CATEGORICAL, "category"))


def generate_headlines_2021(governments: pd.DataFrame, seed: int = DEFAULT_SEED) -> pd.DataFrame:
    """2021 demo results (RESULT_COLUMNS + code, dataset): a government score, nothing below.

    Zone and category stay missing: they are computed from the score, not printed.
    """
    governments = _prepared(governments)
    rng = np.random.default_rng(seed)
    logit = (
        HEADLINE_2021_LOGIT
        + HEADLINE_2021_LOADING * _evenly_spread(_government_quality(governments, rng))
        + rng.normal(0, HEADLINE_2021_SD, len(governments))
    )
    missing = pd.Series(pd.NA, index=governments.index, dtype="string")
    results = pd.DataFrame(
        {
            "year": 2021,
            "level": governments["level"],
            "province": governments["province"],
            "entity": governments["name"],
            "score": np.round(100 * _sigmoid(logit), 2),
            "zone": missing,
            "category": missing,
            "source_url": "",
            "notes": DEMO_NOTE,
            "source_row": np.arange(1, len(governments) + 1),
            "code": governments["code"],
            "dataset": DATASET_DEMO,
        }
    )
    return results[[*RESULT_COLUMNS, "code", "dataset"]]
