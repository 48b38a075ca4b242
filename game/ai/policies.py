"""Batched policies: each turns one side's observation of B games into orders.

A policy never sees the rival's hidden state: its only input is the
Observation of its own side and a per-game key for its own dice.
"""

from __future__ import annotations

import numpy as np

from game.ai.plan import flyable, mission_costs, pick_first, prerequisite_closure, success_estimate, wanted
from game.rules.observe import Observation
from game.rules.orders import Orders
from game.rules.rng import uniforms
from game.rules.tables import AVAILABLE, DEVELOPING, READY, Rules

F32 = np.float32
STREAM_POLICY = 101


class Policy:
    """Base class. `act(obs, key)` returns Orders for `obs.side` of B games."""

    name = "policy"

    def __init__(self, rules: Rules):
        self.rules = rules

    def act(self, obs: Observation, key: np.ndarray) -> Orders:
        raise NotImplementedError

    def _orders(self, b: int) -> Orders:
        return Orders.empty(self.rules, b)


class RandomPolicy(Policy):
    """Funds random programs with random shares of its money and launches random flyable missions."""

    name = "random"

    def act(self, obs: Observation, key: np.ndarray) -> Orders:
        r = self.rules
        b, side, L = obs.turn.shape[0], obs.side, r.max_pads
        u = uniforms(key, obs.turn, STREAM_POLICY + side, r.n_programs + r.n_missions + L + r.n_events)
        own = r.prog_side == side
        open_ = np.isin(obs.status, (AVAILABLE, DEVELOPING, READY)) & own
        w = u[:, :r.n_programs] * open_ * (u[:, :r.n_programs] > 0.6)
        share = w / np.maximum(w.sum(axis=1, keepdims=True), F32(1e-6))
        o = self._orders(b)
        funding = (share * obs.cash[:, None] * F32(0.9)).astype(F32)
        can = flyable(r, obs) & (u[:, r.n_programs:r.n_programs + r.n_missions] > 0.5)
        order = np.argsort(u[:, r.n_programs:r.n_programs + r.n_missions], axis=1)
        launch = np.full((b, 2, L), -1, np.int16)
        for c in range(L):
            pos = np.take_along_axis(can, order, axis=1)
            rank = np.cumsum(pos, axis=1)
            hit = pos & (rank == c + 1)
            launch[:, side, c] = np.where(hit.any(axis=1), order[np.arange(b), hit.argmax(axis=1)], -1)
        rush = np.zeros((b, 2, L), bool)
        rush[:, side] = u[:, r.n_programs + r.n_missions:r.n_programs + r.n_missions + L] > 0.8
        n = np.maximum(r.ev_n_options, 1)
        choice = np.minimum((u[:, -r.n_events:] * n).astype(np.int8), n - 1).astype(np.int8)
        return o.replace(funding=funding, launch=launch, rush=rush, choice=choice)


class ScriptedPolicy(Policy):
    """A sensible plan driven by scenario data: work on the `focus` most urgent
    missions (lowest ai_priority) that can still earn a new milestone, develop
    and research the programs they need, and fly a mission once its estimated
    success reaches `launch_threshold`.
    """

    name = "scripted"

    def __init__(self, rules: Rules, research_target: float = 0.9):
        super().__init__(rules)
        self.order = np.argsort(rules.mis_ai_priority, kind="stable")
        self.closure = prerequisite_closure(rules).astype(F32)
        self.use = rules.mis_prog_use.astype(F32)
        self.research_target = research_target
        cap = np.append(rules.research_cap, F32(1))[rules.step_prog]
        self.ceiling = np.where(rules.step_real > 0, cap, F32(1)).prod(axis=1).astype(F32)  # best success research buys

    def act(self, obs: Observation, key: np.ndarray) -> Orders:
        r = self.rules
        b, side, L = obs.turn.shape[0], obs.side, r.max_pads
        o = self._orders(b)
        want = wanted(r, obs)
        goals = pick_first(want, self.order, r.ai_focus)
        focus = np.zeros_like(want)
        rows = np.repeat(np.arange(b), goals.shape[1])
        cols = goals.ravel()
        focus[rows[cols >= 0], cols[cols >= 0]] = True
        need = focus.astype(F32) @ self.use
        need = (need + need @ self.closure) > 0

        # launches first: the most urgent wanted missions that look good enough and are affordable
        cost = mission_costs(r, obs)
        threshold = np.minimum(np.where(r.mis_crew > 0, F32(r.ai_crewed_launch_threshold), F32(r.ai_launch_threshold)),
                               F32(0.9) * self.ceiling)
        good = flyable(r, obs) & want & (success_estimate(r, obs) >= threshold)
        picks = pick_first(good, self.order, int(r.pads[side]))
        launch = np.full((b, 2, L), -1, np.int16)
        money = obs.cash.astype(F32).copy()
        for c in range(picks.shape[1]):
            m = picks[:, c]
            c_cost = np.where(m >= 0, cost[np.arange(b), np.maximum(m, 0)], 0)
            fly = (m >= 0) & (c_cost <= money)
            launch[:, side, c] = np.where(fly, m, -1)
            money = money - np.where(fly, c_cost, 0)

        # then programs: development where needed, research until the estimate is high
        dev_left = (1 - np.nan_to_num(obs.dev_progress, nan=1.0)) * r.start_cost
        status = obs.status
        developing = need & np.isin(status, (AVAILABLE, DEVELOPING))
        target = np.minimum(F32(self.research_target), r.research_cap - F32(0.03))
        researching = need & (status == READY) & (np.nan_to_num(obs.estimate) < target)
        demand = (developing * np.minimum(r.dev_cap, dev_left)
                  + researching * r.research_cost * F32(r.ai_research_share)).astype(F32)
        total = demand.sum(axis=1)
        scale = np.minimum(F32(1), money / np.maximum(total, F32(1e-6)))
        return o.replace(funding=(demand * scale[:, None]).astype(F32), launch=launch)


POLICIES = {"random": RandomPolicy, "scripted": ScriptedPolicy}


AI_LEVELS = ("ai:easy", "ai:normal", "ai:hard")  # the search AI (game.ai.search)


def make_policy(name: str, rules: Rules) -> Policy:
    """A policy by name ("random", "scripted", "ai:easy", "ai:normal", "ai:hard").

    Raises ValueError with the known names.
    """
    if name in AI_LEVELS:
        from game.ai.search import SearchPolicy

        return SearchPolicy(rules, name.split(":", 1)[1])
    if name not in POLICIES:
        raise ValueError(f"unknown policy '{name}'; known: {', '.join([*POLICIES, *AI_LEVELS])}")
    return POLICIES[name](rules)
