"""Saves of earlier formats brought to format 3: they held the seed and the order log, not the state.

Format 1 (game 0.2.0) and format 2 (game 0.2.1) are the seed, the seats and names, the order log and
the sealed orders, with a checksum of the state (format 1: of a state that still had two arrays the
game has since dropped, so a summary with the prestige to a tenth stands in for it). Their state can
only come from replaying the log, and the log only gives the game it saved under the scenario it was
played with. So the migration:

1. finds that scenario: today's, when its content hash is the save's; else the copy the game keeps of
   every shipped scenario as it was released (`game/data/released/<game version>/<id>/`, looked up by
   content hash), so a save of a shipped scenario survives a newer version of it; else (a modder's
   scenario edited since, of which no copy exists) today's, read leniently (orders naming ids that are
   gone are left out), with a note that the game may differ from the one saved;
2. replays the log from the seed, as the session did, so the state, each side's digests (reports) and
   chart history are the ones the game had;
3. checks the replay: format 2 against its checksum, format 1 against its summary. A mismatch (another
   computer's arithmetic, or rules that changed since) is a note: the game goes on from the replay;
4. writes the result as format 3 (save_format.save_data) under the scenario of step 1; it is then read
   like any format 3 save, so a scenario changed since is matched by id and its changes listed.

What format 3 adds takes these values (docs/SAVES.md has the same table):

| format 3 field    | from a format 1 or 2 save                                                     |
|-------------------|-------------------------------------------------------------------------------|
| state, checksum   | the replay's state and its checksum                                           |
| reports, history  | built by the replay turn by turn, as the live game built them                 |
| scenario_digest   | the digest of the scenario replayed under (step 1)                            |
| log_replays       | true when the replay was checked and matched; else false                      |
| probe             | this computer's (format 1 had none)                                           |
| summary.saved_at  | the save's own when it has one                                                |
"""

from __future__ import annotations

from pathlib import Path

from game.session.game import GameSession, OrdersError
from game.session.save_format import CorruptSaveError, IncompatibleSaveError, check_common, save_data
from game.session.save_session import orders_from_json
from game.session.save_state import checksum, stored_rows
from game.session.seats import SeatError, make_seat

# The State fields a format 2 checksum covers, in its order (the State of 0.2.1): a field the game adds later
# is left out of the comparison, so the check still holds.
FORMAT2_FIELDS = ("key turn done winner cash budget budget_bonus budget_noise research_speed prestige year_prestige "
                  "strikes sacked intel_budget dev rel est_z nobs grounded_until cost_mult prog_unlocked "
                  "prog_cancelled flights mis_unlocked mis_cancelled held first_side first_month flags ev_last "
                  "ev_forced pending news launch_mission launch_outcome launch_month launch_passed "
                  "launch_prestige").split()


def released_scenario(content_hash: str):
    """The released copy of a shipped scenario whose content hash is `content_hash`, loaded; None if none."""
    from game import data
    from game.scenario import ScenarioError, load
    from game.scenario.loader import load_raw

    root = data.folder(data.RELEASED)
    for folder in sorted(root.glob("*/*")):              # <version>/<id>; a content hash names one scenario
        if (folder / "scenario.toml").is_file() and load_raw(folder).content_hash == content_hash:
            try:
                return load(folder)
            except ScenarioError:
                return None
    return None


def _summary_prestige(session) -> list[float]:
    p = session.state.prestige[0]
    return [round(float(p[0]), 1), round(float(p[1]), 1)]


def _check_replay(data: dict, session, notes: list[str]) -> bool:
    """Whether the replay is the game the save holds (format 2: its checksum; format 1: its summary)."""
    rows = stored_rows(session.state)
    if data["format_version"] >= 2 and all(k in rows for k in FORMAT2_FIELDS):
        if checksum({k: rows[k] for k in FORMAT2_FIELDS}) == data.get("checksum"):
            return True
    else:
        summary = data.get("summary") if isinstance(data.get("summary"), dict) else {}
        if _summary_prestige(session) == summary.get("prestige") and session.is_over == summary.get("over"):
            return True
    p = _summary_prestige(session)
    notes.append(f"its order log, replayed here, gives prestige US {p[0]:g}, USSR {p[1]:g} (made by Space Race "
                 f"{data.get('game_version', '?')}; another computer or other rules play it differently): "
                 "the game goes on from this replay")
    return False


def migrate(path: Path, data: dict, current) -> tuple[dict, object, list[str]]:
    """A format 1 or 2 save as a format 3 dict, the scenario it was replayed under, and notes for the player.
    `current` is the save's scenario as it is today. Raises CorruptSaveError for a damaged save."""
    name = path.name
    check_common(name, data)
    notes: list[str] = []
    sc = data["scenario"]
    scenario, strict = current, True
    if current.rules.content_hash != sc["hash"]:
        scenario = released_scenario(sc["hash"])
        if scenario is None:
            scenario, strict = current, False
            notes.append(f"saved with another version of scenario '{sc['id']}' (content {sc['hash'][:8]}) of which "
                         "no copy exists: replayed under the scenario as it is now, so the game may differ from "
                         "the one saved")
    rules = scenario.rules
    try:
        seats = tuple(make_seat(str(s), rules) for s in data["seats"])
    except SeatError as exc:
        raise IncompatibleSaveError(f"{name}: {exc}") from None
    names = tuple(str(n)[:40] for n in data["names"])
    session = GameSession.new(scenario, seats, data["seed"], names)
    try:
        log = [orders_from_json(rules, o, strict) for o in data["orders"]]
        sealed = [None if o is None else orders_from_json(rules, o, strict) for o in data["sealed"]]
    except ValueError as exc:
        raise CorruptSaveError(f"{name} is damaged: the order log: {exc}") from None
    try:
        session.replay(log)
    except OrdersError as exc:
        if strict:
            raise CorruptSaveError(f"{name} is damaged: {exc}") from None
        notes.append(f"the game ended after {session.turn} of its {len(log)} turns under the scenario as it is now")
    session.log_replays = strict and _check_replay(data, session, notes)
    if not session.is_over:
        session.sealed = sealed
    out = save_data(session)
    saved_at = (data.get("summary") or {}).get("saved_at") if isinstance(data.get("summary"), dict) else None
    if isinstance(saved_at, str):
        out["summary"]["saved_at"] = saved_at
    out["game_version"] = str(data.get("game_version", "?"))
    return out, scenario, notes
