"""The corps in the rules core (issue 18): crews picked and flown, skill on a step's chance through the
one step_chance path, training, recruiting, rest, retirement, morale, deaths, firsts, and the same
games whatever the batch.

Played on tests/data/scenarios/crews: the historical race with a small corps on each side (a free group
at the start, a paid group from 1962, one person who starts retired, one who retires in 1961) and the
crewed missions' steps given a discipline.
"""

from __future__ import annotations

import numpy as np
import pytest
from gamekit import REPO, Players, play

from game.rules import Orders, init, observe, step
from game.rules.crews import suggested_crews
from game.rules.missions import crew_skills, crew_step_bonus, step_chances, success_chances
from game.rules.rng import bits_at, game_keys, pair_of, row_seed
from game.rules.state import NEVER, checksum
from game.rules.step import STREAM_STEP
from game.rules.tables import (
    ACTIVE,
    CREW_LOST,
    DEAD,
    NOT_RECRUITED,
    RESIGNED,
    RESTING,
    RETIRED,
    SCRUBBED,
    SKILL_STEPS,
    SUCCESS,
    TRAINING,
    skill_steps,
    skill_values,
)
from game.scenario import load

CREWS = REPO / "tests" / "data" / "scenarios" / "crews"


@pytest.fixture(scope="module")
def rules():
    return load(str(CREWS)).rules


@pytest.fixture(scope="module")
def played(rules):
    """64 games played to the end, scripted against scripted, every state and orders kept."""
    state = init(rules, game_keys(18, 64))
    return list(play(rules, state, Players(rules, "scripted", "scripted")))


def person(rules, ident: str) -> int:
    return rules.person_ids.index(ident)


def ready(rules, state, side: int):
    """`state` with every program of `side` developed and plenty of money: any of its missions can fly."""
    mine = np.broadcast_to(rules.prog_side == side, state.dev.shape)
    cash = state.cash.copy()
    cash[:, side] = 500
    return state.replace(dev=np.where(mine, rules.start_cost, state.dev).astype(np.float32), cash=cash)


def crewed_mission(rules, side: int, crew: int, year: int) -> int:
    """A mission of `side` with `crew` seats, open by `year`, whose steps use some discipline."""
    turn = (year * 12 - rules.start_month) // rules.months_per_turn
    for m in range(rules.n_missions):
        if (rules.mis_side[m] == side and rules.mis_crew[m] == crew and rules.mis_avail_turn[m] <= turn
                and not rules.mis_locked[m] and (rules.step_skill[m] >= 0).any()):
            return m
    raise AssertionError(f"no {crew}-seat mission of side {side} by {year}")


def at_turn(rules, games: int, turn: int, seed: int = 7):
    """New games moved to `turn` (each side's free group recruited at the start)."""
    state = init(rules, game_keys(seed, games))
    return state.replace(turn=np.full(games, turn, np.int16))


def launch_one(rules, state, side: int, m: int, crew=None, train=None, recruit=None):
    orders = Orders.empty(rules, state.batch)
    launch = orders.launch.copy()
    launch[:, side, 0] = m
    changes = {"launch": launch, "stop": np.ones_like(orders.stop)}
    if crew is not None:
        seats = orders.crew.copy()
        seats[:, side, 0, :len(crew)] = crew
        changes["crew"] = seats
    if train is not None:
        changes["train"] = train
    if recruit is not None:
        changes["recruit"] = recruit
    return step(rules, state, orders.replace(**changes))


# --- the corps at the start -----------------------------------------------------------------------------------
def test_a_new_game_has_the_free_groups_recruited_and_the_rest_waiting(rules):
    state = init(rules, game_keys(1, 2))
    status = state.person_status[0]
    for ident, want in (("us_first_0", ACTIVE), ("us_first_4", RETIRED), ("us_second_0", NOT_RECRUITED),
                        ("su_first_2", ACTIVE), ("su_second_4", NOT_RECRUITED)):
        assert status[person(rules, ident)] == want, ident
    mine = [rules.group_ids.index(g) for g in ("us_first", "us_second", "su_first", "su_second")]
    assert state.group_recruited[0, mine].tolist() == [True, False, True, False]
    np.testing.assert_array_equal(state.skill[0], skill_steps(rules.person_skill0))
    own = np.asarray(rules.person_side) == 0
    np.testing.assert_array_equal(observe(rules, state, 0).skill[0, own], skill_values(state.skill[0, own]))
    assert (state.morale == SKILL_STEPS).all() and (state.died_turn == NEVER).all()
    assert (state.person_flights == 0).all()


# --- who flies ------------------------------------------------------------------------------------------------
def test_every_crewed_launch_flies_its_own_sides_available_people_once_a_turn(rules, played):
    flown = 0
    for before, _orders, after, _info in played:
        crew = after.launch_crew
        for side in (0, 1):
            mission = after.launch_mission[:, side]
            flew = (mission >= 0) & (after.launch_outcome[:, side] != SCRUBBED)
            seats = rules.mis_crew[np.maximum(mission, 0)]
            for g, pad in zip(*np.nonzero(flew), strict=True):
                people = crew[g, side, pad, :seats[g, pad]]
                assert (people >= 0).all() and (crew[g, side, pad, seats[g, pad]:] == -1).all()
                assert (rules.person_side[people] == side).all()
                assert (before.person_status[g, people] == ACTIVE).all()
                flown += len(people)
            assert (crew[:, side][~flew] == -1).all()
        for g in range(after.batch):
            people = crew[g][crew[g] >= 0]
            assert len(set(people.tolist())) == len(people), "nobody flies two launches in one turn"
    assert flown > 200
    final = played[-1][2]
    assert final.person_flights.sum() == flown


def test_the_automatic_crew_is_the_best_available_by_the_missions_disciplines(rules):
    m = crewed_mission(rules, 0, 1, 1962)
    state = ready(rules, at_turn(rules, 1, int(rules.mis_avail_turn[m]) + 2), 0)
    after, _ = launch_one(rules, state, 0, m)
    weight = np.array([(rules.step_skill[m] == d).sum() for d in range(5)], np.int64)
    us_active = [n for n in range(rules.n_people) if rules.person_side[n] == 0 and state.person_status[0, n] == ACTIVE]
    scores = [int((weight * state.skill[0, n]).sum()) for n in us_active]
    assert after.launch_crew[0, 0, 0, 0] == us_active[int(np.argmax(scores))]
    view = observe(rules, state, 0)
    launch = np.full((2, rules.max_pads), -1)
    launch[0, 0] = m
    np.testing.assert_array_equal(suggested_crews(rules, view.person_status[0], view.skill[0], launch),
                                  after.launch_crew[0])


def test_an_ordered_crew_flies_and_a_bad_seat_is_filled_by_the_core(rules):
    m = crewed_mission(rules, 0, 2, 1966)
    state = ready(rules, at_turn(rules, 1, int(rules.mis_avail_turn[m]) + 1), 0)
    chosen = [person(rules, "us_first_2"), person(rules, "us_first_1")]
    after, _ = launch_one(rules, state, 0, m, crew=chosen)
    assert after.launch_crew[0, 0, 0, :2].tolist() == chosen
    soviet, retired = person(rules, "su_first_0"), person(rules, "us_first_4")
    after, _ = launch_one(rules, state, 0, m, crew=[soviet, retired])
    crew = after.launch_crew[0, 0, 0, :2]
    assert (crew >= 0).all() and soviet not in crew and retired not in crew
    assert (rules.person_side[crew] == 0).all()


def test_a_crewed_launch_without_enough_people_is_scrubbed(rules):
    m = crewed_mission(rules, 0, 2, 1966)
    state = ready(rules, at_turn(rules, 1, int(rules.mis_avail_turn[m]) + 1), 0)
    status = state.person_status.copy()
    us = np.flatnonzero(rules.person_side == 0)
    status[0, us] = np.where(status[0, us] == ACTIVE, RESTING, status[0, us])
    status[0, us[0]] = ACTIVE                                      # one person for two seats
    rest = state.rest_until.copy()
    rest[0, us] = 99
    state = state.replace(person_status=status, rest_until=rest)
    after, info = launch_one(rules, state, 0, m)
    assert after.launch_outcome[0, 0, 0] == SCRUBBED and (after.launch_crew[0, 0, 0] == -1).all()
    assert info.spent[0, 0] == 0, "a launch scrubbed for want of a crew costs nothing"
    assert after.person_flights[0, us[0]] == 0


# --- skill on the chance: one path ----------------------------------------------------------------------------
def test_a_skill_in_hundredths_is_kept_as_its_step_and_given_back_as_the_same_float():
    values = (np.arange(SKILL_STEPS + 1) / SKILL_STEPS).astype(np.float32)
    steps = skill_steps(values)
    assert steps.dtype == np.uint8 and steps.tolist() == list(range(SKILL_STEPS + 1))
    np.testing.assert_array_equal(skill_values(steps), values)
    assert skill_steps([np.nan, -0.3, 1.7, 0.004, 0.006]).tolist() == [0, 0, SKILL_STEPS, 0, 1]


def test_the_core_draws_against_the_chance_the_plain_forms_give(rules):
    """Each launch's steps passed, recomputed from its dice and the plain step_chances with the crew's
    crew_skills and the true reliabilities, are the core's, launch by launch."""
    m = crewed_mission(rules, 0, 2, 1966)
    games = 256
    state = ready(rules, at_turn(rules, games, int(rules.mis_avail_turn[m]) + 1, seed=3), 0)
    rel = state.rel.copy()
    rel[:] = np.float32(0.9)
    steps = np.random.default_rng(5).integers(0, SKILL_STEPS + 1, state.skill.shape).astype(np.uint8)
    state = state.replace(rel=rel, skill=steps)
    skill = skill_values(steps)                         # the skills as a side observes them
    after, _ = launch_one(rules, state, 0, m)
    missing = int(np.count_nonzero(rules.mis_prereq[:, m]))
    steps = int(rules.mis_steps[m])
    differs = 0
    for g in range(games):
        crew = after.launch_crew[g, 0, 0, :2]
        chances = step_chances(rules, state.rel[g], missing, m, crew_skill=crew_skills(rules, skill[g], crew, m))
        plain_chances = step_chances(rules, state.rel[g], missing, m)
        differs += chances != plain_chances
        u_fail, _ = pair_of(bits_at(row_seed(state.key[g], state.turn[g], STREAM_STEP), rules.n_programs))
        cp, passed = np.float32(1), 0
        for j in range(rules.step_prog.shape[1]):       # padding steps (past the real ones) change nothing
            cp = np.float32(cp * np.float32(chances[j])) if j < steps else cp
            passed += bool(u_fail < cp)
        assert after.launch_passed[g, 0, 0] == passed, g
        total = success_chances(rules, state.rel[g:g + 1], np.full((1, rules.n_missions), missing, np.float32),
                                crew_skill=np.broadcast_to(crew_skills(rules, skill[g], crew, m),
                                                           (1, rules.n_missions, len(rules.step_skill[m]))))
        assert total[0, m] == cp
    assert differs == games, "every crew changes its mission's chances"


def test_a_strong_crew_raises_a_steps_chance_and_a_weak_one_lowers_it(rules):
    m = crewed_mission(rules, 0, 1, 1962)
    skill = np.zeros((rules.n_people, 5), np.float32)
    strong, weak = person(rules, "us_first_0"), person(rules, "us_first_1")
    skill[strong], skill[weak] = 1, 0
    up, down = crew_step_bonus(rules, skill, [strong], m), crew_step_bonus(rules, skill, [weak], m)
    has = rules.step_skill[m] >= 0
    np.testing.assert_allclose(up[has], rules.crew_skill_bonus * 0.5, rtol=1e-6)
    np.testing.assert_allclose(down[has], -rules.crew_skill_bonus * 0.5, rtol=1e-6)
    assert (up[~has] == 0).all()
    rel = np.full(rules.n_programs, 0.8, np.float32)
    a = step_chances(rules, rel, 0, m, crew_skill=crew_skills(rules, skill, [strong], m))
    b = step_chances(rules, rel, 0, m, crew_skill=crew_skills(rules, skill, [weak], m))
    assert all(x > y for x, y, h in zip(a, b, has, strict=False) if h)


# --- after a flight -------------------------------------------------------------------------------------------
def test_a_flight_brings_experience_rest_morale_and_its_firsts(rules, played):
    checked = firsts = 0
    for before, _orders, after, _info in played:
        for g, side, pad in zip(*np.nonzero(after.launch_outcome == SUCCESS), strict=True):
            crew = after.launch_crew[g, side, pad]
            crew = crew[crew >= 0]
            if not len(crew):
                continue
            m = after.launch_mission[g, side, pad]
            turn = int(before.turn[g])
            flown = sorted({int(d) for d in rules.step_skill[m] if d >= 0})
            for n in crew:
                assert after.person_flights[g, n] == before.person_flights[g, n] + 1
                for d in flown:
                    assert after.skill[g, n, d] == min(int(before.skill[g, n, d])
                                                       + skill_steps(rules.crew_flight_experience), SKILL_STEPS)
                if after.person_status[g, n] == RESTING:
                    assert after.rest_until[g, n] == turn + 1 + rules.crew_rest_turns
                else:                                       # flew its last flight, or even a flight left morale low
                    assert after.person_status[g, n] in (RETIRED, RESIGNED)
                assert after.idle_turns[g, n] == 1
            when = float(rules.start_month + turn * rules.months_per_turn) + float(after.launch_month[g, side, pad])
            for k in np.flatnonzero((after.first_side[g] == side) & (before.first_side[g] < 0)):
                if after.first_month[g, k] == when:
                    assert after.first_crew[g, k, :len(crew)].tolist() == crew.tolist()
                    won = observe(rules, after, int(side)).person_firsts[g, crew]
                    assert (won >> np.uint64(k) & np.uint64(1) == 1).all()
                    firsts += 1
            checked += 1
    assert checked > 100 and firsts > 10


def test_a_crew_lost_dies_and_its_side_mourns(rules, played):
    lost = 0
    for before, _orders, after, _info in played:
        for g, side, pad in zip(*np.nonzero(after.launch_outcome == CREW_LOST), strict=True):
            crew = after.launch_crew[g, side, pad]
            crew = crew[crew >= 0]
            assert len(crew) == rules.mis_crew[after.launch_mission[g, side, pad]]
            assert (after.person_status[g, crew] == DEAD).all()
            assert (after.died_turn[g, crew] == before.turn[g]).all()
            lost += 1
        newly_dead = (after.person_status == DEAD) & (before.person_status != DEAD)
        for g, n in zip(*np.nonzero(newly_dead), strict=True):
            side = rules.person_side[n]
            assert n in after.launch_crew[g, side], "only the people aboard a lost crew die"
    assert lost > 0, "some crews are lost in 64 games"
    final = played[-1][2]
    assert ((final.person_status == DEAD) == (final.died_turn != NEVER)).all()


def test_losing_a_crew_lowers_the_morale_of_the_living(rules):
    m = crewed_mission(rules, 0, 1, 1962)
    games = 128
    state = ready(rules, at_turn(rules, games, int(rules.mis_avail_turn[m]) + 2, seed=11), 0)
    rel = state.rel.copy()
    rel[:, rules.step_prog[m][rules.step_real[m] > 0]] = 0.05         # most flights fail
    state = state.replace(rel=rel)
    after, _ = launch_one(rules, state, 0, m)
    lost = after.launch_outcome[:, 0, 0] == CREW_LOST
    kept = ~lost & (after.launch_outcome[:, 0, 0] != SUCCESS)
    assert lost.any() and kept.any()
    bystander = person(rules, "us_first_2")
    flew = (after.launch_crew[:, 0, 0, 0] == bystander)
    g, h = np.flatnonzero(lost & ~flew)[0], np.flatnonzero(kept & ~flew)[0]
    assert int(after.morale[h, bystander]) - int(after.morale[g, bystander]) == skill_steps(rules.crew_morale_loss)


# --- training, recruiting, time -------------------------------------------------------------------------------
def test_training_costs_money_raises_a_skill_and_keeps_the_person_off_flights(rules):
    m = crewed_mission(rules, 0, 1, 1962)
    state = ready(rules, at_turn(rules, 1, int(rules.mis_avail_turn[m]) + 2), 0)
    trainee = person(rules, "us_first_0")
    train = np.full((1, rules.n_people), -1, np.int8)
    train[0, trainee] = 1                                            # EVA
    after, _ = launch_one(rules, state, 0, m, train=train)
    assert trainee not in after.launch_crew[0, 0, 0] and after.launch_crew[0, 0, 0, 0] >= 0
    assert after.skill[0, trainee, 1] == min(int(state.skill[0, trainee, 1]) + skill_steps(rules.crew_training_gain),
                                             SKILL_STEPS)
    quiet = Orders.empty(rules, 1)
    trained, info = step(rules, state, quiet.replace(train=train, stop=np.ones_like(quiet.stop)))
    _, plain = step(rules, state, quiet.replace(stop=np.ones_like(quiet.stop)))
    assert info.spent[0, 0] - plain.spent[0, 0] == pytest.approx(rules.crew_training_cost, abs=1e-4)
    assert trained.person_status[0, trainee] == ACTIVE                # training lasted its one turn
    poor = state.replace(cash=np.zeros_like(state.cash))
    broke, _ = step(rules, poor, quiet.replace(train=train, stop=np.ones_like(quiet.stop)))
    assert broke.skill[0, trainee, 1] == state.skill[0, trainee, 1], "no money, no training"


def test_a_paid_group_joins_when_recruited_on_or_after_its_date(rules):
    g = rules.group_ids.index("us_second")
    opens = int(rules.group_avail_turn[g])
    recruit = np.zeros((1, rules.n_groups), bool)
    recruit[0, g] = True
    quiet = Orders.empty(rules, 1)
    orders = quiet.replace(recruit=recruit, stop=np.ones_like(quiet.stop))
    members = rules.person_group == g
    early = at_turn(rules, 1, opens - 1)
    after, _ = step(rules, early, orders)
    assert not after.group_recruited[0, g] and (after.person_status[0, members] == NOT_RECRUITED).all()
    on_time = at_turn(rules, 1, opens)
    after, info = step(rules, on_time, orders)
    plain, plain_info = step(rules, on_time, quiet.replace(stop=np.ones_like(quiet.stop)))
    assert after.group_recruited[0, g] and (after.person_status[0, members] == ACTIVE).all()
    assert info.spent[0, 0] - plain_info.spent[0, 0] == pytest.approx(rules.group_cost[g], abs=1e-4)
    assert not plain.group_recruited[0, g], "a group with a cost never joins by itself"


def test_people_retire_on_their_date_and_after_their_last_flight(rules):
    early = person(rules, "us_first_3")
    quiet = Orders.empty(rules, 1)
    state = at_turn(rules, 1, int(rules.person_retire_turn[early]) - 1)
    after, _ = step(rules, state, quiet.replace(stop=np.ones_like(quiet.stop)))
    assert after.person_status[0, early] == RETIRED
    veteran = person(rules, "us_first_0")
    flights = state.person_flights.copy()
    flights[0, veteran] = rules.crew_max_flights
    after, _ = step(rules, state.replace(person_flights=flights), quiet.replace(stop=np.ones_like(quiet.stop)))
    assert after.person_status[0, veteran] == RETIRED


def test_long_waits_wear_morale_down_until_people_resign(rules):
    quiet = Orders.empty(rules, 1)
    orders = quiet.replace(stop=np.ones_like(quiet.stop))
    state = at_turn(rules, 1, 2)
    n = person(rules, "su_first_1")
    morale = []
    for _ in range(40):
        if state.done[0]:
            break
        state, _ = step(rules, state, orders)
        morale.append(float(skill_values(state.morale[0, n])))
        if state.person_status[0, n] != ACTIVE:
            break
    assert morale[rules.crew_wait_turns - 2] == 1
    assert morale[rules.crew_wait_turns] < 1
    assert state.person_status[0, n] in (RESIGNED, RETIRED)
    if state.person_status[0, n] == RESIGNED:
        assert morale[-1] < rules.crew_quit_morale


# --- the same games whatever the batch ------------------------------------------------------------------------
def test_a_batch_plays_the_same_corps_as_its_games_one_by_one(rules, played):
    games = [3, 17, 40]
    for g in games:
        state = init(rules, game_keys(18, 64)[g:g + 1])
        for before, orders, after, _info in played:
            if state.done.all():
                break
            state, _ = step(rules, state, orders.slice(slice(g, g + 1)))
            want = after.slice(slice(g, g + 1))
            assert checksum(state) == checksum(want), f"game {g}, turn {int(before.turn[g])}"


def test_training_and_death_leave_no_state_out_of_bounds(rules, played):
    final = played[-1][2]
    assert (final.skill <= SKILL_STEPS).all() and (final.morale <= SKILL_STEPS).all()
    assert ((final.person_status >= 0) & (final.person_status <= DEAD)).all()
    assert not (final.person_status == TRAINING).any()
    assert (final.person_flights[final.person_status == NOT_RECRUITED] == 0).all()
