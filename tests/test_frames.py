"""The declared frames: what `analyse` and the view builders return is checked against them."""

import fixtures
import pandera.pandas as pa
import pytest

from scoring import store
from scoring.choices import DATASET_DEMO, DATASET_PUBLISHED
from scoring.frames import CHECK_FRAMES_ENV, AnalysedResults, checked
from scoring.pipeline import analyse
from views import tables
from views.frames import RankingTable


@pytest.mark.parametrize("dataset", [DATASET_PUBLISHED, DATASET_DEMO])
def test_analysed_frames_from_the_store_meet_the_contract(fixture_engine, dataset):
    analysed = analyse(store.read(fixture_engine, "results", dataset))
    AnalysedResults.validate(analysed, lazy=True)
    assert str(analysed["display_name"].dtype).startswith("string")


def test_analysed_frames_from_memory_have_the_same_types(fixture_engine):
    """Rows straight from a file and rows read back from the database give the same frame."""
    direct = analyse(fixtures.results(DATASET_PUBLISHED))
    stored = analyse(store.read(fixture_engine, "results", DATASET_PUBLISHED))
    shared = [c for c in AnalysedResults.to_schema().columns if c != "source_row"]
    assert direct[shared].dtypes.to_dict() == stored[shared].dtypes.to_dict()


def test_a_frame_that_breaks_the_contract_is_caught(monkeypatch):
    frame = analyse(fixtures.results(DATASET_PUBLISHED))
    broken = frame.assign(zone=frame["zone"].where(frame.index != 0, "ungu"))
    monkeypatch.setenv(CHECK_FRAMES_ENV, "1")
    with pytest.raises(pa.errors.SchemaErrors, match="ungu"):
        checked(broken, AnalysedResults)
    monkeypatch.setenv(CHECK_FRAMES_ENV, "0")
    assert checked(broken, AnalysedResults) is broken  # unchecked, and never changed


def test_the_ranking_table_meets_its_contract():
    analysed = analyse(fixtures.results(DATASET_PUBLISHED))
    table = tables.ranking_table(
        analysed,
        year=2023,
        level="kabkota",
        province_code=fixtures.SULSEL,
        regions=fixtures.regions(),
        province_names=fixtures.province_names(),
    )
    RankingTable.validate(table, lazy=True)
    assert len(table) == 24
    assert table["rank"].head(6).tolist() == [1, 2, 2, 4, 5, 6]


def test_the_contract_names_every_column_the_views_read():
    columns = set(AnalysedResults.to_schema().columns)
    assert {"display_name", "rank_national_kabkota", "change", "zone_move"} <= columns
