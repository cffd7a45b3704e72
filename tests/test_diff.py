"""The import diff on the fixture dataset: added, removed and changed rows, zone and rank moves
worked out by hand (see fixtures.py), only the slices a file replaces, duplicates kept."""

import fixtures
import pandas as pd
import pytest

from scoring import diff


def incoming_2023() -> pd.DataFrame:
    return fixtures.results()[lambda f: f["year"] == 2023].reset_index(drop=True)


def test_the_same_rows_change_nothing():
    result = diff.results_diff(fixtures.results(), incoming_2023())
    assert result.counts == {"added": 0, "changed": 0, "removed": 0, "unchanged": 12}
    assert result.zone_moves.empty and result.rank_moves.empty


def test_only_the_years_in_the_file_are_compared():
    """The file holds 2023: 2021 and 2022 rows are neither removed nor compared."""
    result = diff.results_diff(fixtures.results(), incoming_2023())
    assert result.removed.empty
    assert sum(result.counts.values()) == len(incoming_2023())


def test_a_score_change_moves_its_zone_and_the_ranks_below_it():
    """Bantaeng 75.50 (kuning, C) → 90.00 (hijau, A): 2nd in Sulawesi Selatan after Pinrang
    92.50, ahead of Bone and Barru (85.40, tied 2nd before, now 3rd) and Makassar (4th → 5th)."""
    new = incoming_2023()
    new.loc[new["code"] == "73.03", "score"] = 90.0
    result = diff.results_diff(fixtures.results(), new)
    assert result.counts["changed"] == 1
    change = result.changed.iloc[0]
    assert (change["name"], change["column"], change["old"], change["new"]) == (
        "Kabupaten Bantaeng",
        "score",
        "75.50",
        "90.00",
    )
    zones = result.zone_moves.set_index("name")
    assert zones.loc["Kabupaten Bantaeng", ["zone_old", "zone_new"]].tolist() == ["kuning", "hijau"]
    assert len(zones) == 1
    province = result.rank_moves[result.rank_moves["ranking"] == "province"].set_index("name")
    assert province["rank_old"].to_dict() == {
        "Kabupaten Bantaeng": 5,
        "Kabupaten Bone": 2,
        "Kabupaten Barru": 2,
        "Kota Makassar": 4,
    }
    assert province["rank_new"].to_dict() == {
        "Kabupaten Bantaeng": 2,
        "Kabupaten Bone": 3,
        "Kabupaten Barru": 3,
        "Kota Makassar": 5,
    }


def test_rows_left_out_are_removed_and_new_names_added():
    new = incoming_2023()
    new = new[new["code"] != "19.71"]
    stranger = new.iloc[[0]].assign(entity="Kota Baru", code=pd.NA, score=50.0)
    result = diff.results_diff(fixtures.results(), pd.concat([new, stranger]))
    assert result.removed["name"].tolist() == ["Kota Pangkal Pinang"]
    assert result.added[["name", "score"]].values.tolist() == [["Kota Baru", 50.0]]


def test_a_renamed_row_with_the_same_code_is_a_change_not_a_new_row():
    new = incoming_2023()
    new.loc[new["code"] == "73.08", "entity"] = "Kab. Bone"
    result = diff.results_diff(fixtures.results(), new)
    assert result.counts == {"added": 0, "changed": 1, "removed": 0, "unchanged": 11}
    assert result.changed[["column", "old", "new"]].values.tolist() == [
        ["entity", "Kabupaten Bone", "Kab. Bone"]
    ]


def test_a_duplicated_row_shows_as_added():
    new = incoming_2023()
    new = pd.concat([new, new[new["code"] == "73.15"]])
    result = diff.results_diff(fixtures.results(), new)
    assert result.added["name"].tolist() == ["Kabupaten Pinrang"]


def test_first_import_of_a_year_adds_every_row():
    stored = fixtures.results()[lambda f: f["year"] < 2023]
    result = diff.results_diff(stored, incoming_2023())
    assert result.counts == {"added": 12, "changed": 0, "removed": 0, "unchanged": 0}


@pytest.mark.parametrize(("old", "new", "same"), [(85.4, 85.40000001, True), (None, "", True)])
def test_values_compare_as_shown(old, new, same):
    assert (diff.value_text(old) == diff.value_text(new)) is same


def test_units_are_matched_within_their_government():
    stored = fixtures.units()
    new = stored.copy()
    new.loc[new["opd"] == "Dinas Sosial Kota Makassar", "score"] = 80.0
    new = new[new["opd"] != "UPT Puskesmas Batua"]
    result = diff.compare(stored, new, diff.UNITS)
    assert result.counts == {"added": 0, "changed": 1, "removed": 1, "unchanged": 5}
    assert result.removed["name"].tolist() == ["UPT Puskesmas Batua"]


def test_hostile_names_travel_as_plain_text():
    """The diff keeps names verbatim; escaping is the renderer's (checked in the page tests)."""
    new = incoming_2023()
    new.loc[new["code"] == "73.08", "entity"] = fixtures.HOSTILE
    result = diff.results_diff(fixtures.results(), new)
    assert result.changed["new"].tolist() == [fixtures.HOSTILE]
