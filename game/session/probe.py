"""How this computer does a scenario's arithmetic, as a short fingerprint kept in saves.

A save holds the game's state, so it loads anywhere; beside it, the order log,
which loading replays from the seed as a check (game.session.save_restore). The
replay gives the same game wherever floating point comes out the same. The
compiled turn uses its own exp and log (game.rules.mathf), but a new game's
starting noise (its estimates and intelligence) takes numpy's float32
logarithm, which numpy picks by processor, and two constants take the C
library's log1p: on another processor or system these can differ in the last
bit, and a game replayed there drifts from the one saved. When a replay does
not match, the save's probe only names why in the note the player sees: a
probe like this computer's means the log was edited or damaged; another probe
means the save was made on a computer that computes differently.

The probe plays a few turns of a small batch of fixed games with fixed orders
(no policy: nothing outside the rules computes) and hashes the states.
"""

from __future__ import annotations

import numpy as np

from game.rules import Orders, init, step
from game.rules.rng import game_keys
from game.rules.state import checksum
from game.rules.tables import Rules

PROBE_SEED, PROBE_GAMES, PROBE_TURNS = 1957, 16, 14
_EARLIEST = 4       # each side launches among its four earliest missions


def machine_probe(rules: Rules) -> str:
    """A 16-hex-digit digest of PROBE_GAMES fixed games of `rules` after PROBE_TURNS turns with
    probe_orders, computed once per Rules object. Equal on two computers that do the rules'
    arithmetic alike."""
    probe = rules._kernel.get("machine_probe")
    if probe is None:
        state = init(rules, game_keys(PROBE_SEED, PROBE_GAMES))
        for turn in range(PROBE_TURNS):
            state, _ = step(rules, state, probe_orders(rules, PROBE_GAMES, turn))
        probe = rules._kernel["machine_probe"] = checksum(state)
    return probe


def probe_orders(rules: Rules, games: int, turn: int) -> Orders:
    """Fixed orders for game g of `games` on `turn`: every program funded with 1.5 * (1 + g % 6) (some
    games ask for more than they have, so the scaling is used too), and each side's pads launching
    among its _EARLIEST earliest missions in turn (rushed in odd games); event choices left to the dice.
    Only integer arithmetic and exact constants: the same orders on every computer."""
    orders = Orders.empty(rules, games)
    g = np.arange(games)
    orders.funding[:] = (np.float32(1.5) * (1 + g % 6)).astype(np.float32)[:, None]
    for side in range(2):
        mine = np.flatnonzero(rules.mis_side == side)
        earliest = mine[np.argsort(rules.mis_avail_turn[mine], kind="stable")][:_EARLIEST]
        if len(earliest) == 0:
            continue
        for pad in range(rules.max_pads):
            orders.launch[:, side, pad] = earliest[(g + pad + turn) % len(earliest)]
            orders.rush[:, side, pad] = g % 2 == 1
    return orders
