"""A token of rules text and where it is: its offset kept, its line and column worked out when asked."""

from __future__ import annotations


class Lexeme(str):
    """A token: its text, its terminal's name and where it starts (line and column from 1).

    Lighter than lark's Token (eight attributes set through two calls): a plan of 10.000 case
    types has 300.000 of them. It keeps its offset; line and column are worked out when asked
    for, which a plan's spans do for one token in five.
    """

    __slots__ = ("type", "start", "lines")
    type: str  # the terminal's name
    start: int  # the offset in the text
    lines: Lines

    @property
    def position(self) -> tuple[int, int]:
        """(line, column), both from 1."""
        return self.lines.position(self.start)

    @property
    def line(self) -> int:
        return self.position[0]

    @property
    def column(self) -> int:
        return self.position[1]


class Lines:
    """Line and column of an offset in a text, counted from the offset asked for last: a parse asks
    about nearby places in turn, so each answer counts only the newlines in between."""

    __slots__ = ("text", "offset", "line")

    def __init__(self, text: str):
        self.text, self.offset, self.line = text, 0, 1

    def position(self, offset: int) -> tuple[int, int]:
        text = self.text
        if offset >= self.offset:
            self.line += text.count("\n", self.offset, offset)
        else:
            self.line -= text.count("\n", offset, self.offset)
        self.offset = offset
        return self.line, offset - text.rfind("\n", 0, offset)
