"""How good the forecast is: Brier scores and a reliability diagram over many played games.

    calibrate(scenario, games=200, seed=1, players="ai:easy", turns=(4, 12, 20, 30), quality="normal") -> dict

Games are played to the end by `players` on both sides (game.sim.rollout.play_batch's seeds and keys).
At each of `turns`, every game still running is forecast from one side's Observation (even games the US,
odd games the USSR). Each forecast gives binary events scored against what happened:
- firsts: for each first still open and each side, "this side takes it first" with its forecast chance;
- wins: for each side, "this side wins".

Brier score: the mean of (chance - outcome)^2 over the events. Two references forecast without looking
at the game: `base_rate` always says the observed frequency of all the events of its kind (firsts, wins);
`climatology` says the observed frequency of that very event (that milestone and side, at that turn) in
the other games of the sample (leave-one-out, so it does not see the answer it is scored on): a reference
that knows, in hindsight, how often each first goes to each side, and is hard to beat. Skill = 1 - Brier / reference.
Reliability: the events in 10 bins of forecast chance: mean forecast, observed frequency, count.
"""

from __future__ import annotations

import numpy as np

from game.ai.forecast import QUALITIES, forecast_batch
from game.ai.playbook import PlanTables
from game.ai.policies import make_policy
from game.rules import State, init, observe
from game.rules.rng import game_keys
from game.sim.rollout import play_batch

CHUNK = 16   # games forecast together (rows: CHUNK x worlds x rollouts)
TURNS = (4, 12, 20, 30)


class _Snapshots:
    """A log for game.sim.rollout.play_batch that keeps the State as each of `turns` begins (games running)."""

    def __init__(self, turns):
        self.turns = set(turns)
        self.seen: dict[int, State] = {}

    def add(self, after: State, info) -> None:
        t = int(after.turn.max())
        if t in self.turns and t not in self.seen and not after.done.all():
            self.seen[t] = after


def play_recording(rules, players: str, seed: int, games: int, turns) -> tuple[State, dict[int, State]]:
    """Play `games` games to the end; returns (final State, {turn: State at the start of that turn})."""
    log = _Snapshots(turns)
    if 0 in log.turns:
        log.seen[0] = init(rules, game_keys(seed, games))
    fin = play_batch(rules, make_policy(players, rules), make_policy(players, rules), seed, 0, games, log)
    return fin, log.seen


def _events(rules, fin: State, at: State, quality, tables) -> dict:
    """The scored events of the games running in `at`: {"first": (p, y, group), "win": (p, y, group)}."""
    live = np.flatnonzero(~at.done)
    fp, fy, fg, wp, wy, wg = [], [], [], [], [], []
    K = len(rules.milestone_ids)
    for side in (0, 1):
        mine = live[live % 2 == side]
        for start in range(0, len(mine), CHUNK):
            rows = mine[start:start + CHUNK]
            obs = observe(rules, at.slice(rows), side)
            for g, fc in zip(rows, forecast_batch(rules, obs, quality, tables), strict=True):
                for j, k in enumerate(fc.milestones):
                    for s in (0, 1):
                        fp.append(fc.first[j, s])
                        fy.append(float(fin.first_side[g, k] == s))
                        fg.append(k * 2 + s)
                for s in (0, 1):
                    wp.append(fc.win[s])
                    wy.append(float(fin.winner[g] == s))
                    wg.append(K * 2 + s)
    return {"first": (fp, fy, fg), "win": (wp, wy, wg)}


def _brier(p: np.ndarray, y: np.ndarray, group: np.ndarray) -> dict:
    """Brier of the forecast and of both references, with skills."""
    out = {"events": int(len(p))}
    if not len(p):
        return out
    forecast = float(np.mean((p - y) ** 2))
    base = float(np.mean((y.mean() - y) ** 2))
    clim = np.full_like(y, y.mean())
    for g in np.unique(group):
        at = group == g
        n = int(at.sum())
        if n > 1:   # leave-one-out: each event's reference is the frequency of the others of its group
            clim[at] = (y[at].sum() - y[at]) / (n - 1)
    climatology = float(np.mean((clim - y) ** 2))
    out.update(brier=round(forecast, 4), base_rate=round(base, 4), climatology=round(climatology, 4),
               skill_vs_base_rate=round(1 - forecast / base, 3) if base > 0 else None,
               skill_vs_climatology=round(1 - forecast / climatology, 3) if climatology > 0 else None)
    return out


def reliability(p: np.ndarray, y: np.ndarray, bins: int = 10) -> list[dict]:
    """The reliability diagram: for each bin of forecast chance, mean forecast, observed frequency, count."""
    b = np.minimum((p * bins).astype(int), bins - 1)
    rows = []
    for i in range(bins):
        at = b == i
        n = int(at.sum())
        rows.append({"bin": f"{i / bins:.1f}-{(i + 1) / bins:.1f}", "count": n,
                     "forecast": round(float(p[at].mean()), 3) if n else None,
                     "observed": round(float(y[at].mean()), 3) if n else None})
    return rows


def calibrate(scenario, games: int = 200, seed: int = 1, players: str = "ai:easy", turns=TURNS,
              quality: str = "normal") -> dict:
    """The calibration report (see the module docstring); a dict ready for JSON."""
    rules = scenario.rules
    tables = PlanTables(rules)
    fin, seen = play_recording(rules, players, seed, games, set(turns))
    report = {"scenario": scenario.id, "games": games, "seed": seed, "players": players, "quality": quality,
              "worlds": QUALITIES[quality].worlds, "rollouts": QUALITIES[quality].rollouts,
              "turns": list(turns), "by_turn": {}}
    pooled = {"first": ([], [], []), "win": ([], [], [])}
    for t in turns:
        if t not in seen:
            continue
        ev = _events(rules, fin, seen[t], quality, tables)
        report["by_turn"][str(t)] = {}
        for kind in ("first", "win"):
            p, y, g = (np.asarray(a, float) for a in ev[kind])
            report["by_turn"][str(t)][kind] = _brier(p, y, g)
            for acc, part, shift in zip(pooled[kind], (p, y, g), (0, 0, 1000 * t), strict=True):
                acc.extend(part + shift)
    for kind in ("first", "win"):
        p, y, g = (np.asarray(a, float) for a in pooled[kind])
        report[kind] = _brier(p, y, g)
        report[kind]["reliability"] = reliability(p, y)
    return report


def format_report(report: dict) -> str:
    """The readable calibration tables."""
    lines = [f"forecast calibration: {report['games']} games of {report['players']} vs {report['players']}, "
             f"scenario {report['scenario']}, seed {report['seed']}, quality {report['quality']} "
             f"({report['worlds']} worlds x {report['rollouts']} rollouts)", ""]
    head = f"{'':12} {'events':>7} {'Brier':>7} {'base rate':>10} {'climatology':>12} {'skill/base':>11}"
    for kind, title in (("first", "firsts"), ("win", "wins")):
        lines += [f"{title}:", head]
        for t, by in report["by_turn"].items():
            lines.append(_row(f"turn {t}", by[kind]))
        lines.append(_row("all", report[kind]))
        lines += ["", f"reliability of the {title} (forecast chance in bins):",
                  f"{'bin':>9} {'count':>6} {'forecast':>9} {'observed':>9}"]
        for r in report[kind]["reliability"]:
            f = "-" if r["forecast"] is None else f"{r['forecast']:.3f}"
            o = "-" if r["observed"] is None else f"{r['observed']:.3f}"
            lines.append(f"{r['bin']:>9} {r['count']:>6} {f:>9} {o:>9}")
        lines.append("")
    return "\n".join(lines).rstrip()


def _row(label: str, b: dict) -> str:
    if "brier" not in b:
        return f"{label:12} {b['events']:>7}"
    return (f"{label:12} {b['events']:>7} {b['brier']:>7.4f} {b['base_rate']:>10.4f} {b['climatology']:>12.4f} "
            f"{b['skill_vs_base_rate']:>11.3f}")
