"""Kab/kota and province boundaries, simplified once for the web map and cached on disk.

The source (`kabkota_514.geojson` in the shared geo folder) holds 160,000 vertices and 18,700
polygons, most of them rocks smaller than a pixel; drawn as is, the national map would send
3.5 MB to every browser. It is therefore reduced once, in four steps:

1. islands smaller than `MIN_PART_AREA` are dropped, unless they are at least a tenth of their
   region's largest part, so that every region (even Kepulauan Seribu) keeps its main islands;
2. `coverage_clean` closes the slivers the source left between neighbours (up to `GAP_WIDTH`)
   and makes shared borders vertex-identical, so the polygons form a true coverage;
3. `coverage_simplify` simplifies every shared border once for both sides, so neighbours still
   touch and no gap or overlap appears; a geometry it leaves invalid falls back to its own
   topology-preserving `simplify`;
4. coordinates are snapped to a 1e-4 degree grid (about 11 m), shortening the GeoJSON.

The result is written to `cache_dir()` as GeoParquet, keyed by the source's size and mtime and
by the parameters above, so later process starts read it in a fraction of a second. The pages
keep the loaded value in `st.cache_resource`; this module stays free of Streamlit.

For the browser, `shapes_file` writes the shapes of the nation or of one province once as
quantised TopoJSON (each border shared by two regions stored once, coordinates as small
integer steps): a third of the GeoJSON's size, fetched once over HTTP and cached by the
browser, while each page run sends only the regions' values (see `views.maps`).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
import topojson

from scoring import regions

KABKOTA_FILE = "kabkota_514.geojson"
PROJECT_ROOT = Path(__file__).resolve().parent.parent

# Degrees. 0.01 (about 1.1 km) is below a pixel at the national zoom and keeps the national
# page at about 1.35 MB (limit 1.5 MB); 0.005 would add 0.3 MB and break the limit.
TOLERANCE = 0.01
GAP_WIDTH = 0.005  # the source's slivers are up to ~500 m wide; real lakes are far wider
MIN_PART_AREA = TOLERANCE**2  # deg², about 1.2 km²: 2×2 pixels at a province's zoom
KEEP_SHARE_OF_LARGEST = 0.1
GRID = 1e-4
PIPELINE_VERSION = 1  # bump when the steps change, so old disk caches are not reused
CRS = "EPSG:4326"
# TopoJSON quantisation: a million steps across the bounds (about 5 m at the national extent)
# keeps every vertex of the 1e-4 grid apart, so shared borders stay shared.
QUANTISATION = 1_000_000
SHAPES_VERSION = 1  # bump when the TopoJSON's content changes


@dataclass(frozen=True, eq=False)
class Boundaries:
    """Simplified boundaries shared by every map; treat the frames as read-only.

    `province_borders` holds each land border between two provinces once, as lines: the map
    draws those instead of province outlines so that coastlines are not sent twice.
    """

    kabkota: gpd.GeoDataFrame  # code, name, level, province_code, province, geometry
    provinces: gpd.GeoDataFrame  # code, name, geometry
    province_borders: gpd.GeoDataFrame  # province_a, province_b, geometry
    key: str = ""  # names the source version and the pipeline; empty for hand-made boundaries


def cache_dir() -> Path:
    """Where simplified boundaries are kept between runs (gitignored `var/cache`)."""
    return PROJECT_ROOT / "var" / "cache"


def load_boundaries(geo_dir: Path | None = None) -> Boundaries:
    """The simplified boundaries of a geo folder (default: the shared one, see `geo_dir()`).

    Raises `GeoDataMissing` when the folder lacks `kabkota_514.geojson`.
    """
    folder = (geo_dir if geo_dir is not None else regions.geo_dir()).resolve()
    source = folder / KABKOTA_FILE
    if not source.is_file():
        raise regions.GeoDataMissing(folder, KABKOTA_FILE)
    stat = source.stat()
    return _load(str(source), stat.st_size, stat.st_mtime_ns, str(cache_dir()))


@lru_cache(maxsize=4)
def _load(source: str, size: int, mtime_ns: int, cache: str) -> Boundaries:
    """One load per source version and process; the arguments are the cache key."""
    key = f"{PIPELINE_VERSION}|{size}|{mtime_ns}|{TOLERANCE}|{GAP_WIDTH}|{MIN_PART_AREA}|{GRID}"
    digest = hashlib.sha256(key.encode()).hexdigest()[:16]
    folder = Path(cache) / f"boundaries-{digest}"
    if folder.is_dir():
        try:
            return _read_cache(folder, digest)
        except (OSError, ValueError):
            shutil.rmtree(folder, ignore_errors=True)  # a damaged cache is rebuilt
    boundaries = dataclasses.replace(_simplify(_read_source(Path(source))), key=digest)
    _write_cache(boundaries, folder)
    return boundaries


def _read_source(path: Path) -> gpd.GeoDataFrame:
    raw = gpd.read_file(path)
    return gpd.GeoDataFrame(
        {
            "code": raw["code"].astype(str),
            "name": raw["name"].astype(str),
            "level": raw["type"].astype(str).str.casefold(),
            "province_code": raw["province_code"].astype(str),
            "province": raw["province"].astype(str),
        },
        geometry=raw.geometry.values,
        crs=CRS,
    ).sort_values("code", ignore_index=True)


# --- simplification ------------------------------------------------------------------------


def _simplify(raw: gpd.GeoDataFrame) -> Boundaries:
    """Steps 1-4 of the module docstring; provinces are dissolved from the result.

    Dissolving the simplified kab/kota (rather than simplifying provinsi_38.geojson on its own)
    makes province borders coincide exactly with the kab/kota borders drawn under them.
    """
    pruned = np.array([_drop_specks(g) for g in raw.geometry.values], dtype=object)
    simplified = _coverage_simplify(pruned)
    codes = raw["province_code"].to_numpy()
    province_codes = np.unique(codes)
    dissolve = (
        shapely.coverage_union_all if shapely.coverage_is_valid(simplified) else shapely.union_all
    )
    province_geoms = np.array(
        [dissolve(simplified[codes == code]) for code in province_codes], dtype=object
    )
    names = raw.drop_duplicates("province_code").set_index("province_code")["province"]
    provinces = gpd.GeoDataFrame(
        {"code": province_codes, "name": names.loc[province_codes].to_numpy()},
        geometry=_snap(province_geoms),
        crs=CRS,
    )
    kabkota = raw.set_geometry(_snap(simplified))
    return Boundaries(kabkota, provinces, _shared_borders(provinces))


def _drop_specks(geometry: shapely.Geometry) -> shapely.Geometry:
    """Drop islands too small to see, keeping each region's main islands (step 1)."""
    parts = shapely.get_parts(geometry)
    areas = shapely.area(parts)
    keep = parts[(areas >= MIN_PART_AREA) | (areas >= KEEP_SHARE_OF_LARGEST * areas.max())]
    return keep[0] if len(keep) == 1 else shapely.multipolygons(keep)


def _coverage_simplify(geometries: np.ndarray) -> np.ndarray:
    """Steps 2 and 3; whatever the coverage tools reject is simplified on its own."""
    try:
        cleaned = shapely.coverage_clean(geometries, gap_width=GAP_WIDTH)
    except shapely.errors.GEOSException:
        cleaned = geometries
    try:
        simplified = shapely.coverage_simplify(cleaned, TOLERANCE)
    except shapely.errors.GEOSException:
        simplified = np.full(len(cleaned), None, dtype=object)
    rejected = ~shapely.is_valid(simplified) | shapely.is_empty(simplified)
    simplified[rejected] = shapely.simplify(geometries[rejected], TOLERANCE, preserve_topology=True)
    return simplified


def _snap(geometries: np.ndarray) -> np.ndarray:
    """Step 4; shared vertices snap to the same grid point, so shared borders stay shared."""
    return shapely.set_precision(geometries, GRID)


def _shared_borders(provinces: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Each land border between two provinces, once, as (multi)lines."""
    geoms = provinces.geometry.values
    pairs = shapely.STRtree(geoms).query(geoms, predicate="intersects")
    pairs = pairs[:, pairs[0] < pairs[1]]
    rows = []
    for a, b in pairs.T:
        shared = shapely.intersection(shapely.boundary(geoms[a]), shapely.boundary(geoms[b]))
        lines = shapely.get_parts(shared)
        lines = lines[shapely.get_type_id(lines) == shapely.GeometryType.LINESTRING]
        if len(lines):
            merged = shapely.line_merge(shapely.multilinestrings(lines))
            rows.append((provinces["code"].iat[a], provinces["code"].iat[b], merged))
    frame = pd.DataFrame(rows, columns=["province_a", "province_b", "geometry"])
    return gpd.GeoDataFrame(frame, geometry="geometry", crs=CRS)


# --- disk cache ----------------------------------------------------------------------------

_PARTS = ("kabkota", "provinces", "province_borders")


def _read_cache(folder: Path, key: str) -> Boundaries:
    kabkota, provinces, borders = (gpd.read_parquet(folder / f"{part}.parquet") for part in _PARTS)
    return Boundaries(kabkota, provinces, borders, key)


def _write_cache(boundaries: Boundaries, folder: Path) -> None:
    """Write beside the target and rename, so a concurrent reader never sees half a cache.

    A read-only cache folder, or another process renaming first, is not an error: the map
    still works and is at worst simplified again on the next start.
    """
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".boundaries-", dir=folder.parent))
    except OSError:
        return
    try:
        for part in _PARTS:
            getattr(boundaries, part).to_parquet(staging / f"{part}.parquet")
        os.replace(staging, folder)
    except OSError:
        shutil.rmtree(staging, ignore_errors=True)


# --- shapes for the browser ------------------------------------------------------------------


def shapes_dir() -> Path:
    """Where the TopoJSON files are kept; the app serves this folder over HTTP."""
    return cache_dir() / "shapes"


def topology(boundaries: Boundaries, province_code: str | None = None) -> dict:
    """The kab/kota (object `kabkota`, property `code`) and the land borders between
    provinces (object `borders`) of the nation or of one province, as quantised TopoJSON."""
    regions_ = boundaries.kabkota
    borders = boundaries.province_borders
    if province_code is not None:
        regions_ = regions_[regions_["province_code"] == province_code]
        borders = borders[
            (borders["province_a"] == province_code) | (borders["province_b"] == province_code)
        ]
    if regions_.empty:
        raise ValueError(f"no kab/kota in province {province_code!r}")
    frames = [regions_[["code", "geometry"]].reset_index(drop=True)]
    names = ["kabkota"]
    if not borders.empty:
        frames.append(borders[["province_a", "province_b", "geometry"]].reset_index(drop=True))
        names.append("borders")
    topo = topojson.Topology(
        frames,
        object_name=names,
        prequantize=QUANTISATION,
        topology=True,
        presimplify=False,
        toposimplify=False,
    ).to_dict()
    topo["objects"].setdefault("borders", {"type": "GeometryCollection", "geometries": []})
    return topo


def shapes_file(boundaries: Boundaries, province_code: str | None = None) -> str:
    """The name of the TopoJSON file of the nation or a province in `shapes_dir()`, written
    once per boundaries version (its name holds that version, so a browser may keep it for
    good).

    Boundaries without a key (made by hand, e.g. in tests) get a name from their content.
    """
    where = province_code or "id"
    key = boundaries.key
    if key:
        name = f"kabkota-{where}-{key}-{SHAPES_VERSION}.topojson"
        if (shapes_dir() / name).is_file():
            return name
    text = json.dumps(topology(boundaries, province_code), separators=(",", ":"))
    if not key:
        name = f"kabkota-{where}-{hashlib.sha256(text.encode()).hexdigest()[:16]}.topojson"
    _write_atomically(shapes_dir() / name, text)
    return name


def _write_atomically(path: Path, text: str) -> None:
    """Write beside the target and rename, so a concurrent reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, staging = tempfile.mkstemp(prefix=".shapes-", dir=path.parent)
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.write(text)
    os.replace(staging, path)
