"""Save files: a header plus the order log, written atomically; loading replays.

A save is one JSON object:

    {"format": "spacerace-save", "format_version": 2, "game_version": "0.2.1",
     "scenario": {"id", "version", "hash", "folder"}, "seed", "seats", "names",
     "turn", "checksum", "probe", "summary": {...}, "orders": [turn, ...], "sealed": [us|null, ussr|null]}

Orders are written by id ({"funding": {program: money}, "launches": [[side, pad,
mission, rush]], "choices": {event: option}}). Loading re-simulates the order log
from the seed and compares the state checksum stored at save time (a format 1
save, made before the state changed shape in 0.2.1, has a checksum of arrays
this game no longer keeps: its replay is checked against its summary instead:
prestige to a tenth and whether the game was over). "probe" (game.session.probe;
older saves lack it) fingerprints how the saving computer did the rules'
arithmetic: a replay that does not match on a computer with another probe is
reported as made elsewhere, not as damaged. Every failure
is a SaveError subclass whose str() is one line for a person; loading never
writes anything, and writing goes to a temporary file in the same folder that
replaces the target only once it is complete on disk.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from pathlib import Path

import numpy as np

from game import __version__
from game.rules.orders import Orders
from game.session.game import GameSession, OrdersError
from game.session.paths import autosave_dir
from game.session.probe import machine_probe
from game.session.seats import SeatError, make_seat

FORMAT = "spacerace-save"
FORMAT_VERSION = 2
SUFFIX = ".save"
AUTOSAVES_KEPT = 8
MAX_BYTES = 64 * 1024 * 1024


class SaveError(Exception):
    """A save that cannot be written or read; str() is one plain line."""


class CorruptSaveError(SaveError):
    """Not a save, truncated, damaged or not replaying to the saved game."""


class IncompatibleSaveError(SaveError):
    """A real save this game cannot use (newer format, missing scenario)."""


class ScenarioChangedError(IncompatibleSaveError):
    """The save's scenario has changed since it was saved (content hash differs)."""


# --- orders <-> JSON ---------------------------------------------------------------------------------------
def orders_to_json(rules, orders: Orders) -> dict:
    """Orders [B=1] as ids and numbers (only what is set)."""
    f = orders.funding[0]
    funding = {rules.program_ids[p]: float(f[p]) for p in np.flatnonzero(f > 0)}
    launches = [[s, i, rules.mission_ids[int(orders.launch[0, s, i])], bool(orders.rush[0, s, i])]
                for s in (0, 1) for i in range(rules.max_pads) if orders.launch[0, s, i] >= 0]
    c = orders.choice[0]
    choices = {rules.event_ids[e]: int(c[e]) for e in np.flatnonzero(c >= 0)}
    return {"funding": funding, "launches": launches, "choices": choices}


def orders_from_json(rules, data: dict) -> Orders:
    """Inverse of orders_to_json. Raises CorruptSaveError on unknown ids or bad shapes."""
    o = Orders.empty(rules, 1)
    try:
        for pid, money in data["funding"].items():
            o.funding[0, rules.program_ids.index(pid)] = np.float32(money)
        for side, pad, mid, rush in data["launches"]:
            o.launch[0, int(side), int(pad)] = rules.mission_ids.index(mid)
            o.rush[0, int(side), int(pad)] = bool(rush)
        for eid, option in data["choices"].items():
            o.choice[0, rules.event_ids.index(eid)] = int(option)
    except (KeyError, ValueError, TypeError, IndexError, AttributeError) as exc:
        raise CorruptSaveError(f"the order log is damaged ({type(exc).__name__}: {exc})") from None
    return o


# --- writing -----------------------------------------------------------------------------------------------
def save_data(session: GameSession) -> dict:
    """The save of a session as a JSON-ready dict."""
    from game.scenario import BUILTIN_DIR
    from game.session.describe import turn_label

    sc = session.scenario
    rules = sc.rules
    folder = Path(sc.folder).resolve()
    shipped = folder.parent == BUILTIN_DIR.resolve()
    return {
        "format": FORMAT, "format_version": FORMAT_VERSION, "game_version": __version__,
        "scenario": {"id": sc.id, "name": sc.name, "version": str(sc.meta["scenario"].get("version", "")),
                     "hash": rules.content_hash, "folder": "" if shipped else str(folder)},
        "seed": session.seed, "seats": [s.name for s in session.seats], "names": list(session.names),
        "turn": session.turn, "checksum": session.checksum(), "probe": machine_probe(rules),
        "summary": {"date": turn_label(sc, min(session.turn, rules.n_turns - 1)), "turn": session.turn,
                    "turns": rules.n_turns, "prestige": _summary_prestige(session),
                    "over": session.is_over, "saved_at": time.strftime("%Y-%m-%d %H:%M")},
        "orders": [orders_to_json(rules, o) for o in session.log],
        "sealed": [None if o is None else orders_to_json(rules, o) for o in session.sealed],
    }


def write_atomic(path: Path, text: str) -> None:
    """Write `text` to `path` so that it is either the old file or the whole new one, never a mix."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    try:
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    except OSError:
        pass


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


def list_saves(folder: Path, autosaves: bool = False) -> list[Path]:
    """Save files of a folder, newest first (autosaves only, or every .save file)."""
    folder = Path(folder)
    if not folder.is_dir():
        return []
    files = [p for p in folder.glob(f"*{SUFFIX}") if p.is_file() and (not autosaves or p.name.startswith("autosave-"))]
    return sorted(files, key=lambda p: (p.stat().st_mtime_ns, p.name), reverse=True)


def latest_autosave(folder: Path | None = None) -> Path | None:
    saves = list_saves(Path(folder or autosave_dir()), autosaves=True)
    return saves[0] if saves else None


# --- reading -----------------------------------------------------------------------------------------------
def read_header(path: str | Path) -> dict:
    """The parsed save (header and log), checked for shape. Raises a SaveError subclass."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise CorruptSaveError(f"{path.name} is too large to be a save ({size} bytes)")
        raw = path.read_bytes()
    except FileNotFoundError:
        raise SaveError(f"no such save file: {path}") from None
    except IsADirectoryError:
        raise SaveError(f"{path} is a folder, not a save file") from None
    except OSError as exc:
        raise SaveError(f"cannot read {path}: {exc.strerror or exc}") from None
    if not raw.strip():
        raise CorruptSaveError(f"{path.name} is empty")
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise CorruptSaveError(f"{path.name} is not a Space Race save (it is not text)") from None
    except json.JSONDecodeError as exc:
        body = raw.strip()
        if not body.startswith(b"{"):
            raise CorruptSaveError(f"{path.name} is not a Space Race save") from None
        cut = exc.pos >= len(body) - 1 or not body.endswith(b"}") or exc.msg.startswith("Unterminated")
        why = "it is cut short (truncated)" if cut else f"unreadable at line {exc.lineno}, column {exc.colno}"
        raise CorruptSaveError(f"{path.name} is damaged: {why}") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise CorruptSaveError(f"{path.name} is not a Space Race save")
    version = data.get("format_version")
    if not isinstance(version, int):
        raise CorruptSaveError(f"{path.name} is damaged: no format version")
    if version > FORMAT_VERSION:
        raise IncompatibleSaveError(f"{path.name} was made by a newer game ({data.get('game_version', '?')}, "
                                    f"save format {version}; this game {__version__} reads format {FORMAT_VERSION})")
    need = {"scenario": dict, "seed": int, "seats": list, "names": list, "turn": int, "checksum": str,
            "orders": list, "sealed": list}
    for key, kind in need.items():
        if not isinstance(data.get(key), kind):
            raise CorruptSaveError(f"{path.name} is damaged: '{key}' is missing or malformed")
    sc = data["scenario"]
    if not all(isinstance(sc.get(k), str) for k in ("id", "hash")):
        raise CorruptSaveError(f"{path.name} is damaged: its scenario is not named")
    if len(data["seats"]) != 2 or len(data["names"]) != 2 or len(data["sealed"]) != 2:
        raise CorruptSaveError(f"{path.name} is damaged: it does not have two sides")
    if len(data["orders"]) != data["turn"]:
        raise CorruptSaveError(f"{path.name} is damaged: {len(data['orders'])} turns of orders for turn "
                               f"{data['turn']}")
    return data


def _load_scenario(path: Path, sc: dict):
    from game.scenario import ScenarioError, load, resolve

    where = sc.get("folder") or sc["id"]
    if not resolve(where).is_dir():
        raise IncompatibleSaveError(f"{path.name} needs scenario '{sc['id']}', which is not installed")
    try:
        scenario = load(where)
    except ScenarioError as exc:
        first = exc.diagnostics[0].format() if getattr(exc, "diagnostics", None) else str(exc)
        raise IncompatibleSaveError(f"{path.name}: its scenario '{sc['id']}' now has errors ({first})") from None
    if scenario.rules.content_hash != sc["hash"]:
        now = str(scenario.meta["scenario"].get("version", ""))
        raise ScenarioChangedError(
            f"{path.name} was saved with scenario '{sc['id']}' version {sc.get('version') or '?'} "
            f"(content {sc['hash'][:8]}), but it has changed since (version {now or '?'}, content "
            f"{scenario.rules.content_hash[:8]}); the game cannot be replayed")
    return scenario


def load_game(path: str | Path) -> GameSession:
    """Load a save: check it, replay its order log and verify the state checksum. Raises SaveError."""
    path = Path(path)
    data = read_header(path)
    scenario = _load_scenario(path, data["scenario"])
    rules = scenario.rules
    try:
        seats = tuple(make_seat(str(s), rules) for s in data["seats"])
    except SeatError as exc:
        raise IncompatibleSaveError(f"{path.name}: {exc}") from None
    names = tuple(str(n)[:40] for n in data["names"])
    session = GameSession.new(scenario, seats, data["seed"], names)
    log = [orders_from_json(rules, o) for o in data["orders"]]
    try:
        session.replay(log)
    except OrdersError as exc:
        raise CorruptSaveError(f"{path.name} is damaged: {exc}") from None
    if data["format_version"] == 1:
        _check_summary(path, data, session)
    else:
        _check_checksum(path, data, session)
    for side, o in enumerate(data["sealed"]):
        if o is not None:
            session.seal(side, orders_from_json(rules, o))
    return session


def _check_checksum(path: Path, data: dict, session: GameSession) -> None:
    """A format 2 save's replay against its checksum. When they differ, says why as best it can: another
    game version, another kind of computer (its probe, game.session.probe, differs from this one's), or
    else damage. Raises IncompatibleSaveError or CorruptSaveError."""
    replayed = session.checksum()
    if replayed == data["checksum"]:
        return
    if data.get("game_version") != __version__:
        raise IncompatibleSaveError(f"{path.name} was made by Space Race {data.get('game_version', '?')}, whose rules "
                                    f"play differently from this version's ({__version__}); it cannot be replayed")
    probe = data.get("probe")
    if isinstance(probe, str) and probe != machine_probe(session.rules):
        raise IncompatibleSaveError(f"{path.name} was made on a computer whose arithmetic differs (another "
                                    "processor or maths library): it does not replay here. The file is "
                                    "unchanged and still loads there")
    raise CorruptSaveError(f"{path.name} does not replay to the game it saved (checksum "
                           f"{replayed} instead of {data['checksum']}); it was damaged or edited")


def _summary_prestige(session: GameSession) -> list[float]:
    """Both sides' prestige to a tenth, as a save's summary holds it."""
    p = session.observation(0).prestige[0]
    return [round(float(p[0]), 1), round(float(p[1]), 1)]


def _check_summary(path: Path, data: dict, session: GameSession) -> None:
    """A format 1 save's replay against its summary: both prestiges to a tenth, game over (its turn is
    that of its order log, read_header checks). Raises CorruptSaveError when they differ or the summary
    is missing."""
    summary = data.get("summary")
    try:
        prestige = [float(v) for v in summary["prestige"]]
        over = bool(summary["over"])
    except (TypeError, KeyError, ValueError):
        raise CorruptSaveError(f"{path.name} is damaged: its summary is missing or malformed") from None
    got = _summary_prestige(session)
    if got != prestige or session.is_over != over:
        raise CorruptSaveError(f"{path.name} does not replay to the game it saved (prestige {got[0]} : {got[1]} "
                               f"instead of {prestige[0]} : {prestige[1]}); it was damaged or edited")


def describe_save(path: str | Path) -> str:
    """One paragraph about a save: scenario, date, seats (loads it fully, so it is checked)."""
    from game.session.describe import side_name, turn_label

    session = load_game(path)
    sc = session.scenario
    t = min(session.turn, sc.rules.n_turns - 1)
    status = "game over" if session.is_over else f"turn {session.turn + 1} of {sc.rules.n_turns}"
    seats = ", ".join(f"{side_name(sc, s)}: {session.seats[s].label()}"
                      + (f" '{session.names[s]}'" if session.names[s] else "") for s in (0, 1))
    p = session.observation(0).prestige[0]
    return (f"{Path(path).name}: scenario '{sc.name}' ({sc.id} {sc.meta['scenario'].get('version', '')}), "
            f"{turn_label(sc, t)} ({status}); {seats}; seed {session.seed}; prestige US {p[0]:.0f}, "
            f"USSR {p[1]:.0f}")
