"""init, step and outcome: the whole turn of B games, as pure functions.

    state = init(rules, keys)
    state, info = step(rules, state, orders)

A turn: chosen event options, launches (paid first), operations' upkeep,
program funding and research, flights, firsts, records and operations,
learning; then the next turn opens: new budget year and leadership review,
events, income. Finished games stay as they are.

`step` hands the old state's memory and a new block (state.Layout) to one
compiled kernel that copies each game's rows over and plays each unfinished
game's turn on its own rows (see game.rules.jit). Beside it: where its arrays
live (step_memory) and how a batch is shared out over threads (batch_threads).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.rules.batch_threads import run_split
from game.rules.bundle import on_block
from game.rules.crews import crew_after_flights, open_corps, pick_crews, recruit_and_train
from game.rules.economy import fund_programs, new_budget_year, pay_income, rival_budget_seen, sharpen_estimate
from game.rules.events import apply_effects, chosen_options, fire_events
from game.rules.jit import inlined, kernel, take_next
from game.rules.kernel_tables import KernelOrders, crew_seats, kernel_tables, state_bundle
from game.rules.launches import afford, award_milestones, check_launches, flight_lessons, fly, learn_from_flights
from game.rules.operations import pay_upkeep, records_and_starts, run_operations
from game.rules.orders import Orders
from game.rules.rng import bits_at, normals_from, pair_of, row_seed, uniforms, unit_of
from game.rules.state import NEVER, Layout, State
from game.rules.step_memory import (
    BLOCK,
    block_of,
    check_orders,
    copy_bytes,
    fetch_ahead,
    launch_orders,
    new_info,
    rewritten_fields,
)
from game.rules.tables import DRAW, NOT_RECRUITED, ONGOING, RETIRED, SKILL_STEPS, Rules, skill_steps

F32 = np.float32
STREAM_INIT, STREAM_STEP, STREAM_FIRE, STREAM_CHOICE = 1, 2, 3, 4


@dataclass(frozen=True)
class StepInfo:
    """What happened in one step, for B games."""

    spent: np.ndarray     # float32 [B, S]: money spent (launches + operations' upkeep + programs)
    cash_before: np.ndarray  # float32 [B, S]: money the side had
    awarded: np.ndarray   # float32 [B, S]: prestige awarded this step (flights, records, operations, events)
    firsts: np.ndarray    # uint64 [B, S]: milestone bits of the firsts won this step
    news: np.ndarray      # bool [B, E]: the new state's news (a finished game's are the old ones)
    done_before: np.ndarray  # bool [B]: the games that were already finished (and did not play)

    @property
    def fired(self) -> np.ndarray:
        """bool [B, E]: the events that fired as the next turn opened (news of the games that played).
        Computed when asked: most callers never ask, and at large batches it is not free."""
        return np.logical_and(self.news, ~self.done_before[:, None])


def init(rules: Rules, keys: np.ndarray) -> State:
    """B new games, one per key (uint32 [B]); the first turn's events have fired."""
    layout, block = unopened_games(rules, keys)
    run_split(_open_games, rules, layout.batch, (state_bundle(layout), block), new_info(layout.batch))
    return State.in_block(layout, block)


def unopened_games(rules: Rules, keys: np.ndarray) -> tuple[Layout, np.ndarray]:
    """(layout, block) of B new games, one per key (uint32 [B]), before the first turn's events."""
    b = keys.shape[0]
    P, M, K, E, F = rules.n_programs, rules.n_missions, rules.n_milestones, rules.n_events, len(rules.flag_ids)
    L, RC, OP = rules.max_pads, rules.n_records, rules.n_operations
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
        intel_budget=rival_budget_seen.py_func(kernel_tables(rules), budget, normals_from(u[:, P:])),
        budget_cut=np.zeros((b, 2), F32),
        dev=np.zeros((b, P), F32), rel=np.broadcast_to(rules.rel0, (b, P)).astype(F32),
        est_z=normals_from(u[:, :P]), nobs=np.zeros((b, P), np.int16),
        grounded_until=np.zeros((b, P), np.int16), cost_mult=np.ones((b, len(rules.cost_targets)), F32),
        prog_unlocked=np.zeros((b, P), bool), prog_cancelled=np.zeros((b, P), bool),
        flights=np.zeros((b, P), np.int16),
        mis_unlocked=np.zeros((b, M), bool), mis_cancelled=np.zeros((b, M), bool),
        op_left=np.zeros((b, OP), np.int16), op_months=np.zeros((b, OP), np.int16),
        held=np.zeros((b, 2), np.uint64), first_side=np.full((b, K), -1, np.int8),
        first_month=np.zeros((b, K), np.float64),
        record_value=np.zeros((b, RC), F32), record_side=np.full((b, RC), -1, np.int8),
        flags=np.zeros((b, F), bool),
        ev_last=np.full((b, E), -NEVER, np.int16),
        ev_forced=np.full((b, len(rules.fire_targets)), NEVER, np.int16),
        pending=np.zeros((b, len(rules.option_events)), bool), news=np.zeros((b, E), bool),
        launch_mission=np.full((b, 2, L), -1, np.int16), launch_outcome=np.zeros((b, 2, L), np.int8),
        launch_month=np.zeros((b, 2, L), F32), launch_passed=np.zeros((b, 2, L), np.int8),
        launch_prestige=np.zeros((b, 2, L), F32), launch_records=np.zeros((b, 2, L, RC), bool),
        launch_crew=np.full((b, 2, L, crew_seats(rules)), -1, np.int16),
        **_new_corps(rules, b),
    )
    rows = tuple((k, v.shape[1:], v.dtype.str) for k, v in g.items())
    rules._kernel.setdefault("state_rows", rows)     # the State layout of these rules (see _layout)
    layout = Layout.of(b, rows)
    return layout, layout.pack(g)


def _new_corps(rules: Rules, b: int) -> dict:
    """The corps' State fields of b new games, before turn 0 opens (open_corps then recruits the free
    groups open at the start): nobody recruited but those who start retired, skills as the scenario
    gives them (in whole steps, tables.skill_steps), full morale."""
    N, G = rules.n_people, rules.n_groups
    status = np.where(np.asarray(rules.person_start_status) == RETIRED, RETIRED, NOT_RECRUITED).astype(np.int8)
    return dict(
        person_status=np.broadcast_to(status, (b, N)).copy(),
        skill=np.broadcast_to(skill_steps(np.asarray(rules.person_skill0).reshape(N, 5)), (b, N, 5)).copy(),
        person_flights=np.zeros((b, N), np.uint8), rest_until=np.zeros((b, N), np.int16),
        morale=np.full((b, N), SKILL_STEPS, np.uint8), idle_turns=np.zeros((b, N), np.uint8),
        died_turn=np.full((b, N), NEVER, np.int16),
        first_crew=np.full((b, rules.n_milestones, crew_seats(rules)), -1, np.int16),
        group_recruited=np.zeros((b, G), bool),
    )


def step(rules: Rules, state: State, orders: Orders) -> tuple[State, StepInfo]:
    """Resolve the current turn of B games with both sides' orders.

    Pure: `state` and `orders` are not changed. Invalid orders are clipped or
    dropped per game, never raised on; arrays of the wrong shape (another
    scenario, another batch) raise ValueError. Returns (next state, what happened).
    Finished games stay exactly as they are.
    """
    b = state.batch
    check_orders(rules, b, orders)
    layout = _layout(rules, b)
    src = block_of(rules, state, layout)
    dst = layout.reused_block()                 # the kernel copies each game's rows in, then plays
    ko = KernelOrders(
        funding=np.ascontiguousarray(orders.funding, F32),
        launch=launch_orders(orders.launch),
        rush=np.ascontiguousarray(orders.rush, bool),
        choice=np.ascontiguousarray(orders.choice, np.int8),
        stop=np.ascontiguousarray(orders.stop, bool),
        crew=np.ascontiguousarray(orders.crew, np.int16),
        train=np.ascontiguousarray(orders.train, np.int8),
        recruit=np.ascontiguousarray(orders.recruit, bool),
    )
    info = new_info(b, zeroed=False)               # the kernel writes every row
    run_split(_step_games, rules, b, (state_bundle(layout), src, dst, layout.offsets, layout.width,
                                      rewritten_fields(rules, layout), ko), info)
    new = State.in_block(layout, dst)
    return new, StepInfo(spent=info.spent, cash_before=state.cash, awarded=info.awarded, firsts=info.firsts,
                         news=new.news, done_before=state.done)


def _layout(rules: Rules, b: int) -> Layout:
    """The Layout of a State of b games of these rules (the one init makes)."""
    known = rules._kernel.setdefault("layouts", {})
    layout = known.get(b)
    if layout is None:
        rows = rules._kernel.get("state_rows")
        if rows is None:
            unopened_games(rules, np.zeros(1, np.uint32))       # records them; no kernel needs to run
            rows = rules._kernel["state_rows"]
        if len(known) >= 16:
            known.clear()
        layout = known[b] = Layout.of(b, rows)
    return layout


def outcome(state: State) -> np.ndarray:
    """int8 [B]: -1 still playing, 0 US won, 1 USSR won, 2 draw."""
    return np.where(state.done, state.winner, ONGOING).astype(np.int8)


@kernel
def _open_games(t, layout, block, info, w, queue, worker):
    """Fire the first turn's events of a new batch's games (turn 0), in place in `block` (see
    _step_games), blocks of games taken from `queue` as in _step_games."""
    B = info.spent.shape[0]
    s = on_block(layout, block)
    x0 = np.uint64(worker * BLOCK)
    while True:
        lo = BLOCK * take_next(queue)
        if lo >= B:
            break
        for b in range(np.uint64(lo), np.uint64(min(lo + BLOCK, B))):
            x = x0 + b - np.uint64(lo)
            w.options[x, :] = False
            open_corps(t, s, b, np.int64(0))
            # the turn 0 of a game that has not played, typed as _step_block's calls are, so that
            # fire_events and apply_effects are compiled once for both kernels
            n_fired = fire_events(t, s, b, np.int64(0), np.bool_(True), STREAM_FIRE, s.news[b], w.fired_list[x])
            apply_effects(t, s, b, w.fired_list[x], n_fired, w.options[x], np.int64(0), np.int16(0), w.eff[x0],
                          w.used[x0], w.ranks[x0], info.awarded[b])


@kernel
def _step_games(t, layout, src, dst, offsets, width, rewritten, orders, info, w, queue, worker):
    """One turn of a batch's unfinished games; finished games are left as they were.

    layout: the State's fields as a bundle of offsets (kernel_tables.state_bundle);
    src, dst: the old and the new State's memory (uint8; state.Layout: field k
    starts at byte offsets[k] and has width[k] bytes per game); rewritten: bool
    [fields], rewritten by every unfinished game. Plays blocks of BLOCK games,
    taking the next block from `queue` (int64 [1], shared by the workers) until
    none is left; `worker` picks its scratch rows. A block's rows are first
    copied from src into dst (rewritten fields only for finished games), then
    played: the block's rows stay in the cache. While a block plays, the rows of
    the worker's next block are fetched into the cache (step_memory.fetch_ahead), so its
    copy finds them there instead of waiting for memory.
    """
    B = info.spent.shape[0]
    s = on_block(layout, dst)
    lo = BLOCK * take_next(queue)
    while lo < B:
        nxt = BLOCK * take_next(queue)     # claimed now, so that its rows load while this block plays
        hi = min(lo + BLOCK, B)
        for k in range(len(offsets)):
            if not rewritten[k]:
                copy_bytes(src, dst, offsets[k] + lo * width[k], offsets[k] + hi * width[k])
        for b in range(lo, hi):
            if s.done[b]:                       # copied above: not a rewritten field
                for k in range(len(offsets)):
                    if rewritten[k]:
                        copy_bytes(src, dst, offsets[k] + b * width[k], offsets[k] + (b + 1) * width[k])
                _nothing_happened(info, b)      # the turn of an unfinished game writes all of its info
        ahead = (src, dst, offsets, width, rewritten, nxt, min(nxt + BLOCK, B))
        start = (-1 if nxt < B else len(offsets), np.int64(0), np.int64(0))
        _step_block(t, s, orders, info, w, lo, hi, worker, ahead, start)
        lo = nxt


@inlined
def _nothing_happened(info, b):
    """Game b's step info when it did not play: nothing spent, awarded or won (nor fired: see step)."""
    for side in range(2):
        info.spent[b, side] = F32(0)
        info.awarded[b, side] = F32(0)
        info.firsts[b, side] = np.uint64(0)


@inlined
def _step_block(t, s, orders, info, w, lo, hi, worker, ahead, cur):
    """One turn of the unfinished games among lo..hi-1, phase by phase, each phase a loop over the
    games: small loops compile to far faster code than one loop holding the whole turn.

    Game b uses row x = worker * BLOCK + (b - lo) of the scratch arrays `w` carried from phase to
    phase (the worker's rows; the same few serve each of its blocks in turn, so they stay in the
    cache: a row per game would cost a cache miss at every touch), and row wk = worker * BLOCK of
    those used inside a phase. Each game of each phase also fetches a few lines of the next block
    (ahead, cur: see step_memory.fetch_ahead).
    """
    fl = w.fl
    wk = np.uint64(worker * BLOCK)
    x0 = wk - np.uint64(lo)
    # the turn: dice, options chosen, launches paid first, then programs, then the flights and what they teach
    for b in range(np.uint64(lo), np.uint64(hi)):
        cur = fetch_ahead(ahead, cur)
        x = x0 + b
        if not s.done[b]:
            _draw(t, w, x, s.key[b], s.turn[b])
            w.n_options[x] = chosen_options(t, s, b, orders.choice[b], STREAM_CHOICE, w.options[x])
    for b in range(np.uint64(lo), np.uint64(hi)):
        cur = fetch_ahead(ahead, cur)
        x = x0 + b
        if not s.done[b]:
            check_launches(t, s, b, orders, s.turn[b], fl, x)
            pick_crews(t, s, b, orders, fl, x, w.taken[wk], w.best_n[wk], w.best_s[wk])
            afford(t, fl, x, s.cash[b], info.spent[b])
            pay_upkeep(t, s, b, orders.stop[b], s.cash[b], info.spent[b], w.op_ran[x])
            recruit_and_train(t, s, b, orders, fl, x, s.cash[b], info.spent[b], w.taken[wk])
    for b in range(np.uint64(lo), np.uint64(hi)):
        cur = fetch_ahead(ahead, cur)
        x = x0 + b
        if not s.done[b]:
            _fund(t, s, orders, info, w, b, x, wk)
    for b in range(np.uint64(lo), np.uint64(hi)):
        cur = fetch_ahead(ahead, cur)
        x = x0 + b
        if not s.done[b]:
            fly(t, s, b, fl, x, w.dice[x], w.u_month[x])
    for b in range(np.uint64(lo), np.uint64(hi)):
        cur = fetch_ahead(ahead, cur)
        x = x0 + b
        if not s.done[b]:
            award_milestones(t, s, b, fl, x, info.awarded[b], info.firsts[b])
            run_operations(t, s, b, w.op_ran[x], info.awarded[b])
            records_and_starts(t, s, b, fl, x, w.op_ran[x], info.awarded[b])
            crew_after_flights(t, s, b, fl, x, info.firsts[b])
            for side in range(2):
                s.prestige[b, side] += info.awarded[b, side]
    B, SL = s.turn.shape[0], 2 * t.L        # the launch records, [B, SL]: slot i = side * L + pad
    records = (s.launch_mission.reshape((B, SL)), s.launch_outcome.reshape((B, SL)),
               s.launch_month.reshape((B, SL)), s.launch_passed.reshape((B, SL)), s.launch_prestige.reshape((B, SL)))
    for b in range(np.uint64(lo), np.uint64(hi)):
        cur = fetch_ahead(ahead, cur)
        x = x0 + b
        if not s.done[b]:
            _learn_and_record(t, s, w, b, x, wk, records)
    # the next turn opens: a new budget year, events, income; then is the game over?
    for b in range(np.uint64(lo), np.uint64(hi)):
        cur = fetch_ahead(ahead, cur)
        x = x0 + b
        if not s.done[b]:
            nxt = s.turn[b] + 1
            s.turn[b] = nxt
            open_corps(t, s, b, np.int64(nxt))
            year_turn = min(nxt, t.n_turns)
            if t.new_year[year_turn]:
                for side in range(2):           # drawn only in the turns that need them (see _draw)
                    w.u_budget[wk, side] = unit_of(bits_at(w.dice[x], t.P + 4 * t.L + side))
                new_budget_year(t, s, b, year_turn, w.u_budget[wk])
            w.n_fired[x] = fire_events(t, s, b, nxt, nxt < t.n_turns, STREAM_FIRE, s.news[b], w.fired_list[x])
    for b in range(np.uint64(lo), np.uint64(hi)):
        cur = fetch_ahead(ahead, cur)
        x = x0 + b
        if not s.done[b]:
            apply_effects(t, s, b, w.fired_list[x], w.n_fired[x], w.options[x], w.n_options[x],
                          s.turn[b], w.eff[wk], w.used[wk], w.ranks[wk], info.awarded[b])
            pay_income(t, s, b, w.u_intel[x])
            _finish(t, s, b)


@inlined
def _draw(t, w, x, key, turn):
    """A game's dice for this turn, into row x of the scratch arrays; column c of the turn's stream:
    research luck and estimate noise of program p (column p: two 16-bit uniforms from its 32 random
    bits), launch steps and crews (column P + slot, likewise), launch dates (P + SL + slot), budget
    noise (P + 2 SL + side) and intelligence noise (P + 2 SL + 2 + side; 24-bit uniforms). Kept:
    the row seed (w.dice), from which the others are drawn where they are used, only when needed;
    and the launch dates and intelligence noise, which every turn uses."""
    P, SL = t.P, 2 * t.L
    row = row_seed(key, turn, STREAM_STEP)
    w.dice[x] = row
    for i in range(SL):
        w.u_month[x, i] = unit_of(bits_at(row, P + SL + i))
    for side in range(2):
        w.u_intel[x, side] = unit_of(bits_at(row, P + 2 * SL + 2 + side))


@inlined
def _fund(t, s, orders, info, w, b, x, wk):
    """Game b's programs spend what the launches left; the turn's spending leaves the cash.
    x, wk: game b's row of the scratch arrays carried from phase to phase, and of those used inside
    one (see _step_block)."""
    spent = info.spent[b]
    for side in range(2):
        w.money_left[wk, side] = s.cash[b, side] - spent[side]
    w.n_paid[x] = fund_programs(t, s, b, orders.funding[b], w.money_left[wk], w.dice[x], w.developed[wk],
                                w.pay[wk], w.program_spent[wk], w.paid[x])
    for side in range(2):
        spent[side] += w.program_spent[wk, side]
        s.cash[b, side] = s.cash[b, side] - spent[side]


@inlined
def _learn_and_record(t, s, w, b, x, wk, records):
    """Game b's state after its flights: what the programs learned (reliability, sharper estimates, flight
    counts, groundings), and the turn's launches as the world saw them (into records: s.launch_mission,
    _outcome, _month, _passed and _prestige seen as [B, SL]).

    Only the programs that flew or did research this turn are touched: the
    others learned nothing."""
    fl = w.fl
    learned = w.learned[wk]     # x, wk: game b's rows of the scratch arrays, as in _fund
    slots, progs = w.lesson_slot[wk], w.lesson_prog[wk]
    for k in range(w.n_paid[x]):
        learned[w.paid[x, k]] = F32(0)
    n = flight_lessons(t, fl, x, slots, progs)
    learn_from_flights(t, s, b, fl, x, slots, progs, n, learned, w.gap[wk], w.crew_lost[wk], w.public[wk])
    for k in range(w.n_paid[x]):                 # research counts as one more observation
        learned[w.paid[x, k]] += F32(1)
    for k in range(w.n_paid[x]):
        p = w.paid[x, k]
        _sharpen(t, s, b, p, learned, w.dice[x])
    for k in range(n):
        _sharpen(t, s, b, progs[k], learned, w.dice[x])
    mission, outcome, month, passed, prestige = records
    for i in range(2 * t.L):    # every unfinished game rewrites the launch_* fields (see REWRITTEN)
        mission[b, i] = fl.mission[x, i] if fl.ordered[x, i] else -1
        outcome[b, i] = fl.outcome[x, i]
        month[b, i] = fl.month[x, i]
        passed[b, i] = fl.passed[x, i] if fl.ok[x, i] else 0
        prestige[b, i] = fl.prestige[x, i]


@inlined
def _sharpen(t, s, b, p, learned, dice):
    """sharpen_estimate once for program p (learned [P] > 0), then clear learned[p] so a program met
    twice is counted once. Its noise is the second uniform of pair_of(bits_at(dice, p))."""
    if learned[p] > F32(0):
        _, u = pair_of(bits_at(dice, p))
        sharpen_estimate(t, s, b, p, learned[p], u)
        learned[p] = F32(0)


@inlined
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
