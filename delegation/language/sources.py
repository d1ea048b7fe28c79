"""Rules files as the loader reads them: UTF-8 text within a size cap, and its digest."""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

from ..errors import Problem, SourceError

MAX_SOURCE_BYTES = 2_000_000


def text_digest(data: bytes) -> str:
    """The SHA-256 of a rules file's text as the loader reads it: UTF-8 without a byte-order mark.
    The loader records it, and a cache read compares the file's bytes through it."""
    return hashlib.sha256(data.removeprefix(b"\xef\xbb\xbf")).hexdigest()


def read_source(path: Path, shown: str | None = None) -> str:
    """A rules file's text, or a SourceError saying in one line why it cannot be used.

    Only a regular file is read, and no more than MAX_SOURCE_BYTES of it: a FIFO, a device or
    /dev/zero named as a rules file is refused at once (opened without blocking, then checked),
    never read until it ends.
    """
    name = shown or str(path)
    try:
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise SourceError(Problem(f"{name}: no such rules file", code="DLG002")) from None
    except IsADirectoryError:
        raise SourceError(Problem(f"{name}: is a directory, not a rules file", code="DLG002")) from None
    except OSError as error:
        raise SourceError(Problem(f"{name}: cannot be read ({error.strerror})", code="DLG002")) from None
    info = os.fstat(handle)
    if not stat.S_ISREG(info.st_mode):
        os.close(handle)
        kind = "is a directory, not a rules file" if stat.S_ISDIR(info.st_mode) else "not a regular file"
        raise SourceError(Problem(f"{name}: {kind}", code="DLG002"))
    with os.fdopen(handle, "rb") as stream:
        data = stream.read(MAX_SOURCE_BYTES + 1)
    if len(data) > MAX_SOURCE_BYTES:
        size = max(info.st_size, len(data))
        raise SourceError(
            Problem(
                f"{name}: file is too large ({size:,} bytes; the limit is {MAX_SOURCE_BYTES:,})",
                code="DLG002",
            )
        )
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
