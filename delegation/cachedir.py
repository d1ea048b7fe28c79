"""Where the caches live: the user's cache folder, used only when no other user can write it."""

from __future__ import annotations

import os
import stat
import sys
from functools import lru_cache

from .messages import message_text


def cache_dir() -> str | None:
    """$DELEGATION_CACHE_DIR, else the user cache folder, if it is safe to use (see safe_folder);
    None when DELEGATION_NO_CACHE is set."""
    if os.environ.get("DELEGATION_NO_CACHE"):
        return None
    configured = os.environ.get("DELEGATION_CACHE_DIR")
    if configured:
        folder = configured
    else:
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        folder = os.path.join(base, "delegation")
    return folder if safe_folder(folder) else None


@lru_cache(maxsize=8)
def safe_folder(folder: str | os.PathLike[str]) -> bool:
    """Made for this user (mode 0700) when missing; used only if it is a folder this user owns and
    neither group nor others can write. Otherwise a planted entry could steer what is served."""
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
        info = os.stat(folder)
    except OSError:
        return False  # a read-only disk only costs speed
    problem = None
    if not stat.S_ISDIR(info.st_mode):
        problem = "cache.not_folder"
    elif hasattr(os, "getuid") and info.st_uid != os.getuid():
        problem = "cache.not_yours"
    elif info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        problem = "cache.writable"
    if problem:
        print(message_text(problem, {"folder": folder}), file=sys.stderr)
        return False
    return True
