"""How heavy and how slow the national zone map is, against a naive full-resolution folium map.

Prints figures only (medians of a few runs); nothing is asserted, since timings vary by
machine. Run: .venv/bin/python bench/bench_map.py. The browser side (time until the map is
visible) is measured elsewhere.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import folium
import geopandas as gpd
from streamlit_folium import _get_header, _get_html, _get_map_string
from timing import median_seconds

from scoring.regions import geo_dir
from tests.fixtures import make_results
from views import geo, maps

RUNS = 5
YEAR = 2024


def load_with_cache(cache: Path, *, cold: bool) -> geo.Boundaries:
    """One process start: an empty in-memory cache, and an empty disk cache if `cold`."""
    geo.cache_dir = lambda: cache
    geo._load.cache_clear()
    if cold:
        for stale in cache.glob("boundaries-*"):
            for part in stale.iterdir():
                part.unlink()
            stale.rmdir()
    return geo.load_boundaries()


def streamlit_folium_bytes(m: folium.Map) -> int:
    """What st_folium puts in the component's arguments (it renames the map, so use a fresh one)."""
    m.get_root().render()
    args = {"html": _get_html(m), "header": _get_header(m), "script": _get_map_string(m)}
    return len(json.dumps(args).encode("utf-8"))


def naive_map(raw: gpd.GeoDataFrame) -> folium.Map:
    """The textbook way: the full-resolution file, folium's tooltip, the default CDN assets."""
    m = folium.Map(location=[-2.5, 118], zoom_start=5, tiles=None)
    folium.GeoJson(
        raw,
        style_function=lambda f: {"fillColor": "#2E7D32", "color": "#FFFFFF", "weight": 0.6},
        tooltip=folium.GeoJsonTooltip(["name", "province"]),
    ).add_to(m)
    return m


def main() -> None:
    source = geo_dir() / geo.KABKOTA_FILE
    temp = tempfile.TemporaryDirectory()  # the disk cache, shapes included, until the end
    cache = Path(temp.name)
    cold = median_seconds(lambda: load_with_cache(cache, cold=True), runs=3)
    warm = median_seconds(lambda: load_with_cache(cache, cold=False), RUNS)
    boundaries = load_with_cache(cache, cold=False)
    results = make_results(boundaries, YEAR)

    def ours() -> folium.Map:
        return maps.zone_map(results, boundaries)

    build = median_seconds(ours, RUNS)
    built = ours()
    render = median_seconds(lambda: built.get_root().render(), RUNS)
    payloads = {
        color_by: maps.payload_bytes(maps.zone_map(results, boundaries, color_by=color_by))
        for color_by in ("zone", "category", "score")
    }
    province = maps.payload_bytes(maps.zone_map(results, boundaries, province_code="73"))
    component = streamlit_folium_bytes(ours())
    url = maps.shapes_url(boundaries)
    live = {
        color_by: maps.payload_bytes(
            maps.zone_map(results, boundaries, color_by=color_by, shapes_url=url)
        )
        for color_by in ("zone", "category", "score")
    }
    live_component = streamlit_folium_bytes(maps.zone_map(results, boundaries, shapes_url=url))
    shapes_file = geo.shapes_dir() / geo.shapes_file(boundaries)
    live_build = median_seconds(lambda: maps.zone_map(results, boundaries, shapes_url=url), RUNS)
    standalone = len(maps.standalone_html(ours()).encode("utf-8"))

    raw = gpd.read_file(source)
    naive_build = median_seconds(lambda: naive_map(raw), runs=3)
    naive = naive_map(raw)
    naive_render = median_seconds(lambda: naive.get_root().render(), runs=3)
    naive_payload = maps.payload_bytes(naive)
    naive_urls = len(maps.external_asset_urls(naive))

    kb = 1000
    print(f"source: {source} ({source.stat().st_size / kb:,.0f} kB)")
    print(f"tolerance {geo.TOLERANCE} deg, min island {geo.MIN_PART_AREA:g} deg², grid {geo.GRID}")
    print("boundaries")
    print(f"  load + simplify, cold       {cold:8.3f} s (median of 3)")
    print(f"  load from disk cache        {warm:8.3f} s (median of {RUNS})")
    print(f"  cold / cached               {cold / warm:8.1f} x")
    print("download map, shapes inlined (zone colours, 514 kab/kota, 2 in 3 assessed)")
    for color_by, size in payloads.items():
        print(f"  payload, colour by {color_by:<9}{size / kb:10,.0f} kB")
    print(f"  streamlit-folium arguments  {component / kb:8,.0f} kB (JSON sent to the iframe)")
    print(f"  standalone download         {standalone / kb:8,.0f} kB (Leaflet inlined)")
    print("live map (values per run; shapes fetched once as TopoJSON)")
    for color_by, size in live.items():
        print(f"  payload, colour by {color_by:<9}{size / kb:10,.1f} kB")
    print(f"  streamlit-folium arguments  {live_component / kb:8,.1f} kB")
    print(f"  shapes file (TopoJSON)      {shapes_file.stat().st_size / kb:8,.0f} kB, once")
    print(f"  build zone_map, live        {live_build:8.3f} s (median of {RUNS})")
    print(f"  province 73 payload         {province / kb:8,.0f} kB")
    print(f"  build zone_map              {build:8.3f} s (median of {RUNS})")
    print(f"  render to HTML              {render:8.3f} s (median of {RUNS})")
    print(f"  off-machine asset URLs      {len(maps.external_asset_urls(ours())):8d}")
    print("naive map (full-resolution file, folium defaults)")
    print(f"  payload                     {naive_payload / kb:8,.0f} kB")
    print(f"  build                       {naive_build:8.3f} s (median of 3)")
    print(f"  render to HTML              {naive_render:8.3f} s (median of 3)")
    print(f"  off-machine asset URLs      {naive_urls:8d}")
    print("ratios (naive / ours)")
    print(f"  payload                     {naive_payload / payloads['zone']:8.2f} x")
    print(f"  build + render              {(naive_build + naive_render) / (build + render):8.2f} x")
    temp.cleanup()


if __name__ == "__main__":
    main()
