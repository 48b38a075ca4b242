"""Playbooks: the scripted plan with knobs, one set of knobs per game of a batch.

The search AI plays its rollouts with these. A `Playbook` holds, for each of N
rows, a mission priority order, how many goals to pursue at once, how sure a
launch must look, how far to research, and how much cash to keep back. With
the default knobs (`Playbook.scripted`) it gives the scripted policy's orders.
Archetypes (satellite rush, crewed focus, lunar shot, test-heavy...) are
knob settings; mutations perturb them.

Everything is batched over rows: no Python loop over games.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np

from game.ai.plan import (
    firsts_aimed,
    flyable,
    mission_costs,
    prerequisite_closure,
    record_values,
    renewal_due,
    starts_operation,
    success_estimate,
    upkeep_due,
    wanted,
)
from game.rules.observe import Observation
from game.rules.orders import Orders
from game.rules.tables import AVAILABLE, DEVELOPING, READY, Rules

F32 = np.float32
INF = F32(1e9)
LATER = F32(100)  # added to the priority of a mission wanted only for a record or an operation


@dataclass(frozen=True)
class Playbook:
    """Knobs of the plan for N rows.

    prio:      float32 [N, M] urgency of each mission (lower goes first)
    focus:     int [N] how many wanted missions to work towards at once
    shift:     float32 [N] added to the launch thresholds (positive: test more before flying)
    target:    float32 [N] research a needed program until its estimate reaches this
    share:     float32 [N] share of a program's research cost paid a turn while researching
    reserve:   float32 [N] share of cash kept back for later turns
    """

    prio: np.ndarray
    focus: np.ndarray
    shift: np.ndarray
    target: np.ndarray
    share: np.ndarray
    reserve: np.ndarray

    @staticmethod
    def scripted(rules: Rules, n: int) -> Playbook:
        """The scenario's own plan (as the scripted policy plays it), for n rows."""
        return Playbook(
            prio=np.tile(rules.mis_ai_priority.astype(F32), (n, 1)),
            focus=np.full(n, rules.ai_focus, np.int64),
            shift=np.zeros(n, F32),
            target=np.full(n, 0.9, F32),
            share=np.full(n, rules.ai_research_share, F32),
            reserve=np.zeros(n, F32),
        )

    @staticmethod
    def house(rules: Rules, n: int) -> Playbook:
        """The AI's own default: the scenario's plan, flying as soon as a launch looks fair and working
        on fewer goals at once (both measured better than the plan itself in play against it)."""
        b = Playbook.scripted(rules, n)
        return Playbook(b.prio, np.maximum(b.focus - 3, 1), np.full(n, -0.2, F32), b.target, b.share, b.reserve)

    @property
    def rows(self) -> int:
        return int(self.focus.shape[0])

    def take(self, index) -> Playbook:
        """Rows `index` (int array or slice) as a new Playbook."""
        return Playbook(**{f.name: getattr(self, f.name)[index] for f in fields(self)})

    @staticmethod
    def concat(books: list[Playbook]) -> Playbook:
        return Playbook(**{f.name: np.concatenate([getattr(b, f.name) for b in books]) for f in fields(Playbook)})


class PlanTables:
    """Constants of the plan derived once from the rules."""

    def __init__(self, rules: Rules):
        self.rules = rules
        self.closure = prerequisite_closure(rules).astype(F32)
        self.use = rules.mis_prog_use.astype(F32)
        cap = np.append(rules.research_cap, F32(1))[rules.step_prog]
        self.ceiling = np.where(rules.step_real > 0, cap, F32(1)).prod(axis=1).astype(F32)
        crewed = getattr(rules, "ai_crewed_launch_threshold", rules.ai_launch_threshold)
        self.threshold = np.minimum(np.where(rules.mis_crew > 0, F32(crewed), F32(rules.ai_launch_threshold)),
                                    F32(0.9) * self.ceiling).astype(F32)
        self.ceiling_cap = (F32(0.97) * self.ceiling).astype(F32)


def _first_k(score: np.ndarray, k: np.ndarray) -> np.ndarray:
    """bool [N, M]: the k[n] columns of lowest finite score in each row (ties: lower index)."""
    order = np.argsort(score, axis=1, kind="stable")
    rank = np.empty_like(order)
    np.put_along_axis(rank, order, np.arange(score.shape[1])[None, :].repeat(score.shape[0], 0), axis=1)
    return (rank < k[:, None]) & (score < INF)


def plan_orders(tables: PlanTables, obs: Observation, book: Playbook) -> tuple[Orders, np.ndarray]:
    """Orders for side obs.side of N games, row n played with book row n.

    What it wants (game.ai.plan.wanted): missions that can earn a first the side lacks, then, after all of
    those (priority + LATER), missions that raise a record or keep one of its operations going. It works
    towards the `focus` most urgent, flies the wanted ones whose estimated success reaches the threshold
    (most urgent first, one per record or operation a turn), pays its operations' upkeep and funds
    programs with the rest (see `stop_orders` for when it ends an operation).

    Returns (orders, focus bool [N, M]: the missions each row works towards).
    Pure; never spends more than the row's cash.
    """
    r = tables.rules
    n, side, L = obs.turn.shape[0], obs.side, r.max_pads
    first = firsts_aimed(r, obs)
    want = wanted(r, obs)
    prio = np.where(first, book.prio, book.prio + LATER)
    focus = _first_k(np.where(want, prio, INF), book.focus)
    demand = _program_demand(tables, obs, book, focus)
    # money the programs still in development towards firsts ask this turn: launches only for records or
    # operations leave it to them
    firsts_demand = _program_demand(tables, obs, book, focus & first, research=False).sum(axis=1)

    cost = mission_costs(r, obs)
    threshold = np.minimum(tables.threshold[None, :] + book.shift[:, None], tables.ceiling_cap[None, :])
    good = flyable(r, obs) & want & (success_estimate(r, obs) >= threshold)
    upkeep = upkeep_due(r, obs)
    stop = stop_orders(r, obs, np.where(good & first, prio, INF), cost, upkeep)
    due = renewal_due(r, obs) & ~stop
    money = obs.cash.astype(F32) - np.where(stop, F32(0), upkeep).sum(axis=1, dtype=F32)

    values, starts = record_values(r), starts_operation(r)
    best = obs.record_value.astype(F32).copy()
    launch = np.full((n, 2, L), -1, np.int16)
    left = good.copy()
    rows = np.arange(n)
    for c in range(int(r.pads[side])):
        # still worth it after this turn's earlier launches: one launch per record and per operation
        still = wanted(r, obs, best, due)
        score = np.where(left & still, prio, INF)
        m = np.argmin(score, axis=1)
        ok = score[rows, m] < INF
        c_cost = cost[rows, m]
        fly = ok & (c_cost <= money - np.where(first[rows, m], F32(0), firsts_demand))
        launch[:, side, c] = np.where(fly, m, -1)
        money = money - np.where(fly, c_cost, F32(0))
        left[rows, m] = False
        best = np.where(fly[:, None], np.maximum(best, values[m]), best)
        op = starts[m]
        due[rows[fly & (op >= 0)], op[fly & (op >= 0)]] = False

    money = np.maximum(money, F32(0)) * (F32(1) - book.reserve)
    total = demand.sum(axis=1)
    scale = np.minimum(F32(1), money / np.maximum(total, F32(1e-6)))
    orders = Orders.empty(r, n).replace(funding=(demand * scale[:, None]).astype(F32), launch=launch, stop=stop)
    return orders, focus


def _program_demand(tables: PlanTables, obs: Observation, book: Playbook, focus: np.ndarray,
                    research: bool = True) -> np.ndarray:
    """float32 [N, P]: what the plan would pay each program this turn, money allowing, to work towards
    the missions of `focus` (bool [N, M]): development of the programs they need (prerequisites
    included) up to dev_cap, and (when `research`) research of the ready ones up to the book's target
    at its share."""
    r = tables.rules
    need = focus.astype(F32) @ tables.use
    need = (need + need @ tables.closure) > 0
    dev_left = (1 - np.nan_to_num(obs.dev_progress, nan=1.0)) * r.start_cost
    status = obs.status
    developing = need & ((status == AVAILABLE) | (status == DEVELOPING))
    target = np.minimum(book.target[:, None], r.research_cap[None, :] - F32(0.03))
    researching = need & (status == READY) & (np.nan_to_num(obs.estimate) < target) & research
    return (developing * np.minimum(r.dev_cap, dev_left)
            + researching * r.research_cost[None, :] * book.share[:, None]).astype(F32)


def stop_orders(rules: Rules, obs: Observation, first_prio: np.ndarray, cost: np.ndarray,
                upkeep: np.ndarray) -> np.ndarray:
    """bool [N, OP]: the own operations to end this turn. Operations are kept by default; money runs short
    when the cash cannot pay their upkeep (upkeep float32 [N, OP]) and, if one is ready, the most urgent
    launch for a first (first_prio float32 [N, M], INF where none; cost float32 [N, M]). Then the ones
    paying the least prestige per unit of upkeep are ended until the money suffices (a launch for a first
    counts only if ending every operation would pay for it); of two of equal worth, the one later in the
    scenario's operation order (the order upkeep is paid in) ends first."""
    n = obs.turn.shape[0]
    if upkeep.shape[1] == 0:
        return np.zeros((n, 0), bool)
    cash = obs.cash.astype(F32)
    kept = upkeep.sum(axis=1, dtype=F32)
    m = np.argmin(first_prio, axis=1)
    launch = np.where(first_prio[np.arange(n), m] < INF, cost[np.arange(n), m], F32(0))
    launch = np.where(launch <= cash, launch, F32(0))
    short = np.maximum(np.maximum(launch + kept - cash, kept - cash), F32(0))
    worth = np.asarray(rules.op_prestige, F32) / np.maximum(np.asarray(rules.op_upkeep, F32), F32(1e-6))
    order = np.lexsort((-np.arange(worth.shape[0]), worth))    # least worth first; ties: the later one first
    paid = upkeep[:, order]
    freed_before = np.cumsum(paid, axis=1) - paid
    stop = np.zeros_like(upkeep, dtype=bool)
    stop[:, order] = (paid > 0) & (freed_before < short[:, None])
    return stop


# ---------------------------------------------------------------- archetypes

def _mission_tags(rules: Rules) -> dict[str, np.ndarray]:
    """bool [M] masks of mission kinds, read from the scenario's data (no names of a scenario are assumed)."""
    best = np.where(rules.mis_targets, rules.prestige_first[None, :], 0).max(axis=1)
    lunar_ms = np.array(["moon" in k or "lunar" in k for k in rules.milestone_ids])
    return {
        "uncrewed": rules.mis_crew == 0,
        "crewed": rules.mis_crew > 0,
        "lunar": (rules.mis_targets & lunar_ms[None, :]).any(axis=1),
        "big": best >= np.quantile(best[best > 0], 0.75) if (best > 0).any() else best > 0,
        "cheap": rules.mis_steps <= 2,
    }


ARCHETYPES = ("the plan", "all-in", "satellite rush", "crewed focus", "lunar shot", "big prizes", "test-heavy",
              "bold", "careful", "broad", "narrow", "thrifty", "cheap firsts")


def archetype(rules: Rules, name: str, n: int = 1) -> Playbook:
    """The knobs of a named strategy (see ARCHETYPES), for n rows; all are variations of the house plan."""
    b = Playbook.house(rules, n)
    tags = _mission_tags(rules)
    prio = b.prio.copy()
    focus, shift, target, share, reserve = b.focus.copy(), b.shift.copy(), b.target.copy(), b.share.copy(), \
        b.reserve.copy()
    if name == "satellite rush":
        prio -= 20 * tags["uncrewed"]
    elif name == "crewed focus":
        prio -= 20 * tags["crewed"]
    elif name == "lunar shot":
        prio -= 30 * tags["lunar"]
    elif name == "big prizes":
        prio -= 25 * tags["big"]
    elif name == "cheap firsts":
        prio -= 15 * tags["cheap"]
    elif name == "test-heavy":
        shift += F32(0.12)
        target[:] = 0.95
        share *= F32(1.25)
    elif name == "all-in":
        focus += 6
        share[:] = 2.0
        target[:] = 0.95
    elif name == "bold":
        shift -= F32(0.1)
    elif name == "careful":
        shift += F32(0.1)
    elif name == "broad":
        focus += 3
    elif name == "narrow":
        focus = np.maximum(focus - 2, 1)
    elif name == "thrifty":
        reserve[:] = 0.25
    elif name != "the plan":
        raise ValueError(f"unknown archetype '{name}'")
    return Playbook(prio.astype(F32), focus, shift, target, share, reserve)


def mutate(book: Playbook, u: np.ndarray, strength: float) -> Playbook:
    """Perturbed knobs: u float32 [N, M + 5] uniforms in [0, 1) (one row per book row); strength ~ 0..1."""
    m = book.prio.shape[1]
    z = (u - F32(0.5)) * F32(2)
    prio = book.prio + F32(20 * strength) * z[:, :m]
    focus = np.clip(book.focus + np.rint(z[:, m] * 3 * strength).astype(np.int64), 1, m)
    shift = np.clip(book.shift + F32(0.12 * strength) * z[:, m + 1], -0.3, 0.3)
    target = np.clip(book.target + F32(0.05 * strength) * z[:, m + 2], 0.7, 0.99)
    share = np.clip(book.share * (F32(1) + F32(0.4 * strength) * z[:, m + 3]), 0.2, 2.0)
    reserve = np.clip(book.reserve + F32(0.2 * strength) * z[:, m + 4], 0, 0.5)
    return Playbook(prio.astype(F32), focus, shift.astype(F32), target.astype(F32), share.astype(F32),
                    reserve.astype(F32))
