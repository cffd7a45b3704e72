"""After the visit: a government's self-estimate beside the real result of the same year, unit
by unit and dimension by dimension — where a unit was too optimistic.

Only for someone the self-assessment lets see that government (`access`): its coordinator and
verifier, an admin, or a unit account for its own unit only. A real unit is matched to a locus
of the checklist by its locus type (the n-th Puskesmas by name order to `puskesmas-n`).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import sqlalchemy as sa

from scoring.accounts import Account
from scoring.selfassess import records
from scoring.selfassess.access import scope_of
from scoring.selfassess.instrument import has_instrument
from scoring.selfassess.predict import Estimate, Unit, estimate, units_of

OPTIMISTIC_POINTS = 5  # an estimate this far above the result is called too optimistic


@dataclass(frozen=True)
class Visible:
    estimate: Estimate
    units: tuple[Unit, ...]  # the units this account may see that answered anything


def visible_estimate(
    eng: sa.Engine, account: Account | None, code: str, year: int, name: str, level: str
) -> Visible | None:
    """The account's view of a government's self-estimate in `year`, or None (nothing to show
    or not theirs to see)."""
    if account is None or not has_instrument(year):
        return None
    scope = scope_of(account, records.member(eng, account.name))
    if not scope.may_open(code, scope.unit):
        return None
    answers = records.answers(eng, code, year)
    if answers.empty:
        return None
    units = units_of(level, name, year)
    guess = estimate(answers, units, year, code=code, pemda=name)
    answered = set(answers.loc[answers["score"].notna(), "unit"])
    return Visible(
        guess, tuple(u for u in units if scope.unit in (None, u.key) and u.key in answered)
    )


def locus_keys(real: pd.DataFrame) -> pd.Series:
    """The checklist key of each real unit row: its locus type, numbered where a type has
    several units (by name order)."""
    order = real.sort_values("opd")
    number = order.groupby("unit_type").cumcount() + 1
    several = order.groupby("unit_type")["opd"].transform("count") > 1
    keys = (
        order["unit_type"]
        .astype(str)
        .where(~several, order["unit_type"] + "-" + number.astype(str))
    )
    return keys.reindex(real.index)


def beside(seen: Visible, real_units: pd.DataFrame, real_dimensions: pd.DataFrame) -> pd.DataFrame:
    """Per unit and level (`unit` for the unit score, else a dimension key): self-estimate,
    result, difference (estimate − result) and whether the unit was too optimistic."""
    keys = locus_keys(real_units)
    real = real_units.assign(unit=keys.to_numpy())
    opd_of = dict(zip(real["opd"], real["unit"], strict=False))
    rows = []
    guess = seen.estimate
    units = guess.units.set_index("unit")["score"]
    dimensions = guess.dimensions.assign(
        unit=guess.dimensions["opd"].map({u.name: u.key for u in seen.units})
    )
    for unit in seen.units:
        actual = real.loc[real["unit"] == unit.key, "score"]
        if actual.empty:
            continue
        rows.append((unit.key, unit.name, "unit", float(units[unit.key]), float(actual.iloc[0])))
        mine = dimensions[dimensions["unit"] == unit.key].set_index("dimension")["score"]
        theirs = real_dimensions[real_dimensions["opd"].map(opd_of) == unit.key]
        for dimension, score in zip(theirs["dimension"], theirs["score"], strict=True):
            if dimension in mine.index:
                rows.append(
                    (unit.key, unit.name, str(dimension), float(mine[dimension]), float(score))
                )
    frame = pd.DataFrame(rows, columns=["unit", "opd", "level", "estimate", "result"])
    frame["difference"] = frame["estimate"] - frame["result"]
    frame["optimistic"] = frame["difference"] > OPTIMISTIC_POINTS
    return frame
