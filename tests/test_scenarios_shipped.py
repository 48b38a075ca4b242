"""The shipped scenarios: each one valid, each a different way to play, each a real contest."""

from __future__ import annotations

import numpy as np
import pytest

from game.ai.policies import make_policy
from game.scenario import load, shipped_ids, validate
from game.scenario.calendar import month_of
from game.sim.rollout import play_games

NEW = ("race_to_the_moon", "soviet_n1_works")


def test_at_least_three_scenarios_ship_and_all_are_clean():
    ids = shipped_ids()
    assert len(ids) >= 3 and set(NEW) <= set(ids)
    for ident in ids:
        found = validate(ident)
        assert not found, [d.format() for d in found]


def test_race_to_the_moon_is_short_and_decided_by_the_moon():
    sc = load("race_to_the_moon")
    base = load("historical")
    assert sc.chain == ("race_to_the_moon", "historical")
    assert sc.meta["scenario"]["start"] == "1961-01" and sc.meta["scenario"]["end"] == "1970-12"
    assert sc.rules.decisive_milestone == sc.rules.milestone_ids.index("crewed_moon_landing")
    assert sc.rules.decisive_deadline == month_of("1970-01")
    assert sc.rules.n_turns < base.rules.n_turns // 2 + 1
    assert "joint_docking" not in sc.rules.milestone_ids
    assert all(not e.get("date") or month_of(e["date"]) >= month_of("1961-01") or e.get("trigger", {}).get("has")
               or e.get("trigger", {}).get("rival_has") for e in sc.events)


def test_soviet_n1_works_changes_the_n1_and_its_events():
    sc, base = load("soviet_n1_works"), load("historical")
    n1 = {p["id"]: p for p in sc.programs}["n1"]
    n1_base = {p["id"]: p for p in base.programs}["n1"]
    assert n1["reliability"] > n1_base["reliability"] and n1["research_cap"] > n1_base["research_cap"]
    ids = {e["id"] for e in sc.events}
    assert "n1_failures" not in ids and "n1_test_stand" in ids
    assert sc.meta["victory"] == base.meta["victory"]


@pytest.mark.parametrize("ident", NEW)
def test_both_sides_can_win_and_the_moon_is_reached(ident):
    sc = load(ident)
    r = sc.rules
    fin = play_games(r, make_policy("scripted", r), make_policy("scripted", r), seed=5, games=128)
    winners = fin.state.winner
    assert (winners == 0).sum() >= 10 and (winners == 1).sum() >= 10, np.bincount(winners, minlength=3)
    moon = r.milestone_ids.index("crewed_moon_landing")
    first = fin.state.first_side[:, moon]
    assert (first >= 0).mean() > 0.8
    assert (first == 1).sum() >= 10  # the Soviet Union can land first in these scenarios


def test_the_what_if_gives_the_soviet_moon_landing_a_better_chance():
    shares = {}
    for ident in ("historical", "soviet_n1_works"):
        r = load(ident).rules
        fin = play_games(r, make_policy("scripted", r), make_policy("scripted", r), seed=9, games=200)
        shares[ident] = (fin.state.first_side[:, r.milestone_ids.index("crewed_moon_landing")] == 1).mean()
    assert shares["soviet_n1_works"] > shares["historical"] + 0.05, shares
