"""Problems found in an imported file, reported all together so a file can be fixed in one pass.

A problem names the file, the line (CSV: header is line 1; XLSX: the sheet's row number), the
column as headed in the file and the offending text, with a short reason in Bahasa Indonesia.
Errors stop an import; warnings travel with the loaded data.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Literal

import pandas as pd

Severity = Literal["error", "warning"]
PROBLEM_COLUMNS = ("severity", "file", "row", "column", "value", "reason")


@dataclass(frozen=True)
class Problem:
    file: str
    row: int | None
    column: str | None
    value: str | None
    reason: str
    severity: Severity = "error"

    def __str__(self) -> str:
        where = self.file if self.row is None else f"{self.file}:{self.row}"
        column = "" if self.column is None else f" kolom '{self.column}'"
        value = "" if self.value is None else f" nilai '{self.value}'"
        prefix = "peringatan: " if self.severity == "warning" else ""
        return f"{prefix}{where}{column}{value}: {self.reason}"


def _ordered(problems: Iterable[Problem]) -> list[Problem]:
    """Errors before warnings; otherwise file order (file-level problems first)."""
    return sorted(
        problems, key=lambda p: (p.severity != "error", p.file, -1 if p.row is None else p.row)
    )


class ImportFailed(Exception):
    """A file had at least one error; `problems` holds every error and warning found."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(_ordered(problems))
        super().__init__(format_report(self.problems))


def count_line(problems: Iterable[Problem]) -> str:
    """'2 kesalahan, 1 peringatan' — the closing line of a report."""
    severities = [p.severity for p in problems]
    return f"{severities.count('error')} kesalahan, {severities.count('warning')} peringatan"


def format_report(problems: Iterable[Problem]) -> str:
    """One line per problem, errors first, then a count line."""
    ordered = _ordered(problems)
    return "\n".join([*(str(p) for p in ordered), count_line(ordered)])


def problems_frame(problems: Iterable[Problem]) -> pd.DataFrame:
    """The problems as a table for display, errors first; `row` is a nullable integer."""
    rows = [asdict(p) for p in _ordered(problems)]
    frame = pd.DataFrame(rows, columns=list(PROBLEM_COLUMNS))
    return frame.astype({c: "string" for c in PROBLEM_COLUMNS if c != "row"}).astype(
        {"row": "Int64"}
    )
