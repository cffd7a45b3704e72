"""The published figures reproduce under our rules, and the source's own contradictions are
flagged — never silently fixed."""

from typing import get_args

import pandas as pd
import pytest

from scoring import checks
from scoring.choices import LANGUAGES
from scoring.i18n import t
from scoring.printed import parse_printed_compliance


def flagged(findings: pd.DataFrame, check: str) -> set[tuple[int, str]]:
    rows = findings[findings["check"] == check]
    return set(zip(rows["year"], rows["entity"], strict=True))


def test_every_printed_zone_matches_its_band_except_the_flagged_one(published):
    both = published[published["score"].notna() & published["zone_printed"].notna()]
    assert len(both) > 300
    disagree = both[both["zone_printed"] != both["zone_calc"]]
    assert set(zip(disagree["year"], disagree["entity"], strict=True)) == {
        (2017, "Provinsi Gorontalo")
    }
    findings = checks.run_all(published)
    assert flagged(findings, "zone_vs_band") == {(2017, "Provinsi Gorontalo")}
    (params,) = findings.loc[findings["check"] == "zone_vs_band", "params"]
    assert params == {"score": 50.12, "calc": "merah", "printed": "kuning"}
    worded = t("check_detail.zone_vs_band", "id", **params)
    assert worded == "nilai 50.12 termasuk zona merah, tercetak kuning"


def test_every_printed_category_matches_its_band_except_the_flagged_one(published):
    both = published[published["score"].notna() & published["category_letter"].notna()]
    assert len(both) > 100
    disagree = both[both["category_letter"] != both["category_calc"]]
    assert set(zip(disagree["year"], disagree["entity"], strict=True)) == {
        (2023, "Kabupaten Bolaang Mongondow")
    }
    findings = checks.run_all(published)
    assert flagged(findings, "category_vs_band") == {(2023, "Kabupaten Bolaang Mongondow")}


def test_printed_compliance_wording_matches_the_old_bands(published):
    old = published[(published["year"] <= 2021) & published["score"].notna()]
    implied = parse_printed_compliance(old["category_printed"], old["year"])
    compared = old[implied.notna()]
    assert len(compared) > 100
    assert (implied[implied.notna()] == compared["zone_calc"]).all()


def test_complete_unit_sets_reproduce_the_published_government_score(published, published_units):
    sets = checks.complete_unit_sets(published_units)
    assert len(sets) == 3
    joined = sets.merge(published, left_on=["year", "pemda"], right_on=["year", "entity"])
    assert len(joined) == 3
    assert joined["unit_mean"].round(2).tolist() == pytest.approx(joined["score"].tolist())
    assert checks.unit_mean_mismatches(published, published_units).empty


def test_a_unit_mean_that_disagrees_is_flagged(published, published_units):
    altered = published.copy()
    altered.loc[
        (altered["entity"] == "Provinsi Gorontalo") & (altered["year"] == 2025), "score"
    ] = 76.84
    found = checks.unit_mean_mismatches(altered, published_units)
    assert found["entity"].tolist() == ["Provinsi Gorontalo"]


def test_source_conflicts_are_listed_and_duplicates_checked(published):
    findings = checks.run_all(published)
    assert (2019, "Kabupaten Pandeglang") in flagged(findings, "source_conflict")
    assert flagged(findings, "conflicting_duplicate") == set()
    twice = pd.concat([published, published.iloc[[0]].assign(score=1.0)])
    assert len(checks.conflicting_duplicates(twice)) == 2
    same = pd.concat([published, published.iloc[[0]]])
    assert checks.conflicting_duplicates(same).empty


def test_every_check_is_named_in_both_languages():
    for code in get_args(checks.Check):
        for lang in LANGUAGES:
            assert t(f"check.{code}", lang)


def test_every_published_figure_keeps_its_source(published):
    assert published["source_url"].notna().all()
    assert published["source_url"].str.startswith("http").all()
