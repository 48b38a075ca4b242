"""Scenarios: every installed scenario with its validation status."""

from __future__ import annotations

from game.scenario import shipped_ids, validate
from game.ui.scene import Scene, coloured, escape
from game.ui.scenes.panels import muted
from game.ui.theme import palette


def scenarios_html() -> str:
    pal = palette()
    out = []
    for sid in shipped_ids():
        diags = validate(sid)
        errors = [d for d in diags if d.severity == "error"]
        warnings = len(diags) - len(errors)
        if errors:
            status = coloured(f"{len(errors)} error(s)", pal["bad"])
        else:
            status = coloured("valid", pal["good"]) + (muted(f" ({warnings} warning(s))") if warnings else "")
        out.append(f"<b>{escape(sid)}</b> — {status}")
        for d in errors[:5]:
            out.append(muted("&nbsp;&nbsp;" + escape(d.format())))
    out.append("<br>" + muted("Check a scenario you are writing with: spacerace validate FOLDER (see MODDING.md)."))
    return "<br>".join(out) if out else muted("No scenarios are installed.")


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
