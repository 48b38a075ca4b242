"""What one flight of a mission costs and how likely each of its steps is to succeed: written once.

The core's launches (game.rules.launches) call these functions compiled, on one
game's scalars, with the programs' true reliability. The AI's estimates and the
order checker's explanations call the very same code on numpy arrays, with a
side's own estimates: `mission_costs`, `success_chances` and `step_chances`
below run the functions' own code as plain Python (`plain`: their `py_func`, with
min and max read as np.minimum and np.maximum, and a program's cost multiplier
looked up for whole arrays). Apart from those, the bodies use only arithmetic
that means the same on a numba scalar and on a numpy array, all in float32, so
equal inputs give equal bits in both: the AI and the player are told the chance
the core will draw against. `t` is the KernelTables of the rules
(game.rules.kernel_tables), the same bundle of numpy arrays in both forms (its fields read from Python too).
"""

from __future__ import annotations

from types import FunctionType

import numpy as np

from game.rules.crews import crew_step_penalty
from game.rules.jit import F32, leaf
from game.rules.kernel_tables import kernel_tables
from game.rules.tables import Rules

ZERO, ONE = F32(0), F32(1)


@leaf
def cost_multiplier(cost_mult, col):
    """A program's flight cost multiplier: cost_mult[col], col being its column among the programs an
    effect can make dearer (t.cost_col), or 1 for col -1 (any other program). Compiled: cost_mult
    is one game's State.cost_mult row [PC]. (mission_costs gives mission_cost's plain form
    _plain_cost_multiplier instead, for whole arrays: see `plain`.)"""
    return cost_mult[col] if col >= 0 else ONE


def _plain_cost_multiplier(cost_mult, col):
    """cost_multiplier for arrays: cost_mult float32 [B, PC + 1], State.cost_mult's columns and then a
    column of ones, which col -1 picks; col int [M] -> [B, M]."""
    return cost_mult[..., col]


@leaf
def mission_cost(t, cost_mult, m):
    """Money one flight of mission m costs (float32): its own cost, then for each of its roles in
    order the role's program's flight cost times that program's cost multiplier (cost_multiplier of
    cost_mult). The padding program P costs 0, so a padded role adds an exact 0.

    Compiled: m an int and cost_mult one game's State.cost_mult row. Plain (mission_costs):
    m = every mission [M], giving [B, M]."""
    cost = t.mis_cost[m]
    for r in range(t.role_prog.shape[1]):
        p = t.role_prog[m, r]
        cost = cost + t.flight_cost[p] * cost_multiplier(cost_mult, t.cost_col[p])
    return cost


@leaf
def launch_penalty(t, missing, rush):
    """Success chance a launch loses at every step (float32): skip_penalty for each prerequisite
    milestone of its targets that its side lacks (`missing`, a float32 count or array of counts),
    and rush_penalty more when it is rushed (`rush`, one bool)."""
    return t.skip_penalty * missing + (t.rush_penalty if rush else ZERO)


@leaf
def step_chance(t, reliability, penalty):
    """The chance one step succeeds: its program's reliability less the launch's penalty, never below
    min_step_chance nor above 1. `reliability` is the true one in the core, a side's estimate
    elsewhere (1 for the padding program P)."""
    return min(max(reliability - penalty, t.min_step_chance), ONE)


@leaf
def chance_after(so_far, real, chance):
    """The chance that every step so far succeeded, after one more step with success chance `chance`:
    real is t.step_real of that step (1 for a step of the mission, 0 for padding, which changes
    nothing). Applied to 1 step by step in order, it gives the chance the whole mission succeeds."""
    return so_far * (ONE - real * (ONE - chance))


def plain(fn):
    """The plain Python form of a compiled part `fn`, for numpy arrays: its own code (fn.py_func) with
    min and max read as np.minimum and np.maximum, and cost_multiplier as _plain_cost_multiplier."""
    names = {"min": np.minimum, "max": np.maximum, "cost_multiplier": _plain_cost_multiplier}
    code = fn.py_func
    return FunctionType(code.__code__, {**code.__globals__, **names}, code.__name__, code.__defaults__)


def missing_counts(rules: Rules, held: np.ndarray) -> np.ndarray:
    """float32 [B, M]: for each mission, how many prerequisite milestones of its targets a side lacks,
    from the milestones it holds, bool [B, K] (what the core counts from its bit masks)."""
    return (rules.mis_prereq_count - np.asarray(held).astype(F32) @ rules.mis_prereq).astype(F32)


def mission_costs(rules: Rules, cost_mult: np.ndarray) -> np.ndarray:
    """float32 [B, M]: mission_cost of every mission, for B games whose programs' multipliers are
    cost_mult float32 [B, P] (Observation.cost_mult: 1 for a program no effect touched)."""
    t = kernel_tables(rules)
    b = cost_mult.shape[0]
    cols = np.concatenate([np.asarray(cost_mult, F32)[:, rules.cost_targets], np.ones((b, 1), F32)], axis=1)
    cost = plain(mission_cost)(t, cols, np.arange(rules.n_missions))
    return np.broadcast_to(cost, (b, rules.n_missions)).astype(F32)


def _with_padding(reliability: np.ndarray) -> np.ndarray:
    """float32 [B, P + 1]: reliability [B, P] and the padding program's 1."""
    b = reliability.shape[0]
    return np.concatenate([np.asarray(reliability, F32), np.ones((b, 1), F32)], axis=1)


def _step_penalty(t, penalty, crew_skill):
    """The penalty of each step with its crew's effect (crews.crew_step_penalty), for arrays: crew_skill
    holds the crew's mean skill in each step's discipline, NaN where no named crew's skill counts
    (then the penalty is the launch's, as in the core)."""
    if crew_skill is None:
        return penalty
    skill = np.asarray(crew_skill, F32)
    has = np.isfinite(skill)
    return np.where(has, plain(crew_step_penalty)(t, penalty, F32(1), np.where(has, skill, F32(0))), penalty)


def success_chances(rules: Rules, reliability: np.ndarray, missing: np.ndarray, rush: bool = False,
                    crew_skill: np.ndarray | None = None) -> np.ndarray:
    """float32 [B, M]: the chance each mission succeeds at every step, from programs' reliability
    float32 [B, P] (a side's estimates: no NaN) and each mission's count of missing prerequisite
    milestones float32 [B, M]; all launches rushed or none. crew_skill: float32 [B, M, J], the mean
    skill of each mission's crew in each step's discipline (crew_skills; NaN: no effect), or None for
    no crew effect. The same product the core draws against."""
    t = kernel_tables(rules)
    rel = _with_padding(reliability)
    penalty = plain(launch_penalty)(t, np.asarray(missing, F32), rush)
    out = np.ones(np.shape(penalty), F32)
    for j in range(t.J):
        step_penalty = _step_penalty(t, penalty, None if crew_skill is None else np.asarray(crew_skill)[..., j])
        q = plain(step_chance)(t, rel[:, t.step_prog[:, j]], step_penalty)
        out = plain(chance_after)(out, t.step_real[:, j], q)
    return out


def step_chances(rules: Rules, reliability: np.ndarray, missing: int, m: int, rush: bool = False,
                 crew_skill: np.ndarray | None = None) -> list[float]:
    """The success chance of each step of mission m in order (its real steps only), from programs'
    reliability float32 [P] (one side's estimates), the count of missing prerequisite milestones and
    crew_skill float32 [J] (crew_skills of the crew that would fly; None: no crew effect)."""
    t = kernel_tables(rules)
    rel = _with_padding(np.asarray(reliability, F32)[None, :])[0]
    penalty = plain(launch_penalty)(t, F32(missing), rush)
    out = []
    for j in range(int(rules.mis_steps[m])):
        step_penalty = _step_penalty(t, penalty, None if crew_skill is None else np.asarray(crew_skill)[j])
        out.append(float(plain(step_chance)(t, rel[t.step_prog[m, j]], F32(step_penalty))))
    return out


def crew_skills(rules: Rules, skill: np.ndarray, people, m: int) -> np.ndarray:
    """float32 [J]: the mean skill of a crew in each step's discipline of mission m, as the core
    computes it (crews.crew_skill_of: summed in seat order, divided by the crew's size); NaN for a
    step without a discipline, and everywhere when the mission has no crew or `people` (person indices,
    in seat order, as many as the mission's crew) is short or the side flies no named crews.
    skill: float32 [N, 5] the people's skills (a side's own: Observation.skill of its people)."""
    t = kernel_tables(rules)
    out = np.full(t.J, np.nan, F32)
    people = [int(n) for n in people]
    need = int(rules.mis_crew[m])
    if need == 0 or len(people) < need or min(people[:need], default=0) < 0:
        return out
    skill = np.asarray(skill, F32)
    for j in range(t.J):
        d = int(t.step_skill[m, j])
        if d >= 0:
            total = F32(0)
            for n in people[:need]:
                total = F32(total + skill[n, d])
            out[j] = total / F32(need)
    return out


def crew_step_bonus(rules: Rules, skill: np.ndarray, people, m: int) -> np.ndarray:
    """float32 [J]: how much the crew `people` (as in crew_skills) lowers each step's penalty of mission m,
    crew_skill_bonus * (crew skill - 0.5): negative for a weak crew, 0 where its skill does not count.
    What a screen shows to say why a crew helps; the chances themselves: step_chances with crew_skills."""
    t = kernel_tables(rules)
    skill_at = crew_skills(rules, skill, people, m)
    has = np.isfinite(skill_at)
    return np.where(has, plain(crew_step_penalty)(t, F32(0), F32(-1), np.where(has, skill_at, F32(0))),
                    F32(0)).astype(F32)
