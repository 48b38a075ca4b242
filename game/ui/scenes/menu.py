"""The main menu: new game, continue, load, scenarios, settings, help, quit."""

from __future__ import annotations

import math

import pygame

from game.session.saves import SaveError, latest_autosave
from game.ui.fonts import draw_text
from game.ui.markers import draw_side_marker
from game.ui.scene import Scene
from game.ui.theme import palette, side_colour


class MainMenuScene(Scene):
    name = "main-menu"

    def __init__(self, app, resume=None):
        super().__init__(app)
        self.resume = resume
        self.t = 0.0

    def build(self) -> None:
        L = self.L
        u = L.u
        bw, bh = int(u * 9), int(u * 1.25)
        x = L.width // 2 - bw // 2
        y = int(L.height * 0.36)
        latest = latest_autosave()
        items = []
        if self.resume is not None:
            items.append(("resume", "Resume game", "Back to the game in progress (Esc).", self.back, "#accent", True))
        items += [
            ("new", "New game", "Choose a scenario, a side and an opponent (N).", self.new_game,
             None if self.resume else "#accent", True),
            ("continue", "Continue", f"Load the latest autosave ({latest.name}) (C)." if latest else
             "No autosave yet: autosaves are written every turn of a game.", self.continue_latest, None, bool(latest)),
            ("load", "Load game", "Load a saved game or an autosave (L).", self.load, None, True),
            ("scenarios", "Scenarios", "The installed scenarios and whether they are valid (S).", self.scenarios, None,
             True),
            ("settings", "Settings", "Window size, full screen, UI scale, volume, animation speed (O).", self.settings,
             None, True),
            ("help", "Help", "How to play and the keyboard shortcuts (F1).", self.help, None, True),
            ("quit", "Quit", "Close the game (Ctrl+Q).", lambda: self.app.quit(0), "#danger", True),
        ]
        for i, (name, text, tip, act, oid, enabled) in enumerate(items):
            self.button(name, (x, y + i * (bh + L.pad), bw, bh), text, tip, act, object_id=oid, enabled=enabled)

    def back(self) -> None:
        if self.resume is not None:
            self.app.show(self.resume)

    def new_game(self) -> None:
        from game.ui.scenes.newgame import NewGameScene

        self.app.show(NewGameScene(self.app))

    def continue_latest(self) -> None:
        path = latest_autosave()
        if path is None:
            self.app.notify("There is no autosave yet.")
            return
        from game.ui.start import start_loaded

        try:
            start_loaded(self.app, path)
        except SaveError as exc:
            self.app.notify(str(exc))

    def load(self) -> None:
        from game.ui.scenes.saveload import SaveLoadScene

        self.app.show(SaveLoadScene(self.app, back_to=self))

    def scenarios(self) -> None:
        from game.ui.scenes.scenarios import ScenariosScene

        self.app.show(ScenariosScene(self.app, back_to=self))

    def settings(self) -> None:
        from game.ui.scenes.settings import SettingsScene

        self.app.show(SettingsScene(self.app, back_to=self))

    def help(self) -> None:
        from game.ui.scenes.help import HelpScene

        self.app.show(HelpScene(self.app, back_to=self))

    def update(self, dt: float) -> None:
        if not self.app.settings.reduced_motion:  # with reduced motion the two craft stay still
            self.t += dt

    def draw(self, surf) -> None:
        L = self.L
        pal = palette()
        w, h = L.width, L.height
        for i in range(90):  # a fixed starfield (positions from a hash, not from randomness)
            x = (i * 7919 * 31) % w
            y = (i * 104729 * 17) % h
            c = 90 + (i * 37) % 120
            surf.set_at((x, y), (c, c, c))
        cx, cy = w // 2, int(h * 0.2)
        rx, ry = int(L.u * 8), int(L.u * 1.6)
        pygame.draw.ellipse(surf, pal["grid"], (cx - rx, cy - ry, 2 * rx, 2 * ry), 2)
        for s, phase in ((0, 0.0), (1, math.pi)):
            a = self.t * 0.6 + phase
            draw_side_marker(surf, s, (cx + rx * math.cos(a), cy + ry * math.sin(a)), max(8, L.u // 2),
                             colour=side_colour(s))
        draw_text(surf, "SPACE RACE", (cx, cy), L.font(44), pal["text"], bold=True, anchor="center")
        draw_text(surf, "The Cold War race to orbit and the Moon", (cx, cy + int(L.u * 1.8)), L.font(17), pal["muted"],
                  anchor="center")
