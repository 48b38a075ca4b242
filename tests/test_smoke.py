"""A first story: the historical scenario loads and a scripted game runs to its end."""

import numpy as np

from game.ai.policies import make_policy
from game.rules import init, observe, outcome, step
from game.rules.orders import Orders
from game.rules.rng import game_keys
from game.scenario import load


def test_scripted_game_reaches_the_end_with_a_result():
    sc = load("historical")
    r = sc.rules
    us, ussr = make_policy("scripted", r), make_policy("scripted", r)
    state = init(r, game_keys(3, 4))
    turns = 0
    while not state.done.all():
        o = Orders.merge(r, us.act(observe(r, state, 0), state.key), ussr.act(observe(r, state, 1), state.key))
        state, _ = step(r, state, o)
        turns += 1
        assert turns <= r.n_turns
    assert set(np.unique(outcome(state))) <= {0, 1, 2}
    assert (state.held != 0).all(axis=0).any()
