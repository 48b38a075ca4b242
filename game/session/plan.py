"""A side's draft orders for one turn, and what the side can know about them.

`Plan` is what a person builds on the headquarters and roster screens: money per
program, missions on launch pads (with a rush flag and the crew's seats), answers
to pending events, the running operations to stop, training per person and the
groups to recruit.
`Plan.to_orders` turns it into the core's `Orders` for a batch of 1. The
forecast functions read only the side's Observation (index 0 of its batch);
costs and chances are the core's own formulas (game.rules.missions), fed with
the side's estimates.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from game.rules import crews, missions
from game.rules.kernel_tables import crew_seats, kernel_tables
from game.rules.observe import Observation
from game.rules.orders import Orders
from game.rules.tables import AVAILABLE, DEVELOPING, GROUNDED, READY, Rules


@dataclass
class Launch:
    """A mission on a launch pad; crew: the person chosen for each seat (-1 or missing: the core's pick)."""

    mission: int
    rush: bool = False
    crew: list[int] = field(default_factory=list)


@dataclass
class Plan:
    """Mutable draft orders of one side: funding {program: money}, launches, choices {event: option},
    stops (own operations to end this turn; every other running one is kept and pays its upkeep),
    training {person: discipline 0..4} and groups to recruit."""

    side: int
    funding: dict[int, float] = field(default_factory=dict)
    launches: list[Launch] = field(default_factory=list)
    choices: dict[int, int] = field(default_factory=dict)
    stops: set[int] = field(default_factory=set)
    train: dict[int, int] = field(default_factory=dict)
    recruit: set[int] = field(default_factory=set)

    def set_training(self, person: int, discipline: int | None) -> None:
        """Train `person` in discipline 0..4 this turn (None or -1: no training)."""
        if discipline is None or discipline < 0:
            self.train.pop(person, None)
        else:
            self.train[person] = int(discipline)

    def toggle_recruit(self, group: int) -> None:
        self.recruit ^= {group}

    def set_seat(self, mission: int, seat: int, person: int) -> None:
        """Put `person` (-1: the core's pick) on seat `seat` of the booked launch of `mission`; the person
        leaves any other seat of this plan."""
        for x in self.launches:
            x.crew = [-1 if (n == person and person >= 0) else n for n in x.crew]
        for x in self.launches:
            if x.mission == mission:
                x.crew += [-1] * (seat + 1 - len(x.crew))
                x.crew[seat] = person

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
        seats = o.crew.shape[-1]
        for i, x in enumerate(self.launches[: rules.max_pads]):
            for c, n in enumerate(x.crew[:seats]):
                o.crew[0, self.side, i, c] = n
        for n, d in self.train.items():
            o.train[0, n] = d
        for g in self.recruit:
            o.recruit[0, g] = True
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
                crew = [int(n) for n in orders.crew[0, side, i]]
                plan.launches.append(Launch(m, bool(orders.rush[0, side, i]),
                                            crew if any(n >= 0 for n in crew) else []))
        ev = np.flatnonzero((orders.choice[0] >= 0) & ((rules.ev_recv == side) | (rules.ev_recv == 2)))
        plan.choices = {int(e): int(orders.choice[0, e]) for e in ev}
        plan.stops = {int(op) for op in np.flatnonzero(orders.stop[0] & (rules.op_side == side))}
        own_people = np.asarray(rules.person_side) == side
        plan.train = {int(n): int(orders.train[0, n]) for n in np.flatnonzero((orders.train[0] >= 0) & own_people)}
        plan.recruit = {int(g) for g in np.flatnonzero(orders.recruit[0] & (np.asarray(rules.group_side) == side))}
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
    """(money for launches, money for programs and the corps' training and recruiting) the plan asks for."""
    launches = sum(mission_cost(rules, obs, x.mission) for x in plan.launches)
    return launches, float(sum(plan.funding.values())) + corps_spending(rules, plan)


def corps_spending(rules: Rules, plan: Plan) -> float:
    """Money the plan's training (crew_training_cost a person) and recruiting (each group's cost) asks for."""
    groups = sum(float(rules.group_cost[g]) for g in plan.recruit)
    return float(rules.crew_training_cost) * len(plan.train) + groups


def money_left(rules: Rules, obs: Observation, plan: Plan) -> float:
    """Cash left after the plan's launches, the kept operations' upkeep and funding (negative: over budget)."""
    a, b = plan_spending(rules, obs, plan)
    return float(obs.cash[0]) - a - upkeep_due(rules, obs, plan) - b


# --- crews -----------------------------------------------------------------------------------------------
def plan_crews(rules: Rules, obs: Observation, plan: Plan) -> list[list[int]]:
    """The crew the core would seat on each of the plan's launches (in the plan's order; person indices,
    as many as the mission's crew, or [] when it could not be manned or flies no named crew): the seats
    the plan orders when valid, the rest the best available (game.rules.crews.suggested_crews, the core's
    own pick), from what the side sees of its people."""
    if rules.n_people == 0:
        return [[] for _ in plan.launches]
    L, C = rules.max_pads, crew_seats(rules)
    launch = np.full((2, L), -1, np.int64)
    crew = np.full((2, L, C), -1, np.int64)
    for i, x in enumerate(plan.launches[:L]):
        launch[plan.side, i] = x.mission
        for c, n in enumerate(x.crew[:C]):
            crew[plan.side, i, c] = n
    train = np.full(rules.n_people, -1, np.int64)
    for n, d in plan.train.items():
        train[n] = d
    skill = np.nan_to_num(obs.skill[0], nan=0.0)
    seated = crews.suggested_crews(rules, obs.person_status[0], skill, launch, crew, train)
    out = []
    for i, x in enumerate(plan.launches):
        need = int(rules.mis_crew[x.mission])
        people = [int(n) for n in seated[plan.side, i, :need]] if i < L else []
        out.append(people if need and people and min(people) >= 0 else [])
    return out


def crew_of(rules: Rules, obs: Observation, plan: Plan, m: int) -> list[int]:
    """The crew that would fly the plan's launch of mission m ([] if none: not booked, short, uncrewed)."""
    for x, people in zip(plan.launches, plan_crews(rules, obs, plan), strict=True):
        if x.mission == m:
            return people
    return []


def crew_chance(rules: Rules, obs: Observation, m: int, people: list[int], rush: bool = False) -> float:
    """The side's estimate that mission m succeeds at every step when `people` fly it (the crew's skill on
    each skilled step, as the core draws it); without a crew, success_chance."""
    if not people:
        return success_chance(rules, obs, m, rush)
    est = np.nan_to_num(obs.estimate[:1], nan=0.0)
    missing = missions.missing_counts(rules, obs.held[:1, obs.side])
    skill = np.nan_to_num(obs.skill[0], nan=0.0)
    one = missions.crew_skills(rules, skill, people, m)
    at = np.full((1, rules.n_missions, len(one)), np.nan, np.float32)
    at[0, m] = one
    return float(missions.success_chances(rules, est, missing, rush, at)[0, m])


def crew_effects(scenario, obs: Observation, m: int, people: list[int]) -> list[str]:
    """Why a crew helps or hurts mission m, a line per skilled step: "Leonov: EVA 0.90, +3% on Spacewalk"
    (the crew's mean skill in the step's discipline and the points it adds to the step's chance: the
    core's crew_step_bonus). Empty without a crew or skilled steps."""
    from game.rules.tables import SKILL_NAMES

    rules = scenario.rules
    if not people:
        return []
    skill = np.nan_to_num(obs.skill[0], nan=0.0)
    at = missions.crew_skills(rules, skill, people, m)
    bonus = missions.crew_step_bonus(rules, skill, people, m)
    names = ", ".join(person_name(rules, n) for n in people)
    out = []
    for j, st in enumerate(scenario.missions[m]["steps"]):
        if j < len(at) and np.isfinite(at[j]):
            d = int(kernel_tables(rules).step_skill[m, j])
            out.append(f"{names}: {skill_label(SKILL_NAMES[d])} {float(at[j]):.2f}, "
                       f"{float(bonus[j]) * 100:+.0f}% on {st['name']}")
    return out


def skill_label(name: str) -> str:
    """"EVA" for "eva", "Piloting" for "piloting"."""
    return name.upper() if name == "eva" else name.capitalize()


def person_name(rules: Rules, n: int) -> str:
    """A person's short name (the last word of the full name: "Leonov")."""
    return rules.person_names[n].split()[-1]


def crew_step_effect(rules: Rules, obs: Observation, m: int, people: list[int]) -> float | None:
    """The total change the crew `people` makes to mission m's skilled steps' chances (the sum of the core's
    crew_step_bonus over them); None when no step of m calls on a skill."""
    if not people:
        return None
    skill = np.nan_to_num(obs.skill[0], nan=0.0)
    at = missions.crew_skills(rules, skill, people, m)
    if not np.isfinite(at).any():
        return None
    return float(missions.crew_step_bonus(rules, skill, people, m).sum())
