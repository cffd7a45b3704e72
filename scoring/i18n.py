"""Every user-facing text, Bahasa Indonesia first, English as a choice.

The table lives in `labels/*.toml` (one file per area: pages, charts, maps, the import's and the
checks' messages), each key holding `id` and `en`; both are required when the files load. The
pages, the exports and the command line all word their texts through `t`, so one finding or
import problem reads the same everywhere, in either language.

An unknown key raises `MissingLabel`: a gap is a bug that the tests (which open every page in
both languages) catch, never a raw key shown to a reader.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources

from scoring.choices import LANGUAGES, Lang


class MissingLabel(KeyError):
    """A label key that no file in `labels/` defines."""


def _flatten(tree: dict, prefix: str = "") -> dict[str, dict[str, str]]:
    """`[zone.hijau]` nests in TOML; a node holding an `id` text is a label."""
    if "id" in tree and isinstance(tree["id"], str):
        return {prefix: tree}
    flat: dict[str, dict[str, str]] = {}
    for name, child in tree.items():
        flat.update(_flatten(child, f"{prefix}.{name}" if prefix else name))
    return flat


@cache
def table() -> dict[str, dict[str, str]]:
    """Every label by key; a key defined twice or lacking a language is an error."""
    merged: dict[str, dict[str, str]] = {}
    folder = resources.files("scoring.labels")
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if not entry.name.endswith(".toml"):
            continue
        labels = _flatten(tomllib.loads(entry.read_text(encoding="utf-8")))
        for key, texts in labels.items():
            if key in merged:
                raise ValueError(f"label {key!r} is defined twice ({entry.name})")
            if set(texts) != set(LANGUAGES) or not all(isinstance(v, str) for v in texts.values()):
                raise ValueError(f"label {key!r} needs exactly 'id' and 'en' texts ({entry.name})")
            merged[key] = texts
    return merged


def t(key: str, lang: Lang = "id", **values: object) -> str:
    """The label for `key` in `lang`, with `{placeholders}` filled from `values`.

    >>> t("zone.hijau", "en")
    'Green'
    """
    texts = table().get(key)
    if texts is None:
        raise MissingLabel(key)
    text = texts[lang]
    return text.format(**values) if values else text


def bilingual(item: object, field: str, lang: Lang) -> str:
    """`item.<field>_id` or `item.<field>_en` (or the same keys of a mapping), by language.

    Methodology files carry both languages side by side (`name_id`, `name_en`); this is the one
    place that picks between them.

    >>> bilingual({"name_id": "Kota", "name_en": "City"}, "name", "en")
    'City'
    """
    attribute = f"{field}_{lang}"
    value = item.get(attribute) if isinstance(item, dict) else getattr(item, attribute)
    return "" if value is None else str(value)
