"""docs/errors.md is generated from the code: it must match what the code says today."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_error_catalogue_is_up_to_date(monkeypatch):
    monkeypatch.chdir(ROOT)
    # What catalogue() sets in the environment, set here so that it is undone after the test: a
    # DELEGATION_NO_CACHE left behind turned every later cache test off in the same process.
    monkeypatch.setenv("DELEGATION_NO_CACHE", "1")
    monkeypatch.delenv("DELEGATION_LANG", raising=False)
    spec = importlib.util.spec_from_file_location("generate_errors", ROOT / "docs" / "generate_errors.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    expected = module.catalogue()
    assert (ROOT / "docs" / "errors.md").read_text(encoding="utf-8") == expected, (
        "docs/errors.md is stale: run python docs/generate_errors.py"
    )
