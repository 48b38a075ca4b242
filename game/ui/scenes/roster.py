"""The roster: one side's astronaut or cosmonaut corps, opened from headquarters (R).

Left: the side's people (group, skills as bars, status, flights, firsts, morale, a Train drop-down
per person) or its recruitment groups (cost, date, a Recruit button). Right: the memorial of both
sides' dead, or the rival's people as the public record shows them. Orders go into the flow's Plan of
this side (training and recruiting), so headquarters' money and checks see them.

Everything comes from `session.observation(side)`: the rival's skills and untried people never reach
this screen (game/ui/scenes/roster_text.py)."""

from __future__ import annotations

import numpy as np
import pygame

from game.rules.tables import ACTIVE, SKILL_NAMES
from game.session.checker import money
from game.session.describe import side_name
from game.session.plan import money_left, skill_label
from game.ui.fonts import draw_text, fit_text
from game.ui.scenes import roster_text as text
from game.ui.scenes.hq_rows import draw_more_note
from game.ui.scenes.side_scene import SideScene, TabbedList
from game.ui.theme import palette, side_colour

LEFT_TABS = ("people", "groups")
RIGHT_TABS = ("memorial", "rival")
NO_TRAINING = "No training"


def train_option(d: int) -> str:
    return f"Train {skill_label(SKILL_NAMES[d])}"


class RosterScene(TabbedList, SideScene):
    name = "roster"
    auto_frames = 60

    def __init__(self, app, flow, side: int, back_to):
        super().__init__(app, flow, side)
        self.back_to = back_to
        self.left_tab = "people"
        self.right_tab = "memorial"
        self.scroll = {"people": 0, "groups": 0}
        self.people = text.own_people(self.rules, self.obs)
        self.groups = text.own_groups(self.rules, side)
        self.rows: list[tuple[int, pygame.Rect]] = []
        self.row_widgets: list = []
        self.watching = flow.spectating

    # --- building ------------------------------------------------------------------------------------------
    def build(self) -> None:
        L = self.L
        u, pad, W, H = L.u, L.pad, L.width, L.height
        self.top_h = u + 2 * pad
        title = f"Roster · {side_name(self.scenario, self.side)}"
        self.label("title", (pad, pad, int(W * 0.4), u), fit_text(title, L.font(19), int(W * 0.4) - pad, bold=True),
                   "#heading", tip="Your corps: who can fly, their skills, training and the groups to recruit.")
        bw = int(u * 3.2)
        self.label("money", (int(W * 0.4) + pad, pad, W - int(W * 0.4) - bw - 3 * pad, u), "",
                   tip="Money this turn and what is left after all your orders (training and recruiting "
                       "included).")
        self.button("back", (W - pad - bw, pad, bw, u), "Back", "Back to headquarters (Esc or P).", self.back)
        top = self.top_h + pad
        split = int(W * 0.6)
        self.left_rect = pygame.Rect(pad, top, split - pad - pad // 2, H - top - pad)
        self.right_rect = pygame.Rect(split + pad // 2, top, W - split - pad - pad // 2, self.left_rect.h)
        tw = int(u * 4.2)
        counts = {"people": len(self.people), "groups": len(self.groups)}
        for i, tab in enumerate(LEFT_TABS):
            self.button(f"tab_{tab}", (self.left_rect.x + i * (tw + pad // 2), top, tw, u),
                        f"{tab.title()} ({counts[tab]})", f"Show your {tab} ({i + 1}).",
                        lambda t=tab: self.set_left(t), object_id="#toggled" if tab == self.left_tab else None)
        tw2 = int(self.right_rect.w / len(RIGHT_TABS)) - pad // 2
        tips = {"memorial": "Those lost on flights, on both sides (3).",
                "rival": "The rival's people who have flown: their public record (4)."}
        for i, tab in enumerate(RIGHT_TABS):
            self.button(f"tab_{tab}", (self.right_rect.x + i * (tw2 + pad // 2), top, tw2, u), tab.title(),
                        tips[tab], lambda t=tab: self.set_right(t),
                        object_id="#toggled" if tab == self.right_tab else None)
        box = pygame.Rect(self.right_rect.x, top + u + pad // 2, self.right_rect.w,
                          self.right_rect.bottom - top - u - pad // 2)
        html = (text.memorial_html(self.session, self.side) if self.right_tab == "memorial"
                else text.rival_people_html(self.scenario, self.obs))
        self.textbox("side_panel", box, html)
        self.list_rect = pygame.Rect(self.left_rect.x, top + u + pad // 2, self.left_rect.w,
                                     self.left_rect.bottom - top - u - pad // 2)
        self.build_rows()
        self.refresh()

    @property
    def row_h(self) -> int:
        return int(self.L.u * 1.95)

    def visible_rows(self) -> int:
        """Rows that fit the list, leaving room at its foot for the note that it goes on."""
        note = self.L.font(12) + 6
        return max(1, (self.list_rect.h - note) // self.row_h)

    def left_items(self, tab: str) -> list[int]:
        """The people or the groups a left tab lists, in their order."""
        return self.people if tab == "people" else self.groups

    def build_rows(self) -> None:
        for w in self.row_widgets:
            w.kill()
        for k in [k for k in self.widgets if k.startswith(("person_", "train_", "group_", "recruit_"))]:
            self.widgets.pop(k, None)
        self.row_widgets, self.rows = [], []
        items = self.left_items(self.left_tab)
        n = self.visible_rows()
        start = min(self.scroll[self.left_tab], max(0, len(items) - n))
        self.scroll[self.left_tab] = start
        for i, item in enumerate(items[start:start + n]):
            rect = pygame.Rect(self.list_rect.x, self.list_rect.y + i * self.row_h, self.list_rect.w, self.row_h)
            self.rows.append((item, rect))
            (self._person_row if self.left_tab == "people" else self._group_row)(item, rect)

    def _person_row(self, n: int, r: pygame.Rect) -> None:
        L = self.L
        u, pad = L.u, L.pad
        tip = text.person_tip(self.scenario, self.obs, n)
        line = int(u * 0.85)
        name_w = int(r.w * 0.34)
        self._track(f"person_{n}", self.label(None, (r.x + pad, r.y + 2, name_w, line - 2),
                                              fit_text(self.rules.person_names[n], L.font(15), name_w), tip=tip))
        dw = int(u * 5.2)
        sub_w = r.w - 3 * pad - dw
        self._track(f"person_sub_{n}", self.label(None, (r.x + pad, r.y + line, sub_w, u),
                                                  fit_text(text.person_subline(self.scenario, self.obs, n),
                                                           L.font(13), sub_w), "#small", tip=tip))
        self.bars_x = (r.x + 2 * pad + name_w, r.right - 2 * pad - dw)
        options = [NO_TRAINING] + [train_option(d) for d in range(len(SKILL_NAMES))]
        d = self.plan.train.get(n, -1)
        can = int(self.obs.person_status[0, n]) == ACTIVE and not self.watching
        cost = money(self.rules.crew_training_cost)
        dd = self.dropdown(f"train_{n}", (r.right - pad - dw, r.y + (r.h - u) // 2, dw, u),
                           options, options[d + 1],
                           f"Train {self.rules.person_names[n]} this turn in one discipline: +"
                           f"{self.rules.crew_training_gain:g} skill for {cost} money; they cannot fly this turn.",
                           lambda choice, n=n: self.set_training(n, choice))
        if not can:
            dd.disable()
        self._track(f"train_{n}", dd)

    def _group_row(self, g: int, r: pygame.Rect) -> None:
        L = self.L
        u, pad = L.u, L.pad
        group = self.scenario.groups[g]
        tip = f"<b>{group['name']}</b><br>{group.get('description', '')}"
        line = int(u * 0.85)
        bw = int(u * 3.6)
        name_w = r.w - 3 * pad - bw
        self._track(f"group_{g}", self.label(None, (r.x + pad, r.y + 2, name_w, line - 2),
                                             fit_text(group["name"], L.font(15), name_w), tip=tip))
        self._track(f"group_sub_{g}", self.label(None, (r.x + pad, r.y + line, name_w, u),
                                                 fit_text(text.group_subline(self.scenario, self.obs, g),
                                                          L.font(13), name_w), "#small", tip=tip))
        recruited = bool(self.obs.group_recruited[0, g])
        is_open = int(self.rules.group_avail_turn[g]) <= int(self.obs.turn[0])
        cost = float(self.rules.group_cost[g])
        ordered = g in self.plan.recruit
        label = ("In the corps" if recruited else "Ordered" if ordered else "Not yet" if not is_open else
                 "Recruit" if cost > 0 else "Joins free")
        can = not recruited and is_open and cost > 0 and not self.watching
        why = (f"Recruit the whole group this turn for {money(cost)} (press again to cancel)." if can else
               "Already in your corps." if recruited else
               f"It joins by itself from {group.get('available')}." if cost == 0 else
               f"It can be recruited from {group.get('available')}.")
        self._track(f"recruit_{g}", self.button(f"recruit_{g}", (r.right - pad - bw, r.y + (r.h - u) // 2, bw, u),
                                                label, why, lambda g=g: self.toggle_recruit(g),
                                                object_id="#toggled" if ordered else None, enabled=can))

    def refresh(self) -> None:
        left = money_left(self.rules, self.obs, self.plan)
        training = len(self.plan.train)
        s = (f"Money {money(self.obs.cash[0])} · left after your orders {money(left)} · training {training} "
             f"· recruiting {len(self.plan.recruit)}")
        w = self.widgets["money"]
        w.set_text(fit_text(s, self.L.font(15), w.rect.w - self.L.pad))

    # --- actions -------------------------------------------------------------------------------------------
    def set_training(self, n: int, choice: str) -> None:
        options = [train_option(d) for d in range(len(SKILL_NAMES))]
        self.plan.set_training(n, options.index(choice) if choice in options else -1)
        self.refresh()

    def toggle_recruit(self, g: int) -> None:
        self.plan.toggle_recruit(g)
        self.build_rows()
        self.refresh()

    def left_tab_key(self, i: int) -> None:
        self.set_left(LEFT_TABS[i])

    def right_tab_key(self, i: int) -> None:
        self.set_right(RIGHT_TABS[i])

    def back(self) -> None:
        self.app.show(self.back_to)
        refresh = getattr(self.back_to, "rebuild", None)
        if refresh is not None:
            refresh()

    def default_action(self) -> None:
        self.back()

    # --- drawing -------------------------------------------------------------------------------------------
    def draw(self, surf: pygame.Surface) -> None:
        pal = palette()
        L = self.L
        pygame.draw.rect(surf, pal["panel"], (0, 0, L.width, self.top_h))
        pygame.draw.line(surf, side_colour(self.side), (0, self.top_h - 2), (L.width, self.top_h - 2), 3)
        for i, (item, r) in enumerate(self.rows):
            pygame.draw.rect(surf, pal["panel"] if i % 2 == 0 else pal["background"], r)
            if self.left_tab == "people":
                self._draw_skills(surf, item, r)
        pygame.draw.rect(surf, pal["panel_border"], self.list_rect, 1)
        items = self.left_items(self.left_tab)
        if len(items) > len(self.rows):
            draw_more_note(surf, self.list_rect, len(items) - self.scroll[self.left_tab] - len(self.rows), L)
        if not items:
            draw_text(surf, "No one yet: groups join on their dates or when recruited (Groups tab)."
                      if self.left_tab == "people" else "No groups.", (self.list_rect.x + L.pad,
                                                                      self.list_rect.y + L.pad),
                      L.font(15), pal["muted"])

    def _draw_skills(self, surf, n: int, r: pygame.Rect) -> None:
        """Person n's five skills as labelled bars (0..1) on the top line of the row, between the name and
        the Train control; a trained discipline's bar is outlined."""
        pal = palette()
        L = self.L
        x0, x1 = self.bars_x
        each = max(8, (x1 - x0) // len(SKILL_NAMES))
        h = max(4, L.u // 5)
        short = ("Pil", "EVA", "Dock", "End", "Cmd")
        for d, label in enumerate(short):
            x = x0 + d * each
            draw_text(surf, label, (x, r.y + 1), L.font(11), pal["muted"])
            bar = pygame.Rect(x, r.y + int(L.u * 0.55), each - L.pad // 2, h)
            v = float(np.nan_to_num(self.obs.skill[0, n, d]))
            pygame.draw.rect(surf, pal["grid"], bar)
            pygame.draw.rect(surf, side_colour(self.side), (bar.x, bar.y, int(bar.w * v), bar.h))
            if self.plan.train.get(n) == d:
                pygame.draw.rect(surf, pal["text"], bar.inflate(2, 2), 1)
