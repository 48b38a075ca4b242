"""Screens checked for layout, at the smallest window and at a large UI scale: the event pop-up takes the
height of its laid-out text, turn results show the prestige change once, the headquarters' controls never
overlap, and settings, help and scenarios say what they hold."""

from __future__ import annotations

import pygame
import pygame_gui
import pytest
from uikit import click_named, default_to_hq, frames, make_app, run_until, screen_text

from game.scenario import load
from game.ui.app import Options
from game.ui.main import first_screen
from game.ui.settings import Settings
from game.ui.start import start_new


def test_event_popup_is_as_tall_as_its_text(tmp_path, monkeypatch):
    from game.ui.scenes.events import EventScene

    app = make_app(tmp_path, monkeypatch, Options())
    sc = load("historical")
    start_new(app, sc, "human", "human", seed=5)
    frames(app, 2)
    heights = set()
    for e in range(len(sc.events)):
        app.show(EventScene(app, app.flow, 0, e, 0, 1))
        frames(app, 1)
        ev = app.scene
        box = ev.widgets["text"]
        assert box.scroll_bar is None  # the whole text shows
        lowest = max(w.rect.bottom for w in ev.widgets.values())
        assert 0 <= ev.panel.bottom - lowest <= 2 * app.layout.pad  # no empty band under the last control
        assert box.rect.bottom <= ev.widgets["continue"].rect.top
        heights.add(ev.panel.h)
    assert len(heights) > 2  # the pop-up follows its text
    app.close()


def test_event_options_show_their_whole_effects(tmp_path, monkeypatch):
    from game.ui.scenes.events import EventScene

    app = make_app(tmp_path, monkeypatch, Options(), size=(1024, 640))
    sc = load("historical")
    start_new(app, sc, "human", "human", seed=5)
    frames(app, 2)
    ev = EventScene(app, app.flow, 1, sc.rules.event_ids.index("lunar_program_review"), 0, 1)
    ev.pending = True  # shown as a decision, however the game got here
    app.show(ev)
    frames(app, 2)
    note = app.scene.widgets["effects_0"]
    assert "N1-L3 lunar landing" in note.html_text and note.scroll_bar is None
    assert note.rect.h > app.layout.u  # wrapped onto more lines rather than cut off
    assert app.scene.panel.bottom <= app.layout.height and app.scene.panel.top >= 0
    app.close()


def test_results_show_prestige_once(tmp_path, monkeypatch):
    app = make_app(tmp_path, monkeypatch, Options())
    start_new(app, load("historical"), "human", "ai:easy", seed=2)
    default_to_hq(app).end_turn()
    run_until(app, lambda: app.scene.name == "turn-results", limit=5000)
    click_named(app, "skip")
    assert "Prestige" not in app.scene.widgets["log"].html_text  # the side panel has it, with bars
    app.close()


def _overlaps(widgets):
    rects = [(k, w.rect) for k, w in widgets.items() if w.visible]
    return [(a, b) for i, (a, ra) in enumerate(rects) for b, rb in rects[i + 1:] if ra.colliderect(rb)]


@pytest.mark.parametrize("size,ui_scale", [((1024, 640), 1.0), ((1024, 640), 2.0), ((1280, 720), 1.5),
                                           ((3840, 2160), 2.0)])
def test_headquarters_controls_never_overlap(tmp_path, monkeypatch, size, ui_scale):
    monkeypatch.setenv("SPACERACE_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("SPACERACE_CONFIG_DIR", str(tmp_path / "config"))
    from game.ui.app import App

    app = App(Options(), Settings(width=size[0], height=size[1], ui_scale=ui_scale, volume=0.0))
    start_new(app, load("historical"), "human", "ai:easy", seed=2)
    scene = default_to_hq(app)
    top = {k: scene.widgets[k] for k in ("date", "who", "money", "budget", "charts", "save", "help", "menu",
                                         "status", "end_turn")}
    assert _overlaps(top) == []
    for k in ("charts", "menu", "end_turn", "date", "money"):
        assert app.window.get_rect().contains(top[k].rect), k
    assert not scene.prestige_rect.colliderect(top["money"].rect)
    assert not any(scene.prestige_rect.colliderect(top[k].rect) for k in ("charts", "save", "help", "menu"))
    app.close()


def test_settings_show_slider_values_and_the_scale_this_window_holds(tmp_path, monkeypatch):
    app = make_app(tmp_path, monkeypatch, Options(), size=(1024, 640))
    first_screen(app)
    frames(app, 2)
    click_named(app, "settings")
    scene = app.scene
    assert "holds a UI scale up to" in scene.widgets["scale_note"].text
    slider = scene.widgets["volume"]
    pygame.event.post(pygame.event.Event(pygame_gui.UI_HORIZONTAL_SLIDER_MOVED, ui_element=slider, value=30))
    frames(app, 2)
    assert scene.widgets["volume_value"].text == "30%" and scene.draft.volume == pytest.approx(0.3)
    app.close()


def test_help_and_scenarios_read_cleanly(tmp_path, monkeypatch):
    app = make_app(tmp_path, monkeypatch, Options())
    first_screen(app)
    frames(app, 2)
    click_named(app, "help")
    assert "<br> " not in app.scene.widgets["text"].html_text  # no stray space opening a paragraph
    click_named(app, "back")
    click_named(app, "scenarios")
    text = screen_text(app)
    for sid in ("historical", "race_to_the_moon"):
        assert load(sid).name in text and sid in text
    assert "valid" in text and "new-scenario" in text
    app.close()


def test_first_turn_says_what_to_do_and_results_report_own_programs(tmp_path, monkeypatch):
    app = make_app(tmp_path, monkeypatch, Options())
    sc = load("historical")
    start_new(app, sc, "human", "ai:easy", seed=2)
    scene = default_to_hq(app)
    assert scene.widgets["status"].text.startswith("To do:")
    redstone = sc.rules.program_ids.index("redstone")
    click_named(app, f"prog_max_{redstone}")
    assert not app.scene.widgets["status"].text.startswith("To do:")
    click_named(app, "end_turn")
    run_until(app, lambda: app.scene.name == "turn-results", limit=5000)
    click_named(app, "skip")
    log = app.scene.widgets["log"].html_text
    assert "Your programs" in log and "Redstone" in log and "developed" in log
    app.close()
