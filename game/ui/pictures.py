"""Pictures of programs and missions, drawn by code from their fields (no art files needed).

    program_picture(scenario, p, height)   # a square Surface (transparent) of program p
    mission_picture(scenario, m, height)   # mission m's launcher with its payload on top

Every program gets a picture from what the scenario says of it (its Look: picture_looks.py), drawn by
kind: launchers by picture_launcher.py, capsules by picture_capsules.py, other craft by picture_craft.py,
with the colours and small shapes of picture_parts.py; a winged orbiter (`shape = "spaceplane"`), and a
mission's stack that carries one, by picture_spaceplane.py. Colours and markings are the side's: white with the
side colour, "USA" or "CCCP" and a star, taken from the theme so the colour-blind palette applies. A program
with an `image` (a PNG or JPEG of the scenario) is shown by that image instead.

Surfaces are cached (by the program's look, the height and the palette's side colours) and shared:
callers must not draw on them.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pygame

from game.ui.picture_capsules import draw_capsule
from game.ui.picture_craft import (
    draw_docking,
    draw_eva,
    draw_lander,
    draw_probe,
    draw_rover,
    draw_satellite,
    draw_station,
)
from game.ui.picture_launcher import draw_launcher, draw_rocket
from game.ui.picture_looks import Look, program_index, scenario_looks
from game.ui.picture_spaceplane import draw_orbiter, draw_winged_stack
from game.ui.theme import palette, side_colour


def _colours() -> tuple:
    """The side colours of the current palette (part of every cache key)."""
    return (tuple(side_colour(0)), tuple(side_colour(1)))


# --- the public API -----------------------------------------------------------------------------------------
def program_picture(scenario, p: int, height: int) -> pygame.Surface:
    """A square, transparent picture of program `p` (index in scenario.rules order), `height` pixels high.

    The program's own image when it has one (scaled to the height), else one drawn from its fields.
    The Surface is cached and shared: do not draw on it.
    """
    return _picture(scenario_looks(scenario)[p], max(8, int(height)), _colours())


def mission_picture(scenario, m: int, height: int, beside: bool = False) -> pygame.Surface:
    """A transparent picture of mission `m`, `height` pixels high and 0.7 times as wide: its biggest launcher
    with the payload on top (a crew's capsule with its escape tower, else a fairing). `beside`: a square
    picture with the payload's craft (capsule, lander, suit, docking gear...) also drawn down its right side,
    to tell missions apart in a list. A mission without a launcher shows its payload, square.
    Shared: do not draw on it."""
    looks = scenario_looks(scenario)
    index = program_index(scenario)
    used: list[int] = []
    for st in scenario.missions[m]["steps"]:
        i = index.get(st["program"])
        if i is not None and i not in used:
            used.append(i)
    launchers = [looks[i] for i in used if looks[i].kind == "launcher"]
    payload = [looks[i] for i in used if looks[i].kind != "launcher"]
    launcher = max(launchers, key=lambda lk: (lk.size, lk.era)) if launchers else None
    return _mission(launcher, tuple(payload), max(8, int(height)), _colours(), beside)


# --- drawing ------------------------------------------------------------------------------------------------
@lru_cache(maxsize=512)
def _picture(look: Look, h: int, colours: tuple) -> pygame.Surface:
    """An h x h picture of one look: its image fitted into the square, else its drawing."""
    surf = pygame.Surface((h, h), pygame.SRCALPHA)
    if look.image:
        img = _image(look.image, h)
        if img is not None:
            if img.get_width() > h:  # a wide picture: fitted into the square
                img = pygame.transform.smoothscale(img, (h, max(1, round(img.get_height() * h / img.get_width()))))
            surf.blit(img, img.get_rect(center=(h // 2, h // 2)))
            return surf
    draw = draw_orbiter if look.winged else DRAW[look.kind]
    draw(surf, pygame.Rect(0, 0, h, h), look, colours[look.side])
    return surf


@lru_cache(maxsize=64)
def _image(path: str, h: int) -> pygame.Surface | None:
    """The image at `path` scaled to height h (its aspect kept, at most 2h wide); None if it cannot be read."""
    try:
        img = pygame.image.load(str(Path(path)))
    except (pygame.error, OSError, FileNotFoundError):
        return None
    w = max(1, min(2 * h, round(img.get_width() * h / max(1, img.get_height()))))
    img = img.convert_alpha() if pygame.display.get_surface() else img
    return pygame.transform.smoothscale(img, (w, h))


@lru_cache(maxsize=256)
def _mission(launcher: Look | None, payload: tuple, h: int, colours: tuple, beside: bool) -> pygame.Surface:
    """The launcher (its capsule or fairing on top, or a winged orbiter on its side); with `beside`, the
    payload's programs (a winged orbiter first, then the crew's craft) down a column on its right."""
    parts = sorted(payload, key=lambda lk: (not lk.winged, lk.kind != "capsule"))[:3]
    if launcher is None:  # no launcher: the payload alone, the first one big
        surf = pygame.Surface((h, h), pygame.SRCALPHA)
        if parts:
            surf.blit(_picture(parts[0], h, colours), (0, 0))
            for i, lk in enumerate(parts[1:]):
                s = h // 3
                surf.blit(_picture(lk, s, colours), (h - s, i * s))
        return surf
    w = h if parts and beside else round(h * 0.7)
    col = round(h * 0.6) if parts and beside else w
    surf = pygame.Surface((w, h), pygame.SRCALPHA)
    img = _image(launcher.image, h) if launcher.image else None
    if img is not None:
        if img.get_width() > col:
            img = pygame.transform.smoothscale(img, (col, max(1, round(img.get_height() * col / img.get_width()))))
        surf.blit(img, img.get_rect(midbottom=(col // 2, h)))
    elif parts and parts[0].winged:
        draw_winged_stack(surf, pygame.Rect(0, 0, col, h), launcher, parts[0], colours[launcher.side])
    else:
        draw_rocket(surf, pygame.Rect(0, 0, col, h), launcher, colours[launcher.side],
                top=parts[0] if parts else None)
    if parts and beside:
        s = min(w - col + round(h * 0.06), round(h * 0.92 / len(parts)))
        for i, lk in enumerate(parts):
            surf.blit(_picture(lk, s, colours), (w - s, round(h * 0.02) + i * s))
    return surf


def draw_beside(surf: pygame.Surface, picture: pygame.Surface, around: pygame.Rect, pad: int) -> pygame.Rect:
    """Draw `picture` on a small framed panel beside `around` (a tooltip, say): on its left when there is room,
    else on its right, top-aligned and kept inside `surf`. Returns the panel's rect."""
    pal = palette()
    panel = pygame.Rect(0, 0, picture.get_width() + 2 * pad, picture.get_height() + 2 * pad)
    panel.top = around.top
    if around.left - pad - panel.w >= 0:
        panel.right = around.left - pad
    else:
        panel.left = around.right + pad
    panel.clamp_ip(surf.get_rect())
    pygame.draw.rect(surf, pal["panel"], panel, border_radius=pad)
    pygame.draw.rect(surf, pal["panel_border"], panel, 1, border_radius=pad)
    surf.blit(picture, picture.get_rect(center=panel.center))
    return panel


DRAW = {"launcher": draw_launcher, "capsule": draw_capsule, "satellite": draw_satellite, "probe": draw_probe,
        "lander": draw_lander, "rover": draw_rover, "eva": draw_eva, "docking": draw_docking,
        "station": draw_station}

__all__ = ["program_picture", "mission_picture", "draw_beside"]
