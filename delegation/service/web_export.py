"""Sammenlign's matrix as CSV for a spreadsheet (Danish Excel: semicolons, UTF-8 with a BOM)."""

from __future__ import annotations

import csv
import io
from typing import cast

from ..analysis.diffing import PlanDiff
from ..i18n import text
from ..presentation.diff_words import CHANGE_WORDS
from .web_compare import ComparePage

# Danish Excel reads ";" as the list separator (the comma is the decimal sign) and takes a file
# for UTF-8 only when it starts with a byte order mark; without it "æøå" come out garbled.
BOM = "\ufeff"


def matrix_csv(page: ComparePage) -> str:
    """A row per case type as the page shows it: list, title, id, change, then a cell per plan
    with one line per threshold (a line break inside a quoted cell, which Excel keeps)."""
    diff = cast(PlanDiff, page.diff)
    words = page.words
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    head = [text("da", f"web.csv.{key}") for key in ("section", "case", "id", "change")]
    writer.writerow(head + [f"Plan {plan_id}" for plan_id in diff.plan_ids])
    for section, rows in page.sections:
        for row in rows:
            writer.writerow(
                [section, row.change.title, row.change.case_type, CHANGE_WORDS[row.change.change]]
                + ["\n".join(cell.lines(words)) for cell in row.cells]
            )
    return BOM + out.getvalue()
