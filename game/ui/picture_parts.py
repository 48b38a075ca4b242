"""The colours and small shapes the pictures of programs are drawn with: points given on a 0..1 square
placed in a rectangle, outlined polygons, a star, a side's marking, letters down a body, solar wings, windows
and the small world discs that show where a craft goes."""

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
WORLDS = {"moon": ((186, 186, 180), (140, 140, 134)), "venus": ((236, 214, 150), (206, 178, 110)),
          "mars": ((206, 96, 62), (160, 66, 44)), "outer": ((214, 168, 118), (170, 120, 80))}


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



def window(surf, r, x, y, rad) -> None:
    """A round window at (x, y) of r, `rad` of its width."""
    pygame.draw.circle(surf, GLASS, points(r, [(x, y)])[0], max(1, round(r.w * rad)))


def panels(surf, r: pygame.Rect, y: float, span: float, thick: float, x0: float = 0.5, gap: float = 0.1,
           cells: int = 4) -> None:
    """A pair of solar wings at height y, each `span` long, either side of x0 (all in 0..1 of r), `cells` cells."""
    for sgn in (-1, 1):
        a = x0 + sgn * gap
        b = a + sgn * span
        rect = pygame.Rect(points(r, [(min(a, b), y - thick / 2)])[0], (round(abs(b - a) * r.w), round(thick * r.h)))
        pygame.draw.rect(surf, SOLAR, rect)
        if r.h >= 32:
            for k in range(1, cells):
                x = rect.x + k * rect.w // cells
                pygame.draw.line(surf, SOLAR_LINE, (x, rect.y), (x, rect.bottom - 1))
            pygame.draw.rect(surf, SOLAR_LINE, rect, 1)
        pygame.draw.line(surf, LIGHT, points(r, [(x0 + sgn * gap * 0.6, y)])[0],
                         (rect.x if sgn > 0 else rect.right, rect.centery))


def worlds(surf, r: pygame.Rect, dests) -> None:
    """Where a craft goes: a small disc per world (at most two) in r's top left corner, the Moon grey and
    cratered, Venus pale yellow, Mars red with a cap, an outer planet banded."""
    rad = max(2, round(r.w * 0.09))
    for k, d in enumerate(tuple(dests)[:2]):
        face, dark = WORLDS.get(d, WORLDS["moon"])
        c = (round(r.x + rad + 1 + k * rad * 2.3), round(r.y + rad + 1))
        pygame.draw.circle(surf, face, c, rad)
        if d == "moon":
            pygame.draw.circle(surf, dark, (c[0] - rad // 3, c[1] - rad // 4), max(1, rad // 3))
            pygame.draw.circle(surf, dark, (c[0] + rad // 3, c[1] + rad // 3), max(1, rad // 4))
        elif d == "mars":
            pygame.draw.circle(surf, WHITE, (c[0], c[1] - rad + max(1, rad // 4)), max(1, rad // 3))
        elif d == "venus":
            pygame.draw.arc(surf, dark, (c[0] - rad, c[1] - rad // 2, 2 * rad, rad), 0, 3.1, max(1, rad // 4))
        else:
            pygame.draw.line(surf, dark, (c[0] - rad, c[1]), (c[0] + rad, c[1]), max(1, rad // 3))
        if r.h >= 24:
            pygame.draw.circle(surf, DARK, c, rad, 1)
