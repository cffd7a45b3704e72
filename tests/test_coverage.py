"""Honest coverage: figures held against today's map and the official national counts."""

import pandas as pd
import pandera.errors
import pytest
from fixtures import PUBLISHED

from scoring import national
from views import coverage
from views.format import md_link


def test_the_bundled_summaries_are_the_shared_ones_and_add_up():
    frame = national.summaries()
    shared = pd.read_csv(PUBLISHED / "published-national-summaries.csv")
    assert len(frame) == len(shared) == 20
    kab_2023 = frame[(frame["year"] == 2023) & (frame["group"] == "kabupaten")].iloc[0]
    assert (kab_2023["entities"], kab_2023["hijau"], kab_2023["merah"]) == (415, 272, 37)


@pytest.mark.parametrize(
    ("change", "why"),
    [
        ({"hijau": 1}, "counts_add_up"),  # no longer adds up to `entities`
        ({"group": "desa"}, "isin"),
        ({"source_url": "javascript:alert(1)"}, "str_startswith"),
    ],
)
def test_a_bad_summaries_file_is_refused(tmp_path, change, why):
    frame = pd.read_csv(PUBLISHED / "published-national-summaries.csv")
    for column, value in change.items():
        frame.loc[0, column] = value
    path = tmp_path / "summaries.csv"
    frame.to_csv(path, index=False)
    with pytest.raises(pandera.errors.SchemaError, match=why):
        national.read_summaries(path)


def test_official_counts_add_levels_and_say_none_when_one_is_missing():
    both = national.official_counts(2022, ("kabupaten", "kota"))
    assert both is not None and (both["entities"], both["hijau"]) == (415 + 98, 170 + 53)
    assert national.official_counts(2023, ("kabupaten", "kota")) is None  # no 2023 kota count
    assert national.official_counts(2019, ("kabupaten",)) is None


def results(rows):
    return pd.DataFrame(
        rows, columns=["year", "level", "code", "province_code", "score", "zone"]
    ).astype({"score": float})


REGIONS = pd.DataFrame(
    {
        "code": ["19.01", "19.02", "19.71", "36.72"],
        "level": ["kabupaten", "kabupaten", "kota", "kota"],
        "province_code": ["19", "19", "19", "36"],
    }
)
HELD = results(
    [
        (2023, "kabupaten", "19.01", "19", 80.0, "hijau"),
        (2023, "kabupaten", "19.02", "19", None, "kuning"),  # a zone alone is a figure too
        (2022, "kota", "19.71", "19", 70.0, "kuning"),
    ]
)


def test_coverage_counts_figures_held_against_the_map_and_the_nation():
    cov = coverage.coverage(HELD, 2023, "kabupaten", regions=REGIONS, province_count=38)
    assert (cov.held, cov.on_map, cov.partial) == (2, 2, False)
    assert cov.official is not None and cov.official["entities"] == 415
    kabkota = coverage.coverage(HELD, 2023, "kabkota", regions=REGIONS, province_count=38)
    assert (kabkota.held, kabkota.on_map, kabkota.partial) == (2, 4, True)
    assert kabkota.official is None  # 2023 has no national kota count
    in_province = coverage.coverage(
        HELD, 2023, "kabupaten", regions=REGIONS, province_count=38, province_code="19"
    )
    assert in_province.official is None  # the official counts are national only
    pemprov = coverage.coverage(HELD, 2023, "provinsi", regions=None, province_count=38)
    assert (pemprov.held, pemprov.on_map) == (0, 38)


def test_texts_say_held_of_total_and_the_official_counts_with_sources():
    cov = coverage.coverage(HELD, 2023, "kabupaten", regions=REGIONS, province_count=38)
    assert coverage.held_text(cov, "kabupaten", "id") == (
        "2 dari 2 kabupaten memiliki angka terbitan dalam data ini"
    )
    text = coverage.official_text(cov, 2023, "id")
    assert text is not None
    assert "415 dinilai — 272 hijau, 106 kuning, 37 merah." in text
    assert "hitam" not in text  # no black zone that year
    assert "](https://mercusuar.web.id/" in text


def test_a_ranking_over_partial_data_says_whom_the_ranks_are_among():
    cov = coverage.coverage(HELD, 2023, "kabkota", regions=REGIONS, province_count=38)
    notice = coverage.rank_notice(cov, "kabkota", "en")
    assert notice is not None and notice.startswith("Ranks among the 2 regions")
    assert "of 4 regencies and cities" in notice
    full = coverage.coverage(HELD, 2023, "kabupaten", regions=REGIONS, province_count=38)
    assert coverage.rank_notice(full, "kabupaten", "en") is None


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", "data:text/html,x", "", None, "//evil.example", "https://"],
)
def test_a_link_to_anything_but_a_web_page_is_text(url):
    assert md_link("Sumber", url) == "Sumber"


def test_a_crafted_url_cannot_close_its_link():
    link = md_link("Sumber [x]", "https://a.example/p) [masuk](https://evil.example")
    assert link.count("](") == 1 and ")" not in link[link.index("](") + 2 : -1]
    assert link.startswith("[Sumber \\[x\\]](https://a.example/p%29")
