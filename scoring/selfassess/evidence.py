"""Evidence files and links: checked before anything is kept, stored where nothing serves them.

A file is accepted only with an allowed extension whose content starts the way that type does
(a renamed executable is refused), up to `MAX_BYTES`. It is kept under its SHA-256 in
`evidence_dir()` (`var/evidence`, or `KEPATUHAN_EVIDENCE_DIR`) — outside the app's static
folder, so no URL reaches it; the pages hand it out only as a download to a signed-in member.
The name shown is sanitised; a link must be http(s) with a host.
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath
from urllib.parse import urlsplit

from scoring.store import PROJECT_ROOT

EVIDENCE_DIR_ENV = "KEPATUHAN_EVIDENCE_DIR"
MAX_BYTES = 10 * 1024 * 1024
MAX_LINK = 2000
NAME_MAX = 100
# extension → (MIME type, how the content begins)
ALLOWED: dict[str, tuple[str, tuple[bytes, ...]]] = {
    "pdf": ("application/pdf", (b"%PDF-",)),
    "png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    "jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        (b"PK\x03\x04",),
    ),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (b"PK\x03\x04",)),
}
_UNSAFE = re.compile(r"[^A-Za-z0-9._ -]+")


class EvidenceRefused(ValueError):
    """A file or link that is not kept; `code` names why (label `selfassess.refused.<code>`)."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


@dataclass(frozen=True)
class StoredFile:
    name: str  # sanitised
    sha256: str
    size: int
    mime: str


def evidence_dir() -> Path:
    return Path(os.environ.get(EVIDENCE_DIR_ENV) or PROJECT_ROOT / "var" / "evidence")


def safe_name(name: str) -> str:
    """The file's own name without any folder, in plain characters, never hidden or empty.

    >>> safe_name("../../etc/<img src=x>.pdf")
    'img src_x_.pdf'
    >>> safe_name("C:\\\\Users\\\\x\\\\SK Tim Pengaduan.PDF")
    'SK Tim Pengaduan.PDF'
    """
    base = PureWindowsPath(PurePosixPath(name).name).name
    ascii_name = unicodedata.normalize("NFKD", base).encode("ascii", "ignore").decode()
    cleaned = _UNSAFE.sub("_", ascii_name).strip(" ._")
    stem, dot, ext = cleaned.rpartition(".")
    if dot and len(cleaned) > NAME_MAX:
        cleaned = f"{stem[: NAME_MAX - len(ext) - 1]}.{ext}"
    return cleaned[:NAME_MAX] or "berkas"


def check_file(name: str, content: bytes) -> StoredFile:
    """The file's stored description, or EvidenceRefused (type, content, size)."""
    clean = safe_name(name)
    extension = clean.rpartition(".")[2].lower() if "." in clean else ""
    if extension not in ALLOWED:
        raise EvidenceRefused("type", name=clean, allowed=", ".join(sorted(ALLOWED)))
    if not content:
        raise EvidenceRefused("empty", name=clean)
    if len(content) > MAX_BYTES:
        raise EvidenceRefused("size", name=clean, megabytes=MAX_BYTES // (1024 * 1024))
    mime, starts = ALLOWED[extension]
    if not content.startswith(starts):
        raise EvidenceRefused("content", name=clean, kind=extension.upper())
    return StoredFile(clean, hashlib.sha256(content).hexdigest(), len(content), mime)


def store_file(name: str, content: bytes) -> StoredFile:
    """Check the file and keep its bytes under their SHA-256 (the same file is kept once)."""
    checked = check_file(name, content)
    folder = evidence_dir()
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / checked.sha256
    if not target.exists():
        partial = target.with_suffix(".part")
        partial.write_bytes(content)
        partial.replace(target)  # whole or absent: never a half-written file under its hash
    return checked


def read_file(sha256: str) -> bytes:
    """The stored bytes of a file, looked up only by a well-formed hash."""
    if not re.fullmatch(r"[0-9a-f]{64}", sha256):
        raise EvidenceRefused("missing", name=sha256)
    path = evidence_dir() / sha256
    if not path.is_file():
        raise EvidenceRefused("missing", name=sha256[:12])
    return path.read_bytes()


def checked_link(text: str) -> str | None:
    """An http(s) link with a host (None for an empty field), else EvidenceRefused."""
    link = text.strip()
    if not link:
        return None
    parts = urlsplit(link)
    if (
        parts.scheme.lower() not in ("http", "https")
        or not parts.hostname
        or len(link) > MAX_LINK
        or any(ch.isspace() or not ch.isprintable() for ch in link)
    ):
        raise EvidenceRefused("link", link=link[:80])
    return link
