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
from pg_server import PostgresUnavailable, fresh_database, running_server

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


# --- both database backends --------------------------------------------------------------------

SKIP_POSTGRES_ENV = "KEPATUHAN_SKIP_POSTGRES"


@pytest.fixture(scope="session")
def postgres_server():
    """A throwaway PostgreSQL server for this test process (each xdist worker starts its own),
    stopped at the end of the session. If it cannot start, the tests that need it fail with the
    reason; they skip only when KEPATUHAN_SKIP_POSTGRES=1 asks for it."""
    if os.environ.get(SKIP_POSTGRES_ENV) == "1":
        pytest.skip(f"{SKIP_POSTGRES_ENV}=1: the PostgreSQL runs are skipped on request")
    try:
        with running_server() as server:
            yield server
    except PostgresUnavailable as error:
        pytest.fail(f"PostgreSQL test server: {error} (or set {SKIP_POSTGRES_ENV}=1)", False)


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path):
    """The URL of a new, empty database (no schema) on each backend in turn."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.sqlite'}"
        return
    with fresh_database(request.getfixturevalue("postgres_server")) as url:
        yield url


@pytest.fixture
def engine_any(database_url) -> sa.Engine:
    """An engine on `database_url`'s empty database (SQLite, then PostgreSQL)."""
    engine = sa.create_engine(database_url)
    yield engine
    engine.dispose()
