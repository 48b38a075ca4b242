"""init, step and outcome: the whole turn of B games, as pure functions.

    state = init(rules, keys)
    state, info = step(rules, state, orders)

A turn: chosen event options, launches (paid first), program funding and
research, flights and firsts, learning; then the next turn opens: new budget
year and leadership review, events, income. Finished games stay as they are.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.rules import economy, events, launches
from game.rules.bits import unpack
from game.rules.orders import Orders
from game.rules.rng import normals_from, random_bits, split_pair, uniforms
from game.rules.state import NEVER, State, state_fields
from game.rules.tables import DRAW, ONGOING, Rules

F32 = np.float32
STREAM_INIT, STREAM_STEP, STREAM_FIRE, STREAM_CHOICE = 1, 2, 3, 4


@dataclass(frozen=True)
class StepInfo:
    """What happened in one step, for B games."""

    spent: np.ndarray     # float32 [B, S]: money spent (launches + programs)
    cash_before: np.ndarray  # float32 [B, S]: money the side had
    awarded: np.ndarray   # float32 [B, S]: prestige awarded this step (flights and events)
    firsts: np.ndarray    # uint64 [B, S]: milestone bits of the firsts won this step
    fired: np.ndarray     # bool [B, E]: events that fired as the next turn opened


def _draws(rules: Rules, st: State) -> dict[str, np.ndarray]:
    """This turn's uniforms, float32 [B, n] (launch ones [SL, B]): two 16-bit uniforms per 32 random bits
    where 16 bits suffice (research luck, estimate noise, launch steps and crews)."""
    P, SL = rules.n_programs, 2 * rules.max_pads
    bits = random_bits(st.key, st.turn, STREAM_STEP, np.arange(P + 2 * SL + 4))
    research, estimate = split_pair(bits[:, :P])
    fail, lethal = split_pair(np.ascontiguousarray(bits[:, P:P + SL].T))
    rest = (bits[:, P + SL:] >> np.uint32(8)).astype(F32) * F32(1.0 / 16777216.0)
    return {"research": research, "estimate": estimate, "fail": fail, "lethal": lethal,
            "month": np.ascontiguousarray(rest[:, :SL].T), "budget": rest[:, SL:SL + 2],
            "intel": rest[:, SL + 2:SL + 4]}


def init(rules: Rules, keys: np.ndarray) -> State:
    """B new games, one per key (uint32 [B]); the first turn's events have fired."""
    b = keys.shape[0]
    P, M, K, E, F = rules.n_programs, rules.n_missions, rules.n_milestones, rules.n_events, len(rules.flag_ids)
    L = rules.max_pads
    keys = keys.astype(np.uint32)
    turn = np.zeros(b, np.int16)
    u = uniforms(keys, turn, STREAM_INIT, P + 2)
    budget = np.broadcast_to(rules.baseline[0], (b, 2)).astype(F32)
    g = dict(
        key=keys, turn=turn, done=np.zeros(b, bool), winner=np.full(b, ONGOING, np.int8),
        cash=np.broadcast_to(rules.start_cash, (b, 2)).astype(F32), budget=budget,
        budget_bonus=np.zeros((b, 2), F32), budget_noise=np.zeros((b, 2), F32),
        research_speed=np.ones((b, 2), F32), prestige=np.zeros((b, 2), F32),
        year_prestige=np.zeros((b, 2), F32), strikes=np.zeros((b, 2), np.int8), sacked=np.zeros((b, 2), bool),
        intel_budget=(budget * (1 + F32(0.15) * normals_from(u[:, P:]))).astype(F32),
        dev=np.zeros((b, P), F32), rel=np.broadcast_to(rules.rel0, (b, P)).astype(F32),
        est_z=normals_from(u[:, :P]), nobs=np.zeros((b, P), F32),
        grounded_until=np.zeros((b, P), np.int16), cost_mult=np.ones((b, P), F32),
        prog_unlocked=np.zeros((b, P), bool), prog_cancelled=np.zeros((b, P), bool),
        funded=np.zeros((b, P), F32), flights=np.zeros((b, P), np.int16),
        mis_unlocked=np.zeros((b, M), bool), mis_cancelled=np.zeros((b, M), bool),
        held=np.zeros((b, 2), np.uint64), first_side=np.full((b, K), -1, np.int8),
        first_month=np.zeros((b, K), np.float64), flags=np.zeros((b, F), bool),
        ev_count=np.zeros((b, E), np.int16), ev_last=np.full((b, E), -NEVER, np.int16),
        ev_forced=np.full((b, E), NEVER, np.int16), pending=np.zeros((b, E), bool), news=np.zeros((b, E), bool),
        launch_mission=np.full((b, 2, L), -1, np.int16), launch_outcome=np.zeros((b, 2, L), np.int8),
        launch_month=np.zeros((b, 2, L), F32), launch_passed=np.zeros((b, 2, L), np.int8),
        launch_prestige=np.zeros((b, 2, L), F32),
    )
    alive = np.ones(b, bool)
    fired = events.fire_events(rules, g, turn, alive, STREAM_FIRE)
    events.apply_effects(rules, g, fired, np.zeros((b, len(rules.opt_event)), bool), turn)
    return State(**g)


def step(rules: Rules, state: State, orders: Orders) -> tuple[State, StepInfo]:
    """Resolve the current turn of B games with both sides' orders.

    Pure: `state` and `orders` are not changed. Invalid orders are clipped or
    dropped per game, never raised on. Returns (next state, what happened).
    """
    st = state
    b = st.batch
    L = rules.max_pads
    alive = ~st.done
    turn = st.turn
    u = _draws(rules, st)
    g = st.arrays()

    options = events.chosen_options(rules, st.pending & alive[:, None], orders.choice, st.key, st.turn, STREAM_CHOICE)
    developed, grounded, fundable = economy.program_flags(rules, st, turn)
    if not alive.all():
        fundable &= alive[:, None]
    m, ordered, ok, cost = launches.check_launches(rules, st, orders.launch, turn, developed, grounded, alive)
    ok, launch_spent = launches.afford(rules, ok, cost, st.cash)
    pay, dev, rel, program_spent = economy.fund_programs(rules, st, orders.funding, fundable, developed,
                                          st.cash - launch_spent, u["research"])
    rush = np.ascontiguousarray(orders.rush.reshape(b, 2 * L).T).astype(bool)
    fl = launches.fly(rules, st, m, ordered, ok, cost, rel, rush, u["fail"], u["lethal"], u["month"])
    held, first, first_offset, awarded, flight_prestige = launches.award_milestones(rules, st, fl)
    rel, seen, public, crew_lost = launches.learn_from_flights(rules, rel, fl)

    spent = launch_spent + program_spent
    g["cash"] = (st.cash - spent).astype(F32)
    g["prestige"] = st.prestige + awarded
    g["dev"], g["rel"], g["funded"] = dev, rel, pay
    g["flights"] = st.flights + public
    learned = seen + ((pay > 0) & developed).astype(F32)
    g["est_z"], g["nobs"] = economy.update_estimates(rules, st.est_z, st.nobs, learned, u["estimate"])
    crashed = np.flatnonzero(crew_lost.any(axis=1)) if fl.lost.any() else ()
    if len(crashed):
        until = st.grounded_until.copy()
        until[crashed] = np.where(crew_lost[crashed], (turn[crashed] + 1 + rules.grounding_turns)[:, None],
                                  until[crashed])
        g["grounded_until"] = until
    g["held"] = held
    firsts_rows = np.flatnonzero(first[:, 0] | first[:, 1])
    if len(firsts_rows):
        K = rules.n_milestones
        side, when = g["first_side"].copy(), g["first_month"].copy()
        us, ussr = unpack(first[firsts_rows, 0], K), unpack(first[firsts_rows, 1], K)
        month0 = (rules.start_month + turn[firsts_rows].astype(np.int64) * rules.months_per_turn).astype(np.float64)
        side[firsts_rows] = np.where(us, 0, np.where(ussr, 1, side[firsts_rows]))
        when[firsts_rows] = np.where(us | ussr, month0[:, None] + first_offset, when[firsts_rows])
        g["first_side"], g["first_month"] = side, when
    g["launch_mission"] = (m * ordered - ~ordered).T.reshape(b, 2, L).astype(np.int16)
    g["launch_outcome"] = fl.outcome.T.reshape(b, 2, L).copy()
    g["launch_month"] = fl.month.T.reshape(b, 2, L).copy()
    g["launch_passed"] = (fl.passed * fl.valid).T.reshape(b, 2, L).astype(np.int8)
    g["launch_prestige"] = np.ascontiguousarray(flight_prestige.T).reshape(b, 2, L)

    nxt = (turn + alive).astype(np.int16)
    g["turn"] = nxt
    year_turns = np.minimum(nxt, rules.n_turns).astype(np.intp)
    if rules.new_year[year_turns].any():
        economy.new_budget_year(rules, g, year_turns, u["budget"])
    fired = events.fire_events(rules, g, nxt, alive & (nxt < rules.n_turns), STREAM_FIRE)
    awarded = awarded + events.apply_effects(rules, g, fired, options, nxt)
    economy.pay_income(rules, g, alive, u["intel"])
    _finish(rules, g, alive)

    new = State(**g)
    if st.done.any():
        new = _keep_finished(st, new)
    info = StepInfo(spent=spent.astype(F32), cash_before=st.cash, awarded=(awarded * alive[:, None]).astype(F32),
                    firsts=first, fired=fired)
    return new, info


def _finish(rules: Rules, g: dict, alive: np.ndarray) -> None:
    """End the games whose time is up, whose leadership was sacked or whose side won the decisive goal."""
    over = g["turn"] >= rules.n_turns
    sacked = g["sacked"]
    pr = g["prestige"]
    by_prestige = np.where(pr[:, 0] > pr[:, 1], 0, np.where(pr[:, 1] > pr[:, 0], 1, DRAW))
    winner = np.where(sacked.any(axis=1) & ~sacked.all(axis=1), np.where(sacked[:, 0], 1, 0), by_prestige)
    end = over | sacked.any(axis=1)
    if rules.decisive_milestone >= 0:
        k = rules.decisive_milestone
        who = g["first_side"][:, k]
        won = (who >= 0) & (g["first_month"][:, k] < rules.decisive_deadline)
        winner = np.where(won & ~sacked.any(axis=1), who, winner)
        end |= won
    end &= alive
    g["done"] = g["done"] | end
    g["winner"] = np.where(end, winner, g["winner"]).astype(np.int8)


def _keep_finished(old: State, new: State) -> State:
    """Games finished before this step keep every array as it was.

    Only the finished rows are copied back, into the step's own fresh arrays
    (an array the step did not replace is the old one and already right).
    """
    rows = np.flatnonzero(old.done)
    for name in state_fields():
        a, b = getattr(old, name), getattr(new, name)
        if a is not b:
            b[rows] = a[rows]
    return new


def outcome(state: State) -> np.ndarray:
    """int8 [B]: -1 still playing, 0 US won, 1 USSR won, 2 draw."""
    return np.where(state.done, state.winner, ONGOING).astype(np.int8)
