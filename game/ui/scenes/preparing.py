"""What the player sees of the rules engine being prepared (game/ui/preparation.py): a small status in a
corner of every screen meanwhile, and the waiting screen of a game asked for before the engine is ready.

Only measured time is shown (the seconds elapsed), never an estimate of what is left.
"""

from __future__ import annotations

import sys

from game.session.saves import SaveError
from game.session.seats import SeatError
from game.ui.fonts import draw_text, fit_text, font
from game.ui.scene import Scene
from game.ui.scenes.panels import draw_spinner
from game.ui.theme import palette

READY_SHOWN_S = 4.0      # how long the corner says "ready" once the engine is


def seconds(s: float) -> str:
    """Elapsed time as the player reads it: "7 s", "2 min 05 s"."""
    s = int(s)
    return f"{s} s" if s < 60 else f"{s // 60} min {s % 60:02d} s"


def status_text(prep) -> str:
    if prep.running:
        return f"Preparing the rules engine… {seconds(prep.elapsed())}"
    if prep.failed:
        return f"The rules engine could not be prepared: {prep.error}"
    return f"Rules engine ready ({seconds(prep.elapsed())})"


def draw_core_status(surf, app, frame: int) -> None:
    """The corner status: a spinner and the elapsed seconds while the engine is prepared, "ready" for a
    few seconds after, the failure's reason for good. Draws nothing once "ready" has been shown."""
    prep = app.core
    if prep is None or (prep.ready and prep.since_end() > READY_SHOWN_S):
        return
    L, pal = app.layout, palette()
    size = L.font(13)
    colour = pal["text"] if prep.running else pal["bad"] if prep.failed else pal["good"]
    text = fit_text(status_text(prep), size, L.width // 2)
    right, y = L.width - L.pad, L.pad + L.u // 2
    left = right - font(size).size(text)[0]
    if prep.running:
        r = max(6, L.u // 3)
        draw_spinner(surf, (left - 2 * r - L.pad, y), L, frame, "")
    draw_text(surf, text, (left, y), size, colour, anchor="midleft")


class WaitingScene(Scene):
    """A game was asked for before the rules engine is ready: a spinner and the elapsed time, then
    `begin()` on the first frame the engine is ready (begin shows the game's first screen).

    If begin raises SeatError or SaveError: when `fatal` (a game the command line asked for) its
    message goes to stderr and the window closes with exit code 1; otherwise `back_to` (the screen that
    asked; the main menu when None) shows again with the message as a notice.
    If the preparation fails: when `fatal`, the window closes with exit code 1 (the App has put the
    reason on stderr); otherwise the reason stays on this screen until the player goes back.
    Escape or Back returns to `back_to` at any time; the preparation goes on.
    """

    name = "waiting-for-rules"
    auto_frames = 10**9          # the demo waits like a player does
    shows_core_status = False    # this screen is the big version of it

    def __init__(self, app, begin, back_to=None, fatal: bool = False):
        super().__init__(app)
        self.begin = begin
        self.back_to = back_to
        self.fatal = fatal

    def build(self) -> None:
        L = self.L
        u = L.u
        self.button("back", (L.width // 2 - int(u * 3), L.height - int(u * 1.3) - 2 * L.pad, int(u * 6),
                             int(u * 1.3)), "Back", "Back to the menu (Esc); the game does not start.", self.back)

    def update(self, dt: float) -> None:
        prep = self.app.core
        if prep is None or prep.ready:
            self._begin()
        elif prep.failed and self.fatal:
            self.app.quit(1)

    def _begin(self) -> None:
        self.app.manager.clear_and_reset()
        self.app.window.fill(palette()["background"])   # a first pop-up's backdrop is not this screen
        try:
            self.begin()
        except (SeatError, SaveError) as exc:
            if self.fatal:
                print(f"spacerace: {exc}", file=sys.stderr, flush=True)
                self.app.quit(1)
            else:
                self.back()
                self.app.notify(str(exc))

    def back(self) -> None:
        if self.back_to is not None:
            self.app.show(self.back_to)
        else:
            from game.ui.scenes.menu import MainMenuScene

            self.app.show(MainMenuScene(self.app))

    def ready_for_screenshot(self) -> bool:
        return False             # the demo's screenshots are of the game

    def draw(self, surf) -> None:
        L, pal = self.L, palette()
        prep = self.app.core
        cx, cy = L.width // 2, L.height // 2
        if prep is not None and prep.failed:
            draw_text(surf, "The rules engine could not be prepared", (cx, cy - 2 * L.u), L.font(24), pal["bad"],
                      anchor="center")
            size = L.font(14)
            draw_text(surf, fit_text(prep.error, size, L.width - 4 * L.pad), (cx, cy - L.u // 2), size,
                      pal["text"], anchor="center")
            return
        draw_text(surf, "Preparing the rules engine…", (cx, cy - 2 * L.u), L.font(24), pal["text"], anchor="center")
        draw_text(surf, "Only after an install or update. Your game starts as soon as it is ready.",
                  (cx, cy - L.u // 2), L.font(15), pal["muted"], anchor="center")
        elapsed = seconds(prep.elapsed()) if prep is not None else ""
        draw_spinner(surf, (cx - 2 * L.u, cy + L.u), L, self.frames, f"compiling · {elapsed}")
