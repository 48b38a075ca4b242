"""Draft events from a plain-text historical document: one [[event]] per dated statement.

    statements = find_statements(text)            # [Statement(line, date, text), ...]
    toml = draft_events(statements, "doc.txt")    # an events.toml for a scenario that extends another

A dated statement is a sentence (or a clause of it joined by "and" or ";")
that names a date: a full date ("October 4, 1957", "4 October 1957"), a month
("July 1969"), a range ("July 1, 1957 to December 31, 1958": its start) or a
year ("in 1961"). Citation marks ("[3]") and other numbers ("Apollo 11",
"20th-century", "two weeks", "1,000 km") are not dates. The date is written as
precisely as the text gives it: "YYYY-MM-DD", "YYYY-MM" or "YYYY". Pure
functions: no files.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass

MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december"]
_ABBR = {m[:3]: i + 1 for i, m in enumerate(MONTHS)} | {"sept": 9}
_MONTH = (r"(?P<{g}>(?:January|February|March|April|May|June|July|August|September|October|November|December)"
          r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?)")
_UNITS = r"(?:km|kg|kilo|mile|met|feet|foot|ton|people|men|lb)"
_YEAR = r"(?P<{g}>1[0-9]{{3}}|20[0-9]{{2}})(?![0-9])(?!s\b)(?!\s*" + _UNITS + r"\w*)"
_MDY = re.compile(r"\b" + _MONTH.format(g="m") + r"\s+(?P<d>[0-3]?[0-9])(?:st|nd|rd|th)?,?\s+" + _YEAR.format(g="y"))
_DMY = re.compile(r"\b(?P<d>[0-3]?[0-9])(?:st|nd|rd|th)?\s+" + _MONTH.format(g="m") + r",?\s+" + _YEAR.format(g="y"))
_MY = re.compile(r"\b" + _MONTH.format(g="m") + r",?\s+(?:of\s+)?" + _YEAR.format(g="y"))
_Y = re.compile(r"(?<![0-9,.$#/\-–])(?<!No\.\s)\b" + _YEAR.format(g="y"))
_CITATION = re.compile(r"\[(?:\d+|[a-z]|citation needed|note \d+)\](?:\[(?:\d+|[a-z])\])*", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“(]?[A-Z0-9])")
_ABBREVIATIONS = re.compile(r"\b(?:Mr|Mrs|Dr|St|Gen|Col|Lt|Jr|Sr|vs|No|U\.S|U\.K|e\.g|i\.e|Jan|Feb|Mar|Apr|Jun|Jul|"
                            r"Aug|Sep|Sept|Oct|Nov|Dec)\.$")
_CLAUSE = re.compile(r";\s+|,\s+(?:and|while|but)\s+|\s+and\s+(?=(?:then\s+)?(?:sent|launched|flew|landed|"
                     r"began|achieved|signed|made)\b)")
_STOP = {"a", "an", "the", "and", "or", "but", "of", "on", "in", "to", "with", "by", "for", "at", "from", "as",
         "its", "their", "his", "her", "that", "which", "when", "was", "were", "is", "had", "has", "this", "these"}
_US = re.compile(r"\b(?:United States|US|U\.S\.|America|American|NASA|Kennedy|Apollo)\b")
_USSR = re.compile(r"\b(?:Soviet|USSR|Russia|Russian|Moscow|Khrushchev|Korolev|Sputnik|Gagarin)\b")


@dataclass(frozen=True)
class Statement:
    line: int       # 1-based line of the document
    date: str       # "YYYY-MM-DD", "YYYY-MM" or "YYYY"
    text: str       # the statement, citation marks removed


def _month(name: str) -> int:
    name = name.lower().rstrip(".")
    return MONTHS.index(name) + 1 if name in MONTHS else _ABBR[name[:4] if name == "sept" else name[:3]]


def find_dates(text: str) -> list[tuple[int, int, str]]:
    """(start, end, date) of every date in a piece of text, in order, most precise reading first."""
    found: list[tuple[int, int, str]] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= x or a >= y for x, y in taken)

    for pattern in (_MDY, _DMY):
        for m in pattern.finditer(text):
            day, month, year = int(m.group("d")), _month(m.group("m")), int(m.group("y"))
            if 1 <= day <= 31 and free(*m.span()):
                found.append((*m.span(), f"{year:04d}-{month:02d}-{day:02d}"))
                taken.append(m.span())
    for m in _MY.finditer(text):
        if free(*m.span()):
            found.append((*m.span(), f"{int(m.group('y')):04d}-{_month(m.group('m')):02d}"))
            taken.append(m.span())
    for m in _Y.finditer(text):
        if free(*m.span()):
            found.append((*m.span(), m.group("y")))
            taken.append(m.span())
    return sorted(found)


def _sentences(paragraph: str) -> list[str]:
    parts, current = [], ""
    pieces = _SENTENCE_END.split(paragraph)
    for piece in pieces:
        current = f"{current} {piece}".strip() if current else piece
        if not _ABBREVIATIONS.search(current):
            parts.append(current)
            current = ""
    if current:
        parts.append(current)
    return parts


def _statements_of(sentence: str) -> list[str]:
    """A sentence split into clauses when more than one of them holds its own date."""
    clauses = [c for c in _CLAUSE.split(sentence) if c and c.strip()]
    dated = [bool(find_dates(c)) for c in clauses]
    if sum(dated) < 2:
        return [sentence]
    out: list[str] = []
    pending = ""
    for clause, has_date in zip(clauses, dated, strict=True):
        if has_date:
            out.append(f"{pending} {clause}".strip() if pending and not out else clause)
            pending = ""
        elif out:
            out[-1] = f"{out[-1]}, {clause}"
        else:
            pending = f"{pending} {clause}".strip()
    return out


def clean(text: str) -> str:
    """Citation marks removed, white space collapsed."""
    return re.sub(r"\s+", " ", _CITATION.sub("", text)).strip()


def find_statements(text: str) -> list[Statement]:
    """Every dated statement of a document, in order."""
    out = []
    for number, line in enumerate(text.splitlines(), start=1):
        line = clean(line)
        if not line:
            continue
        for sentence in _sentences(line):
            for statement in _statements_of(sentence):
                dates = find_dates(statement)
                if dates:
                    out.append(Statement(number, dates[0][2], statement.strip()))
    return out


def title_of(statement: str, limit: int = 48) -> str:
    """A short title: the statement's first words, dates and filler cut away."""
    text = statement
    for a, b, _ in reversed(find_dates(text)):
        text = text[:a] + text[b:]
    text = re.sub(r"\([^)]*\)", "", text)
    text = re.sub(r"\b(?:on|in|by|from|during|since|until|of)\s*(?=[,.;]|\s*$|\s+(?:to|and)\b)", "", text)
    text = re.sub(r"^\W*(?:But|And|However|Then|Also|So)\b,?\s*", "", text)
    words = re.findall(r"[\w’'\-–/]+", text)
    title = ""
    for w in words:
        if len(title) + len(w) + 1 > limit:
            break
        title = f"{title} {w}".strip()
    while title and title.split()[-1].lower() in _STOP:
        title = title.rsplit(" ", 1)[0] if " " in title else ""
    title = title or "Dated statement"
    return title[0].upper() + title[1:]


def _slug(title: str, date: str) -> str:
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode().replace("'", "")
    words = [w for w in re.findall(r"[a-z0-9]+", ascii_title.lower()) if w not in _STOP][:4]
    slug = "_".join(words) or "event"
    if not slug[0].isalpha():
        slug = "e_" + slug
    return f"{slug}_{date[:4]}"


def _who(statement: str) -> str:
    us, ussr = bool(_US.search(statement)), bool(_USSR.search(statement))
    return "us" if us and not ussr else "ussr" if ussr and not us else "both"


def draft_events(statements: list[Statement], source_name: str) -> str:
    """The text of a draft events.toml: one [[event]] per statement, ids unique."""
    lines = [f"# Draft events drawn from {source_name} by `spacerace events-from-text`.",
             "# One [[event]] per dated statement. Edit titles and texts, choose who receives each event,",
             "# add a trigger, effects or options (see MODDING.md), and delete what you do not want.",
             "# To use it, put it as events.toml in a scenario that extends another, e.g. with",
             "#   [scenario]  id = \"my_mod\"  name = \"My mod\"  extends = \"historical\"",
             ""]
    used: set[str] = set()
    for s in statements:
        title = title_of(s.text)
        ident = base = _slug(title, s.date)
        n = 2
        while ident in used:
            ident, n = f"{base}_{n}", n + 1
        used.add(ident)
        lines += ["[[event]]", f"id = {_q(ident)}", f"title = {_q(title)}", f"text = {_q(s.text)}",
                  f"source = {_q(f'{source_name}:{s.line}')}", f"who = {_q(_who(s.text))}", f"date = {_q(s.date)}",
                  ""]
    return "\n".join(lines)


def _q(text: str) -> str:
    """A TOML basic string (JSON string escapes are valid TOML)."""
    return json.dumps(text, ensure_ascii=False)
