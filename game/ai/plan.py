"""Shared reading of an observation for policies: what a side can fly, what it
costs, how likely it is to work, and which programs a mission needs.
All functions are batched: arrays [B, ...], no loop over games.
"""

from __future__ import annotations

import numpy as np

from game.rules.observe import Observation
from game.rules.tables import READY, Rules

F32 = np.float32


def prerequisite_closure(rules: Rules) -> np.ndarray:
    """bool [P, P]: [p, q] when p needs q developed, directly or through other programs."""
    reach = rules.prog_prereq > 0
    for _ in range(rules.n_programs):
        nxt = reach | (reach.astype(F32) @ reach.astype(F32) > 0)
        if (nxt == reach).all():
            break
        reach = nxt
    return reach


def mission_costs(rules: Rules, obs: Observation) -> np.ndarray:
    """float32 [B, M]: what one flight of each mission costs the observing side now."""
    b = obs.turn.shape[0]
    mult = np.concatenate([np.nan_to_num(obs.cost_mult, nan=1.0), np.ones((b, 1), F32)], axis=1)
    per_role = rules.flight_cost[rules.role_prog]                       # [M, R]
    roles = [per_role[:, j] * mult[:, rules.role_prog[:, j]] for j in range(rules.role_prog.shape[1])]  # [B, M]
    # summed role by role in the order numpy sums an axis of up to 8 (the first, plus the others summed in
    # turn): the bits of .sum(axis=2) over [B, M, R], without numpy's slow reduction over a short axis
    total = roles[0] if roles else np.zeros((b, rules.n_missions), F32)
    if len(roles) > 1:
        rest = roles[1]
        for term in roles[2:]:
            rest = rest + term
        total = total + rest
    return (total + rules.mis_cost).astype(F32)


def flyable(rules: Rules, obs: Observation) -> np.ndarray:
    """bool [B, M]: own missions open now whose programs are all ready."""
    b = obs.turn.shape[0]
    status = np.concatenate([obs.status, np.full((b, 1), READY)], axis=1)
    return obs.mission_open & (status[:, rules.role_prog] == READY).all(axis=2)


def success_estimate(rules: Rules, obs: Observation) -> np.ndarray:
    """float32 [B, M]: the side's estimate that each mission succeeds (skip penalties included)."""
    b = obs.turn.shape[0]
    est = np.concatenate([np.nan_to_num(obs.estimate, nan=0.0), np.ones((b, 1), F32)], axis=1)
    held = obs.held[:, obs.side].astype(F32)
    missing = rules.mis_prereq_count - held @ rules.mis_prereq
    penalty = F32(rules.skip_penalty) * missing                       # [B, M]
    out = np.ones((b, rules.n_missions), F32)
    for j in range(rules.step_prog.shape[1]):   # step by step, in order: the bits of .prod over [B, M, J]
        p = np.clip(est[:, rules.step_prog[:, j]] - penalty, 0.01, 1)
        out = out * np.where(rules.step_real[:, j] > 0, p, F32(1))
    return out.astype(F32, copy=False)


def wanted(rules: Rules, obs: Observation) -> np.ndarray:
    """bool [B, M]: own open missions that can earn a milestone the side lacks."""
    lacking = ~obs.held[:, obs.side]
    # how many lacking milestones each mission targets: a product of 0/1 matrices, exact in float32
    return obs.mission_open & ((lacking.astype(F32) @ rules.mis_targets.T.astype(F32)) > 0)


def pick_first(mask: np.ndarray, order: np.ndarray, count: int) -> np.ndarray:
    """int [B, count]: the first `count` columns of mask [B, M] in `order` (-1 past the last)."""
    ranked = mask[:, order]
    rank = np.cumsum(ranked, axis=1)
    out = np.full((mask.shape[0], count), -1, np.int64)
    for c in range(count):
        hit = ranked & (rank == c + 1)
        out[:, c] = np.where(hit.any(axis=1), order[hit.argmax(axis=1)], -1)
    return out
