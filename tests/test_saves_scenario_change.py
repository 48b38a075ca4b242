"""A modder edits their scenario between two evenings: a number changed, a mission removed, a program and
an event (with a new flag) added at the top of their files, so every index after them moves. Their save
loads onto the scenario as it is now, matched by id, lists what changed, and plays on. Real files, copied
to a temporary folder and edited as text."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import numpy as np
import pytest
from gamekit import HISTORICAL

from game.cli import main
from game.rules.state import NEVER
from game.scenario import load
from game.session import GameSession, Plan, make_seat, save_game
from game.session.saves import open_save

NEW_PROGRAM = '''
[[program]]
id = "mod_probe"
name = "Modder's probe"
side = "us"
kind = "launcher"
requires = []
available = "1955-07"
locked = false
start_cost = 5
dev_turns = 1
flight_cost = 1
research_cost = 4
reliability = 0.5
research_cap = 0.9
max_reliability = 0.95
crew = 0
description = "Added by a modder."
'''

NEW_EVENT = '''
[[event]]
id = "mod_news"
title = "A modder's news"
text = "Something new happens."
source = "history"
who = "us"
public = true
once = true
date = "1955-07"
effects = { prestige = 1, set_flags = ["mod_flag"] }
'''


def add_first(path: Path, kind: str, block: str) -> None:
    """Insert `block` before the first [[kind]] of a file."""
    text = path.read_text()
    i = text.index(f"[[{kind}]]")
    path.write_text(text[:i] + block.lstrip() + "\n" + text[i:])


def remove_entry(path: Path, kind: str, ident: str) -> None:
    text = path.read_text()
    blocks = re.split(rf"(?=^\[\[{kind}\]\]$)", text, flags=re.M)
    kept = [b for b in blocks if f'id = "{ident}"' not in b.split("\n", 2)[1]]
    assert len(kept) == len(blocks) - 1
    path.write_text("".join(kept))


@pytest.fixture
def mod(tmp_path):
    folder = tmp_path / "mymod"
    shutil.copytree(HISTORICAL, folder)
    meta = folder / "scenario.toml"
    meta.write_text(meta.read_text().replace('id = "historical"', 'id = "mymod"'))
    return folder


def play(session: GameSession, turns: int) -> None:
    r = session.rules
    for _ in range(turns):
        plan = Plan(0)
        plan.set_funding(r.program_ids.index("vanguard"), 4)
        plan.set_funding(r.program_ids.index("redstone"), 2)
        session.seal(0, plan.to_orders(r))
        session.seal(1, session.ai_orders(1))
        session.resolve()


def by_id(ids, row) -> dict:
    return {i: row[k].item() for k, i in enumerate(ids)}


def test_a_modders_save_survives_added_removed_and_changed_entries(mod, tmp_path, capsys):
    sc = load(mod)
    session = GameSession.new(sc, (make_seat("human", sc.rules), make_seat("scripted", sc.rules)), 8, ("Ann", ""))
    play(session, 9)
    plan = Plan(0)
    plan.set_funding(sc.rules.program_ids.index("vanguard"), 3)
    session.seal(0, plan.to_orders(sc.rules))
    path = save_game(session, tmp_path / "evening1")
    old, st = sc.rules, session.state
    assert st.held[0].any() and (st.flights[0] > 0).any()              # launches flown, milestones held

    programs = mod / "programs.toml"
    programs.write_text(programs.read_text().replace("reliability = 0.6\n", "reliability = 0.7\n", 1))
    add_first(programs, "program", NEW_PROGRAM)
    remove_entry(mod / "missions.toml", "mission", "venera_descent")
    add_first(mod / "events.toml", "event", NEW_EVENT)

    before = path.read_bytes()
    loaded = open_save(path)
    assert path.read_bytes() == before
    assert loaded.notes == []
    assert loaded.changes == ["program redstone: reliability 0.6 -> 0.7", "program mod_probe added",
                              "mission venera_descent removed", "event mod_news added", "flag mod_flag added"]
    back = loaded.session
    new = back.rules
    assert new.program_ids[0] == "mod_probe" and new.event_ids[0] == "mod_news"    # every index moved
    now = back.state
    assert back.turn == session.turn and not back.log_replays
    assert np.array_equal(now.prestige, st.prestige) and np.array_equal(now.cash, st.cash)
    for field in ("dev", "flights", "nobs", "grounded_until", "prog_unlocked", "prog_cancelled", "est_z"):
        got, want = by_id(new.program_ids, getattr(now, field)[0]), by_id(old.program_ids, getattr(st, field)[0])
        assert {k: got[k] for k in want} == want, field
    assert by_id(new.program_ids, now.dev[0])["mod_probe"] == 0
    rel_now, rel_was = by_id(new.program_ids, now.rel[0]), by_id(old.program_ids, st.rel[0])
    assert {k: v for k, v in rel_now.items() if k not in ("redstone", "mod_probe")} == {
        k: v for k, v in rel_was.items() if k != "redstone"}
    assert rel_now["redstone"] == pytest.approx(min(rel_was["redstone"] + 0.1, 0.985), abs=1e-6)
    held = [{k for i, k in enumerate(ids) if int(h[s]) >> i & 1} for ids, h in
            ((new.milestone_ids, now.held[0]), (old.milestone_ids, st.held[0])) for s in (0, 1)]
    assert held[:2] == held[2:]
    assert by_id(new.milestone_ids, now.first_month[0]) == by_id(old.milestone_ids, st.first_month[0])
    ev_now, ev_was = by_id(new.event_ids, now.ev_last[0]), by_id(old.event_ids, st.ev_last[0])
    assert ev_now.pop("mod_news") == -NEVER and ev_now == ev_was
    flags_now, flags_was = by_id(new.flag_ids, now.flags[0]), by_id(old.flag_ids, st.flags[0])
    assert flags_now.pop("mod_flag") is False and flags_now == flags_was
    assert by_id(new.mission_ids, now.mis_unlocked[0]) == {
        k: v for k, v in by_id(old.mission_ids, st.mis_unlocked[0]).items() if k != "venera_descent"}
    # the sealed orders, the digests and the charts, by id
    assert by_id(new.program_ids, back.sealed[0].funding[0])["vanguard"] == 3
    assert len(back.reports[0]) == len(session.reports[0]) and len(back.history[1]) == len(session.history[1])
    assert [new.mission_ids[x.mission] for x in back.last_report(1).launches] == [
        old.mission_ids[x.mission] for x in session.last_report(1).launches]
    # and it plays on, under the new rules
    back.seal(1, back.ai_orders(1))
    back.resolve()
    play(back, 1)
    assert back.turn == session.turn + 2
    # the command line says the same, once
    assert main(["play", "--load", str(path), "--exit"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 2 and out[0].startswith("evening1.save: scenario") and "seed 8" in out[0]
    assert out[1] == "changed since the save: " + "; ".join(loaded.changes)
    # saved again, the game is on the scenario as it is now: nothing to list
    again = open_save(save_game(back, tmp_path / "evening2"))
    assert again.changes == [] and again.notes == []
    assert json.loads((tmp_path / "evening2.save").read_text())["scenario"]["hash"] == new.content_hash


def test_a_long_list_of_changes_is_cut_short(mod, tmp_path):
    sc = load(mod)
    session = GameSession.new(sc, (make_seat("human", sc.rules), make_seat("scripted", sc.rules)), 2)
    path = save_game(session, tmp_path / "g")
    programs = mod / "programs.toml"
    programs.write_text(programs.read_text().replace("flight_cost = ", "flight_cost = 1 + "))
    assert "1 + " in programs.read_text()
    programs.write_text(re.sub(r"flight_cost = 1 \+ (\d+)", lambda m: f"flight_cost = {int(m[1]) + 1}",
                               programs.read_text()))
    lines = open_save(path).changes
    assert len(lines) == 12 and re.fullmatch(r"and \d+ more changes", lines[-1])
    assert all(line.startswith("program ") and "flight_cost" in line for line in lines[:-1])


def test_a_field_the_scenario_format_gained_since_the_save_is_no_change(mod):
    """A save made before the format had a field (its digest lacks it) lists nothing for it while the
    scenario leaves it at its default, and lists it once the scenario sets another value."""
    from game.session.scenario_diff import changes, scenario_digest

    now = scenario_digest(load(mod))
    old = json.loads(json.dumps(now))
    del old["settings"]["rules.estimate_noise"], old["mission"]["vostok_orbit"]["steps[1].lethality"]
    assert changes(old, now) == []
    meta = mod / "scenario.toml"
    text = meta.read_text()
    assert "estimate_noise = 0.15" in text
    meta.write_text(text.replace("estimate_noise = 0.15", "estimate_noise = 0.2"))
    assert changes(old, scenario_digest(load(mod))) == ["rules: estimate_noise none -> 0.2"]
