"""The `ai` section of `spacerace bench`: how long the search AI takes to decide.

Each level decides for one game (batch 1, as in the game window) at several
mid-game states of scripted games, for both sides; figures are the median and
90th percentile of the wall-clock time of one decision.
"""

from __future__ import annotations

import time

import numpy as np

from game.ai.policies import make_policy
from game.rules import Orders, State, init, observe, step
from game.rules.rng import game_keys

TURNS = (6, 10, 14, 18, 22, 26)


def midgame_states(rules, seed: int = 3, games: int = 2, turns=TURNS) -> list[State]:
    """Single-game States at the given turns of scripted games."""
    p = make_policy("scripted", rules)
    state = init(rules, game_keys(seed, games))
    keys = game_keys(seed + 1, games)
    out = []
    for t in range(max(turns) + 1):
        if t in turns:
            out.extend(state.slice(slice(g, g + 1)) for g in range(games) if not state.done[g])
        state, _ = step(rules, state, Orders.merge(rules, p.act(observe(rules, state, 0), keys),
                                                   p.act(observe(rules, state, 1), keys)))
    return out


def bench_ai(scenario) -> dict:
    """{level: {median_s, p90_s, decisions}} for ai:easy, ai:normal, ai:hard."""
    rules = scenario.rules
    states = midgame_states(rules)
    out = {}
    for level in ("easy", "normal", "hard"):
        ai = make_policy(f"ai:{level}", rules)  # builds the shared belief library outside the timings
        times = []
        for i, st in enumerate(states):
            for side in (0, 1):
                obs = observe(rules, st, side)
                t0 = time.perf_counter()
                ai.act(obs, game_keys(100 + i, 1))
                times.append(time.perf_counter() - t0)
        out[level] = {"median_s": round(float(np.median(times)), 4),
                      "p90_s": round(float(np.percentile(times, 90)), 4), "decisions": len(times)}
    return out

