"""The corps: who flies each crewed launch, what training and recruiting cost, and what flying,
losses, waiting and time do to each person.

Compiled per-game functions, as in game.rules.launches: `t` is the KernelTables, `s` the State
being built (game b's rows updated in place), `fl` the Flights scratch rows (row x is game b's).
People of both sides are one list of N (t.person_side); a crew is up to C person indices per launch
slot, kept in s.launch_crew [B, S, L, C] (-1: empty seat).

A person's status (tables.PERSON_STATUS_NAMES): not recruited, active (may fly), resting (flew
lately: may fly again from turn rest_until), training (this turn), retired, resigned, dead. A side
with no people in the rules flies its crewed missions without named crews, as before the corps.

The turn, in the order step calls these:
- pick_crews (with the launch checks): each crewed launch that may fly takes the people ordered for
  its seats when they are of its side, active, not ordered to train and not on another crew; empty
  or invalid seats take the best available (crew_score, ties to the lower index); a launch still
  short of people is scrubbed.
- recruit_and_train (after launches are paid): ordered groups join when open and paid for; ordered
  training happens for active people not flying, as money allows (in person order).
- crew_after_flights (after firsts are awarded): each crew's flights, experience in the disciplines
  of the steps it flew, rest, morale, firsts; a crew lost dies, and the side's morale falls.
- open_corps (as each turn opens, turn 0 included): free groups join on their date, rest and
  training end, time without flights wears morale, people retire (date, career, flights) or resign.
"""

from __future__ import annotations

from types import FunctionType, SimpleNamespace

import numpy as np

from game.rules.jit import F32, U64, leaf, part
from game.rules.tables import (
    ACTIVE,
    DEAD,
    NOT_RECRUITED,
    RESIGNED,
    RESTING,
    RETIRED,
    SKILL_STEPS,
    TRAINING,
    skill_steps,
)

_ZERO, _HALF = F32(0), F32(0.5)
_SLACK = F32(1e-4)
N_SKILLS = 5
_MAX_COUNT = 255        # person_flights and idle_turns (uint8) stop counting here


@leaf
def step_value(q):
    """The float32 worth of q steps of skill or morale (q / SKILL_STEPS, rounded once): what
    tables.skill_values gives the screens and the AI, bit for bit."""
    return F32(q) / F32(SKILL_STEPS)


@leaf
def crew_step_penalty(t, penalty, has_skill, skill):
    """A step's penalty with its crew's effect: the launch's penalty less crew_skill_bonus times (the
    crew's mean skill in the step's discipline - 0.5). has_skill is float32 1 for a step with a
    discipline flown by a named crew, 0 otherwise (then the penalty is unchanged). Scalars in the core;
    arrays in the plain forms (game.rules.missions), the same arithmetic."""
    return penalty - has_skill * (t.crew_skill_bonus * (skill - _HALF))


@leaf
def crew_skill_of(t, s, b, crew, need, d):
    """The mean skill in discipline d of the first `need` people of `crew` (int16 [C]) of game b:
    their skills (step_value of each) summed in seat order as float32, then divided by need (float32),
    as missions.crew_skills sums the observed skills."""
    total = _ZERO
    for c in range(need):
        total += step_value(s.skill[b, crew[c], d])
    return total / F32(need)


@leaf
def crew_score(t, s, b, n, m):
    """How well person n suits mission m (int64, exact): skill steps in each discipline times the number
    of the mission's steps of that discipline (t.mis_skill_weight), summed."""
    score = np.int64(0)
    for d in range(N_SKILLS):
        score += t.mis_skill_weight[m, d] * np.int64(s.skill[b, n, d])
    return score


@leaf
def _is_training_order(d):
    return 0 <= d < N_SKILLS


@part
def pick_crews(t, s, b, orders, fl, x, taken, best_n, best_s):
    """The crew of each of game b's launches that may fly (fl.ok), into s.launch_crew[b] (every seat of
    every slot written; -1 empty). A crewed launch that cannot be manned is scrubbed (fl.ok False).
    taken: bool [N] scratch, all False on entry; left True for the people put on a crew. best_n,
    best_s int64 [C]: scratch, the best candidates of a launch so far (score high to low, then index).

    The seats left open take the best available people of the side in one pass over them: the same
    crew as filling each seat in turn with the best one left (ties to the lower index)."""
    for i in range(2 * t.L):
        side, pad = t.slot_side[i], t.slot_pad[i]
        for c in range(t.C):
            s.launch_crew[b, side, pad, c] = -1
        if not fl.ok[x, i] or not t.side_has_corps[side]:
            continue
        m = fl.mission[x, i]
        need = t.mis_crew[m]
        open_seats = 0
        for c in range(need):
            n = orders.crew[b, side, pad, c]
            if (0 <= n < t.N and t.person_side[n] == side and s.person_status[b, n] == ACTIVE
                    and not taken[n]):
                s.launch_crew[b, side, pad, c] = n
                taken[n] = True
            else:
                open_seats += 1
        if open_seats == 0:
            continue
        kept = 0
        for k in range(t.side_count[side]):
            n = t.side_people[side, k]
            if taken[n] or s.person_status[b, n] != ACTIVE or _is_training_order(orders.train[b, n]):
                continue
            score = crew_score(t, s, b, n, m)
            if kept < open_seats:
                kept += 1
                at = kept - 1
            elif score > best_s[open_seats - 1]:
                at = open_seats - 1
            else:
                continue
            while at > 0 and score > best_s[at - 1]:
                best_s[at], best_n[at] = best_s[at - 1], best_n[at - 1]
                at -= 1
            best_s[at], best_n[at] = score, n
        if kept < open_seats:
            for c in range(need):
                n = s.launch_crew[b, side, pad, c]
                if n >= 0:
                    taken[n] = False
                    s.launch_crew[b, side, pad, c] = -1
            fl.ok[x, i] = False
            continue
        k = 0
        for c in range(need):
            if s.launch_crew[b, side, pad, c] < 0:
                n = best_n[k]
                s.launch_crew[b, side, pad, c] = n
                taken[n] = True
                k += 1


@part
def recruit_and_train(t, s, b, orders, fl, x, cash, spent, taken):
    """After game b's launches are paid (spent float32 [S] so far, cash [S]): the launches dropped for
    want of money free their crews; ordered groups join (open, not yet recruited, paid in group
    order); ordered training (discipline 0..4) happens for active people of the side not flying this
    turn, in person order while money lasts: each gains crew_training_gain in it (at most 1) and
    trains this turn. Adds to spent; clears taken (bool [N]) back to all False."""
    for i in range(2 * t.L):
        side, pad = t.slot_side[i], t.slot_pad[i]
        for c in range(t.C):
            n = s.launch_crew[b, side, pad, c]
            if n >= 0 and not fl.ok[x, i]:
                taken[n] = False
                s.launch_crew[b, side, pad, c] = -1
    turn = s.turn[b]
    for g in range(t.G):
        if not orders.recruit[b, g] or s.group_recruited[b, g] or turn < t.group_avail_turn[g]:
            continue
        side = t.group_side[g]
        if spent[side] + t.group_cost[g] <= cash[side] + _SLACK:
            spent[side] += t.group_cost[g]
            _join(t, s, b, g)
    ordered = np.int32(0)       # most turns nobody trains: a scan of the orders (vector code) comes first
    for n in range(t.N):
        ordered += np.int32(np.uint8(orders.train[b, n]) < np.uint8(N_SKILLS))     # 0..4, as _is_training_order
    for n in range(t.N if ordered > 0 else 0):
        d = orders.train[b, n]
        if not _is_training_order(d) or taken[n] or s.person_status[b, n] != ACTIVE:
            continue
        side = t.person_side[n]
        if spent[side] + t.crew_training_cost <= cash[side] + _SLACK:
            spent[side] += t.crew_training_cost
            s.person_status[b, n] = TRAINING
            s.skill[b, n, d] = min(np.int64(s.skill[b, n, d]) + t.crew_training_gain, SKILL_STEPS)
    for i in range(2 * t.L):
        side, pad = t.slot_side[i], t.slot_pad[i]
        for c in range(t.C):
            n = s.launch_crew[b, side, pad, c]
            if n >= 0:
                taken[n] = False


@leaf
def _join(t, s, b, g):
    """Group g joins game b's corps: its people not yet recruited become active."""
    s.group_recruited[b, g] = True
    for n in range(t.N):
        if t.person_group[n] == g and s.person_status[b, n] == NOT_RECRUITED:
            s.person_status[b, n] = ACTIVE


@leaf
def _is_living_member(status):
    return status == ACTIVE or status == RESTING or status == TRAINING


@part
def crew_after_flights(t, s, b, fl, x, firsts):
    """What game b's flights did to their crews (s.launch_crew of the slots that flew), after
    award_milestones: one more flight each; skill + crew_flight_experience (at most 1) in each
    discipline of the steps the flight reached; the crew (every seat, -1 empty) into s.first_crew of
    each first the flight won (bits of firsts uint64 [S] whose first_month is this flight's). A crew
    lost dies (died_turn this turn) and every living member of its side loses crew_morale_loss of
    morale (not below 0); the others rest until turn + 1 + crew_rest_turns and regain
    crew_morale_flight (at most 1)."""
    turn = s.turn[b]
    month0 = np.float64(t.start_month + turn * t.months_per_turn)
    for i in range(2 * t.L):
        side, pad = t.slot_side[i], t.slot_pad[i]
        if not fl.ok[x, i] or t.C == 0 or s.launch_crew[b, side, pad, 0] < 0:
            continue
        m, passed, lost = fl.mission[x, i], fl.passed[x, i], fl.lost[x, i]
        reached = min(passed + 1, t.mis_steps[m])
        bits = fl.earned[x, i] & firsts[side]
        k = 0
        when = month0 + np.float64(fl.month[x, i])
        while bits != U64(0):
            if (bits & U64(1)) and s.first_month[b, k] == when:
                for c in range(t.C):
                    s.first_crew[b, k, c] = s.launch_crew[b, side, pad, c]
            bits >>= U64(1)
            k += 1
        flown = np.int64(0)         # bit d: discipline d is one of the steps reached
        for j in range(reached):
            d = t.step_skill[m, j]
            flown |= np.int64(1) << d if d >= 0 else np.int64(0)
        for c in range(t.mis_crew[m]):
            n = s.launch_crew[b, side, pad, c]
            s.person_flights[b, n] = min(np.int64(s.person_flights[b, n]) + 1, _MAX_COUNT)
            for d in range(N_SKILLS):
                if flown & (np.int64(1) << d):
                    s.skill[b, n, d] = min(np.int64(s.skill[b, n, d]) + t.crew_flight_experience, SKILL_STEPS)
            s.idle_turns[b, n] = 0
            if lost:
                s.person_status[b, n] = DEAD
                s.died_turn[b, n] = turn
            else:
                s.person_status[b, n] = RESTING
                s.rest_until[b, n] = turn + 1 + t.crew_rest_turns
                s.morale[b, n] = min(np.int64(s.morale[b, n]) + t.crew_morale_flight, SKILL_STEPS)
        if lost:
            for k in range(t.side_count[side]):
                n = t.side_people[side, k]
                if _is_living_member(s.person_status[b, n]):
                    s.morale[b, n] = max(np.int64(s.morale[b, n]) - t.crew_morale_loss, 0)


@part
def open_corps(t, s, b, turn):
    """Game b's corps as `turn` opens: free groups (cost 0) join from their date; training ends; rest
    ends from rest_until; each living member counts one more turn without a flight and, past
    crew_wait_turns of them, loses crew_morale_wait; then retires (t.person_career_end: its `retires`
    date or its group's date + career_years, or crew_max_flights flown) or, morale below
    crew_quit_morale, resigns."""
    for g in range(t.G):
        if t.group_cost[g] == _ZERO and not s.group_recruited[b, g] and turn >= t.group_avail_turn[g]:
            _join(t, s, b, g)
    # one pass without branches over every person (each written back, the others unchanged): the
    # statuses of a game's people are mixed, and a branch per person was mispredicted half the time.
    # Only comparisons and selects on the arrays' own narrow types (numba widens arithmetic to 64 bits),
    # so that LLVM turns the loop into vector code over 16 or 32 people at a time.
    status, idle_turns, morale = s.person_status[b], s.idle_turns[b], s.morale[b]
    rest_until, flights, career_end = s.rest_until[b], s.person_flights[b], t.person_career_end
    now = np.int16(turn)
    wait_loss, wait_turns = np.uint8(t.crew_morale_wait), np.uint8(t.crew_wait_turns)     # small: see the schema
    quit_below, max_flights = np.uint8(t.crew_quit_morale), np.uint8(t.crew_max_flights)
    for n in range(t.N):
        st = status[n]
        living = (st >= np.int8(ACTIVE)) & (st <= np.int8(TRAINING))      # ACTIVE, RESTING or TRAINING
        woke = (st == np.int8(TRAINING)) | ((st == np.int8(RESTING)) & (now >= rest_until[n]))
        idle = idle_turns[n]
        idle = np.uint8(idle + np.uint8(1) if living & (idle != np.uint8(_MAX_COUNT)) else idle)
        m = morale[n]
        waited = (np.uint8(m - wait_loss) if m >= wait_loss else np.uint8(0))
        m = waited if living & (idle > wait_turns) else m
        new = np.int8(ACTIVE) if woke else st
        new = np.int8(RESIGNED) if m < quit_below else new
        new = np.int8(RETIRED) if (now >= career_end[n]) | (flights[n] >= max_flights) else new
        idle_turns[n] = idle
        morale[n] = m
        status[n] = new if living else st


def _plain(fn):
    """The plain Python form of a compiled piece of this module (its own code, the leaves it calls as
    their plain Python too), for one game's numpy arrays."""
    code = fn.py_func
    names = {"crew_score": crew_score.py_func, "_is_training_order": _is_training_order.py_func}
    return FunctionType(code.__code__, {**code.__globals__, **names}, code.__name__, code.__defaults__)


def suggested_crews(rules, status: np.ndarray, skill: np.ndarray, launch: np.ndarray, crew: np.ndarray | None = None,
                    train: np.ndarray | None = None) -> np.ndarray:
    """int [S, L, C]: the crew the core would seat on each launch of one game if every launch ordered
    may fly: pick_crews itself, run as plain Python. status int [N] and skill float32 [N, 5] (in steps
    of 1/SKILL_STEPS, as observe gives them: converted back to steps here): the people as a side
    sees them (Observation.person_status and .skill of one game: the rival's unseen
    people are UNKNOWN, never available); launch int [S, L] mission orders (-1 none); crew int
    [S, L, C] seats ordered (-1: pick; None: all picked); train int [N] training orders (None: none).
    A launch that could not be manned has no crew (-1 everywhere)."""
    from game.rules.kernel_tables import crew_seats, kernel_tables

    t = kernel_tables(rules)
    L, C, N = rules.max_pads, crew_seats(rules), rules.n_people
    launch = np.asarray(launch).reshape(1, 2 * L)
    s = SimpleNamespace(launch_crew=np.full((1, 2, L, C), -1, np.int64), person_status=np.asarray(status)[None],
                        skill=skill_steps(skill)[None])
    orders = SimpleNamespace(crew=np.full((1, 2, L, C), -1) if crew is None else np.asarray(crew)[None],
                             train=np.full((1, N), -1) if train is None else np.asarray(train)[None])
    fl = SimpleNamespace(ok=launch >= 0, mission=np.maximum(launch, 0))
    _plain(pick_crews)(t, s, 0, orders, fl, 0, np.zeros(N, bool), np.zeros(max(C, 1), np.int64),
                       np.zeros(max(C, 1), np.int64))
    return s.launch_crew[0]
