"""Headquarters' operations tab: the side's own operations (running ones first, each with a Keep/Stop
toggle that sets the turn's `stop` order) and the rival's operations seen running.

For the rival only what is public is shown (that it runs, and for how many months); the turns an
operation has left are the owner's alone (the Observation holds 0 for the rival's).
"""

from __future__ import annotations

import numpy as np
import pygame

from game.session.checker import money
from game.session.describe import SIDE_SHORT
from game.ui.fonts import fit_text
from game.ui.pictures import mission_picture, program_picture
from game.ui.scene import escape
from game.ui.scenes.records_text import amount, months_text, starting_missions

# the kinds of program that picture each kind of operation, best first
PICTURED_BY = {"station": ("station",), "rover": ("rover", "lander"), "orbiter": ("probe",),
               "other": ("probe", "lander", "satellite", "station", "rover")}


def operation_order(rules, obs, side: int) -> list[int]:
    """The operations listed: the side's own, those running first (by index), then the rival's seen running."""
    own = [int(op) for op in np.flatnonzero(rules.op_side == side)]
    running = [op for op in own if obs.op_running[0, op]]
    idle = [op for op in own if not obs.op_running[0, op]]
    rival = [int(op) for op in np.flatnonzero((rules.op_side != side) & obs.op_running[0])]
    return running + idle + rival


def operation_subline(scenario, obs, plan, op: int) -> str:
    """The row's second line: kind, months run, turns left, upkeep and prestige a turn (own), or what is public
    of the rival's."""
    rules = scenario.rules
    kind = scenario.operations[op].get("kind", "other")
    running = bool(obs.op_running[0, op])
    months = months_text(int(obs.op_months[0, op]))
    if rules.op_side[op] != obs.side:
        return f"theirs ({SIDE_SHORT[int(rules.op_side[op])]}) · {kind} · running {months}"
    terms = f"upkeep {money(rules.op_upkeep[op])} · {float(rules.op_prestige[op]):+g} prestige a turn"
    if not running:
        starts = starting_missions(scenario, op)
        names = ", ".join(scenario.missions[m]["name"] for m in starts)
        by = f"started by {names}" if starts else "nothing starts it"
        return f"{kind} · not running · {terms} · {by}"
    left = int(obs.op_left[0, op])
    if op in plan.stops:
        return f"{kind} · ran {months} · STOPPING this turn · saves {money(rules.op_upkeep[op])}"
    return f"{kind} · ran {months} · {left} turn{'s' if left != 1 else ''} left · {terms}"


def operation_tip(scenario, obs, op: int) -> str:
    """The row's tooltip (HTML)."""
    rules = scenario.rules
    o = scenario.operations[op]
    own = rules.op_side[op] == obs.side
    lines = [f"<b>{escape(o['name'])}</b> ({escape(o.get('kind', 'other'))}, {SIDE_SHORT[int(rules.op_side[op])]})",
             escape(o.get("description", ""))]
    if obs.op_running[0, op]:
        lines.append(f"Running for {months_text(int(obs.op_months[0, op]))} without a break.")
    if own:
        lines.append(f"Each turn it runs it costs {money(rules.op_upkeep[op])} upkeep (paid after launches, before "
                     f"programs) and pays {float(rules.op_prestige[op]):+g} prestige. A full success of a mission "
                     f"that starts it keeps it running at least {int(rules.op_turns[op])} turn(s).")
        if obs.op_running[0, op]:
            lines.append(f"It has {int(obs.op_left[0, op])} turn(s) left. Stop it to save the upkeep: it ends, and "
                         "only a new mission starts it again. Without the money for its upkeep it ends too.")
        starts = starting_missions(scenario, op)
        if starts:
            lines.append("Started or renewed by: " + ", ".join(escape(scenario.missions[m]["name"]) for m in starts)
                         + ".")
    else:
        lines.append("The rival's: you see that it runs, not how long it has left.")
    r = int(rules.op_record[op])
    if r >= 0:
        rec = scenario.records[r]
        now = float(obs.record_value[0, r])
        lines.append(f"Its months running count for the record <b>{escape(rec['name'])}</b> (now "
                     f"{escape(amount(scenario, r, now)) if now > 0 else 'not set'}).")
    return "<br>".join(x for x in lines if x)


def operation_picture(scenario, op: int, height: int) -> pygame.Surface | None:
    """A picture of what runs: the program of the starting missions that fits the operation's kind best, else
    the first starting mission; None when no mission starts it."""
    starts = starting_missions(scenario, op)
    if not starts:
        return None
    index = {p["id"]: i for i, p in enumerate(scenario.programs)}
    kinds = PICTURED_BY.get(scenario.operations[op].get("kind", "other"), ())
    for kind in kinds:
        for m in starts:
            for st in scenario.missions[m]["steps"]:
                p = index.get(st["program"])
                if p is not None and scenario.programs[p]["kind"] == kind:
                    return program_picture(scenario, p, height)
    return mission_picture(scenario, starts[0], height, beside=True)


def build_operation_row(hq, op: int, r: pygame.Rect) -> None:
    """The widgets of one operation's row on headquarters `hq` (a HeadquartersScene): name, its line, and for
    a running own operation the Keep/Stop toggle."""
    L = hq.L
    u, pad = L.u, L.pad
    sc, obs = hq.scenario, hq.obs
    tip = operation_tip(sc, obs, op)
    bw = int(u * 3)
    tx = r.x + pad + hq.icon_w
    name_w = r.right - pad - bw - pad - tx
    line = int(u * 0.85)
    hq._track(f"op_name_{op}", hq.label(None, (tx, r.y + 2, name_w, line - 2),
                                        fit_text(sc.operations[op]["name"], L.font(15), name_w), tip=tip))
    hq._track(f"op_sub_{op}", hq.label(None, (tx, r.y + line, name_w, u),
                                       fit_text(operation_subline(sc, obs, hq.plan, op), L.font(13), name_w),
                                       "#small", tip=tip))
    if hq.rules.op_side[op] != hq.side or not obs.op_running[0, op]:
        return
    stopping = op in hq.plan.stops
    why = (f"Stopping: it ends this turn and saves {money(hq.rules.op_upkeep[op])}. Press to keep it running."
           if stopping else f"Kept running: it costs {money(hq.rules.op_upkeep[op])} and pays "
                            f"{float(hq.rules.op_prestige[op]):+g} prestige this turn. Press to stop it.")
    hq._track(f"op_stop_{op}", hq.button(f"op_stop_{op}", (r.right - pad - bw, r.y + (r.h - u) // 2, bw, u),
                                         "Stop" if stopping else "Keep", why, lambda: hq.toggle_stop(op),
                                         object_id="#toggled" if stopping else None, enabled=not hq.spectator))


__all__ = ["build_operation_row", "operation_order", "operation_picture", "operation_subline", "operation_tip"]
