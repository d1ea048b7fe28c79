"""Shared test helpers: paths, the CLI runner and the golden-file loader."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from delegation.cli.main import cli

TESTS = Path(__file__).resolve().parent
GOLDEN = TESTS / "golden"
FIXTURES = TESTS / "fixtures"
UDVALGSKOMMUNE = FIXTURES / "udvalgskommune" / "styrelse_2026.dlg"


def golden_cases(name: str) -> list[dict]:
    """The one loader for golden files: tests/golden/NAME.json, a list of input/expected pairs."""
    cases = json.loads((GOLDEN / f"{name}.json").read_text(encoding="utf-8"))
    for case in cases:
        case.setdefault("facts", {})
    return cases


def golden_id(case: dict) -> str:
    facts = ",".join(f"{k}={v}" for k, v in case.get("facts", {}).items())
    return f"{case['plan']}:{case['case']}" + (f"[{facts}]" if facts else "")


@pytest.fixture
def english(monkeypatch):
    """Messages shown without a chosen language (str(error), .message) in English, as these tests pin."""
    monkeypatch.setenv("DELEGATION_LANG", "en")


@pytest.fixture
def run():
    """Run the CLI in-process: run("decide", "x", "--plan", "A") -> click Result."""
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(cli, list(args), catch_exceptions=False)

    return invoke


@pytest.fixture(autouse=True, scope="session")
def _private_plan_cache(tmp_path_factory):
    """Tests never read or write the user's compiled-plan cache."""
    import os

    previous = os.environ.get("DELEGATION_CACHE_DIR")
    os.environ["DELEGATION_CACHE_DIR"] = str(tmp_path_factory.mktemp("plan-cache"))
    yield
    if previous is None:
        os.environ.pop("DELEGATION_CACHE_DIR", None)
    else:
        os.environ["DELEGATION_CACHE_DIR"] = previous


@pytest.fixture(autouse=True, scope="session")
def _danish_by_default():
    """Tests see what a user without DELEGATION_LANG sees: Danish (the `english` fixture switches)."""
    import os

    previous = os.environ.pop("DELEGATION_LANG", None)
    yield
    if previous is not None:
        os.environ["DELEGATION_LANG"] = previous
