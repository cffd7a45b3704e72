"""The methodology files load, validate, and say what DOMAIN.md says."""

import dataclasses

import pytest

from scoring.methodology import (
    MethodologyError,
    _validate,
    all_methodologies,
    comparable,
    for_year,
)


def test_every_assessed_year_has_exactly_one_era():
    keys = {year: for_year(year).key for year in [*range(2015, 2020), *range(2021, 2027)]}
    assert keys[2015] == keys[2019] == "2015-2019"
    assert keys[2021] == "2021"
    assert keys[2022] == keys[2024] == "2022-2024"
    assert keys[2025] == keys[2026] == "2025"


def test_no_assessment_in_2020():
    with pytest.raises(MethodologyError, match="2020"):
        for_year(2020)


def test_2022_weights_are_the_published_ones():
    weights = {d.key: d.weight for d in for_year(2023).dimensions}
    assert weights == {"input": 21.85, "proses": 32.37, "output": 24.24, "pengaduan": 21.54}
    assert for_year(2023).weights_status_for(2023) == "published"
    assert for_year(2024).weights_status_for(2024) == "assumed"


def test_2025_weights_are_unknown_so_no_recomputation():
    method = for_year(2025)
    assert method.weights_status == "unknown"
    assert not method.can_recompute


def test_comparability_only_within_an_era():
    assert comparable(2022, 2024)
    assert not comparable(2021, 2022)
    assert not comparable(2024, 2025)
    assert comparable(2016, 2018)
    assert not comparable(2019, 2020)


def test_kabkota_loci_are_seven_units():
    loci = for_year(2023).loci_for("kabupaten")
    assert sum(locus.count for locus in loci) == 7
    assert {locus.key for locus in loci} >= {"dpmptsp", "disdukcapil", "puskesmas"}


def test_validation_rejects_broken_files():
    method = for_year(2023)
    unsorted = dataclasses.replace(method, grades=tuple(reversed(method.grades)))
    with pytest.raises(MethodologyError, match="descending"):
        _validate("x.toml", unsorted)
    heavy = dataclasses.replace(
        method,
        dimensions=(dataclasses.replace(method.dimensions[0], weight=50.0), *method.dimensions[1:]),
    )
    with pytest.raises(MethodologyError, match="sum to"):
        _validate("x.toml", heavy)


def test_eras_are_ordered_and_named_in_both_languages():
    methods = all_methodologies()
    assert [m.first_year for m in methods] == sorted(m.first_year for m in methods)
    assert all(m.name_id and m.name_en for m in methods)
