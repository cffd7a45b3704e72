"""The self-estimate (perkiraan mandiri): a unit's answers scored by the very code that scores
real results (`scoring.compute`), so the estimate cannot drift from the assessment's rules.

The answers become item rows as an assessment file would hold them (one product: the unit
answers each indicator once), an unanswered indicator counting 0 — no proof, no points — so the
estimate only rises as evidence is prepared. The government's estimate is the mean over all of
its loci, as the real score is. It is never stored beside published or demo figures.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from scoring.classify import classify
from scoring.compute import (
    score_dimensions,
    score_governments,
    score_indicators,
    score_units_from_dimensions,
)
from scoring.improve import improvement_plan, next_grade_gap
from scoring.methodology import for_year
from scoring.selfassess.instrument import instrument_for


@dataclass(frozen=True)
class Unit:
    """One locus of a government in the self-assessment: `key` names it in stored answers."""

    key: str  # "disdukcapil", "puskesmas-2"
    unit_type: str  # locus key of the methodology
    name: str  # as shown ("Disdukcapil Kabupaten Bangka")


def units_of(level: str, government: str, year: int) -> tuple[Unit, ...]:
    """The loci the era assesses for a government of `level`, named like the demo's units
    ("UPT Puskesmas Bangka 2"; a government's name without "Kabupaten"/"Kota" for places)."""
    place = government.removeprefix("Kabupaten ").removeprefix("Kota ").removeprefix("Provinsi ")
    out: list[Unit] = []
    for locus in for_year(year).loci_for(level):
        for copy in range(1, locus.count + 1):
            numbered = locus.count > 1
            subject = place if locus.key in ("puskesmas", "rsud") else government
            name = f"{locus.name_id} {subject}" + (f" {copy}" if numbered else "")
            key = f"{locus.key}-{copy}" if numbered else locus.key
            out.append(Unit(key, locus.key, name))
    return tuple(out)


def answer_items(
    answers: pd.DataFrame, units: Sequence[Unit], year: int, *, code: str, pemda: str
) -> pd.DataFrame:
    """Item rows (the columns `scoring.compute` reads) for every unit × indicator; `answers`
    has unit, variable, indicator and score (0-3, missing when unanswered)."""
    instrument = instrument_for(year)
    grid = pd.DataFrame(
        [
            (u.key, u.name, u.unit_type, i.dimension, i.variable, i.number)
            for u in units
            for i in instrument.indicators
        ],
        columns=["unit", "opd", "unit_type", "dimension", "variable", "indicator"],
    )
    given = answers[["unit", "variable", "indicator", "score"]].astype(
        {"indicator": int, "score": "Float64"}
    )
    items = grid.merge(given, on=["unit", "variable", "indicator"], how="left")
    return items.assign(
        year=year,
        province="",
        pemda=pemda,
        code=code,
        product=1,
        item_score=items.pop("score").fillna(0).astype(float),
    )


@dataclass(frozen=True)
class Estimate:
    """Every level of the self-estimate of one government and year."""

    year: int
    indicators: pd.DataFrame  # unit, opd, unit_type, dimension, variable, indicator, score
    dimensions: pd.DataFrame  # opd, unit_type, dimension, score
    units: pd.DataFrame  # unit, opd, unit_type, score, zone, category, next, gap
    government: float  # mean of the units' scores

    def government_grade(self) -> tuple[str | None, str | None]:
        """(zone, category) of the government's estimate."""
        grade = classify(pd.Series([self.government]), for_year(self.year)).iloc[0]
        return grade["zone"], grade["category"]

    def fix_first(self, unit: str, limit: int = 5) -> pd.DataFrame:
        """The unit's indicators whose improvement raises its estimate most (by the weights),
        with the estimate after each fix and the fix that reaches the next category."""
        own = self.indicators[self.indicators["unit"] == unit]
        score = float(self.units.loc[self.units["unit"] == unit, "score"].iloc[0])
        return improvement_plan(own, self.year, score).head(limit)


def estimate(
    answers: pd.DataFrame, units: Sequence[Unit], year: int, *, code: str, pemda: str
) -> Estimate:
    """Score the answers of a government's units through `scoring.compute`."""
    items = answer_items(answers, units, year, code=code, pemda=pemda)
    unit_of = {u.name: u.key for u in units}
    indicators = score_indicators(items)
    indicators["unit"] = indicators["opd"].map(unit_of)
    dimensions = score_dimensions(indicators)
    scored = score_units_from_dimensions(dimensions)
    scored["unit"] = scored["opd"].map(unit_of)
    grades = classify(scored["score"], for_year(year))
    scored["zone"], scored["category"] = grades["zone"], grades["category"]
    gaps = [next_grade_gap(float(s), year) for s in scored["score"]]
    scored["next"] = [target for target, _ in gaps]
    scored["gap"] = [gap for _, gap in gaps]
    government = float(score_governments(scored)["score"].iloc[0])
    return Estimate(year, indicators, dimensions, scored, government)
