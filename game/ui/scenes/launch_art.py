"""The pictures of the launch view, drawn by code: the sky over the pad, the moving shapes of a launch
(exhaust, smoke, the spent stage, a fireball with debris, a craft tumbling away, the still failure
mark) and the camera that follows the climb.

Every function draws on the Surface it is given (or makes one) from its arguments alone: positions in
pixels, sizes from the view's height, times in seconds since the moment it shows. Nothing is random
at draw time (the star field comes from a fixed seed), so a moment of a launch always looks the same.
"""

from __future__ import annotations

import math

import numpy as np
import pygame

from game.ui.scenes.launch_timeline import DROP_S, SMOKE_S, altitude_share
from game.ui.theme import palette

SKY_SCREENS = 3  # the sky picture is this many views tall; the camera climbs through it
SHAKE_S = 0.9    # how long lift-off shakes the camera


# --- the camera ----------------------------------------------------------------------------------------------
def follow_room(view_h: int) -> int:
    """How far the stack climbs on screen before the camera follows it."""
    return int(view_h * 0.14)


def climb_height(view_h: int, t: float) -> float:
    """How high (pixels) the stack has climbed `t` seconds after lift-off: up through the whole sky picture."""
    room = view_h * (SKY_SCREENS - 1) + follow_room(view_h)
    return room * altitude_share(t)


def camera_shake(t: float, since: float, view_h: int) -> tuple[int, int]:
    """The camera's offset at time t, `since` seconds after lift-off: a fading shake, (0, 0) outside it."""
    if not 0 <= since < SHAKE_S:
        return 0, 0
    amp = (1 - since / SHAKE_S) * max(2, view_h * 0.006)
    return int(amp * math.sin(t * 71)), int(amp * math.sin(t * 53))


# --- the scenery ---------------------------------------------------------------------------------------------
def make_sky(w: int, vh: int, ground_h: int, pad_x: int) -> pygame.Surface:
    """The sky above the pad, SKY_SCREENS views (of height vh) tall and w wide: ground (ground_h high) and
    the pad at x = pad_x with its gantry at the bottom, dawn-lit air darkening into starry space at the top."""
    h = vh * SKY_SCREENS
    stops = np.array([[2, 3, 10], [6, 10, 26], [18, 38, 72], [64, 96, 140], [196, 150, 120]], float)
    where = np.array([0.0, 0.4, 0.62, 0.85, 1.0])  # 0 top (space) .. 1 the horizon
    ys = np.linspace(0, 1, h)
    column = np.stack([np.interp(ys, where, stops[:, c]) for c in range(3)], axis=1)
    arr = np.repeat(column[None, :, :], w, axis=0).astype(np.uint8)
    rng = np.random.default_rng(5)  # star field: the same picture every time
    n = int(w * h / 2500)
    sx, sy = rng.integers(0, w, n), rng.integers(0, int(h * 0.7), n)
    bright = rng.uniform(90, 255, n) * (1 - sy / (h * 0.7))
    arr[sx, sy] = np.maximum(arr[sx, sy], bright[:, None].astype(np.uint8))
    surf = pygame.surfarray.make_surface(arr).convert()
    g = ground_h
    ground = pygame.Rect(0, h - g, w, g)
    pygame.draw.rect(surf, (24, 30, 30), ground)
    pygame.draw.line(surf, (70, 80, 74), ground.topleft, ground.topright, 2)
    pygame.draw.rect(surf, (58, 62, 66), (pad_x - int(w * 0.09), h - g - 6, int(w * 0.18), 8))
    draw_gantry(surf, pad_x - int(vh * 0.13), h - g, int(vh * 0.6), max(8, int(vh * 0.045)))
    return surf


def draw_gantry(surf, x: int, base: int, height: int, width: int) -> None:
    """The service tower: a lattice of girders."""
    colour = (120, 70, 52)
    top = base - height
    pygame.draw.line(surf, colour, (x, base), (x, top), 2)
    pygame.draw.line(surf, colour, (x + width, base), (x + width, top), 2)
    step = max(6, width)
    for y in range(base, top, -step):
        pygame.draw.line(surf, colour, (x, y), (x + width, y - step), 1)
        pygame.draw.line(surf, colour, (x, y - step), (x + width, y), 1)
        pygame.draw.line(surf, colour, (x, y), (x + width, y), 1)
    for k in (0.35, 0.6, 0.85):  # swing arms
        y = base - int(height * k)
        pygame.draw.line(surf, colour, (x + width, y), (x + width + int(width * 1.3), y), 2)


# --- the moving shapes ---------------------------------------------------------------------------------------
def draw_spent_stage(surf, stack: pygame.Surface, cx: int, bottom: float, since: float, view_h: int) -> None:
    """The launcher `stack` without its payload, dropping away and fading, `since` seconds after parting."""
    w, h = stack.get_size()
    body = stack.subsurface((0, int(h * 0.28), w, h - int(h * 0.28))).copy()
    body.set_alpha(int(255 * (1 - since / DROP_S)))
    drop = view_h * 0.5 * since * since / DROP_S
    surf.blit(body, body.get_rect(midbottom=(cx, int(bottom + drop))))


def draw_flame(surf, cx: int, bottom: float, width: int, since: float, view_h: int) -> None:
    """The exhaust under a stack `width` wide, flickering (a function of time, not of chance)."""
    w = max(6, int(width * 0.3))
    flick = 0.85 + 0.15 * math.sin(since * 47) * math.sin(since * 29)
    length = view_h * (0.1 + 0.12 * min(1.0, since / 0.6)) * flick
    y = int(bottom) - 2
    outer = [(cx - w // 2, y), (cx + w // 2, y), (cx + w // 4, y + int(length * 0.5)), (cx, y + int(length)),
             (cx - w // 4, y + int(length * 0.5))]
    inner = [(cx - w // 4, y), (cx + w // 4, y), (cx, y + int(length * 0.55))]
    pygame.draw.polygon(surf, (255, 140, 40), outer)
    pygame.draw.polygon(surf, (255, 236, 170), inner)


def draw_smoke(surf, cx: int, ground: float, since: float, view_h: int) -> None:
    """Clouds billowing out along the ground at lift-off."""
    grow = min(1.0, since / (SMOKE_S * 0.75))
    fade = max(0.0, 1 - since / SMOKE_S)
    base = view_h * 0.05
    for k, dx in enumerate((-1.6, -0.9, -0.3, 0.3, 0.9, 1.6)):
        r = int(base * (0.6 + grow) * (1.1 - 0.1 * abs(dx)))
        x = cx + int(dx * base * (1 + 2 * grow))
        shade = int(150 + 60 * fade)
        pygame.draw.circle(surf, (shade, shade, shade - 6), (x, int(ground - r * 0.5 - (k % 2) * 3)), r)


def draw_explosion(surf, view: pygame.Rect, centre, dead: float) -> None:
    """A fireball and flying debris (fixed directions) at `centre`, `dead` seconds after the failure, then
    nothing; its first moment flashes the whole `view`."""
    x, y = centre
    s = view.h
    if dead < 0.12:  # a short flash over the view
        flash = pygame.Surface(view.size)
        flash.fill((255, 230, 190))
        flash.set_alpha(int(200 * (1 - dead / 0.12)))
        surf.blit(flash, view.topleft)
    grow = min(1.0, dead / 0.6)
    fade = max(0.0, 1 - dead / 1.3)
    if fade > 0:  # billows of fire cooling to smoke, at fixed places around the centre
        r = int(s * (0.05 + 0.07 * grow))
        size = 2 * int(s * 0.3)
        ball = pygame.Surface((size, size), pygame.SRCALPHA)
        heat = max(0.0, 1 - dead / 1.0)
        for k in range(7):
            ang = k * 2 * math.pi / 7 + 0.5
            off = s * 0.07 * grow * (0.6 + 0.4 * (k % 3) / 2)
            rr = int(r * (0.7 + 0.3 * ((k * 5) % 4) / 3))
            colour = (int(80 + 175 * heat), int(74 + 90 * heat), int(72 - 32 * heat), int(230 * fade))
            pygame.draw.circle(ball, colour, (size // 2 + int(math.cos(ang) * off),
                                              size // 2 + int(math.sin(ang) * off)), rr)
        if heat > 0:
            pygame.draw.circle(ball, (255, 245, 200, int(255 * heat)), (size // 2, size // 2), int(r * 0.6))
        surf.blit(ball, (x - size // 2, y - size // 2))
    for k in range(12):  # debris streaks flung out and falling
        ang = k * 2 * math.pi / 12 + 0.3
        dist = s * (0.18 + 0.05 * (k % 3)) * min(1.0, dead / 1.0)
        px = x + math.cos(ang) * dist
        py = y + math.sin(ang) * dist + s * 0.25 * dead * dead
        tail = s * 0.02
        pygame.draw.line(surf, (70, 70, 76), (px, py), (px - math.cos(ang) * tail, py - math.sin(ang) * tail),
                         max(2, s // 200))


def draw_tumble(surf, centre, dead: float, pic: pygame.Surface, view_h: int) -> None:
    """The craft `pic` spins away from `centre` and fades, `dead` seconds after the failure: lost in space."""
    angle = dead * 140
    img = pygame.transform.rotate(pic, angle)
    img.set_alpha(int(255 * max(0.0, 1 - dead / 1.4)))
    drift = int(view_h * 0.08 * dead)
    surf.blit(img, img.get_rect(center=(centre[0] + drift, centre[1] - drift // 2)))


# --- still marks ---------------------------------------------------------------------------------------------
def draw_still_failure(surf, rect: pygame.Rect) -> None:
    """Reduced motion: a still burst mark over the (greyed) vehicle standing in `rect`."""
    bad = palette()["bad"]
    cx, cy = rect.centerx, rect.top + rect.h // 3
    r = max(12, rect.h // 5)
    points = []
    for k in range(16):
        rr = r if k % 2 == 0 else r * 0.45
        ang = k * math.pi / 8
        points.append((cx + rr * math.cos(ang), cy + rr * math.sin(ang)))
    pygame.draw.polygon(surf, bad, points, 3)


def draw_step_mark(surf, state: str, centre, r: int, colour) -> None:
    """A step's outcome as a shape as well as a colour: a tick (passed), a cross (failed) or a dash."""
    x, y = centre
    w = max(2, r // 3)
    if state == "passed":
        pygame.draw.lines(surf, colour, False, [(x - r, y), (x - r // 3, y + r * 2 // 3), (x + r, y - r)], w)
    elif state == "failed":
        pygame.draw.line(surf, colour, (x - r, y - r), (x + r, y + r), w)
        pygame.draw.line(surf, colour, (x - r, y + r), (x + r, y - r), w)
    else:
        pygame.draw.line(surf, colour, (x - r, y), (x + r, y), w)
