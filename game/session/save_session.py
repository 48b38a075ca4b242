"""The session's parts of a save, by id: orders, each side's digests (reports) and chart history.

Everything is written with the scenario's ids, never its indices, so it can be read back against a
scenario whose programs, missions, milestones or events have been added, removed or reordered since:
with `strict=False` what names an id that is gone is left out (a funding line, a launch, a digest's
launch or news item, an estimate), and nothing else changes. With `strict=True` an unknown id is
damage. Every reading error is a ValueError with a short reason.

Orders:  {"funding": {program: money}, "launches": [[side, pad, mission, rush]], "choices": {event: option},
          "stop": [operation], "train": {person: discipline}, "recruit": [group]} ("stop", "train" and
          "recruit" only when some are given; absent: none). A launch may end with its seats, [person or
          null for each]: absent (as in orders written before the corps) or null, the core picks.
Report:  {"turn", "launches": [[side, mission, month, outcome, [[step name, state]...], [milestones earned],
          prestige]], "firsts": [[milestone, side, month]], "news": [events], "prestige": [[us, ussr] before,
          after], "cash": [before, after], "budget", "done", "winner", "programs": [[program, developed
          before, after, status before, after]], "records": [[record, side, value before, after]],
          "operations": [[operation, "started" | "renewed" | "ended"]]} (the last two only when not empty;
          which launch raised a record is found again from the launches when read)
History: [turn, [prestige us, ussr], budget, rival budget estimate, cash, {program: [estimate, sd]}]
Floats are written as Python floats (shortest repr), so each comes back to the same bits.
"""

from __future__ import annotations

import numpy as np

from game.rules.orders import Orders
from game.rules.tables import SKILL_NAMES
from game.session.report import LaunchReport, Snapshot, StepResult, TurnReport


class _Ids:
    """Index of an id in one of the rules' id lists; None (lenient) or ValueError (strict) when unknown."""

    def __init__(self, rules, strict: bool):
        self.strict = strict
        self.maps = {kind: {ident: i for i, ident in enumerate(getattr(rules, kind + "_ids"))}
                     for kind in ("program", "mission", "milestone", "event", "record")}
        self.maps["operation"] = {ident: i for i, ident in enumerate(rules.op_ids)}
        self.maps["person"] = {ident: i for i, ident in enumerate(rules.person_ids)}
        self.maps["group"] = {ident: i for i, ident in enumerate(rules.group_ids)}

    def __call__(self, kind: str, ident) -> int | None:
        i = self.maps[kind].get(ident)
        if i is None and self.strict:
            raise ValueError(f"unknown {kind} '{ident}'")
        return i


# --- orders ---------------------------------------------------------------------------------------------------
def orders_to_json(rules, orders: Orders) -> dict:
    """Orders [B=1] as ids and numbers (only what is set)."""
    f = orders.funding[0]
    funding = {rules.program_ids[p]: float(f[p]) for p in np.flatnonzero(f > 0)}
    launches = [[s, i, rules.mission_ids[int(orders.launch[0, s, i])], bool(orders.rush[0, s, i])]
                + _seats_to_json(rules, orders.crew[0, s, i])
                for s in (0, 1) for i in range(orders.launch.shape[2]) if orders.launch[0, s, i] >= 0]
    c = orders.choice[0]
    choices = {rules.event_ids[e]: int(c[e]) for e in np.flatnonzero(c >= 0)}
    out = {"funding": funding, "launches": launches, "choices": choices}
    stopped = [rules.op_ids[o] for o in np.flatnonzero(orders.stop[0])]
    if stopped:
        out["stop"] = stopped
    train = {rules.person_ids[n]: SKILL_NAMES[int(orders.train[0, n])] for n in np.flatnonzero(
        (orders.train[0] >= 0) & (orders.train[0] < len(SKILL_NAMES)))}
    if train:
        out["train"] = train
    recruit = [rules.group_ids[g] for g in np.flatnonzero(orders.recruit[0])]
    if recruit:
        out["recruit"] = recruit
    return out


def _seats_to_json(rules, seats: np.ndarray) -> list:
    """[] when every seat is left to the core; else [[person id or None for each seat]]."""
    if not (seats >= 0).any():
        return []
    return [[rules.person_ids[int(n)] if 0 <= n < rules.n_people else None for n in seats]]


def orders_from_json(rules, data: dict, strict: bool = True) -> Orders:
    """Inverse of orders_to_json. Lenient: unknown ids and pads beyond today's are left out."""
    ids = _Ids(rules, strict)
    o = Orders.empty(rules, 1)
    try:
        for pid, money in data["funding"].items():
            if (p := ids("program", pid)) is not None:
                o.funding[0, p] = np.float32(money)
        for side, pad, mid, rush, *seats in data["launches"]:
            m, side, pad = ids("mission", mid), int(side), int(pad)
            if side not in (0, 1) or pad < 0 or pad >= rules.max_pads:
                if strict:
                    raise ValueError(f"no launch pad {pad} for side {side}")
                continue
            if m is not None:
                o.launch[0, side, pad] = m
                o.rush[0, side, pad] = bool(rush)
                for c, pid in enumerate(seats[0] if seats and seats[0] is not None else []):
                    n = None if pid is None else ids("person", pid)
                    if n is not None and c < o.crew.shape[3]:
                        o.crew[0, side, pad, c] = n
        for pid, discipline in data.get("train", {}).items():
            if (n := ids("person", pid)) is not None:
                if discipline not in SKILL_NAMES:
                    raise ValueError(f"no discipline '{discipline}' (one of {', '.join(SKILL_NAMES)})")
                o.train[0, n] = SKILL_NAMES.index(discipline)
        for gid in data.get("recruit", []):
            if (g := ids("group", gid)) is not None:
                o.recruit[0, g] = True
        for eid, option in data["choices"].items():
            if (e := ids("event", eid)) is not None:
                o.choice[0, e] = int(option)
        stops = data.get("stop", [])
        if not isinstance(stops, list):
            raise TypeError(f"'stop' is {type(stops).__name__}, not a list of operations")
        for oid in stops:
            if (op := ids("operation", oid)) is not None:
                o.stop[0, op] = True
    except (KeyError, TypeError, IndexError, AttributeError, OverflowError) as exc:
        raise ValueError(f"orders are malformed ({type(exc).__name__}: {exc})") from None
    return o


# --- digests --------------------------------------------------------------------------------------------------
def report_to_json(rules, r: TurnReport) -> dict:
    out = {"turn": r.turn,
            "launches": [[x.side, rules.mission_ids[x.mission], x.month, x.outcome,
                          [[s.name, s.state] for s in x.steps], [rules.milestone_ids[k] for k in x.earned],
                          x.prestige] + ([[rules.record_ids[k] for k in x.records]] if x.records else [])
                         for x in r.launches],
            "firsts": [[rules.milestone_ids[k], s, m] for k, s, m in r.firsts],
            "news": [rules.event_ids[e] for e in r.news],
            "prestige": [list(r.prestige_before), list(r.prestige_after)], "cash": [r.cash_before, r.cash_after],
            "budget": r.budget_after, "done": r.done, "winner": r.winner,
            "programs": [[rules.program_ids[p], d0, d1, s0, s1] for p, d0, d1, s0, s1 in r.programs]}
    if r.records:
        out["records"] = [[rules.record_ids[k], s, v0, v1] for k, s, v0, v1 in r.records]
    if r.operations:
        out["operations"] = [[rules.op_ids[o], what] for o, what in r.operations]
    if any(x.crew for x in r.launches):  # each launch's crew by person id, in the launches' order
        out["crews"] = [[rules.person_ids[n] for n in x.crew] for x in r.launches]
    return out


def report_from_json(rules, side: int, d: dict, strict: bool = True) -> TurnReport:
    ids = _Ids(rules, strict)
    try:
        launches = []
        crews = d.get("crews") or [[] for _ in d["launches"]]
        people = {pid: n for n, pid in enumerate(rules.person_ids)}
        for (s, mid, month, outcome, steps, earned, prestige, *more), crew in zip(d["launches"], crews, strict=True):
            raised = more[0] if more else ()     # the records it raised: written only when there are some
            m = ids("mission", mid)
            if m is not None:
                launches.append(LaunchReport(int(s), m, float(month), int(outcome),
                                             tuple(StepResult(str(n), str(st)) for n, st in steps),
                                             tuple(k for k in (ids("milestone", e) for e in earned) if k is not None),
                                             float(prestige), tuple(people[p] for p in crew if p in people),
                                             tuple(k for k in (ids("record", rid) for rid in raised) if k is not None)))
        firsts = [(k, int(s), float(m)) for k, s, m in ((ids("milestone", kid), s, m) for kid, s, m in d["firsts"])
                  if k is not None]
        news = [e for e in (ids("event", eid) for eid in d["news"]) if e is not None]
        programs = [(p, float(d0), float(d1), int(s0), int(s1))
                    for p, d0, d1, s0, s1 in ((ids("program", pid), *rest) for pid, *rest in d["programs"])
                    if p is not None]
        records = tuple((k, int(s), float(v0), float(v1)) for k, s, v0, v1 in
                        ((ids("record", rid), *rest) for rid, *rest in d.get("records", ())) if k is not None)
        operations = tuple((o, str(what)) for o, what in
                           ((ids("operation", oid), what) for oid, what in d.get("operations", ())) if o is not None)
        (p0, p1), (q0, q1) = d["prestige"]
        return TurnReport(side=side, turn=int(d["turn"]), launches=tuple(launches), firsts=tuple(firsts),
                          news=tuple(news), prestige_before=(float(p0), float(p1)),
                          prestige_after=(float(q0), float(q1)), cash_before=float(d["cash"][0]),
                          cash_after=float(d["cash"][1]), budget_after=float(d["budget"]), done=bool(d["done"]),
                          winner=int(d["winner"]), programs=tuple(programs), records=records,
                          operations=operations)
    except (KeyError, TypeError, IndexError, AttributeError) as exc:
        raise ValueError(f"a digest is malformed ({type(exc).__name__}: {exc})") from None


# --- chart history --------------------------------------------------------------------------------------------
def snapshot_to_json(rules, s: Snapshot) -> list:
    return [s.turn, list(s.prestige), s.budget, s.rival_budget_estimate, s.cash,
            {rules.program_ids[p]: [e, sd] for p, (e, sd) in s.estimates.items()}]


def snapshot_from_json(rules, d: list, strict: bool = True) -> Snapshot:
    ids = _Ids(rules, strict)
    try:
        turn, (p0, p1), budget, rival, cash, est = d
        estimates = {p: (float(e), float(sd)) for p, (e, sd) in ((ids("program", pid), v) for pid, v in est.items())
                     if p is not None}
        return Snapshot(int(turn), (float(p0), float(p1)), float(budget), float(rival), float(cash), estimates)
    except (TypeError, ValueError, AttributeError) as exc:
        if isinstance(exc, ValueError) and str(exc).startswith("unknown"):
            raise
        raise ValueError(f"a chart point is malformed ({type(exc).__name__}: {exc})") from None


def sides_to_json(rules, per_side: list[list], one) -> list[list]:
    """[[us items], [ussr items]] through `one` (report_to_json or snapshot_to_json)."""
    return [[one(rules, x) for x in items] for items in per_side]
