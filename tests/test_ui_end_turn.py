"""Ending a turn: one key press never both closes the news and ends the turn, the keyboard ends a turn
only with its deliberate keys (Ctrl+Enter or E), a thin turn asks first, and "Don't ask again" is kept
in the settings file across a restart of the App."""

from __future__ import annotations

import pygame
from uikit import click_named, frames, make_app, press, run_until

from game.scenario import load
from game.ui.app import App, Options
from game.ui.scene import held_keys
from game.ui.settings import load_settings, settings_path
from game.ui.start import start_new


def _fund_first_program(app) -> None:
    """Fund with Max the first program the headquarters lists that can take money."""
    scene = app.scene
    for p in scene.programs:
        button = scene.widgets.get(f"prog_max_{p}")
        if button is not None and button.is_enabled:
            click_named(app, f"prog_max_{p}")
            return
    raise AssertionError("no program can be funded")


def _play_first_turn(app) -> None:
    """From the first headquarters: fund a program, end the turn with E, wait for the results."""
    assert app.scene.name == "headquarters"
    _fund_first_program(app)
    press(app, pygame.K_e)
    run_until(app, lambda: app.scene.name == "turn-results", limit=5000)


def test_enter_through_results_and_news_never_ends_the_turn(tmp_path, monkeypatch):
    app = make_app(tmp_path, monkeypatch)
    start_new(app, load("historical"), "human", "ai:easy", seed=2)
    frames(app, 2)
    while app.scene.name == "event":  # the opening news
        press(app, pygame.K_RETURN)
    _play_first_turn(app)
    session = app.flow.session
    assert session.turn == 1
    seen = []
    for _ in range(15):  # far more presses than screens before headquarters
        press(app, pygame.K_RETURN)
        seen.append(app.scene.name)
        if app.scene.name == "event" and app.scene.pending:
            press(app, pygame.K_1)  # a decision needs its option: a number key
    assert "headquarters" in seen
    assert app.scene.name == "headquarters" and session.turn == 1 and not session.has_sealed(0)
    press(app, pygame.K_RETURN, pygame.KMOD_LCTRL)  # the deliberate key does end it
    assert session.has_sealed(0) or app.scene.name in ("ai-thinking", "turn-results")
    app.close()


def test_a_held_key_acts_on_one_screen_only(tmp_path, monkeypatch):
    app = make_app(tmp_path, monkeypatch)
    start_new(app, load("historical"), "human", "ai:easy", seed=2)
    frames(app, 2)
    while app.scene.name == "event":
        press(app, pygame.K_RETURN)
    _play_first_turn(app)
    frames(app, 2)
    down = pygame.event.Event(pygame.KEYDOWN, key=pygame.K_c, mod=0, unicode="c", scancode=0)
    pygame.event.post(down)
    frames(app, 2)
    charts = app.scene
    assert charts.name == "charts"  # C on the results opens the charts; C on the charts closes them
    for _ in range(6):  # the key repeat of the same press, while it is held down
        pygame.event.post(down)
        frames(app, 3)
    assert app.scene is charts
    pygame.event.post(pygame.event.Event(pygame.KEYUP, key=pygame.K_c, mod=0, unicode="", scancode=0))
    frames(app, 1)
    press(app, pygame.K_c)  # a new press does
    assert app.scene.name == "turn-results"
    assert pygame.K_c not in held_keys(app)
    app.close()


def test_a_key_posted_with_the_press_that_changed_screens_is_not_for_the_new_screen(tmp_path, monkeypatch):
    app = make_app(tmp_path, monkeypatch)
    start_new(app, load("historical"), "human", "ai:easy", seed=2)
    frames(app, 2)
    while app.scene.name == "event":
        press(app, pygame.K_RETURN)
    _play_first_turn(app)
    frames(app, 2)
    results = app.scene
    for key in (pygame.K_RETURN, pygame.K_c):  # Enter leaves the results; C arrives before the next screen shows
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode="", scancode=0))
        pygame.event.post(pygame.event.Event(pygame.KEYUP, key=key, mod=0, unicode="", scancode=0))
    frames(app, 2)
    assert app.scene is not results and app.scene.name != "charts"
    app.close()


def test_a_thin_turn_asks_and_dont_ask_again_lasts_across_a_restart(tmp_path, monkeypatch):
    app = make_app(tmp_path, monkeypatch, confirm_end_turn=True)
    start_new(app, load("historical"), "human", "ai:easy", seed=2)
    frames(app, 2)
    while app.scene.name == "event":
        press(app, pygame.K_RETURN)
    hq = app.scene
    session = app.flow.session
    press(app, pygame.K_e)  # nothing funded, nothing launched
    assert app.scene.name == "confirm"
    assert app.scene.widgets["question"].text == "End the turn anyway?"
    assert "fund no program" in app.scene.widgets["detail"].html_text
    press(app, pygame.K_n)
    assert app.scene is hq and not session.has_sealed(0)

    # a little money spent still leaves most of it: asked again, with the share left
    p = next(p for p in hq.programs if hq.widgets.get(f"prog_plus_{p}") and hq.widgets[f"prog_plus_{p}"].is_enabled)
    click_named(app, f"prog_plus_{p}")
    click_named(app, "end_turn")
    detail = app.scene.widgets["detail"].html_text
    assert app.scene.name == "confirm" and "unspent" in detail
    rules = session.rules  # historical's carry-over cap is half a year; half of the excess cuts next year's budget
    assert (rules.carryover_cap, rules.overflow_cut) == (0.5, 0.5)
    assert ("up to half a year of budget, and the rest is lost, and 50% of what is lost is also cut from next "
            "year's budget") in detail
    click_named(app, "dont_ask")
    assert app.scene.widgets["dont_ask"].text.startswith("[x]")
    click_named(app, "yes")
    run_until(app, lambda: app.scene.name == "turn-results", limit=5000)
    assert session.turn == 1
    assert load_settings().confirm_end_turn is False and settings_path().is_relative_to(tmp_path)
    app.close()

    again = App(Options())  # settings read from the test's config folder
    assert again.settings.confirm_end_turn is False
    again.settings.guide = False
    start_new(again, load("historical"), "human", "ai:easy", seed=3)
    frames(again, 2)
    while again.scene.name == "event":
        press(again, pygame.K_RETURN)
    press(again, pygame.K_e)  # nothing funded: no question any more
    run_until(again, lambda: again.scene.name == "turn-results", limit=5000)
    again.close()


def test_a_well_funded_turn_does_not_ask(tmp_path, monkeypatch):
    app = make_app(tmp_path, monkeypatch, confirm_end_turn=True)
    start_new(app, load("historical"), "human", "ai:easy", seed=2)
    frames(app, 2)
    while app.scene.name == "event":
        press(app, pygame.K_RETURN)
    hq = app.scene
    for p in hq.programs:  # Max on every program that takes money, as far as the money goes
        b = hq.widgets.get(f"prog_max_{p}")
        if b is not None and b.is_enabled:
            click_named(app, f"prog_max_{p}")
    assert app.flow.plans[0].funding
    press(app, pygame.K_e)
    assert app.scene.name != "confirm"
    app.close()
