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
