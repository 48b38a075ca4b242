"""The first start after an install or update: the window is up while the rules engine compiles."""

from __future__ import annotations

import sys

from game.ui.fonts import draw_text
from game.ui.scene import Scene
from game.ui.scenes.panels import draw_spinner
from game.ui.theme import palette
from game.ui.worker import BackgroundJob


class PreparingScene(Scene):
    """Runs `job()` (compiling the rules, a minute or two) on a daemon thread while the window keeps
    drawing; then calls `then()`, which shows the real first screen. If the job raises, its message goes
    to stderr and the window closes with exit code 1. Escape or closing the window quits at once."""

    name = "preparing"
    auto_frames = 10**9      # the demo waits for the job like a player does

    def __init__(self, app, job, then):
        super().__init__(app)
        self.then = then
        self.job = BackgroundJob(job, name="prepare-rules")

    def update(self, dt: float) -> None:
        if not self.job.done:
            return
        if self.job.error is not None:
            print(f"spacerace: {self.job.error}", file=sys.stderr)
            self.app.quit(1)
        else:
            self.then()

    def ready_for_screenshot(self) -> bool:
        return False         # the demo's screenshots are of the game; this screen shows only on a first start

    def back(self) -> None:
        self.app.quit(0)

    def draw(self, surf) -> None:
        L = self.L
        cx, cy = L.width // 2, L.height // 2
        draw_text(surf, "Preparing the rules engine…", (cx, cy - 2 * L.u), L.font(24), palette()["text"],
                  anchor="center")
        draw_text(surf, "Only on the first start after an install or update: a minute or two.",
                  (cx, cy - L.u // 2), L.font(15), palette()["muted"], anchor="center")
        draw_spinner(surf, (cx - L.u, cy + L.u), L, self.frames, "compiling")
