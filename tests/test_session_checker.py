"""The order checker explains, in plain sentences, what is wrong with a plan."""

from __future__ import annotations

import pytest

from game.scenario import load
from game.session import GameSession, Plan, check_plan, make_seat


@pytest.fixture(scope="module")
def game():
    sc = load("historical")
    r = sc.rules
    return sc, GameSession.new(sc, (make_seat("human", r), make_seat("scripted", r)), seed=1)


def texts(sc, s, plan):
    return [p.text for p in check_plan(sc, s.observation(plan.side), plan) if p.is_error]


def test_over_budget(game):
    sc, s = game
    plan = Plan(0)
    plan.set_funding(sc.rules.program_ids.index("redstone"), 400)
    assert any("but have only" in t and "cut" in t for t in texts(sc, s, plan))


def test_mission_with_undeveloped_program(game):
    sc, s = game
    plan = Plan(0)
    plan.toggle_launch(sc.rules.mission_ids.index("vanguard_satellite"))
    (t,) = texts(sc, s, plan)
    assert t.startswith("Vanguard satellite cannot fly") and "Vanguard is not developed yet (0% paid)" in t


def test_locked_program_names_its_prerequisite(game):
    sc, s = game
    plan = Plan(0)
    plan.set_funding(sc.rules.program_ids.index("jupiter_c"), 1)
    assert any("needs Redstone developed first" in t for t in texts(sc, s, plan))


def test_pads_exceeded(game):
    sc, s = game
    plan = Plan(0)
    for m in ("vanguard_satellite", "explorer_satellite", "pioneer_lunar"):
        plan.toggle_launch(sc.rules.mission_ids.index(m))
    assert any("3 launches but have only 2 launch pads" in t for t in texts(sc, s, plan))


def test_a_sound_plan_has_no_errors(game):
    sc, s = game
    plan = Plan(0)
    plan.set_funding(sc.rules.program_ids.index("redstone"), 5)
    assert texts(sc, s, plan) == []


def test_grounded_program_says_until_when(game):
    import dataclasses

    from game.rules.observe import observe
    from game.rules.tables import GROUNDED
    from game.session.checker import grounded_label, mission_blockers

    sc, s = game
    r = sc.rules
    redstone = r.program_ids.index("redstone")
    dev = s.state.dev.copy()
    dev[0, redstone] = r.start_cost[redstone]  # developed, so that it can be grounded
    until = s.state.grounded_until.copy()
    until[0, redstone] = s.turn + 3
    obs = observe(r, dataclasses.replace(s.state, dev=dev, grounded_until=until), 0)
    assert int(obs.status[0, redstone]) == GROUNDED
    when = sc.calendar.season(s.turn + 3)
    assert grounded_label(sc, obs, redstone) == f"grounded until {when}"
    why = mission_blockers(sc, obs, r.mission_ids.index("mercury_suborbital"))
    assert f"Redstone is grounded until {when}" in why
    until[0, redstone] = r.n_turns + 5
    obs = observe(r, dataclasses.replace(s.state, dev=dev, grounded_until=until), 0)
    assert grounded_label(sc, obs, redstone) == "grounded for the rest of the game"
