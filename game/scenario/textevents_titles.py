"""Titles that name a dated fact, drawn from the clause around its date.

    spans = clauses(sentence, protected)                      # [(start, end)] of each clause
    title = fact_title(sentence, spans, mention, mentions, kind)

The heuristic, in order (a "mention" is a date, a relative date or a range):
1. A range in parentheses names the thing just before them ('the "International
   Geophysical Year" (July 1, 1957 to December 31, 1958)'): "International
   Geophysical Year begins" and "... ends".
2. A date that ends its clause, followed by a clause opening with "when", is the
   date of that clause ("by December 1991, when the dissolution of the Soviet
   Union brought ..." titles "Dissolution of Soviet Union brought end of Cold War").
3. A date used as an adjective ("the July 1975 rendezvous in Earth orbit"), a
   date after "the ... of" ("the Sputnik crisis of 1957": "Sputnik crisis") or a
   relative date after a noun and before "of" ("the US announcement four days
   earlier of intent to launch ...") names the noun phrase around it.
4. Otherwise the title is the date's clause: the sentence cut at ";", ",",
   "while", "whereas" and at "and" before a verb in the past tense (or before
   "the ..." and such a verb: "and the ship docked"), the date
   and the preposition before it removed, a clause that opens with a verb given
   the sentence's subject ("..., and sent the first human to space" titles
   "Soviet Union sent first human to space"), a clause left with no word that
   says something joined to the next one ("On August 2, 1955, Moscow said ...").
   A date after "that" or "because" in its clause keeps only what follows
   ("Observers noted that in October 1957 the mood changed" titles "Mood
   changed"). A relative date that opens its clause as a preposition ("Two days
   before the launch on ..., the commission approved ...") dates what follows;
   one after its date ("landed on July 20, 1969, four days after its launch")
   dates its object, given the clause's subject: "Apollo 11 launch".
   A clause opening with "which" or "who" takes the name or noun phrase before
   it as its subject ("the N1 rocket, which failed ..." titles "N1 rocket
   failed"); an opening participle takes the next clause's subject ("Launched
   in October 1957, Sputnik 1 ..." titles "Sputnik 1 launched").
Then parentheses, quotes, articles, leading links ("and", "when", "which") and
leading prepositions ("after", "in") go; a title longer than 60 characters loses filler words ("successful"), then
is cut before its last "with", "during", ... that lets it fit, else before its
last "of", "in", ..., else at a word. Other ranges add " (start)"
and " (end)". Dates are never part of a title. Pure functions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

LIMIT = 60
_MARK = "\x00"
_IRREGULAR = {"began", "sent", "flew", "made", "won", "led", "took", "gave", "became", "broke", "fell", "rose", "ran",
              "went", "came", "saw", "built", "lost", "set", "put", "held", "met", "brought", "sought", "fought",
              "chose", "drew", "grew", "spoke", "wrote", "struck", "left", "kept", "said", "told", "found", "shot",
              "was", "were", "had", "did", "is", "are", "has", "would", "could"}
_DETERMINERS = {"the", "a", "an", "its", "their", "his", "her", "this", "that", "these", "those"}
_ARTICLES = {"the", "a", "an"}
_LEADING = {"on", "in", "by", "during", "of", "at", "after", "before", "since", "following", "until", "from"}
_LINKS = {"and", "but", "while", "whereas", "when", "where", "which", "who", "then", "also", "so", "however",
          "thus", "yet", "or"}
_STOP = _DETERMINERS | _LINKS | {"of", "on", "in", "to", "with", "by", "for", "at", "from", "as", "was", "were",
                                 "is", "had", "has", "during", "after", "before", "until", "into", "over"}
_CUT_STRONG = {"with", "during", "after", "before", "following", "including", "which", "while", "as", "over", "than",
               "amid", "despite", "because", "resulting", "using"}
_CUT_WEAK = {"by", "of", "in", "to", "for", "from", "at", "on", "into", "that", "and"}
_FILLER = {"successful", "successfully", "also", "eventually", "ultimately", "then", "soon", "very", "finally",
           "officially", "formally", "publicly"}
_DANGLING = re.compile(r"\b(?:on|in|by|from|during|since|until|till|through|to|of|at|between|and|around|about|"
                       r"circa|early|late|mid|as\s+early\s+as|as\s+late\s+as|beginning|starting)\s*" + _MARK,
                       re.IGNORECASE)
_PAST = r"(?:[a-z]+ed|" + "|".join(sorted(_IRREGULAR)) + r")\b"
_BREAK = re.compile(r";\s*|,\s+|:\s+|\s+(?=(?:while|whereas)\s)|\s+(?=and\s+(?:then\s+)?" + _PAST + r")"
                    r"|\s+(?=and\s+(?:the|a|an|its|their)\s+(?:[\w-]+\s+){0,3}?" + _PAST + r")")


def _verbish(word: str) -> bool:
    w = word.lower()
    return w in _IRREGULAR or (len(w) > 4 and w.endswith("ed") and word[0].islower())


def clauses(sentence: str, protected: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """(start, end) of each clause of a sentence; no cut falls inside a protected span (a date) or inside
    parentheses or quotes."""
    depth, quoted, inside = 0, False, [False] * (len(sentence) + 1)
    for i, ch in enumerate(sentence):
        depth += ch == "("
        depth -= ch == ")" and depth > 0
        quoted = not quoted if ch == '"' else quoted
        inside[i] = depth > 0 or quoted or any(a <= i < b for a, b in protected)
    spans, start = [], 0
    for m in _BREAK.finditer(sentence):
        if inside[m.start()] or m.start() == 0:
            continue
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(sentence)))
    return [(a, b) for a, b in spans if sentence[a:b].strip()]


def subject_of(sentence: str) -> str:
    """The words before a sentence's first verb ("The Soviet Union" of "The Soviet Union achieved ..."), up
    to six of them, an apposition after a comma left out; "" when there is none."""
    words = _strip_links(sentence).split()
    for k, w in enumerate(words[:7]):
        if _verbish(w.strip(",;:")):
            return " ".join(words[:k]).split(",")[0] if 0 < k <= 6 else ""
    return ""


def _strip_links(text: str) -> str:
    words = text.split()
    while words and words[0].lower().strip(",") in _LINKS:
        words = words[1:]
    return " ".join(words)


def _blank(text: str, offset: int, mentions: list[tuple[int, int]]) -> str:
    """A piece of the sentence starting at `offset`, each mention in it replaced by a mark."""
    for a, b in sorted(mentions, reverse=True):
        a, b = max(a - offset, 0), min(b - offset, len(text))
        if a < b:
            text = f"{text[:a]} {_MARK} {text[b:]}"
    return text


def tidy(text: str, limit: int = LIMIT) -> str:
    """A title of a piece of text: marks and the prepositions before them, parentheses, quotes, articles and
    leading links removed, cut to the limit: filler words ("successful", "eventually") first, then
    before the last "with", "during", ... that lets it fit, else the last "of", "in", ..., else at a word."""
    text = re.sub(r"\([^)]*\)", " ", text)
    previous = None
    while previous != text:
        previous, text = text, _DANGLING.sub(_MARK, text)
    text = text.replace(_MARK, " ")
    words = [w.strip(",;:.!?\"“”‘’()[]") for w in text.split()]
    words = [w for w in words if w and w.lower() not in _ARTICLES and re.search(r"\w", w)]
    while words and words[0].lower() in _LINKS | _LEADING:
        words = words[1:]
    if len(" ".join(words)) > limit:
        words = [w for w in words if w.lower() not in _FILLER]
    for cuts in (_CUT_STRONG, _CUT_WEAK):
        if len(" ".join(words)) <= limit:
            break
        fits = [k for k in range(2, len(words)) if words[k].lower() in cuts and len(" ".join(words[:k])) <= limit]
        if fits:
            words = words[:max(fits)]
    while len(" ".join(words)) > limit:
        words = words[:-1]
    while words and words[-1].lower() in _STOP:
        words = words[:-1]
    title = " ".join(words)
    return title[:1].upper() + title[1:]


def _content(title: str) -> int:
    return sum(1 for w in title.split() if w.lower() not in _STOP)


def _before_parenthesis(sentence: str, at: int) -> str:
    """The thing a parenthesis at `at` explains: a quoted name, else the capitalised words before it."""
    head = sentence[:at].rstrip()
    quoted = re.search(r"[\"“]([^\"“”]+)[\"”]\s*$", head)
    if quoted:
        return quoted.group(1)
    words = head.split()
    thing: list[str] = []
    while words and words[-1][:1].isupper() and len(thing) < 6:
        thing.insert(0, words.pop())
    return " ".join(thing or words[-3:])


@dataclass(frozen=True)
class _Site:
    """Where a fact's date sits: its sentence, the sentence's clauses and dated spans, the date's clause."""
    sentence: str
    spans: list[tuple[int, int]]
    mentions: list[tuple[int, int]]
    start: int
    end: int
    kind: str

    @property
    def index(self) -> int:
        return next((k for k, (a, b) in enumerate(self.spans) if a <= self.start < b), 0)

    @property
    def before(self) -> str:
        return self.sentence[self.spans[self.index][0]:self.start]

    @property
    def after(self) -> str:
        return self.sentence[self.end:self.spans[self.index][1]]

    def clause(self, k: int) -> str:
        """Clause k with the dates blanked; "" when there is none."""
        if not 0 <= k < len(self.spans):
            return ""
        a, b = self.spans[k]
        return _blank(self.sentence[a:b], a, self.mentions)


def fact_title(sentence: str, spans: list[tuple[int, int]], mention: tuple[int, int],
               mentions: list[tuple[int, int]], kind: str = "date") -> str:
    """The title of the fact dated by `mention`, a (start, end) in the sentence; `spans` are its clauses,
    `mentions` all its dated spans (they never enter a title); `kind` is "date", "relative", "object" (what
    a relative date counts to: "its launch" of "four days after its launch"), "start" or "end" (the two
    ends of a range; `mention` then spans the whole range)."""
    site = _Site(sentence, spans, mentions, *mention, kind)
    for rule in (_parenthesis_rule, _object_rule, _when_rule, _noun_rule):
        title = rule(site)
        if title:
            return title
    return _ranged(_clause_title(site) or "Dated fact", kind)


def _parenthesis_rule(site: _Site) -> str:
    """'the "International Geophysical Year" (July 1, 1957 to ...)': "International Geophysical Year begins"."""
    head = site.sentence[:site.start].rstrip()
    if site.kind not in ("start", "end") or not head.endswith("(") or ")" not in site.sentence[site.end:site.end + 3]:
        return ""
    thing = tidy(_before_parenthesis(site.sentence, len(head) - 1), LIMIT - 7)
    return f"{thing} {'begins' if site.kind == 'start' else 'ends'}" if thing else ""


def _object_rule(site: _Site) -> str:
    """"landed on July 20, 1969, four days after its launch": the fact is the launch ("Apollo 11 launch")."""
    if site.kind != "object":
        return ""
    words = _blank(site.after, site.end, site.mentions).split()
    if len(words) > 1 and words[0].lower() in ("its", "their", "his", "her"):
        clause = site.sentence[slice(*site.spans[site.index])]
        previous = site.clause(site.index - 1)
        words[0] = subject_of(clause) or subject_of(previous) or _last_noun_phrase(previous)
    title = tidy(" ".join(words))
    return title if _content(title) >= 1 else ""


def _when_rule(site: _Site) -> str:
    """"by December 1991, when the dissolution of the Soviet Union brought ...": the "when" clause."""
    following = site.clause(site.index + 1)
    if site.after.strip(" .,;:") or not re.match(r"\s*when\s", following, re.IGNORECASE):
        return ""
    title = tidy(_with_subject(following, site.sentence, site.clause(site.index)))
    return _ranged(title, site.kind) if _content(title) >= 2 else ""


def _noun_rule(site: _Site) -> str:
    """The noun phrase a date belongs to: "the July 1975 rendezvous in orbit", "the Sputnik crisis of 1957",
    "the US announcement four days earlier of intent to launch ..."."""
    last = site.before.split()[-5:]
    det = [k for k, w in enumerate(last) if w.lower() in _DETERMINERS]
    nouns = bool(det) and not any(_verbish(w) for w in last[det[-1]:])
    if site.kind == "date" and nouns and len(last) > det[-1] + 2 and last[-1].lower() == "of":
        title = tidy(" ".join(last[det[-1]:-1]))
    elif site.kind == "date" and last and last[-1].lower() in _DETERMINERS:
        title = tidy(_blank(site.after, site.end, site.mentions))
    elif site.kind == "relative" and nouns and re.match(r"\s*of\s", site.after):
        title = tidy(_blank(f"{' '.join(last[det[-1]:])} {site.after}", site.end, site.mentions))
    else:
        return ""
    return _ranged(title, site.kind) if _content(title) >= 2 else ""


def _clause_title(site: _Site) -> str:
    """The date's clause, given its subject; joined to its neighbours while it says nothing."""
    index, previous = site.index, site.clause(site.index - 1)
    a, b = site.spans[index]
    if site.kind == "relative" and not site.before.strip() and \
            re.search(r"(?:before|after)$", site.sentence[site.start:site.end]):
        a = b      # "Two days before the launch on ..., the commission approved": the fact is what follows
    else:
        opener = list(re.finditer(r"\b(?:that|because|although|though)\s", site.before))
        if opener and _content(tidy(_blank(site.sentence[a + opener[-1].end():b], a + opener[-1].end(),
                                           site.mentions))):
            a += opener[-1].end()
    words = _blank(site.sentence[a:b], a, site.mentions)
    title = tidy(_with_subject(words, site.sentence, previous))
    for k in list(range(index + 1, len(site.spans))) + list(range(index - 1, -1, -1)):
        if _content(title) >= 1:
            break
        words = f"{words} {site.clause(k)}" if k > index else f"{site.clause(k)} {words}"
        title = tidy(_with_subject(words, site.sentence, previous))
    if len(title.split()) == 1 and title.lower().endswith("ed") and index + 1 < len(site.spans):
        # "Launched in October 1957, Sputnik 1 transmitted ...": the participle's subject follows
        owner = subject_of(site.sentence[slice(*site.spans[index + 1])])
        title = tidy(f"{owner} {title.lower()}") if owner else title
    return title


def _with_subject(words: str, sentence: str, previous: str = "") -> str:
    """A clause given its subject: after "which" or "who", the noun phrase that ends the previous clause
    ("the N1 rocket, which failed" gives "N1 rocket failed"); when it opens with a verb, the sentence's."""
    plain = words.replace(_MARK, " ").split()
    if plain and plain[0].lower() in ("which", "who"):
        noun = _last_noun_phrase(previous)
        if noun:
            return f"{noun} {_strip_links(words)}"
    opening = _strip_links(words.replace(_MARK, " ")).split()
    if opening and _verbish(opening[0]) and opening[0][0].islower():
        subject = subject_of(sentence)
        if subject:
            return f"{subject} {_strip_links(words)}"
    return words


def _last_noun_phrase(text: str) -> str:
    """The name that ends a clause ("Alexei Leonov" of "Voskhod 2 carried Alexei Leonov"), else the words
    after the last determiner among its last six words ("N1 rocket" of "hopes rested on the N1 rocket");
    "" when there is neither."""
    words = text.replace(_MARK, " ").split()[-6:]
    name: list[str] = []
    while words and words[-1][:1].isupper() and len(name) < 4:
        name.insert(0, words.pop())
    if name and (not words or words[-1].lower() not in _DETERMINERS):
        return " ".join(name)
    words += name
    det = [k for k, w in enumerate(words) if w.lower() in _DETERMINERS]
    return " ".join(words[det[-1] + 1:]) if det and det[-1] + 1 < len(words) else ""


def _ranged(title: str, kind: str) -> str:
    if kind not in ("start", "end"):
        return title
    suffix = " (start)" if kind == "start" else " (end)"
    return tidy(title, LIMIT - len(suffix)) + suffix
