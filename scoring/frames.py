"""Column contracts of the frames passed between modules: one place to read what a frame holds.

Every importer returns these columns (extra input columns are dropped), every computation takes
them, and the data-access module stores them. Names are English snake_case; values such as zone
keys and levels are the Indonesian domain words (`hijau`, `kabupaten`).
"""

from __future__ import annotations

# One published (or computed) result per government and year.
RESULT_COLUMNS = (
    "year",  # int
    "level",  # provinsi | kabupaten | kota
    "province",  # province as named in the source (old 34-province names up to 2024)
    "entity",  # government name as given, e.g. "Kabupaten Bone", "Provinsi Bali"
    "score",  # float 0-100 or missing (zone/category only)
    "zone",  # printed zone key (hijau|kuning|merah|hitam) or missing
    "category",  # category as printed (free text) or missing
    "source_url",
    "notes",
    "source_row",  # 1-based line of the input file (header is line 1), for messages
)

# Region codes added by scoring.regions.Gazetteer.resolve.
RESOLVED_COLUMNS = ("code", "province_code", "region_name", "match")

# One service unit (OPD, Puskesmas, RSUD) of a government in a year.
UNIT_COLUMNS = (
    "year",
    "province",
    "pemda",  # government name, as `entity` above
    "opd",  # unit name as given locally ("Dinas Sosial PMD")
    "unit_type",  # normalised locus key (dpmptsp, disdukcapil, ..., puskesmas, rsud, lainnya)
    "score",
    "zone",
    "category",
    "source_url",
    "notes",
    "source_row",
)

# One scored item (0-3) of an indicator for a unit's service product.
ITEM_COLUMNS = (
    "year",
    "province",
    "pemda",
    "opd",
    "unit_type",
    "product",  # 1 or 2: the observed service product
    "dimension",  # methodology dimension key (input, proses, output, pengaduan)
    "variable",  # methodology variable key
    "indicator",  # 1-based number within the variable
    "item_score",  # 0..3
    "source_row",
)
