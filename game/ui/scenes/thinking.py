"""The AI's turn: a thinking indicator while the AI seats decide on their threads."""

from __future__ import annotations

from game.session.describe import side_name
from game.ui.fonts import draw_text
from game.ui.scene import Scene
from game.ui.scenes.panels import draw_spinner
from game.ui.theme import palette


class ThinkingScene(Scene):
    name = "ai-thinking"

    def __init__(self, app, flow):
        super().__init__(app)
        self.flow = flow

    def draw(self, surf) -> None:
        L = self.L
        sc = self.flow.session.scenario
        who = " and ".join(side_name(sc, s) for s, w in self.flow.workers.items() if not w.done) or "The AI"
        draw_text(surf, f"{who} deciding…", (L.width // 2, L.height // 2 - L.u), L.font(22), palette()["text"],
                  anchor="center")
        draw_spinner(surf, (L.width // 2 - L.u, L.height // 2 + L.u), L, self.frames, "thinking")
