"""The shipped cold_war scenario: 1955 to the Soviet Union's end in December 1991, prestige fading yearly."""

from __future__ import annotations

import dataclasses
import functools
import re

import numpy as np
import pytest

from game.ai.policies import make_policy
from game.rules import Orders, init, observe, step
from game.rules.rng import game_keys
from game.scenario import load, shipped_ids, validate
from game.scenario.calendar import month_of
from game.sim.rollout import play_games

# The source document's body, paragraph by paragraph as the scenarios count them (the two caption
# lines above it are its "opening lines"), with the years each paragraph names. A citation of a
# paragraph may name only years that paragraph gives.
SOURCE_PARAGRAPH_YEARS = {
    "opening lines": set(),
    "paragraph 1": set(),
    "paragraph 2": {1955, 1957, 1958, 1961},
    "paragraph 3": {1969},
    "paragraph 4": {1972, 1975, 1991},
}


@functools.cache
def cold_war():
    return load("cold_war")


@functools.cache
def scripted_games():
    """Eight seeded games, scripted plan on both sides, played to their end."""
    r = cold_war().rules
    return play_games(r, make_policy("scripted", r), make_policy("scripted", r), seed=3, games=8)


def test_it_is_shipped_valid_and_extends_historical_to_december_1991():
    assert "cold_war" in shipped_ids()
    assert validate("cold_war") == []
    sc = cold_war()
    base = load("historical")
    assert sc.chain == ("cold_war", "historical")
    assert sc.meta["scenario"]["start"] == base.meta["scenario"]["start"]
    assert sc.meta["scenario"]["end"] == "1991-12"
    assert sc.calendar.turn_month(sc.rules.n_turns - 1) <= month_of("1991-12") < \
        sc.calendar.turn_month(sc.rules.n_turns - 1) + sc.calendar.months_per_turn
    # every base milestone is kept; at most twelve are new, and the core's limit holds
    assert set(base.rules.milestone_ids) <= set(sc.rules.milestone_ids)
    assert 0 < len(sc.rules.milestone_ids) - len(base.rules.milestone_ids) <= 12
    assert len(sc.rules.milestone_ids) <= 64


def test_budgets_run_to_1991_for_both_sides():
    sides = cold_war().meta["side"]
    for side in ("us", "ussr"):
        points = sides[side]["budget"]
        years = [y for y, _ in points]
        assert years == sorted(years) and years[-1] >= 1991, side
        assert all(v > 0 for _, v in points), side


def test_the_victory_rule_is_prestige_with_a_fade():
    sc = cold_war()
    assert sc.meta["victory"]["rule"] == "prestige"
    assert not sc.meta["victory"].get("decisive_milestone")
    assert 0 < sc.rules.prestige_fade < 0.2
    assert sc.rules.prestige_fade == pytest.approx(sc.meta["victory"]["prestige_fade"])


def test_a_seeded_game_plays_to_december_1991_and_the_soviet_union_dissolves():
    sc = cold_war()
    r = sc.rules
    fin = scripted_games()
    st = fin.state
    assert st.done.all()
    last = r.n_turns - 1
    full = ~st.sacked.any(axis=1)  # a side's leadership dismissed ends a game early
    assert full.sum() >= 6, st.sacked
    assert (st.turn[full] == r.n_turns).all()
    dissolution = r.event_ids.index("soviet_dissolution")
    assert (st.ev_last[full, dissolution] == last).all()
    assert (st.winner[full] >= 0).all()
    dissolution_entry = next(e for e in sc.events if e["id"] == "soviet_dissolution")
    assert dissolution_entry["date"] == "1991-12" and "ends" in dissolution_entry["text"]
    # the base's look-ahead from 1975 is gone: 1991 is played, not foretold
    assert "cold_war_epilogue" not in r.event_ids


def test_the_late_firsts_are_won_in_play():
    sc = cold_war()
    r = sc.rules
    base = set(load("historical").rules.milestone_ids)
    st = scripted_games().state
    for k, ident in enumerate(r.milestone_ids):
        if ident in base:
            continue
        assert (st.first_side[:, k] >= 0).any(), f"{ident} was never won in 8 games"


def test_prestige_fades_by_the_scenario_share_at_a_new_year():
    sc = cold_war()
    r = sc.rules
    fade = r.prestige_fade
    still = dataclasses.replace(r, prestige_fade=0.0)
    # play into 1980 with the scripted plan, then take the turn that opens 1981 with no orders
    us, ussr = make_policy("scripted", r), make_policy("scripted", r)
    state = init(r, game_keys(11, 4))
    opening = sc.calendar.turn_of(month_of("1981-01"))
    k_us, k_ussr = game_keys(12, 4), game_keys(13, 4)
    while int(state.turn[0]) < opening - 1:
        orders = Orders.merge(r, us.act(observe(r, state, 0), k_us), ussr.act(observe(r, state, 1), k_ussr))
        state, _ = step(r, state, orders)
    assert not state.done.any()
    faded, _ = step(r, state, Orders.empty(r, 4))
    kept, _ = step(still, state, Orders.empty(r, 4))
    assert (kept.year_prestige != state.year_prestige).any()  # a new budget year began
    np.testing.assert_allclose(faded.year_prestige, kept.year_prestige * np.float32(1 - fade), rtol=1e-5)
    assert (faded.prestige < kept.prestige).all()


def test_every_source_document_citation_names_a_paragraph_that_exists():
    cited = 0
    for event in cold_war().events:
        source = event["source"]
        if "source document" not in source:
            assert source.startswith("history"), (event["id"], source)
            continue
        cited += 1
        match = re.search(r"source document: (opening lines|paragraph \d+)", source)
        assert match, (event["id"], source)
        where = match.group(1)
        assert where in SOURCE_PARAGRAPH_YEARS, (event["id"], where)
        years = {int(y) for y in re.findall(r"\b(1[89]\d\d)\b", source)}
        assert years <= SOURCE_PARAGRAPH_YEARS[where], (event["id"], where, years)
    assert cited >= 10


def test_the_new_content_cites_its_sources():
    sc = cold_war()
    own = {e["id"] for e in sc.events} - {e["id"] for e in load("historical").events}
    assert len(own) >= 15
    for event in sc.events:
        if event["id"] in own:
            assert event["source"].startswith(("history: ", "source document: ")), event["id"]
    assert {"soviet_dissolution", "shuttle_mir_promise"} <= own


@pytest.mark.parametrize("side", ["us", "ussr"])
def test_every_late_era_offers_each_side_cheap_missions_that_keep_something_going(side):
    """From 1975 on, each five-year era opens at least two missions of the side that start an operation or
    set a record and cost at most half a turn's baseline income (the AI flies those once the firsts are
    taken; a person has a reason to launch every turn)."""
    sc = cold_war()
    flight = {p["id"]: p["flight_cost"] for p in sc.programs}
    baseline = dict(sc.meta["side"][side]["budget"])
    for era in (1975, 1980, 1985, 1990):
        budget = np.interp(era, sorted(baseline), [baseline[y] for y in sorted(baseline)])
        cheap = []
        for m in sc.missions:
            if m["side"] != side or m.get("locked") or not (m.get("starts") or m.get("records")):
                continue
            if m.get("available") and month_of(m["available"]) > month_of(f"{era + 2}-12"):
                continue
            cost = m["cost"] + sum(flight[p] for p in {s["program"] for s in m["steps"]})
            if cost <= budget / sc.meta["scenario"]["turns_per_year"] / 2:  # half a turn's income
                cheap.append(m["id"])
        assert len(cheap) >= 2, (side, era, cheap)
