"""Year-by-year figures of a run of games: how often each side launches and how much money it holds.

`TurnLog` records a batch's turns as it plays (a few small arrays a turn); `YearTable` joins the logs of
a run's batches and gives `simulate --json`'s `by_year` and the readable summary's table by era.

Definitions (a side-turn is one side's part of one turn that a game played; turns of games already over
are not counted):
- a side-turn belongs to the calendar year of the turn's first month;
- a side-turn launches what that side put on the pad and flew: a launch scrubbed before lift-off is none;
- `launches`: launches per side-turn of the year, the mean over all the games' side-turns;
- `idle_share`: the share of the year's side-turns with no launch;
- `cash_over_budget`: per game, the money the side held after the last turn it played that year (its
  cash as the next turn opens: savings past the scenario's carry-over cap lost, that turn's income paid),
  over that side's yearly budget then; the median over the games. One turn's income is the floor
  (0.5 at two turns a year); where the scenario caps savings, the cap plus that income is the ceiling.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.rules import Rules, State, StepInfo
from game.rules.tables import SCRUBBED

SIDES = ("us", "ussr")


class TurnLog:
    """The figures of one batch's turns, added one step at a time (call `add` after each step)."""

    def __init__(self) -> None:
        self.played: list[np.ndarray] = []     # bool [B] per turn
        self.launches: list[np.ndarray] = []   # int8 [B, S] per turn
        self.held: list[np.ndarray] = []       # float32 [B, S] per turn: money held / yearly budget

    def add(self, after: State, info: StepInfo) -> None:
        """Record a turn from step's results (the new State and its StepInfo); turn k of the log is the
        k-th add. A side with no budget holds 0 budgets' worth."""
        flew = (after.launch_mission >= 0) & (after.launch_outcome != SCRUBBED)
        self.played.append(~info.done_before)
        self.launches.append(flew.sum(axis=2, dtype=np.int8))
        budget = after.budget
        self.held.append(np.divide(after.cash, budget, out=np.zeros_like(budget), where=budget > 0))


@dataclass(frozen=True)
class YearTable:
    """The turns of a run's games, turn-major: played [T, G], launches [T, G, S], held [T, G, S] (where
    played is False, the game did not play that turn and the other two mean nothing); years [T]: the
    calendar year of each turn."""

    played: np.ndarray
    launches: np.ndarray
    held: np.ndarray
    years: np.ndarray

    @staticmethod
    def of(rules: Rules, logs: list[TurnLog]) -> YearTable:
        """The table of a run from its batches' logs, in game order (batches may have played different
        numbers of turns: their missing turns are turns not played)."""
        turns = max(len(log.played) for log in logs)

        def stack(log: TurnLog, name: str, fill_like: np.ndarray) -> np.ndarray:
            rows = getattr(log, name)
            pad = [np.zeros_like(fill_like)] * (turns - len(rows))
            return np.stack(rows + pad)

        parts = [(stack(log, "played", log.played[0]), stack(log, "launches", log.launches[0]),
                  stack(log, "held", log.held[0])) for log in logs]
        first = rules.start_month + np.arange(turns) * rules.months_per_turn
        return YearTable(played=np.concatenate([p[0] for p in parts], axis=1),
                         launches=np.concatenate([p[1] for p in parts], axis=1),
                         held=np.concatenate([p[2] for p in parts], axis=1),
                         years=first // 12)

    def figures(self, years: list[int]) -> dict:
        """{"launches", "idle_share", "cash_over_budget"} -> {"us", "ussr"} over the side-turns of
        `years` (cash: one value per game and year, the median of them all); None where no game played."""
        rows = np.isin(self.years, years)
        played = self.played[rows]                  # [t, G]
        n = int(played.sum())
        out: dict = {"launches": {}, "idle_share": {}, "cash_over_budget": {}}
        held = self._year_end_held(years)           # [values, S]
        for s, side in enumerate(SIDES):
            launched = self.launches[rows][..., s][played]
            out["launches"][side] = round(float(launched.mean()), 3) if n else None
            out["idle_share"][side] = round(float((launched == 0).mean()), 3) if n else None
            out["cash_over_budget"][side] = round(float(np.median(held[:, s])), 3) if len(held) else None
        return out

    def _year_end_held(self, years: list[int]) -> np.ndarray:
        """float [values, S]: each game's money held after its last turn played in each of `years`."""
        values = []
        for year in years:
            turns = np.flatnonzero(self.years == year)
            if len(turns) == 0:
                continue
            played = self.played[turns]             # [t, G]
            some = played.any(axis=0)
            last = len(turns) - 1 - np.argmax(played[::-1], axis=0)
            values.append(self.held[turns[last[some]], np.flatnonzero(some)])
        return np.concatenate(values) if values else np.zeros((0, 2), np.float32)

    def span(self) -> list[int]:
        """The calendar years the run's games played, in order."""
        return sorted({int(y) for y in self.years[self.played.any(axis=1)]})

    def by_year(self) -> dict:
        """`simulate --json`'s by_year: year (a string) -> figures of that year."""
        return {str(y): self.figures([y]) for y in self.span()}

    def by_era(self) -> dict:
        """Era label ("1970-75") -> figures over its years (see `eras`)."""
        return {label: self.figures(years) for label, years in eras(self.span())}


def eras(years: list[int]) -> list[tuple[str, list[int]]]:
    """Five-year eras (1955-59, 1960-64, ...) over `years`, each (label, its years); a last era of fewer
    than three years joins the one before (1970-75 rather than 1970-74 and 1975)."""
    groups: dict[int, list[int]] = {}
    for y in years:
        groups.setdefault(y - y % 5, []).append(y)
    spans = list(groups.values())
    if len(spans) > 1 and len(spans[-1]) < 3:
        spans[-2:] = [spans[-2] + spans[-1]]
    return [(f"{s[0]}-{s[-1] % 100:02d}" if len(s) > 1 else str(s[0]), s) for s in spans]
