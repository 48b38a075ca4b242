"""The event engine inside the batched step: triggers, firing, options, effects.

Events are evaluated when a turn opens, for that turn. An event with options
waits for its receiver's choice, which is applied when the turn is resolved.
All effects of a step (chosen options and newly fired events) are one matrix
product of the active effect rows [B, R] with the effect table [R, X].
"""

from __future__ import annotations

import numpy as np

from game.rules.economy import estimates
from game.rules.state import NEVER
from game.rules.tables import Rules

F32 = np.float32


def triggers_hold(rules: Rules, g: dict, turn: np.ndarray) -> np.ndarray:
    """bool [B, E]: each event's trigger holds at the opening of `turn` [B]."""
    b = turn.shape[0]
    t = turn[:, None]
    ok = (t >= rules.ev_first_turn) & (t <= rules.ev_last_turn)
    held = g["held"]
    h = held.reshape(b, -1).astype(F32)
    ok &= h @ rules.trig_has >= rules.trig_has_count
    ok &= h @ rules.trig_lacks < F32(0.5)
    ok &= held.any(axis=1).astype(F32) @ rules.trig_any >= rules.trig_any_count
    if rules.flag_ids:
        fl = g["flags"].astype(F32)
        ok &= fl @ rules.trig_flags >= rules.trig_flags_count
        ok &= fl @ rules.trig_not_flags < F32(0.5)
    pr = g["prestige"][:, rules.trig_side]
    lead = pr - g["prestige"][:, 1 - rules.trig_side]
    bud = g["budget"][:, rules.trig_side]
    ok &= (pr >= rules.trig_min_prestige) & (pr <= rules.trig_max_prestige) & (lead >= rules.trig_min_lead)
    ok &= (bud >= rules.trig_min_budget) & (bud <= rules.trig_max_budget)
    est, _ = estimates(rules, g["rel"], g["est_z"], g["nobs"])
    est = np.concatenate([est, np.ones((b, 1), F32)], axis=1)
    ok &= est[:, rules.trig_rel_prog] >= rules.trig_rel_min
    return ok


def fire_events(rules: Rules, g: dict, turn: np.ndarray, alive: np.ndarray, u_fire: np.ndarray) -> np.ndarray:
    """bool [B, E]: the events that fire as `turn` opens.

    An event fires when its trigger holds and its chance comes up (1 for dated
    events), or when another event forced it for this turn; a once-only event
    fires once, a repeatable one waits out its cooldown.
    """
    t = turn[:, None]
    count, last = g["ev_count"], g["ev_last"]
    ready = np.where(rules.ev_once, count == 0, (t - last) >= rules.ev_cooldown)
    chance = triggers_hold(rules, g, turn) & (u_fire < rules.ev_chance)
    forced = g["ev_forced"] == t
    return (chance | forced) & ready & alive[:, None]


def chosen_options(rules: Rules, pending: np.ndarray, choice: np.ndarray, u_choice: np.ndarray) -> np.ndarray:
    """bool [B, O]: the option rows chosen for the pending events.

    pending: bool [B, E]; choice: int [B, E] (-1 or out of range: drawn by AI weight);
    u_choice: float32 [B, E].
    """
    drawn = (u_choice[:, :, None] >= rules.opt_cum_weight[None]).sum(axis=2)
    pick = np.where((choice >= 0) & (choice < rules.ev_n_options), choice, drawn)
    return pending[:, rules.opt_event] & (pick[:, rules.opt_event] == rules.opt_index)


def apply_effects(rules: Rules, g: dict, fired: np.ndarray, options: np.ndarray, turn: np.ndarray) -> np.ndarray:
    """Apply the effects of fired events and chosen options to g (arrays replaced, not mutated).

    fired: bool [B, E]; options: bool [B, O]; turn: int [B], the turn now opening.
    Returns the prestige the effects awarded, float32 [B, S].
    """
    b = turn.shape[0]
    cols = rules.effect_cols
    g["ev_count"] = (g["ev_count"] + fired).astype(np.int16)
    g["ev_last"] = np.where(fired, turn[:, None], g["ev_last"]).astype(np.int16)
    g["pending"] = fired & (rules.ev_n_options > 0)
    g["news"] = fired
    g["ev_forced"] = np.where(g["ev_forced"] <= turn[:, None], NEVER, g["ev_forced"]).astype(np.int16)
    if not (fired.any() or options.any()):
        return np.zeros((b, 2), F32)
    act = np.concatenate([fired, options], axis=1).astype(F32)
    eff = act @ rules.effects                                         # [B, X]
    g["budget_bonus"] = g["budget_bonus"] + eff[:, 0:2]
    g["budget"] = np.maximum(g["budget"] + eff[:, 0:2], F32(0))
    g["cash"] = g["cash"] + eff[:, 2:4]
    g["prestige"] = g["prestige"] + eff[:, 4:6]
    g["research_speed"] = np.maximum(g["research_speed"] + eff[:, 6:8], F32(0.1))
    for kind, (c, target) in cols.program_cols.items():
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
            until[:, target] = np.maximum(until[:, target], np.where(e > 0, turn[:, None] + e, 0))
            g["grounded_until"] = until
        else:  # unlock | cancel
            name = "prog_unlocked" if kind == "unlock" else "prog_cancelled"
            arr = g[name].copy()
            arr[:, target] |= e > 0
            g[name] = arr
    for kind, (c, target) in cols.mission_cols.items():
        name = "mis_unlocked" if kind == "unlock" else "mis_cancelled"
        arr = g[name].copy()
        arr[:, target] |= eff[:, c] > 0
        g[name] = arr
    for kind, (c, target) in cols.flag_cols.items():
        arr = g["flags"].copy()
        if kind == "set":
            arr[:, target] |= eff[:, c] > 0
        else:
            arr[:, target] &= ~(eff[:, c] > 0)
        g["flags"] = arr
    for delay, c, target in cols.fire_cols:
        forced = g["ev_forced"].copy()
        when = np.where(eff[:, c] > 0, turn[:, None] + delay, NEVER)
        forced[:, target] = np.minimum(forced[:, target], when)
        g["ev_forced"] = forced
    return eff[:, 4:6].astype(F32)
