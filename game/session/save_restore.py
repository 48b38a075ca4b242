"""Reading a format 3 save's game onto its scenario as it is now, and checking its order log.

`restore` is the one place a save's game comes back: the state by field and id (game.session.save_state),
the order log, sealed orders, digests and chart history by id (game.session.save_session), the seats and
names. On the scenario it was saved with, the state is the saved one bit for bit and the order log is
replayed from the seed as a check (a mismatch is a note); on a scenario changed since, the game is read
by id and `changes` lists what changed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from game import __version__
from game.rules import step
from game.session.game import GameSession
from game.session.probe import machine_probe
from game.session.save_format import CorruptSaveError, IncompatibleSaveError, check_v3
from game.session.save_session import orders_from_json, report_from_json, snapshot_from_json
from game.session.save_state import as_rows, checksum, decoded, state_from_json, stored_rows
from game.session.scenario_diff import changes, scenario_digest
from game.session.seats import SeatError, make_seat


@dataclass
class Loaded:
    """A loaded save: the game, what changed in its scenario since it was saved (a short list for the
    player, empty when nothing did) and notes on how it was read (a migration, a replay that differs)."""

    session: GameSession
    changes: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def restore(path: Path, data: dict, scenario, check_log: bool = True) -> Loaded:
    """A format 3 save's game on `scenario` (its scenario as it is now). Raises CorruptSaveError when damaged."""
    name = path.name
    check_v3(name, data)
    rules = scenario.rules
    same = data["scenario"]["hash"] == rules.content_hash
    try:
        stored = decoded(data["state"])
        if checksum(as_rows(stored)) != data["checksum"]:
            raise CorruptSaveError(f"{name} is damaged: its game state does not match its checksum")
        state, _ = state_from_json(data["state"], rules)
        log = [orders_from_json(rules, o, same) for o in data["orders"]]
        sealed = [None if o is None else orders_from_json(rules, o, same) for o in data["sealed"]]
        reports = [[report_from_json(rules, s, r, same) for r in data["reports"][s]] for s in (0, 1)]
        history = [[snapshot_from_json(rules, h, same) for h in data["history"][s]] for s in (0, 1)]
    except (ValueError, TypeError, KeyError, IndexError, AttributeError) as exc:
        why = " ".join(str(exc).split())[:160] or type(exc).__name__
        raise CorruptSaveError(f"{name} is damaged: {why}") from None
    try:
        seats = tuple(make_seat(str(s), rules) for s in data["seats"])
    except SeatError as exc:
        raise IncompatibleSaveError(f"{name}: {exc}") from None
    names = tuple(str(n)[:40] for n in data["names"])
    session = GameSession(scenario, int(data["seed"]), seats, names, state, log, sealed, reports, history,
                          log_replays=same and data.get("log_replays") is True)
    out = Loaded(session)
    if not same:
        try:
            listed = changes(data["scenario_digest"], scenario_digest(scenario))
        except (TypeError, AttributeError, ValueError) as exc:
            raise CorruptSaveError(f"{name} is damaged: its scenario digest ({type(exc).__name__})") from None
        out.changes = listed or [f"scenario {scenario.id}: only its texts changed"]
    elif check_log and session.log_replays:
        _check_log(data, session, stored, out.notes)
    return out


def _check_log(data: dict, session: GameSession, stored: dict, notes: list[str]) -> None:
    """Replay the order log from the seed and compare it with the restored game on the fields both have. A
    difference is a note (the game goes on from the saved state). When they agree and the save lacks fields
    today's State has (it was made before they existed), the replay's values of those fields replace their
    defaults: the game is then exactly the one the log plays."""
    from game.rules import init
    from game.rules.rng import game_keys

    state = init(session.rules, game_keys(session.seed, 1))
    for orders in session.log:
        state, _ = step(session.rules, state, orders)
    rows = stored_rows(state)
    both = [k for k in stored if k in rows]
    saved = as_rows(stored)
    if both and checksum({k: rows[k] for k in both}) == checksum({k: saved[k] for k in both}):
        if set(rows) - set(stored):
            session.state = state
        return
    session.log_replays = False
    if data.get("game_version") != __version__:
        why = f"the rules of this version play it differently from {data.get('game_version', '?')}'s"
    elif data.get("probe") not in (None, machine_probe(session.rules)):
        why = "it was made on a computer that does the rules' arithmetic differently"
    else:
        why = "it was edited or damaged"
    notes.append(f"its order log no longer replays to the saved game ({why}); the game goes on from the saved state")
