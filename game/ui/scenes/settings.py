"""Settings: window size, full screen, UI scale, sound volume, animation speed, colour palette, reduced
motion, the question before ending a thin turn and the guide on new games. Changes are a draft until Apply,
which saves them and repaints the window at once (a new palette included)."""

from __future__ import annotations

import dataclasses

import pygame
from pygame_gui.elements import UIHorizontalSlider

from game.ui.layout import fit_scale, max_scale
from game.ui.scene import Scene
from game.ui.settings import WINDOW_SIZES, settings_path

SCALES = ["0.75", "0.9", "1.0", "1.15", "1.3", "1.5", "1.75", "2.0"]
PALETTE_NAMES = {"standard": "Standard", "colourblind": "Colour-blind safe"}
TOGGLES = [  # (setting, label, tooltip): each an On/Off button
    ("reduced_motion", "Reduced motion", "Show launches and banners without movement or flashing."),
    ("confirm_end_turn", "Confirm thin turns",
     "Ask before ending a turn that funds or launches little (or nothing)."),
    ("guide", "Guide on new games", "Offer the guided first turns when a new game starts."),
]


def volume_text(volume: float) -> str:
    return "off" if volume <= 0 else f"{volume:.0%}"


def speed_text(speed: float) -> str:
    return f"{speed:.2g}×"


class SettingsScene(Scene):
    name = "settings"

    def __init__(self, app, back_to=None):
        super().__init__(app)
        self.back_to = back_to
        self.draft = dataclasses.replace(app.settings)

    def build(self) -> None:
        L = self.L
        u, pad = L.u, L.pad
        w = min(L.width - 4 * pad, int(u * 26))
        x = (L.width - w) // 2
        lw = int(u * 8)
        y = pad
        self.label("title", (x, y, w, int(u * 1.8)), "Settings", "#title")
        y += int(u * 1.9)
        d = self.draft
        sizes = [f"{a}x{b}" for a, b in WINDOW_SIZES]
        cur = f"{d.width}x{d.height}"
        if cur not in sizes:
            sizes.insert(0, cur)
        self.label(None, (x, y, lw, u), "Window size")
        self.dropdown("size", (x + lw, y, w - lw, u), sizes, cur, "The window's size (you can also drag its edges).",
                      self.set_size)
        y += u + pad
        self.label(None, (x, y, lw, u), "Full screen")
        self.button("fullscreen", (x + lw, y, w - lw, u), "On" if d.fullscreen else "Off",
                    "Use the whole screen (F11 switches at any time).", self.toggle_fullscreen,
                    object_id="#toggled" if d.fullscreen else None)
        y += u + pad
        self.label(None, (x, y, lw, u), "UI scale")
        scale = min(SCALES, key=lambda s: abs(float(s) - d.ui_scale))
        self.dropdown("scale", (x + lw, y, w - lw, u), SCALES, scale,
                      "Make text and controls larger or smaller (on top of the automatic scale for the window).",
                      self.set_scale)
        y += u
        W, H = self.app.window.get_size()
        most = max_scale(W, H) / fit_scale(W, H)
        self.label("scale_note", (x + lw, y, w - lw, int(u * 0.8)),
                   f"This window holds a UI scale up to {most:.2f}; more applies in a larger window.", "#small")
        y += int(u * 0.8) + pad
        vw = int(u * 2.6)  # the value beside each slider
        self.label(None, (x, y, lw, u), "Volume")
        self.volume = UIHorizontalSlider(pygame.Rect(x + lw, y, w - lw - vw, u), d.volume * 100, (0, 100),
                                         self.manager)
        self.volume.set_tooltip("Sound effects volume (0 is silent).")
        self.widgets["volume"] = self.volume
        self.label("volume_value", (x + w - vw + pad, y, vw - pad, u), volume_text(d.volume))
        self.actions[self.volume] = self.set_volume
        y += u + pad
        self.label(None, (x, y, lw, u), "Animation speed")
        self.speed = UIHorizontalSlider(pygame.Rect(x + lw, y, w - lw - vw, u), d.animation_speed * 100, (25, 400),
                                        self.manager)
        self.speed.set_tooltip("How fast turn results are revealed (100 is normal).")
        self.widgets["speed"] = self.speed
        self.label("speed_value", (x + w - vw + pad, y, vw - pad, u), speed_text(d.animation_speed))
        self.actions[self.speed] = self.set_speed
        y += u + pad
        self.label(None, (x, y, lw, u), "Colours")
        self.dropdown("palette", (x + lw, y, w - lw, u), list(PALETTE_NAMES.values()), PALETTE_NAMES[d.palette],
                      "Colour-blind safe: blue and orange sides, good and bad never red against green. The sides "
                      "also differ by shape and label in both palettes.", self.set_palette)
        y += u + pad
        for field, text, tip in TOGGLES:
            on = bool(getattr(d, field))
            self.label(None, (x, y, lw, u), text)
            self.button(field, (x + lw, y, w - lw, u), "On" if on else "Off", tip,
                        lambda f=field: self.toggle(f), object_id="#toggled" if on else None)
            y += u + pad
        y += pad
        self.button("apply", (x + w - int(u * 5), y, int(u * 5), u), "Apply", "Use and keep these settings (Enter).",
                    self.apply, object_id="#accent")
        self.button("back", (x, y, int(u * 5), u), "Back", "Return without changing anything (Esc).", self.back)
        y += u + 2 * pad
        self.label(None, (x, y, w, u), f"Settings are kept in {settings_path()}.", "#small")

    def set_volume(self, value: float) -> None:
        self.draft.volume = value / 100
        self.widgets["volume_value"].set_text(volume_text(self.draft.volume))

    def set_speed(self, value: float) -> None:
        self.draft.animation_speed = value / 100
        self.widgets["speed_value"].set_text(speed_text(self.draft.animation_speed))

    def set_size(self, text: str) -> None:
        a, b = text.split("x")
        self.draft.width, self.draft.height = int(a), int(b)

    def set_scale(self, text: str) -> None:
        self.draft.ui_scale = float(text)

    def set_palette(self, text: str) -> None:
        self.draft.palette = next(k for k, v in PALETTE_NAMES.items() if v == text)

    def toggle_fullscreen(self) -> None:
        self.toggle("fullscreen")

    def toggle(self, field: str) -> None:
        """Switch the on/off setting `field` of the draft and show it."""
        setattr(self.draft, field, not getattr(self.draft, field))
        self.rebuild()

    def apply(self) -> None:
        """Save the draft and repaint the window with it; the screen then edits a fresh draft."""
        self.app.apply_settings(self.draft)
        self.draft = dataclasses.replace(self.app.settings)
        self.app.notify("Settings saved.", 2)

    def back(self) -> None:
        if self.back_to is not None:
            self.app.show(self.back_to)
