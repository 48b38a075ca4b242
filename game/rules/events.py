"""The event engine inside the batched step: triggers, firing, options, effects.

Events are evaluated when a turn opens, for that turn. An event with options
waits for its receiver's choice, which is applied when the turn is resolved.
All effects of a step (chosen options and newly fired events) are one matrix
product of the active effect rows [B, R] with the effect table [R, X].
"""

from __future__ import annotations

import numpy as np

from game.rules.economy import estimates
from game.rules.rng import uniforms_at
from game.rules.state import NEVER
from game.rules.tables import Rules

F32 = np.float32


def triggers_hold(rules: Rules, g: dict, turn: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """bool [B, len(cols)]: the triggers of events `cols` hold at the opening of `turn` [B]."""
    b = turn.shape[0]
    t = turn[:, None]
    ok = (t >= rules.ev_first_turn[cols]) & (t <= rules.ev_last_turn[cols])
    h0, h1 = g["held"][:, 0:1], g["held"][:, 1:2]
    has0, has1, lack0, lack1, any_ = (rules.trig_bits[i, cols] for i in range(5))
    if has0.any():
        ok &= (h0 & has0) == has0
    if has1.any():
        ok &= (h1 & has1) == has1
    if lack0.any() or lack1.any():
        ok &= ((h0 & lack0) | (h1 & lack1)) == 0
    if any_.any():
        ok &= ((h0 | h1) & any_) == any_
    if rules.flag_ids and (rules.trig_flags_count[cols].any() or rules.trig_not_flags[:, cols].any()):
        fl = g["flags"].astype(F32)
        ok &= fl @ rules.trig_flags[:, cols] >= rules.trig_flags_count[cols]
        ok &= fl @ rules.trig_not_flags[:, cols] < F32(0.5)
    side = rules.trig_side[cols]
    if np.isfinite(rules.trig_min_prestige[cols]).any() or np.isfinite(rules.trig_max_prestige[cols]).any() \
            or np.isfinite(rules.trig_min_lead[cols]).any():
        pr = g["prestige"][:, side]
        lead = pr - g["prestige"][:, 1 - side]
        ok &= (pr >= rules.trig_min_prestige[cols]) & (pr <= rules.trig_max_prestige[cols])
        ok &= lead >= rules.trig_min_lead[cols]
    if np.isfinite(rules.trig_min_budget[cols]).any() or np.isfinite(rules.trig_max_budget[cols]).any():
        bud = g["budget"][:, side]
        ok &= (bud >= rules.trig_min_budget[cols]) & (bud <= rules.trig_max_budget[cols])
    progs = rules.trig_rel_prog[cols]
    if (progs < rules.n_programs).any():
        est, _ = estimates(rules, g["rel"], g["est_z"], g["nobs"])
        est = np.concatenate([est, np.ones((b, 1), F32)], axis=1)
        ok &= est[:, progs] >= rules.trig_rel_min[cols]
    return ok


def fire_events(rules: Rules, g: dict, turn: np.ndarray, alive: np.ndarray, stream: int) -> np.ndarray:
    """bool [B, E]: the events that fire as `turn` (int16 [B]) opens.

    An event fires when its trigger holds and its chance comes up (1 for dated
    events), or when another event forced it for this turn; a once-only event
    fires once, a repeatable one waits out its cooldown. Only events that can
    fire in some game of the batch are looked at. Chances are drawn from the
    game keys' `stream` (column = event index).
    """
    b = turn.shape[0]
    out = np.zeros((b, rules.n_events), bool)
    t = turn[:, None]
    lo, hi = turn.min(initial=0), turn.max(initial=0)
    static = ((rules.ev_chance > 0) & (rules.ev_first_turn <= hi) & (rules.ev_last_turn >= lo)) | rules.ev_fire_target
    cols = np.flatnonzero(static)
    if not len(cols):
        return out
    ready = g["ev_count"][:, cols] == 0
    rep = ~rules.ev_once[cols]
    if rep.any():
        ready[:, rep] = (t - g["ev_last"][:, cols[rep]]) >= rules.ev_cooldown[cols[rep]]
    ready &= alive[:, None]
    fire = np.zeros_like(ready)
    tgt = rules.ev_fire_target[cols]
    if tgt.any():
        fire[:, tgt] = g["ev_forced"][:, cols[tgt]] == t
        fire &= ready
    live = np.flatnonzero(ready.any(axis=0) & (rules.ev_chance[cols] > 0))
    if len(live):
        hold = triggers_hold(rules, g, turn, cols[live]) & ready[:, live]
        chancy = rules.ev_chance[cols[live]] < 1
        if chancy.any():
            u = uniforms_at(g["key"], turn, stream, cols[live[chancy]])
            hold[:, chancy] &= u < rules.ev_chance[cols[live[chancy]]]
        fire[:, live] |= hold
    out[:, cols] = fire
    return out


def chosen_options(rules: Rules, pending: np.ndarray, choice: np.ndarray, key: np.ndarray, turn: np.ndarray,
                   stream: int) -> np.ndarray:
    """bool [B, O]: the option rows chosen for the pending events.

    pending: bool [B, E]; choice: int8 [B, E] (-1 or out of range: drawn by AI
    weight from the keys' `stream`, column = event index).
    """
    out = np.zeros((pending.shape[0], len(rules.opt_event)), bool)
    cols = np.flatnonzero(pending.any(axis=0) & (rules.ev_n_options > 0))
    if not len(cols):
        return out
    u = uniforms_at(key, turn, stream, cols)
    cum = rules.opt_cum_weight[cols]
    drawn = np.zeros(u.shape, np.int8)
    for k in range(cum.shape[1] - 1):
        drawn += u >= cum[:, k]
    c = choice[:, cols].astype(np.int8)
    given = (c >= 0) & (c < rules.ev_n_options[cols])
    pick = drawn + (c - drawn) * given
    where = np.searchsorted(cols, rules.opt_event)
    rows = np.flatnonzero((where < len(cols)) & (cols[np.minimum(where, len(cols) - 1)] == rules.opt_event))
    j = where[rows]
    out[:, rows] = pending[:, cols[j]] & (pick[:, j] == rules.opt_index[rows])
    return out


def apply_effects(rules: Rules, g: dict, fired: np.ndarray, options: np.ndarray, turn: np.ndarray) -> np.ndarray:
    """Apply the effects of fired events and chosen options to g (arrays replaced, not mutated).

    fired: bool [B, E]; options: bool [B, O]; turn: int16 [B], the turn now opening.
    Returns the prestige the effects awarded, float32 [B, S].
    """
    b = turn.shape[0]
    t = turn[:, None]
    fcols = np.flatnonzero(fired.any(axis=0))
    g["news"] = fired.copy()
    pending = np.zeros_like(fired)
    if len(fcols):
        f = fired[:, fcols]
        count, last = g["ev_count"].copy(), g["ev_last"].copy()
        count[:, fcols] += f
        last[:, fcols] = np.where(f, t, last[:, fcols])
        g["ev_count"], g["ev_last"] = count, last
        pending[:, fcols] = f & (rules.ev_n_options[fcols] > 0)
    g["pending"] = pending
    targets = np.flatnonzero(rules.ev_fire_target)
    if len(targets) and (g["ev_forced"][:, targets] <= t).any():
        forced = g["ev_forced"].copy()
        forced[:, targets] = np.where(forced[:, targets] <= t, NEVER, forced[:, targets])
        g["ev_forced"] = forced
    ocols = np.flatnonzero(options.any(axis=0))
    if not len(fcols) and not len(ocols):
        return np.zeros((b, 2), F32)
    rows = np.concatenate([fcols, rules.n_events + ocols])
    table = rules.effects[rows]
    used = table.any(axis=0)
    act = np.concatenate([fired[:, fcols], options[:, ocols]], axis=1)
    eff = np.zeros((b, table.shape[1]), F32)                           # [B, X], only used columns filled
    cols_used = np.flatnonzero(used)
    for j in range(len(rows)):
        hit = np.flatnonzero(act[:, j])
        if len(hit):
            eff[np.ix_(hit, cols_used)] += table[j, cols_used]
    if used[0:2].any():
        g["budget_bonus"] = g["budget_bonus"] + eff[:, 0:2]
        g["budget"] = np.maximum(g["budget"] + eff[:, 0:2], F32(0))
    if used[2:4].any():
        g["cash"] = g["cash"] + eff[:, 2:4]
    if used[6:8].any():
        g["research_speed"] = np.maximum(g["research_speed"] + eff[:, 6:8], F32(0.1))
    cols = rules.effect_cols
    for kind, (c_all, t_all) in cols.program_cols.items():
        keep = used[c_all]
        if not keep.any():
            continue
        c, target = c_all[keep], t_all[keep]
        e = eff[:, c]
        if kind == "reliability":
            rel = g["rel"].copy()
            rel[:, target] = np.clip(rel[:, target] + e, F32(0.01), rules.max_rel[target])
            g["rel"] = rel
        elif kind == "cost":
            mult = g["cost_mult"].copy()
            mult[:, target] = np.maximum(mult[:, target] + e, F32(0.1))
            g["cost_mult"] = mult
        elif kind == "ground":
            until = g["grounded_until"].copy()
            until[:, target] = np.maximum(until[:, target], np.where(e > 0, t + e, 0))
            g["grounded_until"] = until
        else:  # unlock | cancel
            name = "prog_unlocked" if kind == "unlock" else "prog_cancelled"
            arr = g[name].copy()
            arr[:, target] |= e > 0
            g[name] = arr
    for kind, (c, target) in cols.mission_cols.items():
        if used[c].any():
            name = "mis_unlocked" if kind == "unlock" else "mis_cancelled"
            arr = g[name].copy()
            arr[:, target] |= eff[:, c] > 0
            g[name] = arr
    for kind, (c, target) in cols.flag_cols.items():
        if used[c].any():
            arr = g["flags"].copy()
            if kind == "set":
                arr[:, target] |= eff[:, c] > 0
            else:
                arr[:, target] &= ~(eff[:, c] > 0)
            g["flags"] = arr
    for delay, c, target in cols.fire_cols:
        if used[c].any():
            forced = g["ev_forced"].copy()
            when = np.where(eff[:, c] > 0, t + delay, NEVER)
            forced[:, target] = np.minimum(forced[:, target], when)
            g["ev_forced"] = forced
    if used[4:6].any():
        g["prestige"] = g["prestige"] + eff[:, 4:6]
        return eff[:, 4:6].astype(F32)
    return np.zeros((b, 2), F32)
