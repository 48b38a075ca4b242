"""The corps in words, from one side's Observation only: a person's line on the roster, the memorial of
both sides' dead, and the rival's people as the public record shows them (those who flew: flights,
firsts, fate; never skills, morale or training, which the Observation does not hold for them)."""

from __future__ import annotations

import numpy as np

from game.rules.state import NEVER
from game.rules.tables import ACTIVE, DEAD, NOT_RECRUITED, PERSON_STATUS_NAMES, RESIGNED, RESTING, RETIRED, TRAINING
from game.session.describe import side_name
from game.session.plan import skill_label
from game.ui.scene import escape
from game.ui.scenes.panels import muted, side_tag

STATUS_ORDER = {ACTIVE: 0, TRAINING: 1, RESTING: 2, RETIRED: 3, RESIGNED: 4, DEAD: 5}
STATUS_WORDS = {ACTIVE: "active", RESTING: "resting", TRAINING: "training", RETIRED: "retired",
                RESIGNED: "resigned", DEAD: "dead"}


def own_people(rules, obs) -> list[int]:
    """The side's recruited people (batch index 0), those who may fly first, then by status and index."""
    own = np.flatnonzero((np.asarray(rules.person_side) == obs.side) & (obs.person_status[0] != NOT_RECRUITED)
                         & (obs.person_status[0] >= 0))
    return sorted((int(n) for n in own), key=lambda n: (STATUS_ORDER.get(int(obs.person_status[0, n]), 9), n))


def own_groups(rules, side: int) -> list[int]:
    """The side's recruitment groups, by date then index."""
    own = np.flatnonzero(np.asarray(rules.group_side) == side)
    return sorted((int(g) for g in own), key=lambda g: (int(rules.group_avail_turn[g]), g))


def firsts_names(scenario, bits: int) -> list[str]:
    """The names of the milestones whose bits are set in a person's firsts (uint64)."""
    bits = int(bits)
    return [scenario.milestones[k]["name"] for k in range(scenario.rules.n_milestones) if bits >> k & 1]


def status_text(scenario, obs, n: int) -> str:
    """"resting until Spring 1965", "dead (Autumn 1964)", "active"... for an own or seen person."""
    st = int(obs.person_status[0, n])
    word = STATUS_WORDS.get(st, PERSON_STATUS_NAMES[st] if st >= 0 else "unknown")
    if st == RESTING and int(obs.rest_until[0, n]) > int(obs.turn[0]):
        word += f" until {scenario.calendar.season(int(obs.rest_until[0, n]))}"
    if int(obs.died_turn[0, n]) != NEVER:
        word = f"died {scenario.calendar.season(int(obs.died_turn[0, n]))}"
    return word


def person_subline(scenario, obs, n: int) -> str:
    """A roster row's second line: group · status · flights · firsts · morale."""
    rules = scenario.rules
    group = scenario.groups[int(rules.person_group[n])]["name"]
    firsts = len(firsts_names(scenario, obs.person_firsts[0, n]))
    line = f"{group} · {status_text(scenario, obs, n)} · flights {int(obs.person_flights[0, n])} · firsts {firsts}"
    if int(obs.died_turn[0, n]) != NEVER:
        return line                                     # the dead have no morale to show
    return line + f" · morale {float(np.nan_to_num(obs.morale[0, n])):.0%}"


def person_tip(scenario, obs, n: int) -> str:
    """A person's tooltip: name, bio, each skill, firsts and what the numbers mean."""
    from game.rules.tables import SKILL_NAMES

    rules = scenario.rules
    person = scenario.persons[n]
    lines = [f"<b>{escape(person['name'])}</b>", escape(person.get("bio", ""))]
    skills = obs.skill[0, n]
    lines.append(" · ".join(f"{skill_label(d)} {float(skills[i]):.2f}" for i, d in enumerate(SKILL_NAMES)))
    names = firsts_names(scenario, obs.person_firsts[0, n])
    if names:
        lines.append("Firsts: " + escape(", ".join(names)))
    lines.append(f"A crew's mean skill in a step's discipline moves that step's chance by "
                 f"{rules.crew_skill_bonus * 100:g} points per 1.0 above or below 0.5. Each flight adds "
                 f"{rules.crew_flight_experience:g} in the disciplines flown; a turn of training adds "
                 f"{rules.crew_training_gain:g} and costs {rules.crew_training_cost:g}.")
    lines.append(f"Retires after {rules.crew_max_flights} flights or {rules.crew_career_years} years; "
                 f"resigns when morale falls below {rules.crew_quit_morale:.0%}.")
    return "<br>".join(x for x in lines if x)


def group_subline(scenario, obs, g: int) -> str:
    rules = scenario.rules
    size = int((np.asarray(rules.person_group) == g).sum())
    cost = float(rules.group_cost[g])
    when = scenario.calendar.season(int(rules.group_avail_turn[g]))
    how = "joins by itself" if cost == 0 else f"costs {cost:g}"
    state = "in the corps" if obs.group_recruited[0, g] else (
        "open" if int(rules.group_avail_turn[g]) <= int(obs.turn[0]) else f"from {when}")
    return f"{size} people · {how} · {state}"


def memorial_html(session, side: int) -> str:
    """Both sides' dead that `side` knows of (its own, and the rival's who died on a flight), by date, each
    with the flight that was lost (from the side's own turn reports) or, failing that, their flight count."""
    scenario = session.scenario
    rules = scenario.rules
    obs = session.observation(side)
    lost_on = {}
    for report in session.reports[side]:
        for x in report.launches:
            if x.crew_lost:
                for n in x.crew:
                    lost_on[n] = scenario.missions[x.mission]["name"]
    dead = [int(n) for n in np.flatnonzero(obs.died_turn[0] != NEVER)]
    out = ["<b>In memory</b>"]
    if not dead:
        out.append(muted("No one has been lost."))
    for n in sorted(dead, key=lambda n: (int(obs.died_turn[0, n]), n)):
        when = scenario.calendar.season(int(obs.died_turn[0, n]))
        flight = lost_on.get(n) or f"flight {int(obs.person_flights[0, n])}"
        out.append(f"{side_tag(int(rules.person_side[n]))} <b>{escape(rules.person_names[n])}</b> — "
                   f"{escape(when)}, {escape(flight)}")
    return "<br>".join(out)


def rival_people_html(scenario, obs) -> str:
    """The rival's people the side has seen fly: flights, firsts and fate (the public record only)."""
    rules = scenario.rules
    rival = 1 - obs.side
    seen = [int(n) for n in np.flatnonzero(obs.person_seen[0] & (np.asarray(rules.person_side) == rival))]
    out = [f"<b>{escape(side_name(scenario, rival))}: who has flown</b>",
           muted("Only the public record: who flew, how often, their firsts and their fate. Their skills, "
                 "morale, training and untried people are secret.")]
    if not seen:
        out.append(muted("No one yet."))
    for n in sorted(seen, key=lambda n: (-int(obs.person_flights[0, n]), n)):
        firsts = firsts_names(scenario, obs.person_firsts[0, n])
        fate = "lost on a flight" if int(obs.died_turn[0, n]) != NEVER else STATUS_WORDS.get(
            int(obs.person_status[0, n]), "in service")
        extra = f" · firsts: {escape(', '.join(firsts))}" if firsts else ""
        out.append(f"<b>{escape(rules.person_names[n])}</b> · flights {int(obs.person_flights[0, n])} · "
                   f"{escape(fate)}{extra}")
    return "<br>".join(out)
