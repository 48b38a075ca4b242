"""The forecast panel: over headquarters, each side's chance to take each first still open and to win.

It is computed off the UI thread (game.ai.forecast, normal quality) from the headquarters side's own
Observation only, so in hot-seat it shows what that player may know; a spinner turns meanwhile. Each
first is a row with two bars, one per side (named and marked with the side's shape, not told apart by
colour alone), each with a line across its end for one standard error either way; the chances to win
are one bar split US | draw | USSR.
"""

from __future__ import annotations

import pygame

from game.session.describe import SIDE_SHORT, side_name, turn_label
from game.ui.fonts import draw_text, fit_text, font
from game.ui.markers import draw_side_marker
from game.ui.scene import Scene
from game.ui.scenes import panels
from game.ui.theme import palette, side_colour
from game.ui.worker import BackgroundJob

QUALITY = "normal"


def start_forecast(session, side: int) -> BackgroundJob:
    """The forecast of `session` seen by `side`, computed on a background thread."""
    from game.ai.forecast import forecast

    rules, obs = session.rules, session.observation(side)
    return BackgroundJob(lambda: forecast(rules, obs, QUALITY), name=f"forecast-side-{side}")


class ForecastScene(Scene):
    """The forecast of headquarters' side; Esc, Enter, F or Close go back to `back_to`."""

    name = "forecast"
    modal = True
    auto_frames = 90

    def __init__(self, app, session, side: int, back_to):
        super().__init__(app)
        self.session = session
        self.scenario = session.scenario
        self.side = side
        self.back_to = back_to
        self.job = start_forecast(session, side)
        self.result = None
        self.error = ""

    # --- building ------------------------------------------------------------------------------------------
    def build(self) -> None:
        L = self.L
        u, pad = L.u, L.pad
        # as tall as the open firsts need (a row each, at most u * 1.1), at most the window less a margin
        open_firsts = int((self.session.observation(self.side).first_side[0] < 0).sum())
        w = min(L.width - 4 * pad, int(u * 40))
        h = min(L.height - 4 * pad, int(u * (7.5 + 1.1 * max(open_firsts, 1))))
        self.panel = pygame.Rect((L.width - w) // 2, (L.height - h) // 2, w, h)
        x, inner = self.panel.x + 2 * pad, w - 4 * pad
        t = min(self.session.turn, self.scenario.rules.n_turns - 1)
        title = f"Forecast · seen by {side_name(self.scenario, self.side)} · {turn_label(self.scenario, t)}"
        self.label("title", (x, self.panel.y + pad, inner, u), fit_text(title, L.font(19), inner, bold=True),
                   "#heading", tip="What the rest of the race may bring, from what your side knows.")
        note = ("Games played to the end in worlds drawn from what your side knows (never the rival's secrets); "
                "a bar is a chance, its end line ± one standard error.")
        self.label("note", (x, self.panel.y + pad + u, inner, u), fit_text(note, L.font(13), inner), "#small",
                   tip="Each world fills in what you cannot see (the rival's money and programs, your true "
                       "reliabilities) in a way that fits what you have seen; both sides then play the AI's "
                       "strategies to the end. The ± says how much another sample could move a figure.")
        bw = int(u * 4)
        self.button("close", (self.panel.right - 2 * pad - bw, self.panel.bottom - pad - u, bw, u), "Close",
                    "Back to headquarters (Esc, Enter or F).", self.back)
        self.body = pygame.Rect(x, self.panel.y + pad + 2 * u + pad, inner,
                                self.panel.bottom - pad - u - pad - (self.panel.y + pad + 2 * u + pad))

    # --- life cycle ----------------------------------------------------------------------------------------
    def update(self, dt: float) -> None:
        if self.result is None and not self.error and self.job.done:
            try:
                self.result = self.job.result()
            except Exception as exc:   # shown in the panel in one line; the game goes on
                self.error = f"The forecast failed: {' '.join(str(exc).split()) or type(exc).__name__}"

    @property
    def ready(self) -> bool:
        return self.result is not None or bool(self.error)

    def ready_for_screenshot(self) -> bool:
        return self.ready

    def back(self) -> None:
        self.app.show(self.back_to)

    def default_action(self) -> None:
        if not self.ready:
            self.frames = 0   # wait for the forecast, then show it a moment before closing
            return
        self.back()

    # --- drawing -------------------------------------------------------------------------------------------
    def draw(self, surf: pygame.Surface) -> None:
        pal = palette()
        L = self.L
        pygame.draw.rect(surf, pal["panel"], self.panel, border_radius=8)
        pygame.draw.rect(surf, pal["panel_border"], self.panel, 2, border_radius=8)
        if self.error:
            draw_text(surf, fit_text(self.error, L.font(15), self.body.w), self.body.topleft, L.font(15), pal["bad"])
            return
        if self.result is None:
            panels.draw_spinner(surf, (self.body.x + L.u, self.body.y + L.u), L, self.frames,
                                "Playing the rest of the race in sampled worlds…")
            return
        self._draw_win(surf, pygame.Rect(self.body.x, self.body.y, self.body.w, int(L.u * 1.6)))
        top = self.body.y + int(L.u * 1.6) + L.pad
        self._draw_firsts(surf, pygame.Rect(self.body.x, top, self.body.w, self.body.bottom - top))

    def _draw_win(self, surf, r: pygame.Rect) -> None:
        """One bar split US | draw | USSR, each part labelled with its chance and ± one standard error."""
        pal, L = palette(), self.L
        fc = self.result
        size = L.font(15)
        lab = draw_text(surf, "Chance to win", (r.x, r.y), size, pal["text"], bold=True)
        bar = pygame.Rect(r.x + lab.w + 2 * L.pad, r.y, r.w - lab.w - 2 * L.pad, max(10, L.u // 2))
        us, ussr = float(fc.win[0]), float(fc.win[1])
        pygame.draw.rect(surf, pal["grid"], bar)
        pygame.draw.rect(surf, side_colour(0), (bar.x, bar.y, round(bar.w * us), bar.h))
        pygame.draw.rect(surf, side_colour(1), (bar.right - round(bar.w * ussr), bar.y, round(bar.w * ussr), bar.h))
        for s, x in ((0, bar.x + bar.w * us), (1, bar.right - bar.w * ussr)):
            self._whisker(surf, x, bar, float(fc.win_se[s]) * bar.w)
        small = L.font(13)
        y = bar.bottom + 2
        draw_side_marker(surf, 0, (bar.x + small // 2, y + small // 2 + 2), small)
        draw_text(surf, f"{SIDE_SHORT[0]} {us:.0%} ± {100 * fc.win_se[0]:.0f}", (bar.x + small + 4, y), small,
                  side_colour(0, text=True), bold=True)
        t = draw_text(surf, f"{SIDE_SHORT[1]} {ussr:.0%} ± {100 * fc.win_se[1]:.0f}", (bar.right, y), small,
                      side_colour(1, text=True), bold=True, anchor="topright")
        draw_side_marker(surf, 1, (t.x - small // 2 - 4, y + small // 2 + 2), small)
        if fc.win[2] >= 0.005:
            draw_text(surf, f"draw {fc.win[2]:.0%}", (bar.centerx, y), small, pal["muted"], anchor="midtop")

    def _whisker(self, surf, x: float, bar: pygame.Rect, half: float) -> None:
        """The ± line at the end of a bar: from x - half to x + half, with end ticks."""
        pal = palette()
        lo, hi = int(max(bar.x, x - half)), int(min(bar.right, x + half))
        y = bar.centery
        pygame.draw.line(surf, pal["text"], (lo, y), (hi, y), 2)
        for v in (lo, hi):
            pygame.draw.line(surf, pal["text"], (v, bar.y - 2), (v, bar.bottom + 1), 2)

    def _draw_firsts(self, surf, r: pygame.Rect) -> None:
        """A row per open first: its name, then a bar for each side (in one or two columns, as room allows)."""
        pal, L = palette(), self.L
        fc = self.result
        names = [self.scenario.milestones[k]["name"] for k in fc.milestones]
        size = L.font(13)
        if not names:
            draw_text(surf, "Every first has been taken.", r.topleft, L.font(15), pal["muted"])
            return
        head = draw_text(surf, "Chance to take each first still open", r.topleft, L.font(15), pal["text"], bold=True)
        r = pygame.Rect(r.x, head.bottom + L.pad // 2, r.w, r.bottom - head.bottom - L.pad // 2)
        row_h = max(size + 8, min(int(L.u * 1.1), r.h // len(names)))
        cols = 1 if row_h * len(names) <= r.h else 2
        per = -(-len(names) // cols)
        row_h = max(size + 6, min(row_h, r.h // per))
        col_w = (r.w - (cols - 1) * 2 * L.pad) // cols
        for i, name in enumerate(names):
            c, j = divmod(i, per)
            row = pygame.Rect(r.x + c * (col_w + 2 * L.pad), r.y + j * row_h, col_w, row_h)
            if j % 2 == 0:
                pygame.draw.rect(surf, pal["background"], row)
            name_w = int(col_w * 0.36)
            draw_text(surf, fit_text(name, size, name_w - L.pad), (row.x + L.pad // 2, row.centery), size,
                      pal["text"], anchor="midleft")
            half = (col_w - name_w) // 2
            for s in (0, 1):
                cell = pygame.Rect(row.x + name_w + s * half, row.y, half - L.pad, row.h)
                self._side_bar(surf, cell, s, float(fc.first[i, s]), float(fc.first_se[i, s]), size)

    def _side_bar(self, surf, cell: pygame.Rect, side: int, p: float, se: float, size: int) -> None:
        """A side's chance as a bar: its marker, a short label ("US 45% ± 3"), the bar and its ± line."""
        pal = palette()
        mark = max(8, size - 2)
        draw_side_marker(surf, side, (cell.x + mark // 2, cell.centery), mark)
        text = f"{SIDE_SHORT[side]} {p:.0%} ± {100 * se:.0f}"
        label_w = font(size).size(f"{SIDE_SHORT[1]} 100% ± 10 ")[0]
        draw_text(surf, text, (cell.x + mark + 4, cell.centery), size, side_colour(side, text=True), anchor="midleft")
        bar = pygame.Rect(cell.x + mark + 4 + label_w, cell.centery - max(3, cell.h // 5),
                          max(8, cell.w - mark - 4 - label_w), max(6, 2 * (cell.h // 5)))
        pygame.draw.rect(surf, pal["grid"], bar)
        pygame.draw.rect(surf, side_colour(side), (bar.x, bar.y, round(bar.w * p), bar.h))
        self._whisker(surf, bar.x + bar.w * p, bar, se * bar.w)


def forecast_for_demo(session, side: int) -> bool:
    """Whether the demo (autoplay) shows the forecast on this headquarters: once, on the second turn, for
    the first side shown (the first human's, else the US)."""
    first = session.humans[0] if session.humans else 0
    return session.turn == 1 and side == first and not session.is_over
