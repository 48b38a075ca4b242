"""The picture of a crew's capsule, drawn from its Look: its seats, its side and its size among the scenario's
capsules pick the shape, its destinations add small world discs, and its variant number the solar wings' cells
and span.

A US capsule is a cone: small for one seat, wider with its equipment section for two, a command module on a
service module for three or more. A Soviet capsule is a ball on an instrument module when it is among the
cheaper half of the scenario's capsules (a Vostok; with more seats a backup rocket pack on top, a Voskhod),
else an orbital module over a bell-shaped cabin over a service module with wings (a Soyuz).
"""

from __future__ import annotations

import pygame

from game.ui.picture_looks import Look
from game.ui.picture_parts import (
    DARK,
    GOLD,
    LIGHT,
    SHADE,
    WHITE,
    panels,
    points,
    polygon,
    side_mark,
    window,
    worlds,
)


def draw_capsule(surf, r: pygame.Rect, look: Look, colour) -> None:
    """A capsule in r (see the module's docstring for which shape), with its destinations' discs."""
    if look.side == 1 and look.size < 0.5:
        _ball(surf, r, look, colour)
    elif look.side == 1:
        _soyuz(surf, r, look, colour)
    else:
        _cone(surf, r, look, colour)
    worlds(surf, r, look.dests)


def _band(surf, r, x, y, w, h, colour) -> None:
    pygame.draw.rect(surf, colour, points(r, [(x, y)])[0] + (round(r.w * w), max(1, round(r.h * h))))


def _ball(surf, r: pygame.Rect, look: Look, colour) -> None:
    """A ball-shaped cabin on a double-cone instrument module, a window a seat; a rocket pack on top when it seats
    more than one."""
    polygon(surf, LIGHT, r, [(0.36, 0.56), (0.64, 0.56), (0.74, 0.72), (0.62, 0.9), (0.38, 0.9), (0.26, 0.72)])
    _band(surf, r, 0.27, 0.71, 0.46, 0.04, colour)
    c, rad = points(r, [(0.5, 0.4)])[0], round(r.w * 0.22)
    pygame.draw.circle(surf, SHADE, c, rad)
    pygame.draw.circle(surf, WHITE, (c[0] - rad // 3, c[1] - rad // 3), max(1, rad // 2))
    if r.h >= 24:
        pygame.draw.circle(surf, DARK, c, rad, max(1, r.h // 90))
    crew = look.crew  # an uncrewed one (a cargo ship) has no windows
    for k in range(min(3, crew)):
        window(surf, r, 0.5 + (k - (min(3, crew) - 1) / 2) * 0.1, 0.44, 0.03)
    if crew > 1:  # a backup rocket pack on top of the ball
        polygon(surf, GOLD, r, [(0.44, 0.1), (0.56, 0.1), (0.56, 0.2), (0.44, 0.2)])
    side_mark(surf, pygame.Rect(points(r, [(0.44, 0.27)])[0], (round(r.w * 0.12), round(r.h * 0.1))), look.side,
              colour)


def _soyuz(surf, r: pygame.Rect, look: Look, colour) -> None:
    """An orbital module (a ball) over a bell-shaped cabin over a service module with solar wings."""
    cells = 3 + look.variant % 3
    span = 0.24 + 0.04 * (look.variant // 3 % 3)  # the wings' span, also from the variant
    panels(surf, r, 0.74, span, 0.1, gap=0.14, cells=cells)
    polygon(surf, LIGHT, r, [(0.36, 0.62), (0.64, 0.62), (0.64, 0.86), (0.36, 0.86)])
    polygon(surf, DARK, r, [(0.42, 0.86), (0.58, 0.86), (0.62, 0.94), (0.38, 0.94)], None)
    polygon(surf, SHADE, r, [(0.34, 0.62), (0.66, 0.62), (0.6, 0.44), (0.4, 0.44)])
    _band(surf, r, 0.34, 0.58, 0.32, 0.04, colour)
    c, rad = points(r, [(0.5, 0.32)])[0], round(r.w * (0.11 if look.crew >= 3 else 0.09))
    pygame.draw.circle(surf, WHITE, c, rad)
    if r.h >= 24:
        pygame.draw.circle(surf, DARK, c, rad, max(1, r.h // 90))
    if look.crew < 3:  # a two-seat one flies a docking probe on a long nose
        pygame.draw.line(surf, LIGHT, (c[0], c[1] - rad), points(r, [(0.5, 0.08)])[0], max(1, r.h // 50))
    else:
        pygame.draw.line(surf, LIGHT, (c[0] - rad, c[1]), points(r, [(0.22, 0.2)])[0], max(1, r.h // 70))
    window(surf, r, 0.5, 0.5, 0.03)
    side_mark(surf, pygame.Rect(points(r, [(0.44, 0.66)])[0], (round(r.w * 0.12), round(r.h * 0.1))), look.side,
              colour)


def _cone(surf, r: pygame.Rect, look: Look, colour) -> None:
    """1 seat: a small cone; 2: a wider cone with its equipment section; 3+: command and service modules."""
    crew = max(1, look.crew)
    if crew == 1:
        polygon(surf, SHADE, r, [(0.32, 0.78), (0.68, 0.78), (0.56, 0.34), (0.44, 0.34)])
        polygon(surf, DARK, r, [(0.44, 0.34), (0.56, 0.34), (0.54, 0.24), (0.46, 0.24)], None)
        _band(surf, r, 0.32, 0.70, 0.36, 0.05, colour)
        window(surf, r, 0.5, 0.55, 0.04)
        side_mark(surf, pygame.Rect(points(r, [(0.45, 0.40)])[0], (round(r.w * 0.10), round(r.h * 0.10))),
                  look.side, colour)
    elif crew == 2:
        polygon(surf, SHADE, r, [(0.24, 0.62), (0.76, 0.62), (0.6, 0.24), (0.4, 0.24)])
        polygon(surf, WHITE, r, [(0.2, 0.86), (0.8, 0.86), (0.76, 0.62), (0.24, 0.62)])
        _band(surf, r, 0.2, 0.62, 0.6, 0.05, colour)
        window(surf, r, 0.43, 0.4, 0.035)
        window(surf, r, 0.57, 0.4, 0.035)
        side_mark(surf, pygame.Rect(points(r, [(0.42, 0.7)])[0], (round(r.w * 0.16), round(r.h * 0.12))),
                  look.side, colour)
    else:  # a command module (cone) on a service module (cylinder) with its engine bell
        polygon(surf, SHADE, r, [(0.27, 0.42), (0.73, 0.42), (0.56, 0.1), (0.44, 0.1)])
        polygon(surf, WHITE, r, [(0.3, 0.42), (0.7, 0.42), (0.7, 0.78), (0.3, 0.78)])
        polygon(surf, DARK, r, [(0.42, 0.78), (0.58, 0.78), (0.64, 0.92), (0.36, 0.92)], None)
        _band(surf, r, 0.27, 0.38, 0.46, 0.04, colour)
        window(surf, r, 0.45, 0.28, 0.025)
        window(surf, r, 0.55, 0.28, 0.025)
        side_mark(surf, pygame.Rect(points(r, [(0.4, 0.5)])[0], (round(r.w * 0.2), round(r.h * 0.18))),
                  look.side, colour)
        if crew > 3:
            panels(surf, r, 0.6, 0.16, 0.08, gap=0.2)
