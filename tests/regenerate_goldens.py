"""Rewrite the golden diff reports (tests/golden/diff_*) from the current rules and code.

    python tests/regenerate_goldens.py

Run it only after a change that is meant to change a diff report (a rules change, a new wording),
then read `git diff tests/golden/` before committing: the golden files are the review.
"""

from __future__ import annotations

from pathlib import Path

import delegation
from delegation.presentation.report import render_markdown, render_text
from delegation.presentation.report_html import render_html

GOLDEN = Path(__file__).resolve().parent / "golden"


def main() -> None:
    ab, abc = delegation.diff("A", "B"), delegation.diff("A", "B", "C")
    reports = {
        "diff_A_B_da.txt": render_text(ab) + "\n",
        "diff_A_B_cite_da.txt": render_text(ab, cite=True) + "\n",
        "diff_A_B_C_da.txt": render_text(abc) + "\n",
        "diff_A_B_da.md": render_markdown(ab),
        "diff_A_B_C_da.html": render_html(abc),
    }
    for name, text in reports.items():
        (GOLDEN / name).write_text(text, encoding="utf-8")
        print(f"wrote tests/golden/{name}")


if __name__ == "__main__":
    main()
