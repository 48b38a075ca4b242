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
    """bool [len(cols), B]: the triggers of events `cols` hold at the opening of `turn` [B].

    Event-major, [n, B]: a per-event number against a per-game one is then a
    few long loops for numpy.
    """
    b = turn.shape[0]
    col = (slice(None), None)
    ok = (turn >= rules.ev_first_turn[cols][col]) & (turn <= rules.ev_last_turn[cols][col])
    h0, h1 = g["held"][:, 0], g["held"][:, 1]
    has0, has1, lack0, lack1, any_ = (rules.trig_bits[i, cols][col] for i in range(5))
    if has0.any():
        ok &= (h0 & has0) == has0
    if has1.any():
        ok &= (h1 & has1) == has1
    if lack0.any() or lack1.any():
        ok &= ((h0 & lack0) | (h1 & lack1)) == 0
    if any_.any():
        ok &= ((h0 | h1) & any_) == any_
    if rules.flag_ids and (rules.trig_flags_count[cols].any() or rules.trig_not_flags[:, cols].any()):
        fl = np.ascontiguousarray(g["flags"].T).astype(F32)             # [F, B]
        need, avoid = rules.trig_flags[:, cols].T, rules.trig_not_flags[:, cols].T  # [n, F]
        for f in range(fl.shape[0]):
            if need[:, f].any():
                ok &= (fl[f] > 0) | (need[:, f][col] == 0)
            if avoid[:, f].any():
                ok &= (fl[f] == 0) | (avoid[:, f][col] == 0)
    side = rules.trig_side[cols]
    pr = np.ascontiguousarray(g["prestige"].T)                          # [S, B]
    if np.isfinite(rules.trig_min_prestige[cols]).any() or np.isfinite(rules.trig_max_prestige[cols]).any() \
            or np.isfinite(rules.trig_min_lead[cols]).any():
        mine, theirs = pr[side], pr[1 - side]
        ok &= (mine >= rules.trig_min_prestige[cols][col]) & (mine <= rules.trig_max_prestige[cols][col])
        ok &= mine - theirs >= rules.trig_min_lead[cols][col]
    if np.isfinite(rules.trig_min_budget[cols]).any() or np.isfinite(rules.trig_max_budget[cols]).any():
        bud = np.ascontiguousarray(g["budget"].T)[side]
        ok &= (bud >= rules.trig_min_budget[cols][col]) & (bud <= rules.trig_max_budget[cols][col])
    progs = rules.trig_rel_prog[cols]
    if (progs < rules.n_programs).any():
        est, _ = estimates(rules, g["rel"], g["est_z"], g["nobs"])
        est = np.concatenate([est, np.ones((b, 1), F32)], axis=1).T
        ok &= est[progs] >= rules.trig_rel_min[cols][col]
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
    lo, hi = turn.min(initial=0), turn.max(initial=0)
    static = ((rules.ev_chance > 0) & (rules.ev_first_turn <= hi) & (rules.ev_last_turn >= lo)) | rules.ev_fire_target
    cols = np.flatnonzero(static)
    if not len(cols):
        return out
    ready = np.ascontiguousarray(g["ev_count"][:, cols].T) == 0        # [n, B]
    rep = np.flatnonzero(~rules.ev_once[cols])
    for i in rep:
        ready[i] = (turn - g["ev_last"][:, cols[i]]) >= rules.ev_cooldown[cols[i]]
    ready &= alive
    fire = np.zeros_like(ready)
    for i in np.flatnonzero(rules.ev_fire_target[cols]):
        fire[i] = (g["ev_forced"][:, cols[i]] == turn) & ready[i]
    live = np.flatnonzero(ready.any(axis=1) & (rules.ev_chance[cols] > 0))
    if len(live):
        hold = triggers_hold(rules, g, turn, cols[live]) & ready[live]
        chancy = np.flatnonzero(rules.ev_chance[cols[live]] < 1)
        if len(chancy):
            u = uniforms_at(g["key"], turn, stream, cols[live[chancy]]).T
            hold[chancy] &= u < rules.ev_chance[cols[live[chancy]]][:, None]
        fire[live] |= hold
    out[:, cols] = fire.T
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
    cols_used = np.flatnonzero(table.any(axis=0))
    act = np.concatenate([fired[:, fcols], options[:, ocols]], axis=1).T.astype(F32)   # [rows, B]
    eff = np.zeros((rules.effects.shape[1], b), F32)   # [X, B]: effect columns; only used ones filled
    for j in range(len(rows)):                          # in row order: the same sums whatever the batch
        for c in cols_used:
            if table[j, c]:
                eff[c] += table[j, c] * act[j]
    used = np.zeros(rules.effects.shape[1], bool)
    used[cols_used] = True
    if used[0:2].any():
        g["budget_bonus"] = g["budget_bonus"] + eff[0:2].T
        g["budget"] = np.maximum(g["budget"] + eff[0:2].T, F32(0))
    if used[2:4].any():
        g["cash"] = g["cash"] + eff[2:4].T
    if used[6:8].any():
        g["research_speed"] = np.maximum(g["research_speed"] + eff[6:8].T, F32(0.1))
    cols = rules.effect_cols
    for kind, (c_all, t_all) in cols.program_cols.items():
        keep = used[c_all]
        if not keep.any():
            continue
        name = {"reliability": "rel", "cost": "cost_mult", "ground": "grounded_until", "unlock": "prog_unlocked",
                "cancel": "prog_cancelled"}[kind]
        arr = g[name].copy()
        for c, p in zip(c_all[keep], t_all[keep], strict=True):
            e = eff[c]
            if kind == "reliability":
                arr[:, p] = np.clip(arr[:, p] + e, F32(0.01), rules.max_rel[p])
            elif kind == "cost":
                arr[:, p] = np.maximum(arr[:, p] + e, F32(0.1))
            elif kind == "ground":
                arr[:, p] = np.maximum(arr[:, p], np.where(e > 0, turn + e, 0))
            else:
                arr[:, p] |= e > 0
        g[name] = arr
    for kind, (c, target) in cols.mission_cols.items():
        if used[c].any():
            name = "mis_unlocked" if kind == "unlock" else "mis_cancelled"
            arr = g[name].copy()
            arr[:, target] |= (eff[c] > 0).T
            g[name] = arr
    for kind, (c, target) in cols.flag_cols.items():
        if used[c].any():
            arr = g["flags"].copy()
            if kind == "set":
                arr[:, target] |= (eff[c] > 0).T
            else:
                arr[:, target] &= ~(eff[c] > 0).T
            g["flags"] = arr
    for delay, c, target in cols.fire_cols:
        if used[c].any():
            forced = g["ev_forced"].copy()
            when = np.where(eff[c] > 0, turn + delay, NEVER).T
            forced[:, target] = np.minimum(forced[:, target], when)
            g["ev_forced"] = forced
    if used[4:6].any():
        g["prestige"] = g["prestige"] + eff[4:6].T
        return np.ascontiguousarray(eff[4:6].T)
    return np.zeros((b, 2), F32)
