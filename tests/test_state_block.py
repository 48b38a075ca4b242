"""States in one block of memory: what init, step, slice and concat make, read by the compiled code
without one array per field crossing from Python. They must hold exactly what separate arrays hold."""

from __future__ import annotations

import copy
import pickle

import numba
import numpy as np
import pytest
from gamekit import Players, assert_same, historical

from game.rules import Orders, State, init, step
from game.rules.bundle import on_block
from game.rules.kernel_tables import state_bundle
from game.rules.rng import game_keys
from game.rules.state import SPARE_MIN_BYTES, checksum


@pytest.fixture(scope="module")
def rules():
    return historical().rules


@pytest.fixture(scope="module")
def played(rules):
    players = Players(rules, "random", "scripted")
    state = init(rules, game_keys(4, 9))
    for _ in range(8):
        state, _ = step(rules, state, players.orders(state))
    return state


def separate(state: State) -> State:
    """The same games as a State of separate arrays (copies)."""
    return State(**{k: v.copy() for k, v in state.arrays().items()})


def test_init_step_slice_and_concat_make_states_in_one_block(rules, played):
    assert init(rules, game_keys(1, 3)).block() is not None
    assert played.block() is not None
    loose = separate(played)
    assert loose.block() is None
    for index in (slice(2, 7), [4, 0, 4], np.arange(9) % 3 == 0, slice(None, None, -2)):
        part = played.slice(index)
        assert part.block() is not None
        assert_same(part, State(**{k: v[index] for k, v in loose.arrays().items()}))
    both = State.concat([played.slice([1, 2]), loose.slice(slice(5, 9))])
    assert both.block() is not None and both.batch == 6
    assert_same(both, State(**{k: np.concatenate([v[1:3], v[5:9]]) for k, v in loose.arrays().items()}))


def test_a_state_in_a_block_steps_like_the_same_state_in_separate_arrays(rules, played):
    players = Players(rules, "scripted", "random")
    orders = players.orders(played)
    a, info_a = step(rules, played, orders)
    b, info_b = step(rules, separate(played), orders)
    assert_same(a, b)
    assert_same(info_a.__dict__, info_b.__dict__, "step info: ")


def test_a_state_in_a_block_pickles_and_copies_as_its_arrays(rules, played):
    for again in (pickle.loads(pickle.dumps(played)), copy.deepcopy(played), copy.copy(played)):
        assert_same(again, played)
    with pytest.raises(AttributeError):
        played.no_such_field  # noqa: B018


@numba.njit
def _total(a):
    return np.sum(a.astype(np.float64))


@numba.njit
def _sums(layout, block):
    s = on_block(layout, block)
    # every field, in State order
    return [_total(s.key), _total(s.turn), _total(s.done), _total(s.winner), _total(s.cash), _total(s.budget),
            _total(s.budget_bonus), _total(s.budget_noise), _total(s.research_speed), _total(s.prestige),
            _total(s.year_prestige), _total(s.strikes), _total(s.sacked), _total(s.intel_budget),
            _total(s.budget_cut), _total(s.dev),
            _total(s.rel), _total(s.est_z), _total(s.nobs), _total(s.grounded_until), _total(s.cost_mult),
            _total(s.prog_unlocked), _total(s.prog_cancelled), _total(s.flights),
            _total(s.mis_unlocked), _total(s.mis_cancelled), _total(s.op_left), _total(s.op_months),
            _total(s.held), _total(s.first_side), _total(s.first_month), _total(s.record_value),
            _total(s.record_side), _total(s.flags), _total(s.ev_last), _total(s.ev_forced),
            _total(s.pending), _total(s.news), _total(s.launch_mission), _total(s.launch_outcome),
            _total(s.launch_month), _total(s.launch_passed), _total(s.launch_prestige), _total(s.launch_records),
            _total(s.launch_crew),
            _total(s.person_status), _total(s.skill), _total(s.person_flights), _total(s.rest_until),
            _total(s.morale), _total(s.idle_turns), _total(s.died_turn), _total(s.first_crew),
            _total(s.group_recruited)]


def test_the_compiled_code_sees_each_field_where_the_layout_puts_it(rules, played):
    """The kernels see a block's fields through a bundle of descriptors (state_bundle): every field
    must read back as numpy sees it."""
    layout, block = played.block()
    got = _sums(state_bundle(layout), block)
    names = list(played.arrays())
    want = [float(np.sum(played.arrays()[k].astype(np.float64))) for k in names]
    assert len(names) == len(got)
    for name, g, w in zip(names, got, want, strict=True):
        assert g == w, f"{name}: the compiled view sums to {g}, numpy's to {w}"
    assert played.launch_mission.max() >= 0 and played.rel.sum() > 0      # the sums mean something


def test_a_step_reuses_the_memory_of_a_state_nobody_holds_and_never_one_in_use(rules):
    """Layout.reused_block: a big batch's step writes into the block of a State that is gone (the same
    games bit for bit), never into one whose State or any array of it is still held."""
    big = init(rules, game_keys(7, 512))
    orders = Orders.empty(rules, 512)
    assert big.block()[0].size >= SPARE_MIN_BYTES
    first, _ = step(rules, big, orders)
    want = checksum(first)
    held = id(first.block()[1])
    second, _ = step(rules, big, orders)
    assert id(second.block()[1]) != held, "the first State is alive: its memory is not reused"
    skill = second.skill
    kept = id(second.block()[1])
    del first, second
    third, _ = step(rules, big, orders)
    assert id(third.block()[1]) == held and checksum(third) == want
    del skill, third
    fourth, _ = step(rules, big, orders)
    assert id(fourth.block()[1]) in (held, kept) and checksum(fourth) == want
