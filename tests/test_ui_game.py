"""A game against the AI, played through the real window (SDL dummy driver)
by posting mouse and key events: start it from the menu, fund programs, plan
a mission, end turns, answer an event, save and load, finish it."""

from __future__ import annotations

import json

import pygame
import pytest
from uikit import click, click_named, continue_to_hq, frames, make_app, press, run_until, screen_text

from game.scenario import load
from game.session import GameSession, Plan, make_seat, save_game
from game.session.paths import saves_dir
from game.ui.app import Options
from game.ui.main import first_screen


@pytest.fixture
def app(tmp_path, monkeypatch):
    a = make_app(tmp_path, monkeypatch, Options(turns=4))
    yield a
    a.close()


def test_menu_new_game_screen_and_start(app):
    first_screen(app)
    frames(app, 2)
    assert app.scene.name == "main-menu"
    assert not app.scene.widgets["continue"].is_enabled  # no autosave yet
    click_named(app, "new")
    assert app.scene.name == "new-game"
    click_named(app, "side_1")
    assert app.scene.side == 1
    app.scene.widgets["seed"].set_text("42")
    click_named(app, "start")
    continue_to_hq(app)
    s = app.flow.session
    assert s.seed == 42 and s.seats[1].is_human and not s.seats[0].is_human
    assert app.scene.obs.side == 1


def test_story_fund_plan_answer_end_save_load_finish(app, tmp_path):
    from game.scenario import load

    first_screen(app, scenario=None)
    from game.ui.start import start_new

    start_new(app, load("race_to_the_moon"), "human", "ai:easy", seed=3)
    frames(app, 2)
    # the Kennedy Moon goal asks the US to decide, with its effects spelled out
    assert app.scene.name == "event" and app.scene.pending
    assert "Effects:" in screen_text(app)
    click_named(app, "option_0")
    event = app.flow.session.scenario.rules.event_ids.index("kennedy_moon_goal")
    assert app.flow.plans[0].choices[event] == 0
    continue_to_hq(app)
    hq = app.scene
    rules = app.flow.session.rules
    redstone = rules.program_ids.index("redstone")
    click_named(app, f"prog_plus_{redstone}")
    click_named(app, f"prog_plus_{redstone}")
    assert app.scene.plan.funding[redstone] == 2
    click_named(app, f"prog_max_{redstone}")  # clears
    click_named(app, f"prog_max_{redstone}")  # fills to what it can use
    from game.session.plan import useful_funding

    assert app.scene.plan.funding[redstone] == pytest.approx(useful_funding(rules, app.scene.obs, redstone))
    assert "left" in app.scene.widgets["money"].text
    # plan funding for the capsule as soon as it can take money, until a mission can fly
    booked = None
    for _ in range(4):
        hq = app.scene
        for p in (redstone, rules.program_ids.index("mercury")):
            if f"prog_max_{p}" in hq.widgets and hq.widgets[f"prog_max_{p}"].is_enabled and p not in hq.plan.funding:
                click_named(app, f"prog_max_{p}")
        press(app, pygame.K_2)
        assert app.scene.left_tab == "missions"
        for m in app.scene.missions:
            b = app.scene.widgets.get(f"mis_launch_{m}")
            if b is not None and b.is_enabled:
                click(app, b)
                booked = m
                break
        errors = [p for p in app.scene.problems if p.is_error]
        assert not errors, errors
        turn = app.flow.session.turn
        press(app, pygame.K_RETURN, pygame.KMOD_CTRL)  # end turn
        run_until(app, lambda t=turn: app.flow.session.turn > t)
        if booked is not None:
            break
        continue_to_hq(app)
    assert booked is not None, "no mission became flyable"
    if app.scene.name == "launch":  # the turn's launches play first, ours among them
        assert booked in [x.mission for x in app.scene.launches]
        click_named(app, "skip_all")
    assert app.scene.name in ("turn-results", "game-over")
    if app.scene.name == "turn-results":
        click_named(app, "skip")
        mission_name = app.flow.session.scenario.missions[booked]["name"]
        assert mission_name in app.scene.widgets["log"].html_text
        continue_to_hq(app)
        # save through the save screen, then load it back
        press(app, pygame.K_s, pygame.KMOD_CTRL)
        assert app.scene.name == "save-load"
        app.scene.widgets["save_name"].set_text("story")
        click_named(app, "save")
        assert (saves_dir() / "story.save").exists()
        checksum = app.flow.session.checksum()
        idx = next(i for i in range(20) if "story" in app.scene.widgets[f"file_{i}"].text)
        click_named(app, f"load_{idx}")
        assert app.flow.session.checksum() == checksum
        continue_to_hq(app)
        # finish: end turns until the --turns limit shows the final screen
        for _ in range(6):
            if app.scene.name == "game-over":
                break
            continue_to_hq(app)
            if app.scene.name == "game-over":
                break
            press(app, pygame.K_RETURN, pygame.KMOD_CTRL)
            run_until(app, lambda: app.scene.name != "ai-thinking")
    run_until(app, lambda: app.scene.name == "game-over" or app.scene.name == "turn-results")
    while app.scene.name != "game-over":
        continue_to_hq(app) if app.scene.name != "headquarters" else press(app, pygame.K_RETURN, pygame.KMOD_CTRL)
        run_until(app, lambda: app.scene.name != "ai-thinking")
    assert "Final prestige" in screen_text(app)


def test_corrupt_save_from_the_menu_shows_a_message(app):
    (saves_dir()).mkdir(parents=True, exist_ok=True)
    (saves_dir() / "broken.save").write_bytes(b"\x00garbage")
    first_screen(app)
    click_named(app, "load")
    assert app.scene.name == "save-load"
    click_named(app, "load_0")
    assert app.scene.name == "save-load"
    assert "not a Space Race save" in app.scene.widgets["status"].text
    frames(app, 3)


def test_a_save_from_a_computer_that_computes_differently_loads_from_the_load_screen(app):
    """The save holds the game itself: another computer's arithmetic, which would play its order log to
    other last bits, does not stop it loading (a note says so); the file is kept as it was."""
    scenario = load("historical")
    session = GameSession.new(scenario, (make_seat("human", scenario.rules), make_seat("scripted", scenario.rules)),
                              seed=3, names=("Ann", ""))
    for _ in range(2):
        session.seal(0, Plan(0).to_orders(scenario.rules))
        session.seal(1, session.ai_orders(1))
        session.resolve()
    path = save_game(session, saves_dir() / "laptop")
    data = json.loads(path.read_text())
    data["probe"] = "f" * 16                                      # another computer's probe
    data["orders"][0]["funding"]["vanguard"] = 2.0                # and its log, as it played there
    path.write_text(json.dumps(data))
    before = path.read_bytes()
    first_screen(app)
    click_named(app, "load")
    click_named(app, "load_0")
    assert app.scene.name == "save-loaded"                        # the note, once, before the game goes on
    assert "a computer that does the rules' arithmetic differently" in screen_text(app)
    click_named(app, "continue")
    assert app.flow.session.checksum() == session.checksum() and app.scene.name != "save-loaded"
    assert path.read_bytes() == before
    frames(app, 3)
