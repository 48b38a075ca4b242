"""Turn results: each launch in date order, step by step, then firsts, prestige
changes and the news. Revealed line by line at the animation speed; Space
shows everything at once. In hot-seat this is the player's digest.
"""

from __future__ import annotations

import pygame

from game.rules.tables import SUCCESS
from game.session.describe import SIDE_SHORT, month_label, side_name, turn_label
from game.ui.scene import Scene, coloured, escape
from game.ui.scenes.panels import OUTCOME_WORDS, event_line, muted, side_tag
from game.ui.theme import palette

REVEAL_SECONDS = 0.35


def result_lines(session, report) -> list[str]:
    """The report as HTML lines, in the order they are revealed."""
    sc = session.scenario
    pal = palette()
    lines = []
    if not report.launches:
        lines.append(muted("No launches that we know of."))
    firsts = {(k, s) for k, s, _ in report.firsts}
    for x in report.launches:
        mis = sc.missions[x.mission]
        crew = f" (crew {mis['crew']})" if mis.get("crew") else ""
        lines.append(f"<b>{month_label(x.month)}</b> {side_tag(x.side)} <b>{escape(mis['name'])}</b>{crew}")
        for st in x.steps:
            mark = {"passed": coloured("ok", pal["good"]), "failed": coloured("FAILED", pal["bad"]),
                    "not flown": muted("not flown")}[st.state]
            lines.append(f"&nbsp;&nbsp;&nbsp;&nbsp;{escape(st.name)}: {mark}")
        word = OUTCOME_WORDS.get(x.outcome, "?")
        colour = pal["good"] if x.outcome == SUCCESS else pal["bad"]
        extra = ""
        won = [sc.milestones[k]["name"] for k in x.earned if (k, x.side) in firsts]
        if won:
            extra = " — " + coloured("FIRST: " + ", ".join(won), pal["good"])
        lines.append(f"&nbsp;&nbsp;&nbsp;&nbsp;Outcome: {coloured(word, colour)}{extra}")
    if report.firsts:
        lines.append("<br><b>Firsts this turn</b>")
        for k, s, mth in report.firsts:
            lines.append(f"{month_label(mth)} {side_tag(s)} {escape(sc.milestones[k]['name'])}")
    b, a = report.prestige_before, report.prestige_after
    lines.append("<br><b>Prestige</b>")
    lines.append(" · ".join(f"{side_tag(s)} {a[s]:.0f} ({a[s] - b[s]:+.0f})" for s in (0, 1)))
    if report.news:
        lines.append("<br><b>News as the new turn opens</b>")
        lines += [event_line(sc, e) for e in report.news]
    return lines


class ResultsScene(Scene):
    name = "turn-results"
    auto_frames = 30

    def __init__(self, app, flow, side: int, report):
        super().__init__(app)
        self.flow = flow
        self.side = side
        self.report = report
        self.lines = result_lines(flow.session, report)
        self.shown = 1
        self.clock = 0.0

    def build(self) -> None:
        L = self.L
        u, pad = L.u, L.pad
        sc = self.flow.session.scenario
        title = f"{turn_label(sc, self.report.turn)}: what happened"
        if self.flow.hotseat:
            title = f"{side_name(sc, self.side)}: since your last turn ({turn_label(sc, self.report.turn)})"
        self.label("title", (2 * pad, pad, L.width - 4 * pad, int(u * 1.3)), title, "#heading")
        self.box_rect = pygame.Rect(2 * pad, 2 * pad + int(u * 1.3), L.width - 4 * pad,
                                    L.height - int(u * 1.3) - u - 5 * pad)
        self.textbox("log", self.box_rect, self._html())
        bw = int(u * 5)
        y = L.height - u - pad
        self.button("skip", (L.width - 2 * bw - 3 * pad, y, bw, u), "Show all",
                    "Skip the animation and show everything (Space).", self.show_all)
        self.button("continue", (L.width - bw - 2 * pad, y, bw, u), "Continue", "On to your headquarters (Enter).",
                    self.done, object_id="#accent")
        self.button("charts", (2 * pad, y, bw, u), "Charts", "Prestige, budget and reliability over time (C).",
                    self.open_charts)

    def _html(self) -> str:
        return "<br>".join(self.lines[: self.shown])

    def update(self, dt: float) -> None:
        if self.shown >= len(self.lines):
            return
        self.clock += dt * self.app.settings.animation_speed
        if self.clock >= REVEAL_SECONDS:
            self.clock = 0.0
            self.shown += 1
            if "FIRST" in self.lines[self.shown - 1]:
                self.app.sounds.play("first")
            self.widgets["log"].set_text(self._html())

    def show_all(self) -> None:
        self.shown = len(self.lines)
        self.widgets["log"].set_text(self._html())

    def done(self) -> None:
        self.flow.advance()

    def open_charts(self) -> None:
        from game.ui.scenes.charts import ChartsScene

        self.app.show(ChartsScene(self.app, self.flow, self.side, back_to=self))

    def key(self, key: int, mod: int) -> None:
        if key == pygame.K_SPACE:
            self.show_all()
        elif key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self.done()
        elif key == pygame.K_c:
            self.open_charts()

    def ready_for_screenshot(self) -> bool:
        return self.shown >= len(self.lines) or self.frames > 120

    def default_action(self) -> None:
        if self.shown < len(self.lines):
            self.show_all()
            self.frames = max(0, self.frames - 15)
            return
        self.done()

    def draw(self, surf) -> None:
        from game.ui.theme import side_colour

        pygame.draw.line(surf, side_colour(self.side), (0, self.L.pad // 2), (self.L.width, self.L.pad // 2), 3)


__all__ = ["ResultsScene", "result_lines", "SIDE_SHORT"]
