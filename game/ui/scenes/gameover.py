"""Game over (or the last turn of a demo): the winner, final prestige and the
timeline of firsts beside the historical dates.
"""

from __future__ import annotations

from game.session.describe import historical_label, month_label, side_name
from game.ui.scene import Scene, escape
from game.ui.scenes.panels import muted, side_tag


def timeline_html(session, side: int) -> str:
    sc = session.scenario
    obs = session.observation(side)
    rows = []
    for k, ms in enumerate(sc.milestones):
        who = int(obs.first_side[0, k])
        hist = historical_label(ms.get("historical")) or "—"
        if who >= 0:
            rows.append((float(obs.first_month[0, k]), f"{month_label(obs.first_month[0, k])} {side_tag(who)} "
                                                        f"<b>{escape(ms['name'])}</b> {muted('history: ' + hist)}"))
        else:
            when = "never" if session.is_over else "not yet"
            rows.append((1e9 + k, f"{muted(when)} {escape(ms['name'])} {muted('history: ' + hist)}"))
    return "<b>Timeline of firsts</b><br>" + "<br>".join(r for _, r in sorted(rows))


class GameOverScene(Scene):
    name = "game-over"
    auto_frames = 50

    def __init__(self, app, flow, side: int):
        super().__init__(app)
        self.flow = flow
        self.side = side

    def headline(self) -> str:
        s = self.flow.session
        sc = s.scenario
        if not s.is_over:
            return f"Stopped after {self.flow.turns_played} turns — {sc.calendar.season(s.turn)}"
        if s.winner == 2:
            return "The race ends in a draw"
        return f"{s.player_name(s.winner)} wins the Space Race" if s.names[s.winner] else \
            f"The {side_name(sc, s.winner)} wins the Space Race"

    def build(self) -> None:
        L = self.L
        u, pad = L.u, L.pad
        s = self.flow.session
        obs = s.observation(self.side)
        self.label("headline", (2 * pad, pad, L.width - 4 * pad, int(u * 1.8)), self.headline(), "#title")
        p = obs.prestige[0]
        self.label("prestige", (2 * pad, pad + int(u * 1.8), L.width - 4 * pad, u),
                   f"Final prestige: {side_name(s.scenario, 0)} {p[0]:.0f} — {side_name(s.scenario, 1)} {p[1]:.0f}",
                   "#heading")
        top = 2 * pad + int(u * 2.9)
        self.textbox("timeline", (2 * pad, top, L.width - 4 * pad, L.height - top - u - 3 * pad),
                     timeline_html(s, self.side))
        bw = int(u * 5)
        y = L.height - u - pad
        self.button("charts", (2 * pad, y, bw, u), "Charts", "Prestige, budget and reliability over time (C).",
                    self.open_charts)
        self.button("menu", (L.width - 2 * bw - 3 * pad, y, bw, u), "Main menu", "Back to the main menu (Esc).",
                    self.back)
        self.button("quit", (L.width - bw - 2 * pad, y, bw, u), "Quit", "Close the game (Ctrl+Q).",
                    lambda: self.app.quit(0), object_id="#danger")

    def open_charts(self) -> None:
        from game.ui.scenes.charts import ChartsScene

        self.app.show(ChartsScene(self.app, self.flow, self.side, back_to=self, public_only=self.flow.hotseat))

    def back(self) -> None:
        if self.app.options.exit_at_end:
            self.app.quit(0)
            return
        from game.ui.scenes.menu import MainMenuScene

        self.app.flow = None
        self.app.show(MainMenuScene(self.app))

    def default_action(self) -> None:
        if self.app.options.exit_at_end:
            self.app.quit(0)
        else:  # attract mode: play another demo game
            from game.ui.start import start_demo

            start_demo(self.app, seed=self.flow.session.seed + 1)
