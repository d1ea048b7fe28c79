"""Bounded work: at most so many heavy requests at once; past that, 503 with Retry-After, never a queue."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator

from fastapi import HTTPException

# Batches, diffs, checks and web pages cost milliseconds to a second of CPU each. Two per core keep
# both busy without letting a flood of them queue in the thread pool behind each other (measured
# before this limit: 50 small batches stalled /healthz for 72 s).
HEAVY_AT_ONCE = 2 * (os.cpu_count() or 1)


class Limiter:
    """A counting gate that refuses instead of waiting."""

    def __init__(self, size: int = HEAVY_AT_ONCE):
        self._gate = threading.BoundedSemaphore(size)
        self._lock = threading.Lock()
        self.busy = 0

    def __call__(self) -> Iterator[None]:
        """A FastAPI dependency: holds a place for the request, or answers 503 at once."""
        if not self._gate.acquire(blocking=False):
            raise HTTPException(503, "the service is busy; try again shortly", headers={"Retry-After": "1"})
        with self._lock:
            self.busy += 1
        try:
            yield
        finally:
            with self._lock:
                self.busy -= 1
            self._gate.release()
