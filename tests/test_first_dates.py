"""A first is dated by its launch, inside the turn it flew: "first" is decided by date, as in history."""

from __future__ import annotations

import numpy as np
from gamekit import historical

from game.rules import Orders, init, step
from game.rules.rng import game_keys
from game.rules.tables import SUCCESS

USSR = 1


def sure_soviet_satellites(games: int, turn: int):
    """`games` historical games at `turn` in which the USSR has every program developed and perfect, and
    launches one satellite from its first pad: every game wins the first satellite this turn."""
    r = historical().rules
    state = init(r, game_keys(1975, games))
    soviet = np.broadcast_to(r.prog_side == USSR, state.dev.shape)
    state = state.replace(turn=np.full(games, turn, np.int16),
                          dev=np.where(soviet, r.start_cost, state.dev).astype(np.float32),
                          rel=np.where(soviet, 1, state.rel).astype(np.float32))
    orders = Orders.empty(r, games)
    launch = orders.launch.copy()
    launch[:, USSR, 0] = r.mission_ids.index("sputnik_satellite")
    return r, state, orders.replace(launch=launch)


def test_a_first_takes_the_date_of_its_launch():
    r, state, orders = sure_soviet_satellites(2000, turn=6)
    after, info = step(r, state, orders)
    k = r.milestone_ids.index("satellite")
    assert (after.launch_outcome[:, USSR, 0] == SUCCESS).all()
    assert (after.first_side[:, k] == USSR).all()
    month0 = r.start_month + 6 * r.months_per_turn
    np.testing.assert_allclose(after.first_month[:, k], month0 + after.launch_month[:, USSR, 0], atol=1e-4)
    assert (after.launch_month >= 0).all() and (after.launch_month < r.months_per_turn).all()


def test_a_first_late_in_a_turn_is_still_dated_inside_that_turn():
    r, state, orders = sure_soviet_satellites(60_000, turn=historical().rules.n_turns - 1)
    after, _ = step(r, state, orders)
    k = r.milestone_ids.index("satellite")
    month0 = r.start_month + (r.n_turns - 1) * r.months_per_turn
    dated = after.first_month[:, k]
    assert (after.first_side[:, k] == USSR).all()
    late = np.flatnonzero(dated >= month0 + r.months_per_turn)
    assert not len(late), f"{len(late)} firsts dated in the next turn, e.g. game {late[0]}: " \
                          f"launch month {after.launch_month[late[0], USSR, 0]!r} of the turn"


def test_the_scripted_race_wins_the_firsts_of_1957_1969_near_their_history():
    """Scripted against scripted, each first of 1957-1969 is won in most games, at a median date within two
    years of when history won it: the content added for the 1970s does not pull the race off its course."""
    from game.ai.policies import make_policy
    from game.scenario.calendar import month_of
    from game.sim.rollout import play_games

    sc = historical()
    r = sc.rules
    policy = make_policy("scripted", r)
    st = play_games(r, policy, policy, seed=3, games=128).state
    checked = 0
    for k, ms in enumerate(sc.milestones):
        history = month_of(ms["historical"])
        if not month_of("1957-01") <= history < month_of("1970-01"):
            continue
        won = st.first_side[:, k] >= 0
        assert won.mean() > 0.8, (ms["id"], won.mean())
        median = float(np.median(st.first_month[won, k]))
        assert abs(median - history) <= 24, (ms["id"], median / 12, ms["historical"])
        checked += 1
    assert checked >= 15
