"""The crew on headquarters' mission rows: whether a mission flies a named crew, and the row's line naming
the crew a booked launch would fly with and what its skill does to the chance (game.session.plan)."""

from __future__ import annotations

import numpy as np

from game.session.plan import crew_of, crew_step_effect, person_name


def has_named_crew(rules, m: int) -> bool:
    """Whether mission m is crewed and its side has people in the rules (so a crew can be chosen)."""
    side = int(rules.mis_side[m])
    return int(rules.mis_crew[m]) > 0 and bool((np.asarray(rules.person_side) == side).any())


def crew_subline(scenario, obs, plan, m: int) -> str:
    """"Crew: Glenn · +2% on skilled steps" for a booked crewed launch; "" otherwise (the row shows the
    mission's stakes instead)."""
    if not plan.is_launching(m) or not has_named_crew(scenario.rules, m):
        return ""
    crew = crew_of(scenario.rules, obs, plan, m)
    if not crew:
        return "No crew: too few of your people can fly this turn"
    names = ", ".join(person_name(scenario.rules, n) for n in crew)
    effect = crew_step_effect(scenario.rules, obs, m, crew)
    return f"Crew: {names}" + (f" · skill {effect * 100:+.0f}% over the skilled steps" if effect is not None else "")
