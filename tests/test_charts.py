"""Chart builders, checked on their Vega-Lite JSON: colours, words, order, breaks, escaping.

Pure: no browser, no Streamlit. One browser test (marker `browser`) hovers hostile names.
"""

import json
from html.parser import HTMLParser

import pandas as pd
import pytest
from fixtures import HOSTILE, ranking_frame

from scoring.classify import classify
from scoring.i18n import table
from scoring.methodology import for_year, zones
from views import charts

# --- made-up data -------------------------------------------------------------------------------


def trend_frame(years=(2018, 2019, 2021, 2022, 2023)) -> pd.DataFrame:
    scores = [62.0, 70.0, 58.0, 74.5, 85.2, 90.1, 30.2][: len(years)]
    zones_ = [
        classify(pd.Series([s]), for_year(y))["zone"].iloc[0]
        for y, s in zip(years, scores, strict=True)
    ]
    own = pd.DataFrame({"year": years, "score": scores, "zone": zones_, "series": "Kab. X"})
    median = own.assign(score=own["score"] - 5, zone=pd.NA, series="Median provinsi")
    return pd.concat([own, median], ignore_index=True)


def heat_frame() -> pd.DataFrame:
    units = ["DPMPTSP", "Disdukcapil", HOSTILE]
    dims = ["Input", "Proses", "Output", "Pengaduan"]
    return pd.DataFrame(
        [(u, d, 10.0 + 25 * i + j) for i, u in enumerate(units) for j, d in enumerate(dims)],
        columns=["unit", "dimension", "score"],
    )


# --- spec helpers -------------------------------------------------------------------------------


def layers(spec: dict) -> list[dict]:
    return spec["layer"]


def rows(spec: dict, layer: dict) -> list[dict]:
    """A layer's data rows (Altair lifts data shared by every layer to the top)."""
    return spec["datasets"][layer.get("data", spec.get("data"))["name"]]


def mark(layer: dict) -> str:
    return layer["mark"]["type"] if isinstance(layer["mark"], dict) else layer["mark"]


def layer_of(spec: dict, kind: str, index: int = 0) -> dict:
    return [layer for layer in layers(spec) if mark(layer) == kind][index]


def zone_scale(spec: dict, channel: str = "color") -> dict:
    layer = next(
        la for la in layers(spec) if la["encoding"].get(channel, {}).get("field") == "zone_word"
    )
    return layer["encoding"][channel]["scale"]


# --- colours and words --------------------------------------------------------------------------


@pytest.mark.parametrize("palette, attribute", [("standard", "color"), ("colorblind", "color_cb")])
def test_zone_colours_come_from_the_methodology(palette, attribute):
    spec = charts.ranking_bars(ranking_frame(), palette=palette).to_dict()
    scale = zone_scale(spec)
    assert scale["domain"] == ["Hijau", "Kuning", "Merah"]
    assert scale["range"] == [getattr(zones()[z], attribute) for z in ("hijau", "kuning", "merah")]


def test_colour_blind_palette_changes_every_zone_colour():
    standard = zone_scale(charts.ranking_bars(ranking_frame()).to_dict())["range"]
    colorblind = zone_scale(charts.ranking_bars(ranking_frame(), palette="colorblind").to_dict())
    assert all(a != b for a, b in zip(standard, colorblind["range"], strict=True))


@pytest.mark.parametrize(
    "lang, words",
    [
        ("id", ["Hijau", "Kuning", "Merah", "Tanpa angka terbitan"]),
        ("en", ["Green", "Yellow", "Red", "No published figure"]),
    ],
)
def test_legends_name_the_zones_in_the_chosen_language(lang, words):
    frame = pd.DataFrame(
        {
            "province": ["Aceh"] * 4,
            "zone": ["merah", None, "hijau", "kuning"],
            "count": [1, 2, 3, 4],
        }
    )
    spec = charts.zone_distribution(frame, lang=lang).to_dict()
    scale = zone_scale(spec)
    assert scale["domain"] == words
    assert scale["range"][-1] == "#9E9E9E"
    bars = layer_of(spec, "bar")
    assert bars["encoding"]["color"]["legend"] is not None
    assert bars["encoding"]["color"]["title"] == ("Zona" if lang == "id" else "Zone")


def test_distribution_stacks_in_zone_order_with_readable_counts():
    frame = pd.DataFrame(
        {
            "province": ["Aceh", "Aceh", "Bali"],
            "zone": ["kuning", "hijau", "hitam"],
            "count": [3, 5, 1],
        }
    )
    spec = charts.zone_distribution(frame).to_dict()
    data = rows(spec, layer_of(spec, "bar"))
    aceh = [r for r in data if r["province"] == "Aceh"]
    assert [r["zone_key"] for r in aceh] == ["hijau", "kuning"]
    assert [r["middle"] for r in aceh] == [2.5, 6.5]
    colours = {r["zone_key"]: r["text_color"] for r in data}
    assert colours == {"hijau": "#FFFFFF", "kuning": "#000000", "hitam": "#FFFFFF"}


def test_zone_counts_list_every_zone_of_the_era_and_the_unassessed():
    frame = pd.DataFrame({"zone": ["hijau", "hijau", None, "hitam"]})
    spec = charts.zone_counts(frame, year=2025, lang="en").to_dict()
    data = rows(spec, layer_of(spec, "bar"))
    assert [(r["label"], r["count"]) for r in data] == [
        ("Green", 2),
        ("Yellow", 0),
        ("Red", 0),
        ("Black", 1),
        ("No published figure", 1),
    ]
    assert [r["color"] for r in data[:4]] == [z.color for z in zones().values()]


def test_ranking_is_sorted_best_first_with_the_score_at_the_bar_end():
    spec = charts.ranking_bars(ranking_frame(), year=2023).to_dict()
    bars = layer_of(spec, "bar")
    order = bars["encoding"]["y"]["sort"]
    assert order == [
        "1. Kab. Bangka Tengah",
        f"2. {HOSTILE}",
        "3. Kota Bogor",
        "4. Kab. A",
        "5. Kab. Bogor",
    ]
    scores = [r["score"] for r in rows(spec, bars)]
    assert scores == sorted(scores, reverse=True)
    text = layer_of(spec, "text")
    assert text["encoding"]["text"]["field"] == "score_text"
    assert rows(spec, text)[0]["score_text"] == "93,71"


def test_ranking_labels_sit_inside_long_bars_in_a_readable_colour():
    frame = ranking_frame().assign(score=[45.3, 93.71, 77.99, 88.0, 9.5])
    spec = charts.ranking_bars(frame).to_dict()
    inside, outside = layer_of(spec, "text", 0), layer_of(spec, "text", 1)
    assert inside["mark"]["align"] == "right" and outside["mark"]["align"] == "left"
    assert inside["transform"] == [{"filter": "datum.score >= 15.0"}]
    assert outside["transform"] == [{"filter": "datum.score < 15.0"}]
    assert inside["encoding"]["color"] == {"field": "label_color", "scale": None, "type": "nominal"}
    colours = {r["zone_key"]: r["label_color"] for r in rows(spec, inside)}
    assert colours == {"hijau": "#FFFFFF", "kuning": "#000000", "merah": "#FFFFFF"}


@pytest.mark.parametrize("year, cuts", [(2023, [32, 54, 78, 88]), (2019, [51, 81])])
def test_ranking_marks_the_cut_offs_of_the_year(year, cuts):
    spec = charts.ranking_bars(ranking_frame(year), year=year).to_dict()
    x = layer_of(spec, "bar")["encoding"]["x"]
    assert x["scale"]["domain"] == [0, 100]
    assert x["axis"]["values"] == [0, *cuts, 100]
    assert [r["cut"] for r in rows(spec, layer_of(spec, "rule"))] == cuts
    subtitle = spec["title"]["subtitle"]
    assert subtitle.endswith(
        "E < 32 ≤ D < 54 ≤ C < 78 ≤ B < 88 ≤ A"
        if year == 2023
        else "Merah < 51 ≤ Kuning < 81 ≤ Hijau"
    )


def test_ranking_without_year_has_no_rules():
    spec = charts.ranking_bars(ranking_frame()).to_dict()
    assert [mark(la) for la in layers(spec)] == ["bar", "text", "text"]


# --- trend ----------------------------------------------------------------------------------------


def test_era_breaks_inside_a_span():
    assert charts.era_breaks(2015, 2030) == [(2019, 2021), (2021, 2022), (2024, 2025)]
    assert charts.era_breaks(2021, 2022) == [(2021, 2022)]
    assert charts.era_breaks(2022, 2024) == []


def test_trend_lines_split_at_each_method_change_and_mark_it():
    spec = charts.trend(trend_frame()).to_dict()
    line = layer_of(spec, "line")
    assert line["encoding"]["detail"]["field"] == "segment"
    segment = {(r["series"], r["year"]): r["segment"] for r in rows(spec, line)}
    assert segment[("Kab. X", 2021)] != segment[("Kab. X", 2022)]
    assert segment[("Kab. X", 2018)] == segment[("Kab. X", 2019)] != segment[("Kab. X", 2021)]
    assert segment[("Kab. X", 2022)] == segment[("Kab. X", 2023)]
    assert segment[("Median provinsi", 2022)] != segment[("Kab. X", 2022)]
    rule = layer_of(spec, "rule")
    assert [r["position"] for r in rows(spec, rule)] == [2020.0, 2021.5]
    labels = rows(spec, layer_of(spec, "text"))
    assert {r["label"] for r in labels} == {"Metode berubah"}


def test_trend_within_one_era_has_no_break():
    spec = charts.trend(trend_frame((2022, 2023, 2024))).to_dict()
    assert "rule" not in [mark(la) for la in layers(spec)]
    assert len({r["segment"] for r in rows(spec, layer_of(spec, "line"))}) == 2


def test_trend_points_carry_zone_words_and_medians_no_zone():
    spec = charts.trend(trend_frame(), lang="en").to_dict()
    zoned = next(la for la in layers(spec) if "fill" in la["encoding"])
    assert zoned["encoding"]["fill"]["field"] == "zone_word"
    assert {r["series"] for r in rows(spec, zoned)} == {"Kab. X"}
    assert "Yellow" in zoned["encoding"]["fill"]["scale"]["domain"]
    line = layer_of(spec, "line")
    assert line["encoding"]["color"]["scale"]["domain"] == ["Kab. X", "Median provinsi"]
    assert line["encoding"]["strokeDash"]["legend"] == line["encoding"]["color"]["legend"]


def test_single_series_trend_has_no_series_legend():
    frame = trend_frame().query("series == 'Kab. X'").drop(columns="series")
    line = layer_of(charts.trend(frame).to_dict(), "line")
    assert line["encoding"]["color"]["legend"] is None


def test_a_median_drawn_alone_is_named_and_grey():
    # A region with a printed zone but no score: only the national median has points. It must
    # carry its name in a legend and a grey dashed stroke, not the region's colour.
    frame = pd.DataFrame(
        {
            "year": [2022, 2023, 2022, 2023],
            "score": [None, None, 81.5, 82.0],
            "zone": ["kuning", "kuning", None, None],
            "series": ["Kab. X", "Kab. X", "Median nasional", "Median nasional"],
            "reference": [False, False, True, True],
        }
    )
    spec = charts.trend(frame).to_dict()
    line = layer_of(spec, "line")
    assert {r["series"] for r in rows(spec, line)} == {"Median nasional"}
    color = line["encoding"]["color"]
    assert color["legend"] is not None
    assert color["scale"] == {"domain": ["Median nasional"], "range": [charts.REFERENCE_COLORS[0]]}
    assert line["encoding"]["strokeDash"]["scale"]["range"] == [list(charts.REFERENCE_DASHES[0])]


def test_medians_are_thinner_and_grey_beside_the_regions_line():
    frame = trend_frame().assign(reference=lambda f: f["series"] != "Kab. X")
    line = layer_of(charts.trend(frame).to_dict(), "line")
    assert line["encoding"]["color"]["scale"]["range"] == [
        charts.SERIES_COLORS["standard"][0],
        charts.REFERENCE_COLORS[0],
    ]
    width = line["encoding"]["strokeWidth"]
    assert width["condition"]["value"] < width["value"]


# --- heatmap --------------------------------------------------------------------------------------


def test_heatmap_has_one_cell_per_unit_and_dimension():
    frame = heat_frame()
    doubled = pd.concat([frame, frame.head(1).assign(score=0.0)], ignore_index=True)
    spec = charts.unit_dimension_heatmap(doubled).to_dict()
    cells = rows(spec, layer_of(spec, "rect"))
    assert len(cells) == 3 * 4
    assert len({(c["unit"], c["dimension"]) for c in cells}) == 12
    assert cells[0]["score"] == frame["score"].iloc[0] / 2
    x = layer_of(spec, "rect")["encoding"]["x"]
    assert x["sort"] == ["Input", "Proses", "Output", "Pengaduan"]


@pytest.mark.parametrize("palette", ["standard", "colorblind"])
def test_heatmap_cells_take_the_colour_of_their_zone_band(palette):
    # 2023 bands: merah below 54, kuning 54-77.99, hijau from 78. 30.56 was pale green before.
    frame = pd.DataFrame(
        {"unit": ["a", "b", "c", "d"], "dimension": "Pengaduan", "score": [30.56, 53.99, 54, 78]}
    )
    spec = charts.unit_dimension_heatmap(frame, year=2023, palette=palette).to_dict()
    cells = rows(spec, layer_of(spec, "rect"))
    assert [c["zone_key"] for c in cells] == ["merah", "merah", "kuning", "hijau"]
    scale = zone_scale(spec)
    colours = dict(zip(scale["domain"], scale["range"], strict=True))
    expected = {z.key: z.color_cb if palette == "colorblind" else z.color for z in zones().values()}
    assert colours == {
        "Merah": expected["merah"],
        "Kuning": expected["kuning"],
        "Hijau": expected["hijau"],
    }
    texts = rows(spec, layer_of(spec, "text"))
    assert [c["score_text"] for c in texts] == ["30,56", "53,99", "54,00", "78,00"]
    for cell in texts:
        fill = expected[cell["zone_key"]]
        assert cell["text_color"] == charts.text_color(fill)


def test_heatmap_names_each_unit_above_its_cells_so_a_phone_keeps_the_width():
    spec = charts.unit_dimension_heatmap(heat_frame(), year=2023).to_dict()
    rect = layer_of(spec, "rect")
    assert rect["encoding"]["y"]["axis"] is None  # no name column eating the width
    names = rows(spec, layer_of(spec, "text", 1))
    assert [n["unit"] for n in names] == ["DPMPTSP", "Disdukcapil", HOSTILE]
    cells = rows(spec, rect)
    for name in names:
        own = [c for c in cells if c["unit"] == name["unit"]]
        assert all(name["label_y"] <= c["top"] < c["bottom"] for c in own)
    tops = sorted({c["top"] for c in cells})
    assert len(tops) == 3 and spec["height"] >= max(c["bottom"] for c in cells)


# --- every chart ---------------------------------------------------------------------------------


def every_chart(lang="id", scale=1.0):
    common = {"lang": lang, "scale": scale}
    dist = pd.DataFrame({"province": ["Aceh"], "zone": ["hijau"], "count": [2]})
    return {
        "ranking": charts.ranking_bars(ranking_frame(), year=2023, **common),
        "distribution": charts.zone_distribution(dist, **common),
        "trend": charts.trend(trend_frame(), **common),
        "heatmap": charts.unit_dimension_heatmap(heat_frame(), **common),
        "zones": charts.zone_counts(ranking_frame(), **common),
    }


@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_chart_fills_the_container_and_describes_itself(lang):
    for name, chart in every_chart(lang).items():
        spec = chart.to_dict()
        assert spec["width"] == "container", name
        assert len(spec["description"]) > 40, name
        assert spec["title"], name
        assert "chart." not in json.dumps(spec), f"{name}: a label key is missing"


def test_scale_enlarges_every_font():
    normal, large = every_chart()["ranking"].to_dict(), every_chart(scale=1.5)["ranking"].to_dict()
    for part in ("axis", "legend"):
        for key in ("labelFontSize", "titleFontSize"):
            assert large["config"][part][key] == pytest.approx(normal["config"][part][key] * 1.5)
    assert large["config"]["title"]["fontSize"] == pytest.approx(
        normal["config"]["title"]["fontSize"] * 1.5
    )
    assert layer_of(large, "text")["mark"]["fontSize"] == pytest.approx(
        layer_of(normal, "text")["mark"]["fontSize"] * 1.5
    )


def test_chart_labels_exist_in_both_languages():
    keys = [key for key in table() if key.startswith("chart.")]
    assert keys
    assert all(table()[key].get("en") for key in keys)


# --- hostile names --------------------------------------------------------------------------------


class _Tags(HTMLParser):
    """The elements a browser would build from a page (script content is not markup)."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)


def tags_of(page: str) -> list[str]:
    parser = _Tags()
    parser.feed(page)
    return parser.tags


def tooltip_titles(spec: dict) -> list[str]:
    found = []
    for layer in layers(spec):
        tooltip = layer.get("encoding", {}).get("tooltip", [])
        found += [item.get("title", item.get("field")) for item in tooltip]
    return found


def test_names_stay_data_in_the_spec():
    """The name is a JSON string value only; vega-tooltip escapes it before writing HTML, and
    no tooltip field is titled `image` (vega-tooltip would load that value as an image URL)."""
    for chart in every_chart().values():
        spec = chart.to_dict()
        assert all(title.lower() not in ("image", "title") for title in tooltip_titles(spec))
    spec = charts.ranking_bars(ranking_frame()).to_dict()
    assert HOSTILE in [r["display_name"] for r in rows(spec, layer_of(spec, "bar"))]


def test_altair_html_keeps_an_img_name_inside_the_script():
    page = charts.ranking_bars(ranking_frame()).to_html()
    assert HOSTILE in page
    assert "img" not in tags_of(page)


def test_every_builder_accepts_an_empty_frame():
    """A year or province without results must give an empty chart, not an error page."""
    empty = {
        "ranking": charts.ranking_bars(
            pd.DataFrame(columns=["display_name", "score", "zone", "rank"]), year=2024
        ),
        "distribution": charts.zone_distribution(
            pd.DataFrame(columns=["province", "zone", "count"])
        ),
        "trend": charts.trend(pd.DataFrame(columns=["year", "score", "zone"])),
        "heatmap": charts.unit_dimension_heatmap(
            pd.DataFrame(columns=["unit", "dimension", "score"])
        ),
        "zones": charts.zone_counts(pd.DataFrame(columns=["zone"])),
    }
    for name, chart in empty.items():
        assert chart.to_dict()["width"] == "container", name
