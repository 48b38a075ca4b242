"""The AI after the firsts (issue 19): once the firsts it can reach are taken, the plan still flies missions
that raise a record or keep one of its operations going, keeps its operations running unless money runs short,
and the search AI says which record or operation a launch is for. Real historical games, stepped turn by turn."""

from __future__ import annotations

import functools
import re

import numpy as np
import pytest

from game.ai.plan import firsts_aimed, flyable, mission_costs, operations_aimed, records_aimed, upkeep_due
from game.ai.playbook import PlanTables, Playbook, plan_orders
from game.ai.policies import make_policy
from game.ai.search import SearchPolicy
from game.rules import Orders, init, observe, step
from game.rules.rng import game_keys, policy_keys
from game.sim.rollout import play_games, summarize
from tests.gamekit import historical

GAMES, SEED = 16, 3
LATE_YEAR = 1971


@functools.cache
def scripted_turns():
    """GAMES historical games of the scripted plan on both sides, to the end. Returns a list of
    (state before the turn, (obs_us, obs_ussr), (orders_us, orders_ussr), state after) for every turn from
    LATE_YEAR on (each side's own orders, before they are merged)."""
    r = historical().rules
    plan = make_policy("scripted", r)
    state = init(r, game_keys(SEED, GAMES))
    keys = policy_keys(SEED, 0, GAMES), policy_keys(SEED, 1, GAMES)
    turns = []
    while not state.done.all():
        obs = (observe(r, state, 0), observe(r, state, 1))
        orders = (plan.act(obs[0], keys[0]), plan.act(obs[1], keys[1]))
        after, _ = step(r, state, Orders.merge(r, *orders))
        if r.turn_date(int(state.turn[0]))[0] >= LATE_YEAR:
            turns.append((state, obs, orders, after))
        state = after
    return turns


def late_launches(rules, obs, orders, side):
    """(game, mission) of each launch the side ordered that earns no first it lacks."""
    first = firsts_aimed(rules, obs)
    games, pads = np.nonzero(orders.launch[:, side] >= 0)
    missions = orders.launch[games, side, pads].astype(int)
    return [(int(g), int(m)) for g, m in zip(games, missions, strict=True) if not first[g, m]]


def test_the_plan_flies_for_records_and_operations_once_the_firsts_are_taken():
    r = historical().rules
    flown, records_raised, operations_started = [0, 0], [0, 0], [0, 0]
    for before, obs, orders, after in scripted_turns():
        for side in (0, 1):
            aims_record = records_aimed(r, obs[side]).any(axis=2)
            aims_operation = operations_aimed(r, obs[side])
            for g, m in late_launches(r, obs[side], orders[side], side):
                # nothing is flown for nothing: a launch without a first raises a record or keeps an operation
                assert aims_record[g, m] or aims_operation[g, m], r.mission_ids[m]
                flown[side] += 1
                rose = (after.record_value[g] > before.record_value[g]) & (after.record_side[g] == side)
                records_raised[side] += int(aims_record[g, m] and rose.any())
                op = r.mis_starts_op[m]
                operations_started[side] += int(op >= 0 and after.op_left[g, op] > before.op_left[g, op])
    assert min(flown) >= GAMES, flown                     # about one such launch a game and side at least
    assert min(operations_started) > 0, operations_started


def test_the_plan_flies_to_raise_a_record():
    """A real 1970s state where a side could fly a mission that sets a record but earns no first and starts
    no operation it needs: with the record as it stands (beyond that mission's value) it is not flown; with
    the record taken back to nothing, the plan flies it or a mission that raises the record as far or further."""
    r = historical().rules
    tables = PlanTables(r)
    for before, obs, orders, _ in scripted_turns():
        for side in (0, 1):
            o = obs[side]
            idle = (orders[side].launch[:, side] == -1).all(axis=1) & ~before.done
            beaten = (r.mis_record_value[None, :, :] > 0).any(axis=2) & ~records_aimed(r, o).any(axis=2)
            only = beaten & ~firsts_aimed(r, o) & ~operations_aimed(r, o) & flyable(r, o)
            for g in np.flatnonzero(idle & only.any(axis=1)):
                m = int(np.flatnonzero(only[g])[0])
                k = int(np.flatnonzero(r.mis_record_value[m])[0])
                state = before.slice(np.array([g]))
                mine, _ = plan_orders(tables, observe(r, state, side), Playbook.scripted(r, 1))
                assert m not in mine.launch[0, side]
                values = state.record_value.copy()
                values[0, k] = 0
                taken_back = state.replace(record_value=values, record_side=np.full_like(state.record_side, -1))
                cash = taken_back.cash.copy()
                cash[0, side] += mission_costs(r, o)[g, m]
                mine, _ = plan_orders(tables, observe(r, taken_back.replace(cash=cash), side),
                                      Playbook.scripted(r, 1))
                # it flies m, or another mission that raises the same record further
                flown = [int(x) for x in mine.launch[0, side] if x >= 0]
                assert any(r.mis_record_value[x, k] >= r.mis_record_value[m, k] for x in flown), (
                    r.mission_ids[m], r.record_ids[k], [r.mission_ids[x] for x in flown])
                return
    pytest.fail("no 1970s turn where a side could fly a mission for a record alone")


def test_operations_are_kept_unless_money_is_short():
    r = historical().rules
    ran_on = 0
    for before, obs, orders, after in scripted_turns():
        for side in (0, 1):
            upkeep = upkeep_due(r, obs[side]).sum(axis=1)
            cost = mission_costs(r, obs[side])
            mine = np.asarray(r.op_side) == side
            stop = orders[side].stop
            launches = orders[side].launch[:, side]
            flown = np.where(launches >= 0, np.take_along_axis(cost, np.maximum(launches, 0).astype(int), 1), 0)
            plenty = obs[side].cash >= upkeep + flown.sum(axis=1)
            assert not stop[plenty].any(), "an operation was ended with money to spare"
            assert not stop[:, ~mine].any(), "only the side's own operations are stopped"
            kept = (before.op_left[:, mine] > 1) & ~before.done[:, None]
            ran_on += int((kept & (after.op_left[:, mine] > 0)).sum())
    assert ran_on > GAMES    # operations with turns to run went on running, turn after turn


def test_an_operation_is_stopped_when_its_upkeep_cannot_be_paid():
    """A real 1970s state with two or more of a side's operations running, its cash cut to less than their
    upkeep: the plan ends the ones paying least prestige per unit of upkeep, keeps what it can pay, and the
    core runs the kept ones."""
    r = historical().rules
    tables = PlanTables(r)
    worth = np.asarray(r.op_prestige) / np.asarray(r.op_upkeep)
    for before, _, _, _ in scripted_turns():
        for side in (0, 1):
            mine = (np.asarray(r.op_side) == side)[None, :]
            busy = np.flatnonzero((((before.op_left > 0) & mine).sum(axis=1) >= 2) & ~before.done)
            if not len(busy):
                continue
            g = int(busy[0])
            state = before.slice(np.array([g]))
            running = np.flatnonzero((state.op_left[0] > 0) & mine[0])
            upkeep = np.asarray(r.op_upkeep)[running]
            best = running[np.argmax(worth[running])]
            cash = state.cash.copy()
            cash[0, side] = np.float32(r.op_upkeep[best] + 0.01)      # enough for the best one only
            state = state.replace(cash=cash)
            orders, _ = plan_orders(tables, observe(r, state, side), Playbook.scripted(r, 1))
            assert upkeep.sum() > cash[0, side]
            assert not orders.stop[0, best] and orders.stop[0, running[running != best]].all()
            assert (orders.launch[0, side] == -1).all() and orders.funding.sum() < 0.02
            other = Orders.empty(r, 1).replace(stop=np.ones((1, r.n_operations), bool))
            us, ussr = (orders, other) if side == 0 else (other, orders)
            after, _ = step(r, state, Orders.merge(r, us, ussr))
            assert after.op_months[0, best] > state.op_months[0, best]     # it ran this turn
            assert (after.op_left[0, running[running != best]] == 0).all()
            return
    pytest.fail("no turn with two operations of one side running")


def test_the_search_ai_names_the_record_or_operation_it_launches_for():
    sc = historical()
    r = sc.rules
    ai = SearchPolicy(r, "easy")
    ai.set_names(programs=[p["name"] for p in sc.programs], missions=[m["name"] for m in sc.missions],
                 milestones=[k["name"] for k in sc.milestones], records=[x["name"] for x in sc.records],
                 operations=[x["name"] for x in sc.operations])
    names = [re.escape(x["name"]) for x in sc.records + sc.operations]
    late = re.compile(r'^launch .+: (raise the record|keep|start) "(' + "|".join(names) + ')"')
    seen = 0
    for _before, obs, _, _ in scripted_turns()[::2]:
        for side in (0, 1):
            d = ai.decide(obs[side], policy_keys(9, side, GAMES))
            for g, m in late_launches(r, obs[side], d.orders, side):
                assert any(late.match(line) and sc.missions[m]["name"] in line for line in d.reasons[g]), \
                    d.reasons[g]
                seen += 1
    assert seen >= 4


def test_scripted_games_launch_and_spend_in_the_1970s():
    """The issue's targets for 1970-75 on a smaller run than the measured one (docs/AI.md): at most 40% of
    side-turns without a launch, and a median of at most 0.8 of a year's budget held."""
    sc = historical()
    r = sc.rules
    fin = play_games(r, make_policy("scripted", r), make_policy("scripted", r), 1, 32)
    late = summarize(r, [m["name"] for m in sc.milestones], fin)["by_era"]["1970-75"]
    for side in ("us", "ussr"):
        assert late["idle_share"][side] <= 0.40, late
        assert late["cash_over_budget"][side] <= 0.8, late
