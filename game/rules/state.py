"""The game state: a frozen bundle of numpy arrays with a leading batch axis B.

One `State` holds B independent games of the same scenario. The interactive
game is a batch of 1; the AI simulates thousands at once. Shapes use the sizes
of `game.rules.tables` (S sides, P programs, M missions, K milestones,
E events, F flags, L launch pads, RC records, OP operations; N people, G groups, C crew seats).

States made by the core (init, step, slice, concat) keep all their arrays in
one block of memory (`Layout`), which the compiled step reads and writes
directly; a State built from separate arrays works the same, and is copied
into a block when it is stepped.
"""

from __future__ import annotations

import dataclasses
import sys
import threading
from dataclasses import dataclass

import numpy as np

NEVER = np.int16(32000)  # "no turn" in turn-valued int16 arrays
SPARE_BLOCKS = 3          # blocks of memory each Layout keeps for reuse (reused_block)
SPARE_MIN_BYTES = 1 << 20  # smaller blocks are not kept: new memory that small costs next to nothing


class Layout:
    """Where each array of a State of `batch` games lies in one block of memory (uint8), each field
    starting a multiple of 64 bytes into it, in State field order. Made by `Layout.of`, which keeps
    one per kind of State, so `a is b` tells that two States have the same shapes and dtypes.

    offsets, width: int64 [fields]: each field's first byte in the block, and its bytes per game.
    """

    def __init__(self, batch: int, rows: tuple):
        self.batch, self.rows = batch, rows
        self.fields, end = [], 0
        for name, row_shape, dtype in rows:
            dtype = np.dtype(dtype)
            per_game = int(np.prod(row_shape, dtype=np.int64)) * dtype.itemsize
            self.fields.append((name, (batch, *row_shape), dtype, end))
            end += -(-per_game * batch // 64) * 64
        self.size = end
        self.offsets = np.array([f[3] for f in self.fields], np.int64)
        self.width = np.array([int(np.prod(shape[1:], dtype=np.int64)) * dtype.itemsize
                               for _, shape, dtype, _ in self.fields], np.int64)
        self.index = {f[0]: i for i, f in enumerate(self.fields)}
        self._spare: list[np.ndarray] = []
        self._lock = threading.Lock()

    _KNOWN: dict[tuple, Layout] = {}

    @classmethod
    def of(cls, batch: int, rows: tuple) -> Layout:
        """The layout for `batch` games whose fields have rows ((name, row shape, dtype str), ...)."""
        key = (batch, rows)
        layout = cls._KNOWN.get(key)
        if layout is None:
            if len(cls._KNOWN) >= 64:
                cls._KNOWN.clear()
            layout = cls._KNOWN[key] = cls(batch, rows)
        return layout

    @classmethod
    def like(cls, batch: int, arrays: dict) -> Layout:
        """The layout for `batch` games with the row shapes and dtypes of `arrays` (name -> [B, ...] array)."""
        return cls.of(batch, tuple((k, v.shape[1:], v.dtype.str) for k, v in arrays.items()))

    def new_block(self) -> np.ndarray:
        """Uninitialised uint8 memory for one State, 64-byte aligned: each field starts a cache line (at
        large batches the block is big enough for numpy to ask the system for huge pages)."""
        raw = np.empty(self.size + 64, np.uint8)
        start = -raw.__array_interface__["data"][0] % 64
        return raw[start:start + self.size]

    def reused_block(self) -> np.ndarray:
        """Memory for a State that its maker writes in full (the step kernel): a block made here
        before that nothing uses any more (no State, no array of it), else a new block. Fresh memory
        costs the system a page fault and a page cleared per 4 KB touched: a step at large batches
        spent a sixth of its time there. Keeps the last SPARE_BLOCKS blocks of SPARE_MIN_BYTES or more it
        made; thread-safe."""
        if self.size < SPARE_MIN_BYTES:
            return self.new_block()
        with self._lock:
            for block in self._spare:
                # referenced only by the list, this loop and getrefcount; its memory (block.base) only by
                # the block, the name `raw` and getrefcount: every State and view of it is gone
                raw = block.base
                if sys.getrefcount(block) == 3 and sys.getrefcount(raw) == 3:
                    return block
            block = self.new_block()
            if len(self._spare) >= SPARE_BLOCKS:
                self._spare.pop(0)          # still in use: kept by whoever holds it, not here any more
            self._spare.append(block)
            return block

    def view(self, block: np.ndarray, name: str) -> np.ndarray:
        _, shape, dtype, offset = self.fields[self.index[name]]
        return np.ndarray(shape, dtype, block, offset)

    def pack(self, arrays: dict) -> np.ndarray:
        """A new block holding `arrays` (field name -> array of that field's shape, converted to its dtype)."""
        block = self.new_block()
        for name, value in arrays.items():
            self.view(block, name)[...] = value
        return block


@dataclass(frozen=True)
class State:
    """B games. Never mutated: `step` returns a new State."""

    key: np.ndarray             # uint32 [B]: the game's random key
    turn: np.ndarray            # int16 [B]: current turn (orders are given for this turn)
    done: np.ndarray            # bool [B]
    winner: np.ndarray          # int8 [B]: -1 ongoing, 0 US, 1 USSR, 2 draw
    # money and prestige
    cash: np.ndarray            # float32 [B, S]: money available this turn
    budget: np.ndarray          # float32 [B, S]: current yearly budget
    budget_bonus: np.ndarray    # float32 [B, S]: lasting budget change from events
    budget_noise: np.ndarray    # float32 [B, S]: log-scale budget noise (mean-reverting)
    research_speed: np.ndarray  # float32 [B, S]: research multiplier
    prestige: np.ndarray        # float32 [B, S]
    year_prestige: np.ndarray   # float32 [B, S]: prestige when the budget year began
    strikes: np.ndarray         # int8 [B, S]: bad years in a row (leadership review)
    sacked: np.ndarray          # bool [B, S]: leadership fired, the side lost
    intel_budget: np.ndarray    # float32 [B, S]: the rival's noisy estimate of this side's budget
    budget_cut: np.ndarray      # float32 [B, S]: money to take off the next budget year's budget (overflow_cut)
    # programs
    dev: np.ndarray             # float32 [B, P]: development money paid
    rel: np.ndarray             # float32 [B, P]: true reliability (hidden from everyone)
    est_z: np.ndarray           # float32 [B, P]: standardised error of the owner's estimate
    nobs: np.ndarray            # int16 [B, P]: tests and flights seen (sharpens the estimate)
    grounded_until: np.ndarray  # int16 [B, P]: grounded while turn < this
    cost_mult: np.ndarray       # float32 [B, PC]: flight cost multiplier of rules.cost_targets (others: 1)
    prog_unlocked: np.ndarray   # bool [B, P]
    prog_cancelled: np.ndarray  # bool [B, P]
    flights: np.ndarray         # int16 [B, P]: flights the world saw the program on (secret failures not counted)
    # missions
    mis_unlocked: np.ndarray    # bool [B, M]
    mis_cancelled: np.ndarray   # bool [B, M]
    # operations (missions that keep running, turn after turn)
    op_left: np.ndarray         # int16 [B, OP]: turns it still runs (0: not running)
    op_months: np.ndarray       # int16 [B, OP]: months it has run without a break (0 when not running; kept
    #                             through the turn it runs out of turns, cleared as the next turn is played)
    # milestones
    held: np.ndarray            # uint64 [B, S]: milestones held, bit k = milestone k
    first_side: np.ndarray      # int8 [B, K]: -1 nobody yet
    first_month: np.ndarray     # float64 [B, K]: absolute month (year*12 + month-1 + fraction) of the first
    # records
    record_value: np.ndarray    # float32 [B, RC]: best value so far (0: none)
    record_side: np.ndarray     # int8 [B, RC]: who holds it (-1: nobody)
    # events and flags
    flags: np.ndarray           # bool [B, F]
    ev_last: np.ndarray         # int16 [B, E]: turn it last fired for (-NEVER: never)
    ev_forced: np.ndarray       # int16 [B, EF]: turn another event forces it (NEVER: none), rules.fire_targets
    pending: np.ndarray         # bool [B, EO]: fired with options, awaiting a choice this turn, rules.option_events
    news: np.ndarray            # bool [B, E]: fired at the start of this turn
    # last turn's launches
    launch_mission: np.ndarray  # int16 [B, S, L]: -1 none
    launch_outcome: np.ndarray  # int8 [B, S, L]: see tables.OUTCOME_NAMES
    launch_month: np.ndarray    # float32 [B, S, L]: month offset inside the turn
    launch_passed: np.ndarray   # int8 [B, S, L]: steps passed
    launch_prestige: np.ndarray  # float32 [B, S, L]: prestige each launch won or cost (firsts, failures...)
    launch_records: np.ndarray  # bool [B, S, L, RC]: the records each launch raised (operations.records_and_starts)
    launch_crew: np.ndarray     # int16 [B, S, L, C]: the person in each seat of each launch (-1: none)
    # the corps: N people of both sides, G recruitment groups (game.rules.crews)
    person_status: np.ndarray   # int8 [B, N]: tables.PERSON_STATUS_NAMES
    skill: np.ndarray           # uint8 [B, N, 5]: skill in each discipline (tables.SKILL_NAMES), in steps
    #                             of 1/SKILL_STEPS (0..SKILL_STEPS: 0..1; tables.skill_values)
    person_flights: np.ndarray  # uint8 [B, N]: flights flown (counts to 255)
    rest_until: np.ndarray      # int16 [B, N]: a resting person may fly again from this turn
    morale: np.ndarray          # uint8 [B, N]: in steps as skill, SKILL_STEPS (1) at the start, never below 0;
    #                             below crew_quit_morale the person resigns
    idle_turns: np.ndarray      # uint8 [B, N]: turns since the last flight or recruitment (counts to 255)
    died_turn: np.ndarray       # int16 [B, N]: turn of the flight the person died on (NEVER: alive)
    first_crew: np.ndarray      # int16 [B, K, C]: the crew of the flight that won milestone k first (-1: none)
    group_recruited: np.ndarray  # bool [B, G]

    # A State made in one block of memory (by step, init, slice, concat) keeps the block and its Layout,
    # and makes each array, a view of the block, the first time it is asked for: most states the AI
    # makes are only stepped again, which reads the block directly.

    @classmethod
    def in_block(cls, layout: Layout, block: np.ndarray) -> State:
        """The State whose arrays lie in `block` as `layout` says (the block is not copied)."""
        state = object.__new__(cls)
        object.__setattr__(state, "_block", (layout, block))
        return state

    @staticmethod
    def new_in_block(layout: Layout, arrays: dict) -> State:
        """A State in a fresh block of `layout`, its fields filled by arrays[name](out) for each name."""
        block = layout.new_block()
        for name, fill in arrays.items():
            fill(layout.view(block, name))
        return State.in_block(layout, block)

    def block(self) -> tuple[Layout, np.ndarray] | None:
        """(layout, block) of a State made in one block of memory; None for one made of separate arrays."""
        return self.__dict__.get("_block")

    def __getattr__(self, name: str):
        # only called for an attribute not yet set: the arrays of a State in a block, made on first use
        held = self.__dict__.get("_block")
        if held is None or name not in held[0].index:
            raise AttributeError(f"'State' object has no attribute {name!r}")
        array = held[0].view(held[1], name)
        object.__setattr__(self, name, array)
        return array

    def __reduce__(self):
        return State, tuple(getattr(self, f.name) for f in dataclasses.fields(self))

    @property
    def batch(self) -> int:
        return int(self.key.shape[0])

    def replace(self, **changes) -> State:
        """A copy with some arrays replaced."""
        return dataclasses.replace(self, **changes)

    def slice(self, index) -> State:
        """The games selected by `index` (a slice, int array or bool mask) as a new State."""
        if isinstance(index, slice):
            pick = lambda a, out: out.__setitem__(Ellipsis, a[index])  # noqa: E731  (a view: no temporary)
            n = len(range(*index.indices(self.batch)))
        else:
            index = np.asarray(index)
            if index.dtype == bool:
                index = np.flatnonzero(index)
            pick = lambda a, out: np.take(a, index, axis=0, out=out)  # noqa: E731
            n = len(index)
        arrays = self.arrays()
        return State.new_in_block(Layout.like(n, arrays),
                                  {k: (lambda out, a=a: pick(a, out)) for k, a in arrays.items()})

    @staticmethod
    def concat(states: list[State]) -> State:
        """Games of several States (same scenario) in one batch, in order."""
        names = [f.name for f in dataclasses.fields(State)]
        n = sum(s.batch for s in states)
        layout = Layout.like(n, states[0].arrays())
        return State.new_in_block(layout, {k: (lambda out, k=k: np.concatenate([getattr(s, k) for s in states],
                                                                                out=out)) for k in names})

    def arrays(self) -> dict[str, np.ndarray]:
        """Field name -> array, for saving and checksums."""
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}


def checksum(state: State) -> str:
    """A short hex digest of every array of a State, in field order (names, then bytes): equal for
    states that are the same games bit for bit, so saves and tests can compare games exactly."""
    import hashlib

    h = hashlib.sha256()
    for name, arr in state.arrays().items():
        h.update(name.encode())
        h.update(np.ascontiguousarray(arr).tobytes())
    return h.hexdigest()[:16]


def state_fields() -> list[str]:
    return [f.name for f in dataclasses.fields(State)]
