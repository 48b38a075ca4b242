"""The picture of a launcher: a rocket standing in a rectangle, drawn from its Look (stages, size,
strap-on boosters), with the side's bands and marking, and on top a nose, a capsule or a fairing. One that
flies to other worlds has a gold-foiled upper stage, one to the planets also a small kick stage under its
nose; its variant (a hash of its id) picks the nose's shape, the number of bands on its first stage and where
the boosters' stripes run."""

from __future__ import annotations

import pygame

from game.ui.picture_looks import Look
from game.ui.picture_parts import DARK, GOLD, LIGHT, SHADE, WHITE, letters, star


def draw_rocket(surf, r: pygame.Rect, look: Look, colour, top: Look | None = None) -> None:
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
        pygame.draw.rect(surf, GOLD if k and k == stages - 1 and look.dests else WHITE, rect)
        if k:  # an interstage: the narrower stage sits on a short cone
            lw = widths[k - 1]
            pygame.draw.polygon(surf, LIGHT, [(cx - lw / 2, y), (cx + lw / 2, y), (cx + w / 2, y - sh * 0.12),
                                              (cx - w / 2, y - sh * 0.12)])
        band = max(1, round(min(sh * 0.08, w * 0.25)))
        pygame.draw.rect(surf, colour, (rect.x, rect.y, rect.w, band))
        if k == 0 and look.variant & 2:  # a second band low on the first stage
            pygame.draw.rect(surf, colour, (rect.x, round(rect.bottom - sh * 0.22), rect.w, band))
        if h >= 40:
            shade = max(1, rect.w // 4)
            pygame.draw.rect(surf, SHADE, (rect.right - shade, rect.y + band, shade, rect.h - band))
        if k == 0:
            _body_mark(surf, rect, look.side, colour)
        if h >= 40:
            pygame.draw.rect(surf, DARK, rect, line)
        y -= sh
    nw = widths[-1]
    if top is None and {"venus", "mars", "outer"} & set(look.dests):  # a planetary kick stage under the nose
        kw, kh = nw * 0.72, nose_h * 0.45
        pygame.draw.rect(surf, GOLD, (round(cx - kw / 2), round(body_top - kh), round(kw), round(kh) + 1))
        if h >= 40:
            pygame.draw.rect(surf, DARK, (round(cx - kw / 2), round(body_top - kh), round(kw), round(kh) + 1), line)
        body_top, nw = body_top - kh, kw
    _top(surf, cx, body_top, nw, nose_h, top, colour, line, blunt=bool(look.variant & 1))
    if look.strap_ons:  # boosters round the first stage, flaring out at the bottom (two seen from the side)
        bh, sw = (bottom - body_top) * 0.5, bw * 0.62
        for sgn in (-1, 1):
            x0 = cx + sgn * bw * 0.45
            pts = [(x0, bottom - bh), (x0 + sgn * sw * 0.35, bottom - bh * 0.82), (x0 + sgn * sw, bottom),
                   (x0, bottom)]
            pygame.draw.polygon(surf, LIGHT, pts)
            lo = 0.14 + 0.3 * (look.variant >> 2 & 1)  # the stripe high or low on the booster
            pygame.draw.line(surf, colour, (x0 + sgn * sw * 0.2, bottom - bh * (lo + 0.48)),
                             (x0 + sgn * sw * 0.62, bottom - bh * lo), max(1, round(sw * 0.12)))
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
            letters(surf, "USA", (cx, rect.y + rect.h * 0.45), round(w * 0.85), colour, rect.h * 0.6)
        else:
            star(surf, (cx, rect.y + rect.h * 0.2), min(w * 0.3, rect.h * 0.1), colour)
            letters(surf, "CCCP", (cx, rect.y + rect.h * 0.58), round(w * 0.7), colour, rect.h * 0.55)
    elif side == 1:
        star(surf, (cx, rect.y + rect.h * 0.35), max(2.0, w * 0.4), colour)
    else:
        for k in range(2):
            pygame.draw.rect(surf, colour, (rect.x, round(rect.y + rect.h * (0.3 + 0.12 * k)), rect.w,
                                            max(1, round(rect.h * 0.04))))


def _top(surf, cx: float, base: float, nw: float, nose_h: float, top: Look | None, colour, line: int,
         blunt: bool = False) -> None:
    """What stands on the last stage: a pointed nose (`blunt`: a short rounded one), a capsule with its escape
    tower, or a payload fairing."""
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
    if top is None and blunt:
        nose_h *= 0.7
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
    draw_rocket(surf, r, look, colour)
