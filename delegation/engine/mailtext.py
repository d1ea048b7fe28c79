"""A pasted mail's question: the text less its greeting line and its signature."""

from __future__ import annotations

import re

# A signature starts at a sign-off, on a line of its own or after a sentence ("... beslutter det?
# Mvh Anna"); what follows it (a name, a title, a department, a telephone number) says who wrote,
# not what the case is. A mail's words for its case are before it: with the signature, "Children
# and Young People wants to support a project under the Integration Policy with DKK 40,000" was
# "not in the plan" (audit, 2026-11-28), the same words alone answered.
_SIGN_OFF = re.compile(
    r"(?:^|\n|(?<=[.?!])\s)[ \t]*(?:med\s+)?(?:venlig(?:st)?\s+hilsen|mange\s+hilsner|vh|mvh|hilsen"
    r"|kind\s+regards|best\s+regards|warm\s+regards|regards|best\s+wishes|sincerely|yours\s+sincerely)"
    r"\b",
    re.IGNORECASE,
)
# A greeting on a line of its own, the first: "Hej Anne,", "Kære alle", "Dear colleagues,". One
# that runs on into the question stays ("Hej, Magistratsafdelingen for Teknik og Miljø - vi
# ønsker ..."): its words are the thesaurus's to ignore, and it says whom the text is written to,
# which is no sender (resolve.without_departments).
_GREETING = re.compile(
    r"^\s*(?:hej|hejsa|kære|goddag|god\s+morgen|dear|hi|hello)\b[^\n.?]{0,40}[,!:]?[ \t]*\n",
    re.IGNORECASE,
)


# Looked for first, in the lower-cased text: the patterns' search cost 6-7 µs of a title's
# resolution (about 200 µs), and a title has none of these.
_SIGN_WORDS = ("hilsen", "hilsner", "vh", "regards", "wishes", "sincerely")


def mail_body(text: str) -> str:
    """The text less a greeting line before it and a signature after it; the text itself when
    nothing would be left."""
    if len(text) < 12:  # no mail: a title or a few words
        return text
    lowered = text.lower()
    if "\n" not in text and not any(word in lowered for word in _SIGN_WORDS):
        return text
    signed = _SIGN_OFF.search(text)
    body = text[: signed.start()] if signed is not None and signed.start() > 0 else text
    greeted = _GREETING.match(body)
    if greeted is not None and body[greeted.end() :].strip():
        body = body[greeted.end() :]
    return body if body.strip() else text
