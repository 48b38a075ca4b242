"""Asking before a thin turn ends: a small dialog over headquarters ("End the turn anyway?").

The rule (help states it): ending a turn asks first when the orders fund nothing and launch nothing,
or leave more than THIN_TURN_SHARE of the side's money unspent. "Don't ask again" turns the question
off for good (settings.confirm_end_turn, saved at once); Settings turns it back on.
"""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game.session.checker import money
from game.session.plan import money_left
from game.ui.scene import Scene
from game.ui.settings import save_settings
from game.ui.theme import palette

THIN_TURN_SHARE = 0.6  # more than this share of the money left unspent makes a turn "thin"


def thin_turn(rules, obs, plan) -> str | None:
    """Why ending the turn with `plan` deserves a question, in one sentence; None when it does not."""
    cash = float(obs.cash[0])
    if not plan.funding and not plan.launches:
        return "Your orders fund no program and launch no mission."
    left = money_left(rules, obs, plan)
    if cash > 0 and left > THIN_TURN_SHARE * cash:
        share = f"{left / cash:.0%}"
        return f"Your orders leave {money(left)} of your {money(cash)} unspent ({share}); {carry_over(rules)}."
    return None


def carry_over(rules) -> str:
    """What becomes of unspent money under the scenario's carry-over cap, as a clause."""
    cap = float(rules.carryover_cap)
    if cap <= 0:
        return "unspent money carries over"
    years = {1.0: "a year", 0.5: "half a year"}.get(cap, f"{cap:g} years")
    cut = float(getattr(rules, "overflow_cut", 0.0))
    also = f", and {cut:.0%} of what is lost is also cut from next year's budget" if cut > 0 else ""
    return f"unspent money carries over up to {years} of budget, and the rest is lost{also}"


class ConfirmScene(Scene):
    """A yes/no question over the screen it was asked from. Yes calls `on_yes`; No (or Esc) shows
    `back_to` again. With `dont_ask`, a "Don't ask again" box sets that settings field to False."""

    name = "confirm"
    modal = True
    auto_frames = 10

    def __init__(self, app, question: str, detail: str, on_yes: Callable[[], None], back_to,
                 dont_ask: str | None = None):
        super().__init__(app)
        self.question = question
        self.detail = detail
        self.on_yes = on_yes
        self.back_to = back_to
        self.dont_ask = dont_ask
        self.ticked = False

    def build(self) -> None:
        L = self.L
        u, pad = L.u, L.pad
        w = min(L.width - 4 * pad, int(u * 22))
        inner = w - 4 * pad
        detail = self.textbox("detail", (0, 0, inner, -1), self.detail)  # as tall as its laid-out text
        box_h = max(int(u * 2.2), detail.rect.h)
        h = int(u * 4.2) + box_h
        self.panel = pygame.Rect((L.width - w) // 2, (L.height - h) // 2, w, h)
        x, y = self.panel.x + 2 * pad, self.panel.y + pad
        self.label("question", (x, y, inner, int(u * 1.3)), self.question, "#heading")
        detail.set_dimensions((inner, box_h))
        detail.set_position((x, y + int(u * 1.4)))
        yb = self.panel.bottom - u - pad
        bw = int(u * 4)
        if self.dont_ask:
            self.button("dont_ask", (x, yb, inner - 2 * bw - pad, u),
                        ("[x] " if self.ticked else "[ ] ") + "Don't ask again",
                        "Never ask this again (D); Settings can turn the question back on.", self.toggle_dont_ask,
                        object_id="#toggled" if self.ticked else None)
        self.button("no", (x + inner - 2 * bw - pad // 2, yb, bw, u), "No", "Back to your orders (N or Esc).",
                    self.no)
        self.button("yes", (x + inner - bw, yb, bw, u), "Yes", "End the turn as it is (Y).", self.yes,
                    object_id="#accent")

    def toggle_dont_ask(self) -> None:
        if self.dont_ask:
            self.ticked = not self.ticked
            self.rebuild()

    def _remember(self) -> None:
        if self.dont_ask and self.ticked:
            setattr(self.app.settings, self.dont_ask, False)
            save_settings(self.app.settings)

    def yes(self) -> None:
        self._remember()
        self.on_yes()

    def no(self) -> None:
        self._remember()
        self.app.show(self.back_to)

    def back(self) -> None:
        self.no()

    def default_action(self) -> None:
        self.yes()

    def draw(self, surf) -> None:
        pal = palette()
        pygame.draw.rect(surf, pal["panel"], self.panel, border_radius=8)
        pygame.draw.rect(surf, pal["panel_border"], self.panel, 2, border_radius=8)
