"""Beliefs: plausible full game States built from one side's Observation.

The search AI never reads the State of the game it plays. To look ahead it
needs whole States, so it builds them: what its side sees is copied from the
Observation, and what it cannot see (its own true reliabilities, the rival's
programs, money and research, the event history) is sampled.

The samples come from a *library*: the hidden arrays of reference games the AI
plays against itself with the scripted plan at policy start (public scenario
data only). For each game, reference games at the same turn are weighted by
how well their public record (milestones, prestige, flags, the rival's
budget) matches what the side sees; a world takes the rival's hidden arrays
from one of them, corrected by what is public (a rival program that has
flown is developed; a cancelled one is cancelled; the budget follows the
intelligence estimate).
"""

from __future__ import annotations

import threading

import numpy as np

from game.ai.playbook import PlanTables, Playbook, plan_orders
from game.rules.bits import pack
from game.rules.observe import UNKNOWN, Observation, cost_multipliers, observe
from game.rules.orders import Orders
from game.rules.rng import game_keys, mix32, normals_from, uniforms
from game.rules.state import NEVER, State
from game.rules.step import init, step
from game.rules.tables import ACTIVE, CANCELLED, DEAD, GROUNDED, LOCKED, READY, Rules, skill_steps

F32 = np.float32
STREAM_WORLDS = 211
LIBRARY_GAMES = 96
_LOCK = threading.Lock()
_LIBRARIES: dict[tuple[str, int], Library] = {}


class Library:
    """Reference games of the scripted plan against itself: State per turn (each [G])."""

    def __init__(self, rules: Rules, games: int = LIBRARY_GAMES, seed: int = 0x11B2A7):
        tables = PlanTables(rules)
        book = Playbook.scripted(rules, games)
        state = init(rules, game_keys(seed, games))
        self.by_turn: list[State] = []
        while True:
            self.by_turn.append(state)
            if state.done.all() or len(self.by_turn) > rules.n_turns:
                break
            o0, _ = plan_orders(tables, observe(rules, state, 0), book)
            o1, _ = plan_orders(tables, observe(rules, state, 1), book)
            state, _ = step(rules, state, Orders.merge(rules, o0, o1))
        self.games = games
        self.held = [np.stack([st.held[:, 0], st.held[:, 1]], axis=1) for st in self.by_turn]

    def at(self, turn: int) -> State:
        return self.by_turn[min(max(turn, 0), len(self.by_turn) - 1)]


def library(rules: Rules) -> Library:
    """The shared library of a scenario (built once per process, thread-safe)."""
    k = (rules.content_hash, rules.n_programs)
    with _LOCK:
        lib = _LIBRARIES.get(k)
        if lib is None:
            lib = _LIBRARIES[k] = Library(rules)
        return lib


def _popcount(x: np.ndarray) -> np.ndarray:
    return np.bitwise_count(x).astype(F32)


def sample_worlds(rules: Rules, obs: Observation, key: np.ndarray, worlds: int, lib: Library,
                  events_bonus: bool = False) -> State:
    """`worlds` plausible States for each of the B games of `obs`: State [B * worlds], game-major.

    budget_bonus (the lasting budget change events made, kept at every new budget year): by default each
    side's whole gap between its budget and the baseline, which also holds this year's noise, prestige swing
    and cut, so a world keeps them for ever; with `events_bonus`, the reference game's own bonus, the sum of
    the events it had (the forecast plays to the end of the game, where the baseline falls and the gap would
    be carried across years: see docs/FORECAST.md).

    Pure given (obs, key, lib). Uses only the Observation, the scenario and the library.
    """
    b = obs.turn.shape[0]
    side, rival = obs.side, 1 - obs.side
    n = b * worlds
    gi = np.repeat(np.arange(b), worlds)
    P = rules.n_programs
    own = rules.prog_side == side
    turn = obs.turn[gi].astype(np.int64)
    salt = np.arange(worlds, dtype=np.uint32) * np.uint32(0x9E3779B9)
    wkey = np.repeat(key.astype(np.uint32), worlds) ^ np.tile(salt, b)
    u = uniforms(wkey, turn, STREAM_WORLDS, 2 * P + 8)

    # pick a reference game for each world, weighted by how well its public record matches
    refs = []
    for g in range(b):
        t = int(obs.turn[g])
        ref = lib.at(t)
        held = pack(obs.held[g])                                           # uint64 [2]
        d = (_popcount(ref.held[:, 0] ^ held[0]) + _popcount(ref.held[:, 1] ^ held[1])
             + np.abs(ref.flags ^ obs.flags[g]).sum(axis=1)
             + np.abs(ref.prestige[:, rival] - obs.prestige[g, rival]) / F32(15)
             + np.abs(np.log(np.maximum(ref.budget[:, rival], 1) / max(float(obs.rival_budget_estimate[g]), 1)))
             / F32(0.2)
             + 5 * ref.done)
        w = np.exp(-(d - d.min()))
        cdf = np.cumsum(w) / w.sum()
        pick = np.searchsorted(cdf, u[g * worlds:(g + 1) * worlds, 2 * P], side="right")
        refs.append((ref, np.minimum(pick, lib.games - 1)))
    R = State.concat([ref.slice(idx) for ref, idx in refs])

    # own side: copied from the observation; true reliability sampled around the estimate
    status = obs.status[gi]
    est, sd = obs.estimate[gi], obs.estimate_sd[gi]
    developed = (status == READY) | (status == GROUNDED) | ((status == CANCELLED) & (obs.dev_progress[gi] >= 1))
    sd_safe = np.where(np.isfinite(sd) & (sd > 0), sd, F32(rules.estimate_noise))
    nobs_own = np.maximum((F32(rules.estimate_noise) / sd_safe) ** 2 - 1, 0)
    z = normals_from(u[:, :P])
    rel_own = np.where(developed, np.clip(np.nan_to_num(est) - sd_safe * z, 0.01, rules.max_rel), rules.rel0)
    est_z_own = (np.nan_to_num(est) - rel_own) / sd_safe
    dev_own = np.nan_to_num(obs.dev_progress[gi]) * rules.start_cost
    grounded_until = np.where(status == GROUNDED, turn[:, None] + 1 + (u[:, P:2 * P] * rules.grounding_turns)
                              .astype(np.int64), 0)
    unlocked_own = rules.prog_locked & (status != LOCKED) & (status != CANCELLED)

    # rival side: the reference game's hidden arrays, corrected by what is public
    seen = status != UNKNOWN
    rival_dev = np.where(seen & (status != LOCKED) & (status != CANCELLED), np.maximum(R.dev, rules.start_cost), R.dev)
    rival_ready = rival_dev >= rules.start_cost
    rival_rel = np.where(rival_ready & (R.dev < rules.start_cost), np.maximum(R.rel, rules.rel0), R.rel)

    def mix(own_v, rival_v):
        return np.where(own[None, :], own_v, rival_v)

    budget_r = (obs.rival_budget_estimate[gi] * np.exp(F32(0.1) * normals_from(u[:, 2 * P + 1]))).astype(F32)
    ratio = budget_r / np.maximum(R.budget[:, rival], F32(1))
    cash_r = R.cash[:, rival] * ratio
    base = rules.baseline[np.minimum(turn, rules.n_turns)]

    def pair(own_v, rival_v):
        out = np.empty((n, 2), F32)
        out[:, side], out[:, rival] = own_v, rival_v
        return out

    own_m = rules.mis_side == side
    mis_unlocked = np.where(own_m[None, :], rules.mis_locked[None, :] & obs.mission_open[gi], R.mis_unlocked)
    past = turn[:, None] >= rules.mis_avail_turn[None, :]
    mis_cancelled = np.where(own_m[None, :], rules.mis_free[None, :] & past & ~obs.mission_open[gi], R.mis_cancelled)

    held = pack(obs.held[gi])
    ev_last = _event_history(rules, R, held, turn)
    flights_own = (developed & (nobs_own > 0.5)).astype(np.int16)
    return State(
        key=mix32(wkey ^ (turn.astype(np.uint32) * np.uint32(0x85EBCA6B)) ^ np.uint32(0x5BD1E995)),
        turn=turn.astype(np.int16), done=obs.done[gi].copy(),
        winner=obs.winner[gi].astype(np.int8),
        cash=pair(obs.cash[gi], cash_r), budget=pair(obs.budget[gi], budget_r),
        budget_bonus=(R.budget_bonus.astype(F32) if events_bonus
                      else pair(obs.budget[gi] - base[:, side], budget_r - base[:, rival])),
        budget_noise=np.zeros((n, 2), F32),
        research_speed=pair(obs.research_speed[gi], R.research_speed[:, rival]),
        prestige=obs.prestige[gi].astype(F32), year_prestige=obs.prestige[gi].astype(F32),
        strikes=np.zeros((n, 2), np.int8), sacked=np.zeros((n, 2), bool),
        intel_budget=pair(R.intel_budget[:, side], obs.rival_budget_estimate[gi]),
        dev=mix(dev_own, rival_dev).astype(F32), rel=mix(rel_own, rival_rel).astype(F32),
        est_z=mix(est_z_own, R.est_z).astype(F32), nobs=np.rint(mix(nobs_own, R.nobs)).astype(np.int16),
        grounded_until=mix(grounded_until, np.where(seen & (status == GROUNDED),
                                                    np.maximum(R.grounded_until, turn[:, None] + 1),
                                                    R.grounded_until)).astype(np.int16),
        cost_mult=mix(obs.cost_mult[gi], cost_multipliers(rules, R))[:, rules.cost_targets].astype(F32),
        prog_unlocked=mix(unlocked_own, R.prog_unlocked | (seen & rules.prog_locked & (status != LOCKED))),
        prog_cancelled=mix(status == CANCELLED, R.prog_cancelled | (status == CANCELLED)),
        flights=mix(flights_own, np.maximum(R.flights, seen.astype(np.int16))).astype(np.int16),
        mis_unlocked=mis_unlocked, mis_cancelled=mis_cancelled,
        held=held, first_side=obs.first_side[gi].astype(np.int8), first_month=obs.first_month[gi].astype(np.float64),
        flags=obs.flags[gi].copy(), ev_last=ev_last, ev_forced=R.ev_forced.copy(),
        pending=(obs.pending[gi] & (rules.ev_recv == side)[None, :])[:, rules.option_events],
        news=obs.news[gi].copy(),
        launch_mission=obs.launch_mission[gi].astype(np.int16), launch_outcome=obs.launch_outcome[gi].astype(np.int8),
        launch_month=obs.launch_month[gi].astype(F32), launch_passed=obs.launch_passed[gi].astype(np.int8),
        launch_prestige=obs.launch_prestige[gi].astype(F32), launch_records=obs.launch_records[gi].copy(),
        budget_cut=pair(obs.budget_cut[gi], R.budget_cut[:, rival]),
        op_left=np.where((rules.op_side == side)[None, :], obs.op_left[gi],
                         np.where(obs.op_running[gi], np.maximum(R.op_left, 1), 0)).astype(np.int16),
        op_months=obs.op_months[gi].astype(np.int16),
        record_value=obs.record_value[gi].astype(F32), record_side=obs.record_side[gi].astype(np.int8),
        **_corps(rules, obs, gi, R),
    )


def _corps(rules: Rules, obs: Observation, gi: np.ndarray, R: State) -> dict:
    """The corps' State fields of the worlds: own people as observed; the rival's from the reference
    games R, with the public record of those who have flown (flights, firsts, death) put over them."""
    mine = np.asarray(rules.person_side) == obs.side
    seen = obs.person_seen[gi]
    status = np.where(mine[None, :], obs.person_status[gi],
                      np.where(seen, np.where(obs.person_status[gi] == DEAD, DEAD,
                                              np.where(R.person_status == DEAD, ACTIVE, R.person_status)),
                               R.person_status))

    def own(obs_v, ref_v):
        keep = mine[None, :] if ref_v.ndim == 2 else mine[None, :, None]
        return np.where(keep, obs_v, ref_v)

    crew = obs.launch_crew[gi]
    return dict(
        launch_crew=crew.astype(np.int16), person_status=status.astype(np.int8),
        skill=own(skill_steps(obs.skill[gi]), R.skill), morale=own(skill_steps(obs.morale[gi]), R.morale),
        rest_until=own(obs.rest_until[gi], R.rest_until).astype(np.int16),
        idle_turns=own(obs.idle_turns[gi], R.idle_turns).astype(R.idle_turns.dtype),
        person_flights=np.where(mine[None, :] | seen, obs.person_flights[gi],
                                R.person_flights).astype(R.person_flights.dtype),
        died_turn=np.where(mine[None, :] | seen, obs.died_turn[gi], R.died_turn).astype(np.int16),
        first_crew=obs.first_crew[gi].astype(np.int16),
        group_recruited=np.where((np.asarray(rules.group_side) == obs.side)[None, :], obs.group_recruited[gi],
                                 R.group_recruited),
    )


def _event_history(rules: Rules, R: State, held: np.ndarray, turn: np.ndarray) -> np.ndarray:
    """int16 [N, E]: the reference games' ev_last (the turn each event last fired for, -NEVER if never),
    made consistent with the milestones held in the world.

    A once-only event whose trigger needs milestones the world's sides do not hold cannot have fired yet;
    one that fires for sure as soon as its milestones are held, and whose window has opened, has.
    """
    last = R.ev_last.astype(np.int64)
    need0, need1, _, _, need_any = rules.trig_bits
    h0, h1 = held[:, 0:1], held[:, 1:2]
    holds = ((h0 & need0) == need0) & ((h1 & need1) == need1) & (((h0 | h1) & need_any) == need_any)
    once = rules.ev_once[None, :]
    last = np.where(once & ~holds, -NEVER, last)
    sure = (once & holds & (rules.ev_chance[None, :] >= 1) & (rules.ev_first_turn[None, :] < turn[:, None])
            & (rules.ev_last_turn[None, :] >= turn[:, None] - 1)
            & ((need0 | need1 | need_any) != 0)[None, :])
    last = np.where(sure & (last == -NEVER), turn[:, None] - 1, last)
    return last.astype(np.int16)
