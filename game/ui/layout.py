"""Sizes that follow the window: one unit `u` is a row of normal text.

scale = the player's UI scale x the window's size relative to 1280x720
(clamped), so text is readable from 1024x640 to 4K.
"""

from __future__ import annotations

from dataclasses import dataclass

BASE = (1280, 720)


def auto_scale(width: int, height: int, ui_scale: float) -> float:
    fit = min(width / BASE[0], height / BASE[1])
    return round(ui_scale * min(max(fit, 0.85), 3.0), 2)


@dataclass(frozen=True)
class Layout:
    width: int
    height: int
    scale: float

    @property
    def u(self) -> int:
        """Height of a control row."""
        return round(30 * self.scale)

    @property
    def pad(self) -> int:
        return max(4, round(8 * self.scale))

    def font(self, base: int) -> int:
        from game.ui.theme import font_size

        return font_size(base, self.scale)

    def centered(self, w: int, h: int) -> tuple[int, int, int, int]:
        return ((self.width - w) // 2, (self.height - h) // 2, w, h)
