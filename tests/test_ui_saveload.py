"""The load screen of the real window (SDL dummy driver) with a modder's save whose scenario has changed
since: loading it shows what changed, once, then the game goes on from where it was saved; Back leaves
the game unstarted. Real files: a copy of the historical scenario in a temporary folder, edited as text."""

from __future__ import annotations

import html
import shutil

import numpy as np
import pygame
from gamekit import HISTORICAL
from uikit import click_named, continue_to_hq, frames, make_app, press, screen_text

from game.scenario import load
from game.session import GameSession, Plan, make_seat, save_game
from game.session.paths import saves_dir
from game.ui.app import Options
from game.ui.main import first_screen

CHANGE = "program redstone: reliability 0.6 -> 0.7"


def modders_save(tmp_path):
    """A game of a modder's copy of the historical scenario, three turns in, saved in the saves folder; then
    the modder makes Redstone more reliable."""
    folder = tmp_path / "mymod"
    shutil.copytree(HISTORICAL, folder)
    meta = folder / "scenario.toml"
    meta.write_text(meta.read_text().replace('id = "historical"', 'id = "mymod"'))
    sc = load(folder)
    session = GameSession.new(sc, (make_seat("human", sc.rules), make_seat("ai:easy", sc.rules)), 4, ("Ann", ""))
    for _ in range(3):
        session.seal(0, Plan(0).to_orders(sc.rules))
        session.seal(1, session.ai_orders(1))
        session.resolve()
    path = save_game(session, saves_dir() / "mod")
    programs = folder / "programs.toml"
    programs.write_text(programs.read_text().replace("reliability = 0.6\n", "reliability = 0.7\n", 1))
    return session, path


def open_load_screen(app) -> None:
    first_screen(app)
    frames(app, 2)
    click_named(app, "load")
    assert app.scene.name == "save-load"


def test_the_load_screen_shows_what_changed_once_then_the_game_goes_on(tmp_path, monkeypatch):
    app = make_app(tmp_path, monkeypatch, Options())
    try:
        session, path = modders_save(tmp_path)
        open_load_screen(app)
        p = session.state.prestige[0]
        assert app.scene.widgets["file_0"].text.startswith(     # the public summary only
            f"[save] mod: Spring 1957 (turn 4/41) · mymod · human v ai:easy · US {p[0]:.0f}, USSR {p[1]:.0f} · saved ")
        click_named(app, "load_0")
        assert app.scene.name == "save-loaded" and app.flow is None
        text = html.unescape(screen_text(app))
        assert CHANGE in text and "has changed since this save" in text and "turn 4 of 41" in text
        click_named(app, "continue")
        game = app.flow.session
        assert game.turn == 3 and np.array_equal(game.state.prestige, session.state.prestige)
        assert game.scenario.rules.content_hash != session.rules.content_hash
        continue_to_hq(app)
        assert CHANGE not in html.unescape(screen_text(app))                  # shown once, not in the game's screens
        press(app, pygame.K_RETURN, pygame.KMOD_CTRL)          # end the turn: the game plays on
        for _ in range(600):
            if app.flow.session.turn == 4:
                break
            frames(app, 1)
        assert app.flow.session.turn == 4
    finally:
        app.close()


def test_back_from_the_changes_leaves_the_game_unstarted(tmp_path, monkeypatch):
    app = make_app(tmp_path, monkeypatch, Options())
    try:
        _, path = modders_save(tmp_path)
        before = path.read_bytes()
        open_load_screen(app)
        click_named(app, "load_0")
        assert app.scene.name == "save-loaded"
        press(app, pygame.K_ESCAPE)
        assert app.scene.name == "save-load" and app.flow is None
        assert path.read_bytes() == before
    finally:
        app.close()


def test_a_save_loaded_from_the_command_line_shows_what_changed_first(tmp_path, monkeypatch):
    """`spacerace play --load FILE` opens the window on it (play.py leaves such a save to the window)."""
    _, path = modders_save(tmp_path)
    app = make_app(tmp_path, monkeypatch, Options(load=str(path)))
    try:
        first_screen(app)
        frames(app, 2)
        assert app.scene.name == "save-loaded" and CHANGE in html.unescape(screen_text(app))
        press(app, pygame.K_RETURN)
        assert app.flow is not None and app.flow.session.turn == 3 and app.scene.name != "save-loaded"
    finally:
        app.close()
