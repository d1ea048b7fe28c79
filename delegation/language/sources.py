"""Rules files as the loader reads them: UTF-8 text within a size cap, and its digest."""

from __future__ import annotations

import hashlib
from pathlib import Path

from ..errors import Problem, SourceError

MAX_SOURCE_BYTES = 2_000_000


def text_digest(data: bytes) -> str:
    """The SHA-256 of a rules file's text as the loader reads it: UTF-8 without a byte-order mark.
    The loader records it, and a cache read compares the file's bytes through it."""
    return hashlib.sha256(data.removeprefix(b"\xef\xbb\xbf")).hexdigest()


def read_source(path: Path, shown: str | None = None) -> str:
    """A rules file's text, or a SourceError saying in one line why it cannot be used."""
    name = shown or str(path)
    if not path.exists():
        raise SourceError(Problem(f"{name}: no such rules file", code="DLG002"))
    if path.is_dir():
        raise SourceError(Problem(f"{name}: is a directory, not a rules file", code="DLG002"))
    size = path.stat().st_size
    if size > MAX_SOURCE_BYTES:
        raise SourceError(
            Problem(
                f"{name}: file is too large ({size:,} bytes; the limit is {MAX_SOURCE_BYTES:,})",
                code="DLG002",
            )
        )
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise SourceError(
            Problem(
                f"{name}: not UTF-8 text (byte {error.start} is 0x{data[error.start]:02x})",
                hint="save the rules file as UTF-8",
                code="DLG002",
            )
        ) from None
    if not text.strip():
        raise SourceError(Problem(f"{name}: file is empty", code="DLG002"))
    return text.removeprefix("\ufeff")
