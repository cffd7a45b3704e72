"""Problems found in an imported file, reported all together so a file can be fixed in one pass.

A problem names the file, the line (CSV: header is line 1; XLSX: the sheet's row number), the
column as headed in the file and the offending text, with a code and its parameters rather than
a sentence: the wording is in `labels/messages.toml` (`problem.<code>`), so the command line
reports in Bahasa Indonesia and a page can report in its own language. Errors stop an import;
warnings travel with the loaded data.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal

from scoring.choices import Lang
from scoring.i18n import t

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    file: str
    row: int | None
    column: str | None
    value: str | None
    code: str  # a `problem.<code>` label
    params: Mapping[str, object] = field(default_factory=dict, hash=False)
    severity: Severity = "error"
    suggestions: tuple[str, ...] = ()  # the closest official names, for an unplaced name

    def message(self, lang: Lang = "id") -> str:
        """What is wrong, worded in `lang` ('bukan angka')."""
        return t(f"problem.{self.code}", lang, **self.params)

    def line(self, lang: Lang = "id") -> str:
        """'peringatan: a.csv:3 kolom 'zone' nilai 'biru': …' — where, what and why."""
        parts = [self.file if self.row is None else f"{self.file}:{self.row}"]
        if self.column is not None:
            parts.append(t("report.column", lang, column=self.column))
        if self.value is not None:
            parts.append(t("report.value", lang, value=self.value))
        text = f"{' '.join(parts)}: {self.message(lang)}"
        return t("report.warning", lang, line=text) if self.severity == "warning" else text

    def __str__(self) -> str:
        return self.line("id")


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


def count_line(problems: Iterable[Problem], lang: Lang = "id") -> str:
    """'2 kesalahan, 1 peringatan' — the closing line of a report."""
    severities = [p.severity for p in problems]
    return t(
        "report.count",
        lang,
        errors=severities.count("error"),
        warnings=severities.count("warning"),
    )


def format_report(problems: Iterable[Problem], lang: Lang = "id") -> str:
    """One line per problem, errors first, then a count line."""
    ordered = _ordered(problems)
    return "\n".join([*(p.line(lang) for p in ordered), count_line(ordered, lang)])
