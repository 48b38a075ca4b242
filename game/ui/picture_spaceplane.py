"""The pictures of winged orbiters (a program whose `shape` is "spaceplane"): the orbiter alone, seen from
above with its delta wings, and the stack it flies on, seen from the side: the launcher's core as a big tank,
its strap-on boosters round it (the launcher's `boosters`, two or four, say) and the orbiter in profile on
the tank's side, its tail fin out and its belly tiles against the tank.

The tank is the side's: foam orange for the US (the Shuttle's external tank), white for the Soviet Union
(Energia's core). Points are given on 0..1 of the height, so the stack keeps its shape in any width of at
least half its height."""

from __future__ import annotations

import pygame

from game.ui.picture_looks import Look
from game.ui.picture_parts import DARK, GLASS, LIGHT, SHADE, WHITE, letters, points, polygon, side_mark, star

FOAM = (200, 112, 50)        # the US external tank's insulation
FOAM_SHADE = (158, 84, 36)


def draw_orbiter(surf, r: pygame.Rect, look: Look, colour) -> None:
    """A winged orbiter seen from above, nose up: a fuselage with its cargo bay doors, double-delta wings
    with dark leading edges and nose cap, its fin along the tail, three engines, the side's marking on a wing."""
    wing = [(0.44, 0.36), (0.36, 0.56), (0.1, 0.82), (0.1, 0.88), (0.44, 0.88)]
    for sgn in (-1, 1):  # each wing (mirrored), then the fuselage over them
        pts = [(0.5 + sgn * (x - 0.5), y) for x, y in wing]
        polygon(surf, WHITE, r, pts)
        pygame.draw.lines(surf, DARK, False, points(r, pts[:3]), max(1, r.h // 40))
    body = [(0.5, 0.03), (0.55, 0.08), (0.57, 0.16), (0.57, 0.9), (0.43, 0.9), (0.43, 0.16), (0.45, 0.08)]
    polygon(surf, WHITE, r, body)
    polygon(surf, DARK, r, [(0.5, 0.03), (0.54, 0.07), (0.46, 0.07)], None)        # the nose cap
    polygon(surf, DARK, r, [(0.46, 0.12), (0.54, 0.12), (0.53, 0.15), (0.47, 0.15)], None)  # the windows
    if r.h >= 32:
        for x in (0.47, 0.53):  # the cargo bay doors' seams
            pygame.draw.line(surf, SHADE, points(r, [(x, 0.22)])[0], points(r, [(x, 0.64)])[0], 1)
    pygame.draw.line(surf, DARK, points(r, [(0.5, 0.68)])[0], points(r, [(0.5, 0.94)])[0], max(1, r.h // 45))
    for x in (0.45, 0.5, 0.55):  # the engines
        polygon(surf, SHADE, r, [(x - 0.02, 0.9), (x + 0.02, 0.9), (x + 0.03, 0.95), (x - 0.03, 0.95)], None)
    pygame.draw.rect(surf, colour, points(r, [(0.43, 0.2)])[0] + (round(r.w * 0.14) + 1, max(1, round(r.h * 0.03))))
    side_mark(surf, pygame.Rect(points(r, [(0.24, 0.7)])[0], (round(r.w * 0.12), round(r.h * 0.08))), look.side,
              colour)


def draw_winged_stack(surf, r: pygame.Rect, launcher: Look, orbiter: Look, colour) -> None:
    """The launch stack of a winged orbiter standing in r, seen from the side: the launcher's core as a big
    tank, its boosters (launcher.boosters, drawn half behind and half in front of it) and the orbiter in
    profile on the tank's right side."""
    h, line = r.h, max(1, r.h // 150)
    bottom = r.bottom - h * 0.045
    tw = h * 0.15                           # the tank, a little left of centre to leave room for the orbiter
    tx = r.centerx - h * 0.06
    top = bottom - h * 0.86
    body, shade = (FOAM, FOAM_SHADE) if launcher.side == 0 else (WHITE, LIGHT)
    n = max(0, launcher.boosters)
    spots = _booster_spots(n, tx, tw, h)
    for x, front in spots:
        if not front:
            _booster(surf, x, bottom, h, launcher.side, colour, line, SHADE)
    tank = pygame.Rect(round(tx - tw / 2), round(top + h * 0.12), round(tw), round(bottom - top - h * 0.12))
    pygame.draw.rect(surf, body, tank)
    pygame.draw.rect(surf, shade, (tank.right - tank.w // 4, tank.y, tank.w // 4, tank.h))
    nose = [(tx - tw / 2, top + h * 0.12), (tx - tw * 0.36, top + h * 0.05), (tx, top),
            (tx + tw * 0.36, top + h * 0.05), (tx + tw / 2, top + h * 0.12)]
    pygame.draw.polygon(surf, body, nose)
    pygame.draw.line(surf, shade, (tank.x, round(top + h * 0.36)), (tank.right, round(top + h * 0.36)),
                     max(1, round(h * 0.012)))      # the band between the two propellant tanks
    if launcher.side == 1:  # Energia's core: dark engine bay, marking down the body
        pygame.draw.rect(surf, DARK, (tank.x, round(bottom - h * 0.05), tank.w, round(h * 0.05)))
        letters(surf, "CCCP", (tx - tw * 0.1, top + h * 0.5), round(tw * 0.6), colour, h * 0.3)
    if h >= 40:
        pygame.draw.rect(surf, DARK, tank, line)
        pygame.draw.polygon(surf, DARK, nose, line)
    for x, front in spots:
        if front:
            _booster(surf, x, bottom, h, launcher.side, colour, line, WHITE)
    _orbiter_profile(surf, tx + tw / 2, bottom, h, orbiter, colour, line)


def _booster_spots(n: int, tx: float, tw: float, h: float) -> list[tuple[float, bool]]:
    """(centre x, drawn in front of the tank) of each booster seen from the side: alternately left and right;
    the first pair half over the tank's edges in front, a second pair further out, behind."""
    spots = []
    for k in range(n):
        sgn = -1 if k % 2 == 0 else 1
        ring = k // 2
        spots.append((tx + sgn * (tw * 0.5 + h * 0.02 + ring * h * 0.035), ring == 0))
    return spots


def _booster(surf, x: float, bottom: float, h: float, side: int, colour, line: int, body) -> None:
    """A strap-on booster at x: a long body with a pointed nose, a band of the side's colour, a flared nozzle."""
    bw, bh = h * 0.06, h * 0.66
    rect = pygame.Rect(round(x - bw / 2), round(bottom - bh), round(bw), round(bh))
    pygame.draw.rect(surf, body, rect)
    nose = [(rect.x, rect.y), (x, rect.y - h * 0.07), (rect.right, rect.y)]
    pygame.draw.polygon(surf, body if side == 1 else WHITE, nose)
    pygame.draw.rect(surf, colour, (rect.x, round(rect.y + bh * 0.08), rect.w, max(1, round(h * 0.012))))
    pygame.draw.polygon(surf, DARK, [(x - bw * 0.35, bottom), (x + bw * 0.35, bottom),
                                     (x + bw * 0.5, bottom + h * 0.035), (x - bw * 0.5, bottom + h * 0.035)])
    if h >= 40:
        pygame.draw.rect(surf, DARK, rect, line)
        pygame.draw.polygon(surf, DARK, nose, line)


def _orbiter_profile(surf, x0: float, bottom: float, h: float, look: Look, colour, line: int) -> None:
    """The orbiter seen from its side, nose up, its belly against the tank at x0: fuselage, cockpit windows,
    the wing's root, the tail fin out to the right, the engine pods at the tail."""
    w, y0, y1 = h * 0.1, bottom - h * 0.66, bottom - h * 0.08   # body width, nose and tail heights

    def at(u: float, v: float) -> tuple[float, float]:
        """u across the body from the belly (0) to its back (1), v along it from nose (0) to tail (1)."""
        return (x0 + u * w, y0 + v * (y1 - y0))

    fin = [at(1, 0.66), at(1.9, 0.9), at(1.9, 0.98), at(1, 1)]
    pygame.draw.polygon(surf, WHITE, fin)
    body = [at(0, 0.12), at(0.3, 0.01), at(0.7, 0.06), at(1, 0.18), at(1, 0.94), at(0.92, 1), at(0, 1)]
    pygame.draw.polygon(surf, WHITE, body)
    pygame.draw.polygon(surf, DARK, [at(0, 0.12), at(0.3, 0.01), at(0.4, 0.03), at(0.16, 0.16), at(0.16, 1),
                                     at(0, 1)])          # the belly's heat tiles, round the nose
    pygame.draw.polygon(surf, SHADE, [at(0.16, 0.46), at(0.62, 0.86), at(0.62, 0.97), at(0.16, 0.97)])  # wing root
    pygame.draw.polygon(surf, GLASS, [at(0.45, 0.07), at(0.78, 0.12), at(0.76, 0.16), at(0.45, 0.12)])
    pygame.draw.polygon(surf, LIGHT, [at(1, 0.82), at(1.18, 0.86), at(1.18, 0.98), at(1, 0.98)])  # engine pod
    for u in (0.3, 0.55, 0.8):  # the engine bells under the tail
        pygame.draw.polygon(surf, SHADE, [at(u - 0.08, 1), at(u + 0.08, 1), at(u + 0.12, 1.07), at(u - 0.12, 1.07)])
    cx, cy = at(0.6, 0.4)
    if look.side == 1:
        star(surf, (cx, cy - h * 0.05), w * 0.22, colour)
        letters(surf, "CCCP", (cx, cy + h * 0.07), round(w * 0.45), colour, h * 0.18)
    else:
        letters(surf, "USA", (cx, cy), round(w * 0.5), colour, h * 0.16)
    if h >= 40:
        pygame.draw.polygon(surf, DARK, body, line)
        pygame.draw.polygon(surf, DARK, fin, line)
