"""Where a step's arrays live: the State's block and its layout, the orders and step info as the
kernels take them, the scratch rows of each worker thread, and the prefetching of the next block of
games. Machinery beside game.rules.step, which keeps the turn itself."""

from __future__ import annotations

import threading
from collections import namedtuple

import numpy as np

from game.rules.jit import inlined, part, prefetch, prefetch_to_write
from game.rules.kernel_tables import KernelInfo, crew_seats
from game.rules.launches import new_flights
from game.rules.orders import Orders
from game.rules.state import Layout, State
from game.rules.tables import Rules

F32 = np.float32

BLOCK = 32          # games played phase by phase together: their rows (3.3 KB of state a game), read and
                    # written, stay in a core's own cache (64 games overflowed it once the corps doubled the state)
AHEAD_LINES = 8    # cache lines of the next block fetched per game and phase: 8 phases x 8 lines cover the
                    # ~53 lines of a game's state by the block's last phase; 3, enough before the corps, left half
                    # the next block to wait for memory


# Fields that every unfinished game's turn writes in full before reading: `step` copies them only for
# finished games (news: fire_events; launch_*: _learn_and_record; launch_records: records_and_starts;
# launch_crew: crews.pick_crews).
REWRITTEN = ("news", "launch_mission", "launch_outcome", "launch_month", "launch_passed", "launch_prestige",
             "launch_records", "launch_crew")


def block_of(rules: Rules, state: State, layout: Layout) -> np.ndarray:
    """The state's memory in `layout`: its own block when it has one in that layout (made by step,
    init, slice or concat), else a new block its arrays are copied into.

    The compiled code trusts shapes (it does not check indices): a State of
    another scenario or batch size is refused with a ValueError; a dtype of
    the same kind (float64 for float32, say) is converted.
    """
    held = state.block()
    if held is not None and held[0] is layout:
        return held[1]
    arrays = state.arrays()
    for name, shape, dtype, _ in layout.fields:
        arr = arrays[name]
        if arr.shape != shape:
            raise ValueError(f"state.{name} has shape {arr.shape}; these rules need {shape}")
        if arr.dtype != dtype and not np.can_cast(arr.dtype, dtype, "same_kind"):
            raise ValueError(f"state.{name} is {arr.dtype}; these rules need {dtype}")
    return layout.pack(arrays)


def rewritten_fields(rules: Rules, layout: Layout) -> np.ndarray:
    """bool [fields]: the fields in REWRITTEN, in layout order."""
    flags = rules._kernel.get("rewritten")
    if flags is None:
        flags = rules._kernel["rewritten"] = np.array([f[0] in REWRITTEN for f in layout.fields])
    return flags


def check_orders(rules: Rules, b: int, orders: Orders) -> None:
    """Refuse (ValueError) Orders whose arrays do not fit b games of these rules."""
    rows = rules._kernel.get("order_rows")      # each Orders array's shape after the batch axis, in field order
    if rows is None:
        L = rules.max_pads
        rows = rules._kernel["order_rows"] = ((rules.n_programs,), (2, L), (2, L), (rules.n_events,),
                                              (rules.n_operations,), (2, L, crew_seats(rules)), (rules.n_people,),
                                              (rules.n_groups,))
    try:                                # the usual case, checked with as little Python as can be
        if (orders.funding.shape[1:], orders.launch.shape[1:], orders.rush.shape[1:], orders.choice.shape[1:],
                orders.stop.shape[1:], orders.crew.shape[1:], orders.train.shape[1:],
                orders.recruit.shape[1:]) == rows and (orders.funding.shape[0] == orders.launch.shape[0]
                                                       == orders.rush.shape[0] == orders.choice.shape[0]
                                                       == orders.stop.shape[0] == orders.crew.shape[0]
                                                       == orders.train.shape[0] == orders.recruit.shape[0] == b):
            return
    except (AttributeError, IndexError):    # not arrays: np.shape below says what they hold
        pass
    names = ("funding", "launch", "rush", "choice", "stop", "crew", "train", "recruit")
    need = tuple((b, *row) for row in rows)
    for name, shape in zip(names, need, strict=True):
        if np.shape(getattr(orders, name)) != shape:
            raise ValueError(f"orders.{name} has shape {np.shape(getattr(orders, name))}; these rules need {shape}")


def launch_orders(launch: np.ndarray) -> np.ndarray:
    """Launch orders as the kernels take them, int16 (Orders' own dtype). Other dtypes are brought
    into [-1, 32767] first, so an order out of range (no such mission) stays out of range."""
    launch = np.asarray(launch)
    if launch.dtype == np.int16:
        return np.ascontiguousarray(launch)
    if launch.dtype.kind == "f":
        launch = np.where(np.isfinite(launch), launch, -1)
    return np.clip(launch, -1, 32767).astype(np.int16)


Work = namedtuple("Work", [
    # carried from one phase to the next: BLOCK rows per worker thread, one per game of its block
    # (see work); [W, ...] is written [B, ...] below
    "dice",                                  # uint64 [B]: the row seed of this turn's dice (_draw)
    "u_month",                               # float32 [B, SL]
    "u_intel",                               # float32 [B, S]
    "paid",                                  # uint64 [B, P]: programs that did research (fund_programs)
    "n_paid",                                # int64 [B]
    "options",                               # bool [B, O]
    "fired_list",                            # uint64 [B, E]: the fired events (fire_events)
    "n_options", "n_fired",                  # int64 [B]
    "fl",                                    # launches.Flights [B, SL]
    "op_ran",                                # bool [B, OP]: operations that paid their upkeep (pay_upkeep)
    # inside one game's phase only: one row per worker thread (row k * BLOCK of worker k: the rows
    # between stay untouched, so two workers never write the same cache line), the same for each game
    "u_budget",                              # float32 [B, S]
    "developed",                             # bool [B, P]
    "learned",                               # float32 [B, P]: all zero between games (_learn_and_record)
    "gap",                                   # float64 [B, P]
    "crew_lost",                             # bool [B, P]
    "public",                                # int16 [B, P]
    "lesson_slot", "lesson_prog",            # uint64 [B, SL * R]: launches.flight_lessons
    "eff", "used",                           # float32 / bool [B, X]: all zero between games (apply_effects)
    "ranks",                                 # int64 [B, X]
    "pay",                                   # float32 [B, P]: fund_programs
    "money_left", "program_spent",           # float32 [B, S]: fund_programs
    "taken",                                 # bool [B, N]: people on a crew this turn (crews.pick_crews;
    #                                          all False between games)
    "best_n", "best_s",                      # int64 [B, C]: crews.pick_crews
])


def work(rules: Rules, workers: int) -> Work:
    """Scratch arrays, kept per calling thread, as two threads may step games of the same rules at once.
    Those carried from one phase of a turn to the next have BLOCK rows per worker thread (worker k
    uses rows k*BLOCK.., one per game of the block it is playing: see _step_block); those used
    inside one game's phase use one row per worker (row k*BLOCK), reused game after game, so they
    stay in the fastest cache. A kernel writes each entry it reads within the same block, except
    eff, used and learned, which are left all zero after each game."""
    mine = rules._kernel.setdefault("work", threading.local())
    if not hasattr(mine, "cache"):
        mine.cache = {}
    w = mine.cache.get(workers)
    if w is None:
        n = BLOCK * workers
        P, SL, X, R = rules.n_programs, 2 * rules.max_pads, rules.effects.shape[1], rules.role_prog.shape[1]
        z = lambda k, d=F32: np.zeros((n, k), d)  # noqa: E731
        w = mine.cache[workers] = Work(
            dice=np.zeros(n, np.uint64), u_month=z(SL), u_intel=z(2), paid=z(P, np.uint64),
            n_paid=np.zeros(n, np.int64), options=z(len(rules.opt_event), bool),
            fired_list=z(rules.n_events, np.uint64), n_options=np.zeros(n, np.int64), n_fired=np.zeros(n, np.int64),
            fl=new_flights(n, SL), op_ran=z(rules.n_operations, bool),
            u_budget=z(2), developed=z(P, bool), learned=z(P), gap=z(P, np.float64), crew_lost=z(P, bool),
            public=z(P, np.int16), lesson_slot=z(SL * R, np.uint64), lesson_prog=z(SL * R, np.uint64),
            eff=z(X), used=z(X, bool), ranks=z(X, np.int64), pay=z(P), money_left=z(2), program_spent=z(2),
            taken=z(rules.n_people, bool),
            best_n=z(max(crew_seats(rules), 1), np.int64), best_s=z(max(crew_seats(rules), 1), np.int64),
        )
    return w


def new_info(b: int, zeroed: bool = True) -> KernelInfo:
    """What a step tells of b games (StepInfo's arrays), zeroed or left for the kernel to write."""
    make = np.zeros if zeroed else np.empty
    return KernelInfo(spent=make((b, 2), F32), awarded=make((b, 2), F32),
                      firsts=make((b, 2), np.uint64))


@part
def fetch_ahead(ahead, cur):
    """Prefetch the next AHEAD_LINES cache lines of a block's rows: in src to be read (except the
    fields its unfinished games rewrite) and in dst to be written.

    ahead: (src, dst, offsets, width, rewritten, lo, hi) as in _step_games, lo..hi-1 the block's games;
    cur: (field, address, end), where the last call stopped (field -1: nothing fetched yet; past the
    last field: all done). Returns where this call stopped. Only time depends on it.
    """
    src, dst, offsets, width, rewritten, lo, hi = ahead
    k, a, e = cur
    for _ in range(AHEAD_LINES):
        while a >= e:
            k += 1
            if k >= len(offsets):
                return k, a, e
            a = (offsets[k] + lo * width[k]) & ~np.int64(63)
            e = offsets[k] + hi * width[k]
        if not rewritten[k]:
            prefetch(src, np.uint64(a))
        prefetch_to_write(dst, np.uint64(a))
        a += 64
    return k, a, e


@inlined
def copy_bytes(src, dst, lo, hi):
    """dst[lo:hi] = src[lo:hi] for flat uint8 arrays. Unsigned indices: no negative-index handling,
    so the loop compiles to wide moves instead of one checked byte at a time."""
    for x in range(np.uint64(lo), np.uint64(hi)):
        dst[x] = src[x]
