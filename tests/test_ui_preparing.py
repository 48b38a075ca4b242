"""The first start after an install: the window is usable while the rules engine is prepared in the
background. Menu, help, settings, scenarios and new-game setup work meanwhile with a status in a
corner; a game asked for before the engine is ready waits on the waiting screen (Escape goes back)
and starts by itself once it is; a failure is one line, never a hang.

Here the preparation is a job held by a gate (the rules are already compiled in this process by
conftest); test_ui_cold_start.py runs the real compile from an empty cache."""

from __future__ import annotations

import threading

import pygame
import pytest
from uikit import click_named, frames, make_app, press, run_until

from game.scenario import load
from game.ui.app import Options
from game.ui.main import first_screen
from game.ui.preparation import Preparation
from game.ui.scenes.preparing import seconds, status_text
from game.ui.theme import palette


def held(gate: threading.Event):
    """A preparation job that finishes when the gate opens."""
    return lambda started: gate.wait()


def corner_drawn(app) -> int:
    """Pixels drawn in the top-right corner, where the status is."""
    pixels = pygame.surfarray.array3d(app.window)
    w, h = app.window.get_size()
    corner = pixels[w // 2:, : 2 * app.layout.u]
    return int((corner != palette()["background"][:3]).any(axis=2).sum())


@pytest.fixture
def gate():
    g = threading.Event()
    yield g
    g.set()


def test_the_menu_and_its_screens_work_while_the_engine_is_prepared(tmp_path, monkeypatch, gate):
    app = make_app(tmp_path, monkeypatch)
    app.core = Preparation(held(gate))
    first_screen(app)
    frames(app, 5)
    assert app.scene.name == "main-menu" and not app.rules_ready
    assert status_text(app.core).startswith("Preparing the rules engine… ")
    assert "minute" not in status_text(app.core)
    assert corner_drawn(app) > 200, "no status in the corner"
    press(app, pygame.K_F1)
    assert app.scene.name == "help"
    press(app, pygame.K_ESCAPE)
    for button, screen in (("settings", "settings"), ("scenarios", "scenarios"), ("help", "help")):
        click_named(app, button)
        assert app.scene.name == screen
        assert corner_drawn(app) > 200, f"no status on {screen}"
        click_named(app, "back")
        assert app.scene.name == "main-menu"
    click_named(app, "new")
    assert app.scene.name == "new-game" and "description" in app.scene.widgets
    click_named(app, "back")
    assert app.scene.name == "main-menu" and app.core.running
    app.close()


def new_game_while_preparing(tmp_path, monkeypatch, gate):
    """A window whose rules are held by `gate`, where the player has started a new game from the menu."""
    app = make_app(tmp_path, monkeypatch)
    app.core = Preparation(held(gate))
    first_screen(app)
    click_named(app, "new")
    click_named(app, "start")
    return app


def test_a_new_game_started_meanwhile_waits_and_begins_when_ready(tmp_path, monkeypatch, gate):
    app = new_game_while_preparing(tmp_path, monkeypatch, gate)
    assert app.scene.name == "waiting-for-rules" and app.flow is None
    frames(app, 30)
    assert app.scene.name == "waiting-for-rules" and app.scene.frames >= 30   # drawing meanwhile
    pixels = pygame.surfarray.array3d(app.window)
    assert (pixels != palette()["background"][:3]).any(axis=2).sum() > 2000, "the waiting screen is nearly blank"
    gate.set()
    run_until(app, lambda: app.flow is not None)
    assert app.scene.name in ("headquarters", "turn-results", "event") and app.flow.session.turn == 0
    if app.scene.modal:                                         # a first pop-up is not over the waiting screen
        backdrop = pygame.surfarray.array3d(app._backdrop)
        assert (backdrop == palette()["background"][:3]).all()
    app.close()


def test_escape_on_the_waiting_screen_goes_back_and_the_engine_keeps_preparing(tmp_path, monkeypatch, gate):
    app = new_game_while_preparing(tmp_path, monkeypatch, gate)
    assert app.scene.name == "waiting-for-rules"
    press(app, pygame.K_ESCAPE)
    assert app.scene.name == "new-game" and app.core.running and app.running
    gate.set()
    run_until(app, lambda: app.rules_ready)
    frames(app, 2)
    assert app.flow is None and app.scene.name == "new-game"   # going back cancelled that start
    assert status_text(app.core).startswith("Rules engine ready")
    click_named(app, "start")                                   # now it starts at once
    assert app.flow is not None
    app.close()


def test_a_demo_asked_for_on_the_command_line_waits_then_plays(tmp_path, monkeypatch, gate):
    app = make_app(tmp_path, monkeypatch, Options(us="ai:easy", ussr="ai:easy", seed=1, turns=1, exit_at_end=True))
    app.core = Preparation(held(gate))
    first_screen(app, scenario=load("historical"))
    frames(app, 20)
    assert app.scene.name == "waiting-for-rules"
    gate.set()
    run_until(app, lambda: app.flow is not None)
    assert app.flow.spectating
    app.close()


def test_a_failed_preparation_is_one_line_and_the_menu_stays_usable(tmp_path, monkeypatch, capsys):
    def fails(started):
        raise RuntimeError("could not compile the rules engine: no room left\n  on the device")

    app = make_app(tmp_path, monkeypatch)
    app.core = Preparation(fails)
    first_screen(app)
    app.core.wait(10)
    frames(app, 3)
    err = capsys.readouterr().err
    assert err == "spacerace: could not compile the rules engine: no room left on the device\n"
    assert "Traceback" not in err and app.running and app.scene.name == "main-menu"
    assert "no room left" in app.message
    click_named(app, "new")
    click_named(app, "start")                                   # the waiting screen says why; Back returns
    assert app.scene.name == "waiting-for-rules" and app.running
    frames(app, 3)
    click_named(app, "back")
    assert app.scene.name == "new-game" and app.running
    assert capsys.readouterr().err == ""                        # reported once
    app.close()


def test_a_failed_preparation_ends_a_command_line_game_with_exit_code_1(tmp_path, monkeypatch, capsys):
    def fails(started):
        raise RuntimeError("could not compile the rules engine: exit -9")

    app = make_app(tmp_path, monkeypatch, Options(us="ai:easy", ussr="ai:easy", turns=1, exit_at_end=True))
    app.core = Preparation(fails)
    first_screen(app, scenario=load("historical"))
    run_until(app, lambda: not app.running)
    assert app.exit_code == 1
    assert capsys.readouterr().err == "spacerace: could not compile the rules engine: exit -9\n"
    app.close()


def test_a_save_that_cannot_be_loaded_once_ready_is_one_line_and_exit_code_1(tmp_path, monkeypatch, capsys, gate):
    bad = tmp_path / "bad.json"
    bad.write_text("not a save")
    app = make_app(tmp_path, monkeypatch, Options(load=str(bad)))
    app.core = Preparation(held(gate))
    first_screen(app)
    frames(app, 3)
    assert app.scene.name == "waiting-for-rules"
    gate.set()
    run_until(app, lambda: not app.running)
    err = capsys.readouterr().err
    assert app.exit_code == 1 and err.startswith(f"spacerace: cannot load {bad}: ") and err.count("\n") == 1
    app.close()


def test_closing_the_window_ends_the_compile_process(tmp_path, monkeypatch):
    import subprocess
    import sys

    processes = []

    def job(started):
        p = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
        processes.append(p)
        started(p)
        p.wait()

    app = make_app(tmp_path, monkeypatch)
    app.core = Preparation(job)
    first_screen(app)
    run_until(app, lambda: processes)
    app.close()
    assert processes[0].wait(10) != 0


def test_the_elapsed_time_is_measured_not_estimated():
    times = [100.0, 107.9, 230.0]
    clock = lambda: times.pop(0) if len(times) > 1 else times[0]  # noqa: E731
    gate = threading.Event()
    prep = Preparation(held(gate), clock=clock)
    assert prep.elapsed() == pytest.approx(7.9) and seconds(7.9) == "7 s"
    assert seconds(prep.elapsed()) == "2 min 10 s"
    gate.set()
