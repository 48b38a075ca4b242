"""The AI's handling of its corps: which launches it can man, which groups to recruit, who trains.

Batched over N rows (games, or rollout rows), no loop over games. It works on top of the plan's orders
(game.ai.playbook.plan_orders) and reads only the side's own Observation:

- Crews: seats are left to the core's automatic pick (the best available for the mission's skilled
  steps, game.rules.crews.pick_crews). A crewed launch the side cannot man this turn (fewer available
  people than the seats of its launches so far) is dropped, as the core would scrub it.
- Recruiting: when the side's living people in service are fewer than its crewed aims need (twice the
  largest crew among the missions it works towards, plus this turn's seats), it recruits the cheapest
  open group it can pay for, one a turn, before funding programs (the funding is scaled down to match).
- Training: the people who will not fly this turn (never one the core could seat on this turn's
  launches) train, with spare money only (after launches, upkeep and the programs' funding), in the
  discipline the side's crewed aims use most where they have most to gain; the best suited first, at
  most `TRAIN_MAX` a turn.
"""

from __future__ import annotations

import numpy as np

from game.ai.plan import mission_costs, upkeep_due
from game.ai.playbook import PlanTables, Playbook, plan_orders
from game.rules.kernel_tables import kernel_tables
from game.rules.observe import Observation
from game.rules.orders import Orders
from game.rules.tables import ACTIVE, RESTING, TRAINING, Rules

F32 = np.float32
TRAIN_MAX = 3          # people trained a turn at most
TRAIN_ROOM = F32(0.9)  # nobody trains a discipline already at this skill


class CorpsTables:
    """Constants of the corps derived once from the rules."""

    def __init__(self, rules: Rules):
        self.rules = rules
        self.weight = np.asarray(kernel_tables(rules).mis_skill_weight, F32)   # [M, 5] skilled steps by discipline
        self.crew = np.asarray(rules.mis_crew, np.int64)                          # [M]
        self.has_corps = rules.n_people > 0
        self.people = [np.flatnonzero(np.asarray(rules.person_side) == side) for side in (0, 1)]   # each side's
        # each side's people as a slice where they are listed together (a view, not a copy, of the
        # observation's columns), else as their indices
        self.columns = [slice(int(p[0]), int(p[-1]) + 1) if len(p) and p[-1] - p[0] + 1 == len(p) else p
                        for p in self.people]


def plan_with_corps(tables: PlanTables, ct: CorpsTables, obs: Observation, book: Playbook,
                    manage: np.ndarray | None = None) -> tuple[Orders, np.ndarray]:
    """(orders, focus): the playbook's plan for the N rows of `obs` (game.ai.playbook.plan_orders, row n
    played with book row n) with the side's corps handled by corps_orders (`manage` as there)."""
    orders, focus = plan_orders(tables, obs, book)
    return corps_orders(ct, obs, orders, focus, manage), focus


def corps_orders(ct: CorpsTables, obs: Observation, orders: Orders, focus: np.ndarray,
                 manage: np.ndarray | None = None) -> Orders:
    """The plan's orders (N rows of side obs.side) with this side's corps handled (see the module).

    focus: bool [N, M] the missions each row works towards (plan_orders' second result).
    manage: bool [N] rows that recruit and train (None: all); every row drops launches it cannot man.
    """
    r = ct.rules
    if not ct.has_corps:
        return orders
    n, side = obs.turn.shape[0], obs.side
    mine, cols = ct.people[side], ct.columns[side]                  # [P] own people's indices; their columns
    if not len(mine):
        return orders
    manage = np.ones(n, bool) if manage is None else manage
    status = obs.person_status[:, cols]
    avail = status == ACTIVE
    living = avail | (status == RESTING) | (status == TRAINING)
    skill = obs.skill[:, cols]                      # float32 [N, P, 5]: a side sees its own skills (no NaN)
    rows = np.arange(n)

    # launches the side can man, pad by pad; people the core may seat on them are kept from training
    launch = orders.launch.copy()
    seats = np.zeros(n, np.int64)
    n_avail = avail.sum(axis=1)
    for c in range(launch.shape[2]):
        m = launch[:, side, c]
        need = np.where(m >= 0, ct.crew[np.maximum(m, 0)], 0)
        short = (need > 0) & (seats + need > n_avail)
        launch[:, side, c] = np.where(short, -1, m)
        seats += np.where(short, 0, need)
    protected = np.zeros_like(avail)
    for c in range(launch.shape[2]):
        m = launch[:, side, c]
        crewed = (m >= 0) & (ct.crew[np.maximum(m, 0)] > 0)
        if not crewed.any():
            continue
        # a launch's crew is among the `seats` best available for it (at most seats - need others taken)
        score = np.where(avail, _suitability(skill, ct.weight[np.maximum(m, 0)]), -np.inf)
        protected |= crewed[:, None] & _best(score, seats) & avail

    cash = obs.cash.astype(F32)
    cost = mission_costs(r, obs)
    spent = np.where(launch[:, side] >= 0, cost[rows[:, None], np.maximum(launch[:, side], 0)], F32(0)).sum(axis=1)
    stopped = orders.stop if orders.stop.shape[1] else np.zeros((n, 0), bool)
    spent = spent + np.where(stopped, F32(0), upkeep_due(r, obs)).sum(axis=1, dtype=F32)
    money = np.maximum(cash - spent, F32(0))

    # recruiting: the cheapest open group, when the crewed aims need more people than are in service
    aims = focus & (ct.crew[None, :] > 0)
    biggest = np.where(aims, ct.crew[None, :], 0).max(axis=1)
    short_of_people = manage & (biggest > 0) & (living.sum(axis=1) < 2 * biggest + seats)
    gside = np.asarray(r.group_side) == side
    gcost = np.asarray(r.group_cost, F32)
    open_ = gside[None, :] & ~obs.group_recruited & (np.asarray(r.group_avail_turn)[None, :] <= obs.turn[:, None])
    price = np.where(open_ & (gcost[None, :] <= money[:, None]), gcost[None, :], np.inf)
    recruit = np.zeros((n, r.n_groups), bool)
    if r.n_groups:
        g = np.argmin(price, axis=1)
        go = short_of_people & np.isfinite(price[rows, g])
        recruit[rows[go], g[go]] = True
        money = money - np.where(go, gcost[g], F32(0))
    funding = orders.funding
    total = funding.sum(axis=1, dtype=F32)
    scale = np.minimum(F32(1), money / np.maximum(total, F32(1e-6)))
    funding = (funding * scale[:, None]).astype(F32)
    spare = np.maximum(money - funding.sum(axis=1, dtype=F32), F32(0))

    # training: spare money only, people who will not fly this turn, the discipline the aims use most;
    # worked out on the rows that may train at all (t below: those rows)
    t = np.flatnonzero(manage & (spare >= F32(r.crew_training_cost)))
    if not len(t):
        return orders.replace(launch=launch, funding=funding, recruit=recruit | orders.recruit)
    need_d = aims[t].astype(F32) @ ct.weight        # [T, 5]: skilled steps by discipline (whole numbers: exact)
    skill_t = skill[t]
    gain = need_d[:, None, :] * np.maximum(TRAIN_ROOM - skill_t, F32(0))                # [T, P, 5]
    disc = np.argmax(gain, axis=2)
    worth = np.take_along_axis(gain, disc[..., None], axis=2)[..., 0]
    can = avail[t] & ~protected[t] & (worth > 0)
    if not can.any():
        return orders.replace(launch=launch, funding=funding, recruit=recruit | orders.recruit)
    suit = np.where(can, _suitability(skill_t, need_d), -np.inf)
    k = np.minimum(TRAIN_MAX, np.floor(spare[t] / F32(max(r.crew_training_cost, 1e-6)))).astype(np.int64)
    trains = can & _best(suit, k)
    train = orders.train.copy()
    train[:, mine] = -1
    train[t[:, None], mine[None, :]] = np.where(trains, disc, -1)
    return orders.replace(launch=launch, funding=funding, recruit=recruit | orders.recruit, train=train)


def _suitability(skill: np.ndarray, weight: np.ndarray) -> np.ndarray:
    """float32 [N, P]: sum over disciplines d of skill [N, P, 5] times weight [N, 5]."""
    return np.einsum("npd,nd->np", skill, weight)


def _best(score: np.ndarray, k: np.ndarray) -> np.ndarray:
    """bool [N, P]: the k[i] (int [N]) columns of row i with the highest scores, ties to the lower column:
    the first k in a stable sort by score, highest first, found one place at a time (k is small)."""
    score = score.copy()
    out = np.zeros(score.shape, bool)
    rows = np.arange(score.shape[0])
    for place in range(int(k.max(initial=0))):
        top = np.argmax(score, axis=1)          # the first of the highest: ties to the lower column
        take = place < k
        out[rows[take], top[take]] = True
        score[rows, top] = -np.inf
    return out
