"""Event pop-ups: title, text, where it comes from, what it does, and the
option buttons with their effects spelled out.
"""

from __future__ import annotations

import numpy as np
import pygame

from game.session.describe import effects_sentence, side_name
from game.ui.scene import Scene, escape
from game.ui.scenes.panels import muted


def own_events(session, side: int) -> list[int]:
    """Events of this turn addressed to `side` (or to both), pending choices first."""
    rules = session.rules
    obs = session.observation(side)
    mine = (rules.ev_recv == side) | (rules.ev_recv == 2)
    news = [int(e) for e in np.flatnonzero(obs.news[0] & mine)]
    return sorted(news, key=lambda e: (not obs.pending[0, e], e))


class EventScene(Scene):
    name = "event"
    modal = True
    auto_frames = 40

    def __init__(self, app, flow, side: int, event: int, index: int, count: int):
        super().__init__(app)
        self.flow = flow
        self.side = side
        self.event = event
        self.index, self.count = index, count
        sc = flow.session.scenario
        self.data = sc.events[event]
        self.options = self.data.get("option") or []
        self.pending = bool(flow.session.observation(side).pending[0, event]) and bool(self.options)

    def build(self) -> None:
        L = self.L
        u, pad = L.u, L.pad
        sc = self.flow.session.scenario
        w = min(L.width - 4 * pad, int(u * 30))
        words = len(self.data["text"].split()) + 30 + 12 * len(self.options)
        lines = words * 6.5 * L.font(15) * 0.55 / max(1, w - 4 * pad) + 6
        n_opts = len(self.options) if self.pending else 0
        want = int(lines * L.font(15) * 1.75) + 3 * u + n_opts * int(u * 2.2) + 6 * pad
        h = min(L.height - 6 * pad, max(int(u * 12), want))
        x, y, w, h = L.centered(w, h)
        self.panel = pygame.Rect(x, y, w, h)
        who = side_name(sc, self.side)
        self.label("counter", (x + pad, y + pad, w - 2 * pad, u),
                   f"{who} — news {self.index + 1} of {self.count}" + (" — your decision" if self.pending else ""),
                   "#small")
        self.label("title", (x + pad, y + pad + u, w - 2 * pad, int(u * 1.3)), self.data["title"], "#heading")
        n = len(self.options) if self.pending else 0
        opts_h = n * int(u * 2.2) + (u + pad if not self.pending else 0)
        box_h = h - 3 * u - opts_h - 3 * pad
        html = escape(self.data["text"])
        html += "<br><br>" + muted("Source: " + escape(self.data.get("source", "")))
        effects = effects_sentence(sc, self.data.get("effects"))
        if effects != "no direct effect":
            html += "<br><br><b>What it does:</b> " + escape(effects)
        if self.options and not self.pending:
            chosen = "; ".join(f"{o['text']}: {effects_sentence(sc, o.get('effects'))}" for o in self.options)
            html += "<br><br>" + muted("Options: " + escape(chosen))
        self.textbox("text", (x + pad, y + 2 * u + 2 * pad, w - 2 * pad, box_h), html)
        oy = y + 2 * u + 3 * pad + box_h
        if self.pending:
            for i, opt in enumerate(self.options):
                eff = effects_sentence(sc, opt.get("effects"))
                self.button(f"option_{i}", (x + pad, oy, w - 2 * pad, u), f"{i + 1}. {opt['text']}",
                            f"Choose this ({i + 1}). Effects: {escape(eff)}.", lambda i=i: self.choose(i))
                self.label(None, (x + 2 * pad, oy + u, w - 3 * pad, int(u * 1.0)), f"Effects: {eff}", "#small")
                oy += int(u * 2.2)
        else:
            self.button("continue", (x + w - pad - int(u * 5), oy, int(u * 5), u), "Continue",
                        "Close this news (Enter).", self.done, object_id="#accent")

    def choose(self, i: int) -> None:
        self.flow.plans[self.side].choices[self.event] = i
        self.done()

    def done(self) -> None:
        self.flow.advance()

    def key(self, key: int, mod: int) -> None:
        if self.pending and pygame.K_1 <= key <= pygame.K_9 and key - pygame.K_1 < len(self.options):
            self.choose(key - pygame.K_1)
        elif not self.pending and key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE, pygame.K_ESCAPE):
            self.done()

    def default_action(self) -> None:
        if self.pending:
            if self.flow.spectating:
                self.done()  # the AI's own orders carry its choice
            else:
                self.choose(0)
        else:
            self.done()

    def draw(self, surf) -> None:
        from game.ui.theme import palette, side_colour

        pygame.draw.rect(surf, palette()["panel"], self.panel, border_radius=8)
        pygame.draw.rect(surf, side_colour(self.side), self.panel, 2, border_radius=8)
