"""Write docs/errors.md, the catalogue of error messages, by running the code on broken inputs.

    python docs/generate_errors.py          # rewrites docs/errors.md
tests/test_docs_errors.py fails when the file is out of date with the code.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "check"
OUTPUT = ROOT / "docs" / "errors.md"

# Input errors: what a user types, and why it is refused (exit code 2).
COMMANDS = [
    ["decide", "erhvervspuljen", "--plan", "D"],
    ["decide", "erhvervspuljen", "--plan", "A", "--fact", "amout=5"],
    ["decide", "erhvervspuljen", "--plan", "A", "--amount", "fem"],
    ["decide", "erhvervspuljen", "--plan", "A", "--amount", "-5"],
    ["decide", "udlicitering", "--plan", "A", "--persons", "2,5"],
    ["decide", "erhvervspuljen", "--plan", "A", "--fact", "amount"],
    ["decide", "udlicitering", "--plan", "A", "--department", "mtx"],
    ["decide", "erhvervspuljen", "--plan", "no/such/plan.dlg"],
    ["decide", "--plan", "A"],
    ["decide", "lån", "--plan", "A"],
    ["plans", "--rules", "no/such/folder"],
    ["compose", "--base", "B", "--take", "A:erhvervsplann"],
    ["compose", "--base", "B", "--take", "A"],
    ["workload", "--cases", "docs/sager_eksempel_opdigtet.csv", "--column", "case=Titel"],
]

# HTTP: a request and the error object the service answers with.
REQUESTS = [
    ("POST", "/plans/A/decide", b'{"case": ', "malformed JSON"),
    ("POST", "/workload", b"\x00\x01\x02\x03", "a case file that is neither text nor Excel"),
    ("POST", "/plans/X/decide", b'{"case": "a"}', "unknown plan"),
    ("POST", "/plans/A/decide", b'{"case": "erhvervspuljen", "facts": {"amout": 5}}', "unknown fact"),
    ("POST", "/plans/A/decide", b'{"case": 5}', "wrong type"),
    ("POST", "/plans/A/decide", b'{"case": "a", "colour": "red"}', "unknown field"),
    ("POST", "/plans/A/decide", b'{"case": "' + b"a" * 1_000_100 + b'"}', "body over 1 MB"),
    ("PUT", "/plans/A/decide", b"{}", "wrong method"),
    ("POST", "/admin/reload", b"", "reload from a non-loopback address"),
    ("GET", "/plans/A/cases/personale", b"", "a text that fits several case types"),
    ("GET", "/plans/A/cases/julebelysning", b"", "a text that fits no case type"),
    ("GET", "/plans/B/bodies/borgmester", b"", "unknown body"),
    ("GET", "/plans/A/graph?format=gif", b"", "unknown graph format"),
    ("POST", "/fmt", b'plan A {\n  titel "x"\n}\n', "rules text that does not parse"),
]


LANGS = (("da", "Dansk"), ("en", "English"))


def _rules_section() -> list[str]:
    from delegation.analysis.checking import check, render_report
    from delegation.analysis.findings import CATALOGUE

    lines = [
        "## Errors in rules files (`delegation check`; `decide` exits 1)",
        "",
        "Each code is shown with a deliberately broken file from `tests/fixtures/check/` and "
        "what `delegation check` says about it, in Danish (the default) and with `--lang en`.",
        "",
    ]
    for code, entry in CATALOGUE.items():
        lines += [f"### {code} {entry.name} ({entry.severity.value})", ""]
        lines += [f"{_sentence(entry.summary('da'))} / {_sentence(entry.summary('en'))}", ""]
        fixture = next(iter(sorted(FIXTURES.glob(f"{code}_*.dlg"))), None)
        if fixture is None:
            lines += ["(No example: no input reaches it through the public entry points.)", ""]
            continue
        lines.append("```")
        for lang, _ in LANGS:
            report = check(fixture, lang=lang)
            shown = report.model_copy(
                update={"findings": tuple(f for f in report.findings if f.code == code)}
            )
            lines += render_report(shown, lang).splitlines()[:-1][:4]
        lines += ["```", ""]
    return lines


def _sentence(text: str) -> str:
    return text[0].upper() + text[1:] + "."


def _input_section() -> list[str]:
    from click.testing import CliRunner
    from delegation.cli.main import cli

    lines = [
        "## Bad input on the command line (exit code 2, or 3 for an ambiguous case)",
        "",
        "Each command as it answers by default (Danish), then with `--lang en`.",
        "",
    ]
    runner = CliRunner()
    for args in COMMANDS:
        lines += ["```"]
        for lang, _ in LANGS:
            given = args if lang == "da" else [*args, "--lang", "en"]
            result = runner.invoke(cli, given)
            output = (result.output or "").strip().splitlines()
            lines += [
                "$ delegation " + " ".join(a if " " not in a else f'"{a}"' for a in given),
                *output[:4],
                f"(exit code {result.exit_code})",
            ]
        lines += ["```", ""]
    return lines


def _http_section() -> list[str]:
    from fastapi.testclient import TestClient

    from delegation.service.api import create_app

    lines = [
        "## HTTP errors (`delegation serve`)",
        "",
        'Every error is a JSON object `{"error": {"type", "message", "field", "key"}}`; '
        "the service never answers with a stack trace. The message is Danish unless the request asks "
        'for English (`?lang=en`, or `"lang": "en"` in a decide body); the key is the same in both.',
        "",
        "| request | status | error | key | message (da) | message (en) |",
        "|---|---|---|---|---|---|",
    ]
    client = TestClient(create_app(), client=("192.0.2.1", 1000))
    for method, path, body, what in REQUESTS:
        messages = []
        for lang, _ in LANGS:
            url = path + (("&" if "?" in path else "?") + "lang=en" if lang == "en" else "")
            response = client.request(method, url, content=body, headers={"content-type": "application/json"})
            error = response.json()["error"]
            message = error["message"] if len(error["message"]) < 90 else error["message"][:87] + "..."
            messages.append(message.replace("|", "/"))
        field = f", field `{error['field']}`" if error.get("field") else ""
        lines.append(
            f"| {what}: `{method} {path}` | {response.status_code} | `{error['type']}`{field} | "
            f"`{error['key']}` | {messages[0]} | {messages[1]} |"
        )
    return lines + [""]


def _keys_section() -> list[str]:
    from delegation.messages import MESSAGES

    lines = [
        "## Every message by key",
        "",
        "The catalogue the library shows its errors and hints from (`delegation/messages*.py`); "
        "`{name}` marks a value filled in where the message is raised.",
        "",
        "| key | da | en |",
        "|---|---|---|",
    ]
    for key in sorted(MESSAGES):
        texts = [MESSAGES[key][lang].replace("|", "\\|").replace("\n", " ") for lang, _ in LANGS]
        lines.append(f"| `{key}` | {texts[0]} | {texts[1]} |")
    return lines + [""]


def catalogue() -> str:
    os.environ.setdefault("DELEGATION_NO_CACHE", "1")
    os.environ.pop("DELEGATION_LANG", None)  # Danish by default, as a user without the variable sees it
    lines = [
        "# Error messages",
        "",
        "Generated by `python docs/generate_errors.py` from the code itself; a test fails when "
        "this file is out of date. Every message names the file, line and column where it can, "
        "shows the source line with a caret, and gives a hint. Every message has a key and a "
        "Danish and an English text: Danish by default, English with `--lang en`, "
        "`DELEGATION_LANG=en` or, over HTTP, `lang=en`.",
        "",
    ]
    sections = _rules_section() + _input_section() + _http_section() + _keys_section()
    return "\n".join(lines + sections)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "tests"))
    OUTPUT.write_text(catalogue(), encoding="utf-8")
    print(f"wrote {OUTPUT}")
