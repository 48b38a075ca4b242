"""Observation fairness: a side's view never carries what the rival keeps hidden.

The AI and the UI read only `observe(rules, state, side)`; if the rival's
secrets reach it, the AI cheats and a hot-seat player can peek.
"""

from __future__ import annotations

import numpy as np
import pytest
from gamekit import fields, historical, played_games

from game.rules import Orders, init, observe, step
from game.rules.observe import UNKNOWN
from game.rules.rng import game_keys
from game.rules.state import NEVER
from game.rules.tables import ACTIVE, DEAD, FAILURE, NOT_RECRUITED, RESTING, TRAINING

SIDES = (0, 1)


@pytest.fixture(scope="module")
def rules():
    return historical().rules


@pytest.fixture(scope="module")
def midgame(rules):
    """32 historical games, 16 turns in (1963): both sides have developed, funded and flown programs."""
    state = played_games(rules, 1963, games=32, turns=16)
    assert (state.flights[:, rules.prog_side == 0] > 0).any() and (state.flights[:, rules.prog_side == 1] > 0).any()
    assert (state.dev > 0).any()
    return state


def assert_same_view(a, b, what: str) -> None:
    for name, x in fields(a).items():
        y = getattr(b, name)
        if isinstance(x, np.ndarray):
            assert x.dtype == y.dtype and x.shape == y.shape, f"{what}: {name}"
            np.testing.assert_array_equal(x, y, err_msg=f"{what}: the side's view of '{name}' changed")
        else:
            assert x == y, f"{what}: {name}"


def with_rival_secrets_changed(rules, state, side: int, seed: int):
    """The same games, with everything the rival of `side` keeps to itself replaced by other values."""
    rng = np.random.default_rng(seed)
    b, P = state.batch, rules.n_programs
    rival = 1 - side
    theirs = np.broadcast_to(rules.prog_side == rival, (b, P))

    def shuffle(arr, lo, hi, where):
        new = rng.uniform(lo, hi, arr.shape).astype(arr.dtype)
        return np.where(where, new, arr)

    developed = state.dev >= rules.start_cost
    flown = state.flights > 0
    # development of a rival program that has flown stays complete (its flying is public); otherwise anything
    dev = np.where(flown, state.dev + rng.uniform(0, 50, state.dev.shape).astype(np.float32),
                   rng.uniform(0, 2, state.dev.shape).astype(np.float32) * rules.start_cost)
    dev = np.where(flown & ~developed, state.dev, dev)
    hers = np.zeros((b, 2), bool)
    hers[:, rival] = True
    mine = ~hers
    rival_events = np.broadcast_to(rules.ev_recv == rival, (b, rules.n_events))
    # the rival's corps: skills, morale, rest, waits and training of all its people, and everything about
    # those who never flew (who they are, whether recruited, retired or resigned); the public record
    # (flights, firsts, deaths) of those who flew stays
    N = rules.n_people
    their_people = np.broadcast_to(np.asarray(rules.person_side) == rival, (b, N))
    untried = their_people & (state.person_flights == 0) & (state.died_turn == NEVER)
    flown_alive = their_people & ~untried & (state.person_status != DEAD)
    any_status = rng.integers(NOT_RECRUITED, DEAD, (b, N)).astype(np.int8)              # not recruited .. resigned
    busy = np.isin(state.person_status, (ACTIVE, RESTING, TRAINING))
    same_public = rng.choice(np.array([ACTIVE, RESTING, TRAINING], np.int8), (b, N))    # all show as active
    status = np.where(untried, any_status, np.where(flown_alive & busy, same_public, state.person_status))
    their_groups = np.broadcast_to(np.asarray(rules.group_side) == rival, (b, rules.n_groups))
    running_theirs = (rules.op_side == rival)[None, :] & (state.op_left > 0)   # seen to run; not for how long
    return state.replace(
        op_left=np.where(running_theirs, rng.integers(1, 9, state.op_left.shape), state.op_left).astype(np.int16),
        budget_cut=shuffle(state.budget_cut, 0, 50, hers),
        person_status=status.astype(np.int8),
        skill=shuffle(state.skill, 0, 1, their_people[..., None]),
        morale=shuffle(state.morale, 0, 1, their_people),
        rest_until=np.where(their_people, rng.integers(0, 40, (b, N)), state.rest_until).astype(np.int16),
        idle_turns=np.where(their_people, rng.integers(0, 40, (b, N)), state.idle_turns).astype(np.int16),
        group_recruited=np.where(their_groups, rng.random(their_groups.shape) < 0.5, state.group_recruited),
        rel=shuffle(state.rel, 0.01, 1.0, theirs),
        est_z=shuffle(state.est_z, -3, 3, theirs),
        nobs=np.where(theirs, rng.integers(0, 9, state.nobs.shape), state.nobs).astype(np.int16),
        dev=np.where(theirs, dev, state.dev).astype(np.float32),
        cost_mult=shuffle(state.cost_mult, 0.5, 2, theirs[:, rules.cost_targets]),
        cash=shuffle(state.cash, 0, 500, hers),
        budget=shuffle(state.budget, 0, 500, hers),
        budget_bonus=shuffle(state.budget_bonus, -20, 20, hers),
        budget_noise=shuffle(state.budget_noise, -0.2, 0.2, hers),
        research_speed=shuffle(state.research_speed, 0.5, 2, hers),
        intel_budget=shuffle(state.intel_budget, 0, 500, mine),      # what the rival believes of us
        pending=np.where(rival_events[:, rules.option_events], rng.random(state.pending.shape) < 0.5, state.pending),
    )


@pytest.mark.parametrize("side", SIDES)
def test_the_rivals_estimates_funding_and_development_are_never_shown(rules, midgame, side):
    view = observe(rules, midgame, side)
    theirs = rules.prog_side == 1 - side
    assert np.isnan(view.estimate[:, theirs]).all()
    assert np.isnan(view.estimate_sd[:, theirs]).all()
    assert np.isnan(view.dev_progress[:, theirs]).all()
    assert (view.cost_mult[:, theirs] == 1).all()
    unflown = theirs[None, :] & (midgame.flights == 0)
    assert (view.status[unflown] == UNKNOWN).all()
    assert not view.mission_open[:, rules.mis_side != side].any()
    assert not view.pending[:, rules.ev_recv != side].any()
    # ...while its own numbers are all there
    mine = ~theirs
    assert np.isfinite(view.estimate[:, mine]).all() and np.isfinite(view.dev_progress[:, mine]).all()
    np.testing.assert_array_equal(view.cash, midgame.cash[:, side])
    assert (view.status[:, mine] != UNKNOWN).all()


@pytest.mark.parametrize("side", SIDES)
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_rivals_hidden_arrays_do_not_change_the_view(rules, midgame, side, seed):
    other = with_rival_secrets_changed(rules, midgame, side, seed)
    assert not np.array_equal(other.rel, midgame.rel) and not np.array_equal(other.cash, midgame.cash)
    assert_same_view(observe(rules, midgame, side), observe(rules, other, side), f"side {side}")


@pytest.mark.parametrize("side", SIDES)
def test_the_rivals_untried_people_stay_hidden(rules, midgame, side):
    """Of the rival's corps a side sees only the people who have flown, and of them only the public record;
    changing any untried rival person's skills, morale or training (and every rival's private numbers)
    leaves the view bit for bit the same."""
    assert rules.n_people > 0 and (midgame.person_flights[:, rules.person_side == 1 - side] > 0).any()
    view = observe(rules, midgame, side)
    theirs = np.asarray(rules.person_side) == 1 - side
    untried = theirs[None, :] & (midgame.person_flights == 0)
    assert (view.person_status[untried] == UNKNOWN).all() and not view.person_seen[untried].any()
    assert np.isnan(view.skill[:, theirs]).all() and np.isnan(view.morale[:, theirs]).all()
    assert np.isfinite(view.skill[:, ~theirs]).all()
    flew = theirs[None, :] & (midgame.person_flights > 0)
    np.testing.assert_array_equal(view.person_flights[flew], midgame.person_flights[flew])
    for seed in (4, 5):
        other = with_rival_secrets_changed(rules, midgame, side, seed)
        assert not np.array_equal(other.skill, midgame.skill)
        assert_same_view(view, observe(rules, other, side), f"side {side}, seed {seed}")


@pytest.mark.parametrize("side", SIDES)
def test_the_rivals_operations_are_seen_to_run_but_not_how_long_they_will(rules, midgame, side):
    rng = np.random.default_rng(side)
    assert rules.n_operations > 0 and {0, 1} <= set(rules.op_side.tolist())
    left = rng.integers(0, 4, midgame.op_left.shape).astype(np.int16)
    state = midgame.replace(op_left=left, op_months=(left * rules.months_per_turn).astype(np.int16))
    view = observe(rules, state, side)
    theirs = rules.op_side != side
    np.testing.assert_array_equal(view.op_running, left > 0)
    np.testing.assert_array_equal(view.op_months, state.op_months)
    np.testing.assert_array_equal(view.op_left[:, ~theirs], left[:, ~theirs])
    assert (view.op_left[:, theirs] == 0).all() and (left[:, theirs] > 0).any()
    other = with_rival_secrets_changed(rules, state, side, seed=7)
    assert not np.array_equal(other.op_left, state.op_left) and not np.array_equal(other.budget_cut, state.budget_cut)
    assert_same_view(view, observe(rules, other, side), f"side {side}")


def private_flags(rules, scenario, side: int) -> list[int]:
    """Flags that only events private to `side` (public = false) can set."""
    setters: dict[str, set[bool]] = {}
    for ev in scenario.events:
        private = not ev["public"] and ev["who"] == ("us", "ussr")[side]
        for eff in [ev["effects"]] + [o["effects"] for o in ev["option"]]:
            for flag in eff.get("set_flags") or []:
                setters.setdefault(flag, set()).add(private)
    return [rules.flag_ids.index(f) for f, kinds in setters.items() if kinds == {True}]


def test_flags_set_by_the_rivals_private_events_are_not_shown(rules, midgame):
    flags = private_flags(rules, historical(), side=1)
    assert flags, "the historical scenario's Soviet private events set flags of their own"
    toggled = midgame.flags.copy()
    toggled[:, flags] = ~toggled[:, flags]
    other = midgame.replace(flags=toggled)
    assert_same_view(observe(rules, midgame, 0), observe(rules, other, 0), "the US view")


def test_a_secret_soviet_failure_leaves_no_trace_in_the_us_view(rules):
    games = 8
    state = init(rules, game_keys(1958, games))
    soviet = np.broadcast_to(rules.prog_side == 1, state.dev.shape)
    state = state.replace(turn=np.full(games, 5, np.int16),       # spring 1958: no new budget year next turn
                          dev=np.where(soviet, rules.start_cost, state.dev).astype(np.float32),
                          rel=np.where(soviet, 0.01, state.rel).astype(np.float32))   # sure to fail
    quiet = Orders.empty(rules, games)
    launch = quiet.launch.copy()
    launch[:, 1, 0] = rules.mission_ids.index("sputnik_satellite")
    failed, _ = step(rules, state, quiet.replace(launch=launch))
    nothing, _ = step(rules, state, quiet)
    assert (failed.launch_outcome[:, 1, 0] == FAILURE).all()
    assert_same_view(observe(rules, failed, 0), observe(rules, nothing, 0), "the US view")


def test_a_soviet_launch_that_earns_a_milestone_is_public(rules):
    games = 64
    state = init(rules, game_keys(1967, games))
    soviet = np.broadcast_to(rules.prog_side == 1, state.dev.shape)
    docking = rules.program_ids.index("igla_docking")
    rel = np.where(soviet, 1, state.rel).astype(np.float32)
    rel[:, docking] = 0.01                                        # everything works but the docking
    state = state.replace(turn=np.full(games, 24, np.int16), rel=rel,
                          dev=np.where(soviet, rules.start_cost, state.dev).astype(np.float32))
    orders = Orders.empty(rules, games)
    launch = orders.launch.copy()
    launch[:, 1, 0] = rules.mission_ids.index("kosmos_auto_docking")
    after, _ = step(rules, state, orders.replace(launch=launch))
    rendezvous = rules.milestone_ids.index("rendezvous")
    gained = observe(rules, after, 0).held[:, 1, rendezvous]
    assert gained.any(), "some flights must reach the rendezvous for this test to mean anything"
    us_view = observe(rules, after, 0)
    assert (us_view.launch_mission[gained, 1, 0] == rules.mission_ids.index("kosmos_auto_docking")).all()
    assert (us_view.launch_outcome[gained, 1, 0] == after.launch_outcome[gained, 1, 0]).all()
