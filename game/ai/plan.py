"""Shared reading of an observation for policies: what a side can fly, what it
costs, how likely it is to work, and which programs a mission needs.
All functions are batched: arrays [B, ...], no loop over games. What a mission
costs and how likely it is to succeed are the core's own formulas
(game.rules.missions), fed with the side's estimates.
"""

from __future__ import annotations

import numpy as np

from game.rules import missions
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
    """float32 [B, M]: what one flight of each mission costs the observing side now (what the core
    will charge: game.rules.missions.mission_cost)."""
    return missions.mission_costs(rules, np.nan_to_num(obs.cost_mult, nan=1.0))


def flyable(rules: Rules, obs: Observation) -> np.ndarray:
    """bool [B, M]: own missions open now whose programs are all ready."""
    b = obs.turn.shape[0]
    status = np.concatenate([obs.status, np.full((b, 1), READY)], axis=1)
    return obs.mission_open & (status[:, rules.role_prog] == READY).all(axis=2)


def success_estimate(rules: Rules, obs: Observation) -> np.ndarray:
    """float32 [B, M]: the side's estimate that each mission, not rushed, succeeds (skip penalties
    included): the core's chance (game.rules.missions) with the side's estimates for reliability."""
    est = np.nan_to_num(obs.estimate, nan=0.0)
    return missions.success_chances(rules, est, missions.missing_counts(rules, obs.held[:, obs.side]))


def wanted(rules: Rules, obs: Observation) -> np.ndarray:
    """bool [B, M]: own open missions that can earn a milestone the side lacks."""
    lacking = ~obs.held[:, obs.side]
    # how many lacking milestones each mission targets: a product of 0/1 matrices, exact in float32
    return obs.mission_open & ((lacking.astype(F32) @ rules.mis_targets.T.astype(F32)) > 0)
