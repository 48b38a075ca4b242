"""Helpers shared by the tests: the real historical scenario, exact state
comparisons, and policy-driven turns. Nothing here fakes any part of the game.
"""

from __future__ import annotations

import dataclasses
import functools
import shutil
from pathlib import Path

import numpy as np

from game.ai.policies import make_policy
from game.rules import Orders, State, init, observe, step
from game.rules.rng import game_keys
from game.scenario import load

REPO = Path(__file__).resolve().parents[1]
HISTORICAL = REPO / "scenarios" / "historical"
POLICY_SEED = 0xC0FFEE


@functools.cache
def historical():
    """The shipped historical scenario, loaded once per test run."""
    return load("historical")


def copy_scenario(tmp_path: Path, name: str = "historical") -> Path:
    """A private copy of the historical scenario folder to edit (named like the original by default)."""
    dest = tmp_path / name
    shutil.copytree(HISTORICAL, dest)
    return dest


def fields(obj) -> dict[str, object]:
    """Field name -> value of a dataclass (State, Orders, StepInfo, Observation)."""
    return {f.name: getattr(obj, f.name) for f in dataclasses.fields(obj)}


def snapshot(obj) -> dict[str, object]:
    """Deep copies of every array field of a dataclass, to check later that nothing changed."""
    return {k: (v.copy() if isinstance(v, np.ndarray) else v) for k, v in fields(obj).items()}


def assert_same(a, b, what: str = "") -> None:
    """Every field of two dataclasses (or a dataclass and a snapshot) is exactly equal: values, dtypes, shapes."""
    fa = a if isinstance(a, dict) else fields(a)
    fb = b if isinstance(b, dict) else fields(b)
    assert fa.keys() == fb.keys()
    for name in fa:
        x, y = fa[name], fb[name]
        if isinstance(x, np.ndarray):
            assert isinstance(y, np.ndarray), f"{what}{name}: array vs {type(y).__name__}"
            assert x.dtype == y.dtype, f"{what}{name}: dtype {x.dtype} != {y.dtype}"
            assert x.shape == y.shape, f"{what}{name}: shape {x.shape} != {y.shape}"
            if not np.array_equal(x, y, equal_nan=x.dtype.kind == "f"):
                np.testing.assert_array_equal(x, y, err_msg=f"{what}{name} differs")
        else:
            assert x == y, f"{what}{name}: {x!r} != {y!r}"


def float_fields(state: State) -> dict[str, np.ndarray]:
    return {k: v for k, v in state.arrays().items() if v.dtype.kind == "f"}


def nan_fields(state: State) -> list[str]:
    """Names of the float fields of a State holding a NaN or an infinity."""
    return [k for k, v in float_fields(state).items() if not np.isfinite(v).all()]


class Players:
    """Two policies and their dice: orders for both sides of a batch of games i = first..first+B-1."""

    def __init__(self, rules, us: str, ussr: str, seed: int = POLICY_SEED):
        self.rules = rules
        self.us, self.ussr = make_policy(us, rules), make_policy(ussr, rules)
        self.seed = seed

    def keys(self, count: int, first: int = 0) -> tuple[np.ndarray, np.ndarray]:
        return game_keys(self.seed, count, first), game_keys(self.seed + 1, count, first)

    def orders(self, state: State, first: int = 0) -> Orders:
        k_us, k_ussr = self.keys(state.batch, first)
        r = self.rules
        return Orders.merge(r, self.us.act(observe(r, state, 0), k_us), self.ussr.act(observe(r, state, 1), k_ussr))


def play(rules, state: State, players: Players, max_steps: int | None = None):
    """Yield (before, orders, after, info) for each step until every game is done (or max_steps)."""
    n = 0
    while not state.done.all() and (max_steps is None or n < max_steps):
        orders = players.orders(state)
        after, info = step(rules, state, orders)
        yield state, orders, after, info
        state = after
        n += 1


def played_games(rules, seed: int, games: int, turns: int) -> State:
    """`games` games (keys from `seed`) of `rules` played `turns` turns, scripted (US) against random (USSR):
    a mid-game state where both sides have developed and flown programs."""
    state = init(rules, game_keys(seed, games))
    for *_, after, _info in play(rules, state, Players(rules, "scripted", "random"), max_steps=turns):
        state = after
    return state
