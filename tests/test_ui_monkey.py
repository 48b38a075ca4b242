"""A monkey plays: 2,000 random clicks, keys and wheel turns on the real
window must raise nothing, whatever screen they land on."""

from __future__ import annotations

import random

import pygame
from uikit import DT, make_app

from game.ui.app import Options
from game.ui.main import first_screen

KEYS = [pygame.K_RETURN, pygame.K_ESCAPE, pygame.K_SPACE, pygame.K_1, pygame.K_2, pygame.K_3, pygame.K_4,
        pygame.K_5, pygame.K_c, pygame.K_h, pygame.K_e, pygame.K_n, pygame.K_l, pygame.K_F1, pygame.K_PAGEDOWN,
        pygame.K_PAGEUP, pygame.K_UP, pygame.K_DOWN, pygame.K_TAB, pygame.K_BACKSPACE, pygame.K_a, pygame.K_7]


def test_monkey_2000_events(tmp_path, monkeypatch):
    rng = random.Random(20240601)  # the test's own generator
    app = make_app(tmp_path, monkeypatch, Options(us="human", ussr="ai:easy", scenario="historical", seed=3))
    from game.scenario import load

    first_screen(app, scenario=load("historical"))
    w, h = app.window.get_size()
    names = set()
    for _ in range(2000):
        r = rng.random()
        if r < 0.65:
            pos = (rng.randrange(w), rng.randrange(h))
            pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)))
            pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))
            pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1))
        elif r < 0.72:
            pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=rng.choice((-1, 1)), flipped=False))
        else:
            key = rng.choice(KEYS)
            mod = pygame.KMOD_CTRL if key == pygame.K_s or rng.random() < 0.05 else 0
            pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode="", scancode=0))
        app.frame(DT)
        app.frame(DT)
        names.add(app.scene.name)
        if not app.running:  # the monkey found Quit: open the menu again
            app.running = True
            first_screen(app)
        if app.window.get_size() != (w, h):
            w, h = app.window.get_size()
    assert len(names) >= 4
    app.close()
