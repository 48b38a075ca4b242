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
The scene is made of parts, one module each: the list's rows
(scenes/hq_list.py), what the controls do to the plan and the texts that follow
it (scenes/hq_orders.py), what is drawn each frame (scenes/hq_draw.py); the
list's order and row bars (scenes/hq_rows.py), the tabs (scenes/hq_tabs.py) and
the operations' rows (scenes/hq_operations.py); the tabs' switching and the list's
scrolling are shared with the roster (scenes/side_scene.py). This module builds the screen
and keeps its state.
"""

from __future__ import annotations

import pygame

from game.session.checker import money
from game.session.describe import side_name, turn_label
from game.session.plan import Plan
from game.ui.fonts import fit_text, font
from game.ui.scenes.hq_draw import HeadquartersDrawing
from game.ui.scenes.hq_list import HeadquartersList
from game.ui.scenes.hq_operations import operation_order
from game.ui.scenes.hq_orders import HeadquartersOrders
from game.ui.scenes.hq_rows import mission_order, program_order
from game.ui.scenes.hq_tabs import build_tabs, right_html, tabs_of
from game.ui.scenes.side_scene import SideScene, TabbedList


class HeadquartersScene(HeadquartersList, HeadquartersOrders, HeadquartersDrawing, TabbedList, SideScene):
    name = "headquarters"
    auto_frames = 45

    def __init__(self, app, flow, side: int):
        super().__init__(app, flow, side)
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
