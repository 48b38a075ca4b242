"""Money: program funding and research, the yearly budget, the leadership review, income.

Compiled per-game functions: `t` is the KernelTables and `s` the State being
built, as bundles (game.rules.bundle; game `b`'s rows are updated in place);
scratch arrays are passed in by the caller. Numbers are float32, computed in the order written.
"""

from __future__ import annotations

import numpy as np

from game.rules.jit import F32, U64, kernel, leaf, part
from game.rules.kernel_tables import kernel_tables, state_bundle_of
from game.rules.mathf import exp_f32, expm1_f32
from game.rules.missions import plain
from game.rules.rng import bits_at, normal_of, pair_of
from game.rules.tables import Rules

_ZERO, _ONE, _HALF = F32(0), F32(1), F32(0.5)
_TINY = F32(1e-6)


@leaf
def is_developed(t, s, b, p):
    """Program p of game b has paid its development (it can fly and do research)."""
    return s.dev[b, p] >= t.start_cost[p]


@part
def is_fundable(t, s, b, p, tt):
    """Program p (uint64) of game b may receive money on turn tt (<= n_turns): open by then, unlocked,
    not cancelled, and its prerequisites developed."""
    ok = t.prog_open_by_turn[tt, p] & (t.prog_free[p] | s.prog_unlocked[b, p]) & ~s.prog_cancelled[b, p]
    for i in range(t.prereq_ptr[p], t.prereq_ptr[p + U64(1)]):
        ok &= is_developed(t, s, b, t.prereq_idx[i])
    return ok


@part
def program_flags(t, s, b, turn, developed, grounded, fundable):
    """Fill bool [P] developed, grounded, fundable for game b at the start of `turn`."""
    tt = min(turn, t.n_turns)
    for p in range(U64(t.P)):
        developed[p] = is_developed(t, s, b, p)
        grounded[p] = s.grounded_until[b, p] > turn
        fundable[p] = is_fundable(t, s, b, p, tt)


@kernel
def _program_flags_games(t, s, developed, grounded, fundable):
    for b in range(s.turn.shape[0]):
        program_flags(t, s, b, s.turn[b], developed[b], grounded[b], fundable[b])


def program_flags_batch(rules: Rules, state) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(developed, grounded, fundable), each bool [B, P], at the start of each game's current turn."""
    b, P = state.batch, rules.n_programs
    out = np.empty((3, b, P), bool)
    _program_flags_games(kernel_tables(rules), state_bundle_of(state.arrays()), out[0], out[1], out[2])
    return out[0], out[1], out[2]


@part
def fund_programs(t, s, b, funding, money_left, dice, developed, pay, spent, paid):
    """Spend game b's funding for this turn.

    funding: float32 [P] ordered (NaN, negative and infinite amounts are dropped or capped);
    money_left: float32 [S] cash after launches; dice: the turn's row seed (research luck of
    program p is the first uniform of pair_of(bits_at(dice, p))).
    Fills spent [S], developed bool [P] (as the turn began; written only where
    money was asked for) and paid uint64 [P]: its first n entries, n returned, are
    the developed programs that received money (research), in program order.
    pay float32 [P] is scratch (the money each program gets; only entries this
    call writes are read). Updates s.dev and s.rel. Over-budget funding is
    scaled down per side.
    """
    tt = min(s.turn[b], t.n_turns)
    spend0, spend1 = _ZERO, _ZERO
    ordered = 0                              # paid[:ordered]: programs with money ordered, gathered without branching
    for p in range(t.P):
        paid[ordered] = p
        ordered += funding[p] > _ZERO        # not for nothing, negative or NaN orders
    asked = 0                                # paid[:asked]: programs that get money before scaling
    for k in range(ordered):                 # paid[asked] is written only after paid[k >= asked] is read
        p = paid[k]
        f = funding[p]
        if not is_fundable(t, s, b, p, tt):
            continue
        done = is_developed(t, s, b, p)
        developed[p] = done
        f = min(f, t.funding_cap[p])
        dev_pay = min(min(f, max(t.start_cost[p] - s.dev[b, p], _ZERO)), t.dev_cap[p])
        res_pay = min(f, t.research_pay_cap[p])
        amount = dev_pay + (res_pay - dev_pay) if done else dev_pay
        pay[p] = amount
        if amount != _ZERO:
            paid[asked] = p
            asked += 1
        if t.prog_side[p] == 0:             # per side, in program order (the zeros left out change nothing)
            spend0 += amount
        else:
            spend1 += amount
    for side in range(2):
        spend = spend0 if side == 0 else spend1
        left = max(money_left[side], _ZERO)
        scale = min(_ONE, left / max(spend, _TINY))
        spent[side] = min(spend * scale, left)
        if scale < _ONE:
            for k in range(asked):
                p = paid[k]
                if t.prog_side[p] == side:
                    pay[p] *= scale
    n = 0
    for k in range(asked):                   # paid[n] is written only after paid[k >= n] is read
        p = paid[k]
        if pay[p] == _ZERO:
            continue
        if not developed[p]:
            s.dev[b, p] = s.dev[b, p] + pay[p]
            continue
        paid[n] = p
        n += 1
        # research: closes part of the gap to the research cap (nothing to close at the cap)
        rel = s.rel[b, p]
        gap = max(t.research_cap[p] - rel, _ZERO)
        if gap > _ZERO:
            luck, _ = pair_of(bits_at(dice, p))
            speed = s.research_speed[b, t.prog_side[p]]
            rate = pay[p] * t.inv_research_cost[p] * speed * (luck * t.luck_span + t.luck_low)
            s.rel[b, p] = rel - gap * expm1_f32(-rate)
    return n


@part
def sharpen_estimate(t, s, b, p, learned, u_noise):
    """Game b's estimate of program p's reliability after `learned` (> 0) observations this turn.

    u_noise: a float32 uniform. The estimate shown is rel + estimate_noise / sqrt(1 + nobs) * est_z;
    its error est_z keeps estimate_memory of itself and takes a fresh uniform error of spread
    estimate_renewal (t.estimate_fresh: that spread times 3.4641, sqrt(12) as the rules round it).
    """
    z = s.est_z[b, p]
    fresh = t.estimate_keep * z + t.estimate_fresh * (u_noise - _HALF)
    s.est_z[b, p] = z + (fresh - z)
    s.nobs[b, p] = s.nobs[b, p] + np.int16(learned)


@leaf
def estimate_of(t, rel, est_z, nobs):
    """(estimate, its standard deviation) of a program's reliability, as its owner sees it. Scalars
    when compiled; its plain form (estimates) takes whole arrays."""
    sd = t.estimate_noise / np.sqrt(_ONE + F32(nobs))
    return min(max(rel + sd * est_z, _ZERO), _ONE), sd


def estimates(rules: Rules, rel, est_z, nobs) -> tuple[np.ndarray, np.ndarray]:
    """(estimate, its standard deviation), float32 [B, P]: estimate_of's own code for whole arrays."""
    return plain(estimate_of)(kernel_tables(rules), rel, est_z, np.asarray(nobs).astype(F32))


@leaf
def rival_budget_seen(t, budget, z):
    """What a side's intelligence makes of its rival's budget: the true budget with an error of
    spread intel_noise (a share of it); z standard normal. Scalars when compiled; arrays in init."""
    return budget * (_ONE + t.intel_noise * z)


@part
def new_budget_year(t, s, b, turn_next, u_noise):
    """At a year boundary: game b's leadership review and new yearly budget, less the side's budget_cut
    (which returns to 0); then prestige fades (times prestige_keep, 1 - prestige_fade) and the new
    year's review counts from there. u_noise: float32 [S]."""
    gain0 = s.prestige[b, 0] - s.year_prestige[b, 0]
    gain1 = s.prestige[b, 1] - s.year_prestige[b, 1]
    for side in range(2):
        gain, lead = (gain0, gain0 - gain1) if side == 0 else (gain1, gain1 - gain0)
        strikes = s.strikes[b, side] + 1 if gain < t.review_threshold else 0
        s.strikes[b, side] = strikes
        noise = t.noise_persistence * s.budget_noise[b, side] + t.noise_sd * normal_of(u_noise[side])
        s.budget_noise[b, side] = noise
        swing = min(max(t.prestige_budget_factor * lead, -t.budget_swing), t.budget_swing)
        fresh = t.baseline[turn_next, side] * exp_f32(noise) * (_ONE + swing) + s.budget_bonus[b, side]
        s.budget[b, side] = max(fresh - s.budget_cut[b, side], _ZERO)
        s.budget_cut[b, side] = _ZERO
        s.sacked[b, side] = s.sacked[b, side] or strikes >= t.review_strikes
        faded = s.prestige[b, side] * t.prestige_keep
        s.prestige[b, side] = faded
        s.year_prestige[b, side] = faded


@part
def pay_income(t, s, b, u_intel):
    """Pay game b's sides their budget for the coming turn, cap savings (overflow_cut of what the cap
    takes is added to budget_cut), refresh the rival's intelligence."""
    for side in range(2):
        budget = s.budget[b, side]
        saved = s.cash[b, side]
        if t.carryover_cap > _ZERO:
            kept = min(saved, budget * t.carryover_cap)
            if t.overflow_cut > _ZERO and saved > kept:
                s.budget_cut[b, side] += t.overflow_cut * (saved - kept)
            saved = kept
        s.cash[b, side] = saved + budget * t.inv_turns_per_year
        s.intel_budget[b, side] = rival_budget_seen(t, budget, normal_of(u_intel[side]))
