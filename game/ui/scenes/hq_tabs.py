"""Headquarters' tabs: which tabs a side's headquarters has, their buttons, and the right-hand panel's text
for the tab chosen. The left tabs list programs, missions or operations (operations only when the scenario
has some); the right tabs show news, firsts, the rival, records (when the scenario has some) and, when
watching two AI seats, their reasons."""

from __future__ import annotations

from game.ui.scenes import panels
from game.ui.scenes.reasons import reasons_html
from game.ui.scenes.records_text import records_html

LEFT_TABS = ("programs", "missions", "operations")
RIGHT_TABS = ("news", "firsts", "rival", "records")
LEFT_KEYS = {"programs": "1", "missions": "2", "operations": "O"}
TITLES = {"news": "News", "firsts": "Firsts", "rival": "Rival", "records": "Records", "reasons": "Reasons"}
TIPS = {"news": "What happened: events and last turn's launches",
        "firsts": "The timeline of firsts: who, what and when, beside history",
        "rival": "Intelligence on the rival: what is public and what your spies estimate",
        "records": "Records: the bests so far, who holds them and which of your missions would beat them",
        "reasons": "Why each AI gave its orders this turn, side by side"}


def tabs_of(rules, spectator: bool) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(left tabs, right tabs) of a headquarters for a scenario's rules."""
    left = LEFT_TABS if rules.n_operations else LEFT_TABS[:2]
    right = RIGHT_TABS if rules.n_records else RIGHT_TABS[:3]
    return left, right + (("reasons",) if spectator else ())


def build_tabs(hq, top: int) -> None:
    """The tab buttons of headquarters `hq` (a HeadquartersScene) on the row at `top`, and the launch pads' label
    after the left ones."""
    L = hq.L
    u, pad = L.u, L.pad
    tw = int(u * 4.2)
    for i, tab in enumerate(hq.left_tabs):
        n = len(hq.left_items(tab)) if tab != "operations" else hq.own_running()
        hq.button(f"tab_{tab}", (hq.left_rect.x + i * (tw + pad // 2), top, tw, u), f"{tab.title()} ({n})",
                  f"Show your {tab} ({LEFT_KEYS[tab]}).", lambda t=tab: hq.set_left(t),
                  object_id="#toggled" if tab == hq.left_tab else None)
    x = hq.left_rect.x + len(hq.left_tabs) * (tw + pad // 2)
    hq.label("pads", (x + pad, top, hq.left_rect.right - x - pad, u), "", "#small",
             tip="Launch pads limit how many missions you can launch each turn.")
    tw2 = int(hq.right_rect.w / len(hq.right_tabs)) - pad // 2
    for i, tab in enumerate(hq.right_tabs):
        hq.button(f"tab_{tab}", (hq.right_rect.x + i * (tw2 + pad // 2), top, tw2, u), TITLES[tab],
                  f"{TIPS[tab]} ({i + 3}).", lambda t=tab: hq.set_right(t),
                  object_id="#toggled" if tab == hq.right_tab else None)


def right_html(hq) -> str:
    """The right-hand panel's text for the tab `hq` shows."""
    if hq.right_tab == "reasons":
        return reasons_html(hq.flow)
    if hq.right_tab == "news":
        return panels.news_html(hq.session, hq.side)
    if hq.right_tab == "firsts":
        return panels.firsts_html(hq.session, hq.side)
    if hq.right_tab == "records":
        return records_html(hq.session, hq.side)
    return panels.rival_html(hq.session, hq.side)


__all__ = ["LEFT_TABS", "RIGHT_TABS", "build_tabs", "right_html", "tabs_of"]
