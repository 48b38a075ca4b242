"""The guided first turns: callouts drawn over headquarters, each outlining the real widget it explains
with an arrow to it.

A new game with a person playing and settings.guide on starts with an offer ("Show me around" / "I
know the game"); "I know the game" turns the offer off for good (the setting, which Settings turns
back on). The tour's callouts belong to the first three turns: the first turn's explain money, what
to fund first (read from the scenario: the program that opens the cheapest first), missions and their
chances, and ending the turn; the second's the news, estimates and their ±, and prestige; the third's
the rival and where help is. It never blocks play: the card's text lets clicks through to the
headquarters under it, only its own buttons take clicks, and Esc or Leave ends it at any time.

Each human side's Guide lives on the GameFlow (flow.guides) so it follows its player from turn to turn; the
headquarters calls attach() when it builds its widgets, key() first with its keys, and draw() last.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pygame
from pygame_gui.elements import UIButton

from game.rules.tables import CANCELLED, LOCKED, READY
from game.session.checker import money, program_blocker
from game.ui import keys
from game.ui.fonts import draw_text, font
from game.ui.settings import save_settings
from game.ui.theme import palette

OFFER = -1  # the step index of the offer, before the first callout
SOON = 4  # turns: a first program may open a mission whose other programs' dates come within this many


@dataclass(frozen=True)
class Callout:
    """One card: `turn` counts from the game's first turn; `target` names what it points at (a widget
    of the headquarters, or "prestige", "list", "missions", "program:<index>")."""

    turn: int
    title: str
    text: str
    target: str


def first_program(scenario, obs, side: int) -> tuple[int, int] | None:
    """(program, mission) to fund first: of the side's missions that can earn a milestone nobody holds, and
    whose programs (with the programs they require) are past their dates within SOON turns and not locked
    or cancelled, the one whose first prestige per unit of money still to pay (development of every such
    program not yet developed, plus a flight) is highest; the program is the cheapest of those that can
    be funded now. None when no mission qualifies."""
    rules = scenario.rules
    turn = min(int(obs.turn[0]) + SOON, rules.prog_open_by_turn.shape[0] - 1)
    held = obs.held[0].any(axis=0)
    best, best_value = None, 0.0
    for m in np.flatnonzero(rules.mis_side == side):
        new = rules.mis_targets[m] & ~held
        if not new.any():
            continue
        need = set(int(p) for p in np.flatnonzero(rules.mis_prog_use[m]))
        grow = list(need)
        while grow:  # the programs they require, and theirs
            for q in np.flatnonzero(rules.prog_prereq[grow.pop()]):
                if int(q) not in need:
                    need.add(int(q))
                    grow.append(int(q))
        todo = [p for p in need if int(obs.status[0, p]) != READY]
        if not todo or any(not rules.prog_open_by_turn[turn, p] or int(obs.status[0, p]) == CANCELLED
                           or (rules.prog_locked[p] and int(obs.status[0, p]) == LOCKED
                               and not any(rules.prog_prereq[p])) for p in todo):
            continue
        now = [p for p in todo if not program_blocker(scenario, obs, p)]
        if not now:
            continue
        cost = sum(float(scenario.programs[p]["start_cost"]) for p in todo) + float(rules.mis_cost[m]) + 1.0
        value = float(rules.prestige_first[new].sum()) / cost
        if value > best_value:
            best = min(now, key=lambda p: float(scenario.programs[p]["start_cost"])), int(m)
            best_value = value
    return best


def callouts(scenario, obs, side: int) -> list[Callout]:
    """The tour, written from the scenario's own data."""
    rules = scenario.rules
    out = [Callout(0, "Your money", "What you have this turn, what your orders spend and what is left. Your "
                   "yearly budget is paid out turn by turn; money you do not spend carries over.", "money")]
    pick = first_program(scenario, obs, side)
    if pick is not None:
        p, m = pick
        prog, mis = scenario.programs[p], scenario.missions[m]
        ks = [int(k) for k in np.flatnonzero(rules.mis_targets[m])]
        turns = f"{prog['dev_turns']} turn" + ("s" if prog["dev_turns"] != 1 else "")
        firsts = ", ".join(f"{scenario.milestones[k]['name']} ({rules.prestige_first[k]:+g} first)" for k in ks)
        out.append(Callout(0, "Fund this first", f"{prog['name']} ({prog['kind']}) costs {money(prog['start_cost'])} "
                           f"to develop, over at least {turns}, and leads to {mis['name']}, "
                           f"which can earn {firsts}: the most first prestige for the money still to pay. Press + "
                           "or Max on its row.", f"program:{p}"))
    out += [
        Callout(0, "Missions, step by step", "The Missions tab (2) lists what you can fly. A mission flies its "
                "steps in order and stops at the first that fails; each step succeeds with its program's "
                "reliability, less a penalty for each milestone skipped and for rushing. The chance shown is "
                "all the steps together: hover a mission's name for each step's chance and the prestige at "
                "stake.", "missions"),
        Callout(0, "Ending the turn", "When your orders are ready, End turn (Ctrl+Enter or E). Both sides' orders "
                "then resolve at once, and each launch gets its date in the turn. Orders that spend little "
                "are asked about first.", "end_turn"),
        Callout(1, "What happened", "The results you just read are kept under News (3): last turn's launches "
                "and the events as this turn opens.", "tab_news"),
        Callout(1, "Estimates and their ±", "You never see a program's true reliability: the figure shown is "
                "your engineers' estimate, and ± is its standard deviation, so the truth is usually within that "
                "distance of it, not always. It narrows with every turn of research and every flight. The rival "
                "sees neither. The rival's budget, under Rival (5), is an estimate too: spies, ±15%.", "list"),
        Callout(1, "How a first pays", "Prestige decides the game. The first side to earn a milestone gets its "
                "full prestige, the second much less, a repeat a little, and a flight that misses it loses some. "
                "Prestige also raises next year's budget.", "prestige"),
        Callout(2, "The rival", "Rival (5) shows what is public about the other side: its flights, firsts and "
                "prestige, and a spy's estimate of its budget. Its plans and reliabilities stay secret, as "
                "yours do.", "tab_rival"),
        Callout(2, "On your own", "That is the tour. Help (F1) explains the rules and lists every key; G brings "
                "this guide back.", "help"),
    ]
    return out


class Guide:
    """The tour's state for one side of one game; see the module docstring."""

    def __init__(self, app, flow, side: int):
        self.app = app
        self.flow = flow
        self.side = side
        self.first_turn = flow.session.turn
        self.cards = callouts(flow.session.scenario, flow.session.observation(side), side)
        self.step = OFFER
        self.left = False
        self.hq = None
        self.widgets: dict[str, UIButton] = {}
        self.card = pygame.Rect(0, 0, 0, 0)

    # --- state -----------------------------------------------------------------------------------------------
    @property
    def turn(self) -> int:
        """Turns since the game began."""
        return self.flow.session.turn - self.first_turn

    def current(self) -> Callout | None:
        """The card shown now (None: the offer, or nothing)."""
        if self.step == OFFER or self.left or not 0 <= self.step < len(self.cards):
            return None
        card = self.cards[self.step]
        return card if card.turn == self.turn else None

    @property
    def visible(self) -> bool:
        if self.left:
            return False
        return (self.step == OFFER and self.turn == 0) or self.current() is not None

    def _catch_up(self) -> None:
        """On a later turn, move on to that turn's first card."""
        if self.step == OFFER or self.left:
            return
        if self.step < len(self.cards) and self.cards[self.step].turn >= self.turn:
            return  # this turn's card, or the next turn's waiting
        ahead = [i for i, c in enumerate(self.cards) if c.turn == self.turn]
        if ahead:
            self.step = ahead[0]

    # --- actions (buttons and keys) --------------------------------------------------------------------------
    def show_around(self) -> None:
        self.step = 0
        self._refresh()

    def know_the_game(self) -> None:
        """Leave, and do not offer the guide in new games (Settings turns it back on)."""
        self.app.settings.guide = False
        save_settings(self.app.settings)
        self.leave()

    def next(self) -> None:
        if self.step == OFFER:
            self.show_around()
            return
        self.step += 1
        self._refresh()

    def previous(self) -> None:
        if self.step > 0 and self.cards[self.step - 1].turn == self.turn:
            self.step -= 1
            self._refresh()

    def leave(self) -> None:
        self.left = True
        self._refresh()

    def restart(self) -> None:
        """Show this turn's cards again (G on headquarters), or the first turn's from the start."""
        self.left = False
        ahead = [i for i, c in enumerate(self.cards) if c.turn == self.turn]
        self.step = ahead[0] if ahead else 0
        if not ahead:
            self.first_turn = self.flow.session.turn
        self._refresh()

    def key(self, key: int, mod: int) -> bool:
        """The guide's keys while it shows; True when one was used."""
        return self.visible and keys.dispatch(self, "guide", key, mod)

    def _refresh(self) -> None:
        if self.hq is not None and self.hq is self.app.scene:
            self.attach(self.hq)

    # --- widgets and drawing ---------------------------------------------------------------------------------
    def attach(self, hq) -> None:
        """Lay out the card and make its buttons over `hq` (called whenever the headquarters builds)."""
        self.hq = hq
        self._catch_up()
        for b in self.widgets.values():
            hq.actions.pop(b, None)
            b.kill()
        self.widgets = {}
        if not self.visible:
            return
        L = hq.L
        u, pad = L.u, L.pad
        card = self.current()
        if card is None:
            title, text = "New to the race?", ("A short tour of headquarters over your first turns: what to fund "
                                               "first, how missions and their chances work, and how to end a turn. "
                                               "Everything stays usable while it shows.")
            buttons = [("show", "Show me around", "Start the tour (Right arrow).", self.show_around),
                       ("skip", "I know the game", "No tour, and none offered in new games; Settings turns it "
                                                   "back on.", self.know_the_game)]
        else:
            title, text = card.title, card.text
            last = self.step + 1 >= len(self.cards) or self.cards[self.step + 1].turn != self.turn
            buttons = [("back", "Back", "The previous card (Left arrow).", self.previous),
                       ("next", "Done" if last else "Next", "The next card (Right arrow)." if not last else
                        "Hide the guide until next turn (Right arrow).", self.next),
                       ("leave", "Leave", "Leave the guide (Esc); G on headquarters brings it back.", self.leave)]
        w = min(int(u * 15), L.width - 4 * pad)
        self.lines = wrap(text, L.font(14), w - 2 * pad)
        line_h = font(L.font(14)).get_linesize()
        h = pad + int(u * 1.1) + len(self.lines) * line_h + pad
        self.title = title
        target = self.target_rect(card.target if card else None)
        controls = [pygame.Rect(b.rect) for b in hq.actions if b.visible and b.is_enabled]
        self.card = place(pygame.Rect(0, 0, w, h + u + pad), target, pygame.Rect(0, 0, L.width, L.height), pad * 3,
                          controls)
        self.text_rect = pygame.Rect(self.card.x, self.card.y, w, h)  # drawn over the widgets; the buttons below
        self.target = card.target if card else None
        bw = (w - (len(buttons) + 1) * (pad // 2)) // len(buttons)
        for i, (name, label, tip, act) in enumerate(buttons):
            rect = pygame.Rect(self.card.x + pad // 2 + i * (bw + pad // 2), self.card.y + h, bw, u)
            b = UIButton(rect, label, hq.manager, tool_tip_text=tip, starting_height=20,
                         object_id="#accent" if name in ("show", "next") else None)
            if name == "back" and not (self.step > 0 and self.cards[self.step - 1].turn == self.turn):
                b.disable()
            self.widgets[name] = b
            hq.actions[b] = act

    def target_rect(self, target: str | None) -> pygame.Rect | None:
        """Where `target` is on the headquarters now (None: not shown)."""
        hq = self.hq
        if target is None:
            return None
        if target == "prestige":
            return pygame.Rect(hq.prestige_rect)
        if target == "list":
            ready = [r for p, r in hq.rows if hq.left_tab == "programs" and int(hq.obs.status[0, p]) == READY]
            return pygame.Rect(ready[0]) if ready else pygame.Rect(hq.list_rect)
        if target == "missions":  # the first mission's name (its tooltip), or the tab that shows them
            if hq.left_tab == "missions" and hq.rows:
                return pygame.Rect(hq.widgets[f"mis_name_{hq.rows[0][0]}"].rect)
            return pygame.Rect(hq.widgets["tab_missions"].rect)
        if target.startswith("program:"):
            p = int(target.split(":")[1])
            rows = [r for q, r in hq.rows if q == p and hq.left_tab == "programs"]
            return pygame.Rect(rows[0]) if rows else pygame.Rect(hq.widgets["tab_programs"].rect)
        widget = hq.widgets.get(target)
        return pygame.Rect(widget.rect) if widget is not None else None

    def draw(self, surf: pygame.Surface) -> None:
        """The outline, the arrow and the card's text (its buttons are pygame_gui's)."""
        if not self.visible or not self.widgets:
            return
        L = self.hq.L
        pal = palette()
        accent = pal["good"]
        target = self.target_rect(self.target)
        if target is not None:
            pygame.draw.rect(surf, accent, target.inflate(8, 8), 3, border_radius=6)
            start, end = arrow_ends(self.text_rect, target.inflate(8, 8))
            pygame.draw.line(surf, accent, start, end, 3)
            head(surf, accent, start, end, max(8, L.u // 3))
        pygame.draw.rect(surf, pal["panel"], self.text_rect, border_radius=8)
        pygame.draw.rect(surf, accent, self.text_rect, 2, border_radius=8)
        x, y = self.card.x + L.pad, self.card.y + L.pad
        draw_text(surf, self.title, (x, y), L.font(17), pal["text"], bold=True)
        count = [i for i, c in enumerate(self.cards) if c.turn == self.turn]
        if self.step in count:
            draw_text(surf, f"{count.index(self.step) + 1}/{len(count)}", (self.card.right - L.pad, y), L.font(13),
                      pal["muted"], anchor="topright")
        y += int(L.u * 1.1)
        line_h = font(L.font(14)).get_linesize()
        for line in self.lines:
            draw_text(surf, line, (x, y), L.font(14), pal["text"])
            y += line_h


def wrap(text: str, size: int, width: int) -> list[str]:
    """`text` broken into lines of at most `width` pixels."""
    f = font(size)
    lines, line = [], ""
    for word in text.split():
        trial = f"{line} {word}".strip()
        if f.size(trial)[0] <= width or not line:
            line = trial
        else:
            lines.append(line)
            line = word
    return lines + ([line] if line else [])


def place(card: pygame.Rect, target: pygame.Rect | None, screen: pygame.Rect, gap: int,
          avoid: list[pygame.Rect] = ()) -> pygame.Rect:
    """The card moved beside `target` (below, above, right or left of it, centred on it or lined up with
    one of its ends) inside the screen, never over the target: of those spots, the one covering the least
    of the `avoid` rectangles (the controls under it). Centred when there is no target."""
    card = pygame.Rect(card)
    if target is None:
        card.center = screen.center
        return card
    t = target.inflate(8, 8)
    spots = []
    for y_anchor, y in (("top", t.bottom + gap), ("bottom", t.top - gap)):
        for x_anchor, x in (("centerx", t.centerx), ("left", t.left), ("right", t.right)):
            spots.append({y_anchor: y, x_anchor: x})
    for x_anchor, x in (("left", t.right + gap), ("right", t.left - gap)):
        for y_anchor, y in (("centery", t.centery), ("top", t.top), ("bottom", t.bottom)):
            spots.append({x_anchor: x, y_anchor: y})
    best, best_cover = None, None
    for spot in spots:
        c = pygame.Rect(card)
        for anchor, value in spot.items():
            setattr(c, anchor, value)
        c.clamp_ip(screen)
        if c.colliderect(t):
            continue
        cover = sum(c.clip(a).w * c.clip(a).h for a in avoid)
        if best_cover is None or cover < best_cover:
            best, best_cover = c, cover
    if best is None:
        best = pygame.Rect(card)
        best.bottomright = (screen.right - gap, screen.bottom - gap * 3)
    return best


def arrow_ends(card: pygame.Rect, target: pygame.Rect) -> tuple[tuple[int, int], tuple[int, int]]:
    """From the card's edge nearest the target to the target's edge nearest the card."""
    tx = min(max(card.centerx, target.left), target.right)
    ty = min(max(card.centery, target.top), target.bottom)
    sx = min(max(tx, card.left), card.right)
    sy = min(max(ty, card.top), card.bottom)
    return (sx, sy), (tx, ty)


def head(surf, colour, start, end, size: int) -> None:
    """An arrowhead at `end`, pointing away from `start`."""
    v = pygame.Vector2(end) - pygame.Vector2(start)
    if v.length() < 1:
        return
    v.scale_to_length(size)
    left, right = v.rotate(150), v.rotate(-150)
    pygame.draw.polygon(surf, colour, [end, pygame.Vector2(end) + left, pygame.Vector2(end) + right])
