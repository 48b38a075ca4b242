"""Tournaments of two policies: half the games with A as the US, half with A as the USSR.

Game j of a seat uses the same world key in both seatings (mirror pairs), so
luck of the dice is shared out evenly. Games run in worker processes, a few
games batched together per task.
"""

from __future__ import annotations

import math
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

import numpy as np

from game.rules.tables import DRAW, US_WINS, USSR_WINS

SEATS = ("a_as_us", "a_as_ussr")
_CACHE: dict = {}


@dataclass(frozen=True)
class Task:
    scenario: str
    a: str
    b: str
    seed: int
    seat: int     # 0: A plays the US; 1: A plays the USSR
    first: int    # first game index of the seat
    count: int


def wilson(score: float, n: int, z: float = 1.96) -> tuple[float, float]:
    """95% Wilson score interval of a proportion `score` / n (score may count draws as halves)."""
    if n <= 0:
        return 0.0, 1.0
    p = score / n
    den = 1 + z * z / n
    mid = (p + z * z / (2 * n)) / den
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / den
    return max(0.0, mid - half), min(1.0, mid + half)


def _setup(scenario: str, a: str, b: str):
    """(rules, policy A, policy B), built once per process."""
    k = (scenario, a, b)
    if k not in _CACHE:
        from game.ai.policies import make_policy
        from game.scenario import load

        rules = load(scenario).rules
        _CACHE[k] = (rules, make_policy(a, rules), make_policy(b, rules))
    return _CACHE[k]


def run_task(task: Task) -> tuple[int, int, np.ndarray, np.ndarray]:
    """Play one task's games; returns (seat, first, winner int8 [count], prestige float32 [count, 2])."""
    from game.process import keep_freed_memory
    from game.rules import set_threads
    from game.sim.rollout import play_batch

    keep_freed_memory()
    set_threads(1)   # the workers already use every core
    rules, pa, pb = _setup(task.scenario, task.a, task.b)
    us, ussr = (pa, pb) if task.seat == 0 else (pb, pa)
    state = play_batch(rules, us, ussr, task.seed, task.first, task.count)
    return task.seat, task.first, state.winner.copy(), state.prestige.copy()


def _tasks(scenario: str, a: str, b: str, games: int, seed: int, per_task: int) -> list[Task]:
    out = []
    for seat, n in enumerate(((games + 1) // 2, games // 2)):
        for first in range(0, n, per_task):
            out.append(Task(scenario, a, b, seed, seat, first, min(per_task, n - first)))
    out.sort(key=lambda t: (t.first, t.seat))  # interleave seats so a partial run stays balanced
    return out


def play_match(scenario: str, a: str, b: str, games: int, seed: int, workers: int | None = None,
               per_task: int | None = None, progress=None) -> dict:
    """Play `games` games of policy A against policy B and summarise them (the `arena --json` object)."""
    heavy = a.startswith("ai:") or b.startswith("ai:")
    per_task = per_task or (4 if heavy else 256)
    tasks = _tasks(scenario, a, b, games, seed, per_task)
    workers = max(1, min(workers or os.cpu_count() or 1, len(tasks)))
    results = []
    if workers == 1:
        for t in tasks:
            results.append(run_task(t))
            if progress:
                progress(sum(r[2].shape[0] for r in results), games)
    else:
        import multiprocessing

        with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn")) as pool:
            for res in pool.map(run_task, tasks):
                results.append(res)
                if progress:
                    progress(sum(r[2].shape[0] for r in results), games)
    return summarize_match(a, b, results)


def summarize_match(a: str, b: str, results: list) -> dict:
    """The match summary from run_task results."""
    by_seat = {}
    total = {"a_wins": 0, "b_wins": 0, "draws": 0}
    prestige = {"a": [], "b": []}
    for seat, name in enumerate(SEATS):
        winners = [r[2] for r in results if r[0] == seat]
        pr = [r[3] for r in results if r[0] == seat]
        w = np.concatenate(winners) if winners else np.zeros(0, np.int8)
        a_side = US_WINS if seat == 0 else USSR_WINS
        b_side = USSR_WINS if seat == 0 else US_WINS
        aw, bw, dr = int((w == a_side).sum()), int((w == b_side).sum()), int((w == DRAW).sum())
        n = int(w.shape[0])
        by_seat[name] = {"games": n, "a_wins": aw, "b_wins": bw, "draws": dr,
                         "a_win_rate": round((aw + 0.5 * dr) / n, 4) if n else None}
        total["a_wins"] += aw
        total["b_wins"] += bw
        total["draws"] += dr
        if pr:
            p = np.concatenate(pr)
            prestige["a"].append(p[:, seat])
            prestige["b"].append(p[:, 1 - seat])
    n = sum(s["games"] for s in by_seat.values())
    score = total["a_wins"] + 0.5 * total["draws"]
    lo, hi = wilson(score, n)
    return {
        "games": n, "a": a, "b": b, **total,
        "a_win_rate": round(score / n, 4) if n else None,
        "ci95": [round(lo, 4), round(hi, 4)],
        "by_seat": by_seat,
        "mean_prestige": {k: round(float(np.concatenate(v).mean()), 2) if v else None for k, v in prestige.items()},
    }
