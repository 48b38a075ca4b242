"""Launches: which ordered flights can fly, how each one goes, the firsts they
earn, what they cost in prestige, and what the programs learn from them.

Pure functions on arrays [B, ...]. Launch slots are the S * L launch pads,
side-major: slot i belongs to side i // L.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.rules.tables import CREW_LOST, FAILURE, NO_LAUNCH, PARTIAL, SCRUBBED, SUCCESS, Rules

F32 = np.float32
BIG = F32(1e9)


@dataclass(frozen=True)
class Flights:
    """The resolved launches of one turn; arrays [B, SL] unless noted."""

    mission: np.ndarray   # int: mission index (0 where no launch)
    valid: np.ndarray     # bool: it flew
    cost: np.ndarray      # float32: money it cost (0 if it did not fly)
    passed: np.ndarray    # int: steps passed
    success: np.ndarray   # bool
    lost: np.ndarray      # bool: crew lost
    month: np.ndarray     # float32: month offset inside the turn
    earned: np.ndarray    # bool [B, SL, K]
    outcome: np.ndarray   # int8: tables outcome code


def slot_sides(rules: Rules) -> np.ndarray:
    """int [S * L]: the side of each launch slot."""
    return np.repeat(np.arange(2), rules.max_pads)


def check_launches(rules: Rules, st, launch, turn, developed, grounded, alive):
    """Which ordered launches may fly and what each costs.

    launch: int [B, S, L] ordered missions (-1 none). Returns (mission [B, SL],
    ordered [B, SL] bool, ok [B, SL] bool, cost [B, SL] float32); money is not
    checked here.
    """
    b = launch.shape[0]
    L = rules.max_pads
    slots = launch.reshape(b, 2 * L).astype(np.int64)
    ordered = slots >= 0
    m = np.maximum(slots, 0)
    side = slot_sides(rules)
    pad_ok = np.tile(np.arange(L), 2) < rules.pads[side]
    mission_open = (~rules.mis_locked | st.mis_unlocked) & ~st.mis_cancelled
    ok = (ordered & (rules.mis_side[m] == side) & pad_ok & alive[:, None]
          & (turn[:, None] >= rules.mis_avail_turn[m])
          & np.take_along_axis(mission_open, m, axis=1))
    roles = rules.role_prog[m].reshape(b, -1)                      # [B, SL*4]
    flyable = np.concatenate([developed & ~grounded, np.ones((b, 1), bool)], axis=1)
    ok &= np.take_along_axis(flyable, roles, axis=1).reshape(b, 2 * L, -1).all(axis=2)
    mult = np.concatenate([st.cost_mult, np.zeros((b, 1), F32)], axis=1)
    cost = (rules.flight_cost[roles] * np.take_along_axis(mult, roles, axis=1)).reshape(b, 2 * L, -1).sum(axis=2)
    cost = (cost + rules.mis_cost[m]).astype(F32)
    return m, ordered, ok, cost


def afford(rules: Rules, ok, cost, cash):
    """Drop launches a side cannot pay for, in pad order. Returns (ok [B, SL], spent [B, S])."""
    b = ok.shape[0]
    c = (cost * ok).reshape(b, 2, rules.max_pads)
    ok = ok & (np.cumsum(c, axis=2) <= cash[:, :, None] + F32(1e-4)).reshape(b, -1)
    return ok, (cost * ok).reshape(b, 2, rules.max_pads).sum(axis=2).astype(F32)


def fly(rules: Rules, st, m, ordered, ok, cost, rel, rush, u_fail, u_lethal, u_month) -> Flights:
    """Fly the launches that may fly.

    rel: float32 [B, P] true reliability this turn; rush: bool [B, SL];
    u_*: float32 [B, SL] uniforms. One uniform decides how many steps pass:
    step j is passed when u < p_0 * ... * p_j, which gives each step its own
    chance of failing in order.
    """
    b = m.shape[0]
    K = rules.n_milestones
    side = slot_sides(rules)
    rel_ext = np.concatenate([rel, np.ones((b, 1), F32)], axis=1)
    sp = rules.step_prog[m]                                         # [B, SL, J]
    p = np.take_along_axis(rel_ext, sp.reshape(b, -1), axis=1).reshape(sp.shape)
    held = st.held.astype(F32)                                      # [B, S, K]
    have = (held @ rules.mis_prereq).reshape(b, -1)                 # [B, S*M]
    missing = rules.mis_prereq_count[m] - np.take_along_axis(have, side * rules.n_missions + m, axis=1)
    penalty = F32(rules.skip_penalty) * missing + F32(rules.rush_penalty) * rush
    q = F32(1) - rules.step_real[m] * (F32(1) - np.clip(p - penalty[:, :, None], F32(0.01), F32(1)))
    passed = np.zeros((b, m.shape[1]), np.int64)
    cp = np.ones((b, m.shape[1]), F32)
    for j in range(q.shape[2]):
        cp = cp * q[:, :, j]
        passed += u_fail < cp
    success = ok & (passed >= rules.mis_steps[m])
    earned = rules.cum_earn[m, passed] & ok[:, :, None]
    lethal = rules.step_lethality[m, passed]
    lost = ok & ~success & (rules.mis_crew[m] > 0) & (u_lethal < lethal)
    outcome = np.where(success, SUCCESS, np.where(earned.any(axis=2), PARTIAL, FAILURE))
    outcome = np.where(lost, CREW_LOST, outcome)
    outcome = np.where(ok, outcome, np.where(ordered, SCRUBBED, NO_LAUNCH)).astype(np.int8)
    month = u_month * F32(rules.months_per_turn) * (F32(1) - F32(0.5) * rush)
    del side, K
    return Flights(m, ok, cost * ok, passed, success, lost, month.astype(F32), earned, outcome)


def award_milestones(rules: Rules, st, fl: Flights):
    """Firsts, seconds, repeats and failures of the turn's flights.

    Returns (held [B, S, K], first [B, S, K] bool won this turn,
    first_month_offset [B, K] float32, prestige [B, S] float32 awarded).
    Two sides earning the same first in one turn: the earlier date wins; at the
    very same instant, the side with less prestige, then the USSR.
    """
    b = fl.month.shape[0]
    L = rules.max_pads
    K = rules.n_milestones
    d = (fl.month[:, :, None] + BIG * ~fl.earned).reshape(b, 2, L, K).min(axis=2)  # [B, S, K]
    got = d < BIG
    nobody = ~st.held.any(axis=1)
    us_sooner = (d[:, 0] < d[:, 1]) | ((d[:, 0] == d[:, 1]) & (st.prestige[:, :1] < st.prestige[:, 1:]))
    first_us = nobody & got[:, 0] & us_sooner
    first_ussr = nobody & got[:, 1] & ~first_us
    first = np.stack([first_us, first_ussr], axis=1)
    new = got & ~st.held
    count = fl.earned.reshape(b, 2, L, K).sum(axis=2)
    second = new & ~first
    repeat = (count - new).astype(F32)
    prestige = (first.astype(F32) @ rules.prestige_first + second.astype(F32) @ rules.prestige_second
                + repeat @ rules.prestige_repeat)
    missed = (rules.mis_targets[fl.mission] & ~fl.earned & fl.valid[:, :, None]).astype(F32)
    prestige = prestige + (missed @ rules.prestige_failure).reshape(b, 2, L).sum(axis=2)
    prestige = prestige + F32(rules.crew_loss_prestige) * fl.lost.reshape(b, 2, L).sum(axis=2)
    first_offset = np.where(first_us, d[:, 0], d[:, 1])
    return st.held | got, first, first_offset.astype(F32), prestige.astype(F32)


def learn_from_flights(rules: Rules, rel, fl: Flights):
    """What the programs learn from flying: each step flown closes part of the
    gap to max_reliability (more for the step that failed). Returns
    (rel [B, P], observations [B, P] float32, crew_lost [B, P] bool).
    """
    b, n_slots = fl.mission.shape
    P = rules.n_programs
    roles = rules.role_prog[fl.mission]                           # [B, SL, 4]
    flown = fl.valid[:, :, None] & (rules.role_first_step[fl.mission] <= fl.passed[:, :, None])
    fail_step = np.minimum(fl.passed, rules.step_prog.shape[1] - 1)
    fail_prog = np.take_along_axis(rules.step_prog[fl.mission], fail_step[:, :, None], axis=2)
    failed = flown & ~fl.success[:, :, None] & (roles == fail_prog)
    ls, lf = np.log1p(-rules.learn_success), np.log1p(-rules.learn_failure)
    weight = flown * F32(ls) + failed * F32(lf - ls)
    index = (np.arange(b)[:, None, None] * (P + 1) + roles).ravel()
    size = b * (P + 1)
    log_gap = np.bincount(index, weight.ravel(), size).reshape(b, P + 1)[:, :P]
    seen = np.bincount(index, flown.ravel(), size).reshape(b, P + 1)[:, :P]
    lost = np.bincount(index, (flown & fl.lost[:, :, None]).ravel(), size).reshape(b, P + 1)[:, :P]
    rel = rules.max_rel - (rules.max_rel - rel) * np.exp(log_gap).astype(F32)
    return np.minimum(rel, rules.max_rel).astype(F32), seen.astype(F32), lost > 0
