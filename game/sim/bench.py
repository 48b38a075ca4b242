"""The core benchmark behind `spacerace bench`: prints figures, asserts nothing.

The games it steps are played by a policy the caller names (the command uses
the scripted one), so this batch driver needs nothing of game.ai.
"""

from __future__ import annotations

import resource
import statistics
import time
from collections.abc import Callable

import numpy as np

from game.rules import Orders, Rules, init, observe, step
from game.rules.rng import game_keys, policy_keys
from game.sim.machine_load import MachineLoad

Player = Callable[[Rules], object]   # makes a policy: an object with act(observation, keys) -> Orders


def _trajectory(rules: Rules, player: Player, batch: int, seed: int) -> list[tuple]:
    """(state, orders) pairs along games of `player` against itself, one per turn."""
    us, ussr = player(rules), player(rules)
    state = init(rules, game_keys(seed, batch))
    keys = policy_keys(seed, 0, batch)
    pairs = []
    while not state.done.all():
        orders = Orders.merge(rules, us.act(observe(rules, state, 0), keys), ussr.act(observe(rules, state, 1), keys))
        pairs.append((state, orders))
        state, _ = step(rules, state, orders)
    return pairs


def _median_step_s(rules: Rules, pairs: list[tuple], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        for state, orders in pairs:
            t0 = time.perf_counter()
            step(rules, state, orders)
            times.append(time.perf_counter() - t0)
    return statistics.median(times)


def bench_core(rules: Rules, player: Player, big: int = 4096, seed: int = 1, note: str = "") -> dict:
    """Step timings at batch 1 and `big`, on states and orders of real games of `player` (a policy
    maker: both sides play one; `note` names it in the report's games_per_s_note), and the share
    of the processors other programs used meanwhile (`others_cpu_share`: 0.5 on two cores means one
    was busy elsewhere the whole time, and the figures are low; None where it cannot be known)."""
    with MachineLoad() as load:
        figures = _bench_core(rules, player, big, seed, note)
    figures["others_cpu_share"] = load.others
    figures["steal_share"] = load.steal
    return figures


def _bench_core(rules: Rules, player: Player, big: int, seed: int, note: str) -> dict:
    pairs = _trajectory(rules, player, big, seed)
    mid = pairs[2:-2] if len(pairs) > 8 else pairs
    small = [(s.slice(slice(0, 1)), o.slice(slice(0, 1))) for s, o in mid]
    step_1 = _median_step_s(rules, small, 20)
    step_big = _median_step_s(rules, mid, 3)
    us, ussr = player(rules), player(rules)
    t0 = time.perf_counter()
    state = init(rules, game_keys(seed + 1, big))
    keys = game_keys(seed + 1, big)
    while not state.done.all():
        orders = Orders.merge(rules, us.act(observe(rules, state, 0), keys), ussr.act(observe(rules, state, 1), keys))
        state, _ = step(rules, state, orders)
    whole = time.perf_counter() - t0
    per_s_1 = 1.0 / step_1
    per_s_big = big / step_big
    return {
        "turns_per_s_batch1": round(per_s_1, 1),
        f"turns_per_s_batch{big}": round(per_s_big, 1),
        "batch_ratio": round(per_s_big / per_s_1, 1),
        "step_ms_batch1": round(step_1 * 1000, 4),
        f"step_ms_batch{big}": round(step_big * 1000, 3),
        "games_per_s": round(big / whole, 1),
        "games_per_s_note": f"whole games at batch {big}, both sides played by {note or 'one policy'}",
        "turns_per_game": int(np.max(state.turn)),
    }


def peak_rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0, 1)
