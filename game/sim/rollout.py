"""Batch drivers: play whole games of two policies, many at once."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from game.rules import Orders, Rules, State, init, observe, step
from game.rules.rng import game_keys, policy_keys
from game.rules.tables import DEAD
from game.sim.by_year import TurnLog, YearTable


@dataclass(frozen=True)
class Finished:
    """Final states of a run, concatenated over its batches in game order, and its turns year by year."""

    state: State
    games: int
    years: YearTable


def play_batch(rules: Rules, us, ussr, seed: int, first: int, count: int, log: TurnLog | None = None) -> State:
    """Play games first..first+count-1 of a seeded run to the end; returns the final State [count].

    us, ussr: policies (objects with act(obs, key) -> Orders); log, when given, records every turn.
    """
    state = init(rules, game_keys(seed, count, first))
    keys = (policy_keys(seed, 0, count, first), policy_keys(seed, 1, count, first))
    while not state.done.all():
        orders = Orders.merge(rules, us.act(observe(rules, state, 0), keys[0]),
                              ussr.act(observe(rules, state, 1), keys[1]))
        after, info = step(rules, state, orders)
        if log is not None:
            log.add(after, info)
        state = after
    return state


def play_games(rules: Rules, us, ussr, seed: int, games: int, batch: int = 1024,
               progress: Callable[[int, int], None] | None = None) -> Finished:
    """Play `games` games in batches; game i is the same whatever the batch size."""
    parts, logs = [], []
    done = 0
    while done < games:
        n = min(batch, games - done)
        logs.append(TurnLog())
        parts.append(play_batch(rules, us, ussr, seed, done, n, logs[-1]))
        done += n
        if progress:
            progress(done, games)
    return Finished(State.concat(parts), games, YearTable.of(rules, logs))


def crew_lost(rules: Rules, state: State) -> dict:
    """{"us": x, "ussr": y}: each side's mean number of people killed on flights per game of `state`."""
    dead = state.person_status == DEAD
    side = np.asarray(rules.person_side)
    return {name: round(float(dead[:, side == s].sum() / max(state.batch, 1)), 3)
            for s, name in ((0, "us"), (1, "ussr"))}


def summarize(rules: Rules, milestone_names: list[str], fin: Finished) -> dict:
    """The `simulate --json` summary of finished games (its keys: docs/DESIGN.md, the command line)."""
    st = fin.state
    winner = st.winner
    out = {
        "games": fin.games,
        "wins": {"us": int((winner == 0).sum()), "ussr": int((winner == 1).sum()), "draw": int((winner == 2).sum())},
        "prestige": {"us": round(float(st.prestige[:, 0].mean()), 2),
                     "ussr": round(float(st.prestige[:, 1].mean()), 2)},
        "crew_lost": crew_lost(rules, st),
        "milestones": {},
    }
    for k, ident in enumerate(rules.milestone_ids):
        who = st.first_side[:, k]
        got = who >= 0
        years = st.first_month[got, k] / 12.0
        out["milestones"][ident] = {
            "name": milestone_names[k],
            "first": {"us": int((who == 0).sum()), "ussr": int((who == 1).sum()), "none": int((~got).sum())},
            "median_year": round(float(np.median(years)), 2) if got.any() else None,
        }
    out["by_year"] = fin.years.by_year()
    out["by_era"] = fin.years.by_era()
    return out
