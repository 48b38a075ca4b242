"""New game: scenario (with description and dates), side, opponent, seed, player names."""

from __future__ import annotations

import secrets

from game.scenario import ScenarioError, discover, load
from game.session.seats import SeatError
from game.ui.scene import Scene, escape
from game.ui.scenes.panels import muted

OPPONENTS = [("AI — easy", "ai:easy"), ("AI — normal", "ai:normal"), ("AI — hard", "ai:hard"),
             ("Second player (hot-seat)", "human")]


def scenario_ids() -> list[str]:
    """Every scenario id the player can start: the shipped ones, then their own (by id the shipped wins)."""
    return list(dict.fromkeys(ident for ident, _, _ in discover()))


class NewGameScene(Scene):
    name = "new-game"

    def __init__(self, app, scenario: str | None = None, side: int = 0, opponent: str = "ai:normal",
                 seed: int | None = None):
        super().__init__(app)
        ids = scenario_ids()
        self.scenario_id = scenario or ("historical" if "historical" in ids else (ids[0] if ids else ""))
        self.side = side
        self.opponent = opponent
        self.seed = seed
        self.names = ["", ""]
        self._cache: dict = {}

    def scenario(self):
        if self.scenario_id not in self._cache:
            try:
                self._cache[self.scenario_id] = load(self.scenario_id)
            except ScenarioError as exc:
                self._cache[self.scenario_id] = exc
        return self._cache[self.scenario_id]

    def build(self) -> None:
        L = self.L
        u, pad = L.u, L.pad
        w = min(L.width - 4 * pad, int(u * 34))
        x = (L.width - w) // 2
        y = pad
        self.label("title", (x, y, w, int(u * 1.8)), "New game", "#title")
        y += int(u * 1.9)
        lw = int(u * 6)
        ids = scenario_ids()
        if self.app.options.scenario and self.app.options.scenario not in ids:
            ids = [self.app.options.scenario, *ids]
        self.label(None, (x, y, lw, u), "Scenario")
        self.dropdown("scenario", (x + lw, y, w - lw, u), ids or [""], self.scenario_id,
                      "Which scenario to play; scenarios are folders of TOML files (see MODDING.md).",
                      self.set_scenario)
        y += u + pad
        sc = self.scenario()
        if isinstance(sc, ScenarioError):
            html = "<b>This scenario has errors</b><br>" + "<br>".join(escape(d.format()) for d in sc.diagnostics[:8])
        else:
            meta = sc.meta["scenario"]
            html = (f"<b>{escape(sc.name)}</b><br>{escape(meta.get('description', ''))}<br>"
                    + muted(f"From {sc.calendar.season(0)} to {sc.calendar.season(sc.rules.n_turns - 1)}, "
                            f"{sc.rules.n_turns} turns; {sc.rules.n_programs} programs, {sc.rules.n_missions} "
                            f"missions, {sc.rules.n_events} events."))
        box = self.textbox("description", (x, y, w, -1), html)  # as tall as its laid-out text
        y += box.rect.h + pad
        self.label(None, (x, y, lw, u), "Your side")
        half = (w - lw - pad) // 2
        for s, text in enumerate(("United States", "Soviet Union")):
            self.button(f"side_{s}", (x + lw + s * (half + pad), y, half, u), text,
                        f"Play the {text} (Ctrl+{s + 1}).", lambda s=s: self.set_side(s),
                        object_id="#toggled" if s == self.side else None)
        y += u + pad
        self.label(None, (x, y, lw, u), "Opponent")
        labels = [a for a, _ in OPPONENTS]
        start = next(a for a, b in OPPONENTS if b == self.opponent)
        self.dropdown("opponent", (x + lw, y, w - lw, u), labels, start,
                      "The computer at three levels, or a second player on this machine (hot-seat).",
                      self.set_opponent)
        y += u + pad
        self.label(None, (x, y, lw, u), "Seed")
        self.entry("seed", (x + lw, y, int(u * 6), u), "" if self.seed is None else str(self.seed),
                   "Optional: the same seed and orders give the same game. Leave empty for a random one.",
                   "random")
        y += u + pad
        for s, text in enumerate(("US player", "USSR player")):
            self.label(None, (x, y, lw, u), text)
            self.entry(f"name_{s}", (x + lw, y, int(u * 10), u), self.names[s],
                       "Optional: a name shown in the game and the save.", "name (optional)")
            y += u + pad
        self.label("error", (x, y, w, u), "", "#bad")
        bw = int(u * 5)
        yb = L.height - int(u * 1.3) - pad
        self.button("back", (x, yb, bw, int(u * 1.3)), "Back", "Back to the main menu (Esc).", self.back)
        self.button("start", (x + w - int(u * 6), yb, int(u * 6), int(u * 1.3)), "Start",
                    "Start the game (Enter or Ctrl+Enter).",
                    self.start, object_id="#accent", enabled=not isinstance(sc, ScenarioError))

    def _read_inputs(self) -> None:
        for s in (0, 1):
            if f"name_{s}" in self.widgets:
                self.names[s] = self.widgets[f"name_{s}"].get_text().strip()[:30]
        if "seed" in self.widgets:
            text = self.widgets["seed"].get_text().strip()
            self.seed = int(text) if text.lstrip("-").isdigit() else None

    def set_scenario(self, text: str) -> None:
        self._read_inputs()
        self.scenario_id = text
        self.rebuild()

    def set_side(self, s: int) -> None:
        self._read_inputs()
        self.side = s
        self.rebuild()

    def set_opponent(self, text: str) -> None:
        self.opponent = dict(OPPONENTS)[text]

    def back(self) -> None:
        from game.ui.scenes.menu import MainMenuScene

        self.app.show(MainMenuScene(self.app))

    def start(self) -> None:
        from game.ui.start import start_new

        self._read_inputs()
        sc = self.scenario()
        if isinstance(sc, ScenarioError):
            return
        text = self.widgets["seed"].get_text().strip()
        if text and not text.lstrip("-").isdigit():
            self.widgets["error"].set_text("The seed must be a whole number (or empty for a random one).")
            return
        seed = self.seed if self.seed is not None else secrets.randbelow(2**31)
        seats = ["human", self.opponent] if self.side == 0 else [self.opponent, "human"]
        try:
            start_new(self.app, sc, seats[0], seats[1], seed, tuple(self.names))
        except SeatError as exc:
            self.widgets["error"].set_text(str(exc))

    def start_unless_typing(self) -> None:
        """Enter starts the game unless a text field has the cursor (Ctrl+Enter always does)."""
        if not any(getattr(w, "is_focused", False) for w in self.widgets.values()):
            self.start()
