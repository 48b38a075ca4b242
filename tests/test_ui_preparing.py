"""The first start after an install: the window opens at once and says the rules engine is being
prepared, keeps drawing while that runs on its thread, then shows the first screen; a failure closes
the window with its reason on stderr and exit code 1."""

from __future__ import annotations

import threading

import pygame
from uikit import frames, make_app, run_until

from game.ui.scenes.menu import MainMenuScene
from game.ui.scenes.preparing import PreparingScene
from game.ui.theme import palette


def test_the_window_waits_for_the_preparation_then_shows_the_first_screen(tmp_path, monkeypatch):
    app = make_app(tmp_path, monkeypatch)
    gate = threading.Event()
    app.show(PreparingScene(app, gate.wait, then=lambda: app.show(MainMenuScene(app))))
    frames(app, 30)
    assert app.running and app.scene.name == "preparing" and app.scene.frames >= 30   # drawing meanwhile
    pixels = pygame.surfarray.array3d(app.window)
    drawn = (pixels != palette()["background"][:3]).any(axis=2).sum()
    assert drawn > 2000, f"the preparing screen is nearly blank ({drawn} pixels drawn)"
    gate.set()
    run_until(app, lambda: app.scene.name != "preparing")
    assert isinstance(app.scene, MainMenuScene) and app.running
    app.close()


def test_a_failed_preparation_closes_the_window_with_its_reason(tmp_path, monkeypatch, capsys):
    def fails():
        raise RuntimeError("no room left for the compiled rules")

    app = make_app(tmp_path, monkeypatch)
    app.show(PreparingScene(app, fails, then=lambda: app.show(MainMenuScene(app))))
    run_until(app, lambda: not app.running)
    assert app.exit_code == 1
    assert "spacerace: no room left for the compiled rules" in capsys.readouterr().err
    app.close()


def test_escape_quits_while_preparing(tmp_path, monkeypatch):
    app = make_app(tmp_path, monkeypatch)
    app.show(PreparingScene(app, threading.Event().wait, then=lambda: None))
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_ESCAPE, mod=0, unicode="", scancode=0))
    frames(app, 2)
    assert not app.running and app.exit_code == 0
    app.close()
