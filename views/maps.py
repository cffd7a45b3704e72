"""The zone map: every kab/kota coloured by zone, category or score, as a folium map.

It works without internet. folium's page loads Leaflet, jQuery, Bootstrap and Font Awesome
from CDNs, and streamlit-folium does not bundle Leaflet: its iframe loads the `default_js` and
`default_css` URLs of the map's elements. These maps list Leaflet alone, the only library they
use, at the copy installed with the `django-js-lib-leaflet` package (plain Leaflet 1.9.4 files;
nothing imports Django). The shell serves that folder as the files of a component that is never
drawn (`shell.map_fragment.serve_leaflet`): from streamlit-folium's iframe at
/component/streamlit_folium.st_folium/ the relative URL ../shell.map_fragment.leaflet/leaflet.js
is /component/shell.map_fragment.leaflet/leaflet.js on the same server. `standalone_html`
inlines the same files into the downloadable page.

Shapes once, values per run: the live map fetches the nation's (or a province's) shapes as a
TopoJSON file the app serves (`views.geo.shapes_file`, kept by the browser), and each page run
sends only the regions' values (colour, tooltip texts) as small columns, so a change of year,
colouring or language re-sends a few tens of kB, not the 1.4 MB of shapes. The download has the
same shapes inlined instead, so it opens offline.

Names come from data files and are untrusted: every text is HTML-escaped in Python before it
goes into the values, the tooltip or the legend, because Leaflet inserts those as HTML.
Province outlines are drawn as the land borders between provinces only, so coastlines (most
of the vertices) are not sent twice.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import branca.colormap as cm
import folium
import pandas as pd
from branca.element import MacroElement
from folium.template import Template

from scoring.choices import ColorBy, Lang, Palette
from scoring.i18n import bilingual, t
from scoring.methodology import Methodology, for_year, zones
from views import geo
from views.format import escape_html, score_text, zone_color, zone_word
from views.geo import Boundaries

if TYPE_CHECKING:
    from branca.element import Element


NOT_ASSESSED_COLOR = zone_color(None)
# A region without a figure is hatched, not only grey, so that it never reads as a pale zone.
HATCH_ID = "kp-no-figure"
HATCH_CSS = "repeating-linear-gradient(45deg, #EEEEEE 0 3px, #9E9E9E 3px 5px)"
SEA_COLOR = "#EAF2F8"
# Sequential scales for scores. Standard: yellow to green (the darker, the better; its palest
# yellow is dropped so low scores stay visible). Colour-blind: viridis, perceptually uniform.
# (branca builds `cm.linear`'s attributes at import time, which the type checker cannot see.)
_LINEAR: Any = cm.linear
SCORE_SCALES: dict[str, cm.LinearColormap] = {
    "standard": cm.LinearColormap(_LINEAR.YlGn_09.colors[2:], vmin=0, vmax=100),
    "colorblind": cm.LinearColormap(_LINEAR.viridis.colors, vmin=0, vmax=100),
}
# The components the shell serves `leaflet_dir()` and `geo.shapes_dir()` as
# (shell.map_fragment.serve_assets).
LEAFLET_COMPONENT = "shell.map_fragment.leaflet"
SHAPES_COMPONENT = "shell.map_fragment.shapes"
# Absolute URLs anywhere; protocol-relative ones ("//cdn…") where an attribute or url() starts.
_URL = re.compile(r"""https?://[^\s"'<>()\\]+|(?<=["'(])//[^\s"'<>()\\]+""")


# --- offline assets ------------------------------------------------------------------------


@cache
def leaflet_dir() -> Path:
    """The folder of the installed Leaflet files (leaflet.js, leaflet.css)."""
    try:
        folder = resources.files("js_lib_leaflet") / "static" / "js_lib_leaflet"
    except ModuleNotFoundError as missing:
        raise ModuleNotFoundError(
            "Leaflet's files are missing: pip install django-js-lib-leaflet (plain Leaflet "
            "1.9.4, used by the maps so they need no CDN)"
        ) from missing
    return Path(str(folder))


def _asset_url(file: str, component: str = LEAFLET_COMPONENT) -> str:
    """Relative to streamlit-folium's iframe, which lives under /component/ as ours do."""
    return f"../{component}/{file}"


def shapes_url(boundaries: Boundaries, province_code: str | None = None) -> str:
    """Where the live map fetches its shapes: the TopoJSON file the shell serves."""
    return _asset_url(geo.shapes_file(boundaries, province_code), SHAPES_COMPONENT)


def _walk(element: Element) -> Iterator[Element]:
    yield element
    for child in element._children.values():
        yield from _walk(child)


def external_asset_urls(m: folium.Map) -> list[str]:
    """Every off-machine URL the page could load, as streamlit-folium and a browser see it.

    Conservative: any http(s) or protocol-relative URL in the rendered page counts, plus the
    `default_js`/`default_css` links streamlit-folium injects and the d3 it adds for branca
    colormaps.
    """
    html = m.get_root().render()
    urls = set(_URL.findall(html))
    for element in _walk(m):
        urls.update(url for _, url in getattr(element, "default_js", []))
        urls.update(url for _, url in getattr(element, "default_css", []))
        if isinstance(element, cm.ColorMap):
            urls.add("https://d3js.org/d3.v4.min.js")
    return sorted(u for u in urls if u.startswith(("http://", "https://", "//")))


def standalone_html(m: folium.Map) -> str:
    """The map as one HTML file with Leaflet inlined, for the download: it opens offline.

    `m` must hold its shapes (a `zone_map` without `shapes_url`), or the file would need the
    app to draw anything.
    """
    if any(isinstance(e, _Regions) and e.url for e in _walk(m)):
        raise ValueError("a map that fetches its shapes does not open offline")
    html = m.get_root().render()
    js = (leaflet_dir() / "leaflet.js").read_text(encoding="utf-8")
    css = (leaflet_dir() / "leaflet.css").read_text(encoding="utf-8")
    for tag, replacement in (
        (f'<script src="{_asset_url("leaflet.js")}"></script>', f"<script>{js}</script>"),
        (f'<link rel="stylesheet" href="{_asset_url("leaflet.css")}"/>', f"<style>{css}</style>"),
    ):
        if tag not in html:
            raise ValueError(f"not a map from zone_map: {tag} is missing")
        html = html.replace(tag, replacement, 1)
    return html


def payload_bytes(m: folium.Map) -> int:
    """Bytes of the rendered page (HTML, scripts, GeoJSON) sent per map; Leaflet not included.

    streamlit-folium sends the same header, body and script, minus the outer HTML skeleton.
    """
    return len(m.get_root().render().encode("utf-8"))


# --- page elements -------------------------------------------------------------------------


class _Css(MacroElement):
    """Page styles for the legend and the sea, kept in the header where streamlit-folium
    keeps them too."""

    _template = Template(
        "{% macro header(this, kwargs) %}<style>{{ this.css }}</style>{% endmacro %}"
    )

    def __init__(self, css: str) -> None:
        super().__init__()
        self._name = "Css"
        self.css = css


class _Legend(MacroElement):
    """An HTML legend as a Leaflet control, so it sits inside the map in every host page."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.control({position: "bottomright"});
        {{ this.get_name() }}.onAdd = function () {
            var div = L.DomUtil.create("div", "kp-legend");
            div.innerHTML = {{ this.html|tojson }};
            return div;
        };
        {{ this.get_name() }}.addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, html: str) -> None:
        super().__init__()
        self._name = "Legend"
        self.html = html


class _Hatch(MacroElement):
    """The SVG pattern that fills regions without a figure, added to Leaflet's own SVG (a
    pattern fill must live in the same SVG document as the shapes), once the shapes arrive."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (map) {
            function hatch() {
                var svg = map.getPanes().overlayPane.querySelector("svg");
                if (!svg || svg.querySelector("#{{ this.hatch_id }}")) { return; }
                var defs = document.createElementNS(svg.namespaceURI, "defs");
                defs.innerHTML = '<pattern id="{{ this.hatch_id }}" patternUnits="userSpaceOnUse"'
                    + ' width="6" height="6" patternTransform="rotate(45)">'
                    + '<rect width="6" height="6" fill="#EEEEEE"></rect>'
                    + '<line x1="0" y1="0" x2="0" y2="6" stroke="#9E9E9E" stroke-width="2.5">'
                    + '</line></pattern>';
                svg.insertBefore(defs, svg.firstChild);
            }
            hatch();
            map.on("layeradd", hatch);
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self) -> None:
        super().__init__()
        self._name = "Hatch"
        self.hatch_id = HATCH_ID


_CSS = f"""
.leaflet-container {{ background: {SEA_COLOR}; }}
.kp-legend {{ background: rgba(255,255,255,.92); padding: 6px 9px; border-radius: 4px;
  font: 12px/1.5 sans-serif; color: #212121; box-shadow: 0 1px 4px rgba(0,0,0,.3); }}
.kp-legend .kp-title {{ font-weight: 600; margin-bottom: 2px; }}
.kp-legend .kp-swatch {{ display: inline-block; width: 12px; height: 12px; margin-right: 6px;
  vertical-align: -2px; border: 1px solid rgba(0,0,0,.25); }}
.kp-legend .kp-ramp {{ width: 160px; height: 10px; border: 1px solid rgba(0,0,0,.25); }}
.kp-legend .kp-ticks {{ display: flex; justify-content: space-between; width: 162px; }}
"""


def _legend_size(scale: float) -> str:
    """Larger legend text and swatches for a TV or projector (`scale` 1 = the laptop size)."""
    if scale == 1:
        return ""
    size = round(12 * scale)
    return (
        f".kp-legend {{ font-size: {size}px; }}"
        f" .kp-legend .kp-swatch {{ width: {size}px; height: {size}px; }}"
    )


_TOOLTIP_ROWS = (
    ("score", "map.score"),
    ("zone", "map.zone"),
    ("category", "map.category"),
    ("rank_national", "map.rank_national"),
    ("rank_province", "map.rank_province"),
)


# --- colours -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Class:
    """One legend entry: the word (escaped when rendered), its colour, how many regions."""

    label: str
    color: str
    count: int


def _swatches(title: str | None, classes: list[_Class]) -> str:
    lines = [f'<div class="kp-title">{escape_html(title)}</div>'] if title else []
    lines += [
        f'<div><i class="kp-swatch" style="background:{_swatch_fill(c.color)}"></i>'
        f"{escape_html(c.label)} ({c.count})</div>"
        for c in classes
    ]
    return "".join(lines)


def _swatch_fill(color: str) -> str:
    return HATCH_CSS if color == NOT_ASSESSED_COLOR else color


def _missing_class(colors: pd.Series, lang: Lang) -> list[_Class]:
    count = int((colors == NOT_ASSESSED_COLOR).sum())
    return [_Class(t("zone.none", lang), NOT_ASSESSED_COLOR, count)] if count else []


def _by_zone(
    rows: pd.DataFrame, method: Methodology | None, lang: Lang, palette: Palette
) -> tuple[pd.Series, str]:
    used = {g.zone for g in method.grades} if method else set()
    keys = [k for k in zones() if k in used or (rows["zone"] == k).any()]
    colors = rows["zone"].map(lambda z: zone_color(z, palette))
    classes = [
        _Class(zone_word(k, lang), zone_color(k, palette), int((rows["zone"] == k).sum()))
        for k in keys
    ]
    return colors, _swatches(t("map.zone", lang), classes + _missing_class(colors, lang))


def _category_colors(method: Methodology, palette: Palette) -> dict[str, str]:
    """The methodology's colours; colour-blind: the viridis score scale at each band's middle."""
    if palette == "standard":
        return {g.category or "": g.color or NOT_ASSESSED_COLOR for g in method.grades}
    uppers = [100.0] + [g.lower for g in method.grades[:-1]]
    scale = SCORE_SCALES["colorblind"]
    return {
        g.category or "": scale.rgb_hex_str((g.lower + upper) / 2)
        for g, upper in zip(method.grades, uppers, strict=True)
    }


def _by_category(
    rows: pd.DataFrame, method: Methodology, lang: Lang, palette: Palette
) -> tuple[pd.Series, str]:
    palette_of = _category_colors(method, palette)
    colors = rows["category"].map(lambda c: palette_of.get(c, NOT_ASSESSED_COLOR))
    classes = [
        _Class(
            f"{g.category} – {bilingual(g, 'opinion', lang)}",
            palette_of[g.category or ""],
            int((rows["category"] == g.category).sum()),
        )
        for g in method.grades
    ]
    return colors, _swatches(t("map.category", lang), classes + _missing_class(colors, lang))


def _by_score(rows: pd.DataFrame, lang: Lang, palette: Palette) -> tuple[pd.Series, str]:
    scale = SCORE_SCALES[palette]
    colors = rows["score"].map(
        lambda s: NOT_ASSESSED_COLOR if _missing(s) else scale.rgb_hex_str(min(max(s, 0), 100))
    )
    stops = ", ".join(scale.rgb_hex_str(v) for v in range(0, 101, 10))
    legend = (
        f'<div class="kp-title">{escape_html(t("map.score", lang))}</div>'
        f'<div class="kp-ramp" style="background:linear-gradient(to right, {stops})"></div>'
        '<div class="kp-ticks"><span>0</span><span>50</span><span>100</span></div>'
    )
    return colors, legend + _swatches(None, _missing_class(colors, lang))


# --- the map -------------------------------------------------------------------------------


def _missing(value: object) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def _methodology(results: pd.DataFrame) -> Methodology | None:
    years = sorted(int(y) for y in results["year"].dropna().unique()) if "year" in results else []
    if len(years) > 1:
        raise ValueError(f"one year's results expected, got {years}")
    return for_year(years[0]) if years else None


def _join(regions: pd.DataFrame, results: pd.DataFrame) -> pd.DataFrame:
    """One row per drawn region, with its result or missing values; NA becomes None."""
    wanted = results[results["code"].isin(regions["code"])]
    twice = wanted["code"][wanted["code"].duplicated()]
    if not twice.empty:
        raise ValueError(f"more than one result for {', '.join(sorted(set(twice)))}")
    own = [c for c in wanted.columns if c == "code" or c not in regions.columns]
    rows = pd.DataFrame(regions.drop(columns="geometry")).merge(wanted[own], on="code", how="left")
    return rows.astype(object).where(rows.notna(), None)


def _rank(value: Any) -> str:
    return "–" if _missing(value) else str(int(value))


def _category_text(row: Mapping[Any, Any], method: Methodology | None, lang: Lang) -> str | None:
    """The tooltip's "A – Kualitas Tertinggi"; None (no row) in years without categories."""
    if method is None or not method.has_categories:
        return None
    grade = method.grade_for_category(row["category"]) if row["category"] else None
    if grade is None:
        return "–"
    opinion = grade.opinion_en if lang == "en" else (row.get("opinion_id") or grade.opinion_id)
    return f"{grade.category} – {opinion}"


def _properties(row: Mapping[Any, Any], method: Methodology | None, lang: Lang) -> dict:
    """What the tooltip shows, escaped; `code` stays raw, it is an identifier, not text."""
    name = row["display_name"] if not _missing(row.get("display_name")) else row["name"]
    category = _category_text(row, method, lang)
    return {
        "code": row["code"],
        "name": escape_html(name),
        "province": escape_html(row["province"]),
        "score": escape_html(score_text(row["score"], lang)),
        "zone": escape_html(zone_word(row["zone"], lang)),
        "category": escape_html(category) if category is not None else None,
        "rank_national": _rank(row.get("rank_national_kabkota")),
        "rank_province": _rank(row.get("rank_province_kabkota")),
    }


# Columns whose few distinct values are sent once, each region holding an index into them, and
# columns sent as one string, "|" between regions (a "|" in a text is sent as &#124;, which
# the tooltip's HTML shows as "|"): about 50 bytes a region, against some 2,700 for its shape.
_REPEATED = ("fill", "province", "zone", "category", "rank_province")
_JOINED = ("code", "name", "score", "rank_national")
_SEPARATOR = "|"


def _columns(properties: list[dict], fills: list[str]) -> dict[str, Any]:
    """The regions' values as `_REPEATED` and `_JOINED` columns, plus the `texts` the
    repeated ones index."""
    texts: dict[str | None, int] = {}
    columns: dict[str, list] = {key: [] for key in (*_JOINED, *_REPEATED)}
    for props, fill in zip(properties, fills, strict=True):
        for key, value in {**props, "fill": fill}.items():
            if key in _REPEATED:
                columns[key].append(texts.setdefault(value, len(texts)))
            else:
                columns[key].append(str(value).replace(_SEPARATOR, "&#124;"))
    joined = {key: _SEPARATOR.join(columns[key]) for key in _JOINED}
    return {**joined, **{key: columns[key] for key in _REPEATED}, "texts": list(texts)}


def _decoded(columns: dict[str, Any]) -> list[dict]:
    """`_columns` read back, one dict per region, as the map's script reads them."""
    split = {key: columns[key].split(_SEPARATOR) if columns[key] else [] for key in _JOINED}
    texts = columns["texts"]
    return [
        {
            **{key: split[key][i] for key in _JOINED},
            **{key: texts[columns[key][i]] for key in _REPEATED},
        }
        for i in range(len(split["code"]))
    ]


@lru_cache(maxsize=8)
def _inline_topology(boundaries: Boundaries, province_code: str | None) -> dict:
    """The shapes for a map that carries them (the download); built once per boundaries."""
    return geo.topology(boundaries, province_code)


class _Regions(MacroElement):
    """The kab/kota layer and the province borders, drawn from TopoJSON shapes (fetched from
    `url`, or inlined) and per-region values sent with the page.

    Both layers exist, empty, when the map is built, so streamlit-folium hooks its click
    handler on them; a click on a region reaches it through the layer (Leaflet propagates
    events to the group) with the region's feature, whose properties carry `code`.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.geoJson(null, {
            attribution: {{ this.attribution|tojson }},
            style: function (feature) {
                return {fillColor: feature.properties.fill, fillOpacity: 0.85,
                        color: "#FFFFFF", weight: 0.6};
            },
            onEachFeature: function (feature, layer) {
                var p = feature.properties;
                var rows = [p.province].concat({{ this.rows|tojson }}
                    .filter(function (r) { return p[r[0]] !== null; })
                    .map(function (r) { return r[1] + ": " + p[r[0]]; }));
                layer.bindTooltip("<b>" + p.name + "</b><br>" + rows.join("<br>"),
                                  {sticky: true});
                layer.on("mouseover", function () {
                    layer.setStyle({color: "#212121", weight: 2.5});
                });
                layer.on("mouseout", function () {
                    {{ this.get_name() }}.resetStyle(layer);
                });
            }
        }).addTo({{ this._parent.get_name() }});
        var {{ this.get_name() }}_borders = L.geoJson(null, {
            style: {color: "#37474F", weight: 1.2, opacity: 0.9}, interactive: false
        }).addTo({{ this._parent.get_name() }});
        (function (regions, borders, values) {
            function decode(topo) {
                var s = topo.transform.scale, t = topo.transform.translate;
                return topo.arcs.map(function (arc) {
                    var x = 0, y = 0;
                    return arc.map(function (p) {
                        x += p[0]; y += p[1];
                        return [x * s[0] + t[0], y * s[1] + t[1]];
                    });
                });
            }
            function features(topo, arcs, name) {
                function line(ids) {
                    var out = [];
                    ids.forEach(function (id) {
                        var arc = id < 0 ? arcs[~id].slice().reverse() : arcs[id];
                        out = out.concat(out.length ? arc.slice(1) : arc);
                    });
                    return out;
                }
                function polygon(rings) { return rings.map(line); }
                var shape = {
                    LineString: line, MultiLineString: polygon, Polygon: polygon,
                    MultiPolygon: function (parts) { return parts.map(polygon); }
                };
                return topo.objects[name].geometries.filter(function (g) {
                    return shape[g.type];
                }).map(function (g) {
                    return {type: "Feature", properties: g.properties || {},
                            geometry: {type: g.type, coordinates: shape[g.type](g.arcs)}};
                });
            }
            function draw(topo) {
                var arcs = decode(topo), at = {}, columns = {};
                {{ this.joined|tojson }}.forEach(function (key) {
                    columns[key] = values[key] ? values[key].split("|") : [];
                });
                {{ this.repeated|tojson }}.forEach(function (key) {
                    columns[key] = values[key].map(function (i) { return values.texts[i]; });
                });
                columns.code.forEach(function (code, i) { at[code] = i; });
                var shown = features(topo, arcs, "kabkota").filter(function (f) {
                    return f.properties.code in at;
                });
                shown.forEach(function (f) {
                    var i = at[f.properties.code], p = {};
                    Object.keys(columns).forEach(function (key) { p[key] = columns[key][i]; });
                    if (p.fill === {{ this.missing|tojson }}) { p.fill = "url(#{{ this.hatch }})"; }
                    f.id = p.code;
                    f.properties = p;
                });
                regions.addData({type: "FeatureCollection", features: shown});
                borders.addData({type: "FeatureCollection",
                                 features: features(topo, arcs, "borders")});
            }
            {% if this.url %}
            fetch({{ this.url|tojson }}).then(function (answer) {
                if (!answer.ok) { throw new Error("shapes: HTTP " + answer.status); }
                return answer.json();
            }).then(draw);
            {% else %}
            draw({{ this.topology|tojson }});
            {% endif %}
        })({{ this.get_name() }}, {{ this.get_name() }}_borders, {{ this.values|tojson }});
        {% endmacro %}
        """
    )

    def __init__(
        self, values: dict[str, Any], lang: Lang, url: str | None, topology: dict | None
    ) -> None:
        super().__init__()
        self._name = "Regions"
        self.values = values
        self.url = url
        self.topology = topology
        self.rows = [[key, escape_html(t(label, lang))] for key, label in _TOOLTIP_ROWS]
        self.repeated = list(_REPEATED)
        self.joined = list(_JOINED)
        self.missing = NOT_ASSESSED_COLOR
        self.hatch = HATCH_ID
        self.attribution = escape_html(t("map.attribution", lang))

    def properties(self) -> list[dict]:
        """Each drawn region's values as its feature will carry them (`fill` is the colour, or
        the hatching's `url(#…)` for a region without a figure)."""
        decoded = _decoded(self.values)
        for props in decoded:
            if props["fill"] == NOT_ASSESSED_COLOR:
                props["fill"] = f"url(#{HATCH_ID})"
        return decoded


def _base_map(bounds: Sequence[float], basemap: bool) -> folium.Map:
    """A map framed on `bounds` that cannot be panned away from them."""
    west, south, east, north = (float(b) for b in bounds)
    pad = max(east - west, north - south, 1.0) * 0.25
    m = folium.Map(
        location=[(south + north) / 2, (west + east) / 2],
        zoom_start=5,
        tiles="OpenStreetMap" if basemap else None,
        max_bounds=True,
        min_lat=south - pad,
        max_lat=north + pad,
        min_lon=west - pad,
        max_lon=east + pad,
        max_bounds_viscosity=1.0,
        zoom_snap=0.25,
    )
    m.default_js = [("leaflet", _asset_url("leaflet.js"))]
    m.default_css = [("leaflet_css", _asset_url("leaflet.css"))]
    m.fit_bounds([[south, west], [north, east]])
    _RefitOnResize([[south, west], [north, east]]).add_to(m)
    return m


class _RefitOnResize(MacroElement):
    """Fit the bounds again when the frame is resized.

    The map is first laid out before its iframe reaches its final width; Leaflet keeps the
    top-left corner on resize, which would clip the east of the country (Papua).
    """

    _template = Template(
        """{% macro script(this, kwargs) %}
        {{ this._parent.get_name() }}.on("resize", function () {
            {{ this._parent.get_name() }}.fitBounds({{ this.bounds|tojson }});
        });
        {% endmacro %}"""
    )

    def __init__(self, bounds: list[list[float]]) -> None:
        super().__init__()
        self._name = "RefitOnResize"
        self.bounds = bounds


@dataclass(frozen=True)
class MapSpec:
    """What a zone map shows, without its shapes: the regions' values (`_columns`), the
    legend's HTML and the bounds to frame. Plain data, so a shell can cache it on its inputs."""

    values: dict[str, Any]
    legend: str
    bounds: tuple[float, float, float, float]
    province_code: str | None
    lang: Lang


def map_spec(
    results: pd.DataFrame,
    boundaries: Boundaries,
    *,
    color_by: ColorBy = "zone",
    province_code: str | None = None,
    lang: Lang = "id",
    palette: Palette = "standard",
) -> MapSpec:
    """The values and legend of `zone_map` (which see), the costly part of building it."""
    regions = boundaries.kabkota
    if province_code is not None:
        regions = regions[regions["province_code"] == province_code]
        if regions.empty:
            raise ValueError(f"no kab/kota in province {province_code!r}")
    method = _methodology(results)
    rows = _join(regions, results)
    if color_by == "score":
        colors, legend = _by_score(rows, lang, palette)
    elif color_by == "category" and method is not None and method.has_categories:
        colors, legend = _by_category(rows, method, lang, palette)
    else:
        colors, legend = _by_zone(rows, method, lang, palette)
    properties = [_properties(row, method, lang) for row in rows.to_dict("records")]
    west, south, east, north = (float(b) for b in regions.total_bounds)
    return MapSpec(
        _columns(properties, list(colors)), legend, (west, south, east, north), province_code, lang
    )


def draw(
    spec: MapSpec,
    boundaries: Boundaries,
    *,
    basemap: bool = False,
    legend_scale: float = 1.0,
    shapes_url: str | None = None,
) -> folium.Map:
    """The folium map of a `MapSpec`: cheap, so it is built anew for every page run."""
    m = _base_map(spec.bounds, basemap)
    _Css(_CSS + _legend_size(legend_scale)).add_to(m)
    _Regions(
        spec.values,
        spec.lang,
        url=shapes_url,
        topology=None if shapes_url else _inline_topology(boundaries, spec.province_code),
    ).add_to(m)
    _Hatch().add_to(m)
    _Legend(spec.legend).add_to(m)
    return m


def zone_map(
    results: pd.DataFrame,
    boundaries: Boundaries,
    *,
    color_by: ColorBy = "zone",
    province_code: str | None = None,
    lang: Lang = "id",
    palette: Palette = "standard",
    basemap: bool = False,
    legend_scale: float = 1.0,
    shapes_url: str | None = None,
) -> folium.Map:
    """Every kab/kota of the nation (or of `province_code`), coloured by its result.

    `results` is one year's results keyed by `code`; a region without one is hatched grey,
    "Tanpa angka terbitan" (no published figure held), never zero. Colouring by category falls
    back to zones for years before categories existed. Each feature carries `code`, so a click
    maps back to its region (streamlit-folium returns it as
    `last_active_drawing["properties"]["code"]`).

    With `shapes_url` (`shapes_url(boundaries, province_code)`), the page fetches the shapes
    from the app and carries only the values; without, the shapes are inlined (the download).
    """
    spec = map_spec(
        results,
        boundaries,
        color_by=color_by,
        province_code=province_code,
        lang=lang,
        palette=palette,
    )
    return draw(spec, boundaries, basemap=basemap, legend_scale=legend_scale, shapes_url=shapes_url)
