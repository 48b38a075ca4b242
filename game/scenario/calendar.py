"""Dates and turns: a scenario's calendar."""

from __future__ import annotations

import math
from dataclasses import dataclass


def month_of(date: str) -> int:
    """Absolute month (year * 12 + month - 1) of "YYYY-MM-DD", "YYYY-MM" or "YYYY" (the day is ignored)."""
    parts = date.split("-")
    return int(parts[0]) * 12 + (int(parts[1]) - 1 if len(parts) > 1 else 0)


def format_month(month: float) -> str:
    """"YYYY-MM" of an absolute month."""
    m = int(month)
    return f"{m // 12:04d}-{m % 12 + 1:02d}"


@dataclass(frozen=True)
class Calendar:
    start_month: int
    end_month: int
    turns_per_year: int

    @property
    def months_per_turn(self) -> int:
        return 12 // self.turns_per_year

    @property
    def n_turns(self) -> int:
        return self.turn_of(self.end_month) + 1

    def turn_of(self, month: int) -> int:
        """The turn that holds an absolute month (may be negative or past the end)."""
        return (month - self.start_month) // self.months_per_turn

    def last_turn_before(self, month: int) -> int:
        """The last turn that opens before an absolute month."""
        return math.ceil((month - self.start_month) / self.months_per_turn) - 1

    def turn_month(self, turn: int) -> int:
        return self.start_month + turn * self.months_per_turn

    def season(self, turn: int) -> str:
        """"Spring 1961" style label of a turn."""
        m = self.turn_month(turn)
        names = {1: [""], 2: ["Spring", "Autumn"], 3: ["Early", "Mid", "Late"],
                 4: ["Winter", "Spring", "Summer", "Autumn"]}.get(self.turns_per_year)
        year, month = divmod(m, 12)
        if names is None:
            return f"{format_month(m)}"
        label = names[month * self.turns_per_year // 12]
        return f"{label} {year}".strip()
