"""Shared fixtures: the bundled published data, analysed once per test session."""

from pathlib import Path

import pandas as pd
import pytest

from scoring.importing import load
from scoring.pipeline import analyse, resolve
from scoring.regions import load_gazetteer

ROOT = Path(__file__).resolve().parent.parent
PUBLISHED = ROOT / "data" / "published"


@pytest.fixture(scope="session")
def gazetteer():
    return load_gazetteer()


@pytest.fixture(scope="session")
def published(gazetteer) -> pd.DataFrame:
    """Every published result, resolved, graded, ranked."""
    return analyse(resolve(load(PUBLISHED / "published-results.csv").frame, gazetteer))


@pytest.fixture(scope="session")
def published_units() -> pd.DataFrame:
    return load(PUBLISHED / "published-results-opd.csv").frame
