"""Rules files as the loader reads them: UTF-8 text within a size cap, and its digest."""

from __future__ import annotations

import errno
import os
import stat

from ..errors import Problem, SourceError
from ..hints import TYPE_CHECKING
from ..messages import Message

MAX_SOURCE_BYTES = 2_000_000

StrPath = str | os.PathLike[str]  # a path as a caller gives it; the paths the engine returns are str

# SHA-256 from the C module hashlib itself falls back to, not through hashlib: importing hashlib
# loads OpenSSL, 4.5 ms of a 100 ms `delegation decide` on this machine (the module: 0.3 ms). The
# digests are the same bytes whichever answers (tests/test_cache.py).
if TYPE_CHECKING:
    from hashlib import sha256 as sha256
else:
    try:
        from _sha256 import sha256  # Python 3.11
    except ImportError:  # pragma: no cover - 3.12 renamed it; a build without either has hashlib's
        try:
            from _sha2 import sha256
        except ImportError:
            from hashlib import sha256


def text_digest(data: bytes) -> str:
    """The SHA-256 of a rules file's text as the loader reads it: UTF-8 without a byte-order mark.
    The loader records it, and a cache read compares the file's bytes through it."""
    return sha256(data.removeprefix(b"\xef\xbb\xbf")).hexdigest()


_ABSENT = (errno.ENOENT, errno.ENOTDIR, errno.EBADF, errno.ELOOP)


def status(path: StrPath) -> os.stat_result | None:
    """os.stat as pathlib's exists() and is_dir() read it (the command keeps pathlib's 7 ms of
    imports off its path): None for a path that is not there, a link loop, a name with a NUL;
    OSError for anything else (a name too long, a folder it may not enter), to be said."""
    try:
        return os.stat(path)
    except OSError as error:
        if error.errno in _ABSENT:
            return None
        raise
    except ValueError:
        return None


def shown_path(path: StrPath) -> str:
    """A path as pathlib wrote it, for messages and memos: "." parts and repeated or trailing
    slashes dropped. ".." is kept: the system resolves it through links ("link/.." is the link
    target's parent), so a path is opened as given and only shown this way."""
    text = os.fspath(path)
    root = (
        "//" if text.startswith("//") and not text.startswith("///") else "/" if text.startswith("/") else ""
    )
    return root + "/".join(part for part in text.split("/") if part not in ("", ".")) or "."


def read_source(path: StrPath, shown: str | None = None) -> str:
    """A rules file's text, or a SourceError saying in one line why it cannot be used.

    Only a regular file is read, and no more than MAX_SOURCE_BYTES of it: a FIFO, a device or
    /dev/zero named as a rules file is refused at once (opened without blocking, then checked),
    never read until it ends.
    """
    name = shown or str(path)
    try:
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise SourceError(Problem("source.missing", {"name": name}, code="DLG002")) from None
    except IsADirectoryError:
        raise SourceError(Problem("source.directory", {"name": name}, code="DLG002")) from None
    except OSError as error:
        raise SourceError(
            Problem("source.unreadable", {"name": name, "reason": error.strerror}, code="DLG002")
        ) from None
    info = os.fstat(handle)
    if not stat.S_ISREG(info.st_mode):
        os.close(handle)
        kind = "source.directory" if stat.S_ISDIR(info.st_mode) else "source.not_regular"
        raise SourceError(Problem(kind, {"name": name}, code="DLG002"))
    try:
        with os.fdopen(handle, "rb") as stream:
            data = stream.read(MAX_SOURCE_BYTES + 1)
    except OSError as error:  # a "regular" file that fails to read: /proc/self/mem, a bad disk
        raise SourceError(
            Problem("source.unreadable", {"name": name, "reason": error.strerror or error}, code="DLG002")
        ) from None
    if len(data) > MAX_SOURCE_BYTES:
        size = max(info.st_size, len(data))
        raise SourceError(
            Problem(
                "source.too_large",
                {
                    "name": name,
                    "size": f"{size:,}".replace(",", "."),
                    "limit": f"{MAX_SOURCE_BYTES:,}".replace(",", "."),
                },
                code="DLG002",
            )
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise SourceError(
            Problem(
                "source.not_utf8",
                {"name": name, "offset": error.start, "byte": f"0x{data[error.start]:02x}"},
                hint=Message("source.not_utf8.hint"),
                code="DLG002",
            )
        ) from None
    if not text.strip():
        raise SourceError(Problem("source.empty", {"name": name}, code="DLG002"))
    return text.removeprefix("\ufeff")


def built_from(root: StrPath, name: str, digests: dict[str, str]) -> str | None:
    """The text of the file `name` (relative to the plan's folder `root`) as the plan was built
    from it; None when it is gone, unreadable, outside the folder (a link put in its place), or
    changed since (its SHA-256 is not the one in `digests`, name -> digest). A served plan shows
    its own rules, never what lies on disk since its last reload (attack report, 2026-11-28: a
    link to a file outside the folder was shown, a half-written file answered 500)."""
    folder = os.path.realpath(root)
    path = os.path.realpath(os.path.join(folder, name))
    if digests.get(name) is None or os.path.commonpath([folder, path]) != folder:
        return None
    try:
        text = read_source(path)
    except SourceError:
        return None
    return text if text_digest(text.encode("utf-8")) == digests[name] else None
