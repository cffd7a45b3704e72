"""The demo generator: complete, marked as demo, reproducible, and realistic where it matters."""

import numpy as np
import pandas as pd
import pytest

from scoring.choices import DATASET_DEMO
from scoring.choices import GOVERNMENT_LEVELS as LEVELS
from scoring.classify import classify
from scoring.compute import score_governments, score_items
from scoring.demo import PRODUCTS, generate_headlines_2021, generate_items
from scoring.frames import ITEM_COLUMNS, RESULT_COLUMNS
from scoring.methodology import for_year

YEARS = (2022, 2023, 2024)
# Published national shares of 2023 (hijau, kuning, merah), in percent.
PUBLISHED_2023 = {"hijau": 70.7, "kuning": 22.7, "merah": 6.6}


def make_governments(provinces: int, per_province: int) -> pd.DataFrame:
    """One pemprov and `per_province` kab/kota (every fourth a kota) in each province."""
    rows = []
    for p in range(provinces):
        code = str(11 + p)
        province = f"Contoh {code}"
        rows.append((code, f"Provinsi {province}", "provinsi", code, province))
        for k in range(1, per_province + 1):
            level = "kota" if k % 4 == 0 else "kabupaten"
            rows.append(
                (f"{code}.{k:02d}", f"{level.title()} Contoh {code}.{k:02d}", level, code, province)
            )
    return pd.DataFrame(rows, columns=["code", "name", "level", "province_code", "province"])


def government_scores(items: pd.DataFrame) -> pd.DataFrame:
    """Government scores computed the official way, with their zone."""
    scores = score_governments(score_items(items))
    scores["zone"] = pd.concat(
        [classify(s, for_year(int(y)))["zone"] for y, s in scores.groupby("year")["score"]]
    )
    return scores


@pytest.fixture(scope="module")
def governments() -> pd.DataFrame:
    return make_governments(provinces=3, per_province=50)


@pytest.fixture(scope="module")
def items(governments) -> pd.DataFrame:
    return generate_items(governments, years=YEARS)


@pytest.fixture(scope="module")
def national() -> pd.DataFrame:
    """Scores of ~500 governments, enough for zone shares to mean something."""
    governments = make_governments(provinces=34, per_province=14)
    return government_scores(generate_items(governments, years=YEARS)).merge(
        governments[["code", "level", "province_code"]], on="code"
    )


def test_columns_are_the_item_contract_plus_code_and_dataset(items):
    assert list(items.columns) == [*ITEM_COLUMNS, "code", "dataset"]
    assert (items["dataset"] == DATASET_DEMO).all()
    assert items["source_row"].tolist() == list(range(1, len(items) + 1))


def test_every_item_of_every_unit_is_there_exactly_once(items, governments):
    method = for_year(2023)
    loci = pd.DataFrame(
        [(level, lc.key, lc.count) for level in LEVELS for lc in method.loci_for(level)],
        columns=["level", "unit_type", "copies"],
    )
    expected = governments[["code", "level"]].merge(loci, on="level")[
        ["code", "unit_type", "copies"]
    ]
    per_unit = len(PRODUCTS) * sum(v.indicators for d in method.dimensions for v in d.variables)

    keys = ["year", "code", "opd", "product", "variable", "indicator"]
    assert not items.duplicated(keys).any()
    assert items.groupby("year").size().to_dict() == dict.fromkeys(
        YEARS, expected["copies"].sum() * per_unit
    )
    indicators = items.groupby(["dimension", "variable"], observed=True)["indicator"]
    assert indicators.agg(["min", "max"]).to_dict("index") == {
        (d.key, v.key): {"min": 1, "max": v.indicators}
        for d in method.dimensions
        for v in d.variables
    }
    copies = items.groupby(["year", "code", "unit_type"], observed=True)["opd"].nunique()
    for year in YEARS:
        found = copies[year].rename("copies").reset_index().astype({"code": str, "unit_type": str})
        pd.testing.assert_frame_equal(
            found.sort_values(["code", "unit_type"], ignore_index=True),
            expected.sort_values(["code", "unit_type"], ignore_index=True),
            check_dtype=False,
        )


def test_item_scores_are_integers_from_0_to_3(items):
    assert items["item_score"].dtype == np.int8
    assert items["item_score"].between(0, 3).all()
    assert set(items["item_score"].unique()) == {0, 1, 2, 3}


def test_units_carry_plausible_local_names():
    governments = pd.DataFrame(
        {
            "code": ["73", "73.08"],
            "name": ["Provinsi Sulawesi Selatan", "Kabupaten Bone"],
            "level": ["provinsi", "kabupaten"],
            "province_code": ["73", "73"],
            "province": ["Sulawesi Selatan", "Sulawesi Selatan"],
        }
    )
    names = set(generate_items(governments, years=(2023,))["opd"])
    assert {
        "DPMPTSP Kabupaten Bone",
        "UPT Puskesmas Bone 1",
        "UPT Puskesmas Bone 2",
        "RSUD Provinsi Sulawesi Selatan",
        "Dinas Sosial Provinsi Sulawesi Selatan",
    } <= names
    assert len(names) == 7 + 5


def test_same_seed_same_frame_other_seed_other_frame(governments, items):
    # check_exact: exact anyway, and pandas' tolerant comparison of categoricals is slow
    pd.testing.assert_frame_equal(generate_items(governments, years=YEARS), items, check_exact=True)
    other = generate_items(governments, years=YEARS, seed=7)
    assert not other["item_score"].equals(items["item_score"])
    pd.testing.assert_frame_equal(
        generate_headlines_2021(governments), generate_headlines_2021(governments)
    )
    assert not generate_headlines_2021(governments, seed=7)["score"].equals(
        generate_headlines_2021(governments)["score"]
    )


def test_2023_zone_shares_match_the_published_ones(national):
    shares = national[national["year"] == 2023]["zone"].value_counts(normalize=True) * 100
    for zone, published in PUBLISHED_2023.items():
        assert shares.get(zone, 0) == pytest.approx(published, abs=3), zone


def test_quality_improves_from_year_to_year_and_persists(national):
    green = national.assign(green=national["zone"] == "hijau").groupby("year")["green"].mean()
    assert green[2022] < green[2023] < green[2024]
    wide = national.pivot(index="code", columns="year", values="score")
    assert wide[2022].corr(wide[2023]) > 0.7


def test_scores_spread_and_provinces_differ(national):
    year = national[national["year"] == 2023]
    assert year["score"].std() > 8
    kabkota = year[year["level"] != "provinsi"]
    by_province = kabkota.groupby("province_code")["score"].mean()
    assert by_province.max() - by_province.min() > 10


def test_complaints_weakest_and_puskesmas_below_disdukcapil(items):
    by_dimension = items.groupby("dimension", observed=True)["item_score"].mean()
    assert by_dimension.idxmin() == "pengaduan"
    by_unit = items.groupby("unit_type", observed=True)["item_score"].mean()
    assert by_unit[["puskesmas", "dinas_sosial"]].max() < by_unit[["disdukcapil", "dpmptsp"]].min()


def test_headlines_2021_are_government_scores_only(governments):
    headlines = generate_headlines_2021(governments)
    assert list(headlines.columns) == [*RESULT_COLUMNS, "code", "dataset"]
    assert len(headlines) == len(governments)
    assert (headlines["year"] == 2021).all()
    assert headlines["score"].between(0, 100).all()
    assert headlines["score"].std() > 8
    assert headlines["zone"].isna().all() and headlines["category"].isna().all()
    assert (headlines["source_url"] == "").all()
    assert headlines["notes"].str.startswith("Data contoh").all()
    assert (headlines["dataset"] == DATASET_DEMO).all()


def test_2021_headlines_follow_the_same_governments_strengths(governments, items):
    later = government_scores(items).query("year == 2022").set_index("code")["score"]
    headlines = generate_headlines_2021(governments).set_index("code")["score"]
    assert headlines.corr(later) > 0.3


def test_unknown_level_or_year_without_items_fails(governments):
    with pytest.raises(ValueError, match="level"):
        generate_items(governments.assign(level="kecamatan"))
    with pytest.raises(ValueError, match="2025"):
        generate_items(governments, years=(2025,))
