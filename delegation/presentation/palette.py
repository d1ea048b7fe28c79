"""One colour per body, shared by the pictures (svg.py), the HTML report and the web pages."""

from __future__ import annotations

from collections.abc import Iterable

# Strong, print-safe colours that stay apart side by side (12: a municipality's usual bodies);
# the last one is kept for "no body" (a case type missing from a plan).
BODY_COLOURS = (
    "#1d4ed8",  # blue
    "#b91c1c",  # red
    "#047857",  # green
    "#b45309",  # amber
    "#0e7490",  # cyan
    "#a21caf",  # fuchsia
    "#7c3aed",  # violet
    "#be185d",  # pink
    "#4d7c0f",  # olive
    "#9a3412",  # brown
    "#1e3a8a",  # navy
    "#a16207",  # ochre
)
NO_BODY = "#6b7280"


def body_colours(order: Iterable[str]) -> dict[str, str]:
    """A colour per body id, by position in `order` (the rules' declaration order, so stable)."""
    return {body: BODY_COLOURS[index % len(BODY_COLOURS)] for index, body in enumerate(order)}


def body_colour(order: Iterable[str], body: str | None) -> str:
    return body_colours(order).get(body or "", NO_BODY) if body else NO_BODY


def tint(colour: str, strength: float = 0.22) -> str:
    """The colour mixed with white: a fill that dark text stays readable on."""
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{round(255 - (255 - c) * strength):02x}" for c in (red, green, blue))
