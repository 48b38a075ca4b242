"""`simulate`'s year-by-year figures (by_year, by_era) against a count made here by stepping the same games
turn by turn with the public API, and the era table of the readable summary."""

from __future__ import annotations

import json
import statistics

import pytest

from game.ai.policies import make_policy
from game.cli import main
from game.rules import Orders, init, observe, step
from game.rules.rng import game_keys, policy_keys
from game.rules.state import checksum
from game.rules.tables import SCRUBBED
from game.scenario import load
from game.sim.by_year import eras
from game.sim.rollout import play_games, summarize

SEED, GAMES = 5, 16
US, USSR = "random", "scripted"     # with this seed and review three of the 16 games end years early
FIGURES = {"launches", "idle_share", "cash_over_budget"}
# the historical scenario with a stricter leadership review, so that a losing side can be sacked early
HARSH_REVIEW = """[scenario]
id = "harsh_review"
name = "Historical with a stricter review"
version = "0.1"
extends = "historical"

[economy]
review_threshold = -6
review_strikes = 2
"""


@pytest.fixture(scope="module")
def scenario(tmp_path_factory):
    folder = tmp_path_factory.mktemp("mods") / "harsh_review"
    folder.mkdir()
    (folder / "scenario.toml").write_text(HARSH_REVIEW)
    return load(str(folder))


@pytest.fixture(scope="module")
def run(scenario):
    """(summary, final states) of simulate's run of 16 games."""
    sc = scenario
    r = sc.rules
    fin = play_games(r, make_policy(US, r), make_policy(USSR, r), SEED, GAMES)
    return summarize(r, [m["name"] for m in sc.milestones], fin), fin.state


@pytest.fixture(scope="module")
def counted(scenario):
    """The same games stepped here one turn at a time: per game, the list of its turns played as
    (year, launches (us, ussr), money held / yearly budget (us, ussr)), and the final state."""
    r = scenario.rules
    us, ussr = make_policy(US, r), make_policy(USSR, r)
    state = init(r, game_keys(SEED, GAMES))
    keys = policy_keys(SEED, 0, GAMES), policy_keys(SEED, 1, GAMES)
    turns: list[list[tuple]] = [[] for _ in range(GAMES)]
    while not state.done.all():
        orders = Orders.merge(r, us.act(observe(r, state, 0), keys[0]), ussr.act(observe(r, state, 1), keys[1]))
        after, _ = step(r, state, orders)
        for g in range(GAMES):
            if state.done[g]:
                continue
            year, _month = r.turn_date(int(state.turn[g]))
            flown = [sum(1 for pad in range(after.launch_mission.shape[2])
                         if after.launch_mission[g, side, pad] >= 0
                         and after.launch_outcome[g, side, pad] != SCRUBBED) for side in (0, 1)]
            held = [float(after.cash[g, side]) / float(after.budget[g, side]) for side in (0, 1)]
            turns[g].append((year, flown, held))
        state = after
    return turns, state


def test_the_run_holds_a_game_that_ended_early(run):
    """So that the count below checks that a game over is left out of the years after its end."""
    _, final = run
    assert final.turn.min() < final.turn.max() - 4, "pick a seed where a game ends years before the others"


def test_by_year_has_every_year_played_and_its_figures_for_both_sides(run, counted, scenario):
    summary, _ = run
    turns, _ = counted
    years = sorted({y for game in turns for y, _, _ in game})
    r = scenario.rules
    assert years == list(range(r.turn_date(0)[0], r.turn_date(r.n_turns - 1)[0] + 1))
    assert list(summary["by_year"]) == [str(y) for y in years]
    for year, fig in summary["by_year"].items():
        assert set(fig) == FIGURES, year
        for name in FIGURES:
            assert set(fig[name]) == {"us", "ussr"}, (year, name)
            assert all(isinstance(v, float) for v in fig[name].values()), (year, name)
        assert all(0.0 <= v <= 1.0 for v in fig["idle_share"].values()), year
        assert all(v >= 0.0 for v in fig["launches"].values()), year


def test_by_year_matches_a_count_of_the_same_games(run, counted):
    summary, final = run
    turns, state = counted
    assert checksum(state) == checksum(final), "the test must step the very games simulate played"
    for year, fig in summary["by_year"].items():
        for side, name in enumerate(("us", "ussr")):
            flown = [f[side] for game in turns for y, f, _ in game if y == int(year)]
            held = [[h[side] for y, _, h in game if y == int(year)] for game in turns]
            year_end = [h[-1] for h in held if h]
            assert fig["launches"][name] == pytest.approx(sum(flown) / len(flown), abs=1e-3), (year, name)
            assert fig["idle_share"][name] == pytest.approx(flown.count(0) / len(flown), abs=1e-3), (year, name)
            assert fig["cash_over_budget"][name] == pytest.approx(statistics.median(year_end), abs=2e-3), \
                (year, name)


def test_by_era_groups_five_years_and_the_short_tail(run, counted):
    summary, _ = run
    turns, _ = counted
    assert list(summary["by_era"]) == ["1955-59", "1960-64", "1965-69", "1970-75"]
    late = {1970, 1971, 1972, 1973, 1974, 1975}
    for side, name in enumerate(("us", "ussr")):
        flown = [f[side] for game in turns for y, f, _ in game if y in late]
        assert summary["by_era"]["1970-75"]["idle_share"][name] == pytest.approx(flown.count(0) / len(flown),
                                                                                 abs=1e-3)
        year_end = [[h[side] for y, _, h in game if y == year][-1]
                    for game in turns for year in sorted(late) if any(y == year for y, _, _ in game)]
        assert summary["by_era"]["1970-75"]["cash_over_budget"][name] == pytest.approx(
            statistics.median(year_end), abs=2e-3)


def test_by_year_is_the_same_whatever_the_batch(run, scenario):
    """Batches of one game: the early games' batches play fewer turns than the others."""
    summary, _ = run
    sc = scenario
    r = sc.rules
    fin = play_games(r, make_policy(US, r), make_policy(USSR, r), SEED, GAMES, batch=1)
    again = summarize(r, [m["name"] for m in sc.milestones], fin)
    assert (again["by_year"], again["by_era"]) == (summary["by_year"], summary["by_era"])


def test_eras_of_calendars():
    assert [label for label, _ in eras(list(range(1955, 1992)))] == [
        "1955-59", "1960-64", "1965-69", "1970-74", "1975-79", "1980-84", "1985-91"]
    assert eras(list(range(1957, 1963))) == [("1957-59", [1957, 1958, 1959]), ("1960-62", [1960, 1961, 1962])]
    assert eras([1960]) == [("1960", [1960])]
    assert eras([]) == []


def test_simulate_prints_the_era_table_and_its_json_has_the_same_figures(capsys):
    assert main(["simulate", "--games", "8", "--seed", "2", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert main(["simulate", "--games", "8", "--seed", "2"]) == 0
    out = capsys.readouterr().out.splitlines()
    head = next(i for i, line in enumerate(out) if line.split()[:2] == ["by", "era"])
    assert out[head].split()[2:] == ["1955-59", "1960-64", "1965-69", "1970-75"]
    rows = {line[:36].strip(): line[36:].split() for line in out[head + 1:]}
    era = data["by_era"]
    for name, label in (("us", "US"), ("ussr", "USSR")):
        assert rows[f"launches per turn, {label}"] == [f"{e['launches'][name]:.2f}" for e in era.values()]
        assert rows[f"turns with no launch, {label}"] == [f"{e['idle_share'][name]:.0%}" for e in era.values()]
        assert rows[f"money at year end / budget, {label}"] == [
            f"{e['cash_over_budget'][name]:.2f}" for e in era.values()]
