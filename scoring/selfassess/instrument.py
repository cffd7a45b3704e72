"""The self-assessment instrument of an era: every indicator with its wording, its evidence and
what each answer 0-3 means, read from `methodologies/_instrument-<era>.toml`.

The wordings are the era's indicator texts (`methodology.indicator_texts`); this file adds only
the evidence kinds and the meaning of each level, so one wording serves the rapor and the
checklist alike. The instrument must cover exactly the era's variables and indicator counts.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

from scoring.choices import Lang
from scoring.methodology import (
    Methodology,
    MethodologyError,
    all_methodologies,
    for_year,
    indicator_texts,
)

INSTRUMENT_PREFIX = "_instrument-"
LEVELS = (0, 1, 2, 3)


@dataclass(frozen=True)
class EvidenceKind:
    key: str
    text_id: str
    text_en: str
    upload: bool  # false: shown in person (an interview), nothing to attach

    def text(self, lang: Lang) -> str:
        return self.text_id if lang == "id" else self.text_en


@dataclass(frozen=True)
class Indicator:
    """One question of the checklist, placed in the era's dimension and variable."""

    dimension: str
    variable: str
    number: int
    weight: float  # the dimension's weight in the unit score, per cent
    text_id: str
    text_en: str
    basis_id: str
    basis_en: str
    levels_id: tuple[str, ...]
    levels_en: tuple[str, ...]
    evidence: tuple[str, ...]  # keys of `Instrument.evidence`
    paraphrase: bool

    @property
    def key(self) -> str:
        """'variable.number', the indicator's id in stored answers and exports."""
        return f"{self.variable}.{self.number}"

    def text(self, lang: Lang) -> str:
        return self.text_id if lang == "id" else self.text_en

    def basis(self, lang: Lang) -> str:
        return self.basis_id if lang == "id" else self.basis_en

    def level(self, score: int, lang: Lang) -> str:
        return (self.levels_id if lang == "id" else self.levels_en)[score]


@dataclass(frozen=True)
class Instrument:
    methodology: str
    indicators: tuple[Indicator, ...]
    evidence: dict[str, EvidenceKind]

    def by_key(self) -> dict[str, Indicator]:
        return {item.key: item for item in self.indicators}


def _file(method: Methodology) -> str:
    return f"{INSTRUMENT_PREFIX}{method.key}.toml"


def has_instrument(year: int) -> bool:
    """Whether the era of `year` has a checklist and known weights to estimate a score with."""
    try:
        method = for_year(year)
    except MethodologyError:
        return False
    folder = resources.files("scoring.methodologies")
    return method.can_recompute and folder.joinpath(_file(method)).is_file()


@cache
def _load(key: str) -> Instrument:
    method = next(m for m in all_methodologies() if m.key == key)
    name = _file(method)
    raw = tomllib.loads(
        resources.files("scoring.methodologies").joinpath(name).read_text(encoding="utf-8")
    )

    def fail(reason: str) -> MethodologyError:
        return MethodologyError(f"{name}: {reason}")

    if raw.get("methodology") != method.key:
        raise fail(f"names methodology {raw.get('methodology')!r}, not {method.key!r}")
    evidence = {
        k: EvidenceKind(k, v["id"], v["en"], bool(v["upload"])) for k, v in raw["evidence"].items()
    }
    texts = indicator_texts(method)
    variables = {v.key: (d, v) for d in method.dimensions for v in d.variables}
    if set(raw["variables"]) != set(variables):
        raise fail(f"covers variables {sorted(raw['variables'])}, the era has {sorted(variables)}")
    items: list[Indicator] = []
    for key, (dimension, variable) in variables.items():
        entry = raw["variables"][key]
        if len(entry["evidence"]) != variable.indicators:
            raise fail(
                f"{key}: {len(entry['evidence'])} evidence lists, {variable.indicators} wanted"
            )
        for field in ("levels_id", "levels_en"):
            if len(entry[field]) != len(LEVELS):
                raise fail(f"{key}: {field} needs one meaning for each of 0, 1, 2 and 3")
        for number, kinds in enumerate(entry["evidence"], start=1):
            unknown = set(kinds) - evidence.keys()
            if unknown or not kinds:
                raise fail(f"{key}.{number}: evidence {sorted(unknown) or 'missing'}")
            text = texts[(key, number)]
            items.append(
                Indicator(
                    dimension=dimension.key,
                    variable=key,
                    number=number,
                    weight=float(dimension.weight or 0),
                    text_id=text.text_id,
                    text_en=text.text_en,
                    basis_id=text.basis_id,
                    basis_en=text.basis_en,
                    levels_id=tuple(entry["levels_id"]),
                    levels_en=tuple(entry["levels_en"]),
                    evidence=tuple(kinds),
                    paraphrase=bool(raw["paraphrase"]) or text.paraphrase,
                )
            )
    return Instrument(method.key, tuple(items), evidence)


def instrument_for(year: int) -> Instrument:
    """The checklist of `year`'s era; MethodologyError when the era has none."""
    if not has_instrument(year):
        raise MethodologyError(f"no self-assessment instrument with known weights for {year}")
    return _load(for_year(year).key)
