"""Charts drawn in the game: both sides' prestige, your budget beside the
intelligence estimate of the rival's, your programs' reliability estimates.
Built from the side's own history of observations (session.history[side]).
"""

from __future__ import annotations

import pygame

from game.session.describe import SIDE_SHORT, month_label
from game.ui.fonts import draw_text, fit_text, font
from game.ui.markers import SIDE_SHAPES, draw_marker, series_shape
from game.ui.scene import Scene
from game.ui.theme import palette, side_colour


def draw_chart(surf, rect: pygame.Rect, title: str, series: list[tuple[str, tuple, list[tuple[float, float]], bool]],
               L, x_range: tuple[float, float], y_label=lambda v: f"{v:.0f}", y_min: float | None = None,
               y_max: float | None = None, x_label=None, fill: bool = False, shapes: list[str] | None = None) -> None:
    """A line chart. series: (name, colour, [(x, y)], dashed); `fill` shades the area under solid lines.
    Each series has a marker shape (`shapes`, default markers.series_shape(i)) drawn along its line, at its
    last point beside its name, and in the legend, so series are told apart without their colours."""
    pal = palette()
    pygame.draw.rect(surf, pal["panel"], rect, border_radius=6)
    title_r = draw_text(surf, title, (rect.x + L.pad, rect.y + L.pad // 2), L.font(15), pal["text"], bold=True)
    small = L.font(12)
    mark = max(9, L.u * 2 // 5)
    names = [fit_text(name, small, rect.w // 3) for name, *_ in series]
    spots, below = legend_spots(names, small, mark, L.pad, title_r, rect)
    ys = [y for _, _, pts, _ in series for _, y in pts]
    lo = min(ys + [0.0]) if y_min is None else y_min
    hi = max(ys + [1.0]) if y_max is None else y_max
    if hi - lo < 4:
        hi = lo + 4
    plot = pygame.Rect(rect.x + L.u * 2, rect.y + L.u + L.pad + below, rect.w - L.u * 2 - L.pad,
                       rect.h - 2 * L.u - 2 * L.pad - below)
    x0, x1 = x_range
    if x1 - x0 < 1e-6:
        x1 = x0 + 1

    def px(x, y):
        return (plot.x + (x - x0) / (x1 - x0) * plot.w, plot.bottom - (y - lo) / (hi - lo) * plot.h)

    lo, hi, step = nice_range(lo, hi)
    # the plot area sits a shade below the panel, with every other band between gridlines a shade lower still
    base = pal["panel"][:3]
    pygame.draw.rect(surf, tuple(max(0, c - 8) for c in base), plot)
    band = tuple(max(0, c - 14) for c in base)
    for i in range(0, int(round((hi - lo) / step)), 2):
        top, bottom = px(x0, lo + step * (i + 1))[1], px(x0, lo + step * i)[1]
        pygame.draw.rect(surf, band, pygame.Rect(plot.x, round(top), plot.w, round(bottom - top)))
    if x_label is None:
        def x_label(v):
            return month_label(v * 12)
    for i in range(int(round((hi - lo) / step)) + 1):
        v = lo + step * i
        y = px(x0, v)[1]
        pygame.draw.line(surf, pal["grid"], (plot.x, y), (plot.right, y))
        draw_text(surf, y_label(v), (plot.x - 4, y), small, pal["muted"], anchor="midright")
    for i in range(5):
        v = x0 + (x1 - x0) * i / 4
        x = px(v, lo)[0]
        anchor = "topleft" if i == 0 else ("topright" if i == 4 else "midtop")
        draw_text(surf, x_label(v), (x, plot.bottom + 2), small, pal["muted"], anchor=anchor)
    pygame.draw.rect(surf, pal["grid"], plot, 1)
    shapes = shapes or [series_shape(i) for i in range(len(series))]
    for (_, colour, pts, dashed), shape, name, spot in reversed(list(zip(series, shapes, names, spots, strict=True))):
        r = draw_text(surf, name, spot, small, colour, anchor="topright")
        draw_marker(surf, shape, colour, (r.x - mark, r.centery), mark, outline=pal["background"])
        if len(pts) >= 2:
            xy = [px(x, y) for x, y in pts]
            if dashed:
                dashed_lines(surf, colour, xy, max(4, L.u // 4), max(2, round(2 * L.scale)))
            else:
                if fill:
                    shade = pygame.Surface(surf.get_size(), pygame.SRCALPHA)
                    base = px(x0, max(lo, 0.0))[1]
                    pygame.draw.polygon(shade, (*colour[:3], 60), [(xy[0][0], base), *xy, (xy[-1][0], base)])
                    surf.blit(shade, (0, 0))
                pygame.draw.lines(surf, colour, False, xy, max(3, round(3 * L.scale)))
        for x, y in marker_points([px(*p) for p in pts], plot.w // 8):
            draw_marker(surf, shape, colour, (x, y), mark, outline=pal["background"])
    if len(series) <= 3:  # few lines: each is also named at its end, the names kept apart
        placed: list[pygame.Rect] = []
        for name, colour, pts, _ in series:
            if not pts:
                continue
            x, y = px(*pts[-1])
            img = font(small).render(name, True, colour)
            r = img.get_rect(midright=(x - mark, y - mark))
            r.clamp_ip(plot)
            while any(r.colliderect(o) for o in placed) and r.bottom < plot.bottom:
                r.y = min(plot.bottom - r.h, max(o.bottom for o in placed if r.colliderect(o)) + 1)
            placed.append(r)
            surf.blit(img, r)


def marker_points(points: list[tuple[float, float]], spacing: float) -> list[tuple[float, float]]:
    """The points of a line that carry markers: the last one, and earlier ones at least `spacing` pixels
    apart from each other and from it."""
    if not points:
        return []
    out = [points[-1]]
    for p in reversed(points[:-1]):
        if abs(p[0] - out[-1][0]) >= spacing and abs(p[0] - points[-1][0]) >= spacing:
            out.append(p)
    return out


def nice_range(lo: float, hi: float) -> tuple[float, float, float]:
    """(low, high, step): the range widened to round ticks, about 4 to 6 of them."""
    import math

    raw = (hi - lo) / 5
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)
    return math.floor(lo / step) * step, math.ceil(hi / step) * step, step


def dashed_lines(surf, colour, points, dash: int, width: int = 2) -> None:
    """A polyline `width` pixels wide drawn in dashes of `dash` pixels."""
    on, left = True, float(dash)
    for (x0, y0), (x1, y1) in zip(points, points[1:], strict=False):
        length = max(1e-6, ((x1 - x0) ** 2 + (y1 - y0) ** 2) ** 0.5)
        pos = 0.0
        while pos < length:
            step = min(left, length - pos)
            a = (x0 + (x1 - x0) * pos / length, y0 + (y1 - y0) * pos / length)
            b = (x0 + (x1 - x0) * (pos + step) / length, y0 + (y1 - y0) * (pos + step) / length)
            if on:
                pygame.draw.line(surf, colour, a, b, width)
            pos += step
            left -= step
            if left <= 0:
                on, left = not on, float(dash)


class ChartsScene(Scene):
    name = "charts"
    auto_frames = 40

    def __init__(self, app, flow, side: int, back_to=None, public_only: bool = False, then_continue: bool = False):
        super().__init__(app)
        self.flow = flow
        self.side = side
        self.back_to = back_to
        self.public_only = public_only
        self.then_continue = then_continue

    def build(self) -> None:
        L = self.L
        u = L.u
        text = "Continue" if self.then_continue else "Back"
        self.button("back", (L.width - int(u * 5) - L.pad, L.height - u - L.pad, int(u * 5), u), text,
                    "Return (Esc).", self.back, object_id="#accent")

    def back(self) -> None:
        if self.then_continue:
            self.flow.advance()
        elif self.back_to is not None:
            self.app.show(self.back_to)

    def default_action(self) -> None:
        self.back()

    def draw(self, surf) -> None:
        L = self.L
        s = self.flow.session
        sc = s.scenario
        hist = s.history[self.side]
        cal = sc.calendar

        def year(t):
            return cal.turn_month(t) / 12.0

        xr = (year(0), year(max(1, hist[-1].turn if hist else 1)))
        pad = L.pad
        title_h = int(L.u * 1.3)
        view = " (public information)" if self.public_only else f" — {SIDE_SHORT[self.side]} view"
        draw_text(surf, "Charts" + view, (2 * pad, pad), L.font(19), palette()["text"], bold=True)
        area = pygame.Rect(pad, title_h + 2 * pad, L.width - 2 * pad, L.height - title_h - L.u - 4 * pad)
        prestige = [(SIDE_SHORT[k], side_colour(k, True), [(year(h.turn), h.prestige[k]) for h in hist], False)
                    for k in (0, 1)]
        if self.public_only:
            draw_chart(surf, area, "Prestige", prestige, L, xr, fill=True, shapes=list(SIDE_SHAPES))
            return
        half_w = (area.w - pad) // 2
        half_h = (area.h - pad) // 2
        draw_chart(surf, pygame.Rect(area.x, area.y, half_w, half_h), "Prestige", prestige, L, xr, fill=True,
                   shapes=list(SIDE_SHAPES))
        me, rival = SIDE_SHORT[self.side], SIDE_SHORT[1 - self.side]
        budget = [(f"{me} (yours)", side_colour(self.side, True), [(year(h.turn), h.budget) for h in hist], False),
                  (f"{rival} (estimate)", side_colour(1 - self.side, True),
                   [(year(h.turn), h.rival_budget_estimate) for h in hist], True)]
        draw_chart(surf, pygame.Rect(area.x + half_w + pad, area.y, half_w, half_h), "Yearly budget", budget, L, xr,
                   fill=True, shapes=[SIDE_SHAPES[self.side], SIDE_SHAPES[1 - self.side]])
        series = []
        colours = palette()["series"]
        programs = recently_changed(hist, len(colours))
        for i, p in enumerate(programs):
            pts = [(year(h.turn), h.estimates[p][0] * 100) for h in hist if p in h.estimates]
            series.append((sc.programs[p]["name"], colours[i], pts, False))
        title = "Your programs' reliability (your estimates, %"
        title += "; those changed last)" if len(programs) < len({p for h in hist for p in h.estimates}) else ")"
        draw_chart(surf, pygame.Rect(area.x, area.y + half_h + pad, area.w, half_h), title, series, L, xr,
                   y_min=0, y_max=100)


def legend_spots(names: list[str], small, mark: int, pad: int, title_r: pygame.Rect,
                 rect: pygame.Rect) -> tuple[list[tuple[int, int]], int]:
    """Where each legend entry's name goes (its top-right corner; the marker sits left of it) and how many
    pixels the legend takes below the title. Entries run right to left on the title's line while they clear
    the title, else on rows of their own under it, so no name covers the title or another name."""
    widths = [font(small).size(n)[0] + 2 * mark + pad for n in names]
    line_h = font(small).get_linesize()
    if sum(widths) <= rect.right - pad - title_r.right - pad:
        y, below, left = rect.y + pad // 2, 0, title_r.right + pad
    else:
        y, below, left = title_r.bottom + 2, line_h + 2, rect.x + pad
    spots: list[tuple[int, int]] = [(0, 0)] * len(names)
    x = rect.right - pad
    for i in reversed(range(len(names))):
        if x - widths[i] < left and x < rect.right - pad:   # this row is full: start another below it
            x, y, below = rect.right - pad, y + line_h + 2, below + line_h + 2
        spots[i] = (x, y)
        x -= widths[i]
    return spots, below


def recently_changed(hist, n: int) -> list[int]:
    """The ids of at most `n` programs of a side's history (a list of turn snapshots, each with `estimates`
    {program: (mean, ...)}) whose reliability estimate changed last, so a long game charts the programs in use
    rather than the first ones developed; in order of id, so colours stay put while the set holds."""
    last: dict[int, int] = {}
    before: dict[int, float] = {}
    for i, h in enumerate(hist):
        for p, est in h.estimates.items():
            if p not in last or est[0] != before[p]:
                last[p] = i
            before[p] = est[0]
    return sorted(sorted(last, key=lambda p: (-last[p], p))[:n])
