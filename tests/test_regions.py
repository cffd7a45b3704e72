"""Region codes: the gazetteer, the name normaliser, aliases and the pre-2022 crosswalk.

Most tests need the shared geo folder (../shared/geo, or $KEPATUHAN_GEO_DIR) and skip without
it; the name normaliser's tests and the missing-folder messages run anyway.
"""

import shutil

import fixtures
import pandas as pd
import pytest
from fixtures import requires_geo, skip_without_geo
from hypothesis import given
from hypothesis import strategies as st

from scoring.pipeline import resolve
from scoring.regions import (
    GEO_DIR_ENV,
    PROJECT_ROOT,
    GeoDataMissing,
    geo_dir,
    load_gazetteer,
    normalise_name,
    normalise_names,
    old_code_crosswalk,
    successor_provinces,
)

PUBLISHED = PROJECT_ROOT / "data" / "published"


@pytest.fixture(scope="module")
def gaz():
    skip_without_geo()
    return load_gazetteer()


def resolve_one(gaz, entity, province=None, level=None) -> pd.Series:
    frame = pd.DataFrame({"entity": [entity], "province": [province], "level": [level]})
    return gaz.resolve(frame).iloc[0]


def test_gazetteer_has_todays_regions_and_provinces(gaz):
    assert len(gaz.regions) == 514
    assert gaz.regions["code"].is_unique
    assert list(gaz.regions.columns) == ["code", "name", "level", "province_code", "province"]
    assert gaz.regions["level"].value_counts().to_dict() == {"kabupaten": 416, "kota": 98}
    assert len(gaz.provinces) == 38
    assert gaz.provinces["code"].is_unique
    assert set(gaz.regions["province_code"]) == set(gaz.provinces["code"])


def test_administrative_regions_of_jakarta_keep_their_level(gaz):
    jakarta = gaz.regions[gaz.regions["province_code"] == "31"].set_index("code")
    assert jakarta.loc["31.01", "level"] == "kabupaten"
    assert jakarta.loc["31.71", "name"] == "Kota Administrasi Jakarta Pusat"
    assert (jakarta.drop(index="31.01")["level"] == "kota").all()


@pytest.mark.parametrize(
    ("file", "name_col"),
    [("published-results.csv", "entity"), ("published-results-opd.csv", "pemda")],
)
def test_every_published_name_resolves_to_one_region(gaz, file, name_col):
    rows = pd.read_csv(PUBLISHED / file)
    resolved = gaz.resolve(rows, name_col=name_col)
    failures = rows.loc[resolved["code"].isna(), [name_col, "province"]].drop_duplicates()
    assert failures.values.tolist() == []
    per_name = resolved.groupby([rows[name_col], rows["province"]])["code"].nunique()
    assert (per_name == 1).all()


def test_published_levels_agree_with_the_resolved_region(gaz):
    rows = pd.read_csv(PUBLISHED / "published-results.csv")
    resolved = gaz.resolve(rows)
    level = resolved["code"].map(gaz.regions.set_index("code")["level"]).fillna("provinsi")
    assert rows.loc[level != rows["level"], "entity"].tolist() == []


@pytest.mark.parametrize(
    ("entity", "level"),
    [
        ("Kab. Bone", None),
        ("KABUPATEN BONE", None),
        ("Bone", None),
        ("Bone", "kabupaten"),
        ("kab bone", "Kabupaten"),
    ],
)
def test_spellings_of_bone_resolve_to_its_code(gaz, entity, level):
    assert gaz.regions.set_index("code").loc["73.08", "name"] == "Kabupaten Bone"
    row = resolve_one(gaz, entity, "Sulawesi Selatan", level)
    assert row["code"] == "73.08"
    assert row["province_code"] == "73"
    assert row["region_name"] == "Kabupaten Bone"
    assert row["match"] == ("unprefixed" if entity == "Bone" else "exact")


def test_kota_and_kabupaten_of_the_same_name_differ(gaz):
    kota = resolve_one(gaz, "Kota Bekasi", "Jawa Barat")
    kabupaten = resolve_one(gaz, "Kabupaten Bekasi", "Jawa Barat")
    assert (kota["code"], kabupaten["code"]) == ("32.75", "32.16")
    assert resolve_one(gaz, "Bekasi", "Jawa Barat", "kota")["code"] == "32.75"
    assert resolve_one(gaz, "Bekasi", "Jawa Barat")["match"] == "ambiguous"
    assert pd.isna(resolve_one(gaz, "Bekasi", "Jawa Barat")["code"])


def test_spacing_variants_are_one_name(gaz):
    assert normalise_name("Kota Pangkal Pinang") == normalise_name("Kota Pangkalpinang")
    assert normalise_name("Tanjung Pinang") == normalise_name("Tanjungpinang")
    assert normalise_name("Kab. Kep. Seribu") == normalise_name(
        "Kabupaten Administrasi Kepulauan Seribu"
    )
    assert normalise_name("Kabupaten Bekasi") != normalise_name("Kota Bekasi")
    assert resolve_one(gaz, "Kota Pangkalpinang", "Kepulauan Bangka Belitung")["code"] == "19.71"


@pytest.mark.parametrize(
    ("entity", "province", "official"),
    [
        ("Pangkep", "Sulawesi Selatan", "Kabupaten Pangkajene dan Kepulauan"),
        ("Kabupaten Pangkajene Kepulauan", "Sulsel", "Kabupaten Pangkajene dan Kepulauan"),
        ("Sidrap", "Sulawesi Selatan", "Kabupaten Sidenreng Rappang"),
        ("Kota Padang Sidempuan", "Sumatera Utara", "Kota Padangsidimpuan"),
        (
            "Kabupaten Kep. Siau Tagulandang Biaro",
            "Sulawesi Utara",
            "Kabupaten Kepulauan Siau Tagulandang Biaro",
        ),
        ("Kabupaten Tolitoli", "Sulawesi Tengah", "Kabupaten Toli-Toli"),
        ("Kabupaten Toli-Toli", "Sulawesi Tengah", "Kabupaten Toli-Toli"),
        ("Kota Baubau", "Sulawesi Tenggara", "Kota Bau Bau"),
        ("Kota Bau-Bau", "Sulawesi Tenggara", "Kota Bau Bau"),
        ("Kabupaten Fak-Fak", "Papua Barat", "Kabupaten Fak Fak"),
        ("Kota Tidore Kepulauan", "Maluku Utara", "Kota Tidore Kepulauan"),
        ("Kabupaten Kepulauan Selayar", "Sulawesi Selatan", "Kabupaten Kepulauan Selayar"),
        ("Selayar", "Sulawesi Selatan", "Kabupaten Kepulauan Selayar"),
        ("Kabupaten Banyu Asin", "Sumatera Selatan", "Kabupaten Banyuasin"),
        ("Kabupaten Batubara", "Sumatera Utara", "Kabupaten Batu Bara"),
        ("Kabupaten Labuhan Batu", "Sumatera Utara", "Kabupaten Labuhanbatu"),
        ("Kabupaten Toba Samosir", "Sumatera Utara", "Kabupaten Toba"),
        ("Kota Adm. Jakarta Pusat", "DKI Jakarta", "Kota Administrasi Jakarta Pusat"),
    ],
)
def test_known_variants_resolve(gaz, entity, province, official):
    row = resolve_one(gaz, entity, province)
    assert row["region_name"] == official
    assert row["match"] in ("exact", "alias", "unprefixed")


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("DI Yogyakarta", "34"),
        ("DIY", "34"),
        ("Daerah Istimewa Yogyakarta", "34"),
        ("DKI Jakarta", "31"),
        ("Jakarta", "31"),
        ("Babel", "19"),
        ("Kepulauan Bangka Belitung", "19"),
        ("Bangka Belitung", "19"),
        ("NTB", "52"),
        ("NTT", "53"),
        ("Sulsel", "73"),
        ("Provinsi Jawa Barat", "32"),
        ("Prov. Kep. Riau", "21"),
        ("PAPUA BARAT", "92"),
        ("Papua Barat Daya", "96"),
    ],
)
def test_province_names_and_aliases(gaz, name, code):
    assert gaz.resolve_province(name) == code


def test_province_lookup_rejects_kabupaten_and_unknown_names(gaz):
    assert gaz.resolve_province("Kabupaten Bone") is None
    assert gaz.resolve_province("Atlantis") is None


def test_province_level_rows_get_the_two_digit_code(gaz):
    row = resolve_one(gaz, "Provinsi DI Yogyakarta", "Daerah Istimewa Yogyakarta", "provinsi")
    assert (row["code"], row["province_code"], row["match"]) == ("34", "34", "alias")
    assert row["region_name"] == "Daerah Istimewa Yogyakarta"
    assert resolve_one(gaz, "Bali", None, "provinsi")["code"] == "51"


def test_old_papua_province_finds_the_region_in_its_successor(gaz):
    frame = pd.DataFrame(
        {
            "year": [2023],
            "level": ["kabupaten"],
            "province": ["Papua"],
            "entity": ["Kabupaten Merauke"],
        }
    )
    row = gaz.resolve(frame).iloc[0]
    assert row["code"] == "93.01"
    assert gaz.regions.set_index("code").loc["93.01", "province"] == "Papua Selatan"
    assert resolve_one(gaz, "Kota Sorong", "Papua Barat")["code"] == "96.71"


def test_wrong_or_unknown_province_matches_nothing(gaz):
    assert resolve_one(gaz, "Kabupaten Bone", "Gorontalo")["match"] == "none"
    assert resolve_one(gaz, "Kabupaten Bone", "Atlantis")["match"] == "none"
    assert resolve_one(gaz, "Kabupaten Bone", None)["code"] == "73.08"


def test_unknown_name_is_unmatched_with_suggestions(gaz):
    row = resolve_one(gaz, "Kabupaten Bonne", "Sulawesi Selatan")
    assert pd.isna(row["code"]) and pd.isna(row["region_name"])
    assert row["match"] == "none"
    assert gaz.suggest("Kabupaten Bonne")[0] == "Kabupaten Bone"
    assert gaz.suggest("Merauk", province_code="91") == ["Kabupaten Merauke"]
    assert gaz.suggest("zzzzzz") == []


def test_resolve_keeps_the_index_and_tolerates_missing_columns(gaz):
    frame = pd.DataFrame({"pemda": ["Kota Tangerang", None, "Provinsi Bali"]}, index=[7, 3, 9])
    resolved = gaz.resolve(frame, name_col="pemda")
    assert list(resolved.index) == [7, 3, 9]
    assert list(resolved.columns) == ["code", "province_code", "region_name", "match"]
    assert resolved["code"].tolist()[0::2] == ["36.71", "51"]
    assert resolved.loc[3, "code"] is pd.NA
    assert resolved.loc[3, "match"] == "none"


def test_crosswalk_maps_every_old_code(gaz):
    crosswalk = old_code_crosswalk()
    assert len(crosswalk) == 514
    assert set(crosswalk.values()) == set(gaz.regions["code"])
    changed = {old: new for old, new in crosswalk.items() if old != new.replace(".", "")}
    assert len(changed) == 26
    assert {old[:2] for old in changed} == {"91", "92"}
    assert crosswalk["9101"] == "93.01"
    assert crosswalk["7310"] == "73.10"
    assert all(new[:2] in successor_provinces(old[:2]) for old, new in crosswalk.items())


def test_the_fixture_datasets_codes_are_the_gazetteers(gaz):
    provinces = gaz.regions[gaz.regions["province_code"].isin([fixtures.SULSEL, fixtures.BABEL])]
    pd.testing.assert_frame_equal(
        fixtures.regions().sort_values("code", ignore_index=True),
        provinces.sort_values("code", ignore_index=True),
        check_dtype=False,
    )
    official = dict(zip(gaz.provinces["code"], gaz.provinces["name"], strict=True))
    assert fixtures.province_names() == {c: official[c] for c in ("19", "73")}
    resolved = resolve(fixtures.raw_results(), gaz)
    stored = fixtures.results()
    for column in ("code", "province_code", "region_name", "match", "level"):
        assert resolved[column].astype(str).tolist() == stored[column].astype(str).tolist(), column


def test_successor_provinces():
    assert successor_provinces("91") == {"91", "93", "94", "95"}
    assert successor_provinces("92") == {"92", "96"}
    assert successor_provinces("73") == {"73"}


def test_missing_geo_folder_says_what_to_do(tmp_path, monkeypatch):
    monkeypatch.setenv(GEO_DIR_ENV, str(tmp_path))
    assert geo_dir() == tmp_path
    with pytest.raises(GeoDataMissing) as missing:
        load_gazetteer()
    message = str(missing.value)
    assert str(tmp_path) in message
    assert GEO_DIR_ENV in message
    assert "gazetteer/" in message
    assert isinstance(missing.value, FileNotFoundError)
    with pytest.raises(GeoDataMissing):
        old_code_crosswalk()


def test_default_geo_folder_is_next_to_the_project(monkeypatch):
    monkeypatch.delenv(GEO_DIR_ENV, raising=False)
    assert geo_dir() == PROJECT_ROOT.parent / "shared" / "geo"


@requires_geo()
def test_gazetteer_works_without_the_map(tmp_path):
    shutil.copytree(geo_dir() / "gazetteer", tmp_path / "gazetteer")
    gaz = load_gazetteer(tmp_path)
    assert len(gaz.regions) == 514
    assert load_gazetteer(tmp_path) is gaz


def test_normalise_names_keeps_missing_values():
    names = pd.Series(["Kab. Bone", None, "Kab. Bone"])
    keys = normalise_names(names)
    assert keys.iloc[0] == keys.iloc[2] == "kabupaten bone"
    assert pd.isna(keys.iloc[1])


LETTERS = st.text(alphabet=st.sampled_from("abcdefghijklmnopqrstuvwxyzéèüö .-'"), max_size=30)


@given(LETTERS)
def test_normalise_name_ignores_case_and_spacing(name):
    key = normalise_name(name)
    assert normalise_name(name.upper()) == key
    assert normalise_name(f"  {name.replace(' ', '   ')}\t") == key


@given(
    st.sampled_from(["", "Kab. ", "KABUPATEN ", "Kota ", "Kota Adm. ", "Provinsi ", "prov "]),
    st.sampled_from(["Bone", "Pangkal Pinang", "Kep. Seribu", "Toli-Toli", "Bau Bau", "Gorontalo"]),
)
def test_normalise_name_is_idempotent_on_names(prefix, body):
    key = normalise_name(prefix + body)
    assert normalise_name(key) == key
