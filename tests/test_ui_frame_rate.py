"""A window left alone redraws at the idle rate; input, a new screen, the launch view and the demo run at the
full rate (App.target_fps). Driven by real posted events in SDL's dummy mode."""

from __future__ import annotations

import time

import pygame
from uikit import frames, make_app

from game.ui.app import Options
from game.ui.scenes.menu import MainMenuScene


def test_idle_menu_slows_down_and_input_or_a_new_screen_speeds_it_up(tmp_path, monkeypatch):
    app = make_app(tmp_path, monkeypatch)
    try:
        app.IDLE_AFTER_S = 1.0  # long beside a frame, even on a busy machine
        app.show(MainMenuScene(app))
        frames(app, 1)
        assert app.target_fps() == app.FPS  # a new screen counts as input
        time.sleep(1.1)
        frames(app, 1)
        assert app.target_fps() == app.IDLE_FPS < app.FPS
        pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=(10, 10), rel=(1, 1), buttons=(0, 0, 0)))
        frames(app, 1)
        assert app.target_fps() == app.FPS
        time.sleep(1.1)
        frames(app, 1)
        assert app.target_fps() == app.IDLE_FPS
        app.show(MainMenuScene(app))
        assert app.target_fps() == app.FPS
    finally:
        app.close()


def test_the_demo_keeps_the_full_rate(tmp_path, monkeypatch):
    app = make_app(tmp_path, monkeypatch, Options(us="ai:easy", ussr="ai:easy"))
    try:
        app.IDLE_AFTER_S = 0.0
        app.show(MainMenuScene(app))
        time.sleep(0.01)
        frames(app, 1)
        assert app.autoplay and app.target_fps() == app.FPS
    finally:
        app.close()
