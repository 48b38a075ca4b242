"""Help: how to play, and the keyboard shortcuts."""

from __future__ import annotations

from game.ui.scene import Scene

HELP = """<b>How to play</b><br>
You lead the space program of the United States or the Soviet Union. Every turn (two a year) both sides give
their orders in secret; then the turn resolves for both at once, and every launch gets a date, so the first to
achieve a milestone is decided by the calendar, as in history.<br><br>
<b>Money.</b> Your yearly budget is paid out each turn. Unspent money carries over. Prestige you earn raises next
year's budget; a long run of bad years can get your leadership fired, and you lose.<br><br>
<b>Programs</b> (launchers, capsules, probes, landers, suits, docking, stations) must first be developed: fund
them until their cost is paid. Once developed they can fly, and more funding buys research that raises their
reliability up to a cap; beyond it only flying teaches. You never know a reliability exactly: you see an estimate
with its uncertainty (the ± figure), which narrows with research and flights.<br><br>
<b>Missions</b> fly programs step by step. Each step can fail by its program's reliability. Skipping earlier
milestones adds risk to every step, and so does rushing (which flies early in the turn to beat the rival). The
planner shows the success chance and the prestige at stake before you launch. Launch pads limit launches a turn.
A lost crew costs prestige and grounds the program.<br><br>
<b>Prestige</b> comes from milestones: the first side earns the most, the second less, repeats a little; a miss
costs some. The side with the most prestige at the end wins.<br><br>
<b>Events</b> from history arrive as pop-ups; some ask you to decide. Their effects are spelled out on each
option.<br><br>
<b>Hot-seat.</b> Two players share the machine: after one ends a turn, a neutral screen hides everything until the
other continues.<br><br>
<b>Keyboard shortcuts</b><br>
Enter or E — end the turn (headquarters), continue (other screens)<br>
1 / 2 — programs / missions; 3 / 4 / 5 — news / firsts / rival<br>
Page Up / Page Down, arrows, mouse wheel — scroll the list<br>
Shift + click on + or − — change funding by 5<br>
C — charts; Space — show all turn results at once<br>
Ctrl+S — save or load; F1 or H — this help; Esc — back or main menu<br>
F11 — full screen; Ctrl+Q — quit<br>
1…9 — pick an event option"""


class HelpScene(Scene):
    name = "help"

    def __init__(self, app, back_to=None):
        super().__init__(app)
        self.back_to = back_to

    def build(self) -> None:
        L = self.L
        u, pad = L.u, L.pad
        w = min(L.width - 4 * pad, int(u * 36))
        x = (L.width - w) // 2
        self.label("title", (x, pad, w, int(u * 1.8)), "Help", "#title")
        html = HELP.replace("<br>\n", "<br>").replace("\n", " ")
        self.textbox("text", (x, pad + int(u * 1.9), w, L.height - int(u * 2.9) - 4 * pad), html)
        self.button("back", (x + w - int(u * 5), L.height - u - pad, int(u * 5), u), "Back", "Return (Esc).",
                    self.back, object_id="#accent")

    def back(self) -> None:
        if self.back_to is not None:
            self.app.show(self.back_to)
        else:
            from game.ui.scenes.menu import MainMenuScene

            self.app.show(MainMenuScene(self.app))
