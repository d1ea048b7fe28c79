"""A pasted mail's question: the text less its greeting line and its signature."""

from __future__ import annotations

import re
from functools import cache

# A signature is a sign-off with at most a name after it, to the end of its line ("Mvh Anna",
# "Venlig hilsen", "Kind regards, John"), and the lines below it up to a blank line or what goes
# on with the case ("PS:", a forwarded or quoted mail's "Fra:", "Emne:"). What it holds (a name, a
# title, a department, a telephone number) says who wrote, not what the case is: with its
# signature, "Children and Young People wants to support a project under the Integration Policy
# with DKK 40,000" was "not in the plan" (audit, 2026-11-28). A sign-off word with more after it
# on its line is no sign-off ("Hilsen fra byrådet indgår i ...", "Hilsen-teksten").
_SIGN_OFF = (
    r"(?:^|\n|(?<=[.?!])[ \t]+)[ \t]*(?:med\s+)?(?:venlig(?:st)?\s+hilsen|mange\s+hilsner|vh|mvh|hilsen"
    r"|kind\s+regards|best\s+regards|warm\s+regards|regards|best\s+wishes|sincerely|yours\s+sincerely)"
    r"[.,!]?(?:[ \t]+[^\W\d_][\w.-]*){0,3}[ \t]*(?:\n|$)"
)
_SIGNATURE_END = (
    r"\n[ \t]*\n|\n[ \t]*(?=(?:ps|p\.s\.|fra|from|emne|subject|sendt|sent|til|to|-{3,}|>)\b|-{3,}|>)"
)
# A greeting alone on the first line, with at most a name: "Hej Anne,", "Kære alle", "Dear
# colleagues,". One with more on its line stays ("Hej Jens, angående personalepolitikken": its
# subject), as does one that runs on into the question ("Hej, hvem beslutter ...").
_GREETING = (
    r"^\s*(?:hej|hejsa|kære|goddag|god\s+morgen|dear|hi|hello)(?:[ \t]+[^\W\d_]+){0,2}[ \t]*[,!:]?[ \t]*\n"
)
# Looked for first, in the lower-cased text: the patterns' search cost 6-7 µs of a title's
# resolution (about 200 µs), and a title has none of these.
_SIGN_WORDS = ("hilsen", "hilsner", "vh", "regards", "wishes", "sincerely")


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    """A pattern compiled when a text first needs it: the three cost 1,5 ms of every command's
    start, where a title or an id needs none of them."""
    return re.compile(pattern, re.IGNORECASE)


def mail_body(text: str) -> str:
    """The text less a greeting line before it and a signature in it; the text itself when
    nothing would be left."""
    if len(text) < 12:  # no mail: a title or a few words
        return text
    lowered = text.lower()
    if "\n" not in text and not any(word in lowered for word in _SIGN_WORDS):
        return text
    body = text
    signed = _compiled(_SIGN_OFF).search(body)
    if signed is not None and signed.start() > 0:
        after = _compiled(_SIGNATURE_END).search(body, signed.end() - 1)
        body = body[: signed.start()] + ("\n" + body[after.end() :] if after is not None else "")
    greeted = _compiled(_GREETING).match(body)
    if greeted is not None and body[greeted.end() :].strip():
        body = body[greeted.end() :]
    return body if body.strip() else text
