"""The zone map and its boundaries: coverage, colours, escaping, payload and offline assets.

Needs the shared geo folder (../shared/geo, or $KEPATUHAN_GEO_DIR) and skips without it, except
for the test of the message a missing folder gives; no browser.
"""

import dataclasses
import json

import geopandas as gpd
import pytest
import shapely
from fixtures import HOSTILE, make_results, requires_geo, skip_without_geo

from scoring.methodology import for_year, zones
from scoring.regions import GEO_DIR_ENV, GeoDataMissing, geo_dir
from views import geo, maps
from views.format import zone_word

ESCAPED = "&lt;img src=x onerror=alert(1)&gt;"
HATCHED = f"url(#{maps.HATCH_ID})"  # grey hatching: no figure held
MAX_PAYLOAD = 1_500_000

# Every test but the missing-folder one reads the boundaries in the shared geo folder.
needs_geo = requires_geo(geo.KABKOTA_FILE)


@pytest.fixture(scope="module")
def boundaries(tmp_path_factory):
    skip_without_geo(geo.KABKOTA_FILE)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(geo, "cache_dir", lambda: tmp_path_factory.mktemp("cache"))
        return geo.load_boundaries()


@pytest.fixture(scope="module")
def results(boundaries):
    return make_results(boundaries)


def regions_layer(m) -> maps._Regions:
    return next(c for c in m._children.values() if isinstance(c, maps._Regions))


def features(m) -> list[dict]:
    """The kab/kota features as the map's script builds them: `id` and `properties`."""
    return [{"id": p["code"], "properties": p} for p in regions_layer(m).properties()]


def fills(m) -> dict[str, str]:
    return {f["id"]: f["properties"]["fill"] for f in features(m)}


def legend_html(m) -> str:
    return next(c for c in m._children.values() if isinstance(c, maps._Legend)).html


# --- the map -------------------------------------------------------------------------------


def test_national_map_draws_every_kabkota_with_its_code(boundaries, results):
    m = maps.zone_map(results, boundaries)
    drawn = features(m)
    assert len(drawn) == 514
    assert [f["properties"]["code"] for f in drawn] == list(boundaries.kabkota["code"])
    assert all(f["id"] == f["properties"]["code"] for f in drawn)


def test_every_feature_is_coloured_by_its_zone_or_grey_and_not_assessed(boundaries, results):
    m = maps.zone_map(results, boundaries)
    zone_of = dict(zip(results["code"], results["zone"], strict=True))
    colour = fills(m)
    for feature in features(m):
        code, props = feature["id"], feature["properties"]
        if code in zone_of:
            assert colour[code] == zones()[zone_of[code]].color
            assert props["zone"] != "Tanpa angka terbitan"
        else:
            assert colour[code] == HATCHED
            assert props["zone"] == "Tanpa angka terbitan"
            assert props["score"] == "–"
            assert props["rank_national"] == "–"
    assert sum(c == HATCHED for c in colour.values()) == 514 - len(results)


def test_legend_names_the_zones_in_both_languages_with_counts(boundaries, results):
    in_id = legend_html(maps.zone_map(results, boundaries, lang="id"))
    in_en = legend_html(maps.zone_map(results, boundaries, lang="en"))
    for word in ("Hijau", "Kuning", "Merah", "Tanpa angka terbitan"):
        assert word in in_id
    for word in ("Green", "Yellow", "Red", "No published figure"):
        assert word in in_en
    assert f"Tanpa angka terbitan ({514 - len(results)})" in in_id
    assert maps.HATCH_CSS in in_id  # the swatch is hatched like the regions it stands for
    page = maps.zone_map(results, boundaries, lang="en").get_root().render()
    assert "No published figure" in page and "National rank" in page


def test_colour_blind_palette_changes_the_zone_colours_but_not_the_grey(boundaries, results):
    standard = fills(maps.zone_map(results, boundaries))
    colorblind = fills(maps.zone_map(results, boundaries, palette="colorblind"))
    for code in results["code"]:
        assert colorblind[code] != standard[code]
        assert colorblind[code] in {z.color_cb for z in zones().values()}
    unassessed = set(standard) - set(results["code"])
    assert {colorblind[c] for c in unassessed} == {HATCHED}


def test_category_colours_come_from_the_methodology(boundaries, results):
    grades = {g.category: g.color for g in for_year(2024).grades}
    colour = fills(maps.zone_map(results, boundaries, color_by="category"))
    for code, category in zip(results["code"], results["category"], strict=True):
        assert colour[code] == grades[category]
    cb = fills(maps.zone_map(results, boundaries, color_by="category", palette="colorblind"))
    assert len({cb[c] for c in results["code"]}) == len(set(results["category"]))
    assert all(cb[c] != colour[c] for c in results["code"])


def test_score_scale_is_ordered_with_a_legend(boundaries, results):
    m = maps.zone_map(results, boundaries, color_by="score")
    colour = fills(m)
    scale = maps.SCORE_SCALES["standard"]
    for code, score in zip(results["code"], results["score"], strict=True):
        assert colour[code] == scale.rgb_hex_str(score)
    assert "kp-ramp" in legend_html(m) and "Tanpa angka terbitan" in legend_html(m)
    assert HATCHED in colour.values()


def test_years_without_categories_fall_back_to_zones(boundaries):
    old = make_results(boundaries, year=2019)
    m = maps.zone_map(old, boundaries, color_by="category")
    assert "Zona" in legend_html(m)
    assert all(f["properties"]["category"] is None for f in features(m))


def test_province_view_holds_only_that_province(boundaries, results):
    m = maps.zone_map(results, boundaries, province_code="73")
    codes = [f["id"] for f in features(m)]
    expected = boundaries.kabkota.loc[boundaries.kabkota["province_code"] == "73", "code"]
    assert codes == list(expected)
    borders = geo.topology(boundaries, "73")["objects"]["borders"]["geometries"]
    assert borders and all("73" in g["properties"].values() for g in borders)
    with pytest.raises(ValueError):
        maps.zone_map(results, boundaries, province_code="00")


def test_tooltip_shows_name_province_score_zone_category_and_ranks(boundaries, results):
    row = results.iloc[0]
    props = next(f for f in features(maps.zone_map(results, boundaries)) if f["id"] == row.code)
    assert props["properties"]["name"] == row.display_name
    assert props["properties"]["score"] == f"{row.score:.2f}".replace(".", ",")
    assert props["properties"]["zone"] == zone_word(row.zone, "id")
    assert props["properties"]["category"].startswith(f"{row.category} – ")
    assert props["properties"]["rank_national"] == str(row.rank_national_kabkota)


def test_names_from_data_are_escaped_everywhere(boundaries, results):
    hostile = results.copy()
    hostile.loc[0, "display_name"] = HOSTILE
    kabkota = boundaries.kabkota.copy()
    kabkota.loc[kabkota["code"] == kabkota["code"].iloc[0], "province"] = HOSTILE
    shapes = dataclasses.replace(boundaries, kabkota=kabkota)
    m = maps.zone_map(hostile, shapes)
    props = {f["id"]: f["properties"] for f in features(m)}
    assert props[hostile.loc[0, "code"]]["name"] == ESCAPED
    assert props[kabkota["code"].iloc[0]]["province"] == ESCAPED
    for page in (m.get_root().render(), maps.standalone_html(m)):
        assert "<img src=x onerror" not in page
        assert json.dumps(ESCAPED)[1:-1].replace("&", "\\u0026") in page  # as the JS holds it


# --- size and assets -----------------------------------------------------------------------


@pytest.mark.parametrize("color_by", ["zone", "category", "score"])
def test_national_payload_fits_the_budget(boundaries, results, color_by):
    m = maps.zone_map(results, boundaries, color_by=color_by)
    assert maps.payload_bytes(m) <= MAX_PAYLOAD


def test_maps_load_nothing_from_other_machines(boundaries, results):
    for m in (
        maps.zone_map(results, boundaries),
        maps.zone_map(results, boundaries, province_code="73", color_by="score", lang="en"),
    ):
        assert maps.external_asset_urls(m) == []
        # Leaflet comes from the component the app serves next to the page, nothing else.
        assert {url for _, url in m.default_js} == {f"../{maps.LEAFLET_COMPONENT}/leaflet.js"}
    with_tiles = maps.zone_map(results, boundaries, basemap=True)
    assert any("openstreetmap" in url for url in maps.external_asset_urls(with_tiles))


def test_leaflet_is_installed_and_inlined_in_the_download(boundaries, results):
    assert (maps.leaflet_dir() / "leaflet.js").is_file()
    m = maps.zone_map(results, boundaries, province_code="73")
    page = maps.standalone_html(m)
    assert "Leaflet 1.9.4" in page and ".leaflet-container" in page
    assert f"../{maps.LEAFLET_COMPONENT}/" not in page
    assert maps.external_asset_urls(m) == []


# --- boundaries ----------------------------------------------------------------------------


def test_boundaries_have_the_documented_columns(boundaries):
    assert list(boundaries.kabkota.columns) == [
        "code",
        "name",
        "level",
        "province_code",
        "province",
        "geometry",
    ]
    assert list(boundaries.provinces.columns) == ["code", "name", "geometry"]
    assert len(boundaries.kabkota) == 514 and len(boundaries.provinces) == 38
    assert set(boundaries.kabkota["level"]) == {"kabupaten", "kota"}
    assert not boundaries.kabkota.is_empty.any() and boundaries.kabkota.is_valid.all()


def test_islands_stay(boundaries):
    seribu = boundaries.kabkota.set_index("code").geometry["31.01"]  # Kepulauan Seribu
    assert len(shapely.get_parts(seribu)) > 5
    provinces = boundaries.provinces.set_index("code").geometry
    assert all(
        len(shapely.get_parts(provinces[code])) > 10 for code in ("21", "81", "53")
    )  # Kepulauan Riau, Maluku, Nusa Tenggara Timur


def test_shared_borders_survive_simplification(boundaries):
    raw = gpd.read_file(geo_dir() / geo.KABKOTA_FILE).sort_values("code", ignore_index=True)
    before, after = raw.geometry.values, boundaries.kabkota.geometry.values
    pairs = shapely.STRtree(before).query(before, predicate="intersects")
    pairs = pairs[:, pairs[0] < pairs[1]]
    a, b = pairs
    shared_before = shapely.length(
        shapely.intersection(shapely.boundary(before[a]), shapely.boundary(before[b]))
    )
    neighbours = shared_before > 0.05
    shared_after = shapely.length(
        shapely.intersection(shapely.boundary(after[a]), shapely.boundary(after[b]))
    )
    assert neighbours.sum() > 700
    assert (shared_after[neighbours] > 0).all()
    kota = boundaries.kabkota.set_index("code").geometry
    assert shapely.length(shapely.intersection(kota["73.71"].boundary, kota["73.06"].boundary))
    # what grid snapping leaves of gaps and overlaps, in degrees, against ~1,900 of borders
    assert shapely.length(shapely.coverage_invalid_edges(after)).sum() < 1


@needs_geo
def test_simplified_boundaries_are_read_back_from_disk(tmp_path, monkeypatch):
    monkeypatch.setattr(geo, "cache_dir", lambda: tmp_path)
    calls = []
    simplify = geo._simplify
    monkeypatch.setattr(geo, "_simplify", lambda raw: calls.append(1) or simplify(raw))
    first = geo.load_boundaries()
    geo._load.cache_clear()  # a new process: only the disk cache is left
    second = geo.load_boundaries()
    assert len(calls) == 1
    assert len(list(tmp_path.glob("boundaries-*/kabkota.parquet"))) == 1
    assert second.kabkota.geom_equals(first.kabkota).all()
    assert second.province_borders.geom_equals(first.province_borders).all()


def test_a_folder_without_boundaries_raises_geo_data_missing(tmp_path):
    with pytest.raises(GeoDataMissing) as missing:
        geo.load_boundaries(tmp_path)
    message = str(missing.value)
    assert str(tmp_path) in message and geo.KABKOTA_FILE in message and GEO_DIR_ENV in message


def test_large_type_scales_the_legend(boundaries, results):
    page = maps.zone_map(results, boundaries, legend_scale=1.5).get_root().render()
    assert ".kp-legend { font-size: 18px; }" in page
    assert "font-size: 18px" not in maps.zone_map(results, boundaries).get_root().render()


# --- shapes once, values per run -------------------------------------------------------------

LIVE_BUDGET = 50_000  # bytes a live map's page may carry: values, no shapes


def test_shapes_are_written_once_as_topojson_and_reused(boundaries, tmp_path, monkeypatch):
    monkeypatch.setattr(geo, "cache_dir", lambda: tmp_path)
    built = []
    topology = geo.topology
    monkeypatch.setattr(geo, "topology", lambda *a: built.append(a) or topology(*a))
    name = geo.shapes_file(boundaries)
    assert geo.shapes_file(boundaries) == name and len(built) == 1  # the second reads the disk
    assert boundaries.key in name  # a new boundaries version gets a new name
    topo = json.loads((geo.shapes_dir() / name).read_text(encoding="utf-8"))
    assert topo["type"] == "Topology" and "transform" in topo  # quantised
    kabkota = topo["objects"]["kabkota"]["geometries"]
    assert [g["properties"]["code"] for g in kabkota] == list(boundaries.kabkota["code"])
    assert len(topo["objects"]["borders"]["geometries"]) == len(boundaries.province_borders)
    # shared borders are stored once: far fewer bytes than the map's GeoJSON
    assert (geo.shapes_dir() / name).stat().st_size < 0.5 * 1_350_000
    province = geo.shapes_file(boundaries, "73")
    assert province != name and "-73-" in province


def test_a_live_map_carries_values_and_fetches_its_shapes(boundaries, results):
    url = maps.shapes_url(boundaries)
    assert url.startswith(f"../{maps.SHAPES_COMPONENT}/") and url.endswith(".topojson")
    live = maps.zone_map(results, boundaries, shapes_url=url)
    page = live.get_root().render()
    assert maps.payload_bytes(live) <= LIVE_BUDGET
    assert '"coordinates"' not in page and '"arcs"' not in page and json.dumps(url) in page
    assert features(live) == features(maps.zone_map(results, boundaries))  # same values
    assert maps.external_asset_urls(live) == []
    with pytest.raises(ValueError):
        maps.standalone_html(live)  # it would need the app to draw anything


def test_values_round_trip_a_separator_in_a_name(boundaries, results):
    odd = results.copy()
    odd.loc[0, "display_name"] = "Kota A|B"
    props = {f["id"]: f["properties"] for f in features(maps.zone_map(odd, boundaries))}
    assert props[odd.loc[0, "code"]]["name"] == "Kota A&#124;B"  # the tooltip shows A|B
    assert len(props) == 514
