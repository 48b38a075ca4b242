"""Invariants of the rules, checked on every step of thousands of historical games
played by the random policy (against itself and against the scripted plan).

One run plays the games and records what each rule needs; the tests below read
the record. Each invariant is a rule a player relies on: money cannot be spent
twice, a first is won once and for good, prestige adds up, a finished game is
over, and the game ends when and how the scenario says.
"""

from __future__ import annotations

import numpy as np
import pytest
from gamekit import Players, assert_same, historical, nan_fields, play

from game.rules import init, outcome, step
from game.rules.bits import unpack
from game.rules.rng import game_keys
from game.rules.tables import DRAW, ONGOING, SUCCESS
from game.scenario import load

GAMES, BATCH = 2000, 1000
MATCHES = [("random", "random"), ("random", "scripted"), ("scripted", "random")]
EPS = np.float32(1e-3)


class Record:
    """What the invariants need from every step of a run, gathered as the games are played."""

    def __init__(self):
        self.problems: dict[str, list[str]] = {}
        self.checked: set[str] = set()      # every rule looked at, so a test cannot name one never checked
        self.games = 0
        self.steps = 0
        self.firsts = np.zeros(2, np.int64)
        self.launches = 0
        self.successes = 0
        self.sacked = 0
        self.spent = 0.0
        self.final = []

    def check(self, name: str, ok, detail: str = "") -> None:
        self.checked.add(name)
        ok = np.asarray(ok)
        if not ok.all():
            bad = np.flatnonzero(~ok.reshape(ok.shape[0], -1).all(axis=1)) if ok.ndim else []
            self.problems.setdefault(name, []).append(f"games {list(bad[:5])} {detail}")


def run(rules, us: str, ussr: str, seed: int, rec: Record) -> None:
    players = Players(rules, us, ussr, seed=seed + 99)
    K, T = rules.n_milestones, rules.n_turns
    for first in range(0, GAMES, BATCH):
        state = init(rules, game_keys(seed, BATCH, first))
        start_prestige = state.prestige.astype(np.float64)
        awarded = np.zeros_like(start_prestige)
        for before, _orders, after, info in play(rules, state, players):
            rec.steps += 1
            live = ~before.done
            turn = before.turn.astype(np.int64)
            # money
            rec.check("spent within cash", info.spent <= info.cash_before + EPS + 1e-5 * np.abs(info.cash_before))
            rec.check("spending is never negative", info.spent >= 0)
            rec.check("cash never negative", after.cash >= -EPS, f"min {after.cash.min()}")
            rec.check("no NaN or infinity in the state", not nan_fields(after), str(nan_fields(after)))
            # milestones and firsts
            was, now = before.first_side, after.first_side
            rec.check("a first, once set, never changes", (was < 0) | (now == was))
            rec.check("a first's date never changes", (was < 0) | (after.first_month == before.first_month))
            held = unpack(after.held, K)                                  # [B, S, K]
            rec.check("milestones are never lost", (before.held & ~after.held) == 0)
            holder = np.take_along_axis(held, np.maximum(now, 0)[:, None, :].astype(np.intp), axis=1)[:, 0]
            rec.check("the first side holds its first", (now < 0) | holder)
            rec.check("a milestone held has a first side", ~held.any(axis=1) | (now >= 0))
            new = (was < 0) & (now >= 0)
            won = unpack(info.firsts, K)                                  # [B, S, K]
            rec.check("StepInfo.firsts are exactly the new firsts",
                      (won.any(axis=1) == new) & ~(won[:, 0] & won[:, 1]))
            rec.check("StepInfo.firsts name the first side", ~new | np.take_along_axis(
                won, np.maximum(now, 0)[:, None, :].astype(np.intp), axis=1)[:, 0])
            month0 = (rules.start_month + turn * rules.months_per_turn)[:, None]
            month1 = month0 + rules.months_per_turn
            rec.check("a first is dated inside its turn",
                      ~new | ((after.first_month >= month0) & (after.first_month < month1)))
            rec.check("launches are dated inside their turn", (after.launch_month >= 0)
                      & (after.launch_month < rules.months_per_turn))
            rec.firsts += won.sum(axis=(0, 2))
            # programs
            rec.check("reliability stays within (0, max_reliability]",
                      (after.rel > 0) & (after.rel <= rules.max_rel + 1e-6))
            rec.check("development money never exceeds the program's cost",
                      (after.dev >= before.dev) & (after.dev <= rules.start_cost + 1e-3))
            rec.check("flight counts never go down, nor the turns events last fired for",
                      (after.flights >= before.flights).all(axis=1) & (after.ev_last >= before.ev_last).all(axis=1))
            # prestige
            awarded += info.awarded
            rec.check("prestige = prestige after init + everything awarded",
                      np.abs(after.prestige - (start_prestige + awarded)) <= 1e-2)
            # finished games stay finished
            for name, a in before.arrays().items():
                b = getattr(after, name)
                rec.check(f"a finished game does not change ({name})",
                          live.reshape((-1,) + (1,) * (a.ndim - 1)) | (a == b))
            rec.check("a finished game spends and earns nothing",
                      live[:, None] | ((info.spent == 0) & (info.awarded == 0) & (info.firsts == 0)))
            rec.check("a finished game fires no event", live[:, None] | ~info.fired)
            # the turn and the end of the game
            rec.check("a live game moves on one turn", ~live | (after.turn == before.turn + 1))
            rec.check("turns stay within the scenario", after.turn <= T)
            sacked = after.sacked.any(axis=1)
            rec.check("a game ends exactly when its time is up or a side is sacked",
                      after.done == ((after.turn >= T) | sacked))
            rec.check("a running game has no winner", after.done | (after.winner == ONGOING))
            rec.check("outcome() is the winner of finished games", outcome(after) == np.where(
                after.done, after.winner, ONGOING))
            launched = after.launch_mission >= 0
            rec.launches += int(launched[live].sum())
            rec.successes += int(((after.launch_outcome == SUCCESS) & launched)[live].sum())
            rec.spent += float(info.spent.sum())
        final = after
        rec.check("every game ends within the scenario's turns", final.done)
        rec.games += final.batch
        rec.sacked += int(final.sacked.any(axis=1).sum())
        rec.final.append(final)


@pytest.fixture(scope="module", params=MATCHES, ids=[f"{a}-vs-{b}" for a, b in MATCHES])
def record(request):
    rules = historical().rules
    us, ussr = request.param
    rec = Record()
    run(rules, us, ussr, seed=4242 + MATCHES.index(request.param), rec=rec)
    return rec


def test_the_runs_played_real_games(record):
    assert record.games == GAMES
    assert record.launches > GAMES and record.successes > 0 and record.spent > 0
    assert (record.firsts > 0).all(), "both sides must win firsts for the milestone checks to mean anything"


@pytest.mark.parametrize("rule", [
    "spent within cash", "spending is never negative", "cash never negative",
    "no NaN or infinity in the state"])
def test_money(record, rule):
    assert rule in record.checked
    assert rule not in record.problems, record.problems.get(rule)


@pytest.mark.parametrize("rule", [
    "reliability stays within (0, max_reliability]", "development money never exceeds the program's cost",
    "flight counts never go down, nor the turns events last fired for"])
def test_programs(record, rule):
    assert rule in record.checked
    assert rule not in record.problems, record.problems.get(rule)


def test_no_rule_was_broken(record):
    """Every check of the run is asserted by some test above; this one catches any left over."""
    assert not record.problems, record.problems


@pytest.mark.parametrize("rule", [
    "a first, once set, never changes", "a first's date never changes", "milestones are never lost",
    "the first side holds its first", "a milestone held has a first side",
    "StepInfo.firsts are exactly the new firsts", "StepInfo.firsts name the first side",
    "a first is dated inside its turn", "launches are dated inside their turn"])
def test_each_milestone_has_at_most_one_first(record, rule):
    assert rule in record.checked
    assert rule not in record.problems, record.problems.get(rule)


def test_prestige_is_what_was_awarded(record):
    rule = "prestige = prestige after init + everything awarded"
    assert rule in record.checked
    assert rule not in record.problems, record.problems.get(rule)


def test_finished_games_stay_finished(record):
    broken = {k: v for k, v in record.problems.items() if k.startswith("a finished game")}
    assert not broken, broken


@pytest.mark.parametrize("rule", [
    "a live game moves on one turn", "turns stay within the scenario",
    "a game ends exactly when its time is up or a side is sacked", "a running game has no winner",
    "outcome() is the winner of finished games", "every game ends within the scenario's turns"])
def test_the_game_ends_by_its_rule(record, rule):
    assert rule in record.checked
    assert rule not in record.problems, record.problems.get(rule)


def test_the_winner_is_the_prestige_leader_unless_a_side_was_sacked(record):
    for final in record.final:
        pr, sacked = final.prestige, final.sacked
        by_prestige = np.where(pr[:, 0] > pr[:, 1], 0, np.where(pr[:, 1] > pr[:, 0], 1, DRAW))
        one_sacked = sacked.any(axis=1) & ~sacked.all(axis=1)
        expected = np.where(one_sacked, np.where(sacked[:, 0], 1, 0), by_prestige)
        np.testing.assert_array_equal(final.winner, expected)
        np.testing.assert_array_equal(outcome(final), expected)


def test_stepping_a_finished_game_changes_nothing():
    rules = historical().rules
    players = Players(rules, "random", "random")
    state = init(rules, game_keys(77, 32))
    for *_, after, _info in play(rules, state, players):
        state = after
    assert state.done.all()
    for _ in range(3):
        orders = players.orders(state)
        after, info = step(rules, state, orders)
        assert_same(after, state)
        assert not info.spent.any() and not info.awarded.any() and not info.firsts.any() and not info.fired.any()


def test_a_decisive_milestone_ends_the_game_at_once():
    """race_to_the_moon: the first crew on the Moon (and home) before 1970 wins outright."""
    rules = load("race_to_the_moon").rules
    k, deadline, T = rules.decisive_milestone, rules.decisive_deadline, rules.n_turns
    assert k >= 0
    state = init(rules, game_keys(1969, 500))
    decided = 0
    for before, _orders, after, _info in play(rules, state, Players(rules, "scripted", "scripted")):
        live = ~before.done
        who = after.first_side[:, k]
        won = (who >= 0) & (after.first_month[:, k] < deadline)
        sacked = after.sacked.any(axis=1)
        np.testing.assert_array_equal(after.done[live], ((after.turn >= T) | sacked | won)[live])
        by_goal = live & won & ~sacked
        np.testing.assert_array_equal(after.winner[by_goal], who[by_goal])
        decided += int(by_goal.sum())
    assert decided > 0, "some games must be decided by the Moon landing for this test to mean anything"
