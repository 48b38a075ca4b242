"""Records and operations: what a turn adds to the firsts.

A record is a best value (the longest stay in space, say) that a side raises
again and again, winning its prestige at each rise. An operation (a crewed
station, a rover) is started or renewed by a mission's full success, then
runs for a number of turns: each turn it costs upkeep and pays a little
prestige, and it may hold a record of its own, its unbroken running time in
months.

Compiled per-game functions, as in game.rules.economy: `t` the KernelTables,
`s` the State being built (game b's rows updated in place). Sizes: RC records,
OP operations; `ran` is bool [OP], scratch carried from pay_upkeep to
run_operations. Numbers are float32, computed in the order written.
"""

from __future__ import annotations

import numpy as np

from game.rules.jit import F32, part

_ZERO = F32(0)
_MAX_MONTHS = 32767     # op_months is int16


@part
def pay_upkeep(t, s, b, stop, cash, spent, ran):
    """Game b's running operations pay their upkeep, in operation order, from the money its side has
    left after launches (cash - spent; float32 [S] each, spent grows by each upkeep paid).

    stop: bool [OP], the orders to end an operation. One that is stopped or cannot be paid ends
    (op_left and op_months 0); ran[o] tells which ones paid (they run this turn). An operation that
    ran out of turns last turn has its months cleared here.
    """
    for o in range(t.OP):
        ran[o] = False
        if s.op_left[b, o] <= 0:
            s.op_months[b, o] = 0
            continue
        side = t.op_side[o]
        upkeep = t.op_upkeep[o]
        if not stop[o] and upkeep <= max(cash[side] - spent[side], _ZERO):
            spent[side] += upkeep
            ran[o] = True
        else:
            s.op_left[b, o] = 0
            s.op_months[b, o] = 0


@part
def _raise_record(t, s, b, r, value, side):
    """Record r of game b becomes `value` held by `side` when it beats the record by more than its
    min_gain; returns the prestige that earns (0 when it does not)."""
    if value > _ZERO and value > s.record_value[b, r] + t.record_min_gain[r]:
        s.record_value[b, r] = value
        s.record_side[b, r] = side
        return t.record_prestige[r]
    return _ZERO


@part
def records_and_starts(t, s, b, fl, x, ran, awarded):
    """What game b's full successes (row x of the Flights fl) set, in date order as award_milestones
    counts them: the records their missions raise (prestige added to the launch's fl.prestige and to
    awarded float32 [S]) and the operations they start or renew. Called after run_operations, so a
    start gives op_left = op_turns more turns from the next one (at least), and a renewal in the turn
    an operation runs out keeps it going; op_months is kept when it ran this turn (ran, bool [OP]) or
    still runs, else 0. Writes every game's s.launch_records in full: True for (side, pad, record) of each
    record a launch raised."""
    SL = 2 * t.L
    for side in range(2):
        for pad in range(t.L):
            for r in range(t.RC):
                s.launch_records[b, side, pad, r] = False
    any_ = False
    for i in range(SL):
        any_ |= fl.success[x, i] and t.mis_sets_or_starts[fl.mission[x, i]]
    if not any_:
        return
    last_month, last = F32(-1), SL
    while True:
        nxt = -1            # the earliest launch after (last_month, last) that sets or starts something
        for i in range(SL):
            if not (fl.success[x, i] and t.mis_sets_or_starts[fl.mission[x, i]]):
                continue
            month = fl.month[x, i]
            if not (month > last_month or (month == last_month and i > last)):
                continue
            if nxt < 0 or month < fl.month[x, nxt] or (month == fl.month[x, nxt] and i < nxt):
                nxt = i
        if nxt < 0:
            return
        m, side = fl.mission[x, nxt], t.slot_side[nxt]
        for r in range(t.RC):
            gain = _raise_record(t, s, b, r, t.mis_record_value[m, r], side)
            if gain != _ZERO:
                fl.prestige[x, nxt] += gain
                awarded[side] += gain
                s.launch_records[b, side, nxt - side * t.L, r] = True
        o = t.mis_starts_op[m]
        if o >= 0:
            if s.op_left[b, o] <= 0 and not ran[o]:
                s.op_months[b, o] = 0
            s.op_left[b, o] = np.int16(max(np.int64(s.op_left[b, o]), t.op_turns[o]))
        last_month, last = fl.month[x, nxt], nxt


@part
def run_operations(t, s, b, ran, awarded):
    """Game b's operations that paid their upkeep this turn (ran, bool [OP]) run a turn: each pays its
    prestige to its side (awarded, float32 [S]), adds months_per_turn to op_months and has a turn less
    to run; one with a record raises it when its months beat it. One left with no turn ends, its months
    shown until the next turn is played (pay_upkeep clears them)."""
    for o in range(t.OP):
        if not ran[o]:
            continue
        side = t.op_side[o]
        awarded[side] += t.op_prestige[o]
        months = min(np.int64(s.op_months[b, o]) + t.months_per_turn, _MAX_MONTHS)
        s.op_months[b, o] = months
        s.op_left[b, o] = s.op_left[b, o] - np.int16(1)
        r = t.op_record[o]
        if r >= 0:
            awarded[side] += _raise_record(t, s, b, r, F32(months), side)
