"""What the tests share: project paths and the small hand-made fixture dataset.

Test modules import from here, never from one another or from conftest.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PUBLISHED = ROOT / "data" / "published"
SHARED = ROOT.parent / "shared"
