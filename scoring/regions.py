"""Kemendagri region codes for the names found in result files.

Results name governments the way a press release or a spreadsheet spells them ("Kab. Bone",
"Kota Pangkal Pinang", "Sidrap") and, up to 2024, under the 34 provinces before the Papua split.
Everything downstream joins on codes, so names are matched here once: through a normalised key,
an alias table kept as data (`reference/aliases.csv`) and a crosswalk from the pre-2022 codes.

The code lists come from the shared geo folder (`geo_dir()`), not from the package, because the
map boundaries and the gazetteer must stay in step; the map's properties are checked against it.
"""

from __future__ import annotations

import difflib
import json
import os
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd

from scoring.choices import GOVERNMENT_LEVELS

GEO_DIR_ENV = "KEPATUHAN_GEO_DIR"
PROJECT_ROOT = Path(__file__).resolve().parent.parent
ALIASES_FILE = Path(__file__).resolve().parent / "reference" / "aliases.csv"

REGIONS_2025 = "gazetteer/kabkota_2025_idn-area-data.csv"
PROVINCES_2025 = "gazetteer/provinsi_2025_idn-area-data.csv"
REGIONS_2021 = "gazetteer/kabkota_2021codes_idn-area-data.csv"
PROVINCES_2021 = "gazetteer/provinsi_2021codes_idn-area-data.csv"
MAP_FILE = "kabkota_514.geojson"

# Papua (91) and Papua Barat (92) were split in 2022; every other province kept its code.
_SPLIT_2022 = {
    "91": frozenset({"91", "93", "94", "95"}),
    "92": frozenset({"92", "96"}),
}
# Words written short in result files; expanded wherever they stand.
_ABBREVIATIONS = {
    "kab": "kabupaten",
    "pemkab": "kabupaten",
    "pemkot": "kota",
    "prov": "provinsi",
    "pemprov": "provinsi",
    "kep": "kepulauan",
    "adm": "administrasi",
}
_NOT_ALNUM = re.compile(r"[^0-9a-z]+")
# Stands in for a province that was given but not recognised: it matches no region, so a wrong
# province makes the row unmatched instead of silently searching the whole country.
_UNKNOWN_PROVINCE = "??"
_SEP = "\x1f"  # joins name, level and province into one key per distinct combination


class GeoDataMissing(FileNotFoundError):
    """The shared geo folder lacks a file the gazetteer needs; the app then runs without maps."""

    def __init__(self, folder: Path, missing: str) -> None:
        super().__init__(
            f"geo data file {missing!r} not found in {folder}; set {GEO_DIR_ENV} to the folder "
            f"holding the shared geo data (gazetteer/ and {MAP_FILE})"
        )
        self.folder = folder
        self.missing = missing


def geo_dir() -> Path:
    """The shared geo folder: $KEPATUHAN_GEO_DIR, else ../shared/geo next to the project."""
    configured = os.environ.get(GEO_DIR_ENV)
    if configured:
        return Path(configured).expanduser()
    return PROJECT_ROOT.parent / "shared" / "geo"


def _folder(chosen: Path | None) -> Path:
    return (chosen if chosen is not None else geo_dir()).resolve()


def _read_csv(folder: Path, relative: str) -> pd.DataFrame:
    """Read a gazetteer table as text, so codes like "11" and "9101" keep their form."""
    path = folder / relative
    if not path.is_file():
        raise GeoDataMissing(folder, relative)
    return pd.read_csv(path, dtype=str, keep_default_na=False)


# --- names -------------------------------------------------------------------------------------


def _parse(name: str) -> tuple[str, str]:
    """Split a name into its level prefix ("" if none) and a spelling-proof body.

    The body drops case, accents, punctuation and all spaces, so "Pangkal Pinang",
    "Pangkalpinang" and "PANGKAL-PINANG" agree. "Administrasi" after the prefix is a status,
    not part of the name, so "Kota Jakarta Pusat" still finds the Kota Administrasi.
    """
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    words = [_ABBREVIATIONS.get(w, w) for w in _NOT_ALNUM.split(plain) if w]
    level = ""
    if words and words[0] in GOVERNMENT_LEVELS:
        level = words.pop(0)
        if level != "provinsi" and words[:1] == ["administrasi"]:
            words.pop(0)
    return level, "".join(words)


def normalise_name(name: str) -> str:
    """The matching key of a name: "Kab. Bone" and "KABUPATEN  BONE" both give "kabupaten bone".

    The level prefix stays a separate word so "Kabupaten Bekasi" and "Kota Bekasi" differ.
    """
    return " ".join(part for part in _parse(name) if part)


def normalise_names(names: pd.Series) -> pd.Series:
    """`normalise_name` for a column, computed once per distinct value; missing stays missing."""
    distinct = names.dropna().unique()
    return names.map({name: normalise_name(str(name)) for name in distinct}).astype("string")


def successor_provinces(province_code: str) -> frozenset[str]:
    """Today's provinces covering a pre-2022 province, so old results still find their region."""
    return _SPLIT_2022.get(province_code, frozenset({province_code}))


# --- the gazetteer -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Entry:
    """One way of writing a region: its level, code and whether the spelling is official."""

    level: str
    code: str
    kind: str  # exact | alias


@dataclass(frozen=True)
class _Match:
    code: str | None
    match: str


@dataclass(frozen=True, eq=False)
class Gazetteer:
    """Today's 38 provinces and 514 kab/kota, and the lookups that turn names into their codes."""

    regions: pd.DataFrame  # code, name, level, province_code, province
    provinces: pd.DataFrame  # code, name
    _index: Mapping[str, tuple[_Entry, ...]] = field(repr=False)  # name body → entries
    _names: Mapping[str, str] = field(repr=False)  # code → official name, provinces included
    _keys: Mapping[str, tuple[str, str]] = field(repr=False)  # code → parsed official name

    def resolve(
        self,
        frame: pd.DataFrame,
        name_col: str = "entity",
        province_col: str = "province",
        level_col: str = "level",
    ) -> pd.DataFrame:
        """Codes for every row, indexed like `frame`; unmatched rows get a missing code.

        The province (old or new name) narrows the search to its successor provinces; a
        province that is given but unknown matches nothing. A name prefix ("Kota …") decides
        the level, else `level_col` does; either column may be absent or missing.
        """
        combos = (
            frame[name_col].astype("string").fillna("")
            + _SEP
            + self._levels(frame, level_col)
            + _SEP
            + self._province_codes(frame, province_col)
        )
        ids, distinct = pd.factorize(combos)
        found = [self._lookup(*combo.split(_SEP)) for combo in distinct]
        code = pd.Series(pd.array([m.code for m in found], dtype="string")[ids], index=frame.index)
        return pd.DataFrame(
            {
                "code": code,
                "province_code": code.str[:2],
                "region_name": code.map(self._names).astype("string"),
                "match": pd.array([m.match for m in found], dtype="string")[ids],
            },
            index=frame.index,
        )

    def resolve_province(self, name: str) -> str | None:
        """The province code for an old or new province name, an alias or "Provinsi X"."""
        if _parse(name)[0] not in ("", "provinsi"):
            return None
        return self._lookup(name, "provinsi", "").code

    def suggest(self, name: str, n: int = 3, province_code: str | None = None) -> list[str]:
        """Official names closest to an unrecognised one, for "did you mean" messages."""
        level, body = _parse(name)
        allowed = successor_provinces(province_code) if province_code else None
        choices: dict[str, list[str]] = {}
        for code, (official_level, official_body) in self._keys.items():
            if allowed is None or code[:2] in allowed:
                key = f"{official_level} {official_body}" if level else official_body
                choices.setdefault(key, []).append(self._names[code])
        query = f"{level} {body}" if level else body
        close = difflib.get_close_matches(query, choices, n=n)
        return [official for key in close for official in choices[key]][:n]

    def _levels(self, frame: pd.DataFrame, level_col: str) -> pd.Series:
        """Each row's stated level as provinsi|kabupaten|kota, or "" when absent or unclear."""
        if level_col not in frame:
            return pd.Series("", index=frame.index, dtype="string")
        stated = frame[level_col].astype("string")
        known = {v: _parse(v) for v in stated.dropna().unique()}
        levels = {v: lvl for v, (lvl, rest) in known.items() if not rest}
        return stated.map(levels).astype("string").fillna("")

    def _province_codes(self, frame: pd.DataFrame, province_col: str) -> pd.Series:
        """Each row's province code, "" when none is given, `_UNKNOWN_PROVINCE` if unknown."""
        if province_col not in frame:
            return pd.Series("", index=frame.index, dtype="string")
        stated = frame[province_col].astype("string")
        codes = {p: self.resolve_province(p) or _UNKNOWN_PROVINCE for p in stated.dropna().unique()}
        return stated.map(codes).astype("string").fillna("")

    def _lookup(self, name: str, level: str, province: str) -> _Match:
        """Official spellings first, then aliases; more than one region left is ambiguous.

        `level` and `province` may be "" (not stated); a prefix in the name overrides `level`.
        """
        prefix, body = _parse(name)
        level = prefix or level
        allowed = successor_provinces(province) if province else None
        entries = [
            e
            for e in self._index.get(body, ())
            if (not level or e.level == level) and (allowed is None or e.code[:2] in allowed)
        ]
        for kind in ("exact", "alias"):
            codes = {e.code for e in entries if e.kind == kind}
            if len(codes) > 1:
                return _Match(None, "ambiguous")
            if codes:
                code = codes.pop()
                bare = kind == "exact" and not prefix and len(code) > 2
                return _Match(code, "unprefixed" if bare else kind)
        return _Match(None, "none")


def _regions(folder: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The 2025 kab/kota and province tables, with level and province name added."""
    provinces = _read_csv(folder, PROVINCES_2025)[["code", "name"]]
    regions = _read_csv(folder, REGIONS_2025)[["code", "name", "province_code"]]
    regions = regions.assign(
        level=regions["name"].map(lambda n: _parse(n)[0]),
        province=regions["province_code"].map(
            dict(zip(provinces["code"], provinces["name"], strict=True))
        ),
    )[["code", "name", "level", "province_code", "province"]]
    bad = regions[~regions["level"].isin(("kabupaten", "kota")) | regions["province"].isna()]
    if not bad.empty:
        raise ValueError(f"{REGIONS_2025}: no level or province for {', '.join(bad['code'])}")
    return regions.sort_values("code", ignore_index=True), provinces


def _check_map(folder: Path, regions: pd.DataFrame) -> None:
    """Fail if the map's properties disagree with the gazetteer; a missing map is allowed."""
    path = folder / MAP_FILE
    if not path.is_file():
        return
    features = json.loads(path.read_text(encoding="utf-8"))["features"]
    mapped = pd.DataFrame([f["properties"] for f in features]).set_index("code")
    expected = regions.set_index("code")
    if set(mapped.index) != set(expected.index):
        raise ValueError(f"{MAP_FILE} and {REGIONS_2025} list different codes")
    mapped = mapped.loc[expected.index]
    differs = (
        (normalise_names(mapped["name"]) != normalise_names(expected["name"]))
        | (mapped["type"].str.casefold() != expected["level"])
        | (mapped["province_code"] != expected["province_code"])
        | (mapped["province"] != expected["province"])
    )
    if differs.any():
        codes = ", ".join(differs[differs].index)
        raise ValueError(f"{MAP_FILE} disagrees with {REGIONS_2025} for {codes}")


def _official_entries(
    regions: pd.DataFrame, provinces: pd.DataFrame, old_provinces: pd.DataFrame
) -> list[tuple[str, _Entry]]:
    """Official spellings: today's names, plus the pre-2022 province names ("DKI Jakarta")."""
    entries = [
        (_parse(n)[1], _Entry(lvl, c, "exact"))
        for c, n, lvl in zip(regions["code"], regions["name"], regions["level"], strict=True)
    ]
    for table in (provinces, old_provinces):
        entries += [
            (_parse(n)[1], _Entry("provinsi", c, "exact"))
            for c, n in zip(table["code"], table["name"], strict=True)
        ]
    return entries


def _alias_entries(keys: Mapping[str, tuple[str, str]]) -> list[tuple[str, _Entry]]:
    """Entries from `reference/aliases.csv`; an alias must name an official region or province.

    An alias's own prefix is ignored: it takes the level of the region it stands for.
    """
    aliases = pd.read_csv(ALIASES_FILE, dtype=str, keep_default_na=False)
    by_key = {f"{lvl} {body}": code for code, (lvl, body) in keys.items()}
    entries, unknown = [], []
    for alias, official in zip(aliases["alias"], aliases["official"], strict=True):
        level, body = _parse(official)
        code = by_key.get(f"{level or 'provinsi'} {body}")
        if code is None:
            unknown.append(official)
        else:
            entries.append((_parse(alias)[1], _Entry(keys[code][0], code, "alias")))
    if unknown:
        raise ValueError(f"{ALIASES_FILE.name}: not an official name: {', '.join(unknown)}")
    return entries


def _build(folder: Path) -> Gazetteer:
    regions, provinces = _regions(folder)
    old_provinces = _read_csv(folder, PROVINCES_2021)
    _check_map(folder, regions)
    keys = {c: _parse(n) for c, n in zip(regions["code"], regions["name"], strict=True)}
    keys |= {
        c: ("provinsi", _parse(n)[1])
        for c, n in zip(provinces["code"], provinces["name"], strict=True)
    }
    index: dict[str, list[_Entry]] = {}
    for body, entry in _official_entries(regions, provinces, old_provinces) + _alias_entries(keys):
        index.setdefault(body, []).append(entry)
    names = dict(zip(provinces["code"], provinces["name"], strict=True))
    names |= dict(zip(regions["code"], regions["name"], strict=True))
    return Gazetteer(
        regions=regions,
        provinces=provinces,
        _index={body: tuple(entries) for body, entries in index.items()},
        _names=names,
        _keys=keys,
    )


@lru_cache(maxsize=8)
def _load(folder: str) -> Gazetteer:
    return _build(Path(folder))


def load_gazetteer(geo_dir: Path | None = None) -> Gazetteer:
    """The gazetteer of a geo folder (default `geo_dir()`), read once per folder."""
    return _load(str(_folder(geo_dir)))


@lru_cache(maxsize=8)
def _crosswalk(folder: str) -> tuple[tuple[str, str], ...]:
    """Match each pre-2022 kab/kota by name within its old province's successors."""
    old = _read_csv(Path(folder), REGIONS_2021)
    old_provinces = _read_csv(Path(folder), PROVINCES_2021)
    frame = pd.DataFrame(
        {
            "entity": old["name"],
            "province": old["province_code"].map(
                dict(zip(old_provinces["code"], old_provinces["name"], strict=True))
            ),
        }
    )
    new = _load(folder).resolve(frame)["code"]
    if new.isna().any() or new.duplicated().any():
        bad = old.loc[new.isna() | new.duplicated(keep=False), "name"]
        raise ValueError(f"{REGIONS_2021}: no unique 2025 region for {', '.join(bad)}")
    return tuple(zip(old["code"], new, strict=True))


def old_code_crosswalk(geo_dir: Path | None = None) -> dict[str, str]:
    """Pre-2022 code ("9101") → 2025 code ("93.01") for every kab/kota."""
    return dict(_crosswalk(str(_folder(geo_dir))))
