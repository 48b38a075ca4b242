"""The AI's reasons for its orders of the turn, side by side, for a person watching two AI seats.

Only the spectator's headquarters shows them (GameFlow.spectating): a person playing never sees a
rival AI's reasons, and hot-seat has no AI.
"""

from __future__ import annotations

from game.session.describe import side_name
from game.ui.scene import escape
from game.ui.scenes.panels import muted, side_tag


def reasons_html(flow) -> str:
    """Each side's reasons for this turn's orders, labelled with the side and its seat; a seat still
    thinking says so, and a seat whose AI gives no reasons (scripted, random) says that plainly."""
    session = flow.session
    sc = session.scenario
    out = []
    for side in (0, 1):
        seat = session.seats[side]
        out.append(f"<b>{side_tag(side)} {escape(side_name(sc, side))}</b> — {escape(seat.label())}")
        worker = flow.workers.get(side)
        if worker is None:
            out.append(muted("Its orders are already sealed."))
        elif not worker.done:
            out.append(muted("Thinking…"))
        elif worker.reasons is None:
            how = "draws its orders at random" if seat.name == "random" else "plays by fixed rules"
            out.append(muted(f"This seat ({seat.name}) {how}: it has no reasons to give."))
        else:
            out += [f"• {escape(line[:1].upper() + line[1:])}" for line in worker.reasons]
        out.append("")
    out.append(muted("Each AI sees only its own side's view of the game, as a player would."))
    return "<br>".join(out)
