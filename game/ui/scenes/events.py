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
        """Lay the pop-up out from its text: the body and each option's effects are text boxes that take
        the height their laid-out text needs; only when the window is too short does the body scroll."""
        L = self.L
        u, pad = L.u, L.pad
        sc = self.flow.session.scenario
        w = min(L.width - 4 * pad, int(u * 30))
        inner = w - 2 * pad
        html = escape(self.data["text"])
        html += "<br><br>" + muted("Source: " + escape(self.data.get("source", "")))
        effects = effects_sentence(sc, self.data.get("effects"))
        if effects != "no direct effect":
            html += "<br><br><b>What it does:</b> " + escape(effects)
        if self.options and not self.pending:
            chosen = "; ".join(f"{o['text']}: {effects_sentence(sc, o.get('effects'))}" for o in self.options)
            html += "<br><br>" + muted("Options: " + escape(chosen))
        who = side_name(sc, self.side)
        counter = self.label("counter", (0, 0, inner, u), f"{who} — news {self.index + 1} of {self.count}"
                             + (" — your decision" if self.pending else ""), "#small")
        title = self.label("title", (0, 0, inner, int(u * 1.3)), self.data["title"], "#heading")
        box = self.textbox("text", (0, 0, inner, -1), html)
        placed = []  # (widget, height, gap below, indent) of the rows under the text, in order
        if self.pending:
            for i, opt in enumerate(self.options):
                eff = effects_sentence(sc, opt.get("effects"))
                b = self.button(f"option_{i}", (0, 0, inner, u), f"{i + 1}. {opt['text']}",
                                f"Choose this ({i + 1}). Effects: {escape(eff)}.", lambda i=i: self.choose(i))
                note = self.textbox(f"effects_{i}", (0, 0, inner - pad, -1), "Effects: " + escape(eff), "#note")
                placed += [(b, u, 0, 0), (note, note.rect.h, pad, pad)]
        else:
            bw = int(u * 5)
            b = self.button("continue", (inner - bw, 0, bw, u), "Continue", "Close this news (Enter).", self.done,
                            object_id="#accent")
            placed.append((b, u, 0, inner - bw))
        head_h = u + int(u * 1.3)
        rows_h = sum(h + gap for _, h, gap, _ in placed)
        room = L.height - 4 * pad - (head_h + rows_h + 3 * pad)
        box_h = box.rect.h
        if box_h > room:  # too tall for the window: the body scrolls
            box.kill()
            box_h = max(u * 3, room)
            box = self.textbox("text", (0, 0, inner, box_h), html)
        h = head_h + box_h + rows_h + 3 * pad
        x, y, w, h = L.centered(w, h)
        self.panel = pygame.Rect(x, y, w, h)
        counter.set_position((x + pad, y + pad // 2))
        title.set_position((x + pad, y + pad // 2 + u))
        box.set_position((x + pad, y + pad + head_h))
        yy = y + 2 * pad + head_h + box_h
        for widget, height, gap, dx in placed:
            widget.set_position((x + pad + dx, yy))
            yy += height + gap

    def choose(self, i: int) -> None:
        self.flow.plans[self.side].choices[self.event] = i
        self.done()

    def done(self) -> None:
        self.flow.advance()

    def choose_key(self, i: int) -> None:
        """Number key i + 1: pick option i of a decision."""
        if self.pending and i < len(self.options):
            self.choose(i)

    def close_key(self) -> None:
        """Enter, Space or Esc: close a news item (a decision needs its option)."""
        if not self.pending:
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
