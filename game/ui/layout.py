"""Sizes that follow the window: one unit `u` is a row of normal text.

scale = the player's UI scale x the window's size relative to 1280x720
(clamped), so text is readable from 1024x640 to 4K. A UI scale above 1 is
capped at what the window can hold: every screen is laid out for at least
1000x580 units of the scaled size (`max_scale`).
"""

from __future__ import annotations

from dataclasses import dataclass

BASE = (1280, 720)
ROOM = (1000, 580)  # the least room, in scaled pixels, every screen needs


def fit_scale(width: int, height: int) -> float:
    """The automatic scale for the window's size (UI scale 1)."""
    return min(max(min(width / BASE[0], height / BASE[1]), 0.85), 3.0)


def max_scale(width: int, height: int) -> float:
    """The largest scale the window can hold without the screens overlapping."""
    return max(fit_scale(width, height), min(width / ROOM[0], height / ROOM[1]))


def auto_scale(width: int, height: int, ui_scale: float) -> float:
    return round(min(ui_scale * fit_scale(width, height), max_scale(width, height)), 2)


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
