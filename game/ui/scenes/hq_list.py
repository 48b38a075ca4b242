"""Headquarters' left list: the rows of its programs and missions tabs (name, the line under it, funding or
launch, crew and rush buttons; an operation's row is scenes/hq_operations.py's) and which rows show; the
scrolling is side_scene.TabbedList's.

A part of HeadquartersScene (scenes/hq.py), mixed into it: it reads the scene's scenario, observation, plan
and layout, and keeps the rows shown in `rows` and their widgets in `row_widgets`.
"""

from __future__ import annotations

import pygame

from game.rules.tables import CANCELLED
from game.session.checker import mission_blockers, money, program_blocker
from game.session.plan import success_chance, useful_funding
from game.ui.fonts import fit_text
from game.ui.scenes import panels
from game.ui.scenes.hq_crew import crew_subline, has_named_crew
from game.ui.scenes.hq_operations import build_operation_row

RISKY = 0.35  # success chances below this are shown in the warning colour


class HeadquartersList:
    """The left list of HeadquartersScene: building its rows and scrolling them."""

    @property
    def row_h(self) -> int:
        return int(self.L.u * 1.95)

    @property
    def icon_w(self) -> int:
        """Width of the picture at the left of each row (the row's texts start after it)."""
        return self.row_h - 2

    def visible_rows(self) -> int:
        return max(1, self.list_rect.h // self.row_h)

    def build_rows(self) -> None:
        for w in self.row_widgets:
            w.kill()
        for w in [k for k, v in self.widgets.items() if k.startswith(("prog_", "mis_", "op_"))]:
            self.widgets.pop(w, None)
        self.row_widgets = []
        self.rows = []
        items = self.left_items(self.left_tab)
        n = self.visible_rows()
        start = min(self.scroll[self.left_tab], max(0, len(items) - n))
        self.scroll[self.left_tab] = start
        for i, item in enumerate(items[start:start + n]):
            rect = pygame.Rect(self.list_rect.x, self.list_rect.y + i * self.row_h, self.list_rect.w, self.row_h)
            self.rows.append((item, rect))
            if self.left_tab == "programs":
                self._program_row(item, rect)
            elif self.left_tab == "missions":
                self._mission_row(item, rect)
            else:
                build_operation_row(self, item, rect)
        for w in self.row_widgets:  # long tooltips (a mission's steps) wider, so that they fit the window's height
            w.tool_tip_wrap_width = max(w.tool_tip_wrap_width or 0, int(self.L.width * 0.6))

    def own_running(self) -> int:
        """How many of the side's operations run."""
        return int((self.obs.op_running[0] & (self.rules.op_side == self.side)).sum())

    def left_items(self, tab: str) -> list[int]:
        """The programs, missions or operations a left tab lists, in their order."""
        return {"programs": self.programs, "missions": self.missions, "operations": self.operations}[tab]

    def _program_row(self, p: int, r: pygame.Rect) -> None:
        L = self.L
        u, pad = L.u, L.pad
        prog = self.scenario.programs[p]
        status = int(self.obs.status[0, p])
        tip = panels.program_tip(self.scenario, self.obs, p)
        name_w = int(r.w * 0.40) - self.icon_w
        tx = r.x + pad + self.icon_w
        short = fit_text(prog["name"], L.font(15), name_w)
        line = int(u * 0.85)  # the name's line; the second line starts below it
        self._track(f"prog_name_{p}", self.label(None, (tx, r.y + 2, name_w, line - 2), short, tip=tip))
        self._track(f"prog_sub_{p}", self.label(None, (tx, r.y + line, name_w, u),
                                                 fit_text(panels.program_subline(self.scenario, self.obs, p),
                                                                  L.font(13), name_w), "#small", tip=tip))
        can_fund = not program_blocker(self.scenario, self.obs, p) and status != CANCELLED
        bw = u
        x = r.right - pad - int(u * 2.1) - bw * 2 - int(u * 1.9) - pad
        y = r.y + (r.h - u) // 2
        enabled = can_fund and not self.spectator
        self._track(f"prog_minus_{p}", self.button(f"prog_minus_{p}", (x, y, bw, u), "−",
                                                    "Less money for this program (Shift: 5 at a time).",
                                                    lambda p=p: self.change_funding(p, -1), enabled=enabled))
        self._track(f"prog_amount_{p}", self.label(None, (x + bw, y, int(u * 1.9), u), "", "#amount", tip=tip))
        self._track(f"prog_plus_{p}", self.button(f"prog_plus_{p}", (x + bw + int(u * 1.9), y, bw, u), "+",
                                                   "More money for this program (Shift: 5 at a time).",
                                                   lambda p=p: self.change_funding(p, 1), enabled=enabled))
        cap = useful_funding(self.rules, self.obs, p)
        self._track(f"prog_max_{p}", self.button(
            f"prog_max_{p}", (x + 2 * bw + int(u * 1.9) + pad // 2, y, int(u * 2.1), u), "Max",
            f"Fund it with the most it can use this turn ({money(cap)}), as far as your money allows; "
            "press again to clear.", lambda p=p: self.max_funding(p), enabled=enabled and cap > 0))
        self.rel_x = (tx + name_w + pad, x - 2 * pad)

    def _mission_row(self, m: int, r: pygame.Rect) -> None:
        L = self.L
        u, pad = L.u, L.pad
        mis = self.scenario.missions[m]
        blockers = mission_blockers(self.scenario, self.obs, m)
        tip = panels.mission_tip(self.scenario, self.obs, m, blockers)
        name_w = int(r.w * 0.40) - self.icon_w
        crewed = has_named_crew(self.rules, m)
        crew_w = int(u * 2.4) if crewed else 0  # the Crew button's room, left of Launch
        tx, sub_w = r.x + pad + self.icon_w, r.w - 2 * pad - int(u * 5.6) - self.icon_w - crew_w
        line = int(u * 0.85)  # the name's line; the second line starts below it
        self._track(f"mis_name_{m}", self.label(None, (tx, r.y + 2, name_w, line - 2),
                                                fit_text(mis["name"], L.font(15), name_w), tip=tip))
        self._track(f"mis_sub_{m}", self.label(None, (tx, r.y + line, sub_w, u),
                                               fit_text(crew_subline(self.scenario, self.obs, self.plan, m) or
                                                        panels.mission_subline(self.scenario, self.obs, m, blockers),
                                                        L.font(13), sub_w), "#small", tip=tip))
        x = tx + name_w + pad
        rushed = any(x.mission == m and x.rush for x in self.plan.launches)
        risky = not blockers and success_chance(self.rules, self.obs, m, rush=rushed) < RISKY
        self._track(f"mis_odds_{m}", self.label(None, (x, r.y + 2, r.right - x - int(u * 5.8) - crew_w, line - 2), "",
                                                "#bad" if risky else None, tip=tip))
        bx = r.right - pad - int(u * 5.4)
        y = r.y + (r.h - u) // 2
        booked = self.plan.is_launching(m)
        pads_full = len(self.plan.launches) >= int(self.rules.pads[self.side])
        can = not self.spectator and (booked or (not blockers and not pads_full))
        why = ("Book this mission on a launch pad (press again to cancel)." if not blockers else
               "It cannot fly now: " + "; ".join(blockers) + ".")
        if pads_full and not booked and not blockers:
            why = "All your launch pads are booked this turn; cancel another launch first."
        self._track(f"mis_launch_{m}", self.button(f"mis_launch_{m}", (bx, y, int(u * 3), u),
                                                   "Booked" if booked else "Launch", why,
                                                   lambda m=m: self.toggle_launch(m),
                                                   object_id="#toggled" if booked else None, enabled=can))
        if crewed:
            self._track(f"mis_crew_{m}", self.button(
                f"mis_crew_{m}", (bx - crew_w, y, crew_w - pad // 2, u), "Crew",
                "Who flies it: the best available are picked for you; change any seat and see the effect on the "
                "chance.", lambda m=m: self.open_crew(m), enabled=booked and not self.spectator))
        rushed = any(x.mission == m and x.rush for x in self.plan.launches)
        self._track(f"mis_rush_{m}", self.button(
            f"mis_rush_{m}", (bx + int(u * 3) + pad // 2, y, int(u * 2.4) - pad // 2, u), "Rush",
            f"Fly early in the turn to beat the rival to a first, at {self.rules.rush_penalty:.0%} extra risk on "
            "every step.", lambda m=m: self.toggle_rush(m), object_id="#toggled" if rushed else None,
            enabled=booked and not self.spectator))
