"""The search AI: valid orders, the same decision from the same seed, decisions from the
observation alone, its playbook agreeing with the scripted plan, and a short arena."""

import functools
import json

import numpy as np
import pytest

from game.ai.arena import play_match, wilson
from game.ai.plan import mission_costs, upkeep_due
from game.ai.playbook import PlanTables, Playbook, plan_orders
from game.ai.policies import make_policy
from game.cli import main
from game.rules import Orders, init, observe, step
from game.rules.rng import game_keys
from game.rules.tables import SCRUBBED
from game.scenario import load


@functools.cache
def scenario():
    return load("historical")


@functools.cache
def midgame(turns: int = 12, games: int = 3):
    """A batch of games after `turns` turns of the scripted plan on both sides."""
    r = scenario().rules
    p = make_policy("scripted", r)
    state = init(r, game_keys(21, games))
    keys = game_keys(22, games)
    for _ in range(turns):
        state, _ = step(r, state, Orders.merge(r, p.act(observe(r, state, 0), keys), p.act(observe(r, state, 1), keys)))
    return state


@pytest.mark.parametrize("level", ["ai:easy", "ai:normal"])
@pytest.mark.parametrize("side", [0, 1])
def test_orders_are_valid_and_never_scrubbed(level, side):
    r = scenario().rules
    ai = make_policy(level, r)
    other = make_policy("scripted", r)
    state = midgame()
    keys = game_keys(5, state.batch)
    for _ in range(4):
        obs = observe(r, state, side)
        mine = ai.act(obs, keys)
        own = r.prog_side == side
        assert (mine.funding >= 0).all()
        assert (mine.funding[:, ~own] == 0).all()
        launches = mine.launch[:, side]
        price = mission_costs(r, obs)
        cost = np.zeros(state.batch)
        rows = np.arange(state.batch)
        for m in launches.T:
            assert ((m == -1) | obs.mission_open[rows, np.maximum(m, 0)]).all()
            cost += np.where(m >= 0, price[rows, np.maximum(m, 0)], 0)
        upkeep = np.where(mine.stop, 0, upkeep_due(r, obs)).sum(axis=1)
        corps = (mine.recruit * r.group_cost).sum(axis=1) + (mine.train >= 0).sum(axis=1) * r.crew_training_cost
        spent = mine.funding.sum(axis=1) + cost + upkeep + corps
        assert (spent <= obs.cash + 1e-3).all()
        assert (mine.launch[:, 1 - side] == -1).all()
        assert len(ai.last_reasons) == state.batch and all(ai.last_reasons)
        theirs = other.act(observe(r, state, 1 - side), keys)
        us, ussr = (mine, theirs) if side == 0 else (theirs, mine)
        before = state.cash[:, side].copy()
        state, info = step(r, state, Orders.merge(r, us, ussr))
        flown = state.launch_mission[:, side] >= 0
        assert not (state.launch_outcome[:, side][flown] == SCRUBBED).any()
        assert (info.spent[:, side] <= before + 1e-3).all()


def test_same_seed_same_decision():
    r = scenario().rules
    state = midgame()
    obs = observe(r, state, 1)
    keys = game_keys(9, state.batch)
    a = make_policy("ai:normal", r).decide(obs, keys)
    b = make_policy("ai:normal", r).decide(obs, keys)
    for name in ("funding", "launch", "rush", "choice", "stop"):
        assert np.array_equal(getattr(a.orders, name), getattr(b.orders, name))
    assert a.reasons == b.reasons


def test_the_decision_depends_on_the_observation_only():
    r = scenario().rules
    state = midgame()
    side, rival = 0, 1
    theirs = (r.prog_side == rival)[None, :]
    unseen = theirs & (state.flights == 0)
    rng = np.random.default_rng(0)
    hidden = state.replace(
        rel=np.where(theirs, rng.uniform(0.2, 0.95, state.rel.shape), state.rel).astype(np.float32),
        dev=np.where(unseen, rng.uniform(0, 30, state.dev.shape), state.dev).astype(np.float32),
        est_z=np.where(theirs, rng.normal(size=state.est_z.shape), state.est_z).astype(np.float32),
        cash=state.cash * np.array([1, 3], np.float32),
        budget=state.budget * np.array([1, 0.5], np.float32),
    )
    a, b = observe(r, state, side), observe(r, hidden, side)
    for name in ("status", "estimate", "cash", "rival_budget_estimate", "held", "prestige", "mission_open"):
        assert np.array_equal(getattr(a, name), getattr(b, name), equal_nan=True), name
    keys = game_keys(4, state.batch)
    ai = make_policy("ai:normal", r)
    da, db = ai.decide(a, keys), ai.decide(b, keys)
    for name in ("funding", "launch", "rush", "choice", "stop"):
        assert np.array_equal(getattr(da.orders, name), getattr(db.orders, name))
    assert da.reasons == db.reasons


def test_scripted_playbook_gives_the_scripted_orders():
    r = scenario().rules
    state = midgame()
    tables = PlanTables(r)
    scripted = make_policy("scripted", r)
    for side in (0, 1):
        obs = observe(r, state, side)
        want = scripted.act(obs, game_keys(1, state.batch))
        got, _ = plan_orders(tables, obs, Playbook.scripted(r, state.batch))
        assert np.array_equal(want.launch, got.launch) and np.array_equal(want.stop, got.stop)
        assert np.allclose(want.funding, got.funding, atol=1e-4)


def test_wilson_interval():
    lo, hi = wilson(50, 100)
    assert lo == pytest.approx(0.4038, abs=1e-3) and hi == pytest.approx(0.5962, abs=1e-3)
    assert wilson(0, 10)[0] == 0.0 and wilson(10, 10)[1] == 1.0


def test_arena_smoke():
    out = play_match("historical", "ai:easy", "random", games=4, seed=1, workers=1)
    assert out["games"] == 4 and out["a"] == "ai:easy" and out["b"] == "random"
    assert out["a_wins"] + out["b_wins"] + out["draws"] == 4
    assert out["by_seat"]["a_as_us"]["games"] == 2 and out["by_seat"]["a_as_ussr"]["games"] == 2
    lo, hi = out["ci95"]
    assert 0 <= lo <= out["a_win_rate"] <= hi <= 1


def test_arena_command_prints_json(capsys):
    assert main(["arena", "--a", "scripted", "--b", "random", "--games", "6", "--seed", "2", "--json",
                 "--workers", "1"]) == 0
    out = json.loads(capsys.readouterr().out)
    for key in ("games", "a", "b", "a_wins", "b_wins", "draws", "a_win_rate", "ci95", "by_seat"):
        assert key in out
    assert out["games"] == 6 and len(out["ci95"]) == 2
    for seat in ("a_as_us", "a_as_ussr"):
        assert {"a_wins", "a_win_rate"} <= set(out["by_seat"][seat])


def test_hard_keeps_the_plan_unless_a_candidate_beats_it_clearly_in_the_same_worlds():
    r = scenario().rules
    hard, normal = make_policy("ai:hard", r), make_policy("ai:normal", r)
    rng = np.random.default_rng(3)
    luck = rng.normal(0, 10, (1, 1, 40))                    # what each world gives every candidate alike
    lucky = rng.normal(0, 10, (1, 1, 40))                   # a candidate's own noise, mean about 0
    per_world = np.concatenate([luck, luck + lucky + 1.0, luck + 2.0], axis=1)
    judged = hard._judge(per_world)
    assert judged[0, 0] == pytest.approx(per_world[0, 0].mean())
    assert judged[0, 2] == pytest.approx(per_world[0, 0].mean() + 2.0)     # the same lead in every world
    assert judged[0, 1] < per_world[0, 1].mean() - 1.0                    # a noisy lead is discounted
    assert np.array_equal(normal._judge(per_world), per_world.mean(axis=2))
