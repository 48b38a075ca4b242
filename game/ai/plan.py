"""Shared reading of an observation for policies: what a side can fly, what it
costs, how likely it is to work, and which programs a mission needs.
All functions are batched: arrays [B, ...], no loop over games. What a mission
costs and how likely it is to succeed are the core's own formulas
(game.rules.missions), fed with the side's estimates.
"""

from __future__ import annotations

import numpy as np

from game.rules import missions
from game.rules.kernel_tables import kernel_tables
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


def firsts_aimed(rules: Rules, obs: Observation) -> np.ndarray:
    """bool [B, M]: own open missions that can earn a milestone the side lacks."""
    lacking = ~obs.held[:, obs.side]
    # how many lacking milestones each mission targets: a product of 0/1 matrices, exact in float32
    return obs.mission_open & ((lacking.astype(F32) @ rules.mis_targets.T.astype(F32)) > 0)


def record_values(rules: Rules) -> np.ndarray:
    """float32 [M, RC]: the value each mission sets on each record when it fully succeeds (0: none); a
    Rules made by hand without records gives [M, 0]."""
    return kernel_tables(rules).mis_record_value


def starts_operation(rules: Rules) -> np.ndarray:
    """int64 [M]: the operation each mission starts or renews on a full success (-1: none)."""
    return kernel_tables(rules).mis_starts_op


def records_aimed(rules: Rules, obs: Observation, best: np.ndarray | None = None) -> np.ndarray:
    """bool [B, M, RC]: own open missions whose full success would raise each record: the value it sets
    beats the best so far (`best` float32 [B, RC], default the public record_value) by more than the
    record's min_gain. Raising one's own record counts too: each rise pays."""
    m, k, beats = _record_rises(rules, obs, best)
    out = np.zeros((obs.mission_open.shape[0], *record_values(rules).shape), bool)
    out[:, m, k] = obs.mission_open[:, m] & beats
    return out


def _record_rises(rules: Rules, obs: Observation, best: np.ndarray | None) -> tuple:
    """(m, k, beats): the (mission, record) pairs where the mission sets a value (int [pairs] each, a few
    of M x RC) and bool [B, pairs]: the value beats `best` (default the public record_value) by more
    than the record's min_gain."""
    values = record_values(rules)
    m, k = np.nonzero(values > 0)
    best = obs.record_value if best is None else best
    bar = best[:, k] + np.asarray(rules.record_min_gain, F32)[k][None, :]             # [B, pairs]
    return m, k, values[m, k][None, :] > bar


def renewal_due(rules: Rules, obs: Observation) -> np.ndarray:
    """bool [B, OP]: own operations that are not running or run their last turn (op_left <= 1), so a
    start now keeps them going; the rival's are never due."""
    own = np.asarray(rules.op_side) == obs.side
    return own[None, :] & (obs.op_left <= 1)


def operations_aimed(rules: Rules, obs: Observation, due: np.ndarray | None = None) -> np.ndarray:
    """bool [B, M]: own open missions that start or renew an operation due for it (`due` bool [B, OP],
    default renewal_due)."""
    due = renewal_due(rules, obs) if due is None else due
    op = starts_operation(rules)
    padded = np.concatenate([due, np.zeros((due.shape[0], 1), bool)], axis=1)        # column -1: none
    return obs.mission_open & (op >= 0)[None, :] & padded[:, op]


def wanted(rules: Rules, obs: Observation, best: np.ndarray | None = None,
           due: np.ndarray | None = None) -> np.ndarray:
    """bool [B, M]: own open missions worth flying: they can earn a milestone the side lacks, raise a
    record above its best value (`best` float32 [B, RC], default the public record_value) or start or
    renew one of the side's operations that is due (`due` bool [B, OP], default renewal_due: not running
    or in its last turn). firsts_aimed, records_aimed and operations_aimed tell which."""
    return firsts_aimed(rules, obs) | _raises_a_record(rules, obs, best) | operations_aimed(rules, obs, due)


def _raises_a_record(rules: Rules, obs: Observation, best: np.ndarray | None) -> np.ndarray:
    """bool [B, M]: records_aimed(rules, obs, best).any(axis=2), from the pairs alone."""
    m, _, beats = _record_rises(rules, obs, best)
    onto = np.zeros((len(m), obs.mission_open.shape[1]), F32)
    onto[np.arange(len(m)), m] = 1                                                    # pair -> its mission
    # how many records each mission raises: a product of 0/1 matrices, exact in float32
    return obs.mission_open & (beats.astype(F32) @ onto > 0)


def upkeep_due(rules: Rules, obs: Observation) -> np.ndarray:
    """float32 [B, OP]: the upkeep each own running operation will ask this turn (0 for the others)."""
    own = np.asarray(rules.op_side) == obs.side
    return np.where(own[None, :] & (obs.op_left > 0), np.asarray(rules.op_upkeep, F32)[None, :], F32(0))
