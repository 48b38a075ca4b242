"""init, step and outcome: the whole turn of B games, as pure functions.

    state = init(rules, keys)
    state, info = step(rules, state, orders)

A turn: chosen event options, launches (paid first), program funding and
research, flights and firsts, learning; then the next turn opens: new budget
year and leadership review, events, income. Finished games stay as they are.

`step` copies the state's arrays and hands them to one compiled kernel that
plays each unfinished game's turn on its own rows (see game.rules.jit).
"""

from __future__ import annotations

import os
from collections import namedtuple
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np

from game.rules.economy import fund_programs, new_budget_year, pay_income, program_flags, update_estimates
from game.rules.events import apply_effects, chosen_options, fire_events
from game.rules.jit import kernel, part
from game.rules.kernel_tables import KernelInfo, KernelOrders, KernelState, kernel_tables
from game.rules.launches import afford, award_milestones, check_launches, fly, learn_from_flights, new_flights
from game.rules.orders import Orders
from game.rules.rng import bits_at, normals_from, pair_of, row_seed, uniforms, unit_of
from game.rules.state import NEVER, State
from game.rules.tables import DRAW, ONGOING, Rules

F32 = np.float32
STREAM_INIT, STREAM_STEP, STREAM_FIRE, STREAM_CHOICE = 1, 2, 3, 4


@dataclass(frozen=True)
class StepInfo:
    """What happened in one step, for B games."""

    spent: np.ndarray     # float32 [B, S]: money spent (launches + programs)
    cash_before: np.ndarray  # float32 [B, S]: money the side had
    awarded: np.ndarray   # float32 [B, S]: prestige awarded this step (flights and events)
    firsts: np.ndarray    # uint64 [B, S]: milestone bits of the firsts won this step
    fired: np.ndarray     # bool [B, E]: events that fired as the next turn opened


def init(rules: Rules, keys: np.ndarray) -> State:
    """B new games, one per key (uint32 [B]); the first turn's events have fired."""
    b = keys.shape[0]
    P, M, K, E, F = rules.n_programs, rules.n_missions, rules.n_milestones, rules.n_events, len(rules.flag_ids)
    L = rules.max_pads
    keys = keys.astype(np.uint32)
    turn = np.zeros(b, np.int16)
    u = uniforms(keys, turn, STREAM_INIT, P + 2)
    budget = np.broadcast_to(rules.baseline[0], (b, 2)).astype(F32)
    g = dict(
        key=keys, turn=turn, done=np.zeros(b, bool), winner=np.full(b, ONGOING, np.int8),
        cash=np.broadcast_to(rules.start_cash, (b, 2)).astype(F32), budget=budget,
        budget_bonus=np.zeros((b, 2), F32), budget_noise=np.zeros((b, 2), F32),
        research_speed=np.ones((b, 2), F32), prestige=np.zeros((b, 2), F32),
        year_prestige=np.zeros((b, 2), F32), strikes=np.zeros((b, 2), np.int8), sacked=np.zeros((b, 2), bool),
        intel_budget=(budget * (1 + F32(0.15) * normals_from(u[:, P:]))).astype(F32),
        dev=np.zeros((b, P), F32), rel=np.broadcast_to(rules.rel0, (b, P)).astype(F32),
        est_z=normals_from(u[:, :P]), nobs=np.zeros((b, P), F32),
        grounded_until=np.zeros((b, P), np.int16), cost_mult=np.ones((b, P), F32),
        prog_unlocked=np.zeros((b, P), bool), prog_cancelled=np.zeros((b, P), bool),
        funded=np.zeros((b, P), F32), flights=np.zeros((b, P), np.int16),
        mis_unlocked=np.zeros((b, M), bool), mis_cancelled=np.zeros((b, M), bool),
        held=np.zeros((b, 2), np.uint64), first_side=np.full((b, K), -1, np.int8),
        first_month=np.zeros((b, K), np.float64), flags=np.zeros((b, F), bool),
        ev_count=np.zeros((b, E), np.int16), ev_last=np.full((b, E), -NEVER, np.int16),
        ev_forced=np.full((b, E), NEVER, np.int16), pending=np.zeros((b, E), bool), news=np.zeros((b, E), bool),
        launch_mission=np.full((b, 2, L), -1, np.int16), launch_outcome=np.zeros((b, 2, L), np.int8),
        launch_month=np.zeros((b, 2, L), F32), launch_passed=np.zeros((b, 2, L), np.int8),
        launch_prestige=np.zeros((b, 2, L), F32),
    )
    _run_split(_open_games, rules, KernelState(**g), None, _info(rules, b))
    return State(**g)


def step(rules: Rules, state: State, orders: Orders) -> tuple[State, StepInfo]:
    """Resolve the current turn of B games with both sides' orders.

    Pure: `state` and `orders` are not changed. Invalid orders are clipped or
    dropped per game, never raised on. Returns (next state, what happened).
    Finished games stay exactly as they are.
    """
    b = state.batch
    new = {name: arr.copy() for name, arr in state.arrays().items()}
    ko = KernelOrders(
        funding=np.ascontiguousarray(orders.funding, F32),
        launch=np.ascontiguousarray(orders.launch, np.int64),   # wide: an out-of-range order stays out of range
        rush=np.ascontiguousarray(orders.rush, bool),
        choice=np.ascontiguousarray(orders.choice).astype(np.int8),
    )
    info = _info(rules, b)
    _run_split(_step_games, rules, KernelState(**new), ko, info)
    return State(**new), StepInfo(spent=info.spent, cash_before=state.cash, awarded=info.awarded,
                                  firsts=info.firsts, fired=info.fired)


def outcome(state: State) -> np.ndarray:
    """int8 [B]: -1 still playing, 0 US won, 1 USSR won, 2 draw."""
    return np.where(state.done, state.winner, ONGOING).astype(np.int8)


Work = namedtuple("Work", [
    "bits",                                  # uint64 [P + 4L + 4]: this turn's random bits
    "u_research", "u_estimate",              # float32 [P]
    "u_fail", "u_lethal", "u_month",         # float32 [SL]
    "u_budget", "u_intel",                   # float32 [S]
    "developed", "grounded", "fundable",     # bool [P]
    "pay", "seen", "learned",                # float32 [P]
    "gap",                                   # float64 [P]
    "crew_lost",                             # bool [P]
    "public",                                # int16 [P]
    "options",                               # bool [O]
    "eff", "used",                           # float32 / bool [X]
    "money_left", "program_spent",           # float32 [S]
    "fl",                                    # launches.Flights [SL]
])


def _work(rules: Rules) -> Work:
    """Scratch arrays for one game, reused from game to game inside a kernel call."""
    P, SL, X = rules.n_programs, 2 * rules.max_pads, rules.effects.shape[1]
    f32 = lambda n: np.zeros(n, F32)  # noqa: E731
    return Work(
        bits=np.zeros(P + 2 * SL + 4, np.uint64), u_research=f32(P), u_estimate=f32(P),
        u_fail=f32(SL), u_lethal=f32(SL), u_month=f32(SL), u_budget=f32(2), u_intel=f32(2),
        developed=np.zeros(P, bool), grounded=np.zeros(P, bool), fundable=np.zeros(P, bool),
        pay=f32(P), seen=f32(P), learned=f32(P), gap=np.zeros(P, np.float64), crew_lost=np.zeros(P, bool),
        public=np.zeros(P, np.int16), options=np.zeros(len(rules.opt_event), bool),
        eff=f32(X), used=np.zeros(X, bool), money_left=f32(2), program_spent=f32(2), fl=new_flights(SL),
    )


def set_threads(n: int) -> None:
    """Use up to n threads for large batches (default: one per core). Results do not depend on it."""
    global _THREADS
    _THREADS = max(1, int(n))


_THREADS = os.cpu_count() or 1
_GAMES_PER_THREAD = 512    # below this a second thread costs more than it saves
_POOL: list = []           # [ThreadPoolExecutor], made on first use


def _run_split(kernel_fn, rules: Rules, s, orders, info) -> None:
    """Run a batch kernel over games [0, B), split into contiguous parts on up to _THREADS threads.

    The kernels release the GIL and each game touches only its own rows, so
    the parts run side by side; each thread has its own scratch arrays.
    """
    t = kernel_tables(rules)
    b = s.turn.shape[0]
    parts = max(1, min(_THREADS, b // _GAMES_PER_THREAD))
    works = rules._kernel.setdefault("work", [])
    while len(works) < parts:
        works.append(_work(rules))
    if parts == 1:
        kernel_fn(t, s, orders, info, works[0], 0, b)
        return
    if not _POOL:
        _POOL.append(ThreadPoolExecutor(max_workers=_THREADS, thread_name_prefix="rules"))
    edges = [b * i // parts for i in range(parts + 1)]
    jobs = [_POOL[0].submit(kernel_fn, t, s, orders, info, works[i], edges[i], edges[i + 1])
            for i in range(1, parts)]
    kernel_fn(t, s, orders, info, works[0], edges[0], edges[1])
    for job in jobs:
        job.result()


def _info(rules: Rules, b: int) -> KernelInfo:
    return KernelInfo(spent=np.zeros((b, 2), F32), awarded=np.zeros((b, 2), F32),
                      firsts=np.zeros((b, 2), np.uint64), fired=np.zeros((b, rules.n_events), bool))


@kernel
def _open_games(t, s, orders, info, w, lo, hi):
    """Fire the first turn's events of games lo..hi-1 of a new batch (turn 0). `orders` is unused."""
    w.options[:] = False
    for b in range(lo, hi):
        n_fired = fire_events(t, s, b, 0, True, STREAM_FIRE, info.fired[b])
        apply_effects(t, s, b, info.fired[b], n_fired, w.options, 0, 0, w.eff, w.used, info.awarded[b])


@kernel
def _step_games(t, s, orders, info, w, lo, hi):
    """One turn of the unfinished games among lo..hi-1; finished games are left untouched."""
    for b in range(lo, hi):
        if not s.done[b]:
            _turn(t, s, orders, info, w, b)


@part
def _draw(t, w, key, turn):
    """This turn's dice for one game: research luck and estimate noise (two 16-bit uniforms from each 32
    random bits), launch steps and crews (likewise); launch dates, budget and intelligence noise (24-bit
    uniforms)."""
    P, SL = t.P, 2 * t.L
    row = row_seed(key, turn, STREAM_STEP)
    for c in range(w.bits.shape[0]):
        w.bits[c] = bits_at(row, c)
    for p in range(P):
        w.u_research[p], w.u_estimate[p] = pair_of(w.bits[p])
    for i in range(SL):
        w.u_fail[i], w.u_lethal[i] = pair_of(w.bits[P + i])
        w.u_month[i] = unit_of(w.bits[P + SL + i])
    for side in range(2):
        w.u_budget[side] = unit_of(w.bits[P + 2 * SL + side])
        w.u_intel[side] = unit_of(w.bits[P + 2 * SL + 2 + side])


@part
def _turn(t, s, orders, info, w, b):
    """Resolve game b's current turn and open its next one."""
    P, L = t.P, t.L
    fl = w.fl
    turn = s.turn[b]
    _draw(t, w, s.key[b], turn)

    # the turn: options chosen, launches paid first, then programs, then the flights and what they teach
    n_options = chosen_options(t, s, b, orders.choice[b], STREAM_CHOICE, w.options)
    program_flags(t, s, b, turn, w.developed, w.grounded, w.fundable)
    check_launches(t, s, b, orders, turn, w.developed, w.grounded, fl)
    spent = info.spent[b]
    afford(t, fl, s.cash[b], spent)
    for side in range(2):
        w.money_left[side] = s.cash[b, side] - spent[side]
    fund_programs(t, s, b, orders.funding[b], w.fundable, w.developed, w.money_left, w.u_research, w.pay,
                  w.program_spent)
    for side in range(2):
        spent[side] += w.program_spent[side]
        s.cash[b, side] = s.cash[b, side] - spent[side]
    fly(t, s, b, fl, w.u_fail, w.u_lethal, w.u_month)
    awarded = info.awarded[b]
    award_milestones(t, s, b, fl, awarded, info.firsts[b])
    for side in range(2):
        s.prestige[b, side] += awarded[side]
    learn_from_flights(t, s, b, fl, w.seen, w.gap, w.crew_lost, w.public)
    for p in range(P):
        s.funded[b, p] = w.pay[p]
        s.flights[b, p] += w.public[p]
        w.learned[p] = w.seen[p] + (F32(1) if w.pay[p] > F32(0) and w.developed[p] else F32(0))
        if w.crew_lost[p]:
            s.grounded_until[b, p] = max(s.grounded_until[b, p], turn + 1 + t.grounding_turns)
    update_estimates(t, s, b, w.learned, w.u_estimate)
    for i in range(2 * L):
        side, pad = i // L, i % L
        s.launch_mission[b, side, pad] = fl.mission[i] if fl.ordered[i] else -1
        s.launch_outcome[b, side, pad] = fl.outcome[i]
        s.launch_month[b, side, pad] = fl.month[i]
        s.launch_passed[b, side, pad] = fl.passed[i] if fl.ok[i] else 0
        s.launch_prestige[b, side, pad] = fl.prestige[i]

    # the next turn opens: a new budget year, events, income; then is the game over?
    nxt = turn + 1
    s.turn[b] = nxt
    year_turn = min(nxt, t.n_turns)
    if t.new_year[year_turn]:
        new_budget_year(t, s, b, year_turn, w.u_budget)
    fired = info.fired[b]
    n_fired = fire_events(t, s, b, nxt, nxt < t.n_turns, STREAM_FIRE, fired)
    apply_effects(t, s, b, fired, n_fired, w.options, n_options, nxt, w.eff, w.used, awarded)
    pay_income(t, s, b, w.u_intel)
    _finish(t, s, b)


@part
def _finish(t, s, b):
    """End game b if its time is up, its leadership was sacked or a side won the decisive goal."""
    sacked0, sacked1 = s.sacked[b, 0], s.sacked[b, 1]
    pr0, pr1 = s.prestige[b, 0], s.prestige[b, 1]
    winner = 0 if pr0 > pr1 else (1 if pr1 > pr0 else DRAW)
    if sacked0 != sacked1:
        winner = 1 if sacked0 else 0
    end = s.turn[b] >= t.n_turns or sacked0 or sacked1
    k = t.decisive_milestone
    if k >= 0:
        who = s.first_side[b, k]
        if who >= 0 and s.first_month[b, k] < t.decisive_deadline:
            end = True
            if not (sacked0 or sacked1):
                winner = who
    if end:
        s.done[b] = True
        s.winner[b] = winner
