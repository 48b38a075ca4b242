"""Keys and help agree: every screen's keys come from game/ui/keys.py (no screen reads a key code
itself), every binding names a method its screen has, no two bindings of a screen share a key, every
screen is in the table, and the help screen lists every binding under its screen's title."""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
from pathlib import Path

import pygame
from uikit import click_named, frames, make_app, press

import game.ui.scenes as scenes_pkg
from game.ui import keys
from game.ui.app import Options
from game.ui.guide import Guide
from game.ui.scene import Scene

UI = Path(keys.__file__).parent


def _scene_classes() -> dict[str, type]:
    """Every screen of game/ui/scenes (a Scene subclass with a name of its own; a base such as SideScene
    names none), by its name."""
    found = {}
    for mod in pkgutil.iter_modules(scenes_pkg.__path__):
        module = importlib.import_module(f"game.ui.scenes.{mod.name}")
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, Scene) and "name" in vars(cls) and cls.__module__ == module.__name__:
                found[cls.name] = cls
    return found


def _key_codes_read(path: Path) -> set[str]:
    """The pygame.K_* names a source file reads."""
    tree = ast.parse(path.read_text())
    return {n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute) and n.attr.startswith("K_")}


def test_no_screen_reads_a_key_code_itself():
    for path in sorted((UI / "scenes").glob("*.py")) + [UI / "guide.py", UI / "scene.py"]:
        assert not _key_codes_read(path), f"{path.name} handles keys outside game/ui/keys.py"


def test_the_global_and_focus_keys_are_the_ones_the_table_lists():
    for path, bindings in ((UI / "app.py", keys.EVERYWHERE), (UI / "focus.py", keys.FOCUSED)):
        read = {getattr(pygame, k) for k in _key_codes_read(path)}
        listed = {code for b in bindings for code, _, _ in b.codes()}
        if path.name == "focus.py":
            listed.add(pygame.K_TAB)  # its TAB_KEYS, which the App hands it
        assert read == listed, f"{path.name} reads keys the help does not list, or the other way round"


def test_every_screen_is_in_the_table_and_every_binding_has_its_method():
    classes = _scene_classes()
    missing = set(classes) - set(keys.SCREENS)
    assert not missing, f"screens without a keys entry: {missing}"
    owners = {**classes, "guide": Guide}
    for screen, (_, bindings) in keys.SCREENS.items():
        assert screen in owners, f"keys table names an unknown screen {screen!r}"
        for b in bindings:
            assert callable(getattr(owners[screen], b.action, None)), f"{screen}: no method {b.action} for {b.keys}"


def test_bindings_parse_and_never_share_a_key_on_one_screen():
    for screen, (_, bindings) in [("everywhere", ("", keys.EVERYWHERE)), *keys.SCREENS.items()]:
        seen = {}
        for b in bindings:
            for code, ctrl, _ in b.codes():
                assert code != pygame.K_UNKNOWN, f"{screen}: {b.keys!r} does not name a key"
                assert (code, ctrl) not in seen, f"{screen}: {b.keys} and {seen[code, ctrl]} share a key"
                seen[code, ctrl] = b.keys
    # a key of the guide never also means something on the headquarters under it
    hq = {(c, ctrl) for b in keys.bindings("headquarters") for c, ctrl, _ in b.codes()}
    guide = {(c, ctrl) for b in keys.bindings("guide") for c, ctrl, _ in b.codes()}
    assert hq & guide == {(pygame.K_ESCAPE, False)}  # Esc: the guide takes it while it shows (tested in guide)


def test_help_lists_every_key_of_every_screen(tmp_path, monkeypatch):
    app = make_app(tmp_path, monkeypatch, Options())
    from game.ui.main import first_screen

    first_screen(app)
    frames(app, 2)
    click_named(app, "help")
    html = app.scene.widgets["text"].html_text
    for screen, (title, bindings) in [("", ("Keyboard, on every screen", keys.EVERYWHERE)),
                                      ("", ("With a control focused (Tab)", keys.FOCUSED)), *keys.SCREENS.items()]:
        at = html.index(f"<b>{title}</b>")
        section = html[at:html.find("<br><br>", at)]
        for b in bindings:
            line = f"{b.keys} — {b.text}".replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")
            assert line in section or f"{b.keys} — {b.text}" in section, f"help misses {screen}: {b.keys}"
    assert "60%" in html  # the rule of the end-turn question
    press(app, pygame.K_PAGEDOWN)  # help's own keys scroll its text
    bar = app.scene.widgets["text"].scroll_bar
    assert bar is not None and bar.start_percentage > 0
    press(app, pygame.K_ESCAPE)
    assert app.scene.name == "main-menu"
    app.close()


def test_the_menu_keys_reach_every_menu_action(tmp_path, monkeypatch):
    from game.ui.main import first_screen

    app = make_app(tmp_path, monkeypatch, Options())
    first_screen(app)
    frames(app, 2)
    for key, name in ((pygame.K_n, "new-game"), (pygame.K_l, "save-load"), (pygame.K_s, "scenarios"),
                      (pygame.K_o, "settings"), (pygame.K_h, "help")):
        press(app, key)
        assert app.scene.name == name, (pygame.key.name(key), app.scene.name)
        press(app, pygame.K_ESCAPE)
        assert app.scene.name == "main-menu"
    app.close()
