"""Scene: one screen of the game. The App owns the window and the pygame_gui
manager; a scene builds its widgets in `build`, reacts in `handle`, draws its
own graphics in `draw` (under the widgets) and `draw_over` (above them).

Widgets are made with the helpers here so that every control has a tooltip
and a name: tests find `scene.widgets[name]` and click it by posting events.

Keys go first to the control the keyboard focus is on, if any (Tab moves it; game/ui/focus.py),
then through game/ui/keys.py's table for the scene's name. A key press
belongs to the screen it was made on: a scene ignores a KEYDOWN that reached it
before its first frame was drawn, and the key repeat of a key already held down
when it was shown, so one press never both closes one screen and acts on the next.
"""

from __future__ import annotations

import time
import weakref
from collections.abc import Callable

import pygame
import pygame_gui
from pygame_gui.elements import UIButton, UIDropDownMenu, UILabel, UITextBox, UITextEntryLine

from game.ui import focus, keys
from game.ui.layout import Layout

# Keys down now, per App, as its scenes saw KEYDOWN and KEYUP (tests post these events): key -> when its
# last KEYDOWN came. A key whose KEYUP was lost (the window lost focus) stops counting as held after
# REPEAT_GAP seconds without a KEYDOWN, longer than the key repeat's delay (App sets 400 ms).
HELD: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
REPEAT_GAP = 0.6


def held_keys(app) -> dict[int, float]:
    """The keys `app` saw go down and not up yet (see HELD)."""
    if app not in HELD:
        HELD[app] = {}
    return HELD[app]


class Scene:
    name = "scene"          # used for screenshot file names
    auto_frames = 20         # autoplay: frames before default_action
    modal = False            # a dialog over the previous scene's last picture
    shows_core_status = True  # the App draws the rules engine's preparation in a corner while it runs
    smooth = False           # animates all the time: the window keeps its full frame rate (App.target_fps)

    def __init__(self, app):
        self.app = app
        self.widgets: dict[str, object] = {}
        self.actions: dict[object, Callable] = {}
        self.frames = 0
        self._pressed_here: set[int] = set()  # keys whose press this scene saw and acted on
        self.focus_name: str | None = None  # the control the keyboard focus is on (game/ui/focus.py)

    # --- life cycle --------------------------------------------------------------------------------------
    @property
    def L(self) -> Layout:
        return self.app.layout

    @property
    def manager(self) -> pygame_gui.UIManager:
        return self.app.manager

    def build(self) -> None:
        """Create the widgets for the current window size (called again after a resize)."""

    def rebuild(self) -> None:
        self.manager.clear_and_reset()
        self.widgets.clear()
        self.actions.clear()
        self.build()

    def handle(self, event) -> None:
        if event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element in self.actions:
            self.app.sounds.play("click")
            self.actions[event.ui_element]()
        elif event.type == pygame_gui.UI_DROP_DOWN_MENU_CHANGED and event.ui_element in self.actions:
            self.actions[event.ui_element](event.text)
        elif event.type == pygame_gui.UI_HORIZONTAL_SLIDER_MOVED and event.ui_element in self.actions:
            self.actions[event.ui_element](event.value)
        elif event.type == pygame.KEYDOWN:
            if self.fresh_press(event.key) and not focus.key(self, event.key, event.mod):
                self.key(event.key, event.mod)
        elif event.type == pygame.KEYUP:
            held_keys(self.app).pop(event.key, None)
            self._pressed_here.discard(event.key)
        elif event.type == pygame.MOUSEWHEEL:
            self.wheel(event.y)

    def fresh_press(self, key: int) -> bool:
        """Whether a KEYDOWN of `key` was pressed on this screen: not before its first frame was drawn
        (App.show sets frames to 0), and not the key repeat of a press made on an earlier screen."""
        held, now = held_keys(self.app), time.monotonic()
        repeat = now - held.get(key, -REPEAT_GAP) < REPEAT_GAP
        held[key] = now
        if self.frames == 0 or (repeat and key not in self._pressed_here):
            return False
        self._pressed_here.add(key)
        return True

    def key(self, key: int, mod: int) -> None:
        """Keyboard shortcuts of the scene: its bindings in game/ui/keys.py."""
        keys.dispatch(self, self.name, key, mod)

    def wheel(self, dy: int) -> None:
        pass

    def back(self) -> None:
        pass

    def update(self, dt: float) -> None:
        pass

    def draw(self, surface: pygame.Surface) -> None:
        pass

    def draw_over(self, surface: pygame.Surface) -> None:
        pass

    def default_action(self) -> None:
        """What the demo's autoplay does on this screen."""

    def ready_for_screenshot(self) -> bool:
        return True

    # --- widget helpers ----------------------------------------------------------------------------------
    def button(self, name: str, rect, text: str, tip: str, action: Callable, object_id: str | None = None,
               enabled: bool = True) -> UIButton:
        b = UIButton(pygame.Rect(rect), text, self.manager, tool_tip_text=tip, object_id=object_id)
        if not enabled:
            b.disable()
        self.widgets[name] = b
        self.actions[b] = action
        return b

    def label(self, name: str | None, rect, text: str, object_id: str | None = None, tip: str | None = None) -> UILabel:
        lab = UILabel(pygame.Rect(rect), text, self.manager, object_id=object_id)
        if tip:
            lab.set_tooltip(tip)
        if name:
            self.widgets[name] = lab
        return lab

    def textbox(self, name: str | None, rect, html: str, object_id: str | None = None) -> UITextBox:
        box = UITextBox(html, pygame.Rect(rect), self.manager, object_id=object_id)
        if name:
            self.widgets[name] = box
        return box

    def dropdown(self, name: str, rect, options: list[str], start: str, tip: str,
                 action: Callable[[str], None]) -> UIDropDownMenu:
        d = UIDropDownMenu(options, start, pygame.Rect(rect), self.manager)
        d.set_tooltip(tip)
        self.widgets[name] = d
        self.actions[d] = action
        return d

    def entry(self, name: str, rect, text: str, tip: str, placeholder: str = "") -> UITextEntryLine:
        e = UITextEntryLine(pygame.Rect(rect), self.manager, placeholder_text=placeholder or None)
        e.set_text(text)
        e.set_tooltip(tip)
        self.widgets[name] = e
        return e


def escape(text: str) -> str:
    """Text made safe for pygame_gui's HTML-like markup."""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def coloured(text: str, colour: tuple[int, ...]) -> str:
    return f"<font color='#{colour[0]:02x}{colour[1]:02x}{colour[2]:02x}'>{escape(text)}</font>"
