"""The pictures of spacecraft and feats, one function per kind, each drawing a Look in a square rectangle with
the side's colour: satellites, probes, landers, rovers, EVA, docking, stations (capsules: picture_capsules.py)."""

from __future__ import annotations

import math

import pygame

from game.ui.picture_looks import Look
from game.ui.picture_parts import (
    DARK,
    GOLD,
    LIGHT,
    SHADE,
    SOLAR,
    SOLAR_LINE,
    SUIT,
    WHITE,
    panels,
    points,
    polygon,
    side_mark,
    worlds,
)


def draw_satellite(surf, r: pygame.Rect, look: Look, colour) -> None:
    """A ball with antennas (early) or a box with solar wings (later), the box as long as its costs rank among
    the scenario's satellites, the wings' cells from the variant."""
    if look.era < 0.5:
        c = points(r, [(0.45, 0.45)])[0]
        for dx, dy in ((0.45, 0.35), (0.42, 0.5), (0.35, 0.48), (0.3, 0.42))[:2 + look.variant % 3]:
            pygame.draw.line(surf, LIGHT, c, points(r, [(0.45 + dx, 0.45 + dy)])[0], max(1, r.h // 60))
        pygame.draw.circle(surf, LIGHT, c, round(r.w * 0.2))
        pygame.draw.circle(surf, WHITE, (c[0] - r.w * 0.05, c[1] - r.h * 0.05), round(r.w * 0.1))
        pygame.draw.circle(surf, DARK, c, round(r.w * 0.2), max(1, r.h // 90))
        side_mark(surf, pygame.Rect(c[0] - r.w * 0.08, c[1] + r.h * 0.02, r.w * 0.16, r.h * 0.12), look.side, colour)
    else:
        top = 0.4 - 0.2 * look.size
        panels(surf, r, 0.5, 0.3, 0.16, gap=0.14, cells=3 + look.variant % 3)
        polygon(surf, GOLD, r, [(0.37, top), (0.63, top), (0.63, 0.66), (0.37, 0.66)])
        pygame.draw.line(surf, LIGHT, points(r, [(0.5, top)])[0], points(r, [(0.5, top - 0.18)])[0], max(1, r.h // 60))
        side_mark(surf, pygame.Rect(points(r, [(0.41, 0.42)])[0], (round(r.w * 0.18), round(r.h * 0.16))),
                  look.side, colour)


def draw_probe(surf, r: pygame.Rect, look: Look, colour) -> None:
    """A deep-space probe: a small cone with antennas (the cheapest third of the scenario's probes), a craft on
    three legs (one that lands), else a body with a dish and solar wings; a descent ball under it for Venus, a
    cone-shaped heat shield for Mars; a disc for each world it goes to; its variant sizes the dish."""
    line = max(1, r.h // 90)
    if look.size < 0.34:  # a gold cone on a drum, booms out to the sides, a whip antenna on top
        for x in (0.12, 0.88):
            pygame.draw.line(surf, LIGHT, points(r, [(0.5, 0.66)])[0], points(r, [(x, 0.74)])[0], line)
            pygame.draw.circle(surf, WHITE, points(r, [(x, 0.74)])[0], max(1, round(r.w * 0.035)))
        polygon(surf, LIGHT, r, [(0.34, 0.6), (0.66, 0.6), (0.66, 0.74), (0.34, 0.74)])
        polygon(surf, GOLD, r, [(0.34, 0.6), (0.66, 0.6), (0.55, 0.24), (0.45, 0.24)])
        pygame.draw.line(surf, LIGHT, points(r, [(0.5, 0.24)])[0], points(r, [(0.5, 0.08)])[0], line)
        pygame.draw.rect(surf, colour, points(r, [(0.34, 0.64)])[0] + (round(r.w * 0.32), max(1, round(r.h * 0.06))))
        if look.lands:  # a small landing ball under the drum
            pygame.draw.circle(surf, SHADE, points(r, [(0.5, 0.84)])[0], round(r.w * 0.08))
    elif look.lands:
        for a, b in (((0.4, 0.6), (0.16, 0.86)), ((0.6, 0.6), (0.84, 0.86)), ((0.5, 0.62), (0.5, 0.9))):
            pygame.draw.line(surf, LIGHT, points(r, [a])[0], points(r, [b])[0], max(1, r.h // 45))
        polygon(surf, GOLD, r, [(0.34, 0.46), (0.66, 0.46), (0.6, 0.64), (0.4, 0.64)])
        pygame.draw.line(surf, LIGHT, points(r, [(0.5, 0.46)])[0], points(r, [(0.5, 0.14)])[0], line)
        panels(surf, r, 0.16, 0.16, 0.08, gap=0.02)  # a solar panel and a dish on the mast (its width: the variant)
        dw = 0.12 + 0.02 * (look.variant % 7)
        pygame.draw.ellipse(surf, WHITE, pygame.Rect(points(r, [(0.5 - dw / 2, 0.26)])[0],
                                                     (round(r.w * dw), round(r.h * 0.1))))
        pygame.draw.rect(surf, colour, points(r, [(0.36, 0.52)])[0] + (round(r.w * 0.28), max(1, round(r.h * 0.05))))
    else:
        dw = 0.36 + 0.06 * (look.variant % 4)  # the dish's width, from the variant
        panels(surf, r, 0.56, 0.2 + 0.04 * (look.variant // 4 % 3), 0.12, gap=0.1, cells=3 + look.variant % 2)
        polygon(surf, GOLD, r, [(0.4, 0.44), (0.6, 0.44), (0.64, 0.7), (0.36, 0.7)])
        dish = pygame.Rect(points(r, [(0.5 - dw / 2, 0.14)])[0], (round(r.w * dw), round(r.h * 0.2)))
        pygame.draw.ellipse(surf, WHITE, dish)
        pygame.draw.ellipse(surf, DARK, dish, line)
        pygame.draw.line(surf, LIGHT, dish.center, points(r, [(0.5, 0.44)])[0], max(1, r.h // 50))
        pygame.draw.line(surf, LIGHT, points(r, [(0.64, 0.66)])[0], points(r, [(0.9, 0.86)])[0], max(1, r.h // 70))
        pygame.draw.rect(surf, colour, points(r, [(0.4, 0.52)])[0] + (round(r.w * 0.2), max(1, round(r.h * 0.06))))
        if "venus" in look.dests and "mars" not in look.dests:  # a descent ball for the hot, thick air
            c = points(r, [(0.5, 0.8)])[0]
            pygame.draw.circle(surf, SHADE, c, round(r.w * 0.1))
            pygame.draw.circle(surf, WHITE, (c[0] - r.w * 0.03, c[1] - r.h * 0.03), round(r.w * 0.04))
        elif "mars" in look.dests and "venus" not in look.dests:  # a lander under a broad cone heat shield
            polygon(surf, SHADE, r, [(0.3, 0.84), (0.7, 0.84), (0.56, 0.72), (0.44, 0.72)])
    worlds(surf, r, look.dests)


def draw_lander(surf, r: pygame.Rect, look: Look, colour) -> None:
    """A lander on four legs: descent stage, ascent cabin, a window; a pod for an uncrewed one; a disc for each
    world it goes to."""
    legw = max(1, r.h // 40)
    for a, b in (((0.32, 0.6), (0.14, 0.86)), ((0.68, 0.6), (0.86, 0.86)), ((0.42, 0.66), (0.36, 0.86)),
                 ((0.58, 0.66), (0.64, 0.86))):
        pygame.draw.line(surf, LIGHT, points(r, [a])[0], points(r, [b])[0], legw)
    for x in (0.14, 0.86):
        foot = pygame.Rect(points(r, [(x - 0.05, 0.84)])[0], (round(r.w * 0.1), max(2, round(r.h * 0.04))))
        pygame.draw.ellipse(surf, LIGHT, foot)
    polygon(surf, GOLD, r, [(0.28, 0.52), (0.72, 0.52), (0.66, 0.7), (0.34, 0.7)])
    if look.crew:
        polygon(surf, LIGHT, r, [(0.34, 0.52), (0.66, 0.52), (0.62, 0.28), (0.5, 0.22), (0.38, 0.28)])
        polygon(surf, DARK, r, [(0.4, 0.36), (0.47, 0.33), (0.47, 0.42), (0.4, 0.42)], None)
    else:
        pygame.draw.circle(surf, LIGHT, points(r, [(0.5, 0.42)])[0], round(r.w * 0.12))
    pygame.draw.rect(surf, colour, points(r, [(0.34, 0.56)])[0] + (round(r.w * 0.32), max(1, round(r.h * 0.04))))
    side_mark(surf, pygame.Rect(points(r, [(0.52, 0.34)])[0], (round(r.w * 0.1), round(r.h * 0.1))), look.side, colour)
    worlds(surf, r, look.dests)


def draw_rover(surf, r: pygame.Rect, look: Look, colour) -> None:
    """A rover: a tub on six wheels, with a mast and a dish."""
    ground = 0.78
    for x in (0.22, 0.5, 0.78):
        c = points(r, [(x, ground)])[0]
        pygame.draw.circle(surf, DARK, c, round(r.w * 0.085))
        pygame.draw.circle(surf, SHADE, c, round(r.w * 0.04))
    polygon(surf, LIGHT, r, [(0.14, 0.52), (0.86, 0.52), (0.8, 0.68), (0.2, 0.68)])
    panels(surf, r, 0.49, 0.34, 0.05, gap=0.0)
    pygame.draw.line(surf, LIGHT, points(r, [(0.66, 0.5)])[0], points(r, [(0.66, 0.26)])[0], max(1, r.h // 50))
    pygame.draw.ellipse(surf, WHITE, pygame.Rect(points(r, [(0.56, 0.18)])[0], (round(r.w * 0.2), round(r.h * 0.1))))
    pygame.draw.rect(surf, colour, points(r, [(0.2, 0.6)])[0] + (round(r.w * 0.6), max(1, round(r.h * 0.04))))
    side_mark(surf, pygame.Rect(points(r, [(0.28, 0.36)])[0], (round(r.w * 0.12), round(r.h * 0.1))), look.side, colour)


def draw_eva(surf, r: pygame.Rect, look: Look, colour) -> None:
    """A suited figure floating on a tether from a hatch, with a backpack as big as its costs rank among the
    scenario's suits and a tether whose slack comes from the variant."""
    hatch = points(r, [(0.1, 0.2)])[0]
    pygame.draw.rect(surf, SHADE, (hatch[0] - r.w * 0.08, hatch[1] - r.h * 0.1, r.w * 0.14, r.h * 0.2))
    body = points(r, [(0.58, 0.55)])[0]
    pack = 0.04 + 0.08 * look.size
    polygon(surf, SHADE, r, [(0.68, 0.38), (0.68 + pack, 0.38), (0.68 + pack, 0.64), (0.68, 0.64)])
    slack = 0.14 + 0.04 * (look.variant % 4)
    pts = [hatch]
    for k in range(1, 9):
        t = k / 8
        sag = math.sin(t * math.pi) * r.h * slack
        pts.append((hatch[0] + (body[0] - hatch[0]) * t, hatch[1] + (body[1] - hatch[1]) * t + sag))
    pygame.draw.lines(surf, GOLD, False, pts, max(1, r.h // 60))
    # limbs
    lw = max(2, round(r.w * 0.08))
    for a, b in (((0.58, 0.5), (0.38, 0.46)), ((0.58, 0.5), (0.8, 0.38)), ((0.56, 0.64), (0.46, 0.88)),
                 ((0.6, 0.64), (0.74, 0.88))):
        pygame.draw.line(surf, SUIT, points(r, [a])[0], points(r, [b])[0], lw)
    polygon(surf, SUIT, r, [(0.48, 0.4), (0.68, 0.4), (0.66, 0.68), (0.5, 0.68)])
    head = points(r, [(0.58, 0.3)])[0]
    pygame.draw.circle(surf, SUIT, head, round(r.w * 0.1))
    pygame.draw.circle(surf, GOLD, (head[0] + r.w * 0.02, head[1]), round(r.w * 0.06))
    pygame.draw.rect(surf, colour, points(r, [(0.5, 0.5)])[0] + (round(r.w * 0.16), max(1, round(r.h * 0.05))))


def draw_docking(surf, r: pygame.Rect, look: Look, colour) -> None:
    """Two craft meeting nose to nose, the docking port between them."""
    polygon(surf, LIGHT, r, [(0.04, 0.4), (0.36, 0.4), (0.46, 0.46), (0.46, 0.54), (0.36, 0.6), (0.04, 0.6)])
    polygon(surf, WHITE, r, [(0.96, 0.38), (0.62, 0.38), (0.54, 0.46), (0.54, 0.54), (0.62, 0.62), (0.96, 0.62)])
    ring = 0.08 + 0.08 * look.size  # a bigger docking system: a bigger ring between the craft
    pygame.draw.rect(surf, GOLD, points(r, [(0.46, 0.5 - ring / 2)])[0]
                     + (max(1, round(r.w * 0.08)), round(r.h * ring)))
    pygame.draw.rect(surf, colour, points(r, [(0.7, 0.38)])[0] + (max(1, round(r.w * 0.06)), round(r.h * 0.24)))
    pygame.draw.rect(surf, colour, points(r, [(0.14, 0.4)])[0] + (max(1, round(r.w * 0.06)), round(r.h * 0.2)))
    for x in (0.2, 0.8):
        pygame.draw.line(surf, SOLAR_LINE, points(r, [(x, 0.26)])[0], points(r, [(x, 0.74)])[0], 1)
    for x in (0.2, 0.8):
        for y in (0.22, 0.66) if look.variant % 2 else (0.14, 0.74):
            pygame.draw.rect(surf, SOLAR, points(r, [(x - 0.06, y)])[0] + (round(r.w * 0.12), round(r.h * 0.12)))


def draw_station(surf, r: pygame.Rect, look: Look, colour) -> None:
    """A station: a long module with a docking node and solar wings; a bigger one (by its costs among the
    scenario's stations) is wider with one big pair of wings and a sun telescope's windmill, a smaller one
    slimmer with more, smaller wings (their cells from the variant)."""
    hw = 0.09 + 0.06 * look.size
    polygon(surf, WHITE, r, [(0.5 - hw, 0.18), (0.5 + hw, 0.18), (0.5 + hw, 0.82), (0.5 - hw, 0.82)])
    polygon(surf, LIGHT, r, [(0.43, 0.06), (0.57, 0.06), (0.57, 0.18), (0.43, 0.18)])
    polygon(surf, GOLD, r, [(0.4, 0.82), (0.6, 0.82), (0.6, 0.92), (0.4, 0.92)], None)
    cells = 3 + look.variant % 3
    if look.size >= 0.5:
        panels(surf, r, 0.62, 0.3, 0.16, gap=hw + 0.02, cells=cells)
        for dx, dy in ((-0.14, -0.06), (0.14, -0.06)):  # the telescope mount's windmill
            pygame.draw.rect(surf, SOLAR, points(r, [(0.5 + dx - 0.06, 0.3 + dy)])[0]
                             + (round(r.w * 0.12), round(r.h * 0.1)))
        pygame.draw.circle(surf, GOLD, points(r, [(0.5, 0.3)])[0], round(r.w * 0.05))
    else:
        for y in (0.3, 0.6, 0.76)[:2 + look.variant % 2]:
            panels(surf, r, y, 0.24, 0.1, gap=hw + 0.04, cells=cells)
    pygame.draw.rect(surf, colour, points(r, [(0.5 - hw, 0.44)])[0] + (round(r.w * 2 * hw), max(1, round(r.h * 0.04))))
    side_mark(surf, pygame.Rect(points(r, [(0.43, 0.66)])[0], (round(r.w * 0.14), round(r.h * 0.1))), look.side, colour)
