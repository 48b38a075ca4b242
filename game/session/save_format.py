"""Save format 3: the game itself (its state by field and id), the session around it, and the order log.

docs/SAVES.md has the field-by-field table. In short, one JSON object:

    {"format": "spacerace-save", "format_version": 3, "game_version",
     "scenario": {"id", "name", "version", "hash", "folder"}, "scenario_digest": {...},
     "seed", "seats", "names", "turn", "summary": {...},
     "state": {"ids", "axes", "fields"}, "checksum",
     "reports": [[us...], [ussr...]], "history": [[us...], [ussr...]], "sealed": [us|null, ussr|null],
     "orders": [turn, ...], "log_replays", "probe"}

`save_data` writes it, `check_v3` checks its shape when reading. Every failure is a SaveError subclass
whose str() is one line for a person.
"""

from __future__ import annotations

import time
from pathlib import Path

from game import __version__
from game.session.probe import machine_probe
from game.session.save_session import orders_to_json, report_to_json, sides_to_json, snapshot_to_json
from game.session.save_state import checksum, state_to_json, stored_rows
from game.session.scenario_diff import scenario_digest

FORMAT = "spacerace-save"
FORMAT_VERSION = 3
SUFFIX = ".save"


class SaveError(Exception):
    """A save that cannot be written or read; str() is one plain line."""


class CorruptSaveError(SaveError):
    """Not a save, truncated or damaged."""


class IncompatibleSaveError(SaveError):
    """A real save this game cannot use (a newer format, a scenario that is not installed or has errors)."""


class ScenarioChangedError(IncompatibleSaveError):
    """Kept for callers of 0.2.1: a changed scenario no longer stops a load, so nothing raises it."""


def public_summary(session) -> dict:
    """What the load screen shows without loading: only what both sides may see."""
    from game.session.describe import turn_label

    rules = session.rules
    p = session.state.prestige[0]
    return {"date": turn_label(session.scenario, min(session.turn, rules.n_turns - 1)), "turn": session.turn,
            "turns": rules.n_turns, "prestige": [round(float(p[0]), 1), round(float(p[1]), 1)],
            "over": session.is_over, "saved_at": time.strftime("%Y-%m-%d %H:%M")}


def scenario_header(scenario) -> dict:
    """{"id", "name", "version", "hash", "folder"}; folder is "" for a shipped scenario (found by id)."""
    from game.scenario import BUILTIN_DIR

    folder = Path(scenario.folder).resolve()
    shipped = folder.parent == BUILTIN_DIR.resolve()
    return {"id": scenario.id, "name": scenario.name, "version": str(scenario.meta["scenario"].get("version", "")),
            "hash": scenario.rules.content_hash, "folder": "" if shipped else str(folder)}


def save_data(session) -> dict:
    """The format 3 save of a session as a JSON-ready dict."""
    rules = session.rules
    return {
        "format": FORMAT, "format_version": FORMAT_VERSION, "game_version": __version__,
        "scenario": scenario_header(session.scenario), "scenario_digest": scenario_digest(session.scenario),
        "seed": session.seed, "seats": [s.name for s in session.seats], "names": list(session.names),
        "turn": session.turn, "summary": public_summary(session),
        "state": state_to_json(rules, session.state), "checksum": checksum(stored_rows(session.state)),
        "reports": sides_to_json(rules, session.reports, report_to_json),
        "history": sides_to_json(rules, session.history, snapshot_to_json),
        "sealed": [None if o is None else orders_to_json(rules, o) for o in session.sealed],
        "orders": [orders_to_json(rules, o) for o in session.log],
        "log_replays": bool(session.log_replays), "probe": machine_probe(rules),
    }


def _need(name: str, data: dict, kinds: dict) -> None:
    for key, kind in kinds.items():
        if not isinstance(data.get(key), kind) or (kind is int and isinstance(data.get(key), bool)):
            raise CorruptSaveError(f"{name} is damaged: '{key}' is missing or malformed")


def check_common(name: str, data: dict) -> None:
    """What every format has: scenario, seed, two seats and names, the turn, the order log, sealed orders."""
    _need(name, data, {"scenario": dict, "seed": int, "seats": list, "names": list, "turn": int, "orders": list,
                       "sealed": list})
    sc = data["scenario"]
    if not all(isinstance(sc.get(k), str) for k in ("id", "hash")):
        raise CorruptSaveError(f"{name} is damaged: its scenario is not named")
    if len(data["seats"]) != 2 or len(data["names"]) != 2 or len(data["sealed"]) != 2:
        raise CorruptSaveError(f"{name} is damaged: it does not have two sides")
    if len(data["orders"]) != data["turn"]:
        raise CorruptSaveError(f"{name} is damaged: {len(data['orders'])} turns of orders for turn {data['turn']}")


def check_v3(name: str, data: dict) -> None:
    """The shape of a format 3 save. Raises CorruptSaveError."""
    check_common(name, data)
    _need(name, data, {"state": dict, "checksum": str, "reports": list, "history": list, "scenario_digest": dict})
    for key in ("reports", "history"):
        if len(data[key]) != 2 or not all(isinstance(x, list) and x for x in data[key]):
            raise CorruptSaveError(f"{name} is damaged: its '{key}' is not one list per side")
