"""A mission's cost and its chance of success are written once (game.rules.missions): the core charges
and draws against exactly what the AI and the order checker compute, bit for bit, in real games of
the shipped scenario played by the scripted policy."""

from __future__ import annotations

import numpy as np
import pytest
from gamekit import historical

from game.ai import plan
from game.ai.policies import make_policy
from game.rules import Orders, init, observe, step
from game.rules.missions import crew_skills, missing_counts, step_chances, success_chances
from game.rules.rng import game_keys, pair_of, random_bits
from game.rules.step import STREAM_STEP
from game.rules.tables import CREW_LOST, FAILURE, PARTIAL, SCRUBBED, SUCCESS, skill_values
from game.session import plan as session_plan

F32 = np.float32
GAMES = 48


@pytest.fixture(scope="module")
def turns():
    """(state, orders, next state) of every turn of GAMES scripted games, rushing every third launch."""
    rules = historical().rules
    us, ussr = make_policy("scripted", rules), make_policy("scripted", rules)
    state, keys = init(rules, game_keys(77, GAMES)), game_keys(78, GAMES)
    out = []
    while not state.done.all():
        orders = Orders.merge(rules, us.act(observe(rules, state, 0), keys), ussr.act(observe(rules, state, 1), keys))
        rush = (np.arange(orders.rush.size).reshape(orders.rush.shape) % 3 == 0) & (orders.launch >= 0)
        orders = orders.replace(rush=rush)
        nxt, _ = step(rules, state, orders)
        out.append((state, orders, nxt))
        state = nxt
    return rules, out


def test_the_ai_and_the_checker_price_a_launch_as_the_core_charges_it(turns):
    """With no program funding, every operation stopped and nobody recruited or trained, what a side spends
    in a turn is its launches' costs, added in pad order."""
    rules, played = turns
    checked = 0
    for state, orders, nxt in played:
        _, info = step(rules, state, orders.replace(funding=np.zeros_like(orders.funding),
                                                    stop=np.ones_like(orders.stop),
                                                    train=np.full_like(orders.train, -1),
                                                    recruit=np.zeros_like(orders.recruit)))
        for side in (0, 1):
            obs = observe(rules, state, side)
            costs = plan.mission_costs(rules, obs)
            for b in np.flatnonzero(~state.done):
                flew = [int(m) for m, o in zip(orders.launch[b, side], nxt.launch_outcome[b, side], strict=True)
                        if m >= 0 and o != SCRUBBED]
                total = F32(0)
                for m in flew:
                    total = F32(total + costs[b, m])
                assert total == info.spent[b, side], (b, side, flew)
                if flew and b == 0:
                    one = obs_row(obs, b)
                    assert session_plan.mission_cost(rules, one, flew[0]) == float(costs[b, flew[0]])
                checked += len(flew)
    assert checked > 100


def test_a_flight_succeeds_exactly_when_its_draw_is_below_the_shared_chance(turns):
    """The core's launch succeeds when its uniform falls below the product of its steps' chances: that
    product, computed by game.rules.missions with the true reliability, decides every flight. (No
    program funding in the measured turn: research would change the reliability before the flights.)"""
    rules, played = turns
    P, L = rules.n_programs, rules.max_pads
    flights = rushed = crewed = 0
    for state, orders, _ in played:
        nxt, _ = step(rules, state, orders.replace(funding=np.zeros_like(orders.funding)))
        for side in (0, 1):
            missing = missing_counts(rules, observe(rules, state, side).held[:, side])
            calm, rush = (success_chances(rules, state.rel, missing, r) for r in (False, True))
            cols = P + side * L + np.arange(L)
            u_fail, _ = pair_of.py_func(random_bits(state.key, state.turn, STREAM_STEP, cols).astype(np.uint64))
            for b in np.flatnonzero(~state.done):
                for pad in range(L):
                    m, outcome = int(orders.launch[b, side, pad]), int(nxt.launch_outcome[b, side, pad])
                    if m < 0 or outcome not in (SUCCESS, PARTIAL, FAILURE, CREW_LOST):
                        continue
                    r = bool(orders.rush[b, side, pad])
                    chance = (rush if r else calm)[b, m]
                    crew = nxt.launch_crew[b, side, pad]
                    if rules.mis_crew[m] > 0 and crew[0] >= 0:      # a named crew: its skill counts too
                        skill = crew_skills(rules, skill_values(state.skill[b]), crew, m)
                        chance = success_chances(rules, state.rel[b:b + 1], missing[b:b + 1], r,
                                                 np.broadcast_to(skill, (1, rules.n_missions, len(skill))))[0, m]
                        crewed += 1
                    assert (u_fail[b, pad] < chance) == (outcome == SUCCESS), (b, side, pad, m, chance)
                    flights += 1
                    rushed += r
    assert flights > 200 and rushed > 30 and crewed > 20


def test_the_checker_and_the_ai_read_the_same_chances(turns):
    """The order checker's per-step chances multiply, in the rules' own arithmetic, to the AI's estimate;
    a rush lowers every step."""
    rules, played = turns
    compared = 0
    for state, _, _ in played[::4]:
        for side in (0, 1):
            obs = observe(rules, state, side)
            estimate = plan.success_estimate(rules, obs)
            one = obs_row(obs, 0)
            for m in np.flatnonzero(rules.mis_side == side):
                steps = session_plan.step_chances(rules, one, int(m))
                total = F32(1)
                for q in steps:
                    total = F32(total * (F32(1) - (F32(1) - F32(q))))
                assert total == estimate[0, m] == F32(session_plan.success_chance(rules, one, int(m)))
                rushed = session_plan.step_chances(rules, one, int(m), rush=True)
                assert all(r <= q for r, q in zip(rushed, steps, strict=True))
                assert min(steps) >= F32(rules.min_step_chance)
                compared += 1
    assert compared > 100
    est = np.nan_to_num(observe(rules, played[0][0], 0).estimate[0])
    assert step_chances(rules, est, 40, 0) == [F32(rules.min_step_chance)] * int(rules.mis_steps[0])


def obs_row(obs, b: int):
    """Game b of a batched Observation, as a batch of 1 (what the session holds)."""
    from game.ai.search import take_obs

    return take_obs(obs, np.array([b]))
