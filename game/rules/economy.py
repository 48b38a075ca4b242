"""Money: program funding and research, the yearly budget, the leadership review, income.

Pure functions on arrays [B, ...]; nothing here changes its inputs.
"""

from __future__ import annotations

import numpy as np

from game.rules.bits import pack_rows
from game.rules.rng import normals_from
from game.rules.tables import Rules

F32 = np.float32


def program_flags(rules: Rules, st, turn: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(developed, grounded, fundable), each bool [B, P], at the start of `turn` (int16 [B])."""
    tl = rules.tiles(turn.shape[0])
    developed = st.dev >= tl.start_cost
    grounded = st.grounded_until > turn[:, None]
    by_date = rules.prog_open_by_turn[np.minimum(turn, rules.n_turns)]
    open_ = by_date & (tl.prog_free | st.prog_unlocked) & ~st.prog_cancelled
    words = pack_rows(developed)                                    # uint64 [B, W]
    need = rules.prog_prereq_bits                                   # uint64 [W, P]
    prereq_ok = (words[:, 0:1] & need[0]) == need[0]
    for w in range(1, need.shape[0]):
        prereq_ok &= (words[:, w:w + 1] & need[w]) == need[w]
    return developed, grounded, open_ & prereq_ok


def side_sums(rules: Rules, x: np.ndarray) -> np.ndarray:
    """float32 [B, S]: per side, the sum of x [B, P] over that side's programs.

    Added one program after another, so every game's sum is exactly the same
    whatever the batch (a matrix product's order of additions is not).
    """
    if x.shape[0] < 256:  # few games: a running sum along each row (the same order of additions)
        out = np.zeros((x.shape[0], 2), F32)
        for s, cols in enumerate(rules.side_programs):
            if len(cols):
                out[:, s] = np.cumsum(np.take(x, cols, axis=1), axis=1, dtype=F32)[:, -1]
        return out
    rows = np.ascontiguousarray(x.T)
    out = np.zeros((2, x.shape[0]), F32)
    for s, cols in enumerate(rules.side_programs):
        for p in cols:
            out[s] += rows[p]
    return np.ascontiguousarray(out.T)


def fund_programs(rules: Rules, st, funding, fundable, developed, money_left, u_research):
    """Spend this turn's funding.

    funding: float32 [B, P] ordered; fundable, developed: bool [B, P];
    money_left: float32 [B, S] cash after launches; u_research: float32 [B, P].
    Returns (pay [B, P] money actually spent, dev [B, P], rel [B, P], spent [B, S] per side).
    Invalid funding is dropped, over-budget funding scaled down per side.
    """
    tl = rules.tiles(funding.shape[0])
    zeros = tl.zeros_p
    # fmax drops NaN (and -inf); fmin caps +inf before it meets a zero: no NaN can enter the state
    f = np.fmin(np.fmax(np.asarray(funding, F32), zeros), tl.funding_cap) * fundable.astype(F32)
    dev_pay = np.minimum(np.minimum(f, np.maximum(tl.start_cost - st.dev, zeros)), tl.dev_cap)
    res_pay = np.minimum(f, tl.research_pay_cap)
    devf = developed.astype(F32)
    pay = dev_pay + (res_pay - dev_pay) * devf
    spend = side_sums(rules, pay)
    scale = np.minimum(F32(1), np.maximum(money_left, F32(0)) / np.maximum(spend, F32(1e-6)))
    spent = np.minimum(spend * scale, np.maximum(money_left, F32(0)))
    pay *= scale @ rules.side_to_programs   # exact: each entry is one product by 1
    research = pay * devf
    dev = st.dev + (pay - research)
    speed = st.research_speed @ rules.side_to_programs
    rate = research * tl.inv_research_cost * speed * (u_research + F32(0.5))
    rel = st.rel - np.maximum(tl.research_cap - st.rel, zeros) * np.expm1(-rate)
    return pay, dev, rel, spent


def update_estimates(rules: Rules, est_z, nobs, learned, u_noise):
    """Sharpen each side's reliability estimates where new information came in.

    learned: float32 [B, P] observations gained this turn (research turns and steps flown).
    Returns (est_z, nobs). The estimate shown is rel + estimate_noise / sqrt(1 + nobs) * est_z.
    """
    fresh = F32(0.7) * est_z + F32(0.714 * 3.4641) * (u_noise - F32(0.5))  # uniform noise of variance 1
    return est_z + (fresh - est_z) * (learned > 0), nobs + learned


def estimates(rules: Rules, rel, est_z, nobs) -> tuple[np.ndarray, np.ndarray]:
    """(estimate, its standard deviation), float32 [B, P], as the owning side sees them."""
    sd = F32(rules.estimate_noise) / np.sqrt(F32(1) + nobs)
    return np.clip(rel + sd * est_z, F32(0), F32(1)), sd


def new_budget_year(rules: Rules, g: dict, turn_next: np.ndarray, u_noise: np.ndarray) -> None:
    """At a year boundary: the leadership review and the new yearly budget.

    g: dict of the arrays being built for the next state (replaced, never mutated).
    turn_next: int [B]; u_noise: float32 [B, S].
    """
    year = rules.new_year[turn_next][:, None]
    gain = g["prestige"] - g["year_prestige"]
    lead = gain - gain[:, ::-1]
    bad = year & (gain < rules.review_threshold)
    strikes = np.where(year, np.where(bad, g["strikes"] + 1, 0), g["strikes"]).astype(np.int8)
    noise = np.where(year, F32(rules.noise_persistence) * g["budget_noise"]
                     + F32(rules.noise_sd) * normals_from(u_noise), g["budget_noise"]).astype(F32)
    swing = np.clip(F32(rules.prestige_budget_factor) * lead, -rules.budget_swing, rules.budget_swing)
    fresh = rules.baseline[turn_next] * np.exp(noise) * (F32(1) + swing) + g["budget_bonus"]
    g["budget"] = np.where(year, np.maximum(fresh, F32(0)), g["budget"]).astype(F32)
    g["budget_noise"] = noise
    g["strikes"] = strikes
    g["sacked"] = g["sacked"] | (strikes >= rules.review_strikes)
    g["year_prestige"] = np.where(year, g["prestige"], g["year_prestige"]).astype(F32)


def pay_income(rules: Rules, g: dict, alive: np.ndarray, u_intel: np.ndarray) -> None:
    """Pay each side its budget for the coming turn, cap savings, refresh the rival's intelligence.

    alive: bool [B]; u_intel: float32 [B, S].
    """
    saved = g["cash"]
    if rules.carryover_cap > 0:
        saved = np.minimum(saved, g["budget"] * F32(rules.carryover_cap))
    g["cash"] = (saved + g["budget"] * F32(1.0 / rules.turns_per_year) * alive[:, None]).astype(F32)
    g["intel_budget"] = (g["budget"] * (F32(1) + F32(0.15) * normals_from(u_intel))).astype(F32)
