"""Launches: which ordered flights can fly, how each one goes, the firsts they
earn, what they cost in prestige, and what the programs learn from them.

Pure functions. Launch slots are the S * L launch pads, side-major: slot i
belongs to side i // L. Slot arrays are slot-major, [SL, B] (and [J, SL, B]
for steps, [R, SL, B] for a mission's programs): numpy runs an operation on
[SL, B] against a [B] vector as a few long loops, where [B, SL] against a
[B, 1] column would be thousands of tiny ones.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.rules.bits import bit_sum, unpack
from game.rules.tables import CREW_LOST, FAILURE, PARTIAL, SCRUBBED, SUCCESS, Rules

F32 = np.float32
U64 = np.uint64


@dataclass(frozen=True)
class Flights:
    """The resolved launches of one turn; arrays [SL, B] unless noted."""

    mission: np.ndarray   # intp: mission index (0 where no launch)
    ordered: np.ndarray   # bool: a launch was ordered on that pad
    valid: np.ndarray     # bool: it flew
    cost: np.ndarray      # float32: money it cost (0 if it did not fly)
    passed: np.ndarray    # intp: steps passed
    success: np.ndarray   # bool
    lost: np.ndarray      # bool: crew lost
    month: np.ndarray     # float32: month offset inside the turn
    earned: np.ndarray    # uint64: milestone bits earned
    outcome: np.ndarray   # int8: tables outcome code


def _mask(flag: np.ndarray) -> np.ndarray:
    """uint64 all-ones where flag (bool) is true, zero elsewhere."""
    return U64(0) - flag.astype(U64)


take = np.take


def gather(arr: np.ndarray, idx: np.ndarray) -> np.ndarray:
    """arr[b, idx[..., b]] for every game b: arr [B, W], idx int [..., B] -> [..., B]."""
    b, w = arr.shape
    return np.take(arr.ravel(), idx + np.arange(0, b * w, w))


def check_launches(rules: Rules, st, launch, turn, developed, grounded, alive):
    """Which ordered launches may fly and what each costs.

    launch: int [B, S, L] ordered missions (-1 none); developed, grounded: bool [B, P].
    Returns (mission, ordered, ok, cost), each [SL, B]; money is not checked here.
    """
    b = launch.shape[0]
    L = rules.max_pads
    slots = np.ascontiguousarray(launch.reshape(b, 2 * L).T).astype(np.intp)
    ordered = (slots >= 0) & (slots < rules.n_missions)      # anything else is no order at all
    m = slots * ordered
    side = np.repeat(np.arange(2), L)[:, None]
    pad_ok = (np.tile(np.arange(L), 2) < rules.pads[side[:, 0]])[:, None]
    ok = ordered & (take(rules.mis_side, m) == side) & pad_ok & alive & (turn >= take(rules.mis_avail_turn, m))
    ok &= (take(rules.mis_free, m) | gather(st.mis_unlocked, m)) & ~gather(st.mis_cancelled, m)
    roles = take(rules.role_prog_t, m, axis=1)                      # [R, SL, B]
    flyable = np.concatenate([developed & ~grounded, np.ones((b, 1), bool)], axis=1)
    can = gather(flyable, roles)
    mult = np.concatenate([st.cost_mult, np.zeros((b, 1), F32)], axis=1)
    price = take(rules.flight_cost, roles) * gather(mult, roles)
    cost = take(rules.mis_cost, m)
    for r in range(roles.shape[0]):
        ok &= can[r]
        cost = cost + price[r]
    return m, ordered, ok, cost.astype(F32)


def afford(rules: Rules, ok, cost, cash):
    """Drop launches a side cannot pay for, in pad order.

    ok, cost: [SL, B]; cash: float32 [B, S]. Returns (ok [SL, B], spent float32 [B, S]).
    """
    L = rules.max_pads
    ok = ok.copy()
    spent = []
    for s in (0, 1):
        run = np.zeros(ok.shape[1], F32)
        for i in range(s * L, (s + 1) * L):
            c = cost[i] * ok[i]
            ok[i] &= run + c <= cash[:, s] + F32(1e-4)
            run += cost[i] * ok[i]
        spent.append(run)
    return ok, np.stack(spent, axis=1)


def fly(rules: Rules, st, m, ordered, ok, cost, rel, rush, u_fail, u_lethal, u_month) -> Flights:
    """Fly the launches that may fly.

    m, ordered, ok, cost, rush, u_*: [SL, B]; rel: float32 [B, P] true
    reliability this turn. One uniform decides how many steps pass: step j is
    passed when u < p_0 * ... * p_j, which gives each step its own chance of
    failing in order.
    """
    b = rel.shape[0]
    L = rules.max_pads
    rel_ext = np.concatenate([rel, np.ones((b, 1), F32)], axis=1)
    p = gather(rel_ext, take(rules.step_prog_t, m, axis=1))        # [J, SL, B]
    held_slot = np.repeat(np.ascontiguousarray(st.held.T), L, axis=0)  # [SL, B]
    missing = np.bitwise_count(take(rules.mis_prereq_bits, m) & ~held_slot).astype(F32)
    penalty = F32(rules.skip_penalty) * missing + F32(rules.rush_penalty) * rush
    real = take(rules.step_real_t, m, axis=1)
    passed = np.zeros(m.shape, np.intp)
    cp = np.ones(m.shape, F32)
    for j in range(p.shape[0]):
        q = np.minimum(np.maximum(p[j] - penalty, F32(0.01)), F32(1))
        cp *= F32(1) - real[j] * (F32(1) - q)
        passed += u_fail < cp
    success = ok & (passed >= take(rules.mis_steps, m))
    at = m * (p.shape[0] + 1) + passed
    earned = take(rules.cum_earn_bits, at) & _mask(ok)
    lethal = take(rules.step_lethality, at)
    lost = ok & ~success & (take(rules.mis_crew, m) > 0) & (u_lethal < lethal)
    failed = np.int8(FAILURE) + np.int8(PARTIAL - FAILURE) * (earned != 0)
    outcome = np.int8(SUCCESS) * success + failed * (ok & ~success & ~lost) + np.int8(CREW_LOST) * lost
    outcome = (outcome + np.int8(SCRUBBED) * (ordered & ~ok)).astype(np.int8)
    month = u_month * F32(rules.months_per_turn) * (F32(1) - F32(0.5) * rush)
    return Flights(m, ordered, ok, cost * ok, passed, success, lost, month.astype(F32), earned, outcome)


def secret_failures(rules: Rules, fl: Flights) -> np.ndarray:
    """bool [SL, B]: flights that failed without earning anything, uncrewed, for a
    side that keeps such failures secret (the rival never learns of them)."""
    L = rules.max_pads
    secret_side = rules.secret_failures[np.repeat(np.arange(2), L)][:, None]
    return secret_side & fl.valid & (fl.earned == 0) & ~fl.success & (take(rules.mis_crew, fl.mission) == 0)


def award_milestones(rules: Rules, st, fl: Flights):
    """Firsts, seconds, repeats and failures of the turn's flights, in date order.

    Returns (held uint64 [B, S], first uint64 [B, S] (bits won this turn),
    first_month_offset float32 [F, K] for the F games with a first, in order,
    prestige float32 [B, S], prestige of each flight float32 [SL, B]). Failures cost prestige only when the world learns
    of them. A launch counts before another when it flies earlier in the turn;
    at the very same instant (about one chance in ten million) the lower pad
    counts first, US pads before Soviet ones.
    """
    n_slots, b = fl.month.shape
    L = rules.max_pads
    K = rules.n_milestones
    rows = np.flatnonzero(np.bitwise_or.reduce(fl.earned, axis=0))   # games where a flight earned something
    held = st.held[rows]
    anyone = held[:, 0] | held[:, 1]
    e, d = fl.earned[:, rows], fl.month[:, rows]
    n = len(rows)
    firsts = [np.zeros(n, U64), np.zeros(n, U64)]
    got = [np.zeros(n, U64), np.zeros(n, U64)]
    first_of = np.zeros((n_slots, b), U64)      # per flight: the milestones it won first...
    second_of = np.zeros((n_slots, b), U64)     # ...second...
    repeats = np.zeros((n_slots, b), U64)       # ...and again
    for i in range(n_slots if n else 0):
        side = i // L
        before_any = anyone.copy()
        before_own = held[:, side].copy()
        for j in range(n_slots):
            if j == i:
                continue
            earlier = e[j] & _mask((d[j] < d[i]) | ((d[j] == d[i]) & (j < i)))
            before_any |= earlier
            if j // L == side:
                before_own |= earlier
        nf = e[i] & ~before_any
        first_of[i, rows] = nf
        firsts[side] |= nf
        second_of[i, rows] = e[i] & ~before_own & before_any
        got[side] |= e[i]
        repeats[i, rows] = e[i] & before_own
    new_held = st.held.copy()
    new_held[rows] = np.stack([held[:, 0] | got[0], held[:, 1] | got[1]], axis=1)
    first = np.zeros((b, 2), U64)
    first[rows] = np.stack(firsts, axis=1)
    won = np.flatnonzero(firsts[0] | firsts[1])                      # positions in rows, in game order
    first_offset = np.zeros((len(won), K), F32)
    for i in range(n_slots):
        mine = first_of[i, rows[won]]
        if mine.any():
            first_offset += unpack(mine, K) * d[i][won, None]
    tables = rules.prestige_tables
    # a side that keeps its uncrewed failures secret loses no prestige for them: nobody knows
    missed = take(rules.mis_target_bits, fl.mission) & ~fl.earned & _mask(fl.valid & ~secret_failures(rules, fl))
    per_flight = (bit_sum(first_of, tables[0]) + bit_sum(second_of, tables[1]) + bit_sum(repeats, tables[2])
                  + bit_sum(missed, tables[3]) + F32(rules.crew_loss_prestige) * fl.lost).astype(F32)
    by_side = np.stack([per_flight[s * L:(s + 1) * L].sum(axis=0) for s in (0, 1)], axis=1)
    return new_held, first, first_offset, by_side, per_flight


def learn_from_flights(rules: Rules, rel, fl: Flights):
    """What the programs learn from flying: each program a flight used closes
    part of its gap to max_reliability (more when its step failed). Returns
    (rel [B, P], observations [B, P] float32, public flights [B, P] int16,
    crew_lost [B, P] bool). Secret failures teach their owner but the world
    does not count them.
    """
    n_slots, b = fl.mission.shape
    P = rules.n_programs
    J = rules.step_prog.shape[1]
    m, passed = fl.mission, fl.passed
    roles = take(rules.role_prog_t, m, axis=1)                      # [R, SL, B]
    flown = (take(rules.role_first_step_t, m, axis=1) <= passed) & fl.valid
    fail_prog = take(rules.step_prog, m * J + np.minimum(passed, J - 1)) + (P + 1) * fl.success
    where = (roles + np.arange(0, b * (P + 1), P + 1)).ravel()
    hit = np.flatnonzero(flown)
    index = take(where, hit)
    ls, lf = np.log1p(-rules.learn_success), np.log1p(-rules.learn_failure)
    failed = take((roles == fail_prog).ravel(), hit)
    # one bincount carries both sums: 256 * (programs flown) + (log of the gap factor, in (-256, 0])
    packed = np.bincount(index, (256 + ls) + (lf - ls) * failed, b * (P + 1)).astype(F32)
    packed = np.ascontiguousarray(packed.reshape(b, P + 1)[:, :P])
    seen = np.ceil(packed * F32(1 / 256) - F32(1e-4))
    tl = rules.tiles(b)
    rel = tl.max_rel - (tl.max_rel - rel) * np.exp(packed - F32(256) * seen)
    lost = np.zeros(b * (P + 1), bool)
    if fl.lost.any():
        lost[take(where, np.flatnonzero(flown & fl.lost))] = True
    public = seen.astype(np.int16)
    hidden = flown & secret_failures(rules, fl)
    if hidden.any():
        public -= np.bincount(take(where, np.flatnonzero(hidden)), minlength=b * (P + 1)).reshape(b, P + 1)[:, :P]
    return rel.astype(F32), seen, public, np.ascontiguousarray(lost.reshape(b, P + 1)[:, :P])
