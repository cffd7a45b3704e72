"""Every indicator of every era that scores indicators has its wording in both languages, and the
wording says where it comes from (a paraphrase of a named legal source, or an official text)."""

import dataclasses

import pytest

from scoring.methodology import MethodologyError, all_methodologies, for_year, indicator_texts

ERAS_WITH_INDICATORS = [m for m in all_methodologies() if any(d.variables for d in m.dimensions)]


def test_some_era_scores_indicators():
    assert [m.key for m in ERAS_WITH_INDICATORS] == ["2022-2024"]


@pytest.mark.parametrize("method", ERAS_WITH_INDICATORS, ids=lambda m: m.key)
def test_every_indicator_has_wording_in_both_languages(method):
    texts = indicator_texts(method)
    for dimension in method.dimensions:
        for variable in dimension.variables:
            for number in range(1, variable.indicators + 1):
                text = texts[(variable.key, number)]
                assert text.text_id.strip() and text.text_en.strip(), (variable.key, number)
                assert text.text_id != text.text_en or text.text_id.isupper()
                assert text.basis_id.strip() and text.basis_en.strip()
    assert len(texts) == sum(v.indicators for d in method.dimensions for v in d.variables)


def test_wordings_are_distinct_within_a_variable():
    texts = indicator_texts(for_year(2023))
    for variable in {key for key, _ in texts}:
        words = [t.text_id for (v, _), t in texts.items() if v == variable]
        assert len(set(words)) == len(words), variable


def test_unpublished_wording_is_marked_a_paraphrase_of_the_law():
    texts = indicator_texts(for_year(2023)).values()
    assert all(t.paraphrase for t in texts)  # Ombudsman's item list is not published
    bases = {t.variable: t.basis_id for t in texts}
    assert "UU 25/2009 Pasal 21" in bases["standar_pelayanan"]
    assert "Perpres 76/2013" in bases["pengelolaan_pengaduan"]
    complaints = indicator_texts(for_year(2023))[("pengelolaan_pengaduan", 1)]
    assert "SK" in complaints.text_id


def test_an_era_without_a_wording_file_has_none():
    assert indicator_texts(for_year(2021)) == {}


def test_a_wording_file_that_misses_an_indicator_is_refused():
    method = for_year(2023)
    first = method.dimensions[0]
    grown = dataclasses.replace(
        first,
        variables=(dataclasses.replace(first.variables[0], indicators=7), *first.variables[1:]),
    )
    changed = dataclasses.replace(method, dimensions=(grown, *method.dimensions[1:]))
    with pytest.raises(MethodologyError, match="kompetensi_pelaksana"):
        indicator_texts(changed)
