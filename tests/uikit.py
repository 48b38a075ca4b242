"""Driving the real game window in SDL's dummy video mode: post events, run frames.

Import this before pygame. Nothing of the game is mocked: clicks are pygame
mouse events at a widget's centre, keys are KEYDOWN events.
"""

from __future__ import annotations

import functools
import os

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"
os.environ["PYGAME_HIDE_SUPPORT_PROMPT"] = "1"

import pygame  # noqa: E402

from game.ui.app import App, Options  # noqa: E402
from game.ui.settings import Settings  # noqa: E402

DT = 1 / 60


def make_app(tmp_path, monkeypatch, options: Options | None = None, size=(1280, 720), **settings) -> App:
    """A fresh App whose saves and settings live under tmp_path. The guide and the end-turn question are
    off unless `settings` turns them on (their own tests do), so other tests play turns directly."""
    monkeypatch.setenv("SPACERACE_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("SPACERACE_CONFIG_DIR", str(tmp_path / "config"))
    chosen = {"guide": False, "confirm_end_turn": False, **settings}
    return App(options or Options(), Settings(width=size[0], height=size[1], volume=0.0, **chosen))


def frames(app: App, n: int = 1) -> None:
    for _ in range(n):
        app.frame(DT)


def click(app: App, widget, button: int = 1) -> None:
    """Press and release the mouse over a widget, then run the frames that deliver the press."""
    assert widget.is_enabled, f"{widget} is disabled"
    pos = widget.rect.center
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=button))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=button))
    frames(app, 2)


def click_named(app: App, name: str) -> None:
    click(app, app.scene.widgets[name])


def press(app: App, key: int, mod: int = 0, text: str = "") -> None:
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode=text, scancode=0))
    pygame.event.post(pygame.event.Event(pygame.KEYUP, key=key, mod=mod, unicode=text, scancode=0))
    frames(app, 2)


def run_until(app: App, condition, limit: int = 600) -> None:
    """Run frames until condition() holds (the AI thinks on a thread); fail after `limit` frames."""
    for _ in range(limit):
        if condition():
            return
        frames(app, 1)
        if not condition():
            import time

            time.sleep(0.002)  # let the AI thread run; this is not a timing assertion
    assert condition(), f"still on {app.scene.name}"


def scene_name(app: App) -> str:
    return app.scene.name


def continue_to_hq(app: App, limit: int = 600) -> None:
    """Click through launches, results and news (answering events with their first option) until headquarters,
    or until the game-over screen when the game ended."""
    for _ in range(limit):
        name = app.scene.name
        if name in ("headquarters", "game-over"):
            return
        w = app.scene.widgets
        if name == "event":
            click(app, w.get("continue") or w["option_0"])
        elif name in ("turn-results", "pass-device"):
            click(app, w["continue"])
        elif name == "launch":
            click(app, w["skip_all"])
        else:
            frames(app, 1)
            import time

            time.sleep(0.002)
    raise AssertionError(f"never reached headquarters; on {app.scene.name}")


def default_to_hq(app: App, limit: int = 100):
    """Take each screen's default action (as the demo does) until headquarters; returns that scene."""
    for _ in range(limit):
        if app.scene.name == "headquarters":
            return app.scene
        app.scene.default_action()
        frames(app, 2)
    raise AssertionError(f"never reached headquarters; on {app.scene.name}")


def screen_text(app: App) -> str:
    """Every text the current screen shows in its widgets (labels, buttons, text boxes, tooltips)."""
    out = []
    for w in app.scene.widgets.values():
        for attr in ("text", "html_text"):
            t = getattr(w, attr, None)
            if isinstance(t, str):
                out.append(t)
        tip = getattr(w, "tool_tip_text", None)
        if isinstance(tip, str):
            out.append(tip)
    return "\n".join(out)


@functools.cache
def _scripted_orders(scenario_id: str, seed: int, turns: int) -> tuple:
    """The scripted AI's orders for both sides of each turn of a game (human seats, `seed`), `turns` turns long."""
    from game.ai.policies import make_policy
    from game.scenario import load
    from game.session.game import GameSession
    from game.session.seats import make_seat

    sc = load(scenario_id)
    s = GameSession.new(sc, (make_seat("human", sc.rules), make_seat("human", sc.rules)), seed)
    policies = [make_policy("scripted", sc.rules) for _ in (0, 1)]
    log = []
    while s.turn < turns and not s.is_over:
        orders = tuple(policies[side].act(s.observation(side), s.ai_key(side)) for side in (0, 1))
        for side in (0, 1):
            s.seal(side, orders[side])
        s.resolve()
        log.append(orders)
    return tuple(log)


def scripted_session(turns: int, seed: int = 7, scenario_id: str = "historical"):
    """A fresh hot-seat GameSession (two human seats) played `turns` turns with the scripted AI's orders for both
    sides (computed once per test run, then replayed: the same game each time). In historical with seed 7, by
    turn 34 (Autumn 1972) records have been raised and the US runs an operation."""
    from game.scenario import load
    from game.session.game import GameSession
    from game.session.seats import make_seat

    sc = load(scenario_id)
    s = GameSession.new(sc, (make_seat("human", sc.rules), make_seat("human", sc.rules)), seed)
    for orders in _scripted_orders(scenario_id, seed, turns):
        for side in (0, 1):
            s.seal(side, orders[side])
        s.resolve()
    return s
