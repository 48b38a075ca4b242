"""The event engine inside the compiled step: triggers, firing, options, effects.

Events are evaluated when a turn opens, for that turn. An event with options
waits for its receiver's choice, which is applied when the turn is resolved.
The effects of a step (chosen options and newly fired events) are summed per
effect column, rows in order (events, then options), then applied.
"""

from __future__ import annotations

import numpy as np

from game.rules.economy import estimate_of
from game.rules.jit import F32, U64, part
from game.rules.kernel_tables import (
    COST,
    FIRE,
    FLAG_CLEAR,
    FLAG_SET,
    GROUND,
    MIS_CANCEL,
    MIS_UNLOCK,
    PROG_CANCEL,
    PROG_UNLOCK,
    REL,
    SIDE_KINDS,
)
from game.rules.rng import bits_at, row_seed, unit_of
from game.rules.state import NEVER

_ZERO = F32(0)
_NEVER = int(NEVER)


@part
def triggers_hold(t, s, b, e, turn):
    """Event e's trigger holds for game b at the opening of `turn`."""
    if turn < t.ev_first_turn[e] or turn > t.ev_last_turn[e]:
        return False
    h0, h1 = s.held[b, 0], s.held[b, 1]
    has0, has1, lack0, lack1, any_ = (t.trig_bits[0, e], t.trig_bits[1, e], t.trig_bits[2, e],
                                      t.trig_bits[3, e], t.trig_bits[4, e])
    if (h0 & has0) != has0 or (h1 & has1) != has1 or ((h0 & lack0) | (h1 & lack1)) != U64(0) \
            or ((h0 | h1) & any_) != any_:
        return False
    if t.trig_has_flags[e]:
        for f in range(t.F):
            if (t.trig_need_flag[e, f] and not s.flags[b, f]) or (t.trig_avoid_flag[e, f] and s.flags[b, f]):
                return False
    side = t.trig_side[e]
    mine, theirs = s.prestige[b, side], s.prestige[b, 1 - side]
    if not (t.trig_min_prestige[e] <= mine <= t.trig_max_prestige[e]) or not (mine - theirs >= t.trig_min_lead[e]):
        return False
    if not (t.trig_min_budget[e] <= s.budget[b, side] <= t.trig_max_budget[e]):
        return False
    p = t.trig_rel_prog[e]
    if p < t.P:
        est, _ = estimate_of(t, s.rel[b, p], s.est_z[b, p], s.nobs[b, p])
        return est >= t.trig_rel_min[e]
    return True


@part
def fire_events(t, s, b, turn, alive, stream, fired, fired_list):
    """Fill fired bool [E] (the step passes s.news[b]) with the events that fire for game b as `turn`
    opens, and the first n entries of fired_list uint64 [E] with their indices in ascending order;
    returns n.

    An event fires when its trigger holds and its chance comes up (1 for dated
    events), or when another event forced it for this turn; a once-only event
    fires once, a repeatable one waits out its cooldown. Chances come from the
    game key's `stream` (column = event index). Only the events that can fire
    on `turn` at all (t.live_*) are looked at.
    """
    fired[:] = False
    if not alive:
        return 0
    # first the events that are ready, gathered without branching: a repeatable one out of its cooldown,
    # a once-only one never fired (its last turn is still -NEVER, and its gap NEVER: turns stay below it)
    ready = 0
    for i in range(t.live_ptr[turn], t.live_ptr[turn + 1]):
        e = t.live_idx[i]
        fired_list[ready] = e
        ready += turn - s.ev_last[b, e] >= t.ev_ready_gap[e]
    row = row_seed(s.key[b], turn, stream)
    n = 0
    for k in range(ready):                  # fired_list[n] is written only after fired_list[k >= n] is read
        e = fired_list[k]
        col = t.ev_forced_col[e]
        fire = col >= 0 and s.ev_forced[b, col] == turn
        chance = t.ev_chance[e]
        if not fire and chance > _ZERO and (chance >= F32(1) or unit_of(bits_at(row, e)) < chance):
            fire = triggers_hold(t, s, b, e, turn)     # the dice first: they are cheaper
        if fire:
            fired[e] = True
            fired_list[n] = e
            n += 1
    return n


@part
def chosen_options(t, s, b, choice, stream, options):
    """Fill options bool [O] with the option rows chosen for game b's pending events; returns how many.

    choice: int8 [E] (-1 or out of range: drawn by AI weight from the key's
    `stream`, column = event index).
    """
    options[:] = False
    row = row_seed(s.key[b], s.turn[b], stream)
    count = 0
    for k in range(len(t.option_events)):
        if not s.pending[b, k]:             # pending's columns are the events with options
            continue
        e = t.option_events[k]
        n = t.ev_n_options[e]
        c = choice[e]
        if c < 0 or c >= n:
            u = unit_of(bits_at(row, e))
            c = 0
            for k in range(t.opt_cum_weight.shape[1] - 1):
                if u >= t.opt_cum_weight[e, k]:
                    c += 1
        options[t.opt_row[e, c]] = True
        count += 1
    return count


@part
def apply_effects(t, s, b, fired_list, n_fired, options, n_options, turn, eff, used, ranks, awarded):
    """Apply the effects of game b's n_fired fired events (their indices, ascending, in fired_list
    [:n_fired]; fire_events marked them in s.news) and n_options chosen options (bool [O]).

    `turn` is the turn now opening. eff float32 [X] and used bool [X] are
    scratch that must be all zero on entry, and are left so; ranks int64 [X]
    is scratch. Adds the prestige the effects award to awarded float32 [S].
    """
    pending = s.pending[b]
    for k in range(len(pending)):
        pending[k] = False
    for k in range(n_fired):
        e = fired_list[k]
        if t.ev_pending_col[e] >= 0:
            pending[t.ev_pending_col[e]] = True
        s.ev_last[b, e] = turn
    for k in range(s.ev_forced.shape[1]):
        if s.ev_forced[b, k] <= turn:
            s.ev_forced[b, k] = _NEVER
    if n_fired == 0 and n_options == 0:
        return
    # sums per effect column, rows in order; the columns beyond the sides' are listed by their place in
    # t.col_order (t.col_rank), the order they are applied in
    others = 0
    for k in range(n_fired + (len(options) if n_options else 0)):    # rows in order: events, then options
        if k < n_fired:
            row = np.int64(fired_list[k])
        elif options[k - n_fired]:
            row = t.E + k - n_fired
        else:
            continue
        for i in range(t.eff_ptr[row], t.eff_ptr[row + 1]):
            c = t.eff_col[i]
            eff[c] += t.eff_val[i]
            if not used[c] and c >= SIDE_KINDS:
                ranks[others] = t.col_rank[c]
                others += 1
            used[c] = True
    for side in range(2):
        if used[side]:
            s.budget_bonus[b, side] += eff[side]
            s.budget[b, side] = max(s.budget[b, side] + eff[side], _ZERO)
        if used[2 + side]:
            s.cash[b, side] += eff[2 + side]
        if used[4 + side]:
            s.prestige[b, side] += eff[4 + side]
            awarded[side] += eff[4 + side]
        if used[6 + side]:
            s.research_speed[b, side] = max(s.research_speed[b, side] + eff[6 + side], t.min_research_speed)
    for c in range(SIDE_KINDS):
        eff[c], used[c] = _ZERO, False
    for j in range(1, others):               # a few columns at most: insertion sort by place
        r = ranks[j]
        k = j
        while k > 0 and ranks[k - 1] > r:
            ranks[k] = ranks[k - 1]
            k -= 1
        ranks[k] = r
    for j in range(others):
        c = t.col_order[ranks[j]]
        kind, x, v = t.col_kind[c], t.col_target[c], eff[c]
        eff[c], used[c] = _ZERO, False
        if kind == REL:
            s.rel[b, x] = min(max(s.rel[b, x] + v, t.min_reliability), t.max_rel[x])
        elif kind == COST:
            col = t.cost_col[x]                     # x: a program some effect costs, so it has a column
            s.cost_mult[b, col] = max(s.cost_mult[b, col] + v, t.min_cost_multiplier)
        elif kind == GROUND:
            if v > _ZERO:
                s.grounded_until[b, x] = max(s.grounded_until[b, x], int(turn + v))
        elif kind == PROG_UNLOCK:
            s.prog_unlocked[b, x] |= v > _ZERO
        elif kind == PROG_CANCEL:
            s.prog_cancelled[b, x] |= v > _ZERO
        elif kind == MIS_UNLOCK:
            s.mis_unlocked[b, x] |= v > _ZERO
        elif kind == MIS_CANCEL:
            s.mis_cancelled[b, x] |= v > _ZERO
        elif kind == FLAG_SET:
            s.flags[b, x] |= v > _ZERO
        elif kind == FLAG_CLEAR:
            if v > _ZERO:
                s.flags[b, x] = False
        elif kind == FIRE:
            if v > _ZERO:
                col = t.ev_forced_col[x]           # x: an event some effect fires, so it has a column
                s.ev_forced[b, col] = min(s.ev_forced[b, col], turn + t.col_delay[c])
