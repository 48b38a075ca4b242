"""The colours and small shapes the pictures of programs are drawn with: points given on a 0..1 square
placed in a rectangle, outlined polygons, a star, a side's marking and letters down a body."""

from __future__ import annotations

import math

import pygame

WHITE = (236, 239, 244)
LIGHT = (196, 203, 214)
SHADE = (150, 158, 172)
DARK = (52, 58, 70)
GOLD = (226, 206, 150)  # foil: pale, so a side colour (orange in the colour-blind palette) stands out on it
SOLAR = (46, 78, 150)
SOLAR_LINE = (130, 160, 220)
GLASS = (120, 180, 220)
SUIT = (232, 232, 226)


def points(r: pygame.Rect, pts) -> list[tuple[int, int]]:
    """Points given on a 0..1 square, placed in r."""
    return [(round(r.x + x * r.w), round(r.y + y * r.h)) for x, y in pts]


def polygon(surf, colour, r, pts, outline=DARK) -> None:
    """A filled polygon of 0..1 points in r, outlined when the picture is big enough to show it."""
    p = points(r, pts)
    pygame.draw.polygon(surf, colour, p)
    if outline and r.h >= 24:
        pygame.draw.polygon(surf, outline, p, max(1, r.h // 90))


def star(surf, centre, radius: float, colour) -> None:
    """A five-pointed star of `radius` pixels at `centre`, point up."""
    cx, cy = centre
    pts = []
    for k in range(10):
        a = -math.pi / 2 + k * math.pi / 5
        rr = radius if k % 2 == 0 else radius * 0.42
        pts.append((cx + rr * math.cos(a), cy + rr * math.sin(a)))
    pygame.draw.polygon(surf, colour, pts)


def side_mark(surf, r: pygame.Rect, side: int, colour) -> None:
    """The side's marking inside r: a star (USSR) or three stripes (US), in the side's colour."""
    if side == 1:
        star(surf, r.center, min(r.w, r.h) * 0.45, colour)
        return
    for k in range(3):
        pygame.draw.rect(surf, colour, (r.x, r.y + k * r.h // 3, r.w, max(1, r.h // 6)))


def letters(surf, text: str, centre, width: int, colour, height: float | None = None) -> None:
    """Letters one under the other down a rocket's body, as big as `width` and `height` allow; none when too
    small to read."""
    from game.ui.fonts import font

    size = int(width * 0.62)
    if height is not None:
        size = min(size, int(height / (len(text) * 1.1)))
    if size < 9:
        return
    f = font(size, True)
    step = f.get_linesize() * 0.78
    y = centre[1] - step * (len(text) - 1) / 2
    for ch in text:
        img = f.render(ch, True, colour)
        surf.blit(img, img.get_rect(center=(centre[0], round(y))))
        y += step

