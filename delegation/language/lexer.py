"""A Pygments lexer for the rules language (.dlg): highlights rules in the HTML plan and the docs."""

from __future__ import annotations

from pygments.lexer import RegexLexer, words
from pygments.token import Comment, Keyword, Literal, Name, Number, Operator, Punctuation, String, Whitespace

# Words that start a declaration or block, the fields inside blocks, and the enumerated values.
DECLARATIONS = (
    "plan",
    "extends",
    "include",
    "body",
    "fact",
    "section",
    "category",
    "preamble",
    "case",
    "override",
    "remove",
    "rule",
    "example",
    "thesaurus",
)
FIELDS = (
    "title",
    "date",
    "source",
    "document",
    "municipality",
    "status",
    "in_force",
    "from",
    "until",
    "adoption",
    "item",
    "name",
    "short",
    "kind",
    "head",
    "committee",
    "area",
    "alias",
    "relative",
    "delegates",
    "to",
    "unit",
    "integer",
    "owner",
    "default",
    "caveat",
    "department",
    "kle",
    "when",
    "decides",
    "basis",
    "inform",
    "by",
    "involve",
    "recommends",
    "note",
    "cite",
    "given",
    "formerly",
    "synonyms",
    "ignore",
    "distinct",
    "if",
)
VALUES = (
    "council",
    "executive",
    "department",
    "committee",
    "group",
    "lovbestemt",
    "byraadsbestemt",
    "praksis",
    "procedurekrav",
    "before",
    "after",
    "periodic",
    "meeting",
    "mail",
    "default",
    "draft",
    "adopted",
    "repealed",
)
OPERATOR_WORDS = ("and", "or", "in")


class DelegationLexer(RegexLexer):
    """Rules files of the `delegation` engine: plans, bodies, case types, rules and examples."""

    name = "Delegation rules"
    aliases = ["delegation", "dlg"]
    filenames = ["*.dlg"]
    mimetypes = ["text/x-delegation"]
    url = "docs/language.md"

    tokens = {
        "root": [
            (r"\s+", Whitespace),
            (r"#[^\n]*", Comment.Single),
            (r'"', String.Double, "string"),
            (r"\d{4}-\d{2}-\d{2}\b", Literal.Date),
            (r"(?:\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)(?:\s+mi[oa]\.)?", Number),
            (r"\.\.\.", Punctuation),  # an ellipsis in documentation: "case x { ... }"
            (r"\.\.|>=|<=|>|<", Operator),
            (words(OPERATOR_WORDS, suffix=r"\b"), Operator.Word),
            (words(DECLARATIONS, prefix=r"\b", suffix=r"\b"), Keyword.Declaration),
            # A value word after a field keyword ("basis lovbestemt", "kind department") is a
            # constant; "department" and "default" are also field keywords, so fields go first.
            (r"(?<=basis )(?:lovbestemt|byraadsbestemt|praksis|procedurekrav|default)\b", Keyword.Constant),
            (r"(?<=kind )[a-z]+\b", Keyword.Constant),
            (words(FIELDS, prefix=r"\b", suffix=r"\b"), Keyword),
            (words(VALUES, prefix=r"\b", suffix=r"\b"), Keyword.Constant),
            (r"[{}():]", Punctuation),
            (r"\w+\.|\w*[^\W\d_A-Za-z]\w*", Name.Constant),  # a unit: "kr.", "løntrin"
            (r"[A-Za-z_][A-Za-z0-9_]*", Name),
            (r"[.,;!?'=+*/-]", Punctuation),  # prose around rules in documentation
        ],
        "string": [
            (r'[^"\\]+', String.Double),
            (r"\\.", String.Escape),
            (r'"', String.Double, "#pop"),
        ],
    }
