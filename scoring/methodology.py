"""The assessment rules of each era, loaded from the TOML files in `methodologies/`.

Rules live in data so that a corrected band or weight needs no code change. The files are
validated when loaded: grades descend and start at 0, weights sum to 100, zones exist.

Lower bounds are inclusive and are compared with the score rounded half-up to two decimals,
as Ombudsman publishes two-decimal scores: 77.995 is 78.00 (B), 77.994 is 77.99 (C).
"""

from __future__ import annotations

import itertools
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Literal

WeightsStatus = Literal["published", "assumed", "unknown", "none"]


class MethodologyError(ValueError):
    """A methodology file breaks one of the rules the rest of the code relies on."""


@dataclass(frozen=True)
class Zone:
    key: str
    name_id: str
    name_en: str
    color: str
    color_cb: str


@dataclass(frozen=True)
class Grade:
    """One band of scores: its inclusive lower bound, zone, category (2022 onward) and opinion."""

    lower: float
    zone: str
    opinion_id: str
    opinion_en: str
    category: str | None = None
    color: str | None = None
    unit_label_id: str | None = None


@dataclass(frozen=True)
class Variable:
    key: str
    name_id: str
    name_en: str
    indicators: int


@dataclass(frozen=True)
class Dimension:
    key: str
    name_id: str
    name_en: str
    weight: float | None
    variables: tuple[Variable, ...]
    evidence_id: str = ""
    evidence_en: str = ""


@dataclass(frozen=True)
class Locus:
    key: str
    name_id: str
    name_en: str
    levels: tuple[str, ...]
    count: int


@dataclass(frozen=True)
class Methodology:
    key: str
    first_year: int
    last_year: int
    comparability_group: str
    name_id: str
    name_en: str
    scored_id: str
    scored_en: str
    weights_status: WeightsStatus
    grades: tuple[Grade, ...]
    dimensions: tuple[Dimension, ...]
    loci: tuple[Locus, ...]
    weights_status_by_year: tuple[tuple[int, WeightsStatus], ...] = ()
    min_units_for_complete_set: int = 3
    followed_up_suffix_id: str = ""
    followed_up_suffix_en: str = ""

    @property
    def has_categories(self) -> bool:
        return any(g.category for g in self.grades)

    @property
    def can_recompute(self) -> bool:
        """Whether unit scores can be computed from items: needs known dimension weights."""
        return self.weights_status in ("published", "assumed")

    def weights_status_for(self, year: int) -> WeightsStatus:
        return dict(self.weights_status_by_year).get(year, self.weights_status)

    def covers(self, year: int) -> bool:
        return self.first_year <= year <= self.last_year

    def loci_for(self, level: str) -> tuple[Locus, ...]:
        return tuple(locus for locus in self.loci if level in locus.levels)

    def grade_for_category(self, category: str) -> Grade | None:
        return next((g for g in self.grades if g.category == category), None)


def _read_toml(name: str) -> dict:
    text = resources.files("scoring.methodologies").joinpath(name).read_text(encoding="utf-8")
    return tomllib.loads(text)


@cache
def zones() -> dict[str, Zone]:
    """Every zone by key, in severity order (hijau first)."""
    return {z["key"]: Zone(**z) for z in _read_toml("_zones.toml")["zones"]}


def _parse(name: str, raw: dict) -> Methodology:
    grades = tuple(Grade(**g) for g in raw.pop("grades"))
    dimensions = tuple(
        Dimension(
            key=d["key"],
            name_id=d["name_id"],
            name_en=d["name_en"],
            weight=d.get("weight"),
            variables=tuple(Variable(**v) for v in d.get("variables", [])),
            evidence_id=d.get("evidence_id", ""),
            evidence_en=d.get("evidence_en", ""),
        )
        for d in raw.pop("dimensions", [])
    )
    loci = tuple(
        Locus(lc["key"], lc["name_id"], lc["name_en"], tuple(lc["levels"]), lc["count"])
        for lc in raw.pop("loci", [])
    )
    by_year = tuple((int(y), s) for y, s in raw.pop("weights_status_by_year", {}).items())
    method = Methodology(
        grades=grades, dimensions=dimensions, loci=loci, weights_status_by_year=by_year, **raw
    )
    _validate(name, method)
    return method


def _validate(name: str, m: Methodology) -> None:
    def fail(reason: str) -> None:
        raise MethodologyError(f"{name}: {reason}")

    lowers = [g.lower for g in m.grades]
    if lowers != sorted(lowers, reverse=True) or len(set(lowers)) != len(lowers):
        fail("grades must be listed best first with strictly descending lower bounds")
    if lowers[-1] != 0:
        fail("the last grade must start at 0 so every score has a grade")
    if any(round(lo, 2) != lo for lo in lowers):
        fail("lower bounds have at most two decimals")
    unknown = {g.zone for g in m.grades} - zones().keys()
    if unknown:
        fail(f"unknown zone(s) {sorted(unknown)}")
    categories = [g.category for g in m.grades]
    if any(categories) and not all(categories):
        fail("either every grade has a category or none does")
    if m.can_recompute:
        weights = [d.weight for d in m.dimensions if d.weight is not None]
        if not weights or len(weights) != len(m.dimensions):
            fail("weights_status says weights are known, but a dimension has none")
        if abs(sum(weights) - 100) > 1e-6:
            fail(f"dimension weights sum to {sum(weights):.2f}, not 100")
        if any(not d.variables for d in m.dimensions):
            fail("every weighted dimension needs at least one variable")
    if m.first_year > m.last_year:
        fail("first_year is after last_year")


@cache
def all_methodologies() -> tuple[Methodology, ...]:
    """Every era, oldest first; eras must not overlap."""
    names = sorted(
        p.name
        for p in resources.files("scoring.methodologies").iterdir()
        if p.name.endswith(".toml") and not p.name.startswith(("_", INDICATOR_FILE_PREFIX))
    )
    methods = tuple(sorted((_parse(n, _read_toml(n)) for n in names), key=lambda m: m.first_year))
    for earlier, later in itertools.pairwise(methods):
        if earlier.last_year >= later.first_year:
            raise MethodologyError(f"eras {earlier.key} and {later.key} overlap")
    return methods


def for_year(year: int) -> Methodology:
    """The methodology in force in `year`; there was no assessment in 2020."""
    for method in all_methodologies():
        if method.covers(year):
            return method
    raise MethodologyError(f"no assessment methodology covers {year}")


def comparable(year_a: int, year_b: int) -> bool:
    """Whether two years' scores may be compared (same era)."""
    try:
        return for_year(year_a).comparability_group == for_year(year_b).comparability_group
    except MethodologyError:
        return False


# --- indicator wording ---------------------------------------------------------------------------

INDICATOR_FILE_PREFIX = "indicators-"


@dataclass(frozen=True)
class IndicatorText:
    """What one indicator is about, in both languages, and where the wording comes from.

    `paraphrase` is true where Ombudsman's own wording is not published and the text names the
    component of the legal source (`basis_*`) the indicator belongs to.
    """

    variable: str
    number: int
    text_id: str
    text_en: str
    basis_id: str
    basis_en: str
    paraphrase: bool


@cache
def indicator_texts(method: Methodology) -> dict[tuple[str, int], IndicatorText]:
    """(variable, indicator number) → its wording, from `indicators-<era key>.toml` next to the
    era's rules; {} for an era without such a file. The file must word exactly the era's
    variables and indicator counts, so a changed methodology cannot leave an item unworded."""
    name = f"{INDICATOR_FILE_PREFIX}{method.key}.toml"
    if not resources.files("scoring.methodologies").joinpath(name).is_file():
        return {}
    raw = _read_toml(name)
    expected = {v.key: v.indicators for d in method.dimensions for v in d.variables}
    worded = {key: len(v["indicators"]) for key, v in raw["variables"].items()}
    if raw.get("methodology") != method.key or worded != expected:
        raise MethodologyError(f"{name}: must word {expected} of era {method.key}, has {worded}")
    return {
        (key, number): IndicatorText(
            key,
            number,
            item["id"],
            item["en"],
            variable["basis_id"],
            variable["basis_en"],
            variable["paraphrase"],
        )
        for key, variable in raw["variables"].items()
        for number, item in enumerate(variable["indicators"], start=1)
    }
