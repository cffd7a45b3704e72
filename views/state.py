"""The view state that lives in the URL: one codec, so every view can be rebuilt from its link.

`decode` never raises: a bad or unknown parameter falls back to its default and yields a notice
that the page shows, so a mistyped link still opens a working page.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from typing import Any

from scoring.choices import (
    COLOR_BY,
    DATASET_PUBLISHED,
    DATASETS,
    LANGUAGES,
    LEVELS,
    PALETTES,
    ColorBy,
    Dataset,
    Lang,
    Level,
    Palette,
)

PROVINCE_CODE = re.compile(r"^\d{2}$")
REGION_CODE = re.compile(r"^\d{2}(\.\d{2})?$")


@dataclass(frozen=True)
class ViewState:
    """What a link pins down. `None` means 'not chosen' (whole nation, no region)."""

    year: int | None = None
    province: str | None = None  # two-digit province code
    region: str | None = None  # "73.11" for a kab/kota, "73" for a pemprov
    compare: tuple[str, ...] = ()  # region codes for the comparison page
    level: Level = "kabkota"
    dataset: Dataset = DATASET_PUBLISHED
    lang: Lang = "id"
    palette: Palette = "standard"
    color_by: ColorBy = "zone"
    large: bool = False

    def with_(self, **changes: Any) -> ViewState:
        """A copy with `changes`; field names and values are checked by `decode`'s parsers
        and the dataclass, not here (widget callbacks pass what the widget holds)."""
        return replace(self, **changes)


DEFAULT = ViewState()


@dataclass(frozen=True)
class Notice:
    """A parameter that could not be used; shown to the user, never raised."""

    parameter: str
    value: str


def _choice(value: str, options: tuple[str, ...]) -> str | None:
    return value if value in options else None


def _year(value: str, years: tuple[int, ...]) -> int | None:
    return int(value) if value.isdigit() and int(value) in years else None


def _codes(value: str, known: frozenset[str]) -> tuple[str, ...] | None:
    codes = tuple(dict.fromkeys(c for c in value.split(",") if c))
    if not codes or len(codes) > 4 or any(c not in known for c in codes):
        return None
    return codes


def decode(
    params: Mapping[str, str | list[str]],
    *,
    years: tuple[int, ...],
    province_codes: frozenset[str],
    region_codes: frozenset[str],
) -> tuple[ViewState, list[Notice]]:
    """Read query parameters into a state; unknown values become defaults with a notice."""
    notices: list[Notice] = []
    values: dict[str, Any] = {}

    def first(name: str) -> str | None:
        raw = params.get(name)
        if isinstance(raw, list):
            raw = raw[0] if raw else None
        return raw.strip() if isinstance(raw, str) and raw.strip() else None

    parsers = {
        "year": lambda v: _year(v, years),
        "province": lambda v: v if PROVINCE_CODE.match(v) and v in province_codes else None,
        "region": lambda v: v if REGION_CODE.match(v) and v in region_codes else None,
        "compare": lambda v: _codes(v, region_codes),
        "level": lambda v: _choice(v, LEVELS),
        "dataset": lambda v: _choice(v, DATASETS),
        "lang": lambda v: _choice(v, LANGUAGES),
        "palette": lambda v: _choice(v, PALETTES),
        "color_by": lambda v: _choice(v, COLOR_BY),
        "large": lambda v: {"1": True, "0": False}.get(v),
    }
    for name, parse in parsers.items():
        raw = first(name)
        if raw is None:
            continue
        value = parse(raw)
        if value is None:
            notices.append(Notice(name, raw))
        else:
            values[name] = value
    return replace(DEFAULT, **values), notices


def encode(state: ViewState) -> dict[str, str]:
    """Only what differs from the defaults, so links stay short."""
    out: dict[str, str] = {}
    for field in fields(ViewState):
        value = getattr(state, field.name)
        if value == getattr(DEFAULT, field.name):
            continue
        if isinstance(value, bool):
            out[field.name] = "1" if value else "0"
        elif isinstance(value, tuple):
            out[field.name] = ",".join(value)
        else:
            out[field.name] = str(value)
    return out
