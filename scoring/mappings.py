"""Column mappings an organisation chose for headers the importer does not know.

When a file heads a column in its own way ("Skor Akhir OPD"), the admin import page asks
which canonical column it is; the answer is kept per organisation and kind of file, so the
next file from the same office maps itself. Headers are matched case- and space-insensitively.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, datetime

import sqlalchemy as sa

from scoring.store import metadata

column_mappings_table = sa.Table(
    "column_mappings",
    metadata,
    sa.Column("organisation", sa.Text, primary_key=True),  # "" for accounts without one
    sa.Column("kind", sa.Text, primary_key=True),
    sa.Column("header", sa.Text, primary_key=True),  # normalised: see `header_key`
    sa.Column("column", sa.Text, nullable=False),
    sa.Column("user", sa.Text, nullable=False),
    sa.Column("updated_at", sa.Text, nullable=False),
)


def header_key(header: str) -> str:
    """How headers are compared: case-folded, inner spaces collapsed.

    >>> header_key("  Skor   Akhir OPD ")
    'skor akhir opd'
    """
    return " ".join(header.split()).casefold()


def remembered(eng: sa.Engine, organisation: str | None, kind: str) -> dict[str, str]:
    """The organisation's mapping for a kind of file: normalised header → canonical column."""
    if not sa.inspect(eng).has_table(column_mappings_table.name):
        return {}
    table = column_mappings_table
    query = sa.select(table.c.header, table.c.column).where(
        table.c.organisation == (organisation or ""), table.c.kind == kind
    )
    with eng.connect() as conn:
        return {header: column for header, column in conn.execute(query).all()}


def overrides_for(headers: Iterable[str], known: Mapping[str, str]) -> dict[str, str]:
    """The `header_overrides` for a file: each of its headers that `known` maps, as written.

    >>> overrides_for(["Skor  akhir", "Tahun"], {"skor akhir": "score"})
    {'Skor  akhir': 'score'}
    """
    return {h: known[header_key(h)] for h in headers if header_key(h) in known}


def remember(
    eng: sa.Engine,
    organisation: str | None,
    kind: str,
    mapping: Mapping[str, str],
    *,
    user: str,
) -> None:
    """Keep (or update) the organisation's answers for these headers, in one transaction."""
    table = column_mappings_table
    org = organisation or ""
    stamp = datetime.now(UTC).isoformat(timespec="seconds")
    chosen = {header_key(h): column for h, column in mapping.items()}
    with eng.begin() as conn:
        conn.execute(
            sa.delete(table).where(
                table.c.organisation == org, table.c.kind == kind, table.c.header.in_(list(chosen))
            )
        )
        if chosen:
            rows = [
                {
                    "organisation": org,
                    "kind": kind,
                    "header": key,
                    "column": column,
                    "user": user,
                    "updated_at": stamp,
                }
                for key, column in chosen.items()
            ]
            conn.execute(sa.insert(table), rows)
