"""Turn results: each launch in date order, step by step, then firsts, prestige
changes and the news. Revealed line by line at the animation speed; Space
shows everything at once. In hot-seat this is the player's digest.
"""

from __future__ import annotations

import pygame

from game.rules.tables import AVAILABLE, CANCELLED, DEVELOPING, GROUNDED, LOCKED, READY, SUCCESS
from game.session.checker import grounded_label, money
from game.session.describe import SIDE_SHORT, month_label, side_name, turn_label
from game.session.report import won_firsts
from game.ui.guide import wrap
from game.ui.scene import Scene, coloured, escape
from game.ui.scenes.panels import OUTCOME_WORDS, crew_names, event_line, muted, side_tag
from game.ui.scenes.records_text import operation_news, record_banner, record_news
from game.ui.theme import palette

REVEAL_SECONDS = 0.35
LEGEND = "Launches by date (US circles, USSR triangles; filled: success)"


def result_lines(session, report) -> list[str]:
    """The report as HTML lines, in the order they are revealed."""
    sc = session.scenario
    pal = palette()
    lines = []
    if not report.launches:
        lines.append(muted("No launches that we know of."))
    for x in report.launches:
        mis = sc.missions[x.mission]
        crew = f" (crew {mis['crew']})" if mis.get("crew") else ""
        if x.crew:
            crew = f" (crew: {escape(crew_names(sc.rules, x.crew, full=True))})"
        lines.append(f"<b>{month_label(x.month)}</b> {side_tag(x.side)} <b>{escape(mis['name'])}</b>{crew}")
        for st in x.steps:
            mark = {"passed": coloured("ok", pal["good"]), "failed": coloured("FAILED", pal["bad"]),
                    "not flown": muted("not flown")}[st.state]
            lines.append(f"&nbsp;&nbsp;&nbsp;&nbsp;{escape(st.name)}: {mark}")
        word = OUTCOME_WORDS.get(x.outcome, "?")
        colour = pal["good"] if x.outcome == SUCCESS else pal["bad"]
        extra = ""
        won = won_firsts(report, x)
        if won:
            extra = " — " + coloured("FIRST: " + ", ".join(sc.milestones[k]["name"] for k in won), pal["good"])
        again = [sc.milestones[k]["name"] for k in x.earned if k not in won]
        if again:
            extra += " — reached, not a first: " + escape(", ".join(again))
        if x.records:
            extra += " — " + coloured("NEW RECORD: " + "; ".join(record_banner(sc, report, x)), pal["good"])
        if x.prestige:
            tone = pal["good"] if x.prestige > 0 else pal["bad"]
            extra += " — " + coloured(f"prestige {x.prestige:+.0f}", tone)
        lines.append(f"&nbsp;&nbsp;&nbsp;&nbsp;Outcome: {coloured(word, colour)}{extra}")
        if x.crew_lost and x.crew:
            lines.append("&nbsp;&nbsp;&nbsp;&nbsp;" + coloured(f"Lost: {crew_names(sc.rules, x.crew, full=True)}. "
                                                               "The memorial keeps them (Roster, P).", pal["bad"]))
    own = program_lines(session, report)
    if own:
        lines.append("<br><b>Your programs</b>")
        lines += own
    if report.firsts:
        lines.append("<br><b>Firsts this turn</b>")
        for k, s, mth in report.firsts:
            lines.append(f"{month_label(mth)} {side_tag(s)} {escape(sc.milestones[k]['name'])}")
    records, operations = record_news(sc, report), operation_news(sc, report)
    if records or operations:
        lines.append("<br><b>Records and operations</b>")
        lines += records + operations
    # prestige is shown once, in the side panel (numbers, changes and bars)
    if report.news:
        lines.append("<br><b>News as the new turn opens</b>")
        lines += [event_line(sc, e) for e in report.news]
    return lines


def program_lines(session, report) -> list[str]:
    """What the side's own programs did: developed, progress paid, unlocked, grounded or cancelled."""
    sc = session.scenario
    pal = palette()
    obs = session.observation(report.side)
    out = []
    for p, d0, d1, s0, s1 in report.programs:
        name = f"<b>{escape(sc.programs[p]['name'])}</b>"
        if s1 == READY and s0 in (AVAILABLE, DEVELOPING, LOCKED):
            out.append(f"{name}: {coloured('developed', pal['good'])} — missions that need it can fly now")
        elif s1 == GROUNDED and s0 != GROUNDED:
            out.append(f"{name}: {coloured(grounded_label(sc, obs, p), pal['bad'])}")
        elif s0 == GROUNDED and s1 == READY:
            out.append(f"{name}: cleared to fly again")
        elif s1 == CANCELLED:
            out.append(f"{name}: {coloured('cancelled', pal['bad'])}")
        elif s0 == LOCKED and s1 == AVAILABLE:
            out.append(f"{name}: can be started now")
        elif d1 > d0:
            out.append(f"{name}: development {d0:.0%} to {d1:.0%} paid")
    return out


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
        top = 2 * pad + int(u * 1.3)
        side_w = int(L.width * 0.3)
        self.box_rect = pygame.Rect(2 * pad, top, L.width - 5 * pad - side_w, L.height - int(u * 1.3) - u - 5 * pad)
        self.side_rect = pygame.Rect(self.box_rect.right + pad, top, side_w, self.box_rect.h)
        self.legend = wrap(LEGEND, L.font(13), side_w - 2 * pad)      # the side panel's launch legend, in lines
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
            if "FIRST" in self.lines[self.shown - 1] or "NEW RECORD" in self.lines[self.shown - 1]:
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

    def ready_for_screenshot(self) -> bool:
        return self.shown >= len(self.lines) or self.frames > 120

    def default_action(self) -> None:
        if self.shown < len(self.lines):
            self.show_all()
            self.frames = max(0, self.frames - 15)
            return
        self.done()

    def draw(self, surf) -> None:
        from game.ui.fonts import draw_text
        from game.ui.markers import draw_side_marker
        from game.ui.theme import side_colour

        L = self.L
        pal = palette()
        pygame.draw.line(surf, side_colour(self.side), (0, L.pad // 2), (L.width, L.pad // 2), 3)
        r = self.side_rect
        pygame.draw.rect(surf, pal["panel"], r, border_radius=6)
        draw_text(surf, "Prestige", (r.x + L.pad, r.y + L.pad), L.font(17), pal["text"], bold=True)
        before, after = self.report.prestige_before, self.report.prestige_after
        top = max(10.0, *after, *before)
        bar_h = max(12, int(L.u * 0.9))
        y = r.y + L.pad + int(L.u * 1.4)
        for s in (0, 1):
            draw_text(surf, f"{SIDE_SHORT[s]} {after[s]:.0f} ({after[s] - before[s]:+.0f})", (r.x + L.pad, y),
                      L.font(15), side_colour(s, True), bold=True)
            y += int(L.u * 0.9)
            w = r.w - 2 * L.pad
            pygame.draw.rect(surf, pal["grid"], (r.x + L.pad, y, w, bar_h))
            pygame.draw.rect(surf, side_colour(s), (r.x + L.pad, y, int(w * max(0.0, after[s]) / top), bar_h))
            old = int(w * max(0.0, before[s]) / top)
            pygame.draw.line(surf, pal["text"], (r.x + L.pad + old, y - 2), (r.x + L.pad + old, y + bar_h + 1), 2)
            y += bar_h + L.pad * 2
        own = [x for x in self.report.launches if x.side == self.side]
        good = sum(x.succeeded for x in own)
        lines = [f"Your launches: {len(own)}, {good} fully successful",
                 f"Rival launches seen: {sum(x.side != self.side for x in self.report.launches)}",
                 f"Firsts this turn: {len(self.report.firsts)}"
                 + (f" · records raised: {len(self.report.records)}" if self.report.records else ""),
                 f"Money now: {money(self.report.cash_after)} (budget {money(self.report.budget_after)} a year)"]
        for text in lines:
            draw_text(surf, text, (r.x + L.pad, y), L.font(14), pal["text"])
            y += int(L.u * 0.9)
        x0, right = r.x + L.pad, r.right - L.pad
        if self.report.launches:
            y += L.pad
            for line in self.legend:
                draw_text(surf, line, (x0, y), L.font(13), pal["muted"])
                y += int(L.u * 0.7)
        for x in self.report.launches:  # one marker per launch, in date order: the side's shape, filled for success
            if x0 + bar_h > right:      # a busy turn's markers go on in rows
                x0, y = r.x + L.pad, y + bar_h + L.pad // 2
            draw_side_marker(surf, x.side, (x0 + bar_h // 2, y + L.pad + bar_h // 2), bar_h, filled=x.succeeded)
            x0 += bar_h + L.pad // 2


__all__ = ["ResultsScene", "result_lines", "SIDE_SHORT"]
