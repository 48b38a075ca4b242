"""The state in a save: every State field, stored exactly (float32 bits, NaN, -0.0), with ids for its axes;
a save made before a field existed, or holding one the game has since dropped, still loads."""

from __future__ import annotations

import json

import numpy as np
import pytest
from gamekit import assert_same, historical

from game.rules import State
from game.rules.rng import game_keys
from game.rules.state import state_fields
from game.session import GameSession, Plan, make_seat, save_game
from game.session.save_state import (
    AXES,
    as_rows,
    checksum,
    decode_array,
    decoded,
    defaults,
    encode_array,
    state_from_json,
    state_to_json,
)
from game.session.saves import open_save


def played(turns: int = 7, seed: int = 11) -> GameSession:
    sc = historical()
    r = sc.rules
    s = GameSession.new(sc, (make_seat("human", r), make_seat("scripted", r)), seed=seed, names=("Ann", ""))
    for _ in range(turns):
        plan = Plan(0)
        plan.set_funding(r.program_ids.index("vanguard"), 4)
        s.seal(0, plan.to_orders(r))
        s.seal(1, s.ai_orders(1))
        s.resolve()
    return s


def test_every_state_field_says_what_its_axes_index():
    """A field added to the State needs its axes in save_state.AXES (and its default in docs/SAVES.md)."""
    assert set(AXES) == set(state_fields())


@pytest.mark.parametrize("dtype", ["<f4", "<f8", "<i2", "<u8", "|b1", "|i1", ">f4"])
def test_arrays_come_back_bit_for_bit(dtype):
    rng = np.random.default_rng(3)
    a = (rng.standard_normal((3, 5)) * 1e3).astype(dtype)
    if a.dtype.kind == "f":
        a[0, :4] = [np.nan, -0.0, np.inf, np.finfo(a.dtype).tiny / 8]
    d = json.loads(json.dumps(encode_array(a)))
    b = decode_array(d)
    assert b.shape == a.shape and b.dtype == a.dtype.newbyteorder("=")
    assert b.tobytes() == a.astype(b.dtype).tobytes()


def test_a_state_comes_back_bit_for_bit_through_json():
    s = played()
    data = json.loads(json.dumps(state_to_json(s.rules, s.state)))
    back, dropped = state_from_json(data, s.rules)
    assert dropped == [] and isinstance(back, State)
    assert_same(back, s.state)
    assert checksum(as_rows(decoded(data))) == s.checksum()


def test_a_save_made_before_a_field_existed_gets_the_replay_or_the_documented_default(tmp_path):
    """As if the game had since added `intel_budget` and dropped a `team_spirit` field it once had: the save
    loads; the new field comes from the replay of the order log when it replays, else from a new game."""
    s = played()
    path = save_game(s, tmp_path / "old")
    data = json.loads(path.read_text())
    del data["state"]["fields"]["intel_budget"]
    data["state"]["fields"]["team_spirit"] = encode_array(np.array([0.5, 0.25], np.float32))
    data["checksum"] = checksum(as_rows(decoded(data["state"])))       # what that older game would have written
    path.write_text(json.dumps(data))
    loaded = open_save(path)
    assert loaded.notes == [] and loaded.session.log_replays
    assert_same(loaded.session.state, s.state)                         # the replay gave intel_budget back exactly
    data["log_replays"] = False                                        # a game whose log cannot replay
    path.write_text(json.dumps(data))
    back = open_save(path).session
    want = defaults(s.rules, s.state.key)["intel_budget"]
    assert np.array_equal(back.state.intel_budget[0], want)
    assert_same({k: v for k, v in back.state.arrays().items() if k != "intel_budget"},
                {k: v for k, v in s.state.arrays().items() if k != "intel_budget"})


def test_defaults_are_a_new_game_before_anything_happened():
    rules = historical().rules
    d = defaults(rules, game_keys(4, 1))
    assert not d["news"].any() and not d["pending"].any() and not d["flags"].any()
    assert (d["ev_last"] == -32000).all() and (d["ev_forced"] == 32000).all()
    assert (d["dev"] == 0).all() and d["turn"] == 0 and (d["first_side"] == -1).all() and (d["held"] == 0).all()


CORPS = ("launch_crew", "person_status", "skill", "person_flights", "rest_until", "morale", "idle_turns", "died_turn",
         "first_crew", "group_recruited")


def test_a_save_made_before_the_corps_loads_with_each_sides_roster_at_its_start(tmp_path):
    """A save without any of the corps' fields (made before people existed), whose log no longer replays: the
    game loads with the roster of a new game (skills as the scenario gives them, the groups of the start in
    service), everything else as saved, and the free groups whose date has passed join as the next turn opens."""
    s = played(turns=9)
    path = save_game(s, tmp_path / "before_crews")
    data = json.loads(path.read_text())
    for name in CORPS:
        del data["state"]["fields"][name]
    data["log_replays"] = False
    data["checksum"] = checksum(as_rows(decoded(data["state"])))
    path.write_text(json.dumps(data))
    back = open_save(path).session.state
    start = defaults(s.rules, s.state.key)
    for name in CORPS:
        np.testing.assert_array_equal(getattr(back, name)[0], start[name], err_msg=name)
    loaded = open_save(path).session
    loaded.seal(0, Plan(0).to_orders(s.rules))
    loaded.seal(1, loaded.ai_orders(1))
    loaded.resolve()                                   # the free groups whose date has passed join as a turn opens
    r = s.rules
    due = (r.group_cost == 0) & (r.group_avail_turn <= int(loaded.state.turn[0]))
    assert due.any() and loaded.state.group_recruited[0, due].all()
    assert_same({k: v for k, v in back.arrays().items() if k not in CORPS},
                {k: v for k, v in s.state.arrays().items() if k not in CORPS})


def test_crews_training_and_recruiting_orders_come_back_by_id():
    from game.rules import Orders
    from game.session.save_session import orders_from_json, orders_to_json

    r = historical().rules
    o = Orders.empty(r, 1)
    m = next(i for i in range(r.n_missions) if r.mis_crew[i] == 2 and r.mis_side[i] == 0)
    us = np.flatnonzero(r.person_side == 0)
    o.launch[0, 0, 1] = m
    o.crew[0, 0, 1, :2] = [us[3], -1]
    o.train[0, us[5]] = 2
    o.recruit[0, int(np.flatnonzero(r.group_side == 1)[-1])] = True
    data = json.loads(json.dumps(orders_to_json(r, o)))
    assert data["launches"][0][4] == [r.person_ids[us[3]], None] + [None] * (o.crew.shape[3] - 2)
    assert data["train"] == {r.person_ids[us[5]]: "docking"}
    back = orders_from_json(r, data)
    for name in ("launch", "crew", "train", "recruit"):
        np.testing.assert_array_equal(getattr(back, name), getattr(o, name), err_msg=name)
    old = {"funding": {}, "launches": [[0, 1, r.mission_ids[m], False]], "choices": {}}    # before the corps
    before = orders_from_json(r, old)
    assert (before.crew == -1).all() and (before.train == -1).all() and not before.recruit.any()
