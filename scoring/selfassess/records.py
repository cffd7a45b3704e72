"""Where the self-assessment lives in the database: who belongs to which government and unit,
each unit's answers with their evidence and review, every change as history, the visit dates.

Kept in tables of their own, apart from the figure tables, so a self-estimate can never be read
as a published or demo result. Every write records who made it and when, and adds one history
row in the same transaction; nothing is deleted (an answer is changed, the history keeps what
it was).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Literal

import pandas as pd
import sqlalchemy as sa

from scoring.store import faults, metadata

Review = Literal["accepted", "returned"]
REVIEWS: tuple[Review, ...] = ("accepted", "returned")
Action = Literal["answer", "note", "file", "link", "accepted", "returned"]
NOTE_MAX = 2000

members_table = sa.Table(
    "selfassess_members",
    metadata,
    sa.Column("name", sa.Text, primary_key=True),  # the account's name
    sa.Column("pemda_code", sa.Text, nullable=False),
    sa.Column("unit", sa.Text),  # NULL: the government's coordinator (Bagian Organisasi)
    sa.Column("assigned_by", sa.Text, nullable=False),
    sa.Column("assigned_at", sa.Text, nullable=False),
)

_PLACE = ("pemda_code", "year", "unit", "variable", "indicator")


def _place_columns() -> list[sa.Column]:
    return [
        sa.Column("pemda_code", sa.Text, nullable=False),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("unit", sa.Text, nullable=False),
        sa.Column("variable", sa.Text, nullable=False),
        sa.Column("indicator", sa.Integer, nullable=False),
    ]


answers_table = sa.Table(
    "selfassess_answers",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    *_place_columns(),
    sa.Column("score", sa.Integer),  # 0-3; NULL until answered
    sa.Column("note", sa.Text),
    sa.Column("link", sa.Text),  # http(s) only
    sa.Column("file_name", sa.Text),  # sanitised
    sa.Column("file_sha256", sa.Text),
    sa.Column("file_size", sa.Integer),
    sa.Column("file_type", sa.Text),
    sa.Column("review", sa.Text),  # accepted / returned; NULL: not reviewed since the change
    sa.Column("review_comment", sa.Text),
    sa.Column("reviewed_by", sa.Text),
    sa.Column("reviewed_at", sa.Text),
    sa.Column("changed_by", sa.Text, nullable=False),
    sa.Column("changed_at", sa.Text, nullable=False),
    sa.UniqueConstraint(*_PLACE, name="uq_selfassess_answers_place"),
)

history_table = sa.Table(
    "selfassess_history",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    *_place_columns(),
    sa.Column("action", sa.Text, nullable=False),
    sa.Column("detail", sa.Text),
    sa.Column("by", sa.Text, nullable=False),
    sa.Column("at", sa.Text, nullable=False),
    sa.Index("ix_selfassess_history_unit", "pemda_code", "year", "unit"),
)

visits_table = sa.Table(
    "selfassess_visits",
    metadata,
    sa.Column("pemda_code", sa.Text, primary_key=True),
    sa.Column("year", sa.Integer, primary_key=True),
    sa.Column("visit_date", sa.Text, nullable=False),  # ISO date
    sa.Column("set_by", sa.Text, nullable=False),
    sa.Column("set_at", sa.Text, nullable=False),
)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class Member:
    """An account's place: a government, and a unit for a unit's own staff."""

    name: str
    pemda_code: str
    unit: str | None


@dataclass(frozen=True)
class Place:
    """One indicator of one unit of one government and year."""

    pemda_code: str
    year: int
    unit: str
    variable: str
    indicator: int

    def where(self, table: sa.Table) -> sa.ColumnElement[bool]:
        return sa.and_(*(table.c[k] == getattr(self, k) for k in _PLACE))


def assign(eng: sa.Engine, name: str, pemda_code: str, unit: str | None, *, by: str) -> None:
    """Give an account its government (and unit); a new assignment replaces the old one."""
    values = {"pemda_code": pemda_code, "unit": unit or None, "assigned_by": by}
    with faults(eng), eng.begin() as conn:
        conn.execute(sa.delete(members_table).where(members_table.c.name == name))
        conn.execute(sa.insert(members_table).values(name=name, assigned_at=_now(), **values))


def member(eng: sa.Engine, name: str) -> Member | None:
    with faults(eng), eng.connect() as conn:
        row = conn.execute(sa.select(members_table).where(members_table.c.name == name)).first()
    return None if row is None else Member(row.name, row.pemda_code, row.unit)


def _frame(eng: sa.Engine, query: sa.Select) -> pd.DataFrame:
    """The query's rows as a frame; a fault is a StoreError (pandas would rewrap it)."""
    with faults(eng), eng.connect() as conn:
        result = conn.execute(query)
        return pd.DataFrame(result.fetchall(), columns=list(result.keys()))


def members(eng: sa.Engine) -> pd.DataFrame:
    return _frame(eng, sa.select(members_table).order_by(members_table.c.name))


def answers(eng: sa.Engine, pemda_code: str, year: int, unit: str | None = None) -> pd.DataFrame:
    """The stored answers of a government and year (one unit's, when given)."""
    query = sa.select(answers_table).where(
        answers_table.c.pemda_code == pemda_code, answers_table.c.year == year
    )
    if unit is not None:
        query = query.where(answers_table.c.unit == unit)
    return _frame(eng, query.order_by(answers_table.c.id))


def history(eng: sa.Engine, pemda_code: str, year: int, unit: str) -> pd.DataFrame:
    """Every change to a unit's checklist, newest first."""
    table = history_table
    query = (
        sa.select(table)
        .where(table.c.pemda_code == pemda_code, table.c.year == year, table.c.unit == unit)
        .order_by(table.c.id.desc())
    )
    return _frame(eng, query)


def _write(
    eng: sa.Engine, place: Place, values: dict[str, object], action: Action, detail: str, by: str
) -> None:
    """Change one answer (made on first use) and log it, in one transaction."""
    now = _now()
    with faults(eng), eng.begin() as conn:
        found = conn.execute(sa.select(answers_table.c.id).where(place.where(answers_table)))
        if found.first() is None:
            try:
                with conn.begin_nested():  # another session may make the row first
                    conn.execute(
                        sa.insert(answers_table).values(
                            **{k: getattr(place, k) for k in _PLACE}, changed_by=by, changed_at=now
                        )
                    )
            except sa.exc.IntegrityError:
                pass
        conn.execute(
            sa.update(answers_table)
            .where(place.where(answers_table))
            .values(**values, changed_by=by, changed_at=now)
        )
        conn.execute(
            sa.insert(history_table).values(
                **{k: getattr(place, k) for k in _PLACE},
                action=action,
                detail=detail,
                by=by,
                at=now,
            )
        )


# A unit's change clears the review: the verifier looks again at what changed.
_UNREVIEWED = {"review": None, "review_comment": None, "reviewed_by": None, "reviewed_at": None}


def set_score(eng: sa.Engine, place: Place, score: int | None, *, by: str) -> None:
    if score is not None and score not in (0, 1, 2, 3):
        raise ValueError(f"an answer is 0, 1, 2 or 3, not {score!r}")
    detail = "" if score is None else str(score)
    _write(eng, place, {"score": score, **_UNREVIEWED}, "answer", detail, by)


def _checked_text(text: str) -> str:
    """Text kept whole or refused: never cut to fit."""
    cleaned = text.strip()
    if len(cleaned) > NOTE_MAX:
        raise ValueError(f"at most {NOTE_MAX} characters, not {len(cleaned)}")
    return cleaned


def set_note(eng: sa.Engine, place: Place, note: str, *, by: str) -> None:
    text = _checked_text(note) or None
    _write(eng, place, {"note": text, **_UNREVIEWED}, "note", text or "", by)


def set_link(eng: sa.Engine, place: Place, link: str | None, *, by: str) -> None:
    """`link` must already be checked (`evidence.checked_link`)."""
    _write(eng, place, {"link": link, **_UNREVIEWED}, "link", link or "", by)


def set_file(
    eng: sa.Engine, place: Place, name: str, sha256: str, size: int, kind: str, *, by: str
) -> None:
    """Record a stored file (`evidence.store_file` wrote it) as the indicator's evidence."""
    values = {"file_name": name, "file_sha256": sha256, "file_size": size, "file_type": kind}
    _write(eng, place, {**values, **_UNREVIEWED}, "file", f"{name} ({sha256[:12]})", by)


def review(eng: sa.Engine, place: Place, verdict: Review, comment: str, *, by: str) -> None:
    """A verifier accepts or returns the indicator's evidence, with a comment."""
    if verdict not in REVIEWS:
        raise ValueError(f"a review is accepted or returned, not {verdict!r}")
    text = _checked_text(comment)
    values = {"review": verdict, "review_comment": text or None, "reviewed_by": by}
    _write(eng, place, {**values, "reviewed_at": _now()}, verdict, text, by)


def set_visit(eng: sa.Engine, pemda_code: str, year: int, day: date, *, by: str) -> None:
    with faults(eng), eng.begin() as conn:
        where = sa.and_(visits_table.c.pemda_code == pemda_code, visits_table.c.year == year)
        conn.execute(sa.delete(visits_table).where(where))
        conn.execute(
            sa.insert(visits_table).values(
                pemda_code=pemda_code,
                year=year,
                visit_date=day.isoformat(),
                set_by=by,
                set_at=_now(),
            )
        )


def visit(eng: sa.Engine, pemda_code: str, year: int) -> date | None:
    query = sa.select(visits_table.c.visit_date).where(
        visits_table.c.pemda_code == pemda_code, visits_table.c.year == year
    )
    with faults(eng), eng.connect() as conn:
        found = conn.execute(query).scalar()
    return None if found is None else date.fromisoformat(found)
