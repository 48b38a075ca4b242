"""A story from the historical scenario: the Soviet Union races to the first satellite.

Moscow funds Korolev's R-7, then the Sputnik satellite, and flies the satellite
mission every turn until it has won the first satellite and flown once more.
Washington gives no orders at all. Along the way we watch what each side sees.
"""

from __future__ import annotations

import numpy as np
from gamekit import historical

from game.rules import Orders, init, observe, step
from game.rules.observe import UNKNOWN, pending_events
from game.rules.rng import game_keys
from game.rules.tables import FAILURE, NO_LAUNCH, PARTIAL, READY, SUCCESS

US, USSR = 0, 1


class Moscow:
    """The Soviet side of the story: what it orders, one turn at a time."""

    def __init__(self, scenario):
        self.scenario = scenario
        self.rules = r = scenario.rules
        self.r7 = r.program_ids.index("r7")
        self.sputnik = r.program_ids.index("sputnik")
        self.mission = r.mission_ids.index("sputnik_satellite")

    def orders(self, state) -> Orders:
        """Develop the R-7, then Sputnik; once both are ready, launch a satellite from the first pad.
        Events that ask Moscow to choose get its first option."""
        r = self.rules
        mine = observe(r, state, USSR)
        o = Orders.empty(r, 1)
        funding, launch, choice = o.funding.copy(), o.launch.copy(), o.choice.copy()
        ready = mine.status[0, [self.r7, self.sputnik]] == READY
        for p in (self.r7, self.sputnik):
            if mine.status[0, p] != READY:
                funding[0, p] = r.dev_cap[p]
        if ready.all():
            launch[0, USSR, 0] = self.mission
        choice[0, mine.pending[0]] = 0
        return o.replace(funding=funding, launch=launch, choice=choice)

    def event_prestige(self, pending_before, fired) -> float:
        """Soviet prestige from events this step: option 0 of each event Moscow was asked about,
        and the events that fired as the next turn opened."""
        total = 0.0
        for e, ev in enumerate(self.scenario.events):
            if pending_before[e] and ev["option"]:
                total += ev["option"][0]["effects"].get("prestige") or 0
            if fired[e] and ev["who"] in ("ussr", "both"):
                total += ev["effects"].get("prestige") or 0
        return total


def test_the_soviet_union_wins_the_race_to_orbit():
    scenario = historical()
    r = scenario.rules
    moscow = Moscow(scenario)
    satellite = r.milestone_ids.index("satellite")
    first, repeat, failure = (float(t[satellite]) for t in (r.prestige_first, r.prestige_repeat, r.prestige_failure))
    state = init(r, game_keys(1957, 1))

    flights = []   # (turn, outcome, prestige the flight earned)
    hidden_failure_seen = False
    while not state.done[0] and sum(f[1] == SUCCESS for f in flights) < 2:
        before = state
        orders = moscow.orders(before)
        state, info = step(r, before, orders)
        if orders.launch[0, USSR, 0] < 0:
            continue
        outcome = int(state.launch_outcome[0, USSR, 0])
        from_flight = float(info.awarded[0, USSR]) - moscow.event_prestige(pending_events(r, before)[0], info.fired[0])
        flights.append((int(before.turn[0]), outcome, from_flight))

        # Moscow sees its own launch, whatever happened to it.
        soviet_view = observe(r, state, USSR)
        assert soviet_view.launch_mission[0, USSR, 0] == moscow.mission
        assert soviet_view.launch_outcome[0, USSR, 0] == outcome
        assert soviet_view.launch_passed[0, USSR, 0] == state.launch_passed[0, USSR, 0]
        # Washington hears of Soviet successes, never of the uncrewed failures (secret_failures).
        us_view = observe(r, state, US)
        if outcome in (FAILURE, PARTIAL):
            hidden_failure_seen = True
            assert us_view.launch_mission[0, USSR, 0] == -1
            assert us_view.launch_outcome[0, USSR, 0] == NO_LAUNCH
            assert us_view.launch_month[0, USSR, 0] == 0 and us_view.launch_passed[0, USSR, 0] == 0
            # a failure never earns prestige (whether a secret one costs the public failure prestige is
            # test_observation_fairness.py's question: it must leave no trace in the US view)
            assert from_flight in (failure, 0.0)
        else:
            assert us_view.launch_mission[0, USSR, 0] == moscow.mission
            assert us_view.launch_outcome[0, USSR, 0] == outcome

        if outcome == SUCCESS and len([f for f in flights if f[1] == SUCCESS]) == 1:
            # The first satellite: Soviet, dated inside the turn of the flight, worth the first prestige.
            assert state.first_side[0, satellite] == USSR
            assert info.firsts[0, USSR] & np.uint64(1 << satellite)
            assert info.firsts[0, US] == 0
            month0 = r.start_month + int(before.turn[0]) * r.months_per_turn
            dated = float(state.first_month[0, satellite])
            assert month0 <= dated < month0 + r.months_per_turn
            assert dated == np.float32(month0 + state.launch_month[0, USSR, 0])
            assert from_flight == first
            assert observe(r, state, US).first_side[0, satellite] == USSR   # the whole world knows
            assert observe(r, state, US).held[0, USSR, satellite]
            first_state = state
        elif outcome == SUCCESS:
            # A second satellite earns only the repeat prestige; the first stays as it was.
            assert from_flight == repeat
            assert state.first_side[0, satellite] == USSR
            assert state.first_month[0, satellite] == first_state.first_month[0, satellite]
            assert info.firsts[0].sum() == 0

    successes = [f for f in flights if f[1] == SUCCESS]
    assert len(successes) == 2, f"the story needs two successful satellites, flights: {flights}"
    assert hidden_failure_seen, f"the story needs a failed Soviet launch, flights: {flights}"
    assert r.turn_date(successes[0][0]) >= (1957, 1), "no Sputnik before the program may start"
    assert not (state.held[0, US] & np.uint64(1 << satellite)), "Washington never flew"
    us_view = observe(r, state, US)
    assert np.isnan(us_view.estimate[0, [moscow.r7, moscow.sputnik]]).all()
    assert us_view.status[0, moscow.sputnik] != UNKNOWN, "a program that flew in public is known to the rival"
