"""Shared pytest fixtures: the bundled published data (analysed once per session), the gazetteer,
and the hand-made fixture dataset in a database.

Paths and the fixture dataset itself live in `fixtures.py`. Fixtures that need the shared geo
folder skip, with the folder in the reason, when it is absent. Every analysed frame is checked
against its declared schema during the tests (`KEPATUHAN_CHECK_FRAMES`), in this process and in
the servers the browser tests start.
"""

import os

import pandas as pd
import pytest
import sqlalchemy as sa
from fixtures import PUBLISHED, build_fixture_database, skip_without_geo

from scoring.frames import CHECK_FRAMES_ENV
from scoring.importing import load
from scoring.pipeline import analyse, resolve
from scoring.regions import load_gazetteer

os.environ.setdefault(CHECK_FRAMES_ENV, "1")


@pytest.fixture(scope="session")
def gazetteer():
    skip_without_geo()
    return load_gazetteer()


@pytest.fixture(scope="session")
def published(gazetteer) -> pd.DataFrame:
    """Every published result, resolved, graded, ranked."""
    return analyse(resolve(load(PUBLISHED / "published-results.csv").frame, gazetteer))


@pytest.fixture(scope="session")
def published_units() -> pd.DataFrame:
    return load(PUBLISHED / "published-results-opd.csv").frame


@pytest.fixture
def fixture_engine(tmp_path) -> sa.Engine:
    """A fresh SQLite database holding the fixture dataset as "resmi" and "contoh"."""
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'fixture.sqlite'}")
    build_fixture_database(engine)
    yield engine
    engine.dispose()
