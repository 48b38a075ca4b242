"""Batched policies: each turns one side's observation of B games into orders.

A policy never sees the rival's hidden state: its only input is the
Observation of its own side and a per-game key for its own dice.
"""

from __future__ import annotations

import numpy as np

from game.ai.corps import CorpsTables, plan_with_corps
from game.ai.plan import flyable
from game.ai.playbook import PlanTables, Playbook
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
    """A sensible plan driven by scenario data: the playbook's plan (game.ai.playbook.plan_orders) with
    the scenario's own knobs (Playbook.scripted): work on the `focus` most urgent missions (lowest
    ai_priority) that can still earn a new milestone, develop and research the programs they need,
    and fly a mission once its estimated success reaches the launch threshold. Its corps is handled
    as the search AI handles its own (game.ai.corps): it recruits when its crewed aims need more
    people, trains with spare money, and drops the launches it cannot man.
    """

    name = "scripted"

    def __init__(self, rules: Rules):
        super().__init__(rules)
        self.tables = PlanTables(rules)
        self.corps = CorpsTables(rules)

    def act(self, obs: Observation, key: np.ndarray) -> Orders:
        orders, _ = plan_with_corps(self.tables, self.corps, obs, Playbook.scripted(self.rules, obs.turn.shape[0]))
        return orders


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
