"""Save files: written atomically, read whatever format and scenario version they were made with.

    save_game(session, path); session = load_game(path)
    loaded = open_save(path)            # .session, .changes (what the scenario changed), .notes

A save (format 3, game.session.save_format; table in docs/SAVES.md) holds the game itself: every
State array by name, with ids for the programs, missions, milestones, events and flags they index,
the session around it (seats, names, digests, chart history, sealed orders) and the order log.
Loading RESTORES that state; it never depends on replaying:

- when the scenario is the one saved (same content hash), the state comes back bit for bit, and the
  order log is replayed from the seed as a check; a replay that does not reach the saved game
  (another computer's arithmetic, rules changed by a newer game) is a note, never a failure;
- when the scenario has changed since (a newer shipped version, a modder's edit), the game is read
  onto the scenario as it is now, matched by id (game.session.save_state): what is gone is dropped,
  what is new starts as in a new game; `changes` lists what changed (game.session.scenario_diff);
- saves of formats 1 and 2 (0.2.0, 0.2.1) are migrated first (game.session.save_migrate).

Every failure is a SaveError subclass whose str() is one line for a person: a damaged or foreign
file, a newer format, a scenario that is not installed. Loading never writes anything; writing goes
to a temporary file in the same folder that replaces the target only once it is complete on disk.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

from game.session.game import GameSession
from game.session.paths import autosave_dir
from game.session.save_files import MAX_BYTES, latest_autosave, list_saves, read_header, write_atomic
from game.session.save_format import (
    FORMAT,
    FORMAT_VERSION,
    SUFFIX,
    CorruptSaveError,
    IncompatibleSaveError,
    SaveError,
    ScenarioChangedError,
    save_data,
)
from game.session.save_migrate import migrate
from game.session.save_restore import Loaded, restore
from game.session.save_session import orders_from_json, orders_to_json

AUTOSAVES_KEPT = 8

__all__ = ["AUTOSAVES_KEPT", "FORMAT", "FORMAT_VERSION", "MAX_BYTES", "SUFFIX", "CorruptSaveError",
           "IncompatibleSaveError", "Loaded", "SaveError", "ScenarioChangedError", "autosave", "describe_save",
           "latest_autosave", "list_saves", "load_game", "open_save", "orders_from_json", "orders_to_json",
           "read_header", "save_data", "save_game", "write_atomic"]


def save_game(session: GameSession, path: str | Path) -> Path:
    """Save atomically to `path` (".save" added when it has no suffix). Raises SaveError on I/O failure."""
    path = Path(path)
    if not path.suffix:
        path = path.with_suffix(SUFFIX)
    try:
        write_atomic(path, json.dumps(save_data(session), separators=(",", ":")))
    except OSError as exc:
        raise SaveError(f"cannot write {path}: {exc.strerror or exc}") from None
    return path


def autosave(session: GameSession, folder: Path | None = None, keep: int = AUTOSAVES_KEPT) -> Path:
    """Write an autosave and delete the oldest autosaves beyond `keep` (never any other file)."""
    folder = Path(folder or autosave_dir())
    stamp = time.strftime("%Y%m%d-%H%M%S")
    sealed = "".join("ab"[s] for s in (0, 1) if session.sealed[s] is not None)
    path = folder / f"autosave-{stamp}-{time.monotonic_ns() % 1000000:06d}-t{session.turn:03d}{sealed}{SUFFIX}"
    save_game(session, path)
    for old in list_saves(folder, autosaves=True)[keep:]:
        try:
            old.unlink()
        except OSError:
            pass
    return path


# --- reading -----------------------------------------------------------------------------------------------
def _scenario_now(path: Path, sc: dict):
    """The save's scenario as it is today: the folder it was loaded from, else by id. Raises IncompatibleSaveError."""
    from game.scenario import ScenarioError, load, resolve

    sid = sc["id"]
    folder = sc.get("folder") if isinstance(sc.get("folder"), str) else ""
    where = folder if folder and resolve(folder).is_dir() else sid
    if not resolve(where).is_dir():
        raise IncompatibleSaveError(f"{path.name} needs scenario '{sid}', which is not installed")
    try:
        return load(where)
    except ScenarioError as exc:
        first = exc.diagnostics[0].format() if getattr(exc, "diagnostics", None) else str(exc)
        raise IncompatibleSaveError(f"{path.name}: its scenario '{sid}' now has errors ({first})") from None


def open_save(path: str | Path) -> Loaded:
    """Load a save of any format onto its scenario as it is now (see the module docstring). Raises SaveError."""
    path = Path(path)
    data = read_header(path)
    if not isinstance(data.get("scenario"), dict) or not isinstance(data["scenario"].get("id"), str):
        raise CorruptSaveError(f"{path.name} is damaged: its scenario is not named")
    current = _scenario_now(path, data["scenario"])
    notes, migrated = [], data["format_version"] < FORMAT_VERSION
    if migrated:
        data, _, notes = migrate(path, data, current)
    loaded = restore(path, data, current, check_log=not migrated)
    loaded.notes[:0] = notes
    return loaded


def load_game(path: str | Path) -> GameSession:
    """The game of a save (open_save without its lists). Raises SaveError."""
    return open_save(path).session


def describe_save(path: str | Path) -> str:
    """The one-line summary of a save (scenario, date, turn of turns, seats with names, seed, prestige), then a
    line listing what changed in its scenario since, if anything did, and a line per note of the load. Loads
    it fully, so it is checked. Shows only what both sides may see."""
    from game.session.describe import side_name, turn_label

    loaded = open_save(path)
    session = loaded.session
    sc = session.scenario
    t = min(session.turn, sc.rules.n_turns - 1)
    status = "game over" if session.is_over else f"turn {session.turn + 1} of {sc.rules.n_turns}"
    seats = ", ".join(f"{side_name(sc, s)}: {session.seats[s].label()}"
                      + (f" '{session.names[s]}'" if session.names[s] else "") for s in (0, 1))
    p = session.state.prestige[0]
    line = (f"{Path(path).name}: scenario '{sc.name}' ({sc.id} {sc.meta['scenario'].get('version', '')}), "
            f"{turn_label(sc, t)} ({status}); {seats}; seed {session.seed}; prestige US {p[0]:.0f}, "
            f"USSR {p[1]:.0f}")
    if loaded.changes:
        line += "\nchanged since the save: " + "; ".join(loaded.changes)
    return line + "".join(f"\nnote: {n}" for n in loaded.notes)
