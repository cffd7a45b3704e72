"""The steps of an upload on the admin import page, without Streamlit: keep the uploaded bytes
as a file, detect its shape with the remembered column mapping, load it, place its rows, and
work out the diff against what is stored.

Rows are placed and flagged as the command line's imports are (`scoring.bundle`). A file's name
in every message is the name it was uploaded under; its bytes go to a private temporary folder
named after their SHA-256, so the same upload is read once per process.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import sqlalchemy as sa

from scoring import bundle, importing, mappings, store
from scoring.diff import UNITS, SliceDiff, compare, results_diff
from scoring.importing import FileShape, ImportResult, Kind
from scoring.problems import ImportFailed, Problem
from scoring.regions import Gazetteer, geo_dir

KINDS: tuple[Kind, ...] = ("results", "units", "items")
STORED_KINDS: tuple[Kind, ...] = ("results", "units")  # what the page can import
IGNORE = ""  # the mapping choice for a column that is not imported
_UPLOADS = Path(tempfile.gettempdir()) / "kepatuhan-uploads"


def _safe_name(name: str) -> str:
    """The uploaded name without folders or characters a file system may refuse.

    >>> _safe_name("../../etc/hasil 2024?.csv")
    'hasil 2024_.csv'
    """
    base = Path(name.replace("\\", "/")).name
    return re.sub(r"[^\w .()-]", "_", base).strip(" .") or "upload"


def keep_upload(name: str, content: bytes) -> Path:
    """The upload as a file under its own name, in a folder only this user can read."""
    digest = hashlib.sha256(content).hexdigest()
    folder = _UPLOADS / digest
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = folder / _safe_name(name)
    if not path.exists() or path.stat().st_size != len(content):
        path.write_bytes(content)
    return path


@dataclass(frozen=True)
class Detected:
    """The file's shape, the kind it is taken as, and the mapping remembered for that kind."""

    shape: FileShape
    kind: Kind | None
    remembered: dict[str, str]  # header as written -> canonical column, from earlier uploads


def detect(eng: sa.Engine, path: Path, organisation: str | None, chosen: Kind | None) -> Detected:
    """Detect kind and header row; a kind the headers leave open is tried with each kind's
    remembered mapping, else it is the one the admin chose."""
    shape = importing.inspect_file(path)
    kind = shape.kind or chosen
    if kind is None:
        for candidate in KINDS:
            known = mappings.overrides_for(
                shape.headers, mappings.remembered(eng, organisation, candidate)
            )
            if known and importing.inspect_file(path, header_overrides=known).kind == candidate:
                kind = candidate
                break
    remembered = (
        mappings.overrides_for(shape.unknown_headers, mappings.remembered(eng, organisation, kind))
        if kind
        else {}
    )
    return Detected(shape, kind, remembered)


@dataclass(frozen=True)
class Staged:
    """A loaded file with every row placed, ready to store: its frames by table and the diff."""

    result: ImportResult
    frames: dict[str, pd.DataFrame]
    diff: SliceDiff
    data_version: int  # of the database the diff was worked out against


def stage(
    eng: sa.Engine, dataset: str, result: ImportResult, gazetteer: Gazetteer | None
) -> Staged:
    """Place every row on a region code, as the command line does, then compare with the
    stored slices of the file's years.

    Raises ImportFailed with a problem (and the closest names) for every row that cannot be
    placed, or when there is no gazetteer to place rows with: nothing unplaced is stored.
    """
    version = store.data_version(eng)
    if gazetteer is None:
        folder = {"folder": geo_dir()}
        raise ImportFailed([Problem(result.file, None, None, None, "no_gazetteer", folder)])
    placed, unplaced = bundle.place(result, gazetteer)
    if unplaced:
        raise ImportFailed([*unplaced, *result.warnings])
    if result.kind == "results":
        frames = bundle.result_frames(placed)
        diff = results_diff(store.read(eng, "results", dataset), frames["results"])
    elif result.kind == "units":
        frames = {"units": placed}
        diff = compare(store.read(eng, "units", dataset), placed, UNITS)
    else:
        raise ValueError(f"the app does not import {result.kind} files")
    return Staged(result, frames, diff, version)


def forget_upload(path: Path) -> None:
    """Remove a kept upload once it is stored (its SHA-256 stays in the version log)."""
    shutil.rmtree(path.parent, ignore_errors=True)


def years_text(frames: dict[str, pd.DataFrame]) -> str:
    """The years a write replaces (of the file's kind, and nothing else).

    >>> years_text({"results": pd.DataFrame({"year": [2023, 2022, 2023]})})
    '2022, 2023'
    """
    years = {int(year) for frame in frames.values() for year in frame["year"].unique()}
    return ", ".join(map(str, sorted(years)))
