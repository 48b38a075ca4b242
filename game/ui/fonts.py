"""Fonts for text the game draws itself: the Noto Sans shipped with pygame_gui."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import pygame


def _path(bold: bool) -> str:
    name = "NotoSans-Bold.ttf" if bold else "NotoSans-Regular.ttf"
    return str(resources.files("pygame_gui.data") / name)


@lru_cache(maxsize=64)
def font(size: int, bold: bool = False) -> pygame.font.Font:
    try:
        return pygame.font.Font(_path(bold), max(8, int(size)))
    except (OSError, FileNotFoundError):
        return pygame.font.Font(None, max(8, int(size * 1.3)))


def draw_text(surface, text: str, pos, size: int, colour, bold: bool = False, anchor: str = "topleft") -> pygame.Rect:
    """Render one line of text; `anchor` is a pygame.Rect attribute name for `pos`. Returns its rect."""
    img = font(size, bold).render(text, True, colour)
    rect = img.get_rect(**{anchor: pos})
    surface.blit(img, rect)
    return rect


def fit_text(text: str, size: int, width: int, bold: bool = False) -> str:
    """`text` shortened with an ellipsis to fit `width` pixels."""
    f = font(size, bold)
    if f.size(text)[0] <= width:
        return text
    while text and f.size(text + "…")[0] > width:
        text = text[:-1]
    return text + "…"
