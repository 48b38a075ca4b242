"""The core clips invalid orders per game and never raises on them.

Orders come from people and from AIs under development: the session layer
explains mistakes to a human, but the core itself must take anything of the
right shape (negative or absurd funding, a launch of the rival's mission or
on a pad a side does not have, an option that does not exist) and neither
raise nor leave a NaN in the state.
"""

from __future__ import annotations

import hypothesis.strategies as st
import numpy as np
import pytest
from gamekit import Players, historical, nan_fields, play
from hypothesis import HealthCheck, given, settings
from hypothesis.extra.numpy import arrays

from game.rules import Orders, init, step
from game.rules.rng import game_keys
from game.rules.tables import NO_LAUNCH, SCRUBBED

RULES = historical().rules
B = 6


def _states():
    """Games at the start, in the middle (programs developed, money saved) and at the end."""
    players = Players(RULES, "scripted", "scripted")
    start = init(RULES, game_keys(99, B))
    states = {"start": start}
    for before, *_ in play(RULES, start, players):
        if int(before.turn[0]) in (12, 24):
            states[f"turn {int(before.turn[0])}"] = before
        states["end"] = before
    return states


STATES = _states()


def check_after(state, after, info) -> None:
    assert not nan_fields(after), f"NaN or infinity in {nan_fields(after)}"
    for name, arr in state.arrays().items():
        new = getattr(after, name)
        assert new.dtype == arr.dtype and new.shape == arr.shape, f"{name}: {arr.dtype}{arr.shape} -> " \
                                                                  f"{new.dtype}{new.shape}"
    assert np.isfinite(info.spent).all() and np.isfinite(info.awarded).all()
    assert (info.spent >= 0).all()
    assert (info.spent <= info.cash_before + 1e-3).all()
    assert (after.cash >= -1e-3).all()


def orders_of(funding=None, launch=None, rush=None, choice=None, batch=B) -> Orders:
    """Orders doing only what is given, every operation stopped: the money spent is what they order."""
    o = Orders.empty(RULES, batch)
    return Orders(funding=o.funding if funding is None else funding, launch=o.launch if launch is None else launch,
                  rush=o.rush if rush is None else rush, choice=o.choice if choice is None else choice,
                  stop=np.ones_like(o.stop))


P, M, L, E = RULES.n_programs, RULES.n_missions, RULES.max_pads, RULES.n_events
GARBAGE_MONEY = st.one_of(st.floats(width=32, allow_nan=False, allow_infinity=False),
                          st.sampled_from([0.0, -0.0, 1e-45, -1.0, 1e9, 3e38, -3e38]))


@settings(max_examples=80, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(
    when=st.sampled_from(sorted(STATES)),
    funding=arrays(np.float32, (B, P), elements=GARBAGE_MONEY),
    launch=arrays(np.int16, (B, 2, L), elements=st.integers(-32768, M - 1)),
    rush=arrays(bool, (B, 2, L)),
    choice=arrays(np.int8, (B, E), elements=st.integers(-128, 127)),
    stop=arrays(bool, (B, RULES.n_operations)),
)
def test_any_in_range_orders_are_clipped_without_raising(when, funding, launch, rush, choice, stop):
    state = STATES[when]
    after, info = step(RULES, state, Orders(funding, launch, rush, choice, stop))
    check_after(state, after, info)
    wrong_side = (launch >= 0) & (RULES.mis_side[np.maximum(launch, 0)] != np.arange(2)[None, :, None])
    assert (after.launch_outcome[wrong_side & ~state.done[:, None, None]] == SCRUBBED).all()


@pytest.mark.parametrize("when", sorted(STATES))
def test_the_rivals_missions_and_missing_pads_are_scrubbed(when):
    state = STATES[when]
    launch = np.full((B, 2, L), -1, np.int16)
    us_mission = RULES.mission_ids.index("explorer_satellite")
    ussr_mission = RULES.mission_ids.index("sputnik_satellite")
    launch[:, 0, :] = ussr_mission          # the US orders Soviet launches...
    launch[:, 1, :] = us_mission            # ...and the reverse
    after, info = step(RULES, state, orders_of(launch=launch))
    check_after(state, after, info)
    live = ~state.done
    assert (after.launch_outcome[live] == SCRUBBED).all()
    assert (info.spent[live] == 0).all() and (after.held == state.held).all()


@pytest.mark.parametrize("when", sorted(STATES))
def test_huge_and_negative_funding_is_clipped(when):
    state = STATES[when]
    for value in (3e38, 1e30, -1e30, -5.0):
        funding = np.full((B, P), value, np.float32)
        after, info = step(RULES, state, orders_of(funding=funding))
        check_after(state, after, info)
        if value < 0:
            assert (info.spent == 0).all() and (after.dev == state.dev).all()


@pytest.mark.parametrize("mission", [M, M + 1, 32767, -2, -32768])
def test_out_of_range_mission_indices_fly_nothing(mission):
    state = STATES["turn 12"]
    launch = np.full((B, 2, L), -1, np.int16)
    launch[:, 0, 0] = mission
    after, info = step(RULES, state, orders_of(launch=launch))
    check_after(state, after, info)
    assert np.isin(after.launch_outcome[:, 0, 0], (NO_LAUNCH, SCRUBBED)).all()
    assert (info.spent[:, 0] == 0).all() and (after.held == state.held).all()


@pytest.mark.filterwarnings("ignore:invalid value:RuntimeWarning")
@pytest.mark.parametrize("dtype", [np.int32, np.int64, np.float64])
def test_launch_orders_of_a_wider_dtype_out_of_range_stay_out_of_range(dtype):
    """int16 is the orders' own dtype; a wider one must not wrap an absurd index onto a real mission."""
    state = STATES["turn 12"]
    flyable = np.flatnonzero(RULES.mis_side == 0)[0]
    absurd = [65536 + flyable, -65536 + flyable, 2**40 + flyable] if dtype != np.int32 else [65536 + flyable]
    if dtype == np.float64:
        absurd += [np.nan, np.inf, -np.inf, 1e300]
    for value in absurd:
        launch = np.full((B, 2, L), -1, dtype)
        launch[:, 0, 0] = value
        after, info = step(RULES, state, orders_of(launch=launch))
        check_after(state, after, info)
        assert (after.launch_outcome[:, 0, 0] == NO_LAUNCH).all(), value
        assert (info.spent[:, 0] == 0).all()
    launch = np.full((B, 2, L), -1, dtype)
    launch[:, 0, 0] = flyable                           # and an order in range still counts
    ordered = step(RULES, state, orders_of(launch=launch))[0].launch_mission
    assert (ordered[~state.done, 0, 0] == flyable).all()


@pytest.mark.filterwarnings("ignore:invalid value:RuntimeWarning")
@pytest.mark.parametrize("value", [np.nan, np.inf, -np.inf])
def test_non_finite_funding_is_dropped(value):
    state = STATES["turn 12"]
    funding = np.zeros((B, P), np.float32)
    funding[:, :] = value
    after, info = step(RULES, state, orders_of(funding=funding))
    check_after(state, after, info)


def test_funding_of_another_dtype_keeps_the_states_dtypes():
    state = STATES["turn 12"]
    funding = np.full((B, P), 5.0, np.float64)
    after, info = step(RULES, state, orders_of(funding=funding))
    check_after(state, after, info)
