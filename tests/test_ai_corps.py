"""The AI's corps (game.ai.corps): launches it can man, recruiting when short of people, training only
people the core will not seat, and reasons that name the crew. Real historical games throughout."""

from __future__ import annotations

import functools

import numpy as np
import pytest

from game.ai.corps import CorpsTables, corps_orders
from game.ai.playbook import PlanTables, Playbook, plan_orders
from game.ai.policies import make_policy
from game.rules import Orders, init, observe, step
from game.rules.crews import suggested_crews
from game.rules.rng import game_keys
from game.rules.tables import ACTIVE, RETIRED
from game.scenario import load


@functools.cache
def rules():
    return load("historical").rules


@functools.cache
def played(turns: int, games: int = 8):
    """States after each of `turns` turns of the house plan with its corps handled, on both sides."""
    r = rules()
    pt, ct = PlanTables(r), CorpsTables(r)
    state = init(r, game_keys(31, games))
    states = []
    for _ in range(turns):
        both = []
        for side in (0, 1):
            obs = observe(r, state, side)
            o, focus = plan_orders(pt, obs, Playbook.house(r, games))
            both.append(corps_orders(ct, obs, o, focus))
        state, _ = step(r, state, Orders.merge(r, *both))
        states.append(state)
    return states


@pytest.mark.parametrize("side", [0, 1])
def test_training_never_takes_a_person_the_core_would_seat(side):
    r = rules()
    pt, ct = PlanTables(r), CorpsTables(r)
    trained = crewed = 0
    for state in played(24):
        obs = observe(r, state, side)
        o, focus = plan_orders(pt, obs, Playbook.house(r, state.batch))
        mine = corps_orders(ct, obs, o, focus)
        theirs = np.asarray(r.person_side) != side
        assert (mine.train[:, theirs] == -1).all() and not mine.recruit[:, np.asarray(r.group_side) != side].any()
        for i in range(state.batch):
            crews = suggested_crews(r, obs.person_status[i], np.nan_to_num(obs.skill[i]), mine.launch[i],
                                    mine.crew[i], mine.train[i])
            for c, m in enumerate(mine.launch[i, side]):
                if m >= 0 and r.mis_crew[m] > 0:
                    crewed += 1
                    seated = crews[side, c][crews[side, c] >= 0]
                    assert len(seated) == r.mis_crew[m], "a launch the AI orders can be manned"
                    assert (mine.train[i, seated] == -1).all()
            trained += int((mine.train[i] >= 0).sum())
    assert crewed > 0 and trained > 0


def test_a_side_short_of_people_recruits_the_cheapest_open_group_it_can_pay():
    r = rules()
    pt, ct = PlanTables(r), CorpsTables(r)
    state = played(24)[-1]
    side = 0
    own = np.asarray(r.person_side) == side
    # most of its people retire: only two stay in service
    keep = np.flatnonzero(own)[:2]
    status = np.where(own[None, :], RETIRED, state.person_status)
    status[:, keep] = ACTIVE
    state = state.replace(person_status=status.astype(np.int8), cash=np.maximum(state.cash, 20).astype(np.float32))
    obs = observe(r, state, side)
    o, focus = plan_orders(pt, obs, Playbook.house(r, state.batch))
    aims = (focus & (r.mis_crew[None, :] > 0)).any(axis=1)
    mine = corps_orders(ct, obs, o, focus)
    gside = np.asarray(r.group_side) == side
    open_ = gside[None, :] & ~obs.group_recruited & (r.group_avail_turn[None, :] <= obs.turn[:, None])
    assert aims.any() and open_.any()
    for i in np.flatnonzero(aims & open_.any(axis=1)):
        picked = np.flatnonzero(mine.recruit[i])
        assert len(picked) == 1 and open_[i, picked[0]]
        assert r.group_cost[picked[0]] == r.group_cost[open_[i]].min()
    assert not mine.recruit[~aims].any()
    # no launch needs more people than it has
    seats = np.where(mine.launch[:, side] >= 0, r.mis_crew[np.maximum(mine.launch[:, side], 0)], 0).sum(axis=1)
    assert (seats <= 2).all()


def test_the_scripted_policy_handles_its_corps_as_the_ai_does():
    """Its orders are the scripted plan's with game.ai.corps on top; over a game it recruits and trains, and
    it leaves the seats to the core."""
    r = rules()
    p = make_policy("scripted", r)
    pt, ct = PlanTables(r), CorpsTables(r)
    state = init(r, game_keys(5, 8))
    recruited = trained = 0
    while not state.done.all():
        both = []
        for side in (0, 1):
            obs = observe(r, state, side)
            o = p.act(obs, game_keys(1, state.batch))
            plan, focus = plan_orders(pt, obs, Playbook.scripted(r, state.batch))
            want = corps_orders(ct, obs, plan, focus)
            for name in ("funding", "launch", "rush", "choice", "stop", "crew", "train", "recruit"):
                np.testing.assert_array_equal(getattr(o, name), getattr(want, name), err_msg=name)
            assert (o.crew == -1).all()
            recruited += int(o.recruit.sum())
            trained += int((o.train >= 0).sum())
            both.append(o)
        state, _ = step(r, state, Orders.merge(r, *both))
    assert recruited > 0 and trained > 0


def test_the_reasons_name_the_crew_the_core_seats():
    r = rules()
    ai = make_policy("ai:normal", r)
    surnames = {name.split()[-1] for name in r.person_names}
    named = 0
    for state in played(24, games=2)[8:24:3]:
        for side in (0, 1):
            obs = observe(r, state, side)
            d = ai.decide(obs, game_keys(7, state.batch))
            for i, reasons in enumerate(d.reasons):
                crews = suggested_crews(r, obs.person_status[i], np.nan_to_num(obs.skill[i]), d.orders.launch[i],
                                        d.orders.crew[i], d.orders.train[i])
                flying = [r.person_names[p].split()[-1] for p in crews[side].ravel() if p >= 0]
                lines = [line for line in reasons if line.startswith("fly ")]
                assert len(lines) == int(((d.orders.launch[i, side] >= 0)
                                          & (r.mis_crew[np.maximum(d.orders.launch[i, side], 0)] > 0)).sum())
                for line in lines:
                    who = line[4:].split(":")[0].split(", ")
                    assert set(who) <= surnames and set(who) <= set(flying)
                    assert "skill" in line or "best available" in line
                named += len(lines)
    assert named > 0
