"""Who may see and change which checklist. Decided here once, from the account's role and its
assignment, and asked by every page before it reads a row — a link or URL naming another unit
gets the same answer as the page's own pickers.

- a unit account assigned to a unit: that unit only, answers and evidence;
- an account assigned to a government without a unit: its coordinator (Bagian Organisasi),
  every unit of that government, read-only, and the visit date; a verifier there also accepts
  or returns evidence;
- an admin: every government, everything;
- anyone else (no assignment, signed out): nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from scoring.accounts import Account
from scoring.selfassess.records import Member


@dataclass(frozen=True)
class Scope:
    pemda_code: str | None  # None: every government (admin)
    unit: str | None  # None: every unit of the government
    edit: bool  # answer, attach, note
    review: bool  # accept or return
    coordinate: bool  # the units × indicators view, exports, visit date

    def may_open(self, pemda_code: str, unit: str | None = None) -> bool:
        """Whether this scope covers a government (and one of its units)."""
        if self.pemda_code is not None and pemda_code != self.pemda_code:
            return False
        return self.unit is None or unit == self.unit


NOTHING = Scope("", "", edit=False, review=False, coordinate=False)


def scope_of(account: Account | None, member: Member | None) -> Scope:
    if account is None:
        return NOTHING
    if account.role == "admin":
        return Scope(None, None, edit=True, review=True, coordinate=True)
    if member is None:
        return NOTHING
    if member.unit is not None:
        if account.role != "unit":
            return NOTHING  # a unit's place is for its own staff only
        return Scope(member.pemda_code, member.unit, edit=True, review=False, coordinate=False)
    if account.role == "unit":
        return NOTHING  # a unit account with no unit yet sees nothing
    review = account.role == "verifier"
    return Scope(member.pemda_code, None, edit=False, review=review, coordinate=True)
