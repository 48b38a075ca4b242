"""The forecast panel in the real window (SDL dummy mode): F on headquarters opens it, it computes off the UI
thread from that side's own view (the same forecast the command gives), draws both sides' bars, and Escape
goes back; in hot-seat each player sees their own side's forecast; the demo shows it once, on turn two."""

from __future__ import annotations

import numpy as np
import pygame
from uikit import click_named, continue_to_hq, frames, make_app, press, run_until

from game.ai.forecast import forecast
from game.scenario import load
from game.session import GameSession, Plan, make_seat
from game.ui.app import Options
from game.ui.flow import GameFlow
from game.ui.scenes.forecast import QUALITY
from game.ui.theme import side_colour


def session_at(turns: int, us: str, ussr: str, seed: int = 4) -> GameSession:
    """A real game `turns` turns in; people's seats play empty orders, AI seats their own."""
    sc = load("historical")
    r = sc.rules
    s = GameSession.new(sc, (make_seat(us, r), make_seat(ussr, r)), seed=seed)
    for _ in range(turns):
        for side in (0, 1):
            s.seal(side, Plan(side).to_orders(r) if s.seats[side].is_human else s.ai_orders(side))
        s.resolve()
    return s


def pixels_of(surface: pygame.Surface, rect: pygame.Rect, colour) -> int:
    rgb = pygame.surfarray.pixels3d(surface)[rect.x:rect.right, rect.y:rect.bottom]
    return int(np.count_nonzero((rgb == np.array(colour[:3])).all(axis=-1)))


def open_forecast(app) -> object:
    hq = app.scene
    assert hq.name == "headquarters"
    press(app, pygame.K_f)
    panel = app.scene
    assert panel.name == "forecast" and panel.back_to is hq
    run_until(app, lambda: panel.ready, limit=5000)
    frames(app, 2)
    assert not panel.error
    return panel


def test_f_opens_the_forecast_which_draws_both_sides_and_escape_closes_it(tmp_path, monkeypatch):
    s = session_at(5, "human", "ai:easy")
    app = make_app(tmp_path, monkeypatch, Options())
    try:
        GameFlow(app, s).start()
        continue_to_hq(app)
        frames(app, 2)
        hq = app.scene
        panel = open_forecast(app)
        expected = forecast(s.rules, s.observation(0), QUALITY)
        assert panel.result.side == 0
        np.testing.assert_array_equal(panel.result.first, expected.first)
        np.testing.assert_array_equal(panel.result.win, expected.win)
        assert "seen by United States" in panel.widgets["title"].text
        for side in (0, 1):   # each side's bars are drawn in its colour inside the panel
            assert pixels_of(app.window, panel.panel, side_colour(side)) > 500, side
        press(app, pygame.K_ESCAPE)
        assert app.scene is hq
    finally:
        app.close()


def test_the_forecast_button_and_close(tmp_path, monkeypatch):
    s = session_at(2, "human", "scripted")
    app = make_app(tmp_path, monkeypatch, Options(), size=(1024, 640))
    try:
        GameFlow(app, s).start()
        continue_to_hq(app)
        frames(app, 2)
        hq = app.scene
        click_named(app, "forecast")
        panel = app.scene
        assert panel.name == "forecast"
        run_until(app, lambda: panel.ready, limit=5000)
        frames(app, 2)
        assert panel.body.bottom <= panel.panel.bottom and app.window.get_rect().contains(panel.panel)
        click_named(app, "close")
        assert app.scene is hq
    finally:
        app.close()


def test_in_hot_seat_each_player_sees_their_own_sides_forecast(tmp_path, monkeypatch):
    s = session_at(4, "human", "human")
    app = make_app(tmp_path, monkeypatch, Options())
    try:
        GameFlow(app, s).start()
        continue_to_hq(app)
        frames(app, 2)
        assert app.scene.side == 0
        app.scene.end_turn()
        continue_to_hq(app)
        frames(app, 2)
        assert app.scene.side == 1
        panel = open_forecast(app)
        assert panel.result.side == 1
        np.testing.assert_array_equal(panel.result.first, forecast(s.rules, s.observation(1), QUALITY).first)
        assert "seen by Soviet Union" in panel.widgets["title"].text
    finally:
        app.close()


def test_the_demo_shows_the_forecast_once_on_the_second_turn(tmp_path, monkeypatch):
    from game.ui.start import start_demo

    shots = tmp_path / "shots"
    app = make_app(tmp_path, monkeypatch, Options(us="scripted", ussr="scripted", turns=3, screenshots=str(shots)))
    try:
        start_demo(app, seed=2)
        run_until(app, lambda: app.flow is not None and app.flow.finished, limit=30000)
        names = [p.name for p in app.shots]
        shown = [n for n in names if n.endswith("-forecast.png")]
        assert len(shown) == 1, names
        before = names[:names.index(shown[0])]
        assert sum(n.endswith("-headquarters.png") for n in before) == 2   # turn one's and turn two's
    finally:
        app.close()
