"""Headquarters' orders: the texts refreshed after each change (money, launch pads, what the order checker
says), what the buttons and keys do to the plan, ending the turn, and the screens it opens.

A part of HeadquartersScene (scenes/hq.py), mixed into it.
"""

from __future__ import annotations

import math

import pygame

from game.session.checker import check_plan, mission_blockers, money
from game.session.plan import (
    crew_chance,
    crew_of,
    mission_cost,
    money_left,
    plan_spending,
    upkeep_due,
    useful_funding,
)
from game.ui.fonts import fit_text, font
from game.ui.scenes.confirm import ConfirmScene, thin_turn
from game.ui.scenes.hq_tabs import LEFT_TABS


class HeadquartersOrders:
    """What HeadquartersScene's controls do to the side's plan, and the texts that follow it."""

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
