"""Choosing the crew of one booked launch, opened from its row on headquarters' Missions tab.

Each seat shows who flies it: the core's own pick of the best available (game.rules.crews, through
game.session.plan.plan_crews) until the player puts someone else there with the seat's drop-down.
Below: the chance of success with this crew beside the chance an average crew would have, and a line
per skilled step saying why ("Leonov: EVA 0.90, +3% on Spacewalk"). Choices go into the flow's Plan.
Built from the side's own Observation only."""

from __future__ import annotations

import numpy as np

from game.rules.tables import ACTIVE, SKILL_NAMES
from game.session.plan import crew_chance, crew_effects, crew_of, person_name, skill_label, success_chance
from game.ui.fonts import fit_text
from game.ui.scene import escape
from game.ui.scenes.panels import muted
from game.ui.scenes.side_scene import SideScene

BEST = "Best available"


def mission_disciplines(rules, m: int) -> list[int]:
    """The disciplines mission m's steps call on, in discipline order."""
    from game.rules.kernel_tables import kernel_tables

    row = kernel_tables(rules).step_skill[m]
    return sorted({int(d) for d in row if d >= 0})


class CrewScene(SideScene):
    name = "crew"
    auto_frames = 60

    def __init__(self, app, flow, side: int, mission: int, back_to):
        super().__init__(app, flow, side)
        self.mission = mission
        self.back_to = back_to
        self.choices: dict[int, dict[str, int]] = {}  # seat -> drop-down text -> person (-1: the core's pick)

    @property
    def launch(self):
        return next(x for x in self.plan.launches if x.mission == self.mission)

    def person_option(self, n: int) -> str:
        skills = self.obs.skill[0, n]
        shown = mission_disciplines(self.rules, self.mission) or list(range(len(SKILL_NAMES)))
        return f"{self.rules.person_names[n]} · " + " ".join(
            f"{skill_label(SKILL_NAMES[d])} {float(skills[d]):.2f}" for d in shown)

    def build(self) -> None:
        L = self.L
        u, pad, W, H = L.u, L.pad, L.width, L.height
        mis = self.scenario.missions[self.mission]
        w = min(W - 4 * pad, int(u * 26))
        x = (W - w) // 2
        y = 2 * pad
        self.label("title", (x, y, w, u), fit_text(f"Crew of {mis['name']}", L.font(19), w, bold=True), "#heading",
                   tip="Who flies this launch. The best available are picked for you; change any seat.")
        y += u + pad
        crew = crew_of(self.rules, self.obs, self.plan, self.mission)
        own = np.flatnonzero((np.asarray(self.rules.person_side) == self.side)
                             & (self.obs.person_status[0] == ACTIVE))
        need = int(self.rules.mis_crew[self.mission])
        lw = int(u * 3)
        for c in range(need):
            who = crew[c] if c < len(crew) else -1
            ordered = self.launch.crew[c] if c < len(self.launch.crew) else -1
            best = f"{BEST} ({person_name(self.rules, who)})" if who >= 0 and ordered < 0 else BEST
            options = {best: -1} | {self.person_option(int(n)): int(n) for n in own}
            self.choices[c] = options
            start = self.person_option(ordered) if ordered >= 0 and ordered in own else best
            self.label(None, (x, y, lw, u), f"Seat {c + 1}")
            self.dropdown(f"seat_{c}", (x + lw, y, w - lw, u), list(options), start,
                          "Pick who flies this seat; \"Best available\" leaves it to the core's pick (by the "
                          "skills the mission's steps call on).", lambda text, c=c: self.set_seat(c, text))
            y += u + pad // 2
        y += pad
        self.textbox("effect", (x, y, w, max(3 * u, min(9 * u, H - y - 2 * u - 3 * pad))), self.effect_html(crew))
        self.button("done", (x + w - int(u * 4), H - u - 2 * pad, int(u * 4), u), "Done",
                    "Back to headquarters (Enter or Esc).", self.back, object_id="#accent")

    def effect_html(self, crew: list[int]) -> str:
        rules = self.rules
        rush = self.launch.rush
        lines = []
        if not crew:
            lines.append("<b>No crew</b>: too few of your people can fly this turn; the launch would be scrubbed.")
        else:
            names = ", ".join(escape(rules.person_names[n]) for n in crew)
            with_crew = crew_chance(rules, self.obs, self.mission, crew, rush)
            average = success_chance(rules, self.obs, self.mission, rush)
            lines.append(f"<b>Crew</b>: {names}")
            lines.append(f"<b>Chance of success: {with_crew:.0%}</b> "
                         + muted(f"(an average crew, skill 0.5: {average:.0%})"))
            effects = crew_effects(self.scenario, self.obs, self.mission, crew)
            lines += [escape(e) for e in effects] or [muted("No step of this mission calls on a crew's skill.")]
        lines.append(muted(f"Each skilled step's chance moves by {rules.crew_skill_bonus * 100:g} points times "
                           "(the crew's mean skill in its discipline − 0.5)."))
        return "<br>".join(lines)

    def set_seat(self, c: int, text: str) -> None:
        person = self.choices[c].get(text, -1)
        self.plan.set_seat(self.mission, c, person)
        self.rebuild()

    def back(self) -> None:
        self.app.show(self.back_to)
        self.back_to.rebuild()

    def default_action(self) -> None:
        self.back()


__all__ = ["CrewScene", "BEST"]
