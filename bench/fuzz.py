"""Long fuzzing runs of the rules language (not in CI): python bench/fuzz.py [hypothesis|atheris] [--seconds N].

- `hypothesis` (default): the property tests of tests/test_fuzz_rules.py with many more examples
  and a random seed; any failure is printed with its shrunk input.
- `atheris`: coverage-guided fuzzing of parse + assemble + validate with libFuzzer (pip install
  atheris), seeded with the Aarhus rules. An input passes when it loads or raises a
  DelegationError with a location; anything else is a crash, written to bench/fuzz-crashes/.
Both stop by themselves after --seconds and print how many inputs they tried.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run_hypothesis(seconds: int, examples: int) -> int:
    env = {**os.environ, "DELEGATION_FUZZ_EXAMPLES": str(examples)}
    started = time.monotonic()
    result = subprocess.run(
        [
            str(Path(sys.executable).with_name("pytest")),
            "-q",
            "-p",
            "no:cacheprovider",
            "--hypothesis-show-statistics",
            "--hypothesis-seed",
            str(int(started)),
            str(ROOT / "tests" / "test_fuzz_rules.py"),
            str(ROOT / "tests" / "test_lalr.py"),
        ],
        env=env,
        timeout=seconds + 600,
    )
    print(f"hypothesis: {examples} examples per property, {time.monotonic() - started:.0f} s")
    return result.returncode


def run_atheris(seconds: int) -> int:
    import atheris

    with atheris.instrument_imports():
        from delegation import DelegationError, SourceError
        from delegation.language.assemble import load_plan
    rules = ROOT / "rules"
    organisation = (rules / "aarhus.dlg").read_text(encoding="utf-8")
    folder = Path(tempfile.mkdtemp(prefix="delegation-atheris-"))
    (folder / "aarhus.dlg").write_text(organisation, encoding="utf-8")
    target = folder / "plan.dlg"
    tried = [0]

    def one_input(data: bytes) -> None:
        tried[0] += 1
        target.write_bytes(data)
        try:
            load_plan(target)
        except SourceError:
            pass
        except DelegationError as error:
            if not any(problem.location for problem in error.problems):
                raise AssertionError(f"error without a location: {error}") from None

    corpus = folder / "corpus"
    corpus.mkdir()
    for path in rules.glob("plan_*.dlg"):
        (corpus / path.name).write_bytes(path.read_bytes()[:20_000])
    crashes = ROOT / "bench" / "fuzz-crashes"
    crashes.mkdir(exist_ok=True)
    atheris.Setup(
        [
            sys.argv[0],
            f"-max_total_time={seconds}",
            f"-artifact_prefix={crashes}/",
            "-max_len=40000",
            str(corpus),
        ],
        one_input,
    )
    try:
        atheris.Fuzz()
    finally:
        print(f"atheris: {tried[0]} inputs tried")
    return 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("engine", nargs="?", choices=["hypothesis", "atheris"], default="hypothesis")
    parser.add_argument("--seconds", type=int, default=300)
    parser.add_argument("--examples", type=int, default=5_000, help="hypothesis examples per property")
    args = parser.parse_args()
    os.environ.setdefault("DELEGATION_NO_CACHE", "1")
    code = (
        run_atheris(args.seconds) if args.engine == "atheris" else run_hypothesis(args.seconds, args.examples)
    )
    sys.exit(code)


if __name__ == "__main__":
    main()
