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
