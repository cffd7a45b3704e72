"""The closed sets of values the whole project passes around, each named once.

Languages, government levels and level groups, datasets, map colourings and palettes: the URL
codec, the pages, the builders and the scoring library all take their types from here, so a new
value is added in one place.
"""

from __future__ import annotations

from typing import Literal

Lang = Literal["id", "en"]
LANGUAGES: tuple[Lang, ...] = ("id", "en")

# One assessed government's level, and the groups a ranking can be drawn over.
GovernmentLevel = Literal["provinsi", "kabupaten", "kota"]
GOVERNMENT_LEVELS: tuple[GovernmentLevel, ...] = ("provinsi", "kabupaten", "kota")
Level = Literal["kabkota", "kabupaten", "kota", "provinsi"]
LEVELS: tuple[Level, ...] = ("kabkota", "kabupaten", "kota", "provinsi")
LEVEL_GROUPS: dict[Level, tuple[GovernmentLevel, ...]] = {
    "provinsi": ("provinsi",),
    "kabupaten": ("kabupaten",),
    "kota": ("kota",),
    "kabkota": ("kabupaten", "kota"),
}
KABKOTA: tuple[GovernmentLevel, ...] = LEVEL_GROUPS["kabkota"]

Dataset = Literal["resmi", "contoh"]
DATASET_PUBLISHED: Dataset = "resmi"
DATASET_DEMO: Dataset = "contoh"
DATASETS: tuple[Dataset, ...] = (DATASET_PUBLISHED, DATASET_DEMO)

Palette = Literal["standard", "colorblind"]
PALETTES: tuple[Palette, ...] = ("standard", "colorblind")

ColorBy = Literal["zone", "category", "score"]
COLOR_BY: tuple[ColorBy, ...] = ("zone", "category", "score")
