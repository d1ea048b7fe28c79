"""The message catalogue: every error, hint and label the library shows, by key, in Danish and English."""

from __future__ import annotations

import os
from collections.abc import Mapping

from .messages_engine import ENGINE_MESSAGES
from .messages_findings import FINDING_MESSAGES
from .messages_language import LANGUAGE_MESSAGES
from .messages_service import SERVICE_MESSAGES
from .messages_time import TIME_MESSAGES
from .messages_volumes import VOLUME_MESSAGES

LANGUAGES = ("da", "en")
DEFAULT_LANG = "da"

# Labels of a rendered problem and of the command line's error lines.
_LABELS: dict[str, dict[str, str]] = {
    "label.hint": {"da": "tip", "en": "hint"},
    "label.error": {"da": "fejl", "en": "error"},
    "label.warning": {"da": "advarsel", "en": "warning"},
    "label.internal": {
        "da": "intern fejl: {error} (sæt DELEGATION_DEBUG=1 for detaljer)",
        "en": "internal error: {error} (set DELEGATION_DEBUG=1 for details)",
    },
    "hint.did_you_mean": {"da": "mente du '{word}'?", "en": "did you mean '{word}'?"},
    "word.none": {"da": "ingen", "en": "none"},
    "word.always": {"da": "altid", "en": "always"},
}

_TABLES = (
    _LABELS,
    LANGUAGE_MESSAGES,
    ENGINE_MESSAGES,
    SERVICE_MESSAGES,
    FINDING_MESSAGES,
    VOLUME_MESSAGES,
    TIME_MESSAGES,
)
MESSAGES: dict[str, dict[str, str]] = {key: texts for table in _TABLES for key, texts in table.items()}


def default_lang() -> str:
    """The language of text shown without an explicit choice: DELEGATION_LANG, else Danish."""
    chosen = os.environ.get("DELEGATION_LANG", "").strip().lower()
    return chosen if chosen in LANGUAGES else DEFAULT_LANG


def check_key(key: str) -> None:
    """Refuse a key the catalogue does not have: every message a person reads is translated."""
    if key not in MESSAGES:
        raise KeyError(f"message key {key!r} is not in the catalogue (delegation/messages*.py)")


def message_text(key: str, args: Mapping[str, object], lang: str | None = None) -> str:
    """The text of a key in a language; values that are Messages are shown in the same language."""
    chosen = lang if lang in LANGUAGES else default_lang()
    values = {
        name: value.text(chosen) if isinstance(value, (Message, Localized)) else value
        for name, value in args.items()
    }
    return MESSAGES[key][chosen].format(**values)


class Localized:
    """A value worked out in each language beforehand (a band described in the plan's wording)."""

    __slots__ = ("texts",)

    def __init__(self, **texts: str) -> None:
        self.texts = texts

    def text(self, lang: str | None = None) -> str:
        return self.texts[lang if lang in self.texts else default_lang()]

    def __repr__(self) -> str:
        return f"Localized(**{self.texts!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Localized) and self.texts == other.texts

    __hash__ = None  # type: ignore[assignment]


class Message:
    """A message key and its values, shown in a language chosen when it is shown."""

    __slots__ = ("key", "args")

    def __init__(self, key: str, /, **args: object) -> None:
        check_key(key)
        self.key = key
        self.args: dict[str, object] = args

    def text(self, lang: str | None = None) -> str:
        return message_text(self.key, self.args, lang)

    def __str__(self) -> str:
        return self.text()

    def __repr__(self) -> str:
        return f"Message({self.key!r}, **{self.args!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Message) and (self.key, self.args) == (other.key, other.args)

    __hash__ = None  # type: ignore[assignment]  # mutable values: compared, never hashed
