"""Help: how to play, when the game asks before ending a turn, and every key of every screen (read from
game/ui/keys.py, the table the screens dispatch through)."""

from __future__ import annotations

from game.ui import keys
from game.ui.scene import Scene, escape
from game.ui.scenes.confirm import THIN_TURN_SHARE

HELP = """<b>How to play</b><br>
You lead the space program of the United States or the Soviet Union. Every turn (two a year) both sides give
their orders in secret; then the turn resolves for both at once, and every launch gets a date, so the first to
achieve a milestone is decided by the calendar, as in history.<br><br>
<b>Money.</b> Your yearly budget is paid out each turn. Unspent money carries over, up to the
scenario's cap (half a year or a year of budget in the shipped scenarios); the rest is lost, and some scenarios
also cut part of it from next year's budget. Prestige you earn raises next year's budget; a long run of bad years
can get your leadership fired, and you lose.<br><br>
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
<b>Records</b> (the longest stay in space, say) can be beaten again and again: each new best pays its prestige
to the side that sets it. The Records tab (R) lists them and which of your missions would beat them.<br><br>
<b>Operations</b> (a crewed station, a rover on the Moon, a probe in orbit) are started by a mission's full
success and then run for some turns: each turn they pay a little prestige and cost upkeep, paid after launches
and before programs. On the Operations tab (O) you keep or stop each one; one whose upkeep cannot be paid
ends.<br><br>
<b>Events</b> from history arrive as pop-ups; some ask you to decide. Their effects are spelled out on each
option.<br><br>
<b>Hot-seat.</b> Two players share the machine: after one ends a turn, a neutral screen hides everything until the
other continues."""


MOUSE = """<b>Mouse</b><br>
Mouse wheel: scroll a list. Shift + click on + or −: change funding by 5. Hover a name, a figure or a button to
read what it means."""


def asking_html() -> str:
    """When ending a turn asks first (game/ui/scenes/confirm.py holds the rule)."""
    return ("<b>Ending a thin turn.</b> When you end a turn that funds nothing and launches nothing, or that "
            f"leaves more than {THIN_TURN_SHARE:.0%} of your money unspent, the game asks once whether you "
            "meant to. Tick \"Don't ask again\" (or turn it off in Settings) to stop the question.")


def keys_html() -> str:
    """Every key binding, grouped by screen, as help shows them."""
    parts = ["<b>Keyboard, on every screen</b><br>"
             + "<br>".join(f"{escape(b.keys)} — {escape(b.text)}" for b in keys.EVERYWHERE),
             "<b>With a control focused (Tab)</b><br>"
             + "<br>".join(f"{escape(b.keys)} — {escape(b.text)}" for b in keys.FOCUSED)]
    for title, bindings in keys.SCREENS.values():
        parts.append(f"<b>{escape(title)}</b><br>"
                     + "<br>".join(f"{escape(b.keys)} — {escape(b.text)}" for b in bindings))
    return "<br><br>".join(parts)


def help_html() -> str:
    """The whole help text."""
    body = HELP.replace("<br>\n", "<br>").replace("\n", " ")
    return "<br><br>".join([body, asking_html(), keys_html(), MOUSE.replace("<br>\n", "<br>").replace("\n", " ")])


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
        self.textbox("text", (x, pad + int(u * 1.9), w, L.height - int(u * 2.9) - 4 * pad), help_html())
        self.button("back", (x + w - int(u * 5), L.height - u - pad, int(u * 5), u), "Back", "Return (Esc).",
                    self.back, object_id="#accent")

    def scroll_down(self) -> None:
        self._scroll(1)

    def scroll_up(self) -> None:
        self._scroll(-1)

    def _scroll(self, pages: int) -> None:
        """Move the text by a third of its box."""
        bar = self.widgets["text"].scroll_bar
        if bar is not None:
            bar.set_scroll_from_start_percentage(min(1.0, max(0.0, bar.start_percentage + pages * 0.3 *
                                                                bar.visible_percentage)))

    def back(self) -> None:
        if self.back_to is not None:
            self.app.show(self.back_to)
        else:
            from game.ui.scenes.menu import MainMenuScene

            self.app.show(MainMenuScene(self.app))
