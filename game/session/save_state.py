"""The game state in a save: every State array of the one game, by field name, with ids for its axes.

    data = state_to_json(rules, state)                  # {"ids": {...}, "fields": {...}}
    state, dropped = state_from_json(data, rules, key)  # onto the rules of the scenario as it is now

Each field is stored as its row of the one game (no batch axis): dtype, shape, and the little-endian
bytes in base64, so every value (float32 included, NaN and -0.0 too) comes back bit for bit. Beside
the arrays, `ids` names what each axis indexes (AXES below): the programs, missions, milestones,
events, flags, records and operations of the scenario the game was saved with, and the subsets some fields keep columns
for (cost_target = rules.cost_targets, fire_target = rules.fire_targets, option_event =
rules.option_events). Reading matches those ids against today's scenario: a column whose id is gone
is dropped; a column of a new id, and a whole field the save does not have (one the game added
after the save was made), takes its value in a new game of today's scenario with the same key
(`defaults`), except that no event of a new id has fired and no new flag is set.

Three fields are not plain arrays of the state: `held` (uint64 bit masks of milestones) is stored as
bool [side, milestone], and `launch_mission` and `launch_crew` hold mission and person indices,
matched by id (VALUED). A save made before the corps existed has none of its fields: each side's
roster is then as a new game's (the groups open later join as their turn opens). And
one is a copy of a scenario number that the game then changes: a program's reliability starts at the
scenario's and grows with research (BASES); `bases` keeps the scenario's numbers it started from, so
that when a newer scenario changes one, the game's value moves by as much.

`checksum(fields)` is the digest of the stored arrays (field names, then bytes, in stored order):
for a State of the same layout it equals game.rules' checksum of that State, so it checks both that
the stored arrays are whole and, when the rules are unchanged, that a replay of the order log
reaches the same game. Every reading error is a ValueError with a short reason.
"""

from __future__ import annotations

import base64
import hashlib

import numpy as np

from game.rules import init
from game.rules.state import NEVER, State
from game.rules.tables import skill_steps

# What each axis of each State field indexes, after the batch axis. "side" and "pad" are positions
# (two sides; launch pads 0..L-1). Every State field must be listed (a test checks it): a field added
# to the State needs its axes here, and its default (its value in a new game) is documented in
# docs/SAVES.md.
AXES: dict[str, tuple[str, ...]] = {
    "key": (), "turn": (), "done": (), "winner": (),
    **{f: ("side",) for f in ("cash", "budget", "budget_bonus", "budget_noise", "research_speed", "prestige",
                              "year_prestige", "strikes", "sacked", "intel_budget", "budget_cut")},
    **{f: ("program",) for f in ("dev", "rel", "est_z", "nobs", "grounded_until", "prog_unlocked",
                                 "prog_cancelled", "flights")},
    "cost_mult": ("cost_target",),
    "mis_unlocked": ("mission",), "mis_cancelled": ("mission",),
    "op_left": ("operation",), "op_months": ("operation",),
    "held": ("side", "milestone"),          # stored as bool [S, K], kept as uint64 bit masks [S]
    "first_side": ("milestone",), "first_month": ("milestone",),
    "record_value": ("record",), "record_side": ("record",),
    "flags": ("flag",),
    "ev_last": ("event",), "ev_forced": ("fire_target",), "pending": ("option_event",), "news": ("event",),
    **{f: ("side", "pad") for f in ("launch_mission", "launch_outcome", "launch_month", "launch_passed",
                                    "launch_prestige")},
    "launch_records": ("side", "pad", "record"),
    "launch_crew": ("side", "pad", "seat"),
    **{f: ("person",) for f in ("person_status", "person_flights", "rest_until", "morale", "idle_turns",
                                "died_turn")},
    "first_crew": ("milestone", "seat"),
    "skill": ("person", "discipline"),
    "group_recruited": ("group",),
}
# Fields kept in whole steps of 1/SKILL_STEPS (uint8); a save holding them as float32 0..1 is converted.
STEPPED = ("skill", "morale")
# Fields whose values are indices of an id axis (-1: none), stored as they are and matched by id.
VALUED = {"launch_mission": "mission", "launch_crew": "person", "first_crew": "person"}
# Fields that start from a number of the scenario: (the Rules array they start from, the Rules array they
# never exceed). When that number changes, the game's value moves by as much (a program made more reliable
# by a newer scenario is more reliable in a game in progress too), within [0, the bound].
BASES = {"rel": ("rel0", "max_rel")}
# New columns of these fields start as in a game where nothing has happened yet (not as after a new
# game's first turn opened): no event fired, forced, pending or in the news, no flag set.
UNTOUCHED = {"news": False, "pending": False, "flags": False, "ev_last": -NEVER, "ev_forced": NEVER}


def axis_ids(rules) -> dict[str, list[str]]:
    """Axis name -> the ids along it, for the axes that are matched by id."""
    return {"program": list(rules.program_ids), "mission": list(rules.mission_ids),
            "milestone": list(rules.milestone_ids), "event": list(rules.event_ids), "flag": list(rules.flag_ids),
            "record": list(rules.record_ids), "operation": list(rules.op_ids),
            "cost_target": [rules.program_ids[p] for p in rules.cost_targets],
            "fire_target": [rules.event_ids[e] for e in rules.fire_targets],
            "option_event": [rules.event_ids[e] for e in rules.option_events],
            "person": list(rules.person_ids), "group": list(rules.group_ids)}


# --- arrays -------------------------------------------------------------------------------------------------
def encode_array(a: np.ndarray) -> dict:
    """{"dtype", "shape", "data"}: the array's little-endian bytes in base64 (exact for every dtype)."""
    a = np.asarray(a)
    le = a.astype(a.dtype.newbyteorder("<"), copy=False)
    return {"dtype": le.dtype.str, "shape": list(a.shape),
            "data": base64.b64encode(np.ascontiguousarray(le).tobytes()).decode("ascii")}


def decode_array(d: dict) -> np.ndarray:
    """Inverse of encode_array, in this computer's byte order. Raises ValueError on anything malformed."""
    try:
        dtype = np.dtype(d["dtype"])
        shape = tuple(int(n) for n in d["shape"])
        raw = base64.b64decode(d["data"], validate=True)
    except (KeyError, TypeError, ValueError) as exc:
        raise ValueError(f"an array is malformed ({exc})") from None
    if dtype.kind not in "biuf" or any(n < 0 for n in shape) or len(raw) != dtype.itemsize * int(np.prod(shape)):
        raise ValueError(f"an array of {d.get('dtype')} {d.get('shape')} has {len(raw)} bytes")
    return np.frombuffer(raw, dtype).reshape(shape).astype(dtype.newbyteorder("="))


def _bytes_le(a: np.ndarray) -> bytes:
    return np.ascontiguousarray(a.astype(a.dtype.newbyteorder("<"), copy=False)).tobytes()


def checksum(arrays: dict[str, np.ndarray]) -> str:
    """16 hex digits of sha256 over each array's name and little-endian bytes, in the dict's order."""
    h = hashlib.sha256()
    for name, a in arrays.items():
        h.update(name.encode())
        h.update(_bytes_le(np.asarray(a)))
    return h.hexdigest()[:16]


def stored_rows(state: State) -> dict[str, np.ndarray]:
    """Field name -> the first game's row of each State array, as a save stores them (held as bit masks)."""
    return {name: np.asarray(a[0]) for name, a in state.arrays().items()}


# --- writing ------------------------------------------------------------------------------------------------
def _held_matrix(masks: np.ndarray, k: int) -> np.ndarray:
    return ((masks.astype(np.uint64)[:, None] >> np.arange(k, dtype=np.uint64)[None, :]) & np.uint64(1)).astype(bool)


def state_to_json(rules, state: State) -> dict:
    """The first game of `state` as {"ids": axis ids, "axes": field -> axes, "fields": field -> array}."""
    fields = {}
    for name, row in stored_rows(state).items():
        if name == "held":
            row = _held_matrix(row, rules.n_milestones)
        fields[name] = encode_array(row)
    return {"ids": axis_ids(rules), "axes": {k: list(AXES.get(k, ())) for k in fields}, "fields": fields,
            "bases": {k: encode_array(np.asarray(getattr(rules, start))) for k, (start, _) in BASES.items()}}


def decoded(data: dict) -> dict[str, np.ndarray]:
    """The stored arrays by field name, as stored (held as bool [side, milestone]). Raises ValueError when
    malformed."""
    if not isinstance(data, dict) or not isinstance(data.get("fields"), dict):
        raise ValueError("the game state is missing")
    out = {name: decode_array(d) for name, d in data["fields"].items()}
    if "held" in out and (out["held"].ndim != 2 or out["held"].shape[1] > 64):
        raise ValueError("'held' is not [side, milestone]")
    return out


def _held_masks(matrix: np.ndarray) -> np.ndarray:
    bits = np.uint64(1) << np.arange(matrix.shape[1], dtype=np.uint64)
    return (matrix.astype(np.uint64) * bits[None, :]).sum(axis=1, dtype=np.uint64)


def as_rows(arrays: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Decoded arrays as the State keeps them (held back to uint64 bit masks), for checksum."""
    return {k: (_held_masks(v) if k == "held" else v) for k, v in arrays.items()}


# --- reading onto today's rules -----------------------------------------------------------------------------
def defaults(rules, key: np.ndarray) -> dict[str, np.ndarray]:
    """The row of each State field in a new game of `rules` with game key `key` (uint32 [1]), with the
    UNTOUCHED fields as before anything happened."""
    rows = stored_rows(init(rules, np.asarray(key, np.uint32).reshape(1)))
    for name, value in UNTOUCHED.items():
        rows[name] = np.full_like(rows[name], value)
    return rows


def _index_map(saved: list[str], now: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """(positions in saved, positions in now) of the ids both have."""
    where = {ident: i for i, ident in enumerate(now)}
    pairs = [(i, where[ident]) for i, ident in enumerate(saved) if ident in where]
    return (np.array([p[0] for p in pairs], np.int64), np.array([p[1] for p in pairs], np.int64))


def _place(saved: np.ndarray, target: np.ndarray, axes: tuple[str, ...], saved_ids: dict, now_ids: dict) -> None:
    """Copy the saved row into target (today's shape) where each axis matches: by id for id axes, by position
    for positional ones."""
    src, dst = [], []
    for n, axis in enumerate(axes):
        if axis in now_ids:
            s, d = _index_map(saved_ids.get(axis, []), now_ids[axis])
            if len(s) and s.max() >= saved.shape[n]:
                raise ValueError(f"an array has fewer columns than its {axis} ids")
        else:
            m = min(saved.shape[n], target.shape[n])
            s = d = np.arange(m)
        src.append(s)
        dst.append(d)
    if not axes:
        target[...] = saved
    elif all(len(s) for s in src):
        target[np.ix_(*dst)] = saved[np.ix_(*src)]


def _rebase(target: np.ndarray, was: np.ndarray, rules, name: str, saved_ids: dict, now_ids: dict) -> None:
    """Move target's matched columns by how much their starting number changed (see BASES)."""
    start, bound = BASES[name]
    now = np.asarray(getattr(rules, start), target.dtype)
    before = now.copy()
    _place(was.astype(target.dtype), before, AXES[name], saved_ids, now_ids)
    moved = before != now
    if moved.any():
        shifted = target + (now - before)
        target[moved] = np.clip(shifted, 0, np.asarray(getattr(rules, bound), target.dtype))[moved]


def state_from_json(data: dict, rules, key: np.ndarray | None = None) -> tuple[State, list[str]]:
    """The saved game as a State (batch of 1) of `rules`, matched by id (see the module docstring).

    key: the game's key for the defaults (the saved one when None). Returns (state, names of stored fields
    today's State does not have). Raises ValueError when the data is malformed.
    """
    saved = decoded(data)
    saved_ids = data.get("ids") if isinstance(data.get("ids"), dict) else {}
    if key is None and "key" in saved and saved["key"].shape == ():
        key = saved["key"]
    base = defaults(rules, np.zeros(1, np.uint32) if key is None else key)
    base["held"] = _held_matrix(base["held"], rules.n_milestones)
    now_ids = axis_ids(rules)
    out = {}
    for name, target in base.items():
        target = target.copy()
        if name in saved:
            row = saved[name]
            if row.ndim != target.ndim:
                raise ValueError(f"'{name}' has {row.ndim} axes, not {target.ndim}")
            if name in VALUED:
                s_ids = saved_ids.get(VALUED[name], [])
                where = {m: i for i, m in enumerate(now_ids[VALUED[name]])}
                lut = np.array([where.get(m, -1) for m in s_ids] + [-1], np.int64)
                r = row.astype(np.int64)
                row = lut[np.where((r >= 0) & (r < len(s_ids)), r, len(s_ids))]
            if name in STEPPED and row.dtype.kind == "f":     # kept as float32 0..1 before they became steps
                row = skill_steps(row)
            _place(row.astype(target.dtype), target, AXES.get(name, ()), saved_ids, now_ids)
            if name in BASES and isinstance(data.get("bases"), dict) and name in data["bases"]:
                _rebase(target, decode_array(data["bases"][name]), rules, name, saved_ids, now_ids)
        if name == "held":
            target = _held_masks(target)
        out[name] = target[None]
    return State(**out), sorted(set(saved) - set(out))
