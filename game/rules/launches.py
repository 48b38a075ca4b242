"""Launches: which ordered flights can fly, how each one goes, the firsts they
earn, what they cost in prestige, and what the programs learn from them.

Compiled per-game functions on one game's launch slots: the S * L launch pads,
side-major (slot i belongs to side t.slot_side[i] = i // L, pad t.slot_pad[i] = i % L). `fl` is a Flights
bundle of scratch arrays [B, SL]; game b (of the state) uses row x of them.
"""

from __future__ import annotations

from collections import namedtuple

import numpy as np

from game.rules.crews import crew_skill_of, crew_step_penalty
from game.rules.jit import F32, U64, leaf, part
from game.rules.mathf import exp_f32
from game.rules.missions import chance_after, launch_penalty, mission_cost, step_chance
from game.rules.rng import bits_at, pair_of
from game.rules.tables import CREW_LOST, FAILURE, PARTIAL, SCRUBBED, SUCCESS

Flights = namedtuple("Flights", [
    "mission",    # int64: mission index (0 where no launch)
    "ordered",    # bool: a launch was ordered on that pad
    "ok",         # bool: it may fly (then: it flew)
    "cost",       # float32: money it costs
    "rush",       # bool: flown early in the turn, at extra risk
    "passed",     # int64: steps passed
    "success",    # bool
    "lost",       # bool: crew lost
    "month",      # float32: month offset inside the turn
    "earned",     # uint64: milestone bits earned
    "outcome",    # int8: tables outcome code
    "prestige",   # float32: prestige the flight won or cost
])

_ZERO, _ONE = F32(0), F32(1)
_NONE = U64(0)
_SLACK = F32(1e-4)


def new_flights(games: int, slots: int) -> Flights:
    """Scratch arrays [games, slots] for the launch slots of a batch."""
    dtypes = (np.int64, bool, bool, F32, bool, np.int64, bool, bool, F32, U64, np.int8, F32)
    return Flights(*(np.zeros((games, slots), d) for d in dtypes))


@leaf
def popcount(x):
    """Number of bits set in a uint64."""
    x = x - ((x >> U64(1)) & U64(0x5555555555555555))
    x = (x & U64(0x3333333333333333)) + ((x >> U64(2)) & U64(0x3333333333333333))
    x = (x + (x >> U64(4))) & U64(0x0F0F0F0F0F0F0F0F)
    return (x * U64(0x0101010101010101)) >> U64(56)


@part
def check_launches(t, s, b, orders, turn, fl, x):
    """Which of game b's ordered launches may fly and what each costs (money is not checked here).

    orders: KernelOrders. Each program a mission uses must be developed and not
    grounded. Fills fl.mission, ordered, ok, cost, rush.
    """
    for i in range(2 * t.L):
        side, pad = t.slot_side[i], t.slot_pad[i]
        order = orders.launch[b, side, pad]
        ordered = 0 <= order < t.M                  # anything else is no order at all
        fl.rush[x, i] = orders.rush[b, side, pad]
        if not ordered:
            fl.mission[x, i], fl.ordered[x, i], fl.ok[x, i], fl.cost[x, i] = 0, False, False, _ZERO
            continue
        m = order
        ok = (ordered and t.mis_side[m] == side and pad < t.pads[side] and turn >= t.mis_avail_turn[m]
              and (t.mis_free[m] or s.mis_unlocked[b, m]) and not s.mis_cancelled[b, m])
        for r in range(t.role_prog.shape[1]):
            p = t.role_prog[m, r]
            if p < t.P:
                ok = ok and s.dev[b, p] >= t.start_cost[p] and not s.grounded_until[b, p] > turn
        fl.mission[x, i], fl.ordered[x, i], fl.ok[x, i] = m, ordered, ok
        fl.cost[x, i] = mission_cost(t, s.cost_mult[b], m)


@part
def afford(t, fl, x, cash, spent):
    """Drop the launches (row x of fl) a side cannot pay for, in pad order. cash: float32 [S]; fills spent [S]."""
    for side in range(2):
        run = _ZERO
        for i in range(side * t.L, (side + 1) * t.L):
            if fl.ok[x, i]:
                fl.ok[x, i] = run + fl.cost[x, i] <= cash[side] + _SLACK
            if fl.ok[x, i]:
                run += fl.cost[x, i]
        spent[side] = run


@part
def fly(t, s, b, fl, x, dice, u_month):
    """Fly game b's launches that may fly (fl.ok), with the programs' true reliability s.rel (each
    step's chance: game.rules.missions; a rushed launch flies in the first rush_window of the turn).

    dice: the turn's row seed (rng.row_seed); u_month: float32 [SL], each slot's
    launch date. The flight in slot i draws its two uniforms, u_fail and
    u_lethal, from column P + i of the dice (only a flight that flies draws them).
    One uniform decides how many steps
    pass: step j is passed when u < p_0 * ... * p_j (each step adjusted for
    skipped milestones and rushing, and a step with a discipline for its named crew's skill in it:
    crews.crew_step_penalty), which gives each step its own chance of failing in order.
    """
    for i in range(2 * t.L):
        m, ok, rush = fl.mission[x, i], fl.ok[x, i], fl.rush[x, i]
        fl.month[x, i] = u_month[i] * F32(t.months_per_turn) * (t.rush_window if rush else _ONE)
        if not ok:
            fl.passed[x, i], fl.success[x, i], fl.lost[x, i], fl.earned[x, i] = 0, False, False, _NONE
            fl.outcome[x, i] = SCRUBBED if fl.ordered[x, i] else 0
            continue
        u_fail, u_lethal = pair_of(bits_at(dice, t.P + i))
        missing = F32(popcount(t.mis_prereq_bits[m] & ~s.held[b, t.slot_side[i]]))
        penalty = launch_penalty(t, missing, rush)
        side, pad = t.slot_side[i], t.slot_pad[i]
        crew = s.launch_crew[b, side, pad]
        need = t.mis_crew[m] if t.C > 0 and crew[0] >= 0 else 0     # a named crew flies (game.rules.crews)
        passed = 0
        cp = _ONE
        for j in range(t.J):
            p = t.step_prog[m, j]
            rel = s.rel[b, p] if p < t.P else _ONE
            step_penalty = penalty
            d = t.step_skill[m, j]
            if need > 0 and d >= 0:
                step_penalty = crew_step_penalty(t, penalty, _ONE, crew_skill_of(t, s, b, crew, need, d))
            cp = chance_after(cp, t.step_real[m, j], step_chance(t, rel, step_penalty))
            if u_fail < cp:
                passed += 1
        success = passed >= t.mis_steps[m]
        earned = t.cum_earn_bits[m, passed]
        lost = not success and t.mis_crew[m] > 0 and u_lethal < t.step_lethality[m, passed]
        if success:
            outcome = SUCCESS
        elif lost:
            outcome = CREW_LOST
        else:
            outcome = PARTIAL if earned != _NONE else FAILURE
        fl.passed[x, i], fl.success[x, i], fl.lost[x, i] = passed, success, lost
        fl.earned[x, i], fl.outcome[x, i] = earned, outcome


@leaf
def is_secret_failure(t, fl, x, i):
    """The flight in slot i (row x of fl) failed without earning anything, uncrewed, for a side that keeps such
    failures secret: the rival never learns of it."""
    return (t.secret_failures[t.slot_side[i]] and fl.ok[x, i] and fl.earned[x, i] == _NONE and not fl.success[x, i]
            and t.mis_crew[fl.mission[x, i]] == 0)


@leaf
def lowest_bit(bits):
    """Index of the lowest bit set in a uint64 that is not 0."""
    return popcount((bits & (~bits + U64(1))) - U64(1))


@leaf
def _bits_prestige(bits, values):
    """Sum of values[k] (float32 [K]) over the bits k set in a uint64, in bit order."""
    total = _ZERO
    while bits != _NONE:
        total += values[lowest_bit(bits)]
        bits &= bits - U64(1)               # clear the lowest bit
    return total


@part
def award_milestones(t, s, b, fl, x, awarded, firsts):
    """Firsts, seconds, repeats and failures of game b's flights, in date order.

    Updates s.held, s.first_side and s.first_month; fills fl.prestige, awarded
    float32 [S] (prestige per side) and firsts uint64 [S] (bits won first).
    Failures cost prestige only when the world learns of them. A launch counts
    before another when it flies earlier in the turn; at the very same instant
    (about one chance in ten million) the lower pad counts first, US pads
    before Soviet ones.
    """
    SL = 2 * t.L
    firsts[0], firsts[1] = _NONE, _NONE
    flew = False
    for i in range(SL):
        flew |= fl.ok[x, i]
    if not flew:                   # nothing flew: nothing won or lost (what the loops below would find)
        for i in range(SL):
            fl.prestige[x, i] = _ZERO
        awarded[0], awarded[1] = _ZERO, _ZERO
        return
    held0, held1 = s.held[b, 0], s.held[b, 1]
    got0, got1 = _NONE, _NONE
    month0 = np.float64(t.start_month + s.turn[b] * t.months_per_turn)
    for i in range(SL):
        side = t.slot_side[i]
        e = fl.earned[x, i]
        first_of, second_of, repeat_of = _NONE, _NONE, _NONE
        if e != _NONE:
            before_any = held0 | held1
            before_own = held0 if side == 0 else held1
            for j in range(SL):
                if j != i and (fl.month[x, j] < fl.month[x, i] or (fl.month[x, j] == fl.month[x, i] and j < i)):
                    before_any |= fl.earned[x, j]
                    if t.slot_side[j] == side:
                        before_own |= fl.earned[x, j]
            first_of = e & ~before_any
            second_of = e & ~before_own & before_any
            repeat_of = e & before_own
            firsts[side] |= first_of
            if side == 0:
                got0 |= e
            else:
                got1 |= e
            k = 0
            bits = first_of
            while bits != _NONE:
                if bits & U64(1):
                    s.first_side[b, k] = side
                    s.first_month[b, k] = month0 + np.float64(fl.month[x, i])
                bits >>= U64(1)
                k += 1
        missed = _NONE
        if fl.ok[x, i] and not is_secret_failure(t, fl, x, i):   # a secret failure costs nothing: nobody knows
            missed = t.mis_target_bits[fl.mission[x, i]] & ~e
        fl.prestige[x, i] = (_bits_prestige(first_of, t.prestige_first) + _bits_prestige(second_of, t.prestige_second)
                          + _bits_prestige(repeat_of, t.prestige_repeat)
                          + _bits_prestige(missed, t.prestige_failure)
                          + (t.crew_loss_prestige if fl.lost[x, i] else _ZERO))
    s.held[b, 0], s.held[b, 1] = held0 | got0, held1 | got1
    for side in range(2):
        total = _ZERO
        for i in range(side * t.L, (side + 1) * t.L):
            total += fl.prestige[x, i]
        awarded[side] = total


@part
def flight_lessons(t, fl, x, slots, progs):
    """The programs the flights of row x of fl flew on and learned from, in slot then role order: the
    first n entries (n returned) of slots and progs (uint64 [SL * R]) name each one's launch slot and
    program. A program counts when its role's first step was reached (a flight that failed before
    that step taught it nothing); slots with no flight are skipped."""
    n = 0
    for i in range(U64(2 * t.L)):
        if not fl.ok[x, i]:
            continue
        m, passed = fl.mission[x, i], fl.passed[x, i]
        for r in range(t.role_prog.shape[1]):
            p = t.role_prog[m, r]
            slots[n] = i
            progs[n] = p
            n += (p < t.P) & (t.role_first_step[m, r] <= passed)
    return n


@part
def learn_from_flights(t, s, b, fl, x, slots, progs, n, learned, gap, crew_lost, public):
    """What game b's programs learn from flying: each program a flight used closes
    part of its gap to max_reliability (more when its step failed). Updates s.rel,
    and s.flights (flights the world saw: secret failures teach their owner but
    are not counted) and s.grounded_until (a crew lost grounds the programs it flew on).

    slots, progs [:n]: the flights' lessons (flight_lessons). Sets learned
    float32 [P] to the flights that used each program, for those programs only
    (the caller zeroes the rest); gap float64, crew_lost bool and public int16
    [P] are scratch, of which only those programs' entries are used.
    """
    J = t.J
    for k in range(n):
        p = progs[k]
        gap[p], crew_lost[p], public[p] = 0.0, False, 0
    for k in range(n):
        i, p = slots[k], progs[k]
        m, passed = fl.mission[x, i], fl.passed[x, i]
        failed = not fl.success[x, i] and t.step_prog[m, min(passed, J - 1)] == p
        # one sum carries both: 256 per flight plus the log of the gap's factor, in (-256, 0]
        gap[p] += 256.0 + (t.log_keep_failure if failed else t.log_keep_success)
        crew_lost[p] |= fl.lost[x, i]
        if not is_secret_failure(t, fl, x, i):
            public[p] += 1
    grounded = s.turn[b] + 1 + t.grounding_turns
    for k in range(n):
        p = progs[k]
        if gap[p] == 0.0:
            continue
        packed = F32(gap[p])
        c = np.ceil(packed * F32(1 / 256) - F32(1e-4))
        learned[p] = c
        s.rel[b, p] = t.max_rel[p] - (t.max_rel[p] - s.rel[b, p]) * exp_f32(packed - F32(256) * c)
        s.flights[b, p] += public[p]
        if crew_lost[p]:
            s.grounded_until[b, p] = max(s.grounded_until[b, p], grounded)
        gap[p] = 0.0                    # done: a program flown twice is counted once
