"""Determinism: a game depends on its seed and orders only, never on the batch it runs in.

The AI simulates thousands of games at once with the very rules the player's
single game uses; these tests prove the batched step is the same game, field by
field, as stepping each game alone.
"""

from __future__ import annotations

import os

import numpy as np
import pytest
from gamekit import Players, assert_same, fields, historical, snapshot

from game.rules import Orders, State, init, step
from game.rules.rng import game_keys
from game.rules.state import checksum
from game.sim.rollout import play_batch, play_games

SEED = 1957


@pytest.fixture(scope="module")
def rules():
    return historical().rules


def mixed_orders(rules, state: State, scripted: Players, chaotic: Players) -> Orders:
    """Scripted orders for even games and random ones for odd games, so a batch mixes both."""
    a, b = scripted.orders(state), chaotic.orders(state)
    odd = (np.arange(state.batch) % 2 == 1)
    pick = {name: np.where(odd.reshape((-1,) + (1,) * (x.ndim - 1)), getattr(b, name), x).astype(x.dtype)
            for name, x in fields(a).items()}
    return Orders(**pick)


@pytest.mark.parametrize("batch", [1, 7, 64])
def test_a_batched_step_equals_the_same_games_stepped_one_by_one(rules, batch):
    scripted = Players(rules, "scripted", "random")
    chaotic = Players(rules, "random", "scripted")
    together = init(rules, game_keys(SEED, batch))
    alone = [init(rules, game_keys(SEED, 1, first=i)) for i in range(batch)]
    for i, g in enumerate(alone):
        assert_same(together.slice([i]), g, f"init game {i}: ")

    launches = firsts = 0
    while not together.done.all():
        orders = mixed_orders(rules, together, scripted, chaotic)
        together, info = step(rules, together, orders)
        launches += int((together.launch_mission >= 0).sum())
        firsts += int((info.firsts != 0).sum())
        for i in range(batch):
            alone[i], info_i = step(rules, alone[i], orders.slice([i]))
            assert_same(together.slice([i]), alone[i], f"turn {int(together.turn[i])} game {i}: ")
            assert_same({k: v[i:i + 1] for k, v in fields(info).items()}, info_i, f"step info game {i}: ")
    assert launches > 0 and firsts > 0, "the orders must be non-trivial for this test to mean anything"


def test_the_same_seed_gives_the_same_game_and_another_seed_another(rules):
    us, ussr = Players(rules, "random", "scripted").us, Players(rules, "random", "scripted").ussr
    first = play_games(rules, us, ussr, seed=7, games=16, batch=16).state
    again = play_games(rules, us, ussr, seed=7, games=16, batch=16).state
    other = play_games(rules, us, ussr, seed=8, games=16, batch=16).state
    assert checksum(first) == checksum(again)
    assert_same(first, again)
    assert checksum(first) != checksum(other)


def test_a_game_is_the_same_whatever_the_batch_it_runs_in(rules):
    players = Players(rules, "random", "scripted")
    by_7 = play_games(rules, players.us, players.ussr, seed=11, games=64, batch=7)
    by_64 = play_games(rules, players.us, players.ussr, seed=11, games=64, batch=64)
    assert by_7.games == by_64.games == 64
    assert_same(by_7.state, by_64.state)
    assert checksum(by_7.state) == checksum(by_64.state)
    # and a few games played on their own, from the middle of the run
    middle = play_batch(rules, players.us, players.ussr, seed=11, first=30, count=3)
    assert_same(middle, by_64.state.slice(slice(30, 33)))


def test_step_does_not_change_its_input(rules):
    players = Players(rules, "random", "random")
    finished = play_batch(rules, players.us, players.ussr, seed=3, first=0, count=4)
    live = init(rules, game_keys(3, 12, first=4))
    for _ in range(9):
        live, _ = step(rules, live, players.orders(live))
    state = State.concat([finished, live])          # finished and running games in one batch
    assert state.done.any() and not state.done.all()
    orders = players.orders(state)
    orders = orders.replace(funding=orders.funding * 3, rush=~orders.rush)  # overspending, rushing
    state_before, orders_before = snapshot(state), snapshot(orders)

    after, _ = step(rules, state, orders)
    step(rules, after, orders)                      # stepping the result must not reach back either

    assert_same(state, state_before, "state: ")
    assert_same(orders, orders_before, "orders: ")
    assert not np.array_equal(after.turn[~state.done], state.turn[~state.done])


def test_a_batch_split_over_threads_is_the_same_as_one_thread(rules):
    """Large batches are shared out over threads a block of games at a time, whichever thread comes
    first: the split must change nothing."""
    from game.rules import set_threads

    players = Players(rules, "random", "scripted")
    games = 1100                                    # above two parts' worth, and not a multiple of either
    try:
        states = []
        for threads in (1, 3):
            set_threads(threads)
            state = init(rules, game_keys(SEED, games))
            for _ in range(12):
                state, info = step(rules, state, players.orders(state))
            states.append((state, info))
    finally:
        set_threads(os.cpu_count() or 1)
    assert_same(states[0][0], states[1][0])
    assert_same(fields(states[0][1]), fields(states[1][1]), "step info: ")
    assert int((states[0][0].launch_mission >= 0).sum()) > 0


def test_the_fields_step_does_not_copy_are_rewritten_by_every_running_game(rules):
    """`step` skips copying a few fields (funding, news, last launches) for running games, which
    rewrite them in full: what the input held there must not matter, and must not leak through."""
    from game.rules.step_memory import REWRITTEN as _REWRITTEN

    players = Players(rules, "random", "scripted")
    finished = play_batch(rules, players.us, players.ussr, seed=5, first=0, count=3)
    live = init(rules, game_keys(5, 61, first=3))
    for _ in range(6):
        live, _ = step(rules, live, players.orders(live))
    state = State.concat([finished, live])
    orders = players.orders(state)
    rng = np.random.default_rng(0)
    garbled = {}
    for name in _REWRITTEN:
        old = getattr(state, name)
        noise = rng.integers(-100, 100, old.shape).astype(old.dtype)
        keep = state.done.reshape((-1,) + (1,) * (old.ndim - 1))
        garbled[name] = np.where(keep, old, noise)   # finished games keep theirs: they are copied as they are
    expected, info = step(rules, state, orders)
    got, info_garbled = step(rules, state.replace(**garbled), orders)
    assert_same(expected, got)
    assert_same(fields(info), fields(info_garbled), "step info: ")
    assert (expected.launch_mission[~state.done] >= 0).any() and expected.news[~state.done].any()
    assert_same(expected.slice(slice(0, 3)), finished)     # finished games came through whole


def test_two_threads_stepping_the_same_rules_at_once_do_not_mix_their_games(rules):
    """The UI's AI thinks on a worker thread while the window's thread may step too: the compiled
    step releases the GIL, so its scratch space must belong to the calling thread."""
    import threading

    players = Players(rules, "random", "scripted")
    seeds = (21, 22, 23, 24)

    def play(seed: int) -> State:
        state = init(rules, game_keys(seed, 64))
        for _ in range(15):
            state, _ = step(rules, state, players.orders(state))
        return state

    alone = {seed: play(seed) for seed in seeds}
    together: dict[int, State] = {}
    threads = [threading.Thread(target=lambda s=seed: together.__setitem__(s, play(s))) for seed in seeds]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for seed in seeds:
        assert_same(together[seed], alone[seed], f"seed {seed}: ")
