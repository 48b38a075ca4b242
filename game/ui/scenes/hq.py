"""Headquarters: the turn screen of one side.

Left: the side's programs (funding, reliability estimate with its uncertainty,
status), its mission planner (cost, success chance, prestige at stake, records
set and operations started, the extra risk of skipping milestones or rushing,
launch pads) or its operations (keep or stop each; scenes/hq_operations.py).
Right: news, the timeline of firsts, intelligence on the rival, records (when
the scenario has them). Top: date, money, prestige.
Bottom: what the order checker says, and End turn.

Everything comes from `session.observation(side)`; the plan is the flow's
Plan for this side, so leaving for charts or help and coming back keeps it.
The list's order and what is drawn on its rows are scenes/hq_rows.py's.
"""

from __future__ import annotations

import math

import pygame

from game.rules.tables import CANCELLED
from game.session.checker import check_plan, mission_blockers, money, program_blocker
from game.session.describe import side_name, turn_label
from game.session.plan import (
    Plan,
    crew_chance,
    crew_of,
    mission_cost,
    money_left,
    plan_spending,
    success_chance,
    upkeep_due,
    useful_funding,
)
from game.ui.fonts import fit_text, font
from game.ui.pictures import draw_beside, mission_picture, program_picture
from game.ui.scene import Scene
from game.ui.scenes import panels
from game.ui.scenes.confirm import ConfirmScene, thin_turn
from game.ui.scenes.hq_crew import crew_subline, has_named_crew
from game.ui.scenes.hq_operations import build_operation_row, operation_order, operation_picture
from game.ui.scenes.hq_rows import draw_more_note, draw_reliability, mission_order, program_order
from game.ui.scenes.hq_tabs import LEFT_TABS, build_tabs, right_html, tabs_of
from game.ui.theme import palette, side_colour

RISKY = 0.35  # success chances below this are shown in the warning colour


class HeadquartersScene(Scene):
    name = "headquarters"
    auto_frames = 45

    def __init__(self, app, flow, side: int):
        super().__init__(app)
        self.flow = flow
        self.session = flow.session
        self.scenario = self.session.scenario
        self.rules = self.scenario.rules
        self.side = side
        self.obs = self.session.observation(side)
        self.plan: Plan = flow.plans[side]
        self.left_tab = "programs"
        self.right_tab = "news"
        self.scroll = {"programs": 0, "missions": 0, "operations": 0}
        self.row_widgets: list = []
        self.rows: list[tuple[int, pygame.Rect]] = []  # (program or mission, row rect) shown
        self.problems = []
        self.spectator = flow.spectating
        # watching two AI seats adds their reasons; a person playing never sees a rival AI's
        self.left_tabs, self.right_tabs = tabs_of(self.rules, self.spectator)
        if self.spectator:
            self.right_tab = "reasons"
        self._reasons_shown = None  # which AI seats had finished when the reasons were last drawn
        self._spectator_plan_loaded = False
        self._demo_forecast_shown = False
        self.programs = program_order(self.rules, self.obs, side)
        self.missions = mission_order(self.scenario, self.obs, side)
        self.operations = operation_order(self.rules, self.obs, side)

    # --- data ----------------------------------------------------------------------------------------------
    def _load_spectator_plan(self) -> None:
        w = self.flow.workers.get(self.side)
        if self.spectator and not self._spectator_plan_loaded and w is not None and w.done:
            self.plan = Plan.from_orders(self.rules, w.result(), self.side)
            self._spectator_plan_loaded = True
            self.rebuild()

    # --- building ------------------------------------------------------------------------------------------
    def build(self) -> None:
        L = self.L
        u, pad, W, H = L.u, L.pad, L.width, L.height
        self.top_h = 2 * u + 2 * pad
        self.bottom_h = u + 2 * pad
        side_id = ("#us", "#ussr")[self.side]
        t = self.session.turn
        T = self.rules.n_turns
        # top bar: date and seat | money and budget | prestige | buttons. When the window is narrow for the
        # UI scale the buttons move to the bottom bar, beside End turn, so nothing overlaps.
        bw = int(u * 2.6)
        buttons_w = 6 * bw + 5 * (pad // 2)
        ew = int(u * 5)
        self.compact = W / L.scale < 1150
        right = W - pad if self.compact else W - 2 * pad - buttons_w
        avail = right - pad - 2 * pad
        date_text = f"{turn_label(self.scenario, t)} · turn {t + 1} of {T}"
        # the date takes what its text needs (from the prestige bars' share), between 35% and 42% of the room
        needed = font(L.font(19), True).size(date_text)[0] + 2 * pad
        date_w, money_w = min(max(int(avail * 0.35), needed), int(avail * 0.42)), int(avail * 0.40)
        self.label("date", (pad, pad, date_w, u), fit_text(date_text, L.font(19), date_w - pad, bold=True),
                   "#heading", tip="The current season and turn. Each turn both sides give orders in secret; "
                                   "then the turn resolves for both.")
        who = self.session.player_name(self.side)
        seat = self.session.seats[self.side]
        sub = f"{who} · {seat.label()}"
        if self.spectator:
            sub = f"{side_name(self.scenario, self.side)} · watching the AI play"
        self.label("who", (pad, pad + u, date_w, u), fit_text(sub, L.font(15), date_w - pad, bold=True), side_id,
                   tip="Whose headquarters this is.")
        x = pad + date_w + pad
        self.label("money", (x, pad, money_w, u), "", tip="Money this turn: what you have, what your orders "
                   "spend, and what is left (unspent money carries over).")
        budget = f"Yearly budget {money(self.obs.budget[0])} · research speed {self.obs.research_speed[0]:.0%}"
        self.label("budget", (x, pad + u, money_w, u), fit_text(budget, L.font(13), money_w - pad), "#small",
                   tip="Your yearly budget is paid out each turn; it moves with the prestige you earn. "
                       "Research speed scales what funding buys.")
        px = x + money_w + pad
        self.prestige_rect = pygame.Rect(px, pad, max(u * 3, right - px - pad), 2 * u)
        if self.compact:
            bx, by = W - 2 * pad - ew - buttons_w, H - self.bottom_h + pad
        else:
            bx, by = W - pad - buttons_w, pad + u // 2
        for i, (key, text, tip, act) in enumerate([
            ("charts", "Charts", "Prestige, budget and reliability over time (C).", self.open_charts),
            ("forecast", "Forecast", "Each side's chance to take each first still open and to win, from what "
                                     "your side knows (F).", self.open_forecast),
            ("roster", "Roster", "Your astronauts or cosmonauts: skills, training, recruiting and the memorial "
                                 "(P).", self.open_roster),
            ("save", "Save", "Save or load a game (Ctrl+S).", self.open_save),
            ("help", "Help", "How to play and the keyboard shortcuts (F1).", self.open_help),
            ("menu", "Menu", "The main menu; your game is autosaved every turn (Esc).", self.back),
        ]):
            self.button(key, (bx + i * (bw + pad // 2), by, bw, u), text, tip, act)
        # bottom bar
        status_w = (bx if self.compact else W - ew - pad) - 3 * pad
        self.label("status", (pad, H - self.bottom_h + pad, status_w, u), "")
        end_text = "Next turn (E)" if self.spectator else "End turn (E)"
        self.button("end_turn", (W - ew - pad, H - self.bottom_h + pad, ew, u), end_text,
                    "Seal your orders and end the turn (Ctrl+Enter or E). Problems with your orders are shown on "
                    "the left first.", self.end_turn, object_id="#accent")
        # panels
        top = self.top_h + pad
        split = int(W * 0.6)
        self.left_rect = pygame.Rect(pad, top, split - pad - pad // 2, H - top - self.bottom_h - pad)
        self.right_rect = pygame.Rect(split + pad // 2, top, W - split - pad - pad // 2, self.left_rect.h)
        build_tabs(self, top)
        box = pygame.Rect(self.right_rect.x, top + u + pad // 2, self.right_rect.w,
                          self.right_rect.bottom - top - u - pad // 2)
        self.textbox("side_panel", box, self._right_html())
        self.list_rect = pygame.Rect(self.left_rect.x, top + u + pad // 2, self.left_rect.w,
                                     self.left_rect.bottom - top - u - pad // 2)
        self.build_rows()
        self.refresh()
        if self.guide is not None:
            self.guide.attach(self)

    @property
    def guide(self):
        """The guided first turns over this headquarters (game/ui/guide.py), if this side has them."""
        g = self.flow.guides.get(self.side)
        return None if self.spectator else g

    def open_guide(self) -> None:
        """G: the guide's cards for this turn again (or the tour from its start)."""
        from game.ui.guide import Guide

        if self.spectator:
            return
        if self.guide is None:
            self.flow.guides[self.side] = Guide(self.app, self.flow, self.side)
        self.guide.restart()
        self.guide.attach(self)

    def key(self, key: int, mod: int) -> None:
        """The guide's keys first while it shows (Esc leaves it), then the screen's (game/ui/keys.py)."""
        if self.guide is None or not self.guide.key(key, mod):
            super().key(key, mod)

    def _right_html(self) -> str:
        return right_html(self)

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
            w.tool_tip_wrap_width = max(w.tool_tip_wrap_width or 0, int(self.L.width * 0.5))

    def own_running(self) -> int:
        """How many of the side's operations run."""
        return int((self.obs.op_running[0] & (self.rules.op_side == self.side)).sum())

    def left_items(self, tab: str) -> list[int]:
        """The programs, missions or operations a left tab lists, in their order."""
        return {"programs": self.programs, "missions": self.missions, "operations": self.operations}[tab]

    def _track(self, name, widget):
        self.row_widgets.append(widget)
        self.widgets[name] = widget
        return widget

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

    # --- refreshing texts after a change ---------------------------------------------------------------
    def refresh(self) -> None:
        obs, plan = self.obs, self.plan
        launch_cost, fund = plan_spending(self.rules, obs, plan)
        upkeep = upkeep_due(self.rules, obs, plan)
        left = money_left(self.rules, obs, plan)
        planned = f"planned {money(launch_cost + fund + upkeep)}"
        text = f"Money {money(obs.cash[0])} · {planned} (upkeep {money(upkeep)}) · left {money(left)}"
        room = self.widgets["money"].rect.w - self.L.pad
        if not upkeep or font(self.L.font(15)).size(text)[0] > room:  # the upkeep is in the tooltip too
            text = f"Money {money(obs.cash[0])} · {planned} · left {money(left)}"
        self.widgets["money"].set_text(fit_text(text, self.L.font(15), room))
        self.widgets["money"].set_tooltip(
            f"Money this turn: {money(obs.cash[0])}. Planned: launches {money(launch_cost)}, operations' upkeep "
            f"{money(upkeep)}, programs {money(fund)}; left {money(left)} (unspent money carries over, up to a cap).")
        pads = int(self.rules.pads[self.side])
        booked = ", ".join(self.scenario.missions[x.mission]["name"] + (" (rushed)" if x.rush else "")
                           for x in plan.launches) or "none booked"
        self.widgets["pads"].set_text(fit_text(f"Launch pads {len(plan.launches)}/{pads}: {booked}",
                                               self.L.font(13), self.widgets["pads"].rect.w))
        for item, _ in self.rows:
            if self.left_tab == "programs":
                amount = plan.funding.get(item, 0.0)
                self.widgets[f"prog_amount_{item}"].set_text(f"{money(amount)}" if amount else "–")
            elif self.left_tab == "missions":
                cost = mission_cost(self.rules, obs, item)
                if mission_blockers(self.scenario, obs, item):
                    self.widgets[f"mis_odds_{item}"].set_text(fit_text(f"not ready · cost {money(cost)}",
                                                                       self.L.font(15),
                                                                       self.widgets[f"mis_odds_{item}"].rect.w))
                    continue
                rush = any(x.mission == item and x.rush for x in plan.launches)
                crew = crew_of(self.rules, obs, plan, item)
                chance = crew_chance(self.rules, obs, item, crew, rush)
                odds = f"{chance:.0%} " + ("with crew" if crew else "success")
                odds = fit_text(f"{odds} · cost {money(cost)}", self.L.font(15),
                                self.widgets[f"mis_odds_{item}"].rect.w)
                self.widgets[f"mis_odds_{item}"].set_text(odds)
        if self.spectator:
            self.problems = []
            text = "Watching: the AI's orders are shown. " + ("AI thinking…" if not self._spectator_plan_loaded
                                                               else "Next turn (Ctrl+Enter or E).")
        else:
            self.problems = check_plan(self.scenario, obs, plan)
            errors = [p for p in self.problems if p.is_error]
            first = self.problems[0].text if self.problems else "Your orders are ready: End turn (Ctrl+Enter or E)."
            more = len(self.problems) - 1
            if not errors and not plan.funding and not plan.launches:  # nothing planned yet: what to do
                first = ("To do: fund programs with + or Max (hover a name to learn more), book flights on the "
                         "Missions tab (2), then End turn (Ctrl+Enter or E).")
                more = len(self.problems)
            text = ("Problem: " if errors else "") + first + (f"  (+{more} more: hover)" if more > 0 else "")
        status = self.widgets["status"]
        status.set_text(fit_text(text, self.L.font(15), status.rect.w))
        status.set_tooltip("<br>".join(p.text for p in self.problems) or "No problems with your orders.")

    # --- actions -------------------------------------------------------------------------------------------
    def change_funding(self, p: int, direction: int) -> None:
        step = 5.0 if pygame.key.get_mods() & pygame.KMOD_SHIFT else 1.0
        self.plan.set_funding(p, self.plan.funding.get(p, 0.0) + direction * step)
        self.refresh()

    def max_funding(self, p: int) -> None:
        if self.plan.funding.get(p, 0) > 0:
            self.plan.set_funding(p, 0)
        else:
            cap = useful_funding(self.rules, self.obs, p)
            left = money_left(self.rules, self.obs, self.plan)
            self.plan.set_funding(p, math.floor(max(0.0, min(cap, left)) * 10) / 10)
        self.refresh()

    def toggle_launch(self, m: int) -> None:
        self.plan.toggle_launch(m)
        self.build_rows()
        self.refresh()

    def toggle_rush(self, m: int) -> None:
        self.plan.toggle_rush(m)
        self.build_rows()
        self.refresh()

    def toggle_stop(self, op: int) -> None:
        """Keep or stop one of the side's running operations this turn."""
        self.plan.toggle_stop(op)
        self.build_rows()
        self.refresh()

    def set_left(self, tab: str) -> None:
        if tab != self.left_tab:
            self.left_tab = tab
            self.rebuild()

    def set_right(self, tab: str) -> None:
        if tab != self.right_tab:
            self.right_tab = tab
            self.rebuild()

    def end_turn(self) -> None:
        if self.spectator:
            if self._spectator_plan_loaded or not self.flow.workers.get(self.side):
                self.flow.end_turn(self.side, self.plan)
            return
        errors = [p for p in check_plan(self.scenario, self.obs, self.plan) if p.is_error]
        if errors:
            self.app.notify(errors[0].text)
            return
        why = thin_turn(self.rules, self.obs, self.plan) if self.app.settings.confirm_end_turn else None
        if why:
            self.app.show(ConfirmScene(self.app, "End the turn anyway?", why,
                                       lambda: self.flow.end_turn(self.side, self.plan), back_to=self,
                                       dont_ask="confirm_end_turn"))
            return
        self.flow.end_turn(self.side, self.plan)

    def open_roster(self) -> None:
        from game.ui.scenes.roster import RosterScene

        self.app.show(RosterScene(self.app, self.flow, self.side, back_to=self))

    def open_crew(self, m: int) -> None:
        from game.ui.scenes.crew import CrewScene

        if self.plan.is_launching(m) and not self.spectator:
            self.app.show(CrewScene(self.app, self.flow, self.side, m, back_to=self))

    def open_charts(self) -> None:
        from game.ui.scenes.charts import ChartsScene

        self.app.show(ChartsScene(self.app, self.flow, self.side, back_to=self))

    def open_save(self) -> None:
        from game.ui.scenes.saveload import SaveLoadScene

        self.app.show(SaveLoadScene(self.app, back_to=self))

    def open_forecast(self) -> None:
        from game.ui.scenes.forecast import ForecastScene

        self.app.show(ForecastScene(self.app, self.session, self.side, back_to=self))

    def open_help(self) -> None:
        from game.ui.scenes.help import HelpScene

        self.app.show(HelpScene(self.app, back_to=self))

    def back(self) -> None:
        from game.ui.scenes.menu import MainMenuScene

        self.app.show(MainMenuScene(self.app, resume=self))

    def end_turn_hint(self) -> None:
        self.app.notify("To end the turn press Ctrl+Enter or E, or click " + self.widgets["end_turn"].text + ".")

    def left_tab_key(self, i: int) -> None:
        self.set_left(LEFT_TABS[i])

    def operations_key(self) -> None:
        if "operations" in self.left_tabs:
            self.set_left("operations")

    def records_key(self) -> None:
        if "records" in self.right_tabs:
            self.set_right("records")

    def right_tab_key(self, i: int) -> None:
        if i < len(self.right_tabs):
            self.set_right(self.right_tabs[i])

    def page_down(self) -> None:
        self.scroll_by(-self.visible_rows())

    def page_up(self) -> None:
        self.scroll_by(self.visible_rows())

    def row_down(self) -> None:
        self.scroll_by(-1)

    def row_up(self) -> None:
        self.scroll_by(1)

    def wheel(self, dy: int) -> None:
        if not self.list_rect.collidepoint(pygame.mouse.get_pos()) and abs(dy) == 1 and pygame.mouse.get_focused():
            return
        self.scroll_by(dy)

    def scroll_by(self, dy: int) -> None:
        """Scroll the list by dy rows (positive: up)."""
        items = self.left_items(self.left_tab)
        new = min(max(0, self.scroll[self.left_tab] - dy), max(0, len(items) - self.visible_rows()))
        if new != self.scroll[self.left_tab]:
            self.scroll[self.left_tab] = new
            self.build_rows()
            self.refresh()

    def update(self, dt: float) -> None:
        self._load_spectator_plan()
        done = tuple(w.done for w in self.flow.workers.values())
        if self.right_tab == "reasons" and done != self._reasons_shown and "side_panel" in self.widgets:
            self._reasons_shown = done
            self.widgets["side_panel"].set_text(self._right_html())

    def default_action(self) -> None:
        if self.spectator and not self._spectator_plan_loaded:
            self.frames = 0  # wait for the AI, then try again
            return
        from game.ui.scenes.forecast import forecast_for_demo

        if not self._demo_forecast_shown and forecast_for_demo(self.session, self.side):
            self._demo_forecast_shown = True   # the demo shows the forecast once; closing it comes back here
            self.open_forecast()
            return
        if not self.flow.demo_roster_shown and self.obs.person_status[0].max() > 0:
            self.flow.demo_roster_shown = True
            self.open_roster()
            return
        self.end_turn()

    def ready_for_screenshot(self) -> bool:
        return not self.spectator or self._spectator_plan_loaded

    # --- drawing -------------------------------------------------------------------------------------------
    def draw(self, surf: pygame.Surface) -> None:
        pal = palette()
        L = self.L
        pygame.draw.rect(surf, pal["panel"], (0, 0, L.width, self.top_h))
        pygame.draw.line(surf, side_colour(self.side), (0, self.top_h - 2), (L.width, self.top_h - 2), 3)
        pygame.draw.rect(surf, pal["panel"], (0, L.height - self.bottom_h, L.width, self.bottom_h))
        panels.draw_prestige(surf, self.prestige_rect, self.obs.prestige[0], L)
        for i, (item, r) in enumerate(self.rows):
            pygame.draw.rect(surf, pal["panel"] if i % 2 == 0 else pal["background"], r)
            self._draw_icon(surf, item, r)
            if self.left_tab == "programs":
                draw_reliability(surf, self.obs, item, r, self.rel_x, L, side_colour(self.side))
            elif self.left_tab == "missions" and self.plan.is_launching(item):
                pygame.draw.rect(surf, side_colour(self.side), (r.x, r.y, 4, r.h))
            elif self.left_tab == "operations" and self.obs.op_running[0, item] and item not in self.plan.stops:
                pygame.draw.rect(surf, side_colour(int(self.rules.op_side[item])), (r.x, r.y, 4, r.h))
        pygame.draw.rect(surf, pal["panel_border"], self.list_rect, 1)
        if self.left_tab == "operations" and not self.rows:
            from game.ui.fonts import draw_text

            draw_text(surf, "No operations.", (self.list_rect.x + L.pad, self.list_rect.y + L.pad), L.font(15),
                      pal["muted"])
        items = self.left_items(self.left_tab)
        start, shown = self.scroll[self.left_tab], len(self.rows)
        if len(items) > shown:  # say that the list goes on, and how to get there
            below = len(items) - start - shown
            draw_more_note(surf, self.list_rect, below, L)
        if any(not w.done for w in self.flow.workers.values()):
            panels.draw_spinner(surf, (self.prestige_rect.right + L.pad * 2, self.top_h // 2), L, self.frames,
                                "AI thinking")

    def _picture(self, item: int, height: int) -> pygame.Surface | None:
        """The picture of a row's program, mission or operation (None: an operation nothing starts)."""
        if self.left_tab == "programs":
            return program_picture(self.scenario, item, height)
        if self.left_tab == "operations":
            return operation_picture(self.scenario, item, height)
        return mission_picture(self.scenario, item, height, beside=True)

    def _draw_icon(self, surf, item: int, r: pygame.Rect) -> None:
        pic = self._picture(item, r.h - 4)
        if pic is None:
            return
        box = pygame.Rect(r.x + self.L.pad // 2, r.y + 2, self.icon_w, r.h - 4)
        surf.blit(pic, pic.get_rect(center=box.center))

    def draw_over(self, surface: pygame.Surface) -> None:
        self._draw_hover_picture(surface)
        if self.guide is not None:
            self.guide.draw(surface)

    def _draw_hover_picture(self, surf) -> None:
        """While a row's tooltip is shown, a larger picture of its program or mission beside the tooltip."""
        self.hover_picture_rect = None
        tip = next((w.tool_tip for w in self.row_widgets if getattr(w, "tool_tip", None) is not None), None)
        if tip is None:
            return
        owner = next(w for w in self.row_widgets if getattr(w, "tool_tip", None) is tip)
        item = next((item for item, r in self.rows if r.collidepoint(owner.rect.center)), None)
        pic = self._picture(item, int(self.L.u * 7)) if item is not None else None
        if pic is not None:
            self.hover_picture_rect = draw_beside(surf, pic, tip.rect, self.L.pad)
