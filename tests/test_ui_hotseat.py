"""Hot-seat: two players on one machine. Every screen shown to one side is
built from that side's observation, and nothing of the other side's private
data (its unseen programs, its private events) reaches it."""

from __future__ import annotations

import numpy as np
import pygame
from uikit import click, frames, make_app, press, screen_text

from game.rules.observe import UNKNOWN
from game.scenario import load
from game.session.saves import latest_autosave, read_header
from game.ui.app import Options
from game.ui.start import start_new


def test_hotseat_keeps_each_side_private(tmp_path, monkeypatch):
    app = make_app(tmp_path, monkeypatch, Options())
    sc = load("historical")
    rules = sc.rules
    public_text = " ".join(e["title"] + " " + e["text"] for e in sc.events) + " ".join(
        m["name"] for m in sc.missions)
    start_new(app, sc, "human", "human", seed=11, names=("Ann", "Boris"))
    frames(app, 2)
    seen = {0: set(), 1: set()}
    handoffs = 0
    for _ in range(400):
        s = app.flow.session
        if s.turn >= 5:
            break
        scene = app.scene
        viewer = app.flow.viewer
        text = screen_text(app)
        seen[viewer].add(scene.name)
        if scene.name == "pass-device":
            handoffs += 1
            # the neutral screen shows no numbers and no names of either side's hardware
            assert not any(p["name"] in text for p in sc.programs)
            click(app, scene.widgets["continue"])
            continue
        rival = 1 - viewer
        obs = s.observation(viewer)
        for e in np.flatnonzero(s.state.ev_last[0] >= 0):     # every event that has fired
            ev = sc.events[e]
            if ev["who"] == ("us", "ussr")[rival] and not ev["public"]:
                assert ev["title"] not in text, f"{scene.name} shows the rival's private event {ev['title']}"
        for p in np.flatnonzero(rules.prog_side == rival):
            name = sc.programs[p]["name"]
            if obs.status[0, p] == UNKNOWN and name not in public_text:
                assert name not in text, f"{scene.name} for side {viewer} names unseen rival program {name}"
        if scene.name == "headquarters":
            assert scene.side == viewer and scene.obs.side == viewer
            for tab in (pygame.K_1, pygame.K_2, pygame.K_3, pygame.K_4, pygame.K_5):
                press(app, tab)
                text = screen_text(app)
                for p in np.flatnonzero(rules.prog_side == rival):
                    name = sc.programs[p]["name"]
                    if obs.status[0, p] == UNKNOWN and name not in public_text:
                        assert name not in text
            press(app, pygame.K_1)
            first = app.scene.programs[0]
            if app.scene.widgets[f"prog_max_{first}"].is_enabled:
                click(app, app.scene.widgets[f"prog_max_{first}"])
            press(app, pygame.K_RETURN, pygame.KMOD_CTRL)
            if viewer == 0:
                # the hand-off autosaves, the US orders sealed in it
                header = read_header(latest_autosave())
                assert header["sealed"][0] is not None and header["sealed"][1] is None
        elif scene.name == "launch":
            assert scene.side == viewer and scene.launches == list(scene.report.launches)
            press(app, pygame.K_ESCAPE)
        elif scene.name == "turn-results":
            assert scene.report.side == viewer
            click(app, scene.widgets["continue"])
        elif scene.name == "event":
            assert scene.side == viewer
            click(app, scene.widgets.get("continue") or scene.widgets["option_0"])
        else:
            frames(app, 1)
    assert app.flow.session.turn >= 5
    assert handoffs >= 9
    assert {"pass-device", "headquarters", "turn-results"} <= seen[0] and seen[1] >= {"pass-device", "headquarters"}
    app.close()
