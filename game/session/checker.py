"""The order checker: what is wrong with a side's plan, in plain sentences.

The core silently scales down or scrubs bad orders; a person deserves to know
first. `check_plan` reads only the side's Observation, so it never reveals the
rival's hidden state. Errors block the end of a turn; warnings only inform.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.rules.observe import UNKNOWN, Observation
from game.rules.tables import ACTIVE, AVAILABLE, CANCELLED, DEVELOPING, GROUNDED, LOCKED, PERSON_STATUS_NAMES, READY
from game.session.plan import (
    Plan,
    kept_operations,
    mission_programs,
    money_left,
    plan_crews,
    upkeep_due,
    useful_funding,
)

ERROR, WARNING = "error", "warning"


@dataclass(frozen=True)
class Problem:
    severity: str  # ERROR or WARNING
    text: str      # one plain sentence for a person

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR


def money(x: float) -> str:
    """Money as players read it: "12" or "12.5"."""
    x = round(float(x), 1)
    return f"{x:.0f}" if x == int(x) else f"{x:.1f}"


def grounded_label(scenario, obs: Observation, p: int) -> str:
    """"grounded until Autumn 1963" for a grounded own program: the season it may fly again, from the
    Observation's `grounded_until` (the program is grounded while the turn is before it)."""
    until = int(obs.grounded_until[0, p])
    if until <= int(obs.turn[0]):
        return "grounded"
    if until >= scenario.rules.n_turns:
        return "grounded for the rest of the game"
    return f"grounded until {scenario.calendar.season(until)}"


def program_blocker(scenario, obs: Observation, p: int) -> str:
    """Why program p cannot be funded now, as the end of a sentence ("" when it can)."""
    rules = scenario.rules
    status = int(obs.status[0, p])
    name = scenario.programs[p]["name"]
    if status == CANCELLED:
        return f"{name} has been cancelled"
    if status == LOCKED:
        need = [q for q in np.flatnonzero(rules.prog_prereq[p] > 0)
                if int(obs.status[0, q]) not in (READY, GROUNDED)]
        if need:
            names = ", ".join(scenario.programs[q]["name"] for q in need)
            return f"{name} needs {names} developed first"
        turn = int(obs.turn[0])
        if rules.prog_avail_turn[p] > turn:
            return f"{name} is not available before {scenario.programs[p]['available']}"
        return f"{name} is locked: only an event can make it available"
    return ""


def mission_blockers(scenario, obs: Observation, m: int) -> list[str]:
    """Why mission m cannot fly now, as sentence ends (empty when it can)."""
    rules = scenario.rules
    out = []
    turn = int(obs.turn[0])
    if rules.mis_side[m] != obs.side:
        return ["it belongs to the other side"]
    if not obs.mission_open[0, m]:
        if rules.mis_avail_turn[m] > turn:
            out.append(f"it is not available before {scenario.missions[m].get('available')}")
        else:
            out.append("it is locked or cancelled: only an event can open it")
    for p in mission_programs(rules, m):
        name = scenario.programs[p]["name"]
        status = int(obs.status[0, p])
        if status == GROUNDED:
            out.append(f"{name} is {grounded_label(scenario, obs, p)}")
        elif status == CANCELLED:
            out.append(f"{name} has been cancelled")
        elif status in (AVAILABLE, DEVELOPING):
            paid = float(np.nan_to_num(obs.dev_progress[0, p]))
            out.append(f"{name} is not developed yet ({paid:.0%} paid)")
        elif status in (LOCKED, UNKNOWN):
            out.append(f"{name} is not developed yet (it cannot even be started now)")
    need, ready = int(rules.mis_crew[m]), people_ready(rules, obs)
    if need and ready is not None:
        if ready < need:
            out.append(f"{ready} of your people can fly now, {need} needed")
    return out


def people_ready(rules, obs: Observation) -> int | None:
    """How many of the side's people could fly now (active); None when the side flies no named crews."""
    own = np.asarray(rules.person_side) == obs.side
    if not own.any():
        return None
    return int(((np.asarray(obs.person_status[0]) == ACTIVE) & own).sum())


def crew_problems(scenario, obs: Observation, plan: Plan) -> list[Problem]:
    """What is wrong with the plan's crews, training and recruiting: a seat given to someone who cannot fly
    (the core then picks another), a launch the available people cannot man (it would be scrubbed), a
    person both flying and training, a group that cannot be recruited."""
    rules = scenario.rules
    out: list[Problem] = []
    status = np.asarray(obs.person_status[0])
    for x, crew in zip(plan.launches, plan_crews(rules, obs, plan), strict=True):
        need = int(rules.mis_crew[x.mission])
        name = scenario.missions[x.mission]["name"]
        if not need or not rules.n_people or (people_ready(rules, obs) or 0) < need:
            continue  # no named crews, or too few people at all: mission_blockers says so
        if not crew:
            out.append(Problem(ERROR, f"{name} has no crew: fewer than {need} of your people can fly this turn "
                                      "(each flies once a turn; those resting or training cannot)."))
            continue
        for n in x.crew:
            if n >= 0 and n not in crew:
                why = PERSON_STATUS_NAMES[status[n]] if status[n] >= 0 else "not yours"
                out.append(Problem(WARNING, f"{rules.person_names[n]} cannot fly {name} ({why}): the best "
                                            "available takes the seat."))
        for n in crew:
            if n in plan.train:
                out.append(Problem(WARNING, f"{rules.person_names[n]} flies {name} and so cannot train "
                                            "this turn."))
    for n in sorted(plan.train):
        if rules.person_side[n] != obs.side or status[n] != ACTIVE:
            out.append(Problem(ERROR, f"{rules.person_names[n]} cannot train now "
                                      f"({PERSON_STATUS_NAMES[status[n]] if status[n] >= 0 else 'not yours'})."))
    turn = int(obs.turn[0])
    for g in sorted(plan.recruit):
        group = scenario.groups[g]
        if rules.group_side[g] != obs.side or obs.group_recruited[0, g] or rules.group_avail_turn[g] > turn:
            out.append(Problem(ERROR, f"{group['name']} cannot be recruited now (not yours, already in, or "
                                      f"not before {group.get('available', '?')})."))
    return out


def last_turn_warnings(scenario, obs: Observation, plan: Plan) -> list[Problem]:
    """A warning for each own operation kept in its last turn with no booked flight that would renew it."""
    rules = scenario.rules
    out = []
    booked = {x.mission for x in plan.launches}
    for op in kept_operations(rules, obs, plan):
        if int(obs.op_left[0, op]) != 1:
            continue
        renewers = [int(m) for m in np.flatnonzero(rules.mis_starts_op == op)]
        if booked.intersection(renewers):
            continue
        name = scenario.operations[op]["name"]
        can = [scenario.missions[m]["name"] for m in renewers if obs.mission_open[0, m]
               and not mission_blockers(scenario, obs, m)]
        tip = f": a full success of {' or '.join(can)} keeps it running" if can else ""
        out.append(Problem(WARNING, f"{name} runs its last turn{tip}."))
    return out


def check_plan(scenario, obs: Observation, plan: Plan) -> list[Problem]:
    """Every problem of `plan` for the side of `obs` (batch index 0), errors first."""
    rules = scenario.rules
    problems: list[Problem] = []
    left = money_left(rules, obs, plan)
    if left < -1e-3:
        upkeep = upkeep_due(rules, obs, plan)
        within = f" (with {money(upkeep)} of upkeep for your operations)" if upkeep > 0 else ""
        cut = "cut" if upkeep <= 0 else "cut spending or stop an operation to save"
        problems.append(Problem(ERROR, f"You are spending {money(float(obs.cash[0]) - left)}{within} but have only "
                                       f"{money(obs.cash[0])}: {cut} {money(-left)}."))
    pads = int(rules.pads[obs.side])
    if len(plan.launches) > pads:
        problems.append(Problem(ERROR, f"You ordered {len(plan.launches)} launches but have only {pads} launch "
                                       f"pads: remove {len(plan.launches) - pads}."))
    for x in plan.launches:
        why = mission_blockers(scenario, obs, x.mission)
        if why:
            name = scenario.missions[x.mission]["name"]
            problems.append(Problem(ERROR, f"{name} cannot fly: {'; '.join(why)}."))
    for p, amount in sorted(plan.funding.items()):
        if rules.prog_side[p] != obs.side:
            problems.append(Problem(ERROR, f"{scenario.programs[p]['name']} is not your program."))
            continue
        blocker = program_blocker(scenario, obs, p)
        if blocker:
            problems.append(Problem(ERROR, f"{blocker[0].upper()}{blocker[1:]}: it cannot take money now."))
            continue
        cap = useful_funding(rules, obs, p)
        if amount > cap + 1e-3:
            problems.append(Problem(WARNING, f"{scenario.programs[p]['name']} can use only {money(cap)} this turn; "
                                             f"{money(amount - cap)} of it would be wasted."))
    problems += crew_problems(scenario, obs, plan)
    for e in np.flatnonzero(obs.pending[0]):
        if int(e) not in plan.choices:
            problems.append(Problem(WARNING, f"You have not answered \"{scenario.events[e]['title']}\": "
                                             "chance will decide."))
    for e, c in plan.choices.items():
        if not obs.pending[0, e] or not 0 <= c < int(rules.ev_n_options[e]):
            problems.append(Problem(ERROR, "An answer was given to an event that is not waiting for one."))
    problems += last_turn_warnings(scenario, obs, plan)
    if left > 0.5 and not problems and float(obs.cash[0]) > 0:
        problems.append(Problem(WARNING, f"{money(left)} is left unspent; it carries over to the next turn."))
    problems.sort(key=lambda pr: not pr.is_error)
    return problems

