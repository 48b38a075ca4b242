"""What a side learns when a turn resolves: its digest, built only from two of
its own Observations (before and after), so it never holds the rival's secrets.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.rules.observe import Observation
from game.rules.tables import CREW_LOST, NO_LAUNCH, SCRUBBED, SUCCESS


@dataclass(frozen=True)
class StepResult:
    name: str
    state: str  # "passed", "failed" or "not flown"


@dataclass(frozen=True)
class LaunchReport:
    side: int
    mission: int
    month: float          # absolute month of the launch
    outcome: int          # tables outcome code
    steps: tuple[StepResult, ...]
    earned: tuple[int, ...]  # milestones earned by this flight
    prestige: float = 0.0    # prestige the flight won or cost its side
    crew: tuple[int, ...] = ()  # the people who flew it (person indices, seat order; () uncrewed or unknown)
    records: tuple[int, ...] = ()  # records this flight raised (the core's launch_records), each to its mission's value

    @property
    def crew_lost(self) -> bool:
        return self.outcome == CREW_LOST

    @property
    def succeeded(self) -> bool:
        return self.outcome == SUCCESS


@dataclass(frozen=True)
class TurnReport:
    """A side's digest of one resolved turn (`turn`) and the opening of the next."""

    side: int
    turn: int                          # the turn that was resolved
    launches: tuple[LaunchReport, ...]  # in date order, both sides (the rival's as far as public)
    firsts: tuple[tuple[int, int, float], ...]  # (milestone, side, absolute month) won this turn
    news: tuple[int, ...]              # events heard of as the next turn opened
    prestige_before: tuple[float, float]
    prestige_after: tuple[float, float]
    cash_before: float
    cash_after: float
    budget_after: float
    done: bool
    winner: int
    # own programs that moved: (program, share developed before, after, status before, after)
    programs: tuple[tuple[int, float, float, int, int], ...] = ()
    # records raised this turn: (record, side holding it now, value before, value now)
    records: tuple[tuple[int, int, float, float], ...] = ()
    # operations that changed: (operation, "started" | "renewed" | "ended"); "renewed" only for own ones
    operations: tuple[tuple[int, str], ...] = ()


def won_firsts(report: TurnReport, launch: LaunchReport) -> list[int]:
    """The milestones whose first `launch` won this turn: those it earned whose first went to its side, unless an
    earlier launch of the report (in date order) of that side earned them already."""
    firsts = {(k, s) for k, s, _ in report.firsts}
    earlier: set[int] = set()
    for x in report.launches:
        if x is launch:
            return [k for k in launch.earned if (k, launch.side) in firsts and k not in earlier]
        if x.side == launch.side:
            earlier.update(x.earned)
    return []


def program_changes(rules, before: Observation, after: Observation) -> tuple[tuple[int, float, float, int, int], ...]:
    """The side's own programs whose development or status changed between two of its observations."""
    own = np.flatnonzero(rules.prog_side == after.side)
    out = []
    for p in own:
        d0 = float(np.nan_to_num(before.dev_progress[0, p]))
        d1 = float(np.nan_to_num(after.dev_progress[0, p]))
        s0, s1 = int(before.status[0, p]), int(after.status[0, p])
        if abs(d1 - d0) > 1e-6 or s0 != s1:
            out.append((int(p), d0, d1, s0, s1))
    return tuple(out)


def record_rises(rules, launches: list[LaunchReport], before: Observation,
                 after: Observation) -> tuple[tuple[int, int, float, float], ...]:
    """Each rise of a record this turn, in the order the turn made them: (record, side, value before, after).

    The turn raises records first by its launches in date order (`launches`, sorted), each of the records a
    launch raised (its `records`, as the core wrote them) to its mission's value, then by the operations'
    months: a record that ends the turn at a value the launches do not explain was raised last by an
    operation (one rise, to its value now)."""
    value = before.record_value[0].astype(np.float32)
    out = []
    for x in launches:
        for r in x.records:
            v = rules.mis_record_value[x.mission, r]
            out.append((int(r), x.side, float(value[r]), float(v)))
            value[r] = v
    for r in np.flatnonzero(after.record_value[0] != value):
        out.append((int(r), int(after.record_side[0, r]), float(value[r]), float(after.record_value[0, r])))
    return tuple(out)


def operation_changes(rules, before: Observation, after: Observation) -> tuple[tuple[int, str], ...]:
    """Operations started or ended between two observations (both sides: running is public), and the
    side's own ones renewed (a success gave them more turns than running one turn leaves)."""
    out = []
    for op in range(rules.n_operations):
        was, now = bool(before.op_running[0, op]), bool(after.op_running[0, op])
        if now and not was:
            out.append((op, "started"))
        elif was and not now:
            out.append((op, "ended"))
        elif was and now and rules.op_side[op] == after.side and after.op_left[0, op] >= before.op_left[0, op]:
            out.append((op, "renewed"))
    return tuple(out)


def build_report(scenario, before: Observation, after: Observation) -> TurnReport:
    """The digest of the turn between two observations of the same side (batch index 0)."""
    rules = scenario.rules
    turn = int(before.turn[0])
    month0 = rules.start_month + turn * rules.months_per_turn
    launches = []
    for s in (0, 1):
        for i in range(rules.max_pads):
            m = int(after.launch_mission[0, s, i])
            out = int(after.launch_outcome[0, s, i])
            if m < 0 or out == NO_LAUNCH:
                continue
            passed = int(after.launch_passed[0, s, i])
            steps = scenario.missions[m]["steps"]
            results = []
            for j, st in enumerate(steps):
                state = "passed" if j < passed else ("failed" if j == passed else "not flown")
                if out == SCRUBBED:
                    state = "not flown"
                results.append(StepResult(st["name"], state))
            earned = sorted({rules.milestone_ids.index(k) for st in steps[:passed] for k in st.get("earns", [])})
            crew = tuple(int(n) for n in after.launch_crew[0, s, i] if n >= 0) if out != SCRUBBED else ()
            launches.append(LaunchReport(s, m, month0 + float(after.launch_month[0, s, i]), out, tuple(results),
                                         tuple(earned), float(after.launch_prestige[0, s, i]), crew,
                                         tuple(int(r) for r in np.flatnonzero(after.launch_records[0, s, i]))))
    launches.sort(key=lambda x: (x.month, x.side))
    records = record_rises(rules, launches, before, after)
    firsts = []
    new = (before.first_side[0] < 0) & (after.first_side[0] >= 0)
    for k in np.flatnonzero(new):
        firsts.append((int(k), int(after.first_side[0, k]), float(after.first_month[0, k])))
    firsts.sort(key=lambda f: f[2])
    return TurnReport(
        side=after.side, turn=turn, launches=tuple(launches), firsts=tuple(firsts),
        news=tuple(int(e) for e in np.flatnonzero(after.news[0])),
        prestige_before=(float(before.prestige[0, 0]), float(before.prestige[0, 1])),
        prestige_after=(float(after.prestige[0, 0]), float(after.prestige[0, 1])),
        cash_before=float(before.cash[0]), cash_after=float(after.cash[0]), budget_after=float(after.budget[0]),
        done=bool(after.done[0]), winner=int(after.winner[0]), programs=program_changes(rules, before, after),
        records=records, operations=operation_changes(rules, before, after),
    )


def opening_report(scenario, obs: Observation) -> TurnReport:
    """The digest of the first turn's opening: its news, no launches."""
    p = (float(obs.prestige[0, 0]), float(obs.prestige[0, 1]))
    return TurnReport(side=obs.side, turn=-1, launches=(), firsts=(),
                      news=tuple(int(e) for e in np.flatnonzero(obs.news[0])), prestige_before=p,
                      prestige_after=p, cash_before=float(obs.cash[0]), cash_after=float(obs.cash[0]),
                      budget_after=float(obs.budget[0]), done=bool(obs.done[0]), winner=int(obs.winner[0]))


@dataclass(frozen=True)
class Snapshot:
    """One point of a side's charts, from its own observation at the opening of `turn`."""

    turn: int
    prestige: tuple[float, float]
    budget: float
    rival_budget_estimate: float
    cash: float
    estimates: dict  # own program -> (estimate, sd) for programs it has developed


def snapshot(rules, obs: Observation) -> Snapshot:
    own = np.flatnonzero((rules.prog_side == obs.side) & (np.nan_to_num(obs.dev_progress[0]) >= 1))
    est = {int(p): (float(obs.estimate[0, p]), float(obs.estimate_sd[0, p])) for p in own}
    return Snapshot(int(obs.turn[0]), (float(obs.prestige[0, 0]), float(obs.prestige[0, 1])), float(obs.budget[0]),
                    float(obs.rival_budget_estimate[0]), float(obs.cash[0]), est)
