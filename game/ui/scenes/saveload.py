"""Save and load: the player's saves and the autosaves, newest first.

A save that cannot be used shows its one-line reason here; nothing is changed. A save whose scenario
has changed since it was made (a newer shipped version, a modder's edit), or that loaded with a note,
shows what changed once, on its own screen (LoadedScene), before its game goes on. Everything these
screens show is what both sides may see: the public summary a save keeps, the scenario's own numbers.
"""

from __future__ import annotations

import json
import re

from game.session.paths import autosave_dir, saves_dir
from game.session.saves import SaveError, list_saves, save_game
from game.ui.scene import Scene, escape


def save_summary(path) -> str:
    """One line about a save from its header (without replaying it); the reason when it is unreadable."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        s = data["summary"]
        seats = " v ".join(data["seats"])
        return (f"{s['date']} (turn {s['turn'] + 1}/{s['turns']}) · {data['scenario']['id']} · {seats} · "
                f"US {s['prestige'][0]:.0f}, USSR {s['prestige'][1]:.0f} · saved {s['saved_at']}")
    except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError):
        return "unreadable: damaged or not a save"


class SaveLoadScene(Scene):
    name = "save-load"

    def __init__(self, app, back_to=None):
        super().__init__(app)
        self.back_to = back_to
        self.page = 0

    def files(self):
        return sorted(list_saves(saves_dir()) + list_saves(autosave_dir()),
                      key=lambda p: p.stat().st_mtime_ns, reverse=True)

    def build(self) -> None:
        L = self.L
        u, pad = L.u, L.pad
        w = min(L.width - 4 * pad, int(u * 40))
        x = (L.width - w) // 2
        y = pad
        in_game = self.app.flow is not None and not self.app.flow.finished
        self.label("title", (x, y, w, int(u * 1.8)), "Save and load" if in_game else "Load a game", "#title")
        y += int(u * 1.9)
        if in_game:
            self.label(None, (x, y, int(u * 4), u), "Save as")
            default = f"{self.app.flow.session.scenario.id}-turn{self.app.flow.session.turn + 1}"
            self.entry("save_name", (x + int(u * 4), y, w - int(u * 9), u), default,
                       "A name for the save (letters, digits, - and _).")
            self.button("save", (x + w - int(u * 4.6), y, int(u * 4.6), u), "Save",
                        "Save the game under this name (Ctrl+S).", self.save, object_id="#accent")
            y += u + pad
        self.label("status", (x, y, w, u), "", "#small")
        y += u + pad
        files = self.files()
        per = max(1, (L.height - y - 2 * u - 2 * pad) // (u + pad // 2))
        self.page = min(self.page, max(0, (len(files) - 1) // per))
        shown = files[self.page * per:(self.page + 1) * per]
        if not files:
            self.label(None, (x, y, w, u), "No saves yet.", "#muted")
        for i, path in enumerate(shown):
            yy = y + i * (u + pad // 2)
            self.button(f"load_{i}", (x, yy, int(u * 3.5), u), "Load",
                        f"Load {path.name}" + (f" ({i + 1})." if i < 9 else "."), lambda p=path: self.load(p))
            kind = "auto" if path.parent == autosave_dir() else "save"
            self.label(f"file_{i}", (x + int(u * 3.5) + pad, yy, w - int(u * 3.5) - pad, u),
                       f"[{kind}] " + (f"{path.stem}: " if kind == "save" else "") + save_summary(path), "#small",
                       tip=str(path))
        yb = L.height - u - pad
        self.button("back", (x, yb, int(u * 4), u), "Back", "Return (Esc).", self.back)
        if len(files) > per:
            self.button("prev", (x + w - int(u * 8.4), yb, int(u * 4), u), "Newer", "Newer saves (Page Up).",
                        lambda: self.turn_page(-1), enabled=self.page > 0)
            self.button("next", (x + w - int(u * 4), yb, int(u * 4), u), "Older", "Older saves (Page Down).",
                        lambda: self.turn_page(1), enabled=(self.page + 1) * per < len(files))

    def load_key(self, i: int) -> None:
        """Number key i + 1: load the i-th save shown."""
        button = self.widgets.get(f"load_{i}")
        if button is not None:
            self.actions[button]()

    def newer(self) -> None:
        if self.page > 0:
            self.turn_page(-1)

    def older(self) -> None:
        if "next" in self.widgets and self.widgets["next"].is_enabled:
            self.turn_page(1)

    def turn_page(self, d: int) -> None:
        self.page = max(0, self.page + d)
        self.rebuild()

    def save(self) -> None:
        if "save_name" not in self.widgets:  # the load screen, outside a game: nothing to save
            return
        name = re.sub(r"[^A-Za-z0-9_-]+", "-", self.widgets["save_name"].get_text()).strip("-") or "save"
        try:
            path = save_game(self.app.flow.session, saves_dir() / name)
        except SaveError as exc:
            self.widgets["status"].set_text(str(exc))
            return
        self.rebuild()
        self.widgets["status"].set_text(f"Saved as {path.name}.")
        self.app.notify(f"Saved as {path.name}.", 2.5)

    def load(self, path) -> None:
        from game.ui.start import start_loaded

        try:
            start_loaded(self.app, path)
        except SaveError as exc:
            self.widgets["status"].set_text(str(exc)[:200])
            self.app.notify(str(exc))

    def back(self) -> None:
        if self.back_to is not None:
            self.app.show(self.back_to)
        else:
            from game.ui.scenes.menu import MainMenuScene

            self.app.show(MainMenuScene(self.app))


class LoadedScene(Scene):
    """What changed in a loaded save's scenario since it was saved, and the load's notes, shown once:
    Continue starts its game, Back (Esc) returns to the list of saves without it."""

    name = "save-loaded"

    def __init__(self, app, loaded, path):
        super().__init__(app)
        self.loaded = loaded
        self.path = path

    def text_html(self) -> str:
        parts = []
        if self.loaded.changes:
            sc = self.loaded.session.scenario
            parts.append(f"<b>Scenario '{escape(sc.name)}' has changed since this save.</b> The game goes on "
                         "under the scenario as it is now:<br>"
                         + "<br>".join(f"• {escape(line)}" for line in self.loaded.changes))
        if self.loaded.notes:
            parts.append("<b>Notes</b><br>" + "<br>".join(f"• {escape(line)}" for line in self.loaded.notes))
        return "<br><br>".join(parts)

    def build(self) -> None:
        L = self.L
        u, pad = L.u, L.pad
        w = min(L.width - 4 * pad, int(u * 40))
        x = (L.width - w) // 2
        s = self.loaded.session
        self.label("title", (x, pad, w, int(u * 1.8)), f"Loaded {self.path.name}", "#title")
        self.label("when", (x, pad + int(u * 1.9), w, u),
                   f"{s.scenario.calendar.season(min(s.turn, s.rules.n_turns - 1))} · turn {s.turn + 1} of "
                   f"{s.rules.n_turns}", "#small")
        top = 2 * pad + int(u * 2.9)
        yb = L.height - int(u * 1.3) - pad
        self.textbox("changes", (x, top, w, yb - top - pad), self.text_html())
        self.button("back", (x, yb, int(u * 4), int(u * 1.3)), "Back", "Back to the saves; this game does not "
                    "start (Esc).", self.back)
        self.button("continue", (x + w - int(u * 6), yb, int(u * 6), int(u * 1.3)), "Continue",
                    "Continue this game (Enter).", self.go_on, object_id="#accent")

    def go_on(self) -> None:
        from game.ui.flow import GameFlow

        GameFlow(self.app, self.loaded.session, turns_limit=self.app.options.turns).start()

    def default_action(self) -> None:
        self.go_on()

    def back(self) -> None:
        self.app.show(SaveLoadScene(self.app))
