"""Every label key the code asks for exists, in both languages, with the same placeholders.

`scoring.i18n.t` raises `MissingLabel` on an unknown key, so a gap would break a page at run
time. The source is read with `ast` (never imported), so a key on a rarely drawn branch is
checked as well as a common one:
- a literal key passed to `t(...)` or to any `<something>.t(...)` (`page.t`, `ctx.t`, `self.t`),
  both branches of `a if c else b` included;
- an f-string key (`f"level.{level}"`): some label starts with its literal prefix, and the
  families whose members are known (zones, levels, datasets, zone moves, loci, pages, map
  colourings, weights statuses, consistency checks) are complete;
- a string constant anywhere in that source shaped like a key of a label area (`"col.rank"` in a
  column table) names a label;
- a literal problem code, wherever a function's `code` parameter is given one, has its
  `problem.<code>` label.
"""

from __future__ import annotations

import ast
import csv
import re
import string
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fixtures import ROOT

from scoring import accounts, checks, diff, methodology, problems, store
from scoring.choices import COLOR_BY, DATASETS, GOVERNMENT_LEVELS, LEVELS
from scoring.i18n import table
from views import admin, awards, charts

SOURCE_DIRS = ("pages", "views", "scoring", "shell")
UNIT_TYPES = ROOT / "scoring" / "reference" / "unit_types.csv"
KEY_SHAPE = re.compile(r"^(?P<area>[a-z][a-z0-9_]*)\.[a-z0-9_.]+$")
# Strings shaped like keys that are not label keys (file names and the like).
NOT_KEYS = re.compile(r"\.(py|csv|toml|json|geojson|parquet|xlsx|html|png|svg|sqlite|txt)$")


def source_files() -> list[Path]:
    files = [ROOT / "app.py"]
    for folder in SOURCE_DIRS:
        files += sorted((ROOT / folder).rglob("*.py"))
    return [f for f in files if f.is_file()]


@dataclass(frozen=True)
class Use:
    """One place a label key is asked for: `key` is literal, or the literal prefix of an
    f-string when `prefix` is true."""

    path: str
    line: int
    key: str
    prefix: bool = False

    def __str__(self) -> str:
        kind = "prefix " if self.prefix else ""
        return f"{self.path}:{self.line}: {kind}{self.key!r}"


def _is_t_call(node: ast.Call) -> bool:
    func = node.func
    return (isinstance(func, ast.Name) and func.id == "t") or (
        isinstance(func, ast.Attribute) and func.attr == "t"
    )


def _keys_of(expr: ast.expr, path: str) -> Iterator[Use]:
    """The literal keys (or f-string prefixes) an argument expression can evaluate to."""
    if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
        yield Use(path, expr.lineno, expr.value)
    elif isinstance(expr, ast.JoinedStr):
        head = []
        for part in expr.values:
            if not (isinstance(part, ast.Constant) and isinstance(part.value, str)):
                break
            head.append(part.value)
        yield Use(path, expr.lineno, "".join(head), prefix=True)
    elif isinstance(expr, ast.IfExp):
        yield from _keys_of(expr.body, path)
        yield from _keys_of(expr.orelse, path)


def _parse(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _relative(path: Path) -> str:
    return str(path.relative_to(ROOT))


def t_calls() -> list[Use]:
    uses = []
    for path in source_files():
        for node in ast.walk(_parse(path)):
            if isinstance(node, ast.Call) and _is_t_call(node) and node.args:
                uses += _keys_of(node.args[0], _relative(path))
    return uses


def _not_whole_strings(tree: ast.Module) -> set[int]:
    """ids of constants that are not whole strings of code: docstrings (prose) and the literal
    parts of f-strings (checked as prefixes)."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            found |= {id(part) for part in node.values}
        elif isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def key_shaped_constants(areas: set[str]) -> list[Use]:
    """String constants shaped like a key of a known label area, e.g. "col.rank"."""
    uses = []
    for path in source_files():
        tree = _parse(path)
        skipped = _not_whole_strings(tree)
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
                continue
            match = KEY_SHAPE.match(node.value)
            if (
                match
                and match["area"] in areas
                and id(node) not in skipped
                and not NOT_KEYS.search(node.value)
            ):
                uses.append(Use(_relative(path), node.lineno, node.value))
    return uses


def _code_positions(tree: ast.Module) -> dict[str, int | None]:
    """Functions and dataclasses taking a `code`: name → positional index of `code`."""
    positions: dict[str, int | None] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            names = [a.arg for a in node.args.posonlyargs + node.args.args]
            if names[:1] in (["self"], ["cls"]):
                names = names[1:]
            kwonly = [a.arg for a in node.args.kwonlyargs]
            if "code" in names:
                positions[node.name] = names.index("code")
            elif "code" in kwonly:
                positions[node.name] = None
        elif isinstance(node, ast.ClassDef):
            fields = [
                s.target.id
                for s in node.body
                if isinstance(s, ast.AnnAssign) and isinstance(s.target, ast.Name)
            ]
            if "code" in fields:
                positions[node.name] = fields.index("code")
    return positions


def problem_codes() -> list[Use]:
    """Literal problem codes given to any function (or dataclass) of scoring/ taking `code`."""
    trees = {path: _parse(path) for path in sorted((ROOT / "scoring").rglob("*.py"))}
    positions: dict[str, int | None] = {}
    for tree in trees.values():
        positions |= _code_positions(tree)
    uses = []
    for path, tree in trees.items():
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            if name not in positions:
                continue
            index = positions[name]
            given = [k.value for k in node.keywords if k.arg == "code"]
            if index is not None and len(node.args) > index:
                given.append(node.args[index])
            for expr in given:
                uses += [
                    Use(u.path, u.line, f"problem.{u.key}")
                    for u in _keys_of(expr, _relative(path))
                    if not u.prefix
                ]
    return uses


# --- the families whose members are known -------------------------------------------------------


def unit_types() -> set[str]:
    with UNIT_TYPES.open(encoding="utf-8") as f:
        return {row["unit_type"] for row in csv.DictReader(f)}


def page_keys() -> set[str]:
    return {p.stem for p in (ROOT / "pages").glob("*.py") if not p.name.startswith("_")}


def families() -> dict[str, set[str]]:
    """Key prefix → every member the code can ask for."""
    loci = {lc.key for m in methodology.all_methodologies() for lc in m.loci}
    return {
        "zone.": {*methodology.zones(), "none"},
        "level.": set(LEVELS),
        "profil.level_one.": set(GOVERNMENT_LEVELS),
        "dataset.": set(DATASETS),
        "move.": {"naik", "turun", "tetap"},
        "locus.": unit_types() | loci | {"lainnya"},
        "page.": page_keys(),
        "peta.by_": set(COLOR_BY),
        "peta.title_": set(COLOR_BY),
        "metodologi.weights_": set(typing.get_args(methodology.WeightsStatus)),
        "check.": set(typing.get_args(checks.Check)),
        "check_detail.": set(typing.get_args(checks.Check)),
        "chart.ranking_cutoffs_": {"category", "zone"},  # with or without categories
        "col.": set(charts.TOOLTIP_EXTRAS),
        "store.": set(typing.get_args(store.StoreFault)),
        "role.": set(accounts.ROLES),
        "account.": set(typing.get_args(accounts.AccountFault)),
        "admin.col.": set(admin.LABELLED_COLUMNS),
        "admin.diff.": set(admin.DIFF_PARTS),
        "admin.field.": set(admin.FIELDS),
        "admin.kind.": set(admin.KINDS),
        "admin.ranking.": set(diff.RANKINGS),
        "admin.severity.": set(typing.get_args(problems.Severity)),
        "award.": set(awards.AWARD_KEYS),
        "award_about.": set(awards.AWARD_KEYS) - {"category_a", "category_b"},  # bands instead
    }


FAMILY_KEYS = sorted(f"{prefix}{member}" for prefix, ms in families().items() for member in ms)


# --- the tests ----------------------------------------------------------------------------------


def test_the_scan_finds_the_calls_it_is_meant_to_find():
    # Guards the scanner itself: a scan that finds nothing would pass every other test.
    uses = t_calls()
    literal = {u.key for u in uses if not u.prefix}
    prefixes = {u.key for u in uses if u.prefix}
    assert {"zone.none", "col.score", "ui.no_previous"} <= literal
    assert {"level.", "page.", "locus."} <= prefixes
    assert len(literal) > 100
    assert {u.path.split("/")[0] for u in uses} >= {"pages", "views", "scoring"}


def test_every_literal_key_exists():
    labels = table()
    missing = [str(u) for u in t_calls() if not u.prefix and u.key not in labels]
    assert missing == [], "label keys used in code but not defined:\n" + "\n".join(missing)


def test_every_f_string_key_has_labels_under_its_prefix():
    labels = table()
    uses = [u for u in t_calls() if u.prefix]
    unprefixed = [str(u) for u in uses if not u.key]
    assert unprefixed == [], "f-string keys without a literal prefix cannot be checked"
    missing = [str(u) for u in uses if not any(k.startswith(u.key) for k in labels)]
    assert missing == [], "no label starts with:\n" + "\n".join(missing)


def test_every_f_string_prefix_in_a_known_family_is_checked_completely():
    # A new f-string family must be listed in `families()`, unless its members come from data
    # like the problem codes (checked by test_every_literal_problem_code_has_a_message).
    open_families = {"problem."}
    known = set(families()) | open_families
    unlisted = sorted({u.key for u in t_calls() if u.prefix} - known)
    assert unlisted == [], f"add these f-string families to families(): {unlisted}"


@pytest.mark.parametrize("key", FAMILY_KEYS)
def test_every_member_of_a_known_family_has_a_label(key):
    assert key in table()


def test_key_shaped_constants_name_labels():
    labels = table()
    areas = {key.split(".")[0] for key in labels}
    uses = key_shaped_constants(areas)
    assert any(u.key == "col.rank" for u in uses)  # views/tables.py's RANK_COLUMNS
    missing = [str(u) for u in uses if u.key not in labels]
    assert missing == [], "strings shaped like label keys, but no such label:\n" + "\n".join(
        missing
    )


def test_every_literal_problem_code_has_a_message():
    labels = table()
    uses = problem_codes()
    assert len(uses) > 3  # the scan found the import's problem codes
    missing = [str(u) for u in uses if u.key not in labels]
    assert missing == [], "problem codes without a message:\n" + "\n".join(missing)


def test_every_label_has_both_languages():
    empty = [
        f"{key} ({lang})"
        for key, texts in table().items()
        for lang in ("id", "en")
        if not texts.get(lang, "").strip()
    ]
    assert empty == []


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_placeholders_are_the_same_in_both_languages():
    differ = {
        key: (sorted(placeholders(texts["id"])), sorted(placeholders(texts["en"])))
        for key, texts in table().items()
        if placeholders(texts["id"]) != placeholders(texts["en"])
    }
    assert differ == {}


def test_the_placeholder_reader_sees_names_and_ignores_escaped_braces():
    assert placeholders("Peringkat {level} {year}") == {"level", "year"}
    assert placeholders("{{literal}} and {x:.2f}") == {"x"}
