"""The compiled rules' view of a scenario: `Rules` as one flat bundle of arrays
and scalars with fixed dtypes (KernelTables' fields), the State as a bundle of
its fields in a block, plus the small argument tuples of a step.

The kernels index these per game. Dtypes are fixed (int64, float32, uint64,
bool) so every scenario uses the same compiled code. Lists of indices walked
in the hottest loops are uint64: numba adds negative-index handling to every
use of a signed index, and none to an unsigned one. Sparse tables (program
prerequisites, event effects) are in CSR form: `x_ptr[i]:x_ptr[i + 1]` slices
`x_idx` / `x_val` for row i.
"""

from __future__ import annotations

from collections import namedtuple

import numpy as np

from game.rules.bundle import Bundle, bundle_layout
from game.rules.state import NEVER, Layout
from game.rules.tables import SKILL_STEPS, Rules

F32, I64, U64 = np.float32, np.int64, np.uint64

# Effect column kinds. Columns 0..7 are (budget, cash, prestige, research) x (US, USSR).
SIDE_KINDS = 8
REL, COST, GROUND, PROG_UNLOCK, PROG_CANCEL = 10, 11, 12, 13, 14
MIS_UNLOCK, MIS_CANCEL = 20, 21
FLAG_SET, FLAG_CLEAR = 30, 31
FIRE = 40
_PROGRAM_KINDS = {"reliability": REL, "cost": COST, "ground": GROUND, "unlock": PROG_UNLOCK, "cancel": PROG_CANCEL}

_FIELDS = {
    # sizes and calendar
    "P": I64, "M": I64, "E": I64, "F": I64, "L": I64, "J": I64,
    "slot_side": I64, "slot_pad": I64,
    "n_turns": I64, "months_per_turn": I64, "start_month": I64, "inv_turns_per_year": F32,
    "new_year": bool, "baseline": F32, "pads": I64, "secret_failures": bool,
    # economy and rules scalars
    "prestige_budget_factor": F32, "budget_swing": F32, "noise_sd": F32, "noise_persistence": F32,
    "carryover_cap": F32, "review_threshold": F32, "review_strikes": I64, "skip_penalty": F32,
    "rush_penalty": F32, "crew_loss_prestige": F32, "grounding_turns": I64, "log_keep_success": np.float64,
    "log_keep_failure": np.float64, "estimate_noise": F32, "decisive_milestone": I64,
    "decisive_deadline": np.float64,
    "intel_noise": F32, "min_step_chance": F32, "estimate_keep": F32, "estimate_fresh": F32, "luck_span": F32,
    "luck_low": F32, "rush_window": F32, "min_reliability": F32, "min_research_speed": F32, "min_cost_multiplier": F32,
    # programs
    "prog_side": I64, "funding_cap": F32, "start_cost": F32,
    "dev_cap": F32, "research_pay_cap": F32, "prog_open_by_turn": bool, "prog_free": bool, "flight_cost": F32,
    "inv_research_cost": F32, "research_cap": F32, "max_rel": F32, "prereq_ptr": I64, "prereq_idx": I64,
    "cost_targets": U64, "cost_col": I64,       # the programs with a cost multiplier (State.cost_mult's columns; P: -1)
    # missions
    "mis_side": I64, "mis_avail_turn": I64, "mis_free": bool, "mis_crew": I64, "mis_cost": F32,
    "mis_steps": I64, "step_prog": I64, "step_real": F32, "step_lethality": F32, "cum_earn_bits": U64,
    "mis_target_bits": U64, "mis_prereq_bits": U64, "role_prog": I64, "role_first_step": I64,
    # the corps (N people, G groups, C most crew seats; game.rules.crews)
    "N": I64, "G": I64, "C": I64, "person_side": I64, "person_group": I64, "person_career_end": np.int16,
    "group_side": I64, "group_avail_turn": I64, "group_cost": F32, "step_skill": I64, "mis_skill_weight": I64,
    "side_has_corps": bool, "side_people": I64, "side_count": I64,
    # the skill and morale numbers in whole steps (tables.SKILL_STEPS), as State keeps skill and morale
    "crew_skill_bonus": F32, "crew_flight_experience": I64, "crew_training_gain": I64,
    "crew_training_cost": F32, "crew_rest_turns": I64, "crew_max_flights": I64, "crew_morale_loss": I64,
    "crew_morale_wait": I64, "crew_wait_turns": I64, "crew_morale_flight": I64, "crew_quit_morale": I64,
    # records and operations (RC records, OP operations)
    "RC": I64, "OP": I64, "record_prestige": F32, "record_min_gain": F32, "mis_record_value": F32,
    "mis_starts_op": I64, "mis_sets_or_starts": bool, "op_side": I64, "op_prestige": F32, "op_upkeep": F32,
    "op_turns": I64, "op_record": I64, "overflow_cut": F32, "prestige_keep": F32,
    # milestones
    "prestige_first": F32, "prestige_second": F32, "prestige_repeat": F32, "prestige_failure": F32,
    # events
    "ev_chance": F32, "ev_first_turn": I64, "ev_last_turn": I64, "ev_ready_gap": I64,
    "fire_targets": U64, "ev_forced_col": I64, "option_events": U64, "ev_pending_col": I64,
    "live_ptr": U64, "live_idx": U64,          # unsigned: indexing with them needs no negative-index code
    "ev_n_options": I64, "opt_cum_weight": F32, "opt_row": I64,
    "trig_bits": U64, "trig_has_flags": bool, "trig_need_flag": bool, "trig_avoid_flag": bool, "trig_min_prestige": F32,
    "trig_max_prestige": F32, "trig_min_lead": F32, "trig_min_budget": F32, "trig_max_budget": F32,
    "trig_rel_prog": I64, "trig_rel_min": F32, "trig_side": I64,
    # effects: rows are events then options (R = E + O)
    "eff_ptr": I64, "eff_col": I64, "eff_val": F32, "col_kind": I64, "col_target": I64, "col_delay": I64,
    "col_order": I64, "col_rank": I64,
}

KernelTables = namedtuple("KernelTables", list(_FIELDS))
KernelOrders = namedtuple("KernelOrders", ["funding", "launch", "rush", "choice", "stop", "crew", "train", "recruit"])
KernelInfo = namedtuple("KernelInfo", ["spent", "awarded", "firsts"])   # StepInfo's, but fired (from s.news)


def _columns(members: np.ndarray, n: int) -> np.ndarray:
    """int64 [n]: for each of n events (or programs), its column among `members` (the ones a compact
    State field keeps a column for), -1 if it has none."""
    col = np.full(n, -1, np.int64)
    col[members] = np.arange(len(members))
    return col


def kernel_tables(rules: Rules) -> Bundle:
    """The flat tables of `rules` for the kernels, as a Bundle of KernelTables' fields (built once
    per Rules, then cached)."""
    cached = rules._kernel.get("tables")
    if cached is None:
        cached = rules._kernel["tables"] = Bundle.of("Tables", _build(rules)._asdict())
    return cached


def state_bundle(layout: Layout) -> Bundle:
    """The kernels' view of a State laid out as `layout`, in State field order: a bundle of offsets,
    which a kernel puts over a block with on_block (made once per layout)."""
    made = _STATE_BUNDLES.get(layout)
    if made is None:
        if len(_STATE_BUNDLES) >= 64:
            _STATE_BUNDLES.clear()
        made = _STATE_BUNDLES[layout] = bundle_layout("State", layout.fields)
    return made


_STATE_BUNDLES: dict = {}


def state_bundle_of(arrays: dict) -> Bundle:
    """The kernels' view of a State given as its arrays (name -> array, State field order)."""
    return Bundle.of("State", {k: np.ascontiguousarray(v) for k, v in arrays.items()})


def _csr(rows: list[list[tuple[int, float]]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    ptr = np.zeros(len(rows) + 1, I64)
    ptr[1:] = np.cumsum([len(r) for r in rows])
    idx = np.array([i for r in rows for i, _ in r], I64)
    val = np.array([v for r in rows for _, v in r], F32)
    return ptr, idx, val


def _ranks(order: list[int], columns: int) -> np.ndarray:
    """int64 [columns]: each column's place in `order` (the order effects are applied in), which holds
    every column beyond the sides' (game.scenario.compile puts each in a group); -1 for the sides'."""
    if sorted(order) != list(range(SIDE_KINDS, columns)):
        raise ValueError("effect columns and their order disagree")
    rank = np.full(columns, -1, I64)
    rank[np.asarray(order, I64)] = np.arange(len(order))
    return rank


def step_skills(r: Rules) -> np.ndarray:
    """int64 [M, J]: r.step_skill, or all -1 (no step helped by a crew) for a Rules made by hand without it."""
    shape = r.step_prog.shape
    skill = np.asarray(r.step_skill, I64)
    if skill.shape != shape:
        if skill.size:
            raise ValueError(f"step_skill has shape {skill.shape}; the missions' steps need {shape}")
        skill = np.full(shape, -1, I64)
    return np.where(r.step_real > 0, skill, -1)


def crew_seats(r: Rules) -> int:
    """C: the most crew seats of any mission (0 when no mission is crewed)."""
    return int(np.max(r.mis_crew, initial=0))


def _corps(r: Rules) -> dict:
    """The KernelTables fields of the corps."""
    skill = step_skills(r)
    weight = np.stack([(skill == d).sum(axis=1) for d in range(5)], axis=1).astype(I64)
    career = np.asarray(r.group_avail_turn, I64)[np.asarray(r.person_group, I64)] + int(
        r.crew_career_years * r.turns_per_year)
    sides = np.asarray(r.person_side, I64)
    count = np.array([(sides == s).sum() for s in (0, 1)], I64)
    people = np.zeros((2, max(int(count.max(initial=0)), 1)), I64)     # each side's people, in index order
    for s in (0, 1):
        people[s, :count[s]] = np.flatnonzero(sides == s)
    return dict(
        side_people=people, side_count=count,
        N=r.n_people, G=r.n_groups, C=crew_seats(r), person_side=r.person_side, person_group=r.person_group,
        person_career_end=np.clip(np.minimum(np.asarray(r.person_retire_turn, I64), career), 0, NEVER),
        group_side=r.group_side, group_avail_turn=r.group_avail_turn, group_cost=r.group_cost, step_skill=skill,
        mis_skill_weight=weight, side_has_corps=np.array([(np.asarray(r.person_side) == s).any() for s in (0, 1)]),
        **{f"crew_{k}": getattr(r, f"crew_{k}") for k in (
            "skill_bonus", "training_cost", "rest_turns", "max_flights", "wait_turns")},
        **{f"crew_{k}": int(np.rint(np.float64(getattr(r, f"crew_{k}")) * SKILL_STEPS)) for k in (
            "flight_experience", "training_gain", "morale_loss", "morale_wait", "morale_flight", "quit_morale")},
    )


def _records_and_operations(r: Rules) -> tuple[np.ndarray, np.ndarray]:
    """(mis_record_value float32 [M, RC], mis_starts_op int64 [M]) of `r`: a Rules made by hand without
    records or operations has zero-size defaults, which stand for "none" for every mission."""
    M, RC = r.n_missions, r.n_records
    values = np.asarray(r.mis_record_value, F32)
    if values.shape != (M, RC):
        if values.size:
            raise ValueError(f"mis_record_value has shape {values.shape}; {M} missions and {RC} records need "
                             f"({M}, {RC})")
        values = np.zeros((M, RC), F32)
    starts = np.asarray(r.mis_starts_op, I64)
    if starts.shape != (M,):
        if starts.size:
            raise ValueError(f"mis_starts_op has {starts.size} entries; {M} missions need {M}")
        starts = np.full(M, -1, I64)
    return values, starts


def _build(r: Rules) -> KernelTables:
    P, E, X = r.n_programs, r.n_events, r.effects.shape[1]
    record_values, starts_op = _records_and_operations(r)
    maxopt = r.opt_cum_weight.shape[1]
    opt_row = np.full((E, maxopt), -1, I64)
    opt_row[r.opt_event, r.opt_index] = np.arange(len(r.opt_event))
    pre_ptr, pre_idx, _ = _csr([[(int(q), 0.0) for q in np.flatnonzero(r.prog_prereq[p] > 0)] for p in range(P)])
    eff_ptr, eff_col, eff_val = _csr([[(int(c), float(r.effects[j, c])) for c in np.flatnonzero(r.effects[j])]
                                      for j in range(r.effects.shape[0])])
    kind, target, delay = np.full(X, -1, I64), np.zeros(X, I64), np.zeros(X, I64)
    kind[:SIDE_KINDS] = np.arange(SIDE_KINDS)
    order = []  # the non-side columns in the order their effects are applied
    cols = r.effect_cols
    groups = [(_PROGRAM_KINDS[k], c, t) for k, (c, t) in cols.program_cols.items()]
    groups += [(MIS_UNLOCK if k == "unlock" else MIS_CANCEL, c, t) for k, (c, t) in cols.mission_cols.items()]
    groups += [(FLAG_SET if k == "set" else FLAG_CLEAR, c, t) for k, (c, t) in cols.flag_cols.items()]
    for code, c, t in groups:
        kind[c], target[c] = code, t
        order += list(c)
    for d, c, t in cols.fire_cols:
        kind[c], target[c], delay[c] = FIRE, t, d
        order += list(c)
    # the events that can fire as each turn 0..T opens: dated or chancy ones in their window, and forced ones
    can_fire = [[(int(e), 0.0) for e in range(E)
                 if r.ev_fire_target[e] or (r.ev_chance[e] > 0 and r.ev_first_turn[e] <= turn <= r.ev_last_turn[e])]
                for turn in range(r.n_turns + 1)]
    live_ptr, live_idx, _ = _csr(can_fire)
    values = dict(
        P=P, M=r.n_missions, E=E, F=len(r.flag_ids), L=r.max_pads, J=r.step_prog.shape[1],
        slot_side=np.arange(2 * r.max_pads) // r.max_pads, slot_pad=np.arange(2 * r.max_pads) % r.max_pads,
        n_turns=r.n_turns, months_per_turn=r.months_per_turn, start_month=r.start_month,
        inv_turns_per_year=1.0 / r.turns_per_year, new_year=r.new_year, baseline=r.baseline, pads=r.pads,
        secret_failures=r.secret_failures,
        prestige_budget_factor=r.prestige_budget_factor, budget_swing=r.budget_swing, noise_sd=r.noise_sd,
        noise_persistence=r.noise_persistence, carryover_cap=r.carryover_cap, review_threshold=r.review_threshold,
        review_strikes=r.review_strikes, skip_penalty=r.skip_penalty, rush_penalty=r.rush_penalty,
        crew_loss_prestige=r.crew_loss_prestige, grounding_turns=r.grounding_turns,
        log_keep_success=np.log1p(-r.learn_success), log_keep_failure=np.log1p(-r.learn_failure),
        estimate_noise=r.estimate_noise, decisive_milestone=r.decisive_milestone,
        decisive_deadline=r.decisive_deadline,
        intel_noise=r.intel_noise, min_step_chance=r.min_step_chance, estimate_keep=r.estimate_memory,
        estimate_fresh=r.estimate_renewal * 3.4641, luck_span=2 * r.research_luck, luck_low=1 - r.research_luck,
        rush_window=r.rush_window, min_reliability=r.min_reliability, min_research_speed=r.min_research_speed,
        min_cost_multiplier=r.min_cost_multiplier,
        prog_side=r.prog_side, funding_cap=r.funding_cap,
        start_cost=r.start_cost, dev_cap=r.dev_cap, research_pay_cap=r.research_pay_cap,
        prog_open_by_turn=r.prog_open_by_turn, prog_free=r.prog_free, flight_cost=r.flight_cost,
        inv_research_cost=r.inv_research_cost, research_cap=r.research_cap, max_rel=r.max_rel,
        prereq_ptr=pre_ptr, prereq_idx=pre_idx,
        mis_side=r.mis_side, mis_avail_turn=r.mis_avail_turn, mis_free=r.mis_free, mis_crew=r.mis_crew,
        mis_cost=r.mis_cost, mis_steps=r.mis_steps, step_prog=r.step_prog, step_real=r.step_real,
        step_lethality=r.step_lethality, cum_earn_bits=r.cum_earn_bits, mis_target_bits=r.mis_target_bits,
        mis_prereq_bits=r.mis_prereq_bits, role_prog=r.role_prog, role_first_step=r.role_first_step,
        RC=r.n_records, OP=r.n_operations, record_prestige=r.record_prestige, record_min_gain=r.record_min_gain,
        mis_record_value=record_values, mis_starts_op=starts_op,
        mis_sets_or_starts=(record_values > 0).any(axis=1) | (starts_op >= 0),
        op_side=r.op_side, op_prestige=r.op_prestige, op_upkeep=r.op_upkeep, op_turns=r.op_turns,
        op_record=r.op_record, overflow_cut=r.overflow_cut, prestige_keep=np.float32(1.0 - r.prestige_fade),
        prestige_first=r.prestige_first, prestige_second=r.prestige_second, prestige_repeat=r.prestige_repeat,
        prestige_failure=r.prestige_failure,
        **_corps(r),
        ev_chance=r.ev_chance, ev_first_turn=r.ev_first_turn, ev_last_turn=r.ev_last_turn,
        ev_ready_gap=np.where(r.ev_once, int(NEVER), r.ev_cooldown),   # turns since it last fired that make it ready
        cost_targets=r.cost_targets, cost_col=_columns(r.cost_targets, P + 1),
        fire_targets=r.fire_targets, ev_forced_col=_columns(r.fire_targets, r.n_events),
        option_events=r.option_events, ev_pending_col=_columns(r.option_events, r.n_events),
        live_ptr=live_ptr, live_idx=live_idx,
        ev_n_options=r.ev_n_options,
        opt_cum_weight=r.opt_cum_weight, opt_row=opt_row,
        trig_bits=r.trig_bits, trig_has_flags=((r.trig_flags > 0) | (r.trig_not_flags > 0)).any(axis=0),
        trig_need_flag=(r.trig_flags > 0).T, trig_avoid_flag=(r.trig_not_flags > 0).T,
        trig_min_prestige=r.trig_min_prestige, trig_max_prestige=r.trig_max_prestige,
        trig_min_lead=r.trig_min_lead, trig_min_budget=r.trig_min_budget, trig_max_budget=r.trig_max_budget,
        trig_rel_prog=r.trig_rel_prog, trig_rel_min=r.trig_rel_min, trig_side=r.trig_side,
        eff_ptr=eff_ptr, eff_col=eff_col, eff_val=eff_val, col_kind=kind, col_target=target, col_delay=delay,
        col_order=np.array(order, I64), col_rank=_ranks(order, X),
    )
    out = {}
    for name, dtype in _FIELDS.items():
        v = values[name]
        if isinstance(v, np.ndarray):
            out[name] = np.ascontiguousarray(v, dtype=dtype)
        else:
            out[name] = dtype(v)
    return KernelTables(**out)
