"""Records, operations, the budget cut for hoarding and the prestige fade, played by the compiled core.

The rules are the test scenario tests/data/scenarios/records_ops (historical plus two records, two
station operations, overflow_cut and prestige_fade). Most tests play games set up so that any launch
succeeds (every program developed at reliability 1, every milestone held: no skip penalty) and no
event fires, so each turn does exactly what the test orders; the numbers expected come from the rules.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest
from gamekit import Players, assert_same

from game.rules import Orders, init, observe, step
from game.rules.rng import game_keys
from game.rules.state import checksum
from game.rules.tables import ACTIVE, NOT_RECRUITED, SUCCESS
from game.scenario import load
from game.session.save_session import orders_from_json, orders_to_json
from game.session.save_state import state_from_json, state_to_json

F32 = np.float32
SEED = 1969
SCENARIO = Path(__file__).parent / "data" / "scenarios" / "records_ops"


@pytest.fixture(scope="module")
def scenario_rules():
    return load(SCENARIO).rules


@pytest.fixture(scope="module")
def rules(scenario_rules):
    """The test scenario with no event able to fire."""
    r = scenario_rules
    return dataclasses.replace(r, ev_chance=np.zeros_like(r.ev_chance), ev_fire_target=np.zeros_like(r.ev_fire_target))


def ids(rules):
    m, rec, op = rules.mission_ids.index, rules.record_ids.index, rules.op_ids.index
    return m, rec, op


def late(rules) -> int:
    """The first turn every mission these tests fly may fly."""
    return int(max(rules.mis_avail_turn[rules.mission_ids.index(m)]
                   for m in ("vostok_long", "gemini_two_week", "salyut_station", "skylab_station")))


def ready(rules, turn: int, batch: int = 1) -> object:
    """Games at `turn` where every launch ordered succeeds: programs developed at reliability 1, every
    milestone held by both sides, every mission and program unlocked, every person of the corps
    recruited, the year's budget and as much money as savings may hold."""
    s = init(rules, game_keys(SEED, batch))
    K, P = rules.n_milestones, rules.n_programs
    every = np.uint64((1 << K) - 1) if K < 64 else np.uint64(2**64 - 1)
    budget = np.broadcast_to(rules.baseline[turn], (batch, 2)).astype(F32)
    return s.replace(turn=np.full(batch, turn, np.int16), dev=np.broadcast_to(rules.start_cost, (batch, P)).copy(),
                     rel=np.ones((batch, P), F32), held=np.full((batch, 2), every, np.uint64),
                     mis_unlocked=np.ones((batch, rules.n_missions), bool),
                     prog_unlocked=np.ones((batch, P), bool), budget=budget,
                     cash=budget * F32(rules.carryover_cap),
                     person_status=np.where(s.person_status == NOT_RECRUITED, ACTIVE, s.person_status))  # crews


def play(rules, state, launches=(), stop=(), refill: bool = True):
    """One step with the given launches ((mission, pad), ...) and stopped operations (indices). Every
    program is put back to reliability 1 first, so every launch succeeds; with `refill`, each side
    has money enough for any launch and no budget cut (the test plays no economy)."""
    batch = state.batch
    o = Orders.empty(rules, batch)
    for m, pad in launches:
        o.launch[:, rules.mis_side[m], pad] = m
    for k in stop:
        o.stop[:, k] = True
    state = state.replace(rel=np.ones_like(state.rel))
    if refill:
        state = state.replace(cash=np.full_like(state.cash, 500), budget_cut=np.zeros_like(state.budget_cut))
    return step(rules, state, o)


def test_the_test_scenario_compiles_records_and_operations(scenario_rules):
    m, rec, op = ids(scenario_rules)
    r = scenario_rules
    assert r.mis_record_value[m("skylab_station"), rec("longest_stay")] > 0
    assert r.mis_starts_op[m("salyut_station")] == op("salyut_crewed")
    assert r.op_record[op("salyut_crewed")] == rec("station_crewed_months")
    assert r.overflow_cut > 0 and r.prestige_fade > 0


def test_a_record_is_paid_once_per_rise_and_not_for_a_lower_value(rules):
    m, rec, _ = ids(rules)
    k = rec("longest_stay")
    gemini, vostok, salyut = m("gemini_two_week"), m("vostok_long"), m("salyut_station")
    s = ready(rules, late(rules))
    base = dataclasses.replace(rules, record_ids=(), record_prestige=np.zeros(0, F32), record_min_gain=np.zeros(0, F32),
                               mis_record_value=np.zeros((0, 0), F32), op_ids=(), op_side=np.zeros(0, np.int64),
                               op_prestige=np.zeros(0, F32), op_upkeep=np.zeros(0, F32), op_turns=np.zeros(0, np.int64),
                               op_record=np.zeros(0, np.int64), mis_starts_op=np.zeros(0, np.int64))
    steps = [(gemini, True, 0), (vostok, False, 1), (gemini, False, 0), (salyut, True, 1)]
    for mission, rises, side in steps:
        after, info = play(rules, s, [(mission, 0)])
        plain_after, plain_info = play(base, ready(base, late(base)), [(mission, 0)])   # what it earns besides
        assert after.launch_outcome[0, side, 0] == SUCCESS
        gain = info.awarded[0, side] - plain_info.awarded[0, side]
        paid = after.launch_prestige[0, side, 0] - plain_after.launch_prestige[0, side, 0]
        raised = after.launch_records[0]                # [S, L, RC]: this launch's rise, and nothing else
        assert raised[side, 0, k] == rises and raised.sum() == rises
        if rises:
            assert after.record_value[0, k] == rules.mis_record_value[mission, k]
            assert after.record_side[0, k] == side
            assert gain == pytest.approx(rules.record_prestige[k], abs=1e-4)
            assert paid == pytest.approx(rules.record_prestige[k], abs=1e-4)
        else:
            assert after.record_value[0, k] == s.record_value[0, k] and after.record_side[0, k] == s.record_side[0, k]
            assert gain == pytest.approx(0, abs=1e-4) and paid == 0
        s = after.replace(turn=s.turn)


def test_min_gain_a_new_value_must_beat_the_record_by_more(rules):
    m, rec, _ = ids(rules)
    k = rec("longest_stay")
    gemini, salyut, skylab = m("gemini_two_week"), m("salyut_station"), m("skylab_station")
    v = rules.mis_record_value
    need = v[salyut, k] - v[gemini, k]          # salyut beats gemini by exactly this
    strict = dataclasses.replace(rules, record_min_gain=np.where(np.arange(len(rules.record_ids)) == k, need,
                                                                 rules.record_min_gain).astype(F32))
    s, _ = play(strict, ready(strict, late(strict)), [(gemini, 0)])
    assert s.record_value[0, k] == v[gemini, k]
    s, _ = play(strict, s.replace(turn=np.full(1, late(strict), np.int16)), [(salyut, 0)])
    assert s.record_value[0, k] == v[gemini, k] and s.record_side[0, k] == 0       # by no more than min_gain
    s, _ = play(strict, s.replace(turn=np.full(1, late(strict), np.int16)), [(skylab, 0)])
    assert s.record_value[0, k] == v[skylab, k]


def test_records_of_one_turn_count_in_date_order(rules):
    """Salyut (24 days) and Skylab (84) in one turn: the earlier flight counts first, so Salyut holds
    the record for a moment (and is paid) only when it flies before Skylab."""
    m, rec, _ = ids(rules)
    k = rec("longest_stay")
    salyut, skylab = m("salyut_station"), m("skylab_station")
    seen = set()
    for seed in range(12):
        s = ready(rules, late(rules)).replace(key=game_keys(seed, 1))
        after, _ = play(rules, s, [(salyut, 0), (skylab, 0)])
        alone, _ = play(rules, s, [(salyut, 0)])            # Salyut alone raises the record, and is paid
        assert after.record_value[0, k] == rules.mis_record_value[skylab, k] and after.record_side[0, k] == 0
        salyut_first = bool(after.launch_month[0, 1, 0] < after.launch_month[0, 0, 0])
        seen.add(salyut_first)
        assert after.launch_records[0, 0, 0, k] and after.launch_records[0, 1, 0, k] == salyut_first
        if salyut_first:
            assert after.launch_prestige[0, 1, 0] == alone.launch_prestige[0, 1, 0]
        else:
            assert after.launch_prestige[0, 1, 0] == pytest.approx(alone.launch_prestige[0, 1, 0]
                                                                   - rules.record_prestige[k], abs=1e-4)
    assert seen == {True, False}, "twelve games should fly them in both orders"


def test_an_operation_runs_pays_and_ends_when_out_of_turns(rules):
    m, rec, op = ids(rules)
    o, salyut = op("salyut_crewed"), m("salyut_station")
    side, turns, mpt = rules.op_side[o], int(rules.op_turns[o]), rules.months_per_turn
    r = rules.op_record[o]
    s, _ = play(rules, ready(rules, late(rules)), [(salyut, 0)])
    assert s.op_left[0, o] == turns and s.op_months[0, o] == 0              # started; it runs from next turn
    for n in range(1, turns + 1):
        before = s
        s, info = play(rules, s)
        idle, idle_info = play(rules, before.replace(op_left=np.zeros_like(before.op_left)))
        assert info.spent[0, side] - idle_info.spent[0, side] == pytest.approx(rules.op_upkeep[o], abs=1e-4)
        paid = rules.op_prestige[o] + (rules.record_prestige[r] if n * mpt > before.record_value[0, r]
                                       + rules.record_min_gain[r] else 0)
        assert info.awarded[0, side] - idle_info.awarded[0, side] == pytest.approx(paid, abs=1e-4)
        assert s.op_left[0, o] == turns - n and s.op_months[0, o] == n * mpt
        assert s.record_value[0, r] == n * mpt and s.record_side[0, r] == side
    s2, info = play(rules, s)                 # out of turns: the months shown one turn, then cleared
    assert s2.op_left[0, o] == 0 and s2.op_months[0, o] == 0
    assert info.spent[0, side] == 0 and info.awarded[0, side] == 0
    assert s2.record_value[0, r] == turns * mpt                              # the record stays


def test_an_operation_ends_when_stopped_or_unpaid(rules):
    m, _, op = ids(rules)
    o, salyut = op("salyut_crewed"), m("salyut_station")
    side = rules.op_side[o]
    running, _ = play(rules, ready(rules, late(rules)), [(salyut, 0)])
    stopped, info = play(rules, running, stop=[o])
    assert stopped.op_left[0, o] == 0 and stopped.op_months[0, o] == 0
    assert info.spent[0, side] == 0 and info.awarded[0, side] == 0
    poor = running.replace(cash=np.where(np.arange(2) == side, rules.op_upkeep[o] * F32(0.99), 400).astype(F32)[None])
    unpaid, info = play(rules, poor, refill=False)
    assert unpaid.op_left[0, o] == 0 and info.spent[0, side] == 0 and info.awarded[0, side] == 0
    exact = running.replace(cash=np.where(np.arange(2) == side, rules.op_upkeep[o], 400).astype(F32)[None])
    paid, info = play(rules, exact, refill=False)
    assert paid.op_left[0, o] == running.op_left[0, o] - 1 and info.spent[0, side] == rules.op_upkeep[o]
    # the rival's orders cannot stop it (Orders.merge takes each operation's entry from its owner)
    us, ussr = Orders.empty(rules, 1), Orders.empty(rules, 1)
    (us if side == 1 else ussr).stop[:, o] = True
    merged = Orders.merge(rules, us, ussr)
    assert not merged.stop[0, o]


def test_a_later_success_renews_a_running_operation(rules):
    m, _, op = ids(rules)
    o, salyut = op("salyut_crewed"), m("salyut_station")
    turns, mpt = int(rules.op_turns[o]), rules.months_per_turn
    s, _ = play(rules, ready(rules, late(rules)), [(salyut, 0)])
    s, _ = play(rules, s)
    assert s.op_left[0, o] == turns - 1
    s, _ = play(rules, s, [(salyut, 0)])                # runs this turn, then renewed to op_turns more
    assert s.op_left[0, o] == turns and s.op_months[0, o] == 2 * mpt
    for _ in range(turns):
        s, _ = play(rules, s)
    assert s.op_left[0, o] == 0 and s.op_months[0, o] == (turns + 2) * mpt


def test_a_one_turn_operation_renewed_every_turn_keeps_running(rules):
    """An operation that one start keeps for a single turn runs without a break while a success renews
    it every turn, even in the turn it runs out, and its months keep growing."""
    m, _, op = ids(rules)
    o, salyut = op("salyut_crewed"), m("salyut_station")
    one = dataclasses.replace(rules, op_turns=np.where(np.arange(len(rules.op_turns)) == o, 1, rules.op_turns))
    s, _ = play(one, ready(one, late(one)), [(salyut, 0)])
    assert s.op_left[0, o] == 1 and s.op_months[0, o] == 0
    for k in range(1, 4):
        s, _ = play(one, s, [(salyut, 0)])
        assert s.op_left[0, o] == 1 and s.op_months[0, o] == k * one.months_per_turn
    s, _ = play(one, s)                                  # no renewal: its last turn
    assert s.op_left[0, o] == 0 and s.op_months[0, o] == 4 * one.months_per_turn


def test_budget_cut_from_hoarded_money(rules):
    side_cash = np.array([[5000, 10]], F32)
    s = ready(rules, 1).replace(cash=side_cash)        # turn 1 -> 2: no new year as turn 2 opens
    assert not rules.new_year[2] and rules.new_year[3]
    after, info = play(rules, s, refill=False)
    kept = np.minimum(side_cash[0] - info.spent[0], s.budget[0] * F32(rules.carryover_cap))
    excess = (side_cash[0] - info.spent[0]) - kept
    assert excess[0] > 0 and excess[1] == 0
    np.testing.assert_array_equal(after.budget_cut[0], F32(rules.overflow_cut) * excess)
    # as the next budget year opens, the fresh budget loses the cut, which returns to 0
    nxt, _ = play(rules, after, refill=False)
    uncut, _ = play(rules, after.replace(budget_cut=np.zeros_like(after.budget_cut)), refill=False)
    assert nxt.turn[0] == 3
    np.testing.assert_array_equal(nxt.budget[0], np.maximum(uncut.budget[0] - after.budget_cut[0], 0))
    assert nxt.budget[0, 0] < uncut.budget[0, 0]
    cap = nxt.budget[0] * F32(rules.carryover_cap)     # the old cut is gone: only this turn's excess is cut
    np.testing.assert_array_equal(nxt.budget_cut[0], F32(rules.overflow_cut) * (after.cash[0]
                                                                              - np.minimum(after.cash[0], cap)))
    off = dataclasses.replace(rules, overflow_cut=0.0)
    assert (play(off, s, refill=False)[0].budget_cut == 0).all()


def test_prestige_fades_at_each_new_budget_year(rules):
    s = ready(rules, 2).replace(prestige=np.array([[40, 10]], F32), year_prestige=np.array([[30, 12]], F32))
    faded, _ = play(rules, s)
    kept, _ = play(dataclasses.replace(rules, prestige_fade=0.0), s)
    assert rules.new_year[3] and faded.turn[0] == 3
    np.testing.assert_array_equal(faded.prestige[0], kept.prestige[0] * F32(1 - rules.prestige_fade))
    np.testing.assert_array_equal(faded.year_prestige[0], faded.prestige[0])
    np.testing.assert_array_equal(faded.strikes, kept.strikes)          # the review saw the year before the fade
    calm, _ = play(rules, ready(rules, 1).replace(prestige=np.array([[40, 10]], F32)))
    np.testing.assert_array_equal(calm.prestige[0], [40, 10])           # no new year: no fade


def _mixed_orders(rules, batch: int, turn: int) -> Orders:
    """Different orders in each game: launches of the record and operation missions, and stops."""
    rng = np.random.default_rng(turn)
    m, _, _ = ids(rules)
    o = Orders.empty(rules, batch)
    for mission in (m("gemini_two_week"), m("vostok_long"), m("salyut_station"), m("skylab_station")):
        o.launch[:, rules.mis_side[mission], rng.integers(0, 2)] = np.where(rng.random(batch) < 0.5, mission, -1)
    o.stop[:] = rng.random(o.stop.shape) < 0.2
    o.funding[:] = rng.uniform(0, 3, o.funding.shape).astype(F32)
    return o


def _run(rules, batch: int, turns: int = 6):
    s = ready(rules, late(rules), batch).replace(rel=np.full((batch, rules.n_programs), 0.8, F32),
                                        cash=np.linspace(5, 900, 2 * batch, dtype=F32).reshape(batch, 2))
    states = []
    for t in range(turns):
        s, _ = step(rules, s, _mixed_orders(rules, batch, t))
        states.append(s)
    return states


def test_a_batch_is_its_games_played_one_by_one_and_twice_the_same(scenario_rules):
    batch = 9
    together = _run(scenario_rules, batch)
    assert (together[-1].op_left > 0).any() and (together[-1].record_side >= 0).any()
    assert any((s.budget_cut > 0).any() for s in together)
    again = _run(scenario_rules, batch)
    assert [checksum(s) for s in together] == [checksum(s) for s in again]
    for g in (0, 4, 8):
        one = ready(scenario_rules, late(scenario_rules), batch)
        one = one.replace(rel=np.full((batch, scenario_rules.n_programs), 0.8, F32),
                          cash=np.linspace(5, 900, 2 * batch, dtype=F32).reshape(batch, 2))
        s = one.slice([g])
        for t in range(len(together)):
            s, _ = step(scenario_rules, s, _mixed_orders(scenario_rules, batch, t).slice([g]))
            assert checksum(s) == checksum(together[t].slice([g])), f"game {g}, turn {t}"


def test_the_scripted_race_plays_on_with_records_and_operations(scenario_rules):
    """Whole games of the test scenario by the scripted AI: every record is held by who set it, no operation
    runs longer than a start gives it, and the money never goes negative."""
    players = Players(scenario_rules, "scripted", "scripted")
    s = init(scenario_rules, game_keys(SEED, 16))
    while not s.done.all():
        s, info = step(scenario_rules, s, players.orders(s))
        assert (s.op_left <= scenario_rules.op_turns[None, :]).all() and (s.op_left >= 0).all()
        assert (s.cash >= -1e-3).all() and (s.budget_cut >= 0).all()
        assert ((s.record_side >= 0) == (s.record_value > 0)).all()


def test_observation_shows_records_and_running_operations(rules):
    m, _, op = ids(rules)
    s, _ = play(rules, ready(rules, late(rules)), [(m("salyut_station"), 0), (m("skylab_station"), 0)])
    s, _ = play(rules, s)
    for side in (0, 1):
        view = observe(rules, s, side)
        np.testing.assert_array_equal(view.record_value, s.record_value)
        np.testing.assert_array_equal(view.record_side, s.record_side)
        np.testing.assert_array_equal(view.op_running, s.op_left > 0)
        np.testing.assert_array_equal(view.op_months, s.op_months)
        own = rules.op_side == side
        np.testing.assert_array_equal(view.op_left[:, own], s.op_left[:, own])
        started = rules.mis_starts_op[[m("salyut_station"), m("skylab_station")]]
        theirs = started[rules.op_side[started] != side]
        assert (view.op_left[:, ~own] == 0).all() and (s.op_left[:, theirs] > 0).all()


def test_saves_keep_records_operations_and_stop_orders(scenario_rules):
    m, _, op = ids(scenario_rules)
    s, _ = play(scenario_rules, ready(scenario_rules, late(scenario_rules)), [(m("salyut_station"), 0)])
    assert (s.op_left > 0).any() and (s.record_side >= 0).any()
    s = s.replace(budget_cut=np.array([[1.5, 0.25]], F32))
    data = state_to_json(scenario_rules, s)
    assert data["ids"]["record"] == list(scenario_rules.record_ids)
    assert data["ids"]["operation"] == list(scenario_rules.op_ids)
    back, dropped = state_from_json(data, scenario_rules)
    assert dropped == [] and checksum(back) == checksum(s)
    # a save made before these fields existed: records unset, nothing running, no cut
    for name in ("record_value", "record_side", "op_left", "op_months", "budget_cut"):
        del data["fields"][name]
    old, _ = state_from_json(data, scenario_rules)
    assert (old.record_value == 0).all() and (old.record_side == -1).all()
    assert (old.op_left == 0).all() and (old.op_months == 0).all() and (old.budget_cut == 0).all()
    new = ("record_value", "record_side", "op_left", "op_months", "budget_cut")
    assert_same({k: v for k, v in old.arrays().items() if k not in new},
                {k: v for k, v in s.arrays().items() if k not in new})
    # the order log: stops by id; an entry without "stop" stops nothing
    o = Orders.empty(scenario_rules, 1)
    o.stop[0, op("skylab_crewed")] = True
    entry = orders_to_json(scenario_rules, o)
    assert entry["stop"] == ["skylab_crewed"]
    np.testing.assert_array_equal(orders_from_json(scenario_rules, entry).stop, o.stop)
    del entry["stop"]
    assert not orders_from_json(scenario_rules, entry).stop.any()
    assert "stop" not in orders_to_json(scenario_rules, Orders.empty(scenario_rules, 1))
    with pytest.raises(ValueError, match="stop"):
        orders_from_json(scenario_rules, {**entry, "stop": "skylab_crewed"})
