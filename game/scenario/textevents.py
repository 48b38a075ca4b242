"""Draft events from a plain-text historical document: one [[event]] per dated fact.

    statements, unanchored = read_facts(text)     # [Statement(line, date, text, title, note)], [Unanchored]
    toml = draft_events(statements, "doc.txt", unanchored)   # an events.toml for a scenario that extends another

A dated fact is what happened at one date the text gives: a full date
("October 4, 1957", "4 October 1957"), a month ("in October 1957"), a year
("in 1961"), each end of a range ("July 1, 1957 to December 31, 1958" is two
facts: a start and an end), or a date relative to another ("four days
earlier", "two weeks later", "the next month", "the following year"). A
sentence that carries several dates gives several facts. A relative date is
counted from the nearest absolute date before it in its sentence, else the
nearest after it in its sentence, else the last one earlier in the text; the
draft says which (a comment). With no such date, or one less precise than its
unit (days counted from a month), it is reported, not guessed. No date is more
precise than the text: a month stays "YYYY-MM" (the calendar's month
precision), a year "YYYY". Dates are found by textevents_dates, titles by
textevents_titles (whose docstring states the heuristic). Pure functions: no
files.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass

from game.scenario.textevents_dates import find_dates, find_ranges, find_relative, shift
from game.scenario.textevents_titles import clauses, fact_title

__all__ = ["Statement", "Unanchored", "clean", "draft_events", "find_dates", "read_facts"]

_CITATION = re.compile(r"\[(?:\d+|[a-z]|citation needed|note \d+)\](?:\[(?:\d+|[a-z])\])*", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“(]?[A-Z0-9])")
_ABBREVIATIONS = re.compile(r"\b(?:Mr|Mrs|Dr|St|Gen|Col|Lt|Jr|Sr|vs|No|U\.S|U\.K|e\.g|i\.e|Jan|Feb|Mar|Apr|Jun|Jul|"
                            r"Aug|Sep|Sept|Oct|Nov|Dec)\.$")
_STOP = {"a", "an", "the", "and", "or", "but", "of", "on", "in", "to", "with", "by", "for", "at", "from", "as",
         "its", "their", "his", "her", "that", "which", "when", "was", "were", "is", "had", "has", "this", "these"}
_SIDES = [("us", re.compile(r"\b(?:United States|US|U\.S\.|America|American|NASA|Kennedy|Apollo|Gemini|"
                            r"Mercury|Explorer|Vanguard|Washington|astronauts?)\b")),
          ("ussr", re.compile(r"\b(?:Soviet|Soviets|USSR|Russia|Russian|Moscow|Khrushchev|Korolev|Sputnik|"
                              r"Gagarin|Vostok|Voskhod|Soyuz|Luna|cosmonauts?)\b"))]


@dataclass(frozen=True)
class Statement:
    line: int       # 1-based line of the document
    date: str       # "YYYY-MM-DD", "YYYY-MM" or "YYYY"
    text: str       # the sentence that gives the fact, citation marks removed
    title: str = ""  # what happened, in a few words
    note: str = ""   # for a relative date: how it was computed


@dataclass(frozen=True)
class Unanchored:
    line: int
    phrase: str     # "three days later"
    text: str       # its sentence
    reason: str     # why no date could be computed


def _sentences(paragraph: str) -> list[str]:
    parts, current = [], ""
    for piece in _SENTENCE_END.split(paragraph):
        current = f"{current} {piece}".strip() if current else piece
        if not _ABBREVIATIONS.search(current):
            parts.append(current)
            current = ""
    if current:
        parts.append(current)
    return parts


def clean(text: str) -> str:
    """Citation marks removed, white space collapsed."""
    return re.sub(r"\s+", " ", _CITATION.sub("", text)).strip()


def read_facts(text: str) -> tuple[list[Statement], list[Unanchored]]:
    """Every dated fact of a document, in order, and the relative dates that could not be counted."""
    facts: list[Statement] = []
    problems: list[Unanchored] = []
    last: tuple[str, str, int] | None = None      # the last absolute date seen: (date, as written, line)
    for number, line in enumerate(text.splitlines(), start=1):
        line = clean(line)
        for sentence in _sentences(line) if line else []:
            found, last = _facts_of(sentence, number, last, problems)
            facts += found
    return facts, problems


def _facts_of(sentence: str, line: int, last: tuple[str, str, int] | None,
              problems: list[Unanchored]) -> tuple[list[Statement], tuple[str, str, int] | None]:
    dates = find_dates(sentence)
    relative = [r for r in find_relative(sentence) if all(r.end <= a or r.start >= b for a, b, _ in dates)]
    spans = [(a, b) for a, b, _ in dates] + [(r.start, r.end) for r in relative]
    parts = clauses(sentence, spans)
    found: list[tuple[int, Statement]] = []

    def add(at: tuple[int, int], date: str, kind: str, note: str = "") -> None:
        title = fact_title(sentence, parts, at, spans, kind)
        found.append((at[0], Statement(line, date, sentence, title, note)))

    ends = set()
    for i, j in find_ranges(sentence, dates):
        whole = (dates[i][0], dates[j][1])
        add(whole, dates[i][2], "start")
        add(whole, dates[j][2], "end")
        ends |= {i, j}
    for k, (a, b, date) in enumerate(dates):
        if k not in ends:
            add((a, b), date, "date")
    for r in relative:
        before = [d for d in dates if d[1] <= r.start]
        after = [d for d in dates if d[0] >= r.end]
        anchor = (before[-1][2], sentence[before[-1][0]:before[-1][1]], line) if before else \
            (after[0][2], sentence[after[0][0]:after[0][1]], line) if after else last
        if anchor is None:
            problems.append(Unanchored(line, r.phrase, sentence, "no date before it to count from"))
            continue
        # "landed on July 20, 1969, four days after its launch": the launch is four days before the anchor
        counts_back = r.preposition and bool(before)
        date = shift(anchor[0], r.unit, -r.count if counts_back else r.count)
        if date is None:
            problems.append(Unanchored(line, r.phrase, sentence,
                                       f"counts {r.unit}s from {anchor[1]!r} (line {anchor[2]}), "
                                       f"which gives no {r.unit}"))
            continue
        add((r.start, r.end), date, "object" if counts_back else "relative",
            f'"{r.phrase}" counted {"back " if counts_back else ""}from {anchor[1]} ({anchor[0]}, line {anchor[2]})')
    if dates:
        a, b, date = max(dates, key=lambda d: d[1])
        last = (date, sentence[a:b], line)
    return [s for _, s in sorted(found, key=lambda f: f[0])], last


def _slug(title: str, date: str) -> str:
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode().replace("'", "")
    words = [w for w in re.findall(r"[a-z0-9]+", ascii_title.lower()) if w not in _STOP][:4]
    slug = "_".join(words) or "event"
    if not slug[0].isalpha():
        slug = "e_" + slug
    return f"{slug}_{date[:4]}"


def _who(title: str, sentence: str) -> str:
    """The side a fact is about: the one its title names (the first, when the title opens with it), else
    the one its sentence alone names, else "both"."""
    named = sorted((m.start(), side) for side, pattern in _SIDES if (m := pattern.search(title)))
    if len(named) == 1 or (named and named[0][0] == 0):
        return named[0][1]
    sides = [side for side, pattern in _SIDES if pattern.search(sentence)]
    return sides[0] if len(sides) == 1 and not named else "both"


def draft_events(statements: list[Statement], source_name: str, unanchored: list[Unanchored] = ()) -> str:
    """The text of a draft events.toml: one [[event]] per dated fact, ids unique; each relative date's
    anchor and each relative date that could not be counted are comments."""
    lines = [f"# Draft events drawn from {source_name} by `spacerace events-from-text`.",
             "# One [[event]] per dated fact. Edit titles and texts, choose who receives each event,",
             "# add a trigger, effects or options (see MODDING.md), and delete what you do not want.",
             "# To use it, put it as events.toml in a scenario that extends another, e.g. with",
             "#   [scenario]  id = \"my_mod\"  name = \"My mod\"  extends = \"historical\"",
             ""]
    for u in unanchored:
        lines.append(f"# {source_name}:{u.line}: \"{u.phrase}\" is not drafted: {u.reason}.")
    if unanchored:
        lines.append("")
    used: set[str] = set()
    for s in statements:
        title = s.title or "Dated fact"
        ident = base = _slug(title, s.date)
        n = 2
        while ident in used:
            ident, n = f"{base}_{n}", n + 1
        used.add(ident)
        if s.note:
            lines.append(f"# date: {s.note}")
        lines += ["[[event]]", f"id = {_q(ident)}", f"title = {_q(title)}", f"text = {_q(s.text)}",
                  f"source = {_q(f'{source_name}:{s.line}')}", f"who = {_q(_who(title, s.text))}",
                  f"date = {_q(s.date)}", ""]
    return "\n".join(lines)


def _q(text: str) -> str:
    """A TOML basic string (JSON string escapes are valid TOML)."""
    return json.dumps(text, ensure_ascii=False)
