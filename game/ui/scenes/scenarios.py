"""Scenarios: every installed scenario with its validation status."""

from __future__ import annotations

from game.scenario import describe, discover, user_dir, validate
from game.ui.scene import Scene, coloured, escape
from game.ui.scenes.panels import muted
from game.ui.theme import palette


def scenarios_html() -> str:
    """Every scenario found, shipped and the player's own: name, id, version, description and whether it is
    valid, with the first errors of an invalid one (file, line, message)."""
    pal = palette()
    out = []
    seen = set()
    for sid, origin, folder in discover():
        info = describe(folder)
        if info["errors"]:
            status = coloured(f"INVALID: {info['errors']} error(s)", pal["bad"])
        else:
            status = coloured("valid", pal["good"])
        if info["warnings"]:
            status += muted(f", {info['warnings']} warning(s)")
        where = "shipped" if origin == "shipped" else "yours"
        if origin == "user" and sid in seen:
            where += ", hidden by the shipped scenario of the same id"
        seen.add(sid)
        ext = f", extends {escape(info['extends'])}" if info["extends"] else ""
        out.append(f"<b>{escape(info['name'])}</b> — {status}<br>"
                   + muted(f"{escape(sid)} · version {escape(info['version'])} · {where}{ext}")
                   + (f"<br>{escape(info['description'])}" if info["description"] else ""))
        if info["errors"]:
            errors = [d for d in validate(folder) if d.severity == "error"]
            out[-1] += "".join("<br>" + muted("&nbsp;&nbsp;" + escape(d.format())) for d in errors[:5])
            if len(errors) > 5:
                out[-1] += "<br>" + muted(f"&nbsp;&nbsp;… and {len(errors) - 5} more")
    if not out:
        out.append(muted("No scenarios are installed."))
    out.append(muted(f"Your own scenarios go in {escape(str(user_dir()))}. Start one with: spacerace new-scenario "
                     "NAME --from historical; check it with: spacerace validate FOLDER (see MODDING.md)."))
    return "<br><br>".join(out)


class ScenariosScene(Scene):
    name = "scenarios"

    def __init__(self, app, back_to=None):
        super().__init__(app)
        self.back_to = back_to
        self.html = scenarios_html()

    def build(self) -> None:
        L = self.L
        u, pad = L.u, L.pad
        w = min(L.width - 4 * pad, int(u * 36))
        x = (L.width - w) // 2
        self.label("title", (x, pad, w, int(u * 1.8)), "Scenarios", "#title")
        self.textbox("list", (x, pad + int(u * 1.9), w, L.height - int(u * 2.9) - 4 * pad), self.html)
        self.button("back", (x, L.height - u - pad, int(u * 5), u), "Back", "Return (Esc).", self.back)

    def back(self) -> None:
        if self.back_to is not None:
            self.app.show(self.back_to)
