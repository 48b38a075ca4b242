"""The forecast: from one side's Observation, each side's chance to take each remaining first and to win.

Method (Monte Carlo over beliefs):
1. sample `worlds` plausible full States from the Observation (game.ai.worlds.sample_worlds, as the
   search AI does: the true State is never read), each with the lasting budget bonus of its reference
   game (events_bonus), since the rollouts cross every budget year left;
2. play each world `rollouts` times to the end of the game with the real rules (game.rules.step), each
   rollout with its own dice and both sides driven by fast playbooks: each side of each rollout plays one
   of the search AI's strategies (archetypes), drawn at random and perturbed (the players' are not known);
3. count: who took each first still open, who won.

Uncertainty: a chance's `se` is the standard error of the mean over the sampled worlds, taking each world's
mean over its rollouts as one observation (std over worlds / sqrt(worlds)). It covers both the dice of the
rollouts and how much the hidden part of the game (the sampled world) changes the answer; it says how much
the figure would move with another sample, not how likely the forecast is to be right.

Randomness comes only from a key hashed from the Observation (forecast_key), so the same Observation gives
the same forecast, and two games that look the same to the side get the same forecast.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, fields

import numpy as np

from game.ai.playbook import ARCHETYPES, PlanTables, Playbook, archetype, mutate, plan_orders
from game.ai.worlds import library, sample_worlds
from game.rules.observe import Observation, observe
from game.rules.orders import Orders
from game.rules.rng import mix32, uniforms
from game.rules.state import State
from game.rules.step import step
from game.rules.tables import Rules

F32 = np.float32
STREAM_BOOKS = 241
STREAM_DICE = 243


@dataclass(frozen=True)
class Quality:
    """How hard a forecast looks: sampled worlds x rollouts per world."""

    name: str
    worlds: int
    rollouts: int

    @property
    def games(self) -> int:
        return self.worlds * self.rollouts


QUALITIES = {
    "fast": Quality("fast", worlds=8, rollouts=8),
    "normal": Quality("normal", worlds=16, rollouts=16),
    "high": Quality("high", worlds=32, rollouts=32),
}


@dataclass(frozen=True)
class Forecast:
    """A forecast for one game, seen by `side` (0 US, 1 USSR) at `turn`.

    milestones: int [R] the milestones no side has taken yet (indices in rules.milestone_ids)
    first:      float [R, 3] chance the US, the USSR, nobody takes each first by the end
    first_se:   float [R, 3] standard errors of `first` (see the module docstring)
    win:        float [3] chance the US wins, the USSR wins, a draw
    win_se:     float [3]
    worlds, rollouts: the sample behind it
    over:       the game has ended (the chances are then what happened)
    """

    side: int
    turn: int
    milestones: np.ndarray
    first: np.ndarray
    first_se: np.ndarray
    win: np.ndarray
    win_se: np.ndarray
    worlds: int
    rollouts: int
    over: bool = False


def forecast_key(obs: Observation) -> np.ndarray:
    """uint32 [B]: each game's forecast dice, a hash of that game's Observation (its own view only)."""
    b = obs.turn.shape[0]
    out = np.empty(b, np.uint32)
    for g in range(b):
        h = hashlib.blake2b(digest_size=4)
        h.update(bytes([obs.side]))
        for f in fields(Observation):
            if f.name != "side":
                h.update(np.ascontiguousarray(getattr(obs, f.name)[g]).tobytes())
        out[g] = np.frombuffer(h.digest(), np.uint32)[0]
    return out


def _books(rules: Rules, key: np.ndarray, turn: np.ndarray, stream: int) -> Playbook:
    """One playbook per row: one of the search AI's archetypes (game.ai.playbook.ARCHETYPES), drawn per row,
    its knobs perturbed by a full mutation: the players' strategies are not known, so the rollouts cover the
    ones the AI plays."""
    every = Playbook.concat([archetype(rules, a) for a in ARCHETYPES])
    u = uniforms(key, turn, stream + 50, 1)[:, 0]
    base = every.take(np.minimum((u * len(ARCHETYPES)).astype(np.int64), len(ARCHETYPES) - 1))
    return mutate(base, uniforms(key, turn, stream, rules.n_missions + 5), 1.0)


def play_out(rules: Rules, tables: PlanTables, state: State) -> State:
    """Play every game of `state` to its end, each side with a playbook drawn from the games' keys (_books)."""
    turn = state.turn.astype(np.int64)
    books = (_books(rules, state.key, turn, STREAM_BOOKS), _books(rules, state.key, turn, STREAM_BOOKS + 1))
    for _ in range(rules.n_turns + 1):
        if state.done.all():
            break
        us, _ = plan_orders(tables, observe(rules, state, 0), books[0])
        ussr, _ = plan_orders(tables, observe(rules, state, 1), books[1])
        state, _ = step(rules, state, Orders.merge(rules, us, ussr))
    return state


def forecast_batch(rules: Rules, obs: Observation, quality: str | Quality = "normal",
                   tables: PlanTables | None = None) -> list[Forecast]:
    """The forecast of each of the B games of `obs` (one side's view). Pure given obs; reads no State."""
    q = QUALITIES[quality] if isinstance(quality, str) else quality
    tables = tables or PlanTables(rules)
    b, W, R = obs.turn.shape[0], q.worlds, q.rollouts
    key = forecast_key(obs)
    worlds = sample_worlds(rules, obs, key, W, library(rules), events_bonus=True)   # [b * W], game-major
    rows = np.repeat(np.arange(b * W), R)                                    # [b * W * R]
    start = worlds.slice(rows)
    salt = np.tile(np.arange(R, dtype=np.uint32) * np.uint32(0x632BE5AB), b * W)
    start = start.replace(key=mix32(start.key ^ salt ^ np.uint32(STREAM_DICE)))
    end = play_out(rules, tables, start)
    K = len(rules.milestone_ids)
    who = end.first_side.reshape(b, W, R, K)
    took = np.stack([who == 0, who == 1, who < 0], axis=-1).astype(np.float64)   # [b, W, R, K, 3]
    winner = end.winner.reshape(b, W, R)
    won = np.stack([winner == 0, winner == 1, winner == 2], axis=-1).astype(np.float64)
    out = []
    for g in range(b):
        left = np.flatnonzero(obs.first_side[g] < 0)
        per_world = took[g].mean(axis=1)[:, left]                            # [W, R_left, 3]
        win_world = won[g].mean(axis=1)                                      # [W, 3]
        out.append(Forecast(
            side=obs.side, turn=int(obs.turn[g]), milestones=left,
            first=per_world.mean(axis=0), first_se=_se(per_world),
            win=win_world.mean(axis=0), win_se=_se(win_world), worlds=W, rollouts=R, over=bool(obs.done[g])))
    return out


def _se(per_world: np.ndarray) -> np.ndarray:
    """Standard error of the mean over axis 0 (the worlds)."""
    w = per_world.shape[0]
    return per_world.std(axis=0, ddof=1) / np.sqrt(w) if w > 1 else np.zeros(per_world.shape[1:])


def forecast(rules: Rules, obs: Observation, quality: str | Quality = "normal") -> Forecast:
    """The forecast of a single game (an Observation of batch 1)."""
    return forecast_batch(rules, obs, quality)[0]


SIDES = ("us", "ussr", "none")


def forecast_dict(fc: Forecast, milestone_ids: list[str], milestone_names: list[str]) -> dict:
    """The forecast as plain data (the `spacerace forecast --json` output; docs/FORECAST.md lists the keys).

    Chances and standard errors are rounded to 4 decimals; firsts are listed in the scenario's order.
    """
    def chances(p, se):
        return {s: {"chance": round(float(p[i]), 4), "se": round(float(se[i]), 4)} for i, s in enumerate(SIDES)}

    win = chances(fc.win, fc.win_se)
    win["draw"] = win.pop("none")
    return {
        "side": SIDES[fc.side], "turn": fc.turn, "over": fc.over, "worlds": fc.worlds, "rollouts": fc.rollouts,
        "firsts": [{"id": milestone_ids[k], "name": milestone_names[k], **chances(fc.first[j], fc.first_se[j])}
                   for j, k in enumerate(fc.milestones)],
        "win": win,
    }
