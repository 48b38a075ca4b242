"""Using a screen without a mouse: a keyboard focus that Tab and Shift+Tab move through the screen's controls
(in the order the screen made them: Scene.widgets), shown as a ring the App draws over everything.

With a control focused: Enter or Space presses a button (as a click would); Left/Right (and Up/Down) step a
slider or pick the previous or next option of a drop-down; a text field takes the typing. Esc clears the
focus first when it is on a control, so the screen's own Esc (back) needs a second press only then. Without a
focus every key is the screen's shortcut (game/ui/keys.py), as before.
"""

from __future__ import annotations

import pygame
from pygame_gui.elements import UIButton, UIDropDownMenu, UIHorizontalSlider, UITextEntryLine

TAB_KEYS = (pygame.K_TAB,)
PRESS_KEYS = (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE)
STEP_KEYS = {pygame.K_LEFT: -1, pygame.K_DOWN: -1, pygame.K_RIGHT: 1, pygame.K_UP: 1}


def focusable(scene) -> list[tuple[str, object]]:
    """(name, widget) of the scene's controls a person can use now, in the order the scene made them: its
    buttons, drop-downs and sliders (those with an action) and its text fields; visible and enabled."""
    out = []
    for name, w in scene.widgets.items():
        if not (w in scene.actions or isinstance(w, UITextEntryLine)):
            continue
        if getattr(w, "visible", True) and getattr(w, "is_enabled", True) and getattr(w, "alive", lambda: True)():
            out.append((name, w))
    return out


def focused(scene):
    """The focused widget of the scene, or None (also when the control it named is gone or disabled)."""
    name = getattr(scene, "focus_name", None)
    if name is None:
        return None
    return dict(focusable(scene)).get(name)


def move(scene, step: int) -> None:
    """Move the focus `step` controls on (negative: back), wrapping around; from no focus, to the first (or
    last) control."""
    items = focusable(scene)
    if not items:
        scene.focus_name = None
        return
    names = [n for n, _ in items]
    name = getattr(scene, "focus_name", None)
    if name in names:
        i = (names.index(name) + step) % len(names)
    else:
        i = 0 if step > 0 else len(names) - 1
    scene.focus_name = names[i]
    widget = items[i][1]
    manager = scene.manager
    if isinstance(widget, UITextEntryLine):
        manager.set_focus_set(widget)
    else:
        manager.set_focus_set(None)


def key(scene, key: int, mod: int) -> bool:
    """Use `key` on the focused control. True when it was used (the screen's shortcuts then do not see it)."""
    widget = focused(scene)
    if widget is None:
        return False
    if key == pygame.K_ESCAPE:
        scene.focus_name = None
        scene.manager.set_focus_set(None)
        return True
    if isinstance(widget, UITextEntryLine):
        return False  # the field types; Tab (handled by the App) leaves it
    if isinstance(widget, UIButton) and key in PRESS_KEYS:
        scene.app.sounds.play("click")
        scene.actions[widget]()
        return True
    if key not in STEP_KEYS:
        return False
    step = STEP_KEYS[key]
    if isinstance(widget, UIHorizontalSlider):
        lo, hi = widget.value_range
        value = min(hi, max(lo, widget.get_current_value() + step * (hi - lo) / 20))
        widget.set_current_value(value)
        scene.actions[widget](widget.get_current_value())
        return True
    if isinstance(widget, UIDropDownMenu):
        options = [o[0] if isinstance(o, tuple) else o for o in widget.options_list]
        current = widget.selected_option[0] if isinstance(widget.selected_option, tuple) else widget.selected_option
        i = min(len(options) - 1, max(0, options.index(current) + step)) if current in options else 0
        show_option(widget, options[i])
        scene.actions[widget](options[i])
        return True
    return False


def show_option(dropdown: UIDropDownMenu, text: str) -> None:
    """Make `text` the drop-down's shown choice (as picking it with the mouse would)."""
    dropdown.selected_option = (text, text)
    closed = dropdown.menu_states["closed"]
    closed.selected_option = (text, text)
    if dropdown.current_state is closed:
        closed.finish()
        closed.start()


def draw_ring(surf: pygame.Surface, scene) -> None:
    """The focus ring around the focused control, if any."""
    widget = focused(scene)
    if widget is None:
        return
    from game.ui.theme import palette

    width = ring_width(scene.L)
    ring = widget.rect.inflate(2 * width + 2, 2 * width + 2)
    pygame.draw.rect(surf, palette()["focus"], ring, width, border_radius=6)


def ring_width(L) -> int:
    """The focus ring's width in pixels at layout L."""
    return max(3, round(3 * L.scale))
