"""A side's draft orders for one turn, and what the side can know about them.

`Plan` is what a person builds on the headquarters screen: money per program,
missions on launch pads (with a rush flag), answers to pending events and the
running operations to stop.
`Plan.to_orders` turns it into the core's `Orders` for a batch of 1. The
forecast functions read only the side's Observation (index 0 of its batch);
costs and chances are the core's own formulas (game.rules.missions), fed with
the side's estimates.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from game.rules import missions
from game.rules.observe import Observation
from game.rules.orders import Orders
from game.rules.tables import AVAILABLE, DEVELOPING, GROUNDED, READY, Rules


@dataclass
class Launch:
    mission: int
    rush: bool = False


@dataclass
class Plan:
    """Mutable draft orders of one side: funding {program: money}, launches, choices {event: option} and
    stops (own operations to end this turn; every other running one is kept and pays its upkeep)."""

    side: int
    funding: dict[int, float] = field(default_factory=dict)
    launches: list[Launch] = field(default_factory=list)
    choices: dict[int, int] = field(default_factory=dict)
    stops: set[int] = field(default_factory=set)

    def set_funding(self, program: int, money: float) -> None:
        money = round(max(0.0, float(money)), 1)
        if money > 0:
            self.funding[program] = money
        else:
            self.funding.pop(program, None)

    def is_launching(self, mission: int) -> bool:
        return any(x.mission == mission for x in self.launches)

    def toggle_launch(self, mission: int) -> None:
        if self.is_launching(mission):
            self.launches = [x for x in self.launches if x.mission != mission]
        else:
            self.launches.append(Launch(mission))

    def toggle_rush(self, mission: int) -> None:
        for x in self.launches:
            if x.mission == mission:
                x.rush = not x.rush

    def toggle_stop(self, operation: int) -> None:
        """Stop a running operation this turn, or keep it running after all."""
        self.stops ^= {operation}

    def to_orders(self, rules: Rules) -> Orders:
        """Orders [B=1] with this side's part filled (the other side's left empty)."""
        o = Orders.empty(rules, 1)
        for p, money in self.funding.items():
            o.funding[0, p] = money
        for i, x in enumerate(self.launches[: rules.max_pads]):
            o.launch[0, self.side, i] = x.mission
            o.rush[0, self.side, i] = x.rush
        for e, c in self.choices.items():
            o.choice[0, e] = c
        for op in self.stops:
            o.stop[0, op] = True
        return o

    @staticmethod
    def from_orders(rules: Rules, orders: Orders, side: int) -> Plan:
        """The Plan of `side` inside Orders [B=1] (for showing an AI's or a saved turn's orders)."""
        plan = Plan(side)
        own = np.flatnonzero(rules.prog_side == side)
        for p in own:
            if orders.funding[0, p] > 0:
                plan.funding[int(p)] = float(orders.funding[0, p])
        for i in range(rules.max_pads):
            m = int(orders.launch[0, side, i])
            if m >= 0:
                plan.launches.append(Launch(m, bool(orders.rush[0, side, i])))
        ev = np.flatnonzero((orders.choice[0] >= 0) & ((rules.ev_recv == side) | (rules.ev_recv == 2)))
        plan.choices = {int(e): int(orders.choice[0, e]) for e in ev}
        plan.stops = {int(op) for op in np.flatnonzero(orders.stop[0] & (rules.op_side == side))}
        return plan


def mission_cost(rules: Rules, obs: Observation, m: int) -> float:
    """Money one flight of mission m costs the observing side now (what the core will charge)."""
    return float(missions.mission_costs(rules, np.nan_to_num(obs.cost_mult[:1], nan=1.0))[0, m])


def mission_programs(rules: Rules, m: int) -> list[int]:
    """The distinct programs mission m flies."""
    return [int(p) for p in rules.role_prog[m] if p < rules.n_programs]


def missing_prerequisites(rules: Rules, obs: Observation, m: int) -> list[int]:
    """Milestones the side lacks that mission m's targets require (each adds skip risk)."""
    held = obs.held[0, obs.side]
    return [int(k) for k in np.flatnonzero(rules.mis_prereq[:, m] > 0) if not held[k]]


def step_chances(rules: Rules, obs: Observation, m: int, rush: bool = False) -> list[float]:
    """The side's estimate of each step's success chance (skip and rush penalties included)."""
    est = np.nan_to_num(obs.estimate[0], nan=0.0)
    return missions.step_chances(rules, est, len(missing_prerequisites(rules, obs, m)), m, rush)


def success_chance(rules: Rules, obs: Observation, m: int, rush: bool = False) -> float:
    """The side's estimate that mission m succeeds at every step (the AI's success_estimate when
    not rushed)."""
    est = np.nan_to_num(obs.estimate[:1], nan=0.0)
    missing = missions.missing_counts(rules, obs.held[:1, obs.side])
    return float(missions.success_chances(rules, est, missing, rush)[0, m])


def stakes(rules: Rules, obs: Observation, m: int) -> list[tuple[int, str, float]]:
    """(milestone, "first" | "second" | "repeat", prestige) for each milestone mission m can earn now."""
    out = []
    held = obs.held[0]
    me = obs.side
    for k in np.flatnonzero(rules.mis_targets[m]):
        k = int(k)
        if held[me, k]:
            out.append((k, "repeat", float(rules.prestige_repeat[k])))
        elif held[1 - me, k]:
            out.append((k, "second", float(rules.prestige_second[k])))
        else:
            out.append((k, "first", float(rules.prestige_first[k])))
    return out


def useful_funding(rules: Rules, obs: Observation, p: int) -> float:
    """Most money program p can use this turn (development share or research cap); 0 if it takes none."""
    status = int(obs.status[0, p])
    if status in (AVAILABLE, DEVELOPING):
        left = (1.0 - float(np.nan_to_num(obs.dev_progress[0, p]))) * float(rules.start_cost[p])
        return round(min(float(rules.dev_cap[p]), left), 1)
    if status in (READY, GROUNDED):
        fundable = _prereqs_developed(rules, obs, p)
        return float(rules.research_pay_cap[p]) if fundable else 0.0
    return 0.0


def _prereqs_developed(rules: Rules, obs: Observation, p: int) -> bool:
    need = np.flatnonzero(rules.prog_prereq[p] > 0)
    return all(int(obs.status[0, q]) in (READY, GROUNDED) for q in need)


def kept_operations(rules: Rules, obs: Observation, plan: Plan) -> list[int]:
    """The side's own running operations the plan keeps (not stopped): each pays its upkeep this turn."""
    own = np.flatnonzero((rules.op_side == obs.side) & obs.op_running[0])
    return [int(op) for op in own if int(op) not in plan.stops]


def upkeep_due(rules: Rules, obs: Observation, plan: Plan) -> float:
    """Money the kept operations' upkeep takes this turn (paid after launches, before programs)."""
    return float(sum(float(rules.op_upkeep[op]) for op in kept_operations(rules, obs, plan)))


def plan_spending(rules: Rules, obs: Observation, plan: Plan) -> tuple[float, float]:
    """(money for launches, money for programs) the plan asks for."""
    launches = sum(mission_cost(rules, obs, x.mission) for x in plan.launches)
    return launches, float(sum(plan.funding.values()))


def money_left(rules: Rules, obs: Observation, plan: Plan) -> float:
    """Cash left after the plan's launches, the kept operations' upkeep and funding (negative: over budget)."""
    a, b = plan_spending(rules, obs, plan)
    return float(obs.cash[0]) - a - upkeep_due(rules, obs, plan) - b
