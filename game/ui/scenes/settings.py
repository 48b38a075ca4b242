"""Settings: window size, full screen, UI scale, sound volume, animation speed."""

from __future__ import annotations

import dataclasses

import pygame
from pygame_gui.elements import UIHorizontalSlider

from game.ui.layout import fit_scale, max_scale
from game.ui.scene import Scene
from game.ui.settings import WINDOW_SIZES, settings_path

SCALES = ["0.75", "0.9", "1.0", "1.15", "1.3", "1.5", "1.75", "2.0"]


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
        y += u + 2 * pad
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

    def toggle_fullscreen(self) -> None:
        self.draft.fullscreen = not self.draft.fullscreen
        self.rebuild()

    def apply(self) -> None:
        self.app.apply_settings(self.draft)
        self.app.notify("Settings saved.", 2)

    def key(self, key, mod) -> None:
        if key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self.apply()
        else:
            super().key(key, mod)

    def back(self) -> None:
        if self.back_to is not None:
            self.app.show(self.back_to)
