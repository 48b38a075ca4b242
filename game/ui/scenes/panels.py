"""Texts and small drawings shared by the screens, built from one side's
Observation (and the public scenario data) only.
"""

from __future__ import annotations

import math

import numpy as np
import pygame

from game.rules.observe import UNKNOWN
from game.rules.tables import (
    AVAILABLE,
    CANCELLED,
    CREW_LOST,
    DEVELOPING,
    FAILURE,
    GROUNDED,
    LOCKED,
    PARTIAL,
    READY,
    SUCCESS,
)
from game.session.checker import grounded_label, money, program_blocker
from game.session.describe import SIDE_SHORT, historical_label, month_label, side_name
from game.session.plan import missing_prerequisites, mission_cost, stakes, step_chances, useful_funding
from game.ui.fonts import draw_text
from game.ui.markers import draw_side_marker
from game.ui.scene import coloured, escape
from game.ui.scenes.records_text import (
    mission_extras,
    mission_extras_tip,
    operation_news,
    record_news,
    rival_operations_html,
)
from game.ui.theme import palette, side_colour

OUTCOME_WORDS = {SUCCESS: "success", PARTIAL: "partial success", FAILURE: "failure", CREW_LOST: "CREW LOST",
                 5: "scrubbed (could not fly)"}
STEP_MARKS = {"passed": "ok", "failed": "FAILED", "not flown": "not flown"}


def side_tag(side: int) -> str:
    """The side's short label in bold and in its colour (the label, not the colour, tells the sides apart)."""
    return f"<b>{coloured(SIDE_SHORT[side], side_colour(side, text=True))}</b>"


def muted(text: str) -> str:
    return coloured(text, palette()["muted"])


# --- programs and missions -----------------------------------------------------------------------------------
def program_subline(scenario, obs, p: int) -> str:
    prog = scenario.programs[p]
    status = int(obs.status[0, p])
    word = {READY: "ready", GROUNDED: "GROUNDED", DEVELOPING: "developing", AVAILABLE: "can be started",
            LOCKED: "locked", CANCELLED: "cancelled"}.get(status, "?")
    extra = ""
    if status == GROUNDED:
        word = "GROUNDED" + grounded_label(scenario, obs, p)[len("grounded"):]
    if status in (READY, GROUNDED):
        extra = f" · flight {money(prog['flight_cost'] * float(obs.cost_mult[0, p]))}"
    elif status in (AVAILABLE, DEVELOPING):
        extra = f" · costs {money(prog['start_cost'])} over {prog.get('dev_turns', 1)}+ turns"
    elif status == LOCKED:
        why = program_blocker(scenario, obs, p)
        extra = " · " + why.split(" ", len(prog["name"].split()))[-1] if why else ""
    return f"{prog['kind']} · {word}{extra}"


def program_tip(scenario, obs, p: int) -> str:
    rules = scenario.rules
    prog = scenario.programs[p]
    status = int(obs.status[0, p])
    lines = [f"<b>{escape(prog['name'])}</b> ({escape(prog['kind'])})", escape(prog.get("description", ""))]
    lines.append(f"Development {money(prog['start_cost'])} (at most {money(rules.dev_cap[p])} a turn); "
                 f"flight {money(prog['flight_cost'])}; research {money(prog['research_cost'])} a turn buys fast "
                 f"progress up to {prog['research_cap']:.0%}.")
    if prog.get("crew"):
        lines.append(f"Seats {prog['crew']}.")
    if status in (READY, GROUNDED):
        lines.append(f"Your estimate of its reliability: {float(obs.estimate[0, p]):.0%} ± "
                     f"{float(obs.estimate_sd[0, p]) * 100:.0f} points (it sharpens with research and flights).")
    blocker = program_blocker(scenario, obs, p)
    if blocker:
        lines.append(escape(blocker) + ".")
    cap = useful_funding(rules, obs, p)
    if cap > 0:
        lines.append(f"It can use up to {money(cap)} this turn.")
    if status == GROUNDED:
        lines.append(f"{escape(grounded_label(scenario, obs, p)).capitalize()} (after a crew loss or by an event): "
                     "missions that need it cannot fly before then; you can still fund its research.")
    return "<br>".join(x for x in lines if x)


def mission_subline(scenario, obs, m: int, blockers: list[str]) -> str:
    rules = scenario.rules
    if blockers:
        return "Cannot fly: " + "; ".join(blockers)
    parts = []
    names = {k: scenario.milestones[k]["name"] for k in range(rules.n_milestones)}
    won = stakes(rules, obs, m)  # new milestones first, then records and operations, then repeats
    parts += [f"{names[k]}: {kind} {pts:+g}" for k, kind, pts in won if kind != "repeat"]
    parts += mission_extras(scenario, obs, m)
    parts += [f"{names[k]}: {kind} {pts:+g}" for k, kind, pts in won if kind == "repeat"]
    missing = missing_prerequisites(rules, obs, m)
    if missing:
        parts.append(f"skipping {len(missing)} milestone(s): −{rules.skip_penalty * len(missing):.0%} a step")
    return " · ".join(parts) or "earns no milestone"


def mission_tip(scenario, obs, m: int, blockers: list[str]) -> str:
    rules = scenario.rules
    mis = scenario.missions[m]
    lines = [f"<b>{escape(mis['name'])}</b>" + (f" — crew {mis['crew']}" if mis.get("crew") else ""),
             escape(mis.get("description", ""))]
    progs = {p["id"]: p["name"] for p in scenario.programs}
    firsts = {ms["id"]: ms["name"] for ms in scenario.milestones}
    chances = step_chances(rules, obs, m)
    rushed = step_chances(rules, obs, m, rush=True)
    for st, c, cr in zip(mis["steps"], chances, rushed, strict=True):
        earns = ", ".join(escape(firsts[e]) for e in st.get("earns", []))  # ids checked by the validator
        earn = f" » {earns}" if earns else ""
        lines.append(f"• {escape(st['name'])} ({escape(progs.get(st['program'], st['program']))}): {c:.0%}, "
                     f"rushed {cr:.0%}{earn}")
    lines.append(f"Cost per flight {money(mission_cost(rules, obs, m))}; rushing flies early in the turn at "
                 f"−{rules.rush_penalty:.0%} per step.")
    for k, kind, pts in stakes(rules, obs, m):
        ms = scenario.milestones[k]
        miss = f"a miss {ms['prestige'].get('failure', 0):+g}"
        if kind == "repeat":  # the first and second are gone: what a repeat pays is all that counts
            lines.append(f"{escape(ms['name'])}: a repeat, {pts:+g} prestige ({miss}).")
            continue
        lines.append(f"{escape(ms['name'])}: you would be {kind}, {pts:+g} prestige "
                     f"(first {ms['prestige']['first']:+g} / second {ms['prestige']['second']:+g} / repeat "
                     f"{ms['prestige']['repeat']:+g}; {miss}).")
    lines += mission_extras_tip(scenario, obs, m)
    missing = missing_prerequisites(rules, obs, m)
    if missing:
        lines.append("Skipping " + ", ".join(escape(scenario.milestones[k]["name"]) for k in missing)
                     + f": −{rules.skip_penalty:.0%} per step for each.")
    if blockers:
        lines.append("Cannot fly now: " + escape("; ".join(blockers)) + ".")
    return "<br>".join(x for x in lines if x)


# --- right-hand panels ---------------------------------------------------------------------------------------
def event_line(scenario, e: int) -> str:
    ev = scenario.events[e]
    who = {"us": side_tag(0), "ussr": side_tag(1), "both": "World"}.get(ev["who"], "")
    return f"{who} <b>{escape(ev['title'])}</b><br>{muted(escape(_first_sentence(ev['text'])))}"


def _first_sentence(text: str) -> str:
    text = " ".join(text.split())
    cut = text.find(". ")
    return text if cut < 0 or cut > 200 else text[:cut + 1]


def crew_names(rules, crew, full: bool = False) -> str:
    """"Borman and Lovell" (full: "Frank Borman and Jim Lovell") for a crew's person indices."""
    names = [rules.person_names[n] if full else rules.person_names[n].split()[-1] for n in crew]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1] if names else ""


def launch_line(scenario, x) -> str:
    mis = scenario.missions[x.mission]
    marks = " · ".join(f"{escape(s.name)} {STEP_MARKS[s.state]}" for s in x.steps)
    word = OUTCOME_WORDS.get(x.outcome, "?")
    colour = palette()["good"] if x.outcome == SUCCESS else palette()["bad"]
    crew = f" ({escape(crew_names(scenario.rules, x.crew, full=x.crew_lost))})" if x.crew else ""
    return (f"{month_label(x.month)} {side_tag(x.side)} {escape(mis['name'])}{crew}: {coloured(word, colour)}"
            f"<br>{muted(marks)}")


def news_html(session, side: int) -> str:
    sc = session.scenario
    obs = session.observation(side)
    rep = session.last_report(side)
    out = ["<b>This turn</b>"]
    news = [int(e) for e in np.flatnonzero(obs.news[0])]
    out += [event_line(sc, e) for e in news] or [muted("No news.")]
    if rep.turn >= 0:
        out.append("<br><b>Last turn's launches</b>")
        out += [launch_line(sc, x) for x in rep.launches] or [muted("No launches that we know of.")]
        if rep.firsts:
            out.append("<br><b>Firsts</b>")
            for k, s, mth in rep.firsts:
                out.append(f"{month_label(mth)} {side_tag(s)} {escape(sc.milestones[k]['name'])}")
        records, operations = record_news(sc, rep), operation_news(sc, rep)
        if records or operations:
            out.append("<br><b>Records and operations</b>")
            out += records + operations
    return "<br>".join(out)


def firsts_html(session, side: int) -> str:
    sc = session.scenario
    obs = session.observation(side)
    firsts = [(float(obs.first_month[0, k]), k) for k in range(sc.rules.n_milestones) if obs.first_side[0, k] >= 0]
    out = ["<b>Firsts so far</b>"]
    for mth, k in sorted(firsts):
        hist = historical_label(sc.milestones[k].get("historical"))
        out.append(f"{month_label(mth)} {side_tag(int(obs.first_side[0, k]))} "
                   f"{escape(sc.milestones[k]['name'])}" + (f" {muted('(history: ' + hist + ')')}" if hist else ""))
    if not firsts:
        out.append(muted("Nobody has achieved anything yet."))
    out.append("<br><b>Still open</b>")
    for k in range(sc.rules.n_milestones):
        if obs.first_side[0, k] < 0:
            ms = sc.milestones[k]
            p = ms["prestige"]
            hist = historical_label(ms.get("historical"))
            extra = f"· first +{p['first']:g} / second +{p['second']:g}" + (f" · history {hist}" if hist else "")
            out.append(f"{escape(ms['name'])} {muted(extra)}")
    return "<br>".join(out)


def rival_html(session, side: int) -> str:
    sc = session.scenario
    rules = sc.rules
    obs = session.observation(side)
    rival = 1 - side
    out = [f"<b>{escape(side_name(sc, rival))}</b>",
           f"Prestige {obs.prestige[0, rival]:.0f} (yours {obs.prestige[0, side]:.0f})",
           f"Yearly budget: about {money(obs.rival_budget_estimate[0])} {muted('(intelligence estimate, ±15%)')}"]
    held = [k for k in range(rules.n_milestones) if obs.held[0, rival, k]]
    out.append("<br><b>Milestones they hold</b>")
    out.append(", ".join(escape(sc.milestones[k]["name"]) for k in held) if held else muted("none"))
    seen = [p for p in np.flatnonzero(rules.prog_side == rival) if int(obs.status[0, p]) != UNKNOWN]
    out.append("<br><b>Hardware seen flying</b>")
    out.append(", ".join(escape(sc.programs[p]["name"]) for p in seen) if seen else muted("none yet"))
    rep = session.last_report(side)
    theirs = [x for x in rep.launches if x.side == rival]
    out.append("<br><b>Their launches last turn</b>")
    out += [launch_line(sc, x) for x in theirs] or [muted("none that we know of")]
    out += rival_operations_html(session, side)
    if rules.secret_failures[rival]:
        out.append(muted("They keep their uncrewed failures secret."))
    return "<br>".join(out)


# --- drawings ------------------------------------------------------------------------------------------------
def draw_prestige(surf, rect: pygame.Rect, prestige, L) -> None:
    pal = palette()
    size = L.font(13)
    draw_text(surf, "Prestige", (rect.x, rect.y), size, pal["muted"])
    top = max(1.0, float(max(abs(prestige[0]), abs(prestige[1]))))
    bar_h = max(6, L.u // 3)
    for s in (0, 1):
        y = rect.y + int(L.u * 0.75) + s * (bar_h + L.pad // 2 + 2)
        label = f"{SIDE_SHORT[s]} {prestige[s]:.0f}"
        mark = max(8, bar_h + 2)
        draw_side_marker(surf, s, (rect.x + mark // 2, y + bar_h // 2), mark)
        tr = draw_text(surf, label, (rect.x + mark + L.pad // 2, y - 3), size, side_colour(s, text=True), bold=True)
        x0 = rect.x + mark + L.pad // 2 + max(tr.w, L.u * 2) + L.pad
        w = max(4, rect.right - x0)
        pygame.draw.rect(surf, pal["grid"], (x0, y, w, bar_h))
        pygame.draw.rect(surf, side_colour(s), (x0, y, int(w * max(0.0, float(prestige[s])) / top), bar_h))


def draw_spinner(surf, centre, L, frame: int, text: str) -> None:
    pal = palette()
    r = max(6, L.u // 3)
    for i in range(8):
        a = 2 * math.pi * i / 8
        shade = 80 + int(175 * (((i - frame // 4) % 8) / 7))
        pygame.draw.circle(surf, (shade, shade, shade), (int(centre[0] + r * math.cos(a)),
                                                         int(centre[1] + r * math.sin(a))), max(2, r // 4))
    draw_text(surf, text, (centre[0] + r + L.pad, centre[1]), L.font(13), pal["text"], anchor="midleft")


__all__ = ["crew_names", "news_html", "firsts_html", "rival_html", "program_tip", "program_subline", "mission_tip",
           "mission_subline", "draw_prestige", "draw_spinner", "launch_line", "event_line", "OUTCOME_WORDS",
           "STEP_MARKS", "side_tag", "muted", "DEVELOPING", "AVAILABLE"]
