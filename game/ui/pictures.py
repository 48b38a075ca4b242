"""Pictures of programs and missions, drawn by code from their fields (no art files needed).

    program_picture(scenario, p, height)   # a square Surface (transparent) of program p
    mission_picture(scenario, m, height)   # mission m's launcher with its payload on top

Every program gets a picture from what the scenario says of it: its kind picks the shape; a launcher's
size (its costs against the scenario's other launchers) makes it taller and wider, its era (its
`available` date against the scenario's first and last dates) adds stages, and an early Soviet family
gets strap-on boosters. Capsules follow their seats. Colours and markings are the side's: white with
the side colour, "USA" or "CCCP" and a star, taken from the theme so the colour-blind palette applies.
A program with an `image` (a PNG or JPEG of the scenario) is shown by that image instead.

Surfaces are cached (by the program's look, the height and the palette's side colours) and shared:
callers must not draw on them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pygame

from game.scenario.schema import KINDS
from game.ui.theme import palette, side_colour

WHITE = (236, 239, 244)
LIGHT = (196, 203, 214)
SHADE = (150, 158, 172)
DARK = (52, 58, 70)
GOLD = (226, 206, 150)  # foil: pale, so a side colour (orange in the colour-blind palette) stands out on it
SOLAR = (46, 78, 150)
SOLAR_LINE = (130, 160, 220)
GLASS = (120, 180, 220)
SUIT = (232, 232, 226)


@dataclass(frozen=True)
class Look:
    """What a program's picture is drawn from: every field is plain data, so a Look is a cache key."""

    kind: str
    side: int            # 0 US, 1 USSR
    size: float = 0.5    # 0 smallest .. 1 largest of its kind in the scenario
    era: float = 0.5     # 0 earliest .. 1 latest in the scenario
    crew: int = 0
    strap_ons: bool = False
    stages: int = 1      # a launcher's stages, 1 to 3
    image: str = ""      # path of the program's own image ("" none)


# --- reading the scenario -------------------------------------------------------------------------------------
def _year(date) -> float | None:
    """Year with fraction of a "YYYY[-MM[-DD]]" date; None when empty."""
    if not isinstance(date, str) or not date:
        return None
    parts = date.split("-")
    return int(parts[0]) + (int(parts[1]) - 1) / 12 if len(parts) > 1 else float(parts[0])


def _spread(values: dict, key) -> float:
    """key's value placed on 0..1 between the smallest and largest of `values` (0.5 when all are equal)."""
    lo, hi = min(values.values()), max(values.values())
    return 0.5 if hi - lo < 1e-9 else (values[key] - lo) / (hi - lo)


def _weight(prog: dict) -> float:
    """How big a program is, from its costs (log scale: a Saturn costs ten Redstones, it is not ten times taller)."""
    return math.log(max(0.1, float(prog["flight_cost"])) * 3 + float(prog["start_cost"]) + float(prog["research_cost"]))


_last: list = [None, (), {}]  # the scenario asked about last, its looks and program index by id (asked every frame)


def scenario_looks(scenario) -> tuple[Look, ...]:
    """The Look of every program of `scenario`, in the scenario's program order."""
    if _last[0] is not scenario:
        _last[:] = [scenario, _looks(tuple(_program_key(p) for p in scenario.programs),
                                     tuple(str(x) for x in _image_paths(scenario))),
                    {prog["id"]: i for i, prog in enumerate(scenario.programs)}]
    return _last[1]


def _program_key(prog: dict) -> tuple:
    return (prog["id"], prog["side"], prog["kind"], prog.get("available") or "", float(prog["start_cost"]),
            float(prog["flight_cost"]), float(prog["research_cost"]), int(prog.get("crew") or 0),
            tuple(prog.get("requires") or ()))


def _image_paths(scenario) -> list:
    """Resolved image path of each program ("" none); the scenario carries them in `images` (id -> Path)."""
    images = getattr(scenario, "images", None) or {}
    return [images.get(p["id"], "") for p in scenario.programs]


@lru_cache(maxsize=16)
def _looks(progs: tuple, images: tuple) -> tuple[Look, ...]:
    """The looks of programs given as _program_key tuples (every field a look reads, so the cache key)."""
    fields = ("id", "side", "kind", "available", "start_cost", "flight_cost", "research_cost", "crew", "requires")
    rows = [dict(zip(fields, p, strict=True)) for p in progs]
    years = {i: y for i, r in enumerate(rows) if (y := _year(r["available"])) is not None}
    mean_year = sum(years.values()) / len(years) if years else 0.0
    for i in range(len(rows)):
        years.setdefault(i, mean_year)
    weights: dict[str, dict[int, float]] = {}
    for i, r in enumerate(rows):
        weights.setdefault(r["kind"], {})[i] = _weight(r)
    by_id = {r["id"]: i for i, r in enumerate(rows)}
    looks: list[Look] = []
    for i, r in enumerate(rows):
        side = 0 if r["side"] == "us" else 1
        size, era = _spread(weights[r["kind"]], i), _spread(years, i)
        looks.append(Look(r["kind"] if r["kind"] in KINDS else "satellite", side, round(size, 2), round(era, 2),
                          r["crew"], image=images[i]))
    # A launcher's stages: 1 to 3 with its size or era. One that builds on another launcher (`requires` it) is
    # that rocket grown: at least its size, one stage more. Strap-ons: a Soviet launcher of the first half of
    # the scenario's years that builds on no other launcher, and every launcher built on one of those.
    parents = {i: [by_id[x] for x in r["requires"] if x in by_id and rows[by_id[x]]["kind"] == "launcher"]
               for i, r in enumerate(rows) if r["kind"] == "launcher"}
    done: dict[int, Look] = {}
    for _ in range(len(rows)):  # parents first (a loop of requires is left as it is: the validator reports it)
        for i, ps in parents.items():
            if i in done or any(j not in done for j in ps if j != i):
                continue
            lk = looks[i]
            stages = 1 + min(2, round(2 * max(lk.size, lk.era * 0.8)))
            up = [done[j] for j in ps if j != i]
            size = max([lk.size] + [u.size for u in up])
            stages = min(3, max([stages] + [u.stages + 1 for u in up]))
            strap = (lk.side == 1 and not up and lk.era < 0.5) or any(u.strap_ons for u in up)
            done[i] = Look(lk.kind, lk.side, size, lk.era, lk.crew, strap_ons=strap, stages=stages, image=lk.image)
    return tuple(done.get(i, lk) for i, lk in enumerate(looks))


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
    index = _last[2]
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
    DRAW[look.kind](surf, pygame.Rect(0, 0, h, h), look, colours[look.side])
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
    """The launcher (its capsule or fairing on top); with `beside`, the payload's programs (the crew's craft
    first) down a column on its right."""
    parts = sorted(payload, key=lambda lk: lk.kind != "capsule")[:3]
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
    else:
        _rocket(surf, pygame.Rect(0, 0, col, h), launcher, colours[launcher.side],
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


def _pts(r: pygame.Rect, pts) -> list[tuple[int, int]]:
    """Points given on a 0..1 square, placed in r."""
    return [(round(r.x + x * r.w), round(r.y + y * r.h)) for x, y in pts]


def _poly(surf, colour, r, pts, outline=DARK) -> None:
    """A filled polygon of 0..1 points in r, outlined when the picture is big enough to show it."""
    p = _pts(r, pts)
    pygame.draw.polygon(surf, colour, p)
    if outline and r.h >= 24:
        pygame.draw.polygon(surf, outline, p, max(1, r.h // 90))


def _star(surf, centre, radius: float, colour) -> None:
    cx, cy = centre
    pts = []
    for k in range(10):
        a = -math.pi / 2 + k * math.pi / 5
        rr = radius if k % 2 == 0 else radius * 0.42
        pts.append((cx + rr * math.cos(a), cy + rr * math.sin(a)))
    pygame.draw.polygon(surf, colour, pts)


def _mark(surf, r: pygame.Rect, side: int, colour) -> None:
    """The side's marking inside r: a star (USSR) or three stripes (US), in the side's colour."""
    if side == 1:
        _star(surf, r.center, min(r.w, r.h) * 0.45, colour)
        return
    for k in range(3):
        pygame.draw.rect(surf, colour, (r.x, r.y + k * r.h // 3, r.w, max(1, r.h // 6)))


def _letters(surf, text: str, centre, width: int, colour, height: float | None = None) -> None:
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


# launcher -----------------------------------------------------------------------------------------------------
def _rocket(surf, r: pygame.Rect, look: Look, colour, top: Look | None = None) -> None:
    """A launcher standing in r: stages (more for a bigger or later one), the side's bands and marking,
    fins or strap-on boosters, and on top its nose, or the payload (a capsule with its escape tower, or a
    fairing) when `top` is given."""
    h, line = r.h, max(1, r.h // 150)
    stages = min(3, max(1, look.stages))
    bottom = r.bottom - h * 0.045
    stack = h * (0.62 + 0.34 * look.size) * (0.94 if top is not None else 1.0)
    chunk = 1 + 0.5 * min(1.0, max(0.0, (64 - h) / 32))  # small pictures: a stouter body, to stay visible
    bw = min(r.w * (0.17 + 0.15 * look.size) * chunk, stack * 0.2 * chunk)
    cx = r.centerx
    nose_h = stack * (0.16 if top is None or top.kind != "capsule" else 0.22)
    body_top = bottom - stack + nose_h
    shares = {1: [1.0], 2: [0.6, 0.4], 3: [0.46, 0.3, 0.24]}[stages]
    y, widths = bottom, []
    for k, share in enumerate(shares):
        sh = (bottom - body_top) * share
        w = bw * (1.0 - (0.1 if look.size > 0.4 else 0.22) * k)
        widths.append(w)
        rect = pygame.Rect(round(cx - w / 2), round(y - sh), round(w), round(sh) + 1)
        pygame.draw.rect(surf, WHITE, rect)
        if k:  # an interstage: the narrower stage sits on a short cone
            lw = widths[k - 1]
            pygame.draw.polygon(surf, LIGHT, [(cx - lw / 2, y), (cx + lw / 2, y), (cx + w / 2, y - sh * 0.12),
                                              (cx - w / 2, y - sh * 0.12)])
        band = max(1, round(min(sh * 0.08, w * 0.25)))
        pygame.draw.rect(surf, colour, (rect.x, rect.y, rect.w, band))
        if h >= 40:
            shade = max(1, rect.w // 4)
            pygame.draw.rect(surf, SHADE, (rect.right - shade, rect.y + band, shade, rect.h - band))
        if k == 0:
            _body_mark(surf, rect, look.side, colour)
        if h >= 40:
            pygame.draw.rect(surf, DARK, rect, line)
        y -= sh
    nw = widths[-1]
    _top(surf, cx, body_top, nw, nose_h, top, colour, line)
    if look.strap_ons:  # boosters round the first stage, flaring out at the bottom (two seen from the side)
        bh, sw = (bottom - body_top) * 0.5, bw * 0.62
        for sgn in (-1, 1):
            x0 = cx + sgn * bw * 0.45
            pts = [(x0, bottom - bh), (x0 + sgn * sw * 0.35, bottom - bh * 0.82), (x0 + sgn * sw, bottom),
                   (x0, bottom)]
            pygame.draw.polygon(surf, LIGHT, pts)
            pygame.draw.line(surf, colour, (x0 + sgn * sw * 0.2, bottom - bh * 0.62),
                             (x0 + sgn * sw * 0.62, bottom - bh * 0.14), max(1, round(sw * 0.12)))
            if h >= 40:
                pygame.draw.polygon(surf, DARK, pts, line)
        for sgn in (-1, 0, 1):  # engines under the core and the boosters
            ex = cx + sgn * (bw * 0.45 + sw * 0.6)
            pygame.draw.rect(surf, DARK, (round(ex - bw * 0.15), round(bottom), max(1, round(bw * 0.3)),
                                          max(1, round(h * 0.03))))
    else:
        fw, fh = bw * (0.45 + 0.25 * look.size), (bottom - body_top) * 0.16
        for sgn in (-1, 1):
            x0 = cx + sgn * bw / 2
            pygame.draw.polygon(surf, colour, [(x0, bottom - fh * 1.7), (x0 + sgn * fw, bottom + h * 0.02),
                                               (x0 + sgn * fw, bottom + h * 0.035), (x0, bottom)])
        ew = bw * 0.72
        pygame.draw.polygon(surf, DARK, [(cx - ew * 0.3, bottom), (cx + ew * 0.3, bottom),
                                         (cx + ew / 2, bottom + h * 0.04), (cx - ew / 2, bottom + h * 0.04)])


def _body_mark(surf, rect: pygame.Rect, side: int, colour) -> None:
    """The first stage's marking: "USA" down the body, or a star over "CCCP"; a stripe or a star when small."""
    w, cx = rect.w, rect.centerx
    if w >= 13 and rect.h >= 40:
        if side == 0:
            _letters(surf, "USA", (cx, rect.y + rect.h * 0.45), round(w * 0.85), colour, rect.h * 0.6)
        else:
            _star(surf, (cx, rect.y + rect.h * 0.2), min(w * 0.3, rect.h * 0.1), colour)
            _letters(surf, "CCCP", (cx, rect.y + rect.h * 0.58), round(w * 0.7), colour, rect.h * 0.55)
    elif side == 1:
        _star(surf, (cx, rect.y + rect.h * 0.35), max(2.0, w * 0.4), colour)
    else:
        for k in range(2):
            pygame.draw.rect(surf, colour, (rect.x, round(rect.y + rect.h * (0.3 + 0.12 * k)), rect.w,
                                            max(1, round(rect.h * 0.04))))


def _top(surf, cx: float, base: float, nw: float, nose_h: float, top: Look | None, colour, line: int) -> None:
    """What stands on the last stage: a pointed nose, a capsule with its escape tower, or a payload fairing."""
    if top is not None and top.kind == "capsule":
        cw = nw * (0.9 + 0.12 * min(3, max(1, top.crew)))
        ch = nose_h * 0.42
        if top.crew >= 3:  # the service module under the capsule
            pygame.draw.rect(surf, WHITE, (round(cx - nw / 2), round(base - ch * 0.55), round(nw), round(ch * 0.55)))
            base -= ch * 0.55
        pts = [(cx - cw / 2, base), (cx + cw / 2, base), (cx + cw * 0.2, base - ch), (cx - cw * 0.2, base - ch)]
        pygame.draw.polygon(surf, SHADE, pts)
        pygame.draw.polygon(surf, DARK, pts, line)
        band = (round(cx - cw / 2), round(base - ch * 0.2), round(cw), max(1, round(ch * 0.16)))
        pygame.draw.rect(surf, colour, band)
        t0 = base - ch
        tower = nose_h * 0.45
        pygame.draw.line(surf, DARK, (cx, t0), (cx, t0 - tower), max(1, round(nw * 0.09)))
        pygame.draw.polygon(surf, colour, [(cx - nw * 0.12, t0 - tower * 0.75), (cx + nw * 0.12, t0 - tower * 0.75),
                                           (cx, t0 - tower)])
        return
    fw = nw * (1.22 if top is not None else 1.0)
    pts = [(cx - nw / 2, base), (cx - fw / 2, base - nose_h * 0.12), (cx - fw / 2, base - nose_h * 0.42),
           (cx - fw * 0.2, base - nose_h * 0.92), (cx, base - nose_h), (cx + fw * 0.2, base - nose_h * 0.92),
           (cx + fw / 2, base - nose_h * 0.42), (cx + fw / 2, base - nose_h * 0.12), (cx + nw / 2, base)]
    pygame.draw.polygon(surf, WHITE if top is None else LIGHT, pts)
    pygame.draw.polygon(surf, DARK, pts, line)
    if top is not None:  # a payload under the fairing: the side colour's band
        pygame.draw.rect(surf, colour, (round(cx - fw / 2), round(base - nose_h * 0.32), round(fw),
                                        max(1, round(nose_h * 0.1))))


def draw_launcher(surf, r, look: Look, colour) -> None:
    """A launcher alone: its nose on top."""
    _rocket(surf, r, look, colour)


# spacecraft ---------------------------------------------------------------------------------------------------
def draw_capsule(surf, r: pygame.Rect, look: Look, colour) -> None:
    """1 seat: a small cone; 2: a wider cone with its equipment section; 3+: command and service modules."""
    crew = max(1, look.crew)
    if crew == 1:
        _poly(surf, SHADE, r, [(0.32, 0.78), (0.68, 0.78), (0.56, 0.34), (0.44, 0.34)])
        _poly(surf, DARK, r, [(0.44, 0.34), (0.56, 0.34), (0.54, 0.24), (0.46, 0.24)], None)
        pygame.draw.rect(surf, colour, _pts(r, [(0.32, 0.70)])[0] + (round(r.w * 0.36), max(1, round(r.h * 0.05))))
        _window(surf, r, 0.5, 0.55, 0.04)
        _mark(surf, pygame.Rect(_pts(r, [(0.45, 0.40)])[0], (round(r.w * 0.10), round(r.h * 0.10))), look.side, colour)
    elif crew == 2:
        _poly(surf, SHADE, r, [(0.24, 0.62), (0.76, 0.62), (0.6, 0.24), (0.4, 0.24)])
        _poly(surf, WHITE, r, [(0.2, 0.86), (0.8, 0.86), (0.76, 0.62), (0.24, 0.62)])
        pygame.draw.rect(surf, colour, _pts(r, [(0.2, 0.62)])[0] + (round(r.w * 0.6), max(1, round(r.h * 0.05))))
        _window(surf, r, 0.43, 0.4, 0.035)
        _window(surf, r, 0.57, 0.4, 0.035)
        _mark(surf, pygame.Rect(_pts(r, [(0.42, 0.7)])[0], (round(r.w * 0.16), round(r.h * 0.12))), look.side, colour)
    else:  # a command module (cone) on a service module (cylinder) with its engine bell
        _poly(surf, SHADE, r, [(0.27, 0.42), (0.73, 0.42), (0.56, 0.1), (0.44, 0.1)])
        _poly(surf, WHITE, r, [(0.3, 0.42), (0.7, 0.42), (0.7, 0.78), (0.3, 0.78)])
        _poly(surf, DARK, r, [(0.42, 0.78), (0.58, 0.78), (0.64, 0.92), (0.36, 0.92)], None)
        pygame.draw.rect(surf, colour, _pts(r, [(0.27, 0.38)])[0] + (round(r.w * 0.46), max(1, round(r.h * 0.04))))
        _window(surf, r, 0.45, 0.28, 0.025)
        _window(surf, r, 0.55, 0.28, 0.025)
        _mark(surf, pygame.Rect(_pts(r, [(0.4, 0.5)])[0], (round(r.w * 0.2), round(r.h * 0.18))), look.side, colour)
        if crew > 3:
            _panels(surf, r, 0.6, 0.16, 0.08, gap=0.2)


def _window(surf, r, x, y, rad) -> None:
    pygame.draw.circle(surf, GLASS, _pts(r, [(x, y)])[0], max(1, round(r.w * rad)))


def _panels(surf, r: pygame.Rect, y: float, span: float, thick: float, x0: float = 0.5, gap: float = 0.1) -> None:
    """A pair of solar wings at height y, each `span` long, either side of x0 (all in 0..1 of r)."""
    for sgn in (-1, 1):
        a = x0 + sgn * gap
        b = a + sgn * span
        rect = pygame.Rect(_pts(r, [(min(a, b), y - thick / 2)])[0], (round(abs(b - a) * r.w), round(thick * r.h)))
        pygame.draw.rect(surf, SOLAR, rect)
        if r.h >= 32:
            for k in range(1, 4):
                x = rect.x + k * rect.w // 4
                pygame.draw.line(surf, SOLAR_LINE, (x, rect.y), (x, rect.bottom - 1))
            pygame.draw.rect(surf, SOLAR_LINE, rect, 1)
        pygame.draw.line(surf, LIGHT, _pts(r, [(x0 + sgn * gap * 0.6, y)])[0],
                         (rect.x if sgn > 0 else rect.right, rect.centery))


def draw_satellite(surf, r: pygame.Rect, look: Look, colour) -> None:
    """A ball with antennas (early) or a box with solar wings (later)."""
    if look.era < 0.5:
        c = _pts(r, [(0.45, 0.45)])[0]
        for dx, dy in ((0.45, 0.35), (0.42, 0.5), (0.35, 0.48), (0.3, 0.42)):
            pygame.draw.line(surf, LIGHT, c, _pts(r, [(0.45 + dx, 0.45 + dy)])[0], max(1, r.h // 60))
        pygame.draw.circle(surf, LIGHT, c, round(r.w * 0.2))
        pygame.draw.circle(surf, WHITE, (c[0] - r.w * 0.05, c[1] - r.h * 0.05), round(r.w * 0.1))
        pygame.draw.circle(surf, DARK, c, round(r.w * 0.2), max(1, r.h // 90))
        _mark(surf, pygame.Rect(c[0] - r.w * 0.08, c[1] + r.h * 0.02, r.w * 0.16, r.h * 0.12), look.side, colour)
    else:
        _panels(surf, r, 0.5, 0.3, 0.16, gap=0.14)
        _poly(surf, GOLD, r, [(0.37, 0.34), (0.63, 0.34), (0.63, 0.66), (0.37, 0.66)])
        pygame.draw.line(surf, LIGHT, _pts(r, [(0.5, 0.34)])[0], _pts(r, [(0.5, 0.16)])[0], max(1, r.h // 60))
        _mark(surf, pygame.Rect(_pts(r, [(0.41, 0.42)])[0], (round(r.w * 0.18), round(r.h * 0.16))), look.side, colour)


def draw_probe(surf, r: pygame.Rect, look: Look, colour) -> None:
    """A deep-space probe, by its size among the scenario's probes: a small cone with antennas, a body with a big
    dish and solar wings, or (the biggest) a craft on three legs."""
    line = max(1, r.h // 90)
    if look.size < 0.34:  # a gold cone on a drum, booms out to the sides, a whip antenna on top
        for x in (0.12, 0.88):
            pygame.draw.line(surf, LIGHT, _pts(r, [(0.5, 0.66)])[0], _pts(r, [(x, 0.74)])[0], line)
            pygame.draw.circle(surf, WHITE, _pts(r, [(x, 0.74)])[0], max(1, round(r.w * 0.035)))
        _poly(surf, LIGHT, r, [(0.34, 0.6), (0.66, 0.6), (0.66, 0.74), (0.34, 0.74)])
        _poly(surf, GOLD, r, [(0.34, 0.6), (0.66, 0.6), (0.55, 0.24), (0.45, 0.24)])
        pygame.draw.line(surf, LIGHT, _pts(r, [(0.5, 0.24)])[0], _pts(r, [(0.5, 0.08)])[0], line)
        pygame.draw.rect(surf, colour, _pts(r, [(0.34, 0.64)])[0] + (round(r.w * 0.32), max(1, round(r.h * 0.06))))
        return
    if look.size >= 0.67:
        for a, b in (((0.4, 0.6), (0.16, 0.86)), ((0.6, 0.6), (0.84, 0.86)), ((0.5, 0.62), (0.5, 0.9))):
            pygame.draw.line(surf, LIGHT, _pts(r, [a])[0], _pts(r, [b])[0], max(1, r.h // 45))
        _poly(surf, GOLD, r, [(0.34, 0.46), (0.66, 0.46), (0.6, 0.64), (0.4, 0.64)])
        pygame.draw.line(surf, LIGHT, _pts(r, [(0.5, 0.46)])[0], _pts(r, [(0.5, 0.14)])[0], line)
        _panels(surf, r, 0.16, 0.16, 0.08, gap=0.02)  # a solar panel and a dish on the mast
        pygame.draw.ellipse(surf, WHITE, pygame.Rect(_pts(r, [(0.4, 0.26)])[0], (round(r.w * 0.2), round(r.h * 0.1))))
        pygame.draw.rect(surf, colour, _pts(r, [(0.36, 0.52)])[0] + (round(r.w * 0.28), max(1, round(r.h * 0.05))))
        return
    _panels(surf, r, 0.62, 0.26, 0.12, gap=0.1)
    _poly(surf, GOLD, r, [(0.4, 0.48), (0.6, 0.48), (0.64, 0.76), (0.36, 0.76)])
    dish = pygame.Rect(_pts(r, [(0.24, 0.16)])[0], (round(r.w * 0.52), round(r.h * 0.22)))
    pygame.draw.ellipse(surf, WHITE, dish)
    pygame.draw.ellipse(surf, DARK, dish, line)
    pygame.draw.line(surf, LIGHT, dish.center, _pts(r, [(0.5, 0.48)])[0], max(1, r.h // 50))
    pygame.draw.line(surf, LIGHT, _pts(r, [(0.64, 0.7)])[0], _pts(r, [(0.9, 0.9)])[0], max(1, r.h // 70))
    pygame.draw.rect(surf, colour, _pts(r, [(0.4, 0.56)])[0] + (round(r.w * 0.2), max(1, round(r.h * 0.06))))


def draw_lander(surf, r: pygame.Rect, look: Look, colour) -> None:
    """A lander on four legs: descent stage, ascent cabin, a window; a pod for an uncrewed one."""
    legw = max(1, r.h // 40)
    for a, b in (((0.32, 0.6), (0.14, 0.86)), ((0.68, 0.6), (0.86, 0.86)), ((0.42, 0.66), (0.36, 0.86)),
                 ((0.58, 0.66), (0.64, 0.86))):
        pygame.draw.line(surf, LIGHT, _pts(r, [a])[0], _pts(r, [b])[0], legw)
    for x in (0.14, 0.86):
        foot = pygame.Rect(_pts(r, [(x - 0.05, 0.84)])[0], (round(r.w * 0.1), max(2, round(r.h * 0.04))))
        pygame.draw.ellipse(surf, LIGHT, foot)
    _poly(surf, GOLD, r, [(0.28, 0.52), (0.72, 0.52), (0.66, 0.7), (0.34, 0.7)])
    if look.crew:
        _poly(surf, LIGHT, r, [(0.34, 0.52), (0.66, 0.52), (0.62, 0.28), (0.5, 0.22), (0.38, 0.28)])
        _poly(surf, DARK, r, [(0.4, 0.36), (0.47, 0.33), (0.47, 0.42), (0.4, 0.42)], None)
    else:
        pygame.draw.circle(surf, LIGHT, _pts(r, [(0.5, 0.42)])[0], round(r.w * 0.12))
    pygame.draw.rect(surf, colour, _pts(r, [(0.34, 0.56)])[0] + (round(r.w * 0.32), max(1, round(r.h * 0.04))))
    _mark(surf, pygame.Rect(_pts(r, [(0.52, 0.34)])[0], (round(r.w * 0.1), round(r.h * 0.1))), look.side, colour)


def draw_rover(surf, r: pygame.Rect, look: Look, colour) -> None:
    """A rover: a tub on six wheels, with a mast and a dish."""
    ground = 0.78
    for x in (0.22, 0.5, 0.78):
        c = _pts(r, [(x, ground)])[0]
        pygame.draw.circle(surf, DARK, c, round(r.w * 0.085))
        pygame.draw.circle(surf, SHADE, c, round(r.w * 0.04))
    _poly(surf, LIGHT, r, [(0.14, 0.52), (0.86, 0.52), (0.8, 0.68), (0.2, 0.68)])
    _panels(surf, r, 0.49, 0.34, 0.05, gap=0.0)
    pygame.draw.line(surf, LIGHT, _pts(r, [(0.66, 0.5)])[0], _pts(r, [(0.66, 0.26)])[0], max(1, r.h // 50))
    pygame.draw.ellipse(surf, WHITE, pygame.Rect(_pts(r, [(0.56, 0.18)])[0], (round(r.w * 0.2), round(r.h * 0.1))))
    pygame.draw.rect(surf, colour, _pts(r, [(0.2, 0.6)])[0] + (round(r.w * 0.6), max(1, round(r.h * 0.04))))
    _mark(surf, pygame.Rect(_pts(r, [(0.28, 0.36)])[0], (round(r.w * 0.12), round(r.h * 0.1))), look.side, colour)


def draw_eva(surf, r: pygame.Rect, look: Look, colour) -> None:
    """A suited figure floating on a tether from a hatch."""
    hatch = _pts(r, [(0.1, 0.2)])[0]
    pygame.draw.rect(surf, SHADE, (hatch[0] - r.w * 0.08, hatch[1] - r.h * 0.1, r.w * 0.14, r.h * 0.2))
    body = _pts(r, [(0.58, 0.55)])[0]
    pts = [hatch]
    for k in range(1, 9):
        t = k / 8
        sag = math.sin(t * math.pi) * r.h * 0.22
        pts.append((hatch[0] + (body[0] - hatch[0]) * t, hatch[1] + (body[1] - hatch[1]) * t + sag))
    pygame.draw.lines(surf, GOLD, False, pts, max(1, r.h // 60))
    # limbs
    lw = max(2, round(r.w * 0.08))
    for a, b in (((0.58, 0.5), (0.38, 0.46)), ((0.58, 0.5), (0.8, 0.38)), ((0.56, 0.64), (0.46, 0.88)),
                 ((0.6, 0.64), (0.74, 0.88))):
        pygame.draw.line(surf, SUIT, _pts(r, [a])[0], _pts(r, [b])[0], lw)
    _poly(surf, SUIT, r, [(0.48, 0.4), (0.68, 0.4), (0.66, 0.68), (0.5, 0.68)])
    head = _pts(r, [(0.58, 0.3)])[0]
    pygame.draw.circle(surf, SUIT, head, round(r.w * 0.1))
    pygame.draw.circle(surf, GOLD, (head[0] + r.w * 0.02, head[1]), round(r.w * 0.06))
    pygame.draw.rect(surf, colour, _pts(r, [(0.5, 0.5)])[0] + (round(r.w * 0.16), max(1, round(r.h * 0.05))))


def draw_docking(surf, r: pygame.Rect, look: Look, colour) -> None:
    """Two craft meeting nose to nose, the docking port between them."""
    _poly(surf, LIGHT, r, [(0.04, 0.4), (0.36, 0.4), (0.46, 0.46), (0.46, 0.54), (0.36, 0.6), (0.04, 0.6)])
    _poly(surf, WHITE, r, [(0.96, 0.38), (0.62, 0.38), (0.54, 0.46), (0.54, 0.54), (0.62, 0.62), (0.96, 0.62)])
    pygame.draw.rect(surf, GOLD, _pts(r, [(0.46, 0.46)])[0] + (max(1, round(r.w * 0.08)), round(r.h * 0.08)))
    pygame.draw.rect(surf, colour, _pts(r, [(0.7, 0.38)])[0] + (max(1, round(r.w * 0.06)), round(r.h * 0.24)))
    pygame.draw.rect(surf, colour, _pts(r, [(0.14, 0.4)])[0] + (max(1, round(r.w * 0.06)), round(r.h * 0.2)))
    for x in (0.2, 0.8):
        pygame.draw.line(surf, SOLAR_LINE, _pts(r, [(x, 0.26)])[0], _pts(r, [(x, 0.74)])[0], 1)
    for x in (0.2, 0.8):
        for y in (0.22, 0.66):
            pygame.draw.rect(surf, SOLAR, _pts(r, [(x - 0.06, y)])[0] + (round(r.w * 0.12), round(r.h * 0.12)))


def draw_station(surf, r: pygame.Rect, look: Look, colour) -> None:
    """A station: a long module with a docking node and big solar wings."""
    _poly(surf, WHITE, r, [(0.38, 0.18), (0.62, 0.18), (0.62, 0.82), (0.38, 0.82)])
    _poly(surf, LIGHT, r, [(0.43, 0.06), (0.57, 0.06), (0.57, 0.18), (0.43, 0.18)])
    _poly(surf, GOLD, r, [(0.4, 0.82), (0.6, 0.82), (0.6, 0.92), (0.4, 0.92)], None)
    for y in (0.3, 0.6):
        _panels(surf, r, y, 0.3, 0.12, gap=0.13)
    pygame.draw.rect(surf, colour, _pts(r, [(0.38, 0.44)])[0] + (round(r.w * 0.24), max(1, round(r.h * 0.04))))
    _mark(surf, pygame.Rect(_pts(r, [(0.43, 0.66)])[0], (round(r.w * 0.14), round(r.h * 0.1))), look.side, colour)


DRAW = {"launcher": draw_launcher, "capsule": draw_capsule, "satellite": draw_satellite, "probe": draw_probe,
        "lander": draw_lander, "rover": draw_rover, "eva": draw_eva, "docking": draw_docking,
        "station": draw_station}

__all__ = ["program_picture", "mission_picture", "draw_beside", "scenario_looks", "Look"]
