"""How far apart two words are: edits (a typo of a plan word) and shared letters (an area's word).

rapidfuzz computed both in C, but importing it took 14-22 ms of a 100 ms `delegation decide` on
this machine (with typing, which the command otherwise does without): more than the comparisons
of a whole command. tests/test_resolution.py holds both to rapidfuzz's own: `within` exactly,
`ratio` to the last bit of a float (the same sum, divided in another order).
"""

from __future__ import annotations


def within(one: str, other: str, edits: int) -> bool:
    """Whether the Levenshtein distance of two words is at most `edits`: their common start and end
    taken off, the first letters that differ are a substitution, a deletion or an insertion."""
    if abs(len(one) - len(other)) > edits:
        return False
    start, shorter = 0, min(len(one), len(other))
    while start < shorter and one[start] == other[start]:
        start += 1
    end = 0
    while end < shorter - start and one[-1 - end] == other[-1 - end]:
        end += 1
    one, other = one[start : len(one) - end], other[start : len(other) - end]
    if not one or not other:
        return max(len(one), len(other)) <= edits
    return edits > 0 and (
        within(one[1:], other[1:], edits - 1)
        or within(one[1:], other, edits - 1)
        or within(one, other[1:], edits - 1)
    )


def ratio(one: str, other: str) -> float:
    """rapidfuzz's fuzz.ratio: 100 × twice the longest common subsequence over both lengths."""
    if not one and not other:
        return 100.0
    return 200.0 * _common(one, other) / (len(one) + len(other))


def _common(one: str, other: str) -> int:
    """The longest common subsequence's length, a bit of an int per letter of `one` (Hyyrö's
    bit-parallel algorithm: a handful of integer operations per letter of `other`)."""
    masks: dict[str, int] = {}
    for place, letter in enumerate(one):
        masks[letter] = masks.get(letter, 0) | 1 << place
    full = (1 << len(one)) - 1
    row = full
    for letter in other:
        matched = row & masks.get(letter, 0)
        row = ((row + matched) | (row - matched)) & full
    return len(one) - row.bit_count()
