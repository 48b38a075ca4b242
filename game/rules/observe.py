"""observe: one side's view of B games. The UI, the AI and saves' digests read
only this; what the rival keeps hidden never appears in it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.rules.bits import unpack
from game.rules.economy import estimates, program_flags_batch
from game.rules.state import NEVER, State
from game.rules.tables import (
    ACTIVE,
    AVAILABLE,
    CANCELLED,
    DEVELOPING,
    FAILURE,
    GROUNDED,
    LOCKED,
    NO_LAUNCH,
    READY,
    RESTING,
    SCRUBBED,
    TRAINING,
    Rules,
    skill_values,
)

UNKNOWN = -1


@dataclass(frozen=True)
class Observation:
    """What `side` knows. Arrays have a leading batch axis B.

    Rival programs are marked UNKNOWN (-1) in `status` unless they have flown,
    and their estimates are NaN: a side never learns the rival's reliability,
    funding or development.
    """

    side: int
    turn: np.ndarray            # int [B]
    done: np.ndarray            # bool [B]
    winner: np.ndarray          # int [B]
    cash: np.ndarray            # float32 [B]
    budget: np.ndarray          # float32 [B]
    research_speed: np.ndarray  # float32 [B]
    rival_budget_estimate: np.ndarray  # float32 [B]: noisy intelligence
    prestige: np.ndarray        # float32 [B, S] (public)
    held: np.ndarray            # bool [B, S, K] (public)
    first_side: np.ndarray      # int [B, K] (public)
    first_month: np.ndarray     # float64 [B, K] (public)
    status: np.ndarray          # int [B, P]: tables status code, UNKNOWN for unseen rival programs
    estimate: np.ndarray        # float32 [B, P]: own reliability estimates (NaN for the rival's)
    estimate_sd: np.ndarray     # float32 [B, P]
    dev_progress: np.ndarray    # float32 [B, P]: share of development paid (own; NaN for the rival's)
    cost_mult: np.ndarray       # float32 [B, P] (own; 1 for the rival's)
    grounded_until: np.ndarray  # int [B, P]: own programs are grounded while turn < this (0 for the rival's)
    mission_open: np.ndarray    # bool [B, M]: own missions not locked or cancelled and past their date
    pending: np.ndarray         # bool [B, E]: own events awaiting a choice
    news: np.ndarray            # bool [B, E]: events of this turn the side heard of
    flags: np.ndarray           # bool [B, F]: the flags this side knows of
    launch_mission: np.ndarray  # int [B, S, L]: last turn's launches (-1: none or kept secret)
    launch_outcome: np.ndarray  # int [B, S, L]
    launch_month: np.ndarray    # float32 [B, S, L]
    launch_passed: np.ndarray   # int [B, S, L]
    launch_prestige: np.ndarray  # float32 [B, S, L]: prestige each launch won or cost
    launch_records: np.ndarray  # bool [B, S, L, RC]: the records each launch raised
    launch_crew: np.ndarray     # int [B, S, L, C]: who flew each of last turn's launches shown (-1: nobody)
    # the corps: a side sees its own people in full, and of the rival's only those who have flown
    person_seen: np.ndarray     # bool [B, N]: own people, and rival people who have flown
    person_status: np.ndarray   # int [B, N]: tables.PERSON_STATUS_NAMES; UNKNOWN for unseen rival people;
    #                             a seen rival's resting or training shows as active
    skill: np.ndarray           # float32 [B, N, 5]: own people's skills, 0..1 (NaN for the rival's; State's
    #                             steps as tables.skill_values gives them, what the core's crew chance uses)
    morale: np.ndarray          # float32 [B, N]: own people's morale, 0..1 (NaN for the rival's)
    rest_until: np.ndarray      # int [B, N]: own people's (0 for the rival's)
    idle_turns: np.ndarray      # int [B, N]: own people's (0 for the rival's)
    person_flights: np.ndarray  # int [B, N]: flights flown (public for the people seen; 0 for the others)
    person_firsts: np.ndarray   # uint64 [B, N]: milestone bits first won on their flights (seen people; else 0)
    first_crew: np.ndarray      # int [B, K, C] (public): the crew of the flight that won each milestone first
    died_turn: np.ndarray       # int [B, N]: turn of death on a flight (NEVER: alive or unseen): the memorial
    group_recruited: np.ndarray  # bool [B, G]: own groups recruited (False for the rival's)
    record_value: np.ndarray    # float32 [B, RC] (public): each record's best value (0: none yet)
    record_side: np.ndarray     # int [B, RC] (public): who holds it (-1: nobody)
    op_running: np.ndarray      # bool [B, OP] (public): the operation is running
    op_months: np.ndarray       # int [B, OP] (public): months it has run without a break
    op_left: np.ndarray         # int [B, OP]: turns it still runs (own operations; 0 for the rival's)
    budget_cut: np.ndarray      # float32 [B]: own money to be cut from the next budget year's budget


def program_status(rules: Rules, state: State) -> np.ndarray:
    """int [B, P]: each program's status (tables.STATUS_NAMES) for its owner."""
    developed, grounded, fundable = program_flags_batch(rules, state)
    status = np.where(fundable, np.where(developed, READY, np.where(state.dev > 0, DEVELOPING, AVAILABLE)), LOCKED)
    status = np.where(developed & ~fundable & ~state.prog_cancelled, READY, status)
    status = np.where(developed & grounded, GROUNDED, status)
    return np.where(state.prog_cancelled, CANCELLED, status)


def _spread(compact: np.ndarray, columns: np.ndarray, width: int, fill) -> np.ndarray:
    """[B, width]: a compact State field ([B, len(columns)]) put back in its columns, `fill` elsewhere."""
    out = np.full((compact.shape[0], width), fill, compact.dtype)
    out[:, columns] = compact
    return out


def cost_multipliers(rules: Rules, state: State) -> np.ndarray:
    """float32 [B, P]: each program's flight cost multiplier (State.cost_mult spread over all programs)."""
    return _spread(state.cost_mult, rules.cost_targets, rules.n_programs, 1)


def pending_events(rules: Rules, state: State) -> np.ndarray:
    """bool [B, E]: the events awaiting a choice (State.pending's columns spread over all events)."""
    return _spread(state.pending, rules.option_events, rules.n_events, False)


def person_firsts(first_crew: np.ndarray, n_people: int) -> np.ndarray:
    """uint64 [B, N]: each person's milestone bits (bit k: milestone k) won first on a flight they
    flew, from State.first_crew int [B, K, C]."""
    out = np.zeros((first_crew.shape[0], n_people), np.uint64)
    for k in np.flatnonzero((first_crew >= 0).any(axis=(0, 2))):     # the firsts some crew won
        n = first_crew[:, k]                        # [B, C]: a crew has no one twice, so no (game, person)
        game, seat = np.nonzero(n >= 0)             # comes twice for one first
        out[game, n[game, seat]] |= np.uint64(1) << np.uint64(k)
    return out


def _corps_seen(rules: Rules, state: State, side: int, launch_shown: np.ndarray) -> dict:
    """The Observation's corps fields for `side` (launch_shown: bool [B, S, L], the launches it sees):
    its own people in full; of the rival's, those who flew, with their public record only."""
    own = np.asarray(rules.person_side) == side
    rival = ~own
    flown = (state.person_flights > 0) | (state.died_turn != NEVER)
    seen = own[None, :] | flown
    status = state.person_status.astype(np.int64)
    shown = np.where(seen, np.where((status == RESTING) | (status == TRAINING), ACTIVE, status), UNKNOWN)
    shown[:, own] = status[:, own]
    skill, morale = skill_values(state.skill), skill_values(state.morale)     # new arrays: hidden in place
    skill[:, rival] = np.nan
    morale[:, rival] = np.nan
    rest_until, idle_turns = state.rest_until.astype(np.int64), state.idle_turns.astype(np.int64)
    rest_until[:, rival] = 0
    idle_turns[:, rival] = 0
    firsts = person_firsts(state.first_crew, seen.shape[1])
    firsts[~seen] = 0
    return dict(
        launch_crew=np.where(launch_shown[..., None], state.launch_crew, -1).astype(np.int64),
        person_seen=seen,
        person_status=shown,
        skill=skill,
        morale=morale,
        rest_until=rest_until,
        idle_turns=idle_turns,
        person_flights=np.where(seen, state.person_flights, 0).astype(np.int64),
        person_firsts=firsts,
        first_crew=state.first_crew.astype(np.int64),
        died_turn=np.where(seen, state.died_turn, NEVER).astype(np.int64),
        group_recruited=state.group_recruited & (np.asarray(rules.group_side) == side)[None, :],
    )


def observe(rules: Rules, state: State, side: int) -> Observation:
    """Side `side`'s (0 US, 1 USSR) view of every game in `state`. Pure."""
    own = rules.prog_side == side
    rival = 1 - side
    est, sd = estimates(rules, state.rel, state.est_z, state.nobs)
    status = program_status(rules, state)
    seen = own[None, :] | (state.flights > 0)
    nan = np.float32(np.nan)
    turn = state.turn.astype(np.int64)
    open_ = ((~rules.mis_locked | state.mis_unlocked) & ~state.mis_cancelled
             & (turn[:, None] >= rules.mis_avail_turn) & (rules.mis_side == side))
    hears = (rules.ev_recv == side) | (rules.ev_recv == 2) | rules.ev_public
    mission = state.launch_mission.copy()
    outcome = state.launch_outcome.copy()
    if rules.secret_failures[rival]:
        rm = np.maximum(mission[:, rival], 0)
        hidden = ((rules.mis_crew[rm] == 0) & (mission[:, rival] >= 0)
                  & np.isin(outcome[:, rival], (FAILURE, SCRUBBED)))
        mission[:, rival] = np.where(hidden, -1, mission[:, rival])
        outcome[:, rival] = np.where(hidden, NO_LAUNCH, outcome[:, rival])
    rival_scrub = outcome[:, rival] == SCRUBBED
    mission[:, rival] = np.where(rival_scrub, -1, mission[:, rival])
    outcome[:, rival] = np.where(rival_scrub, NO_LAUNCH, outcome[:, rival])
    corps = _corps_seen(rules, state, side, mission >= 0)
    return Observation(
        **corps,
        side=side, turn=turn, done=state.done.copy(), winner=state.winner.astype(np.int64),
        cash=state.cash[:, side].copy(), budget=state.budget[:, side].copy(),
        research_speed=state.research_speed[:, side].copy(),
        rival_budget_estimate=state.intel_budget[:, rival].copy(),
        prestige=state.prestige.copy(), held=unpack(state.held, rules.n_milestones),
        first_side=state.first_side.astype(np.int64),
        first_month=state.first_month.copy(),
        status=np.where(seen, status, UNKNOWN),
        estimate=np.where(own, est, nan), estimate_sd=np.where(own, sd, nan),
        dev_progress=np.where(own, np.minimum(state.dev / rules.start_cost, 1), nan).astype(np.float32),
        cost_mult=np.where(own, cost_multipliers(rules, state), 1).astype(np.float32),
        grounded_until=np.where(own, state.grounded_until, 0).astype(np.int64),
        mission_open=open_, pending=pending_events(rules, state) & (rules.ev_recv == side),
        news=state.news & hears, flags=state.flags & rules.flag_seen_by[side],
        launch_mission=mission, launch_outcome=outcome,
        launch_month=np.where(mission >= 0, state.launch_month, 0).astype(np.float32),
        launch_passed=np.where(mission >= 0, state.launch_passed, 0),
        launch_prestige=np.where(mission >= 0, state.launch_prestige, 0).astype(np.float32),
        launch_records=state.launch_records & (mission >= 0)[..., None],
        record_value=state.record_value.copy(), record_side=state.record_side.astype(np.int64),
        op_running=state.op_left > 0, op_months=state.op_months.astype(np.int64),
        op_left=np.where(np.asarray(rules.op_side) == side, state.op_left, 0).astype(np.int64),
        budget_cut=state.budget_cut[:, side].copy(),
    )


__all__ = ["Observation", "cost_multipliers", "observe", "pending_events", "program_status", "UNKNOWN", "LOCKED",
           "AVAILABLE", "DEVELOPING", "READY", "GROUNDED", "CANCELLED"]
