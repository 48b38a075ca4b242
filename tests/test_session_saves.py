"""Saves: a round trip replays to the same game; a broken save says so in one
line and never damages other saves; autosaves rotate; the command line reports."""

from __future__ import annotations

import dataclasses
import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from game.cli import main
from game.rules import init, step
from game.rules.rng import game_keys
from game.rules.tables import CREW_LOST, FAILURE, PARTIAL, SUCCESS
from game.scenario import BUILTIN_DIR, load
from game.session import (
    CorruptSaveError,
    GameSession,
    IncompatibleSaveError,
    Plan,
    SaveError,
    ScenarioChangedError,
    load_game,
    make_seat,
    save_game,
)
from game.session.probe import PROBE_GAMES, PROBE_SEED, PROBE_TURNS, machine_probe, probe_orders
from game.session.saves import autosave, list_saves

FLOWN = (SUCCESS, PARTIAL, FAILURE, CREW_LOST)


@pytest.fixture(scope="module")
def scenario():
    return load("historical")


def played(scenario, turns: int = 6, seed: int = 5) -> GameSession:
    r = scenario.rules
    s = GameSession.new(scenario, (make_seat("human", r), make_seat("scripted", r)), seed=seed, names=("Ann", ""))
    vanguard = r.program_ids.index("vanguard")
    for _ in range(turns):
        plan = Plan(0)
        plan.set_funding(vanguard, 3)
        s.seal(0, plan.to_orders(r))
        s.seal(1, s.ai_orders(1))
        s.resolve()
    return s


def test_round_trip_replays_the_same_game(scenario, tmp_path):
    s = played(scenario)
    plan = Plan(0)
    plan.set_funding(scenario.rules.program_ids.index("redstone"), 2.5)
    s.seal(0, plan.to_orders(scenario.rules))
    path = save_game(s, tmp_path / "game")
    assert path.suffix == ".save"
    back = load_game(path)
    assert back.checksum() == s.checksum()
    assert back.turn == s.turn and back.seed == s.seed and back.names == ("Ann", "")
    assert [x.name for x in back.seats] == ["human", "scripted"]
    assert back.has_sealed(0) and not back.has_sealed(1)
    assert np.array_equal(back.sealed[0].funding, s.sealed[0].funding)
    a, b = back.observation(0), s.observation(0)
    assert np.array_equal(a.prestige, b.prestige) and np.array_equal(a.status, b.status)
    assert len(back.history[0]) == len(s.history[0])


def test_play_load_exit_reports_the_save(scenario, tmp_path, capsys):
    path = save_game(played(scenario, 3), tmp_path / "three.save")
    assert main(["play", "--load", str(path), "--exit"]) == 0
    out = capsys.readouterr().out
    assert "historical" in out and "1957" in out and "Human 'Ann'" in out and "AI (scripted)" in out


@pytest.mark.parametrize("content", [b"\x00\x13not a save at all{", b"", b'{"format": "spacerace-save", "form',
                                     b"[1, 2, 3]", b'{"format": "other"}', "é".encode("latin-1")])
def test_broken_files_give_one_line(content, tmp_path, capsys):
    bad = tmp_path / "bad.save"
    bad.write_bytes(content)
    with pytest.raises(CorruptSaveError) as err:
        load_game(bad)
    assert "\n" not in str(err.value) and "bad.save" in str(err.value)
    assert main(["play", "--load", str(bad), "--exit"]) == 1
    text = capsys.readouterr()
    assert text.out == "" and len(text.err.strip().splitlines()) == 1 and "Traceback" not in text.err


def test_truncated_save_and_others_untouched(scenario, tmp_path):
    good = save_game(played(scenario, 2), tmp_path / "good.save")
    other = save_game(played(scenario, 4), tmp_path / "other.save")
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    cut = tmp_path / "cut.save"
    cut.write_bytes(good.read_bytes()[: len(good.read_bytes()) // 2])
    with pytest.raises(CorruptSaveError, match="truncated"):
        load_game(cut)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.name != "cut.save"} == before
    assert load_game(other).turn == 4


def test_edited_order_log_fails_the_checksum(scenario, tmp_path):
    path = save_game(played(scenario, 4), tmp_path / "g.save")
    data = json.loads(path.read_text())
    first = next(o for o in data["orders"] if o["funding"])
    pid = next(iter(first["funding"]))
    first["funding"][pid] = 0.5
    path.write_text(json.dumps(data))
    with pytest.raises(CorruptSaveError, match="checksum"):
        load_game(path)


def test_a_save_of_an_older_game_version_that_replays_differently_names_the_version(scenario, tmp_path):
    path = save_game(played(scenario, 3), tmp_path / "g.save")
    data = json.loads(path.read_text())
    data["game_version"], data["checksum"] = "0.1.0", "0" * len(data["checksum"])   # older rules, other result
    path.write_text(json.dumps(data))
    with pytest.raises(IncompatibleSaveError, match="made by Space Race 0.1.0"):
        load_game(path)


def test_newer_format_is_incompatible(scenario, tmp_path):
    path = save_game(played(scenario, 1), tmp_path / "g.save")
    data = json.loads(path.read_text())
    data["format_version"] = 99
    path.write_text(json.dumps(data))
    with pytest.raises(IncompatibleSaveError, match="newer"):
        load_game(path)


FORMAT1 = Path(__file__).parent / "data" / "saves" / "0.2.0" / "format1-ann-vs-scripted.save"


def test_a_format_1_save_still_loads_and_is_checked_by_its_summary(tmp_path):
    """A real save written by 0.2.0 (save format 1; Ann, human, against the scripted USSR, twelve turns
    in, Atlas funding sealed for the next turn). Its checksum covered two arrays the state no longer
    keeps, so its replay is checked against its summary. (Made from the historical scenario as it was
    then: if that scenario's content changes, this save is refused as made with another scenario, and
    it must be made anew with the game of that time.)"""
    back = load_game(FORMAT1)
    data = json.loads(FORMAT1.read_text())
    assert data["format_version"] == 1 and back.turn == 12 == data["turn"]
    assert back.names == ("Ann", "") and [x.name for x in back.seats] == ["human", "scripted"]
    assert back.has_sealed(0) and not back.has_sealed(1)
    assert [round(float(v), 1) for v in back.observation(0).prestige[0]] == data["summary"]["prestige"]
    # saved again, it is a format 2 save of the same game, checked by its checksum
    again = load_game(save_game(back, tmp_path / "again"))
    assert again.checksum() == back.checksum()
    assert json.loads((tmp_path / "again.save").read_text())["format_version"] == 2
    # a format 1 save whose summary does not match its replay was damaged or edited
    data["summary"]["prestige"][1] += 5
    edited = tmp_path / "edited.save"
    edited.write_text(json.dumps(data))
    with pytest.raises(CorruptSaveError, match="does not replay to the game it saved"):
        load_game(edited)
    del data["summary"]
    edited.write_text(json.dumps(data))
    with pytest.raises(CorruptSaveError, match="summary is missing"):
        load_game(edited)


def test_changed_scenario_is_named(tmp_path):
    folder = tmp_path / "mymod"
    shutil.copytree(BUILTIN_DIR / "historical", folder)
    toml = folder / "scenario.toml"
    toml.write_text(toml.read_text().replace('id = "historical"', 'id = "mymod"'))
    sc = load(folder)
    path = save_game(played(sc, 2), tmp_path / "mod.save")
    assert load_game(path).turn == 2
    toml.write_text(toml.read_text().replace("start_cash = 15", "start_cash = 16"))
    with pytest.raises(ScenarioChangedError, match="changed since") as err:
        load_game(path)
    assert "mymod" in str(err.value)


def test_missing_file_is_a_save_error(tmp_path):
    with pytest.raises(SaveError, match="no such save"):
        load_game(tmp_path / "nothing.save")


def test_autosaves_keep_the_last_few_and_nothing_else(scenario, tmp_path):
    keep = tmp_path / "mine.save"
    keep.write_text("not mine to delete")
    s = played(scenario, 1)
    for _ in range(6):
        autosave(s, tmp_path, keep=3)
    autos = list_saves(tmp_path, autosaves=True)
    assert len(autos) == 3 and keep.exists()
    assert not list(tmp_path.glob("*.tmp"))


def test_a_save_from_a_computer_that_computes_differently_says_so(scenario, tmp_path):
    """Another computer's maths library can play the same orders to other last bits: its save carries
    another probe, and a replay that does not match is reported as made elsewhere, not as damaged."""
    path = save_game(played(scenario, 3), tmp_path / "g.save")
    data = json.loads(path.read_text())
    assert data["probe"] == machine_probe(scenario.rules)
    data["probe"] = "f" * len(data["probe"])                  # that computer's fingerprint
    data["checksum"] = "0" * len(data["checksum"])            # and the game it saved, not this replay
    path.write_text(json.dumps(data))
    before = path.read_bytes()
    with pytest.raises(IncompatibleSaveError, match="computer whose arithmetic differs") as err:
        load_game(path)
    assert "\n" not in str(err.value)
    assert path.read_bytes() == before
    data["probe"] = machine_probe(scenario.rules)              # the same kind of computer: damaged
    path.write_text(json.dumps(data))
    with pytest.raises(CorruptSaveError, match="checksum"):
        load_game(path)


def test_the_probe_sees_a_last_bit_of_the_rules_arithmetic(scenario):
    """The probe's fixed games reach flights and budget years, so one float32 step in a number the
    rules compute with changes it; the same rules give the same probe."""
    rules = scenario.rules
    assert machine_probe(dataclasses.replace(rules, _kernel={})) == machine_probe(rules)
    nudged = float(np.nextafter(np.float32(rules.noise_sd), np.float32(1)))
    assert machine_probe(dataclasses.replace(rules, noise_sd=nudged, _kernel={})) != machine_probe(rules)
    state = init(rules, game_keys(PROBE_SEED, PROBE_GAMES))
    flown = 0
    for turn in range(PROBE_TURNS):
        state, _ = step(rules, state, probe_orders(rules, PROBE_GAMES, turn))
        flown += int(np.isin(state.launch_outcome, FLOWN).sum())
    assert flown > 0 and (state.held != 0).any()
