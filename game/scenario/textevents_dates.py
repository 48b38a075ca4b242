"""The dates of a piece of text: absolute dates, ranges and dates relative to another.

    find_dates("on October 4, 1957")             # [(3, 18, "1957-10-04")]
    find_ranges(text, find_dates(text))          # [(i, j)]: dates i and j are the two ends of one range
    find_relative("four days earlier")           # [Relative(0, 17, "four days earlier", "day", -4)]
    shift("1955-08-02", "day", -4)               # "1955-07-29"; None when the anchor is not precise enough

A date is written as precisely as the text gives it: "YYYY-MM-DD" (a full
date: "October 4, 1957", "4 October 1957"), "YYYY-MM" (a month: "July 1969")
or "YYYY" (a year: "in 1961"). Citation marks and other numbers ("Apollo 11",
"20th-century", "two weeks", "1,000 km", "the 1960s") are not dates. A
relative date counts days, weeks, months or years before or after another
("four days earlier", "two weeks later", "the next month", "the following
year", "later that year"); it is no more precise than its unit and its
anchor allow: days and weeks need an anchor with a day, months one with a
month, and "the following year" of "October 4, 1957" is "1958". Pure
functions.
"""

from __future__ import annotations

import datetime
import re
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
_Y = re.compile(r"(?<![0-9,.$#/])(?<![A-Za-z][-–])(?<!No\.\s)\b" + _YEAR.format(g="y"))
_RANGE_LINK = re.compile(r"\s*(?:to|until|till|through|thru|–|—|-)\s*|\s+and\s+", re.IGNORECASE)
_BETWEEN = re.compile(r"\bbetween\s+$", re.IGNORECASE)

_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
            "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
_N = r"(?P<n>\d{1,2}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_U = r"(?P<u>day|week|month|year)s?"
_RELATIVE = [
    # "four days earlier", "a year later", "two weeks after"
    (re.compile(r"\b" + _N + r"\s+" + _U + r"\s+(?P<dir>earlier|later|before|after|afterwards?|previously)\b"
                r"(?!\s+than\b)",
                re.IGNORECASE), None),
    # "the next month", "the following year", "the previous day", "the same day"
    (re.compile(r"\bthe\s+(?P<dir>next|following|previous|preceding|same)\s+(?P<u>day|week|month|year)\b",
                re.IGNORECASE), 1),
    # "the day before", "the year after"
    (re.compile(r"\bthe\s+(?P<u>day|week|month|year)\s+(?P<dir>before|after)\b", re.IGNORECASE), 1),
    # "later that year", "earlier the same month"
    (re.compile(r"\b(?:later|earlier)\s+(?:that|the\s+same)\s+(?P<u>month|year)\b", re.IGNORECASE), 0),
]
_BACK = {"earlier", "before", "previously", "previous", "preceding"}


@dataclass(frozen=True)
class Relative:
    start: int
    end: int
    phrase: str     # as the text writes it: "four days earlier"
    unit: str       # "day", "month" or "year" (weeks are counted in days)
    count: int      # signed: -4 is four units before the anchor
    preposition: bool = False   # "before"/"after" with an object: "four days after its launch"


def _month(name: str) -> int:
    name = name.lower().rstrip(".")
    return MONTHS.index(name) + 1 if name in MONTHS else _ABBR[name[:4] if name == "sept" else name[:3]]


def find_dates(text: str) -> list[tuple[int, int, str]]:
    """(start, end, date) of every absolute date in a piece of text, in order, most precise reading first."""
    found: list[tuple[int, int, str]] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= x or a >= y for x, y in taken)

    for pattern in (_MDY, _DMY):
        for m in pattern.finditer(text):
            day, month, year = int(m.group("d")), _month(m.group("m")), int(m.group("y"))
            if 1 <= day <= 31 and free(*m.span()) and _valid_day(year, month, day):
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


def _valid_day(year: int, month: int, day: int) -> bool:
    try:
        datetime.date(year, month, day)
    except ValueError:
        return False
    return True


def find_ranges(text: str, dates: list[tuple[int, int, str]]) -> list[tuple[int, int]]:
    """Index pairs (i, i + 1) of dates that are the two ends of one range: "July 1, 1957 to December 31,
    1958", "from 1961 until 1970", "1961–1970", "between 1961 and 1965"."""
    pairs = []
    for i in range(len(dates) - 1):
        (_, end, first), (start, _, second) = dates[i], dates[i + 1]
        link = _RANGE_LINK.fullmatch(text[end:start])
        if not link or second < first:
            continue
        if " and " in f" {link.group(0).strip()} " and not _BETWEEN.search(text[:dates[i][0]]):
            continue
        if pairs and pairs[-1][1] == i:
            continue
        pairs.append((i, i + 1))
    return pairs


def find_relative(text: str) -> list[Relative]:
    """Every date given relative to another in a piece of text, in order."""
    found: list[Relative] = []
    for pattern, fixed in _RELATIVE:
        for m in pattern.finditer(text):
            if any(not (m.end() <= r.start or m.start() >= r.end) for r in found):
                continue
            unit = m.group("u").lower()
            n = fixed if fixed is not None else _NUMBERS.get(m.group("n").lower()) or int(m.group("n"))
            direction = (m.groupdict().get("dir") or "").lower()
            if direction == "same":
                n = 0
            sign = -1 if direction in _BACK else 1
            if unit == "week":
                unit, n = "day", 7 * n
            preposition = direction in ("before", "after") and bool(re.match(r"\s+[\w\"“]", text[m.end():]))
            found.append(Relative(m.start(), m.end(), m.group(0), unit, sign * n, preposition))
    return sorted(found, key=lambda r: r.start)


def shift(anchor: str, unit: str, count: int) -> str | None:
    """The date `count` units from an anchor date, as precise as both allow; None when the anchor is less
    precise than the unit ("four days earlier" than "July 1969" is not a date the text gives)."""
    parts = [int(p) for p in anchor.split("-")]
    if unit == "year":
        return f"{parts[0] + count:04d}"
    if unit == "month":
        if len(parts) < 2:
            return None
        month = parts[0] * 12 + parts[1] - 1 + count
        return f"{month // 12:04d}-{month % 12 + 1:02d}"
    if len(parts) < 3:
        return None
    day = datetime.date(*parts) + datetime.timedelta(days=count)
    return day.isoformat()
