"""The settings screen driven like a person would, through the real window: clicks and keys only. Each new
setting (colours, reduced motion, confirm thin turns, guide on new games) changes on the screen and is in the
settings file after Apply; the palette repaints at once; every control of the menu, new game, scenarios,
save/load and settings screens is reachable with Tab and usable with Enter and the arrows."""

from __future__ import annotations

import json

import pygame
import pytest
from uikit import click_named, frames, make_app, press

from game.ui import focus, theme
from game.ui.app import Options
from game.ui.main import first_screen
from game.ui.settings import settings_path


@pytest.fixture
def app(tmp_path, monkeypatch):
    app = make_app(tmp_path, monkeypatch, Options(), size=(1024, 640))
    first_screen(app)
    frames(app, 2)
    yield app
    app.close()
    theme.use_palette("standard")


def saved() -> dict:
    return json.loads(settings_path().read_text())


def tab_to(app, name: str, limit: int = 40) -> None:
    """Press Tab until the keyboard focus is on the control `name` of the current screen."""
    for _ in range(limit):
        if app.scene.focus_name == name:
            return
        press(app, pygame.K_TAB)
    raise AssertionError(f"Tab never reached {name} on {app.scene.name}; focus on {app.scene.focus_name}")


def test_each_new_setting_changes_by_mouse_and_is_saved(app):
    click_named(app, "settings")
    assert app.scene.name == "settings"
    fields = ("reduced_motion", "confirm_end_turn", "guide")
    before = {f: getattr(app.settings, f) for f in fields}
    for field in fields:
        assert app.scene.widgets[field].text == ("On" if before[field] else "Off")
        click_named(app, field)
        assert app.scene.widgets[field].text == ("Off" if before[field] else "On")
    assert {f: getattr(app.settings, f) for f in fields} == before  # a draft until Apply
    click_named(app, "apply")
    on_disk = saved()
    assert {f: on_disk[f] for f in fields} == {f: not v for f, v in before.items()}
    assert {f: getattr(app.settings, f) for f in fields} == {f: not v for f, v in before.items()}


def test_the_palette_changes_with_the_keyboard_and_repaints_at_once(app):
    click_named(app, "settings")
    apply = app.scene.widgets["apply"]
    standard = app.window.get_at(apply.rect.move(4, 0).midleft)[:3]
    tab_to(app, "palette")
    press(app, pygame.K_RIGHT)
    assert app.scene.widgets["palette"].selected_option[0] == "Colour-blind safe"
    assert app.scene.draft.palette == "colourblind" and app.settings.palette == "standard"  # a draft until Apply
    tab_to(app, "apply")
    press(app, pygame.K_RETURN)
    assert saved()["palette"] == "colourblind"
    assert theme.palette_name() == "colourblind"
    frames(app, 1)
    apply = app.scene.widgets["apply"]
    assert app.window.get_at(apply.rect.move(4, 0).midleft)[:3] != standard  # the theme's accent repainted
    assert app.scene.widgets["palette"].selected_option[0] == "Colour-blind safe"


def test_sliders_step_with_the_arrows(app):
    click_named(app, "settings")
    tab_to(app, "volume")
    start = app.scene.draft.volume
    press(app, pygame.K_RIGHT)
    press(app, pygame.K_RIGHT)
    assert app.scene.draft.volume == pytest.approx(start + 0.1)
    assert app.scene.widgets["volume_value"].text == f"{start + 0.1:.0%}"


def test_tab_walks_every_control_and_shift_tab_walks_back(app):
    """On each of these screens Tab visits every usable control once, in order, then wraps."""
    def walk(step_mod):
        seen = []
        for _ in range(len(focus.focusable(app.scene)) + 1):
            press(app, pygame.K_TAB, step_mod)
            seen.append(app.scene.focus_name)
        return seen

    for open_it in ("settings", "scenarios", "new", "load"):
        first_screen(app)
        frames(app, 2)
        menu_names = [n for n, _ in focus.focusable(app.scene)]
        assert open_it in menu_names
        click_named(app, open_it)
        names = [n for n, _ in focus.focusable(app.scene)]
        assert names, app.scene.name
        forward = walk(0)
        assert forward[:-1] == names and forward[-1] == names[0], app.scene.name
        app.scene.focus_name = None
        backward = walk(pygame.KMOD_SHIFT)
        assert backward[:-1] == names[::-1], app.scene.name


def test_enter_presses_the_focused_button_and_esc_clears_the_focus_first(app):
    tab_to(app, "settings")
    press(app, pygame.K_RETURN)
    assert app.scene.name == "settings"
    tab_to(app, "back")
    press(app, pygame.K_ESCAPE)  # the first Esc only leaves the control
    assert app.scene.name == "settings" and app.scene.focus_name is None
    press(app, pygame.K_ESCAPE)
    assert app.scene.name == "main-menu"
    tab_to(app, "help")
    press(app, pygame.K_SPACE)
    assert app.scene.name == "help"


def test_tab_leaves_a_text_field_that_has_the_typing(app):
    click_named(app, "new")
    entries = [n for n, w in focus.focusable(app.scene) if type(w).__name__ == "UITextEntryLine"]
    assert entries, "the new game screen has name fields"
    tab_to(app, entries[0])
    for ch in "Ann":
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=ch))
    frames(app, 2)
    assert app.scene.widgets[entries[0]].get_text().endswith("Ann")
    press(app, pygame.K_TAB)
    assert app.scene.focus_name != entries[0]


def test_the_focus_ring_is_drawn_around_the_focused_control(app):
    tab_to(app, "new")
    frames(app, 1)
    rect = app.scene.widgets["new"].rect
    ring = theme.palette()["focus"]
    width = focus.ring_width(app.layout)
    assert app.window.get_at((rect.centerx, rect.top - width))[:3] == ring[:3]
    press(app, pygame.K_ESCAPE)
    frames(app, 1)
    assert app.window.get_at((rect.centerx, rect.top - width))[:3] != ring[:3]


def test_the_first_window_fits_the_desktop():
    """A window asked for at a size the screen cannot hold opens at the largest listed size that fits the
    desktop (less room for title and task bars); one that fits opens as asked."""
    from game.ui.settings import MIN_SIZE, fit_to_desktop

    assert fit_to_desktop((1280, 720), (1920, 1080)) == (1280, 720)
    assert fit_to_desktop((1280, 720), (1366, 768)) == (1024, 640)   # a common laptop: 720 + bars > 768
    assert fit_to_desktop((1920, 1080), (1600, 900)) == (1366, 768)
    assert fit_to_desktop((1280, 720), (1024, 640)) == MIN_SIZE       # nothing fits: the smallest
    assert fit_to_desktop((1280, 720), None) == (1280, 720)           # no real screen: as asked
