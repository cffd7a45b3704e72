"""Column mappings are remembered per organisation and kind of file, matched loosely."""

import pytest
import sqlalchemy as sa

from scoring import mappings, store


@pytest.fixture
def engine(engine_any):
    """A new database with the schema, on SQLite and then on PostgreSQL."""
    store.create_schema(engine_any)
    return engine_any


def test_a_mapping_is_kept_per_organisation_and_kind(engine):
    mappings.remember(engine, "Biro Org Sulsel", "results", {"Skor Akhir": "score"}, user="budi")
    assert mappings.remembered(engine, "Biro Org Sulsel", "results") == {"skor akhir": "score"}
    assert mappings.remembered(engine, "Biro Org Babel", "results") == {}
    assert mappings.remembered(engine, "Biro Org Sulsel", "units") == {}


def test_a_later_answer_replaces_the_earlier_one_and_others_stay(engine):
    mappings.remember(engine, None, "units", {"Skor": "score", "Instansi": "opd"}, user="a")
    mappings.remember(engine, None, "units", {"  SKOR ": "zone"}, user="b")
    assert mappings.remembered(engine, "", "units") == {"skor": "zone", "instansi": "opd"}


def test_overrides_name_the_headers_as_the_file_writes_them(engine):
    mappings.remember(engine, "X", "results", {"Nilai  Akhir": "score"}, user="a")
    known = mappings.remembered(engine, "X", "results")
    headers = ["Tahun", "NILAI AKHIR", "Nama"]
    assert mappings.overrides_for(headers, known) == {"NILAI AKHIR": "score"}


def test_two_spellings_of_one_header_in_one_answer_keep_one_row(engine):
    mappings.remember(engine, "X", "results", {"Skor": "score", "skor": "score"}, user="a")
    assert mappings.remembered(engine, "X", "results") == {"skor": "score"}


def test_nothing_remembered_on_a_database_without_the_table(tmp_path):
    bare = sa.create_engine(f"sqlite:///{tmp_path / 'bare.sqlite'}")
    assert mappings.remembered(bare, "X", "results") == {}
