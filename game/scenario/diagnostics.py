"""Problems found in scenario files, reported the way compilers do:

    FILE:LINE: severity: FIELD: message

An error blocks play; a warning does not.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

ERROR, WARNING = "error", "warning"


@dataclass(frozen=True)
class Diagnostic:
    """One problem. line is 1-based, or 0 when it cannot be known. field is the path of the value
    at fault, like "mission.vostok_orbit.steps[1].program" ("" when the problem is not one field's)."""

    file: str
    line: int
    severity: str
    message: str
    field: str = ""

    def format(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        what = f"{self.field}: " if self.field else ""
        return f"{where}: {self.severity}: {what}{self.message}"


class ScenarioError(Exception):
    """A scenario could not be loaded; `diagnostics` says every reason."""

    def __init__(self, diagnostics: list[Diagnostic]):
        self.diagnostics = diagnostics
        super().__init__("\n".join(d.format() for d in diagnostics))


def did_you_mean(word: str, choices) -> str:
    """' (did you mean 'x'?)' for the closest of `choices`, or ''."""
    close = difflib.get_close_matches(str(word)[:100], [str(c) for c in choices], n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def has_errors(diagnostics: list[Diagnostic]) -> bool:
    return any(d.severity == ERROR for d in diagnostics)


def sort_key(d: Diagnostic) -> tuple:
    return (d.file, d.line, d.severity, d.field, d.message)
