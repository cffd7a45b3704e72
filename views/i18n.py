"""All user-facing labels, Bahasa Indonesia first, English as a choice.

The table lives in `labels/*.toml` (one file per area of the app, merged at load), each key
holding `id` and `en`. A missing translation falls back to Indonesian, a missing key shows the
key itself so that a gap is visible rather than fatal.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Literal

Lang = Literal["id", "en"]
LANGUAGES: tuple[Lang, ...] = ("id", "en")


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
    merged: dict[str, dict[str, str]] = {}
    folder = resources.files("views.labels")
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if not entry.name.endswith(".toml"):
            continue
        labels = _flatten(tomllib.loads(entry.read_text(encoding="utf-8")))
        for key, texts in labels.items():
            if key in merged:
                raise ValueError(f"label {key!r} is defined twice ({entry.name})")
            merged[key] = texts
    return merged


def t(key: str, lang: Lang = "id", **values: object) -> str:
    """The label for `key` in `lang`, with `{placeholders}` filled from `values`."""
    texts = table().get(key)
    if texts is None:
        return key
    text = texts.get(lang) or texts["id"]
    return text.format(**values) if values else text
