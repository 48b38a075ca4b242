"""Plain words for the game's data: dates, outcomes, statuses and event effects.

Pure functions over a Scenario; nothing here reads the game state.
"""

from __future__ import annotations

from game.rules.tables import OUTCOME_NAMES, STATUS_NAMES
from game.scenario.calendar import format_month

SIDE_NAMES = ("United States", "Soviet Union")
SIDE_SHORT = ("US", "USSR")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def side_name(scenario, side: int) -> str:
    return scenario.meta.get("side", {}).get(("us", "ussr")[side], {}).get("name") or SIDE_NAMES[side]


def month_label(month: float) -> str:
    """"Oct 1957" for an absolute month (year * 12 + month - 1, fractions allowed)."""
    m = int(month)
    return f"{MONTHS[m % 12]} {m // 12}"


def historical_label(date: str | None) -> str:
    """"Oct 1957" for a "YYYY-MM" date, "" for none."""
    if not date:
        return ""
    from game.scenario.calendar import month_of

    return month_label(month_of(date))


def turn_label(scenario, turn: int) -> str:
    """"Autumn 1957" for a turn."""
    return scenario.calendar.season(turn)


def status_name(code: int) -> str:
    return "unknown" if code < 0 else STATUS_NAMES[code]


def outcome_name(code: int) -> str:
    return OUTCOME_NAMES[code]


def _signed(x: float, suffix: str = "") -> str:
    return f"{x:+g}{suffix}"


def _names(scenario, ids) -> str:
    table = {p["id"]: p["name"] for p in scenario.programs} | {m["id"]: m["name"] for m in scenario.missions}
    return ", ".join(table.get(i, i) for i in ids)


def describe_effects(scenario, effects: dict | None) -> list[str]:
    """Each effect of an event or option as a short phrase ("yearly budget +15")."""
    if not effects:
        return []
    progs = {p["id"]: p["name"] for p in scenario.programs}
    events = {e["id"]: e["title"] for e in scenario.events}
    out = []
    if effects.get("budget"):
        out.append(f"yearly budget {_signed(effects['budget'])}")
    if effects.get("cash"):
        out.append(f"money now {_signed(effects['cash'])}")
    if effects.get("prestige"):
        out.append(f"prestige {_signed(effects['prestige'])}")
    if effects.get("research"):
        out.append(f"research speed {_signed(round(effects['research'] * 100), '%')}")
    for p, d in (effects.get("reliability") or {}).items():
        out.append(f"{progs.get(p, p)} reliability {_signed(round(d * 100), ' points')}")
    for p, d in (effects.get("cost") or {}).items():
        out.append(f"{progs.get(p, p)} flights {abs(round(d * 100))}% {'dearer' if d > 0 else 'cheaper'}")
    if effects.get("unlock"):
        out.append(f"makes available: {_names(scenario, effects['unlock'])}")
    if effects.get("cancel"):
        out.append(f"cancels: {_names(scenario, effects['cancel'])}")
    for p, t in (effects.get("ground") or {}).items():
        out.append(f"grounds {progs.get(p, p)} for {t} turn{'s' if t != 1 else ''}")
    for e, d in (effects.get("fire") or {}).items():
        out.append(f"leads to \"{events.get(e, e)}\" in {d} turn{'s' if d != 1 else ''}")
    if effects.get("set_flags") or effects.get("clear_flags"):
        out.append("changes what may happen later")
    return out


def effects_sentence(scenario, effects: dict | None) -> str:
    parts = describe_effects(scenario, effects)
    return "; ".join(parts) if parts else "no direct effect"


__all__ = ["SIDE_NAMES", "SIDE_SHORT", "describe_effects", "effects_sentence", "format_month", "historical_label",
           "month_label", "outcome_name", "side_name", "status_name", "turn_label"]
