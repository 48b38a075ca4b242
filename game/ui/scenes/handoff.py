"""Hot-seat: the neutral pass-the-device screen between the two players."""

from __future__ import annotations

from game.session.describe import side_name
from game.ui.fonts import draw_text
from game.ui.scene import Scene
from game.ui.theme import palette


class PassDeviceScene(Scene):
    name = "pass-device"

    def __init__(self, app, flow, side: int):
        super().__init__(app)
        self.flow = flow
        self.side = side

    def build(self) -> None:
        L = self.L
        u = L.u
        self.button("continue", (L.width // 2 - 3 * u, L.height // 2 + 2 * u, 6 * u, int(u * 1.3)),
                    "I am ready", "Only the player named above should press this (Enter).", self.flow.advance,
                    object_id="#accent")
        self.button("menu", (L.width // 2 - 3 * u, L.height // 2 + 4 * u, 6 * u, u), "Main menu",
                    "Leave to the main menu; the game is autosaved (Esc).", self.back)

    def back(self) -> None:
        from game.ui.scenes.menu import MainMenuScene

        self.app.show(MainMenuScene(self.app, resume=self))

    def ready(self) -> None:
        self.flow.advance()

    def default_action(self) -> None:
        self.flow.advance()

    def draw(self, surf) -> None:
        L = self.L
        pal = palette()
        s = self.flow.session
        name = s.player_name(self.side)
        sc = s.scenario
        who = f"{name} ({side_name(sc, self.side)})" if name != side_name(sc, self.side) else name
        draw_text(surf, "Pass the device", (L.width // 2, L.height // 2 - 3 * L.u), L.font(34), pal["text"], True,
                  "center")
        draw_text(surf, f"to {who}", (L.width // 2, L.height // 2 - L.u), L.font(22), pal["text"], False, "center")
        draw_text(surf, "Everything is hidden until that player continues.", (L.width // 2, L.height // 2 + L.u // 2),
                  L.font(15), pal["muted"], False, "center")
