"""Small shapes that tell things apart without colour: the sides (US a circle, USSR a triangle) and the
series of a chart (circle, triangle, square, diamond, ...). Every screen that shows both sides in their
colours draws the side's marker and short label beside them, so neither colour nor palette is needed to
tell them apart.
"""

from __future__ import annotations

import pygame

SIDE_SHAPES = ("circle", "triangle")  # US, USSR
SHAPES = ("circle", "triangle", "square", "diamond", "triangle_down", "cross")


def draw_marker(surf: pygame.Surface, shape: str, colour, centre, size: int, outline=None,
                filled: bool = True) -> pygame.Rect:
    """Draw `shape` (one of SHAPES) in `colour`, `size` pixels across, centred on `centre`: filled, or (not
    `filled`) as a 2-pixel outline; with `outline` a 1-pixel edge of that colour (so the shape shows on any
    background). Returns its bounds."""
    x, y = round(centre[0]), round(centre[1])
    r = max(2, size // 2)
    width = 0 if filled else 2
    if shape == "circle":
        rect = pygame.draw.circle(surf, colour, (x, y), r, width)
        if outline is not None and filled:
            pygame.draw.circle(surf, outline, (x, y), r, 1)
        return rect
    if shape == "cross":
        w = max(2, size // 4)
        rect = pygame.draw.line(surf, colour, (x - r, y - r), (x + r, y + r), w)
        return rect.union(pygame.draw.line(surf, colour, (x - r, y + r), (x + r, y - r), w))
    points = {
        "triangle": [(x, y - r), (x + r, y + r), (x - r, y + r)],
        "triangle_down": [(x - r, y - r), (x + r, y - r), (x, y + r)],
        "square": [(x - r, y - r), (x + r, y - r), (x + r, y + r), (x - r, y + r)],
        "diamond": [(x, y - r), (x + r, y), (x, y + r), (x - r, y)],
    }[shape]
    rect = pygame.draw.polygon(surf, colour, points, width)
    if outline is not None and filled:
        pygame.draw.polygon(surf, outline, points, 1)
    return rect


def draw_side_marker(surf: pygame.Surface, side: int, centre, size: int, colour=None,
                     filled: bool = True) -> pygame.Rect:
    """Side 0 (US: a circle) or 1 (USSR: a triangle), `size` pixels across, in the side's colour unless
    `colour` is given; filled or (not `filled`) outlined. Returns its bounds."""
    from game.ui.theme import palette, side_colour

    return draw_marker(surf, SIDE_SHAPES[side], colour or side_colour(side, text=True), centre, size,
                       outline=palette()["background"], filled=filled)


def series_shape(i: int) -> str:
    """The marker of a chart's i-th series."""
    return SHAPES[i % len(SHAPES)]
