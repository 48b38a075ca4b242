"""Real saves made by every released version (tests/data/saves/<version>/) load with today's code at the
date, turn, prestige, money, milestones and program states their own game had, and play on (a finished
game refuses more orders): bit for bit, with an order log that replays, under the copy the game keeps of
the scenario their release shipped; by id, with what changed listed, on the shipped scenario as it is now.
The 0.2.1 saves also load exactly onto an edited newer version of their scenario."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import numpy as np
import pytest
from gamekit import REPO, assert_same

from game.ai.policies import make_policy
from game.cli import main
from game.rules.rng import game_keys
from game.rules.tables import STATUS_NAMES
from game.session import OrdersError, save_game
from game.session.describe import turn_label
from game.session.save_migrate import FORMAT2_FIELDS, released_scenario
from game.session.save_state import checksum, stored_rows
from game.session.saves import open_save

SAVES = Path(__file__).parent / "data" / "saves"
FIXTURES = sorted(SAVES.glob("*/*.save"))
SIDES = ("us", "ussr")


def expected(path: Path) -> dict:
    return json.loads((path.parent / "expected.json").read_text())[path.name]


def release_checksum(session, want: dict) -> str:
    """The checksum of the loaded game over the State fields the release had, in its order: fields added since
    are left out. Records of 0.3.0 on list their fields; the 0.2.x ones were taken over 0.2.1's State."""
    rows = stored_rows(session.state)
    fields = want.get("state_fields", FORMAT2_FIELDS)
    assert set(fields) <= rows.keys(), f"today's State lacks {sorted(set(fields) - rows.keys())}"
    return checksum({name: rows[name] for name in fields})


def same_scenario(session, want: dict) -> bool:
    """Whether the shipped scenario is still the one the save was made under (same content hash)."""
    return session.rules.content_hash == want["scenario_hash"]


def check_against(session, want: dict) -> None:
    """The loaded game is the one its release recorded, bit for bit where it recorded a number."""
    rules, st = session.rules, session.state
    assert session.turn == want["turn"] and rules.n_turns == want["turns"]
    assert turn_label(session.scenario, min(session.turn, rules.n_turns - 1)) == want["date"]
    assert [float(v) for v in st.prestige[0]] == want["prestige"]
    assert [float(v) for v in st.cash[0]] == want["cash"] and [float(v) for v in st.budget[0]] == want["budget"]
    held = {SIDES[s]: [k for i, k in enumerate(rules.milestone_ids) if int(st.held[0, s]) >> i & 1] for s in (0, 1)}
    assert held == want["held"]
    firsts = {k: [int(st.first_side[0, i]), float(st.first_month[0, i])]
              for i, k in enumerate(rules.milestone_ids) if st.first_side[0, i] >= 0}
    assert firsts == want["firsts"]
    for pid, prog in want["programs"].items():
        p = rules.program_ids.index(pid)
        status = STATUS_NAMES[int(session.observation(int(rules.prog_side[p])).status[0, p])]
        got = {"status": status, "dev": float(st.dev[0, p]), "flights": int(st.flights[0, p]),
               "cancelled": bool(st.prog_cancelled[0, p])}
        assert got == prog, pid
    assert [session.has_sealed(s) for s in (0, 1)] == want["sealed"]
    assert [s.name for s in session.seats] == want["seats"] and list(session.names) == want["names"]
    assert session.seed == want["seed"] and session.is_over == want["over"]
    assert session.winner == want.get("winner", -1)


def play_two_turns(session) -> None:
    """Two more turns: the AI seats think for themselves, the human ones are played by the scripted policy."""
    policy = make_policy("scripted", session.rules)
    start = session.turn
    for _ in range(2):
        for side in (0, 1):
            if not session.has_sealed(side):
                orders = (policy.act(session.observation(side), game_keys(side, 1)) if session.seats[side].is_human
                          else session.ai_orders(side))
                session.seal(side, orders)
        session.resolve()
    assert session.turn == start + 2 and len(session.log) == start + 2
    assert len(session.history[0]) == len(session.history[1]) == start + 3


def test_every_release_has_fixtures():
    assert {p.parent.name for p in FIXTURES} >= {"0.2.0", "0.2.1", "0.3.0"}
    assert len([p for p in FIXTURES if p.parent.name == "0.2.1"]) == 7
    made = [p for p in FIXTURES if p.parent.name == "0.3.0"]
    assert len(made) == 8 and [expected(p)["over"] for p in made].count(True) == 1
    for p in made:                      # format 3 stores the state: exactly the fields 0.3.0's State had
        data, want = json.loads(p.read_text()), expected(p)
        assert data["format_version"] == want["format_version"] == 3 and data["game_version"] == "0.3.0"
        assert list(data["state"]["fields"]) == want["state_fields"]


def plays_on_and_saves_again(session, tmp_path: Path) -> None:
    """Two more turns (a finished game is shown as it ended and takes no more orders), then the game saved
    again loads as the same game."""
    if session.is_over:
        orders = make_policy("scripted", session.rules).act(session.observation(0), game_keys(0, 1))
        with pytest.raises(OrdersError, match="the game is over"):
            session.seal(0, orders)
    else:
        play_two_turns(session)
    again = open_save(save_game(session, tmp_path / "again"))
    assert again.notes == [] and again.changes == []
    assert_same(again.session.state, session.state)


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_a_released_save_loads_as_it_was_and_plays_on(path, tmp_path):
    """On the shipped scenario as it is now: exactly, while it is the one the save was made under; once it
    has changed, read onto it by id, with what changed listed."""
    want = expected(path)
    loaded = open_save(path)
    session = loaded.session
    same = same_scenario(session, want)
    assert loaded.notes == [] and bool(loaded.changes) != same and session.log_replays == same
    check_against(session, want)
    if same:                            # a scenario changed since matches columns by id: another array layout
        assert release_checksum(session, want) == want["checksum"]
    assert len(session.reports[0]) == len(session.history[1]) == session.turn + 1
    plays_on_and_saves_again(session, tmp_path)


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_a_released_save_loads_exactly_under_the_scenario_it_was_made_with(path, tmp_path):
    """Each save pointed at the game's copy of the scenario its release shipped (game/data/released/, found by
    content hash): bit for bit the release's game, its order log replays under today's rules with no note,
    and it plays on, however the shipped scenarios have changed since."""
    want = expected(path)
    released = released_scenario(want["scenario_hash"])
    assert released is not None, f"no copy of {want['scenario']} {want['scenario_hash']} in game/data/released/"
    data = json.loads(path.read_text())
    data["scenario"]["folder"] = str(released.folder)
    copy = tmp_path / path.name
    copy.write_text(json.dumps(data))
    loaded = open_save(copy)
    assert loaded.changes == [] and loaded.notes == []
    session = loaded.session
    assert session.rules.content_hash == want["scenario_hash"] and session.log_replays
    check_against(session, want)
    assert release_checksum(session, want) == want["checksum"]
    assert len(session.reports[0]) == len(session.history[1]) == session.turn + 1
    plays_on_and_saves_again(session, tmp_path)


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_the_one_line_summary_is_the_releases(path, capsys):
    """The release's summary line; when the shipped scenario has changed since, with the scenario's name and
    version as they are now, followed by the line listing what changed."""
    want = expected(path)
    loaded = open_save(path)
    summary = want["summary"]
    if not same_scenario(loaded.session, want):
        sc = loaded.session.scenario
        now = f"scenario '{sc.name}' ({sc.id} {sc.meta['scenario'].get('version', '')})"
        summary = re.sub(r"scenario '.*?' \(\S+ [^)]*\)", lambda _: now, summary, count=1)
        summary += "\nchanged since the save: " + "; ".join(loaded.changes)
    assert main(["play", "--load", str(path), "--exit"]) == 0
    assert capsys.readouterr().out == summary + "\n"


def edited_copy(tmp_path: Path) -> Path:
    """The historical scenario 0.2.1 shipped (the released copy the game keeps) as a newer version might ship
    it: version 1.1, Redstone more reliable, nothing else changed."""
    folder = tmp_path / "historical"
    shutil.copytree(REPO / "game" / "data" / "released" / "0.2.1" / "historical", folder)
    programs = folder / "programs.toml"
    text = programs.read_text()
    assert "reliability = 0.6\n" in text
    text = text.replace("reliability = 0.6\n", "reliability = 0.65\n", 1)
    programs.write_text(text)
    meta = folder / "scenario.toml"
    meta.write_text(meta.read_text().replace('version = "1.0"', 'version = "1.1"'))
    return folder


@pytest.mark.parametrize("name", ["single-historical-mid.save", "hotseat-historical-mid.save"])
def test_a_released_save_loads_exactly_onto_a_newer_version_of_its_scenario(name, tmp_path):
    """A 0.2.1 save of the historical scenario whose numbers have changed since (here a copy with another
    reliability, as a newer release or a modder who plays a copy of it would have it): the game is
    replayed under the scenario it was made with (the released copy the game keeps), then read onto the
    scenario as it is now by id, so it opens at the date, prestige, money and milestones it had, lists
    what changed, and plays on under the new numbers."""
    source = SAVES / "0.2.1" / name
    data = json.loads(source.read_text())
    data["scenario"]["folder"] = str(edited_copy(tmp_path))     # the save of that copy, made with 0.2.1
    path = tmp_path / name
    path.write_text(json.dumps(data))
    loaded = open_save(path)
    assert loaded.notes == []
    assert loaded.changes == ["scenario: version 1.0 -> 1.1", "program redstone: reliability 0.6 -> 0.65"]
    session = loaded.session
    assert session.scenario.rules.content_hash != data["scenario"]["hash"] and not session.log_replays
    check_against(session, expected(source))
    before = open_save(source).session                       # the same game on the unchanged scenario
    redstone = session.rules.program_ids.index("redstone")
    was = before.state.rel[0, redstone]                      # the new starting reliability applies to the game
    top = session.rules.max_rel[redstone]
    assert session.state.rel[0, redstone] == min(was + (np.float32(0.65) - np.float32(0.6)), top)
    play_two_turns(session)
    again = open_save(save_game(session, tmp_path / "again"))
    assert again.changes == [] and again.notes == []
    assert_same(again.session.state, session.state)
