"""The published figures reproduce under our rules, and the source's own contradictions are
flagged — never silently fixed."""

from typing import get_args

import pandas as pd
import pytest
from fixtures import PUBLISHED

from scoring import checks
from scoring.choices import LANGUAGES
from scoring.i18n import t
from scoring.importing import load
from scoring.pipeline import resolve
from scoring.printed import parse_printed_compliance


def flagged(findings: pd.DataFrame, check: str) -> set[tuple[int, str]]:
    rows = findings[findings["check"] == check]
    return set(zip(rows["year"], rows["entity"], strict=True))


def test_every_printed_zone_matches_its_band_except_the_flagged_one(published):
    both = published[published["score"].notna() & published["zone_printed"].notna()]
    assert len(both) > 300
    disagree = both[both["zone_printed"] != both["zone_calc"]]
    contradictions = {(2017, "Provinsi Gorontalo"), (2023, "Kabupaten Gorontalo Utara")}
    assert set(zip(disagree["year"], disagree["entity"], strict=True)) == contradictions
    findings = checks.run_all(published)
    assert flagged(findings, "zone_vs_band") == contradictions
    found = findings[findings["check"] == "zone_vs_band"].set_index("entity")["params"]
    assert found["Kabupaten Gorontalo Utara"] == {
        "score": 76.24,
        "calc": "kuning",
        "printed": "hijau",
    }
    params = found["Provinsi Gorontalo"]
    assert params == {"score": 50.12, "calc": "merah", "printed": "kuning"}
    worded = t("check_detail.zone_vs_band", "id", **params)
    assert worded == "nilai 50.12 termasuk zona merah, tercetak kuning"


def test_every_printed_category_matches_its_band_except_the_flagged_one(published):
    both = published[published["score"].notna() & published["category_letter"].notna()]
    assert len(both) > 100
    disagree = both[both["category_letter"] != both["category_calc"]]
    # 'zona hijau meskipun hanya berkategori D' (76.24, band C), printed as the source has it
    contradictions = {(2023, "Kabupaten Bolaang Mongondow"), (2023, "Kabupaten Gorontalo Utara")}
    assert set(zip(disagree["year"], disagree["entity"], strict=True)) == contradictions
    findings = checks.run_all(published)
    assert flagged(findings, "category_vs_band") == contradictions


def test_printed_compliance_wording_matches_the_old_bands(published):
    old = published[(published["year"] <= 2021) & published["score"].notna()]
    implied = parse_printed_compliance(old["category_printed"], old["year"])
    compared = old[implied.notna()]
    assert len(compared) > 100
    assert (implied[implied.notna()] == compared["zone_calc"]).all()


def test_complete_unit_sets_reproduce_the_published_government_score(published, published_units):
    sets = checks.complete_unit_sets(published_units)
    assert len(sets) == 7
    joined = sets.merge(published, left_on=["year", "pemda"], right_on=["year", "entity"])
    joined = joined[joined["score"].notna()]  # Kota Jayapura 2024: units only
    assert len(joined) == 6
    # Kota Magelang 2021: the slide's four units average 62.21, the pemda score is 68.27;
    # Kabupaten Wonogiri 2024: its units, printed to two decimals, average 99.72 for 99.71
    agree = joined[joined["entity"] != "Kota Magelang"]
    means = agree["unit_mean"].round(2).tolist()
    assert means == pytest.approx(agree["score"].tolist(), abs=0.0101)
    mismatches = checks.unit_mean_mismatches(published, published_units)
    assert set(zip(mismatches["year"], mismatches["entity"], strict=True)) == {
        (2021, "Kota Magelang")
    }


def test_a_unit_mean_that_disagrees_is_flagged(published, published_units):
    altered = published.copy()
    altered.loc[
        (altered["entity"] == "Provinsi Gorontalo") & (altered["year"] == 2025), "score"
    ] = 76.84
    found = checks.unit_mean_mismatches(altered, published_units)
    assert sorted(found["entity"].tolist()) == ["Kota Magelang", "Provinsi Gorontalo"]


SECOND_SOURCES_THAT_DISAGREE = {
    (2019, "Kabupaten Pandeglang"),  # 75.87 kuning, and merah
    (2019, "Kabupaten Buton Utara"),  # 50.04 and 50.39
    (2023, "Provinsi Jambi"),  # 88.00 and 88.41
    (2023, "Kabupaten Bungo"),  # kuning, and 84.22 hijau
    (2024, "Kabupaten Nagekeo"),  # 80.42 and 80.43
}


def test_source_conflicts_are_listed_and_duplicates_checked(published):
    findings = checks.run_all(published)
    assert (2019, "Kabupaten Pandeglang") in flagged(findings, "source_conflict")
    assert flagged(findings, "conflicting_duplicate") == SECOND_SOURCES_THAT_DISAGREE
    pairs = findings[findings["check"] == "conflicting_duplicate"]
    assert len(pairs) == 2 * len(SECOND_SOURCES_THAT_DISAGREE)  # both rows of each, side by side
    single = published[~published["notes"].fillna("").str.startswith("second source")]
    twice = pd.concat([single, single.iloc[[0]].assign(score=1.0)])
    assert len(checks.conflicting_duplicates(twice)) == 2
    same = pd.concat([single, single.iloc[[0]]])
    assert checks.conflicting_duplicates(same).empty


def test_source_flags_mark_derived_zones_second_sources_and_one_counted_row(gazetteer):
    raw = resolve(load(PUBLISHED / "published-results.csv").frame, gazetteer)
    flags = raw.join(checks.source_flags(raw))
    assert flags["zone_derived"].sum() == 39  # 'zone only, DERIVED by complement: ...'
    assert flags["second_source"].sum() == 12
    assert (flags.groupby(["year", "code"])["counted"].sum() == 1).all()  # one per figure
    disagree = flags[flags["sources_disagree"]]
    assert set(zip(disagree["year"], disagree["entity"], strict=True)) == (
        SECOND_SOURCES_THAT_DISAGREE
    )

    def row(year: int, entity: str, second: bool) -> pd.Series:
        hit = (flags["year"] == year) & (flags["entity"] == entity)
        return flags[hit & (flags["second_source"] == second)].iloc[0]

    # a second source that only adds a score to a zone-only row: its score is the one counted
    assert row(2021, "Kota Bandung", second=True)["counted"]
    assert not row(2021, "Kota Bandung", second=False)["counted"]
    # two scores that disagree: the first source is counted, the second shown beside it
    assert row(2023, "Provinsi Jambi", second=False)["counted"]
    assert not row(2023, "Provinsi Jambi", second=True)["counted"]
    derived = flags[flags["zone_derived"]]
    assert derived["score"].isna().all() and derived["zone"].notna().all()


def test_every_check_is_named_in_both_languages():
    for code in get_args(checks.Check):
        for lang in LANGUAGES:
            assert t(f"check.{code}", lang)


def test_every_published_figure_keeps_its_source(published):
    assert published["source_url"].notna().all()
    assert published["source_url"].str.startswith("http").all()
