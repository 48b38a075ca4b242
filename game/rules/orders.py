"""Orders: what both sides decide for one turn, for B games at once."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import numpy as np

from game.rules.tables import Rules


@dataclass(frozen=True)
class Orders:
    """Both sides' orders for the current turn of B games.

    funding: float32 [B, P] money for each program (a side's orders touch only its own programs)
    launch:  int16 [B, S, L] mission index for each launch pad of each side, -1 for none
    rush:    bool [B, S, L] fly that launch early in the turn, at extra risk
    choice:  int8 [B, E] option picked for each pending event, -1 to let chance decide
    stop:    bool [B, OP] end that (own) operation this turn; False keeps it running

    The core never raises on bad orders: money beyond what a side has is scaled
    down, funding for programs that cannot take it is dropped, and launches that
    cannot fly are scrubbed (their outcome says so).
    """

    funding: np.ndarray
    launch: np.ndarray
    rush: np.ndarray
    choice: np.ndarray
    stop: np.ndarray

    @staticmethod
    def empty(rules: Rules, batch: int) -> Orders:
        """Orders that do nothing: no money, no launches, no choices, no operation stopped."""
        return Orders(
            funding=np.zeros((batch, rules.n_programs), np.float32),
            launch=np.full((batch, 2, rules.max_pads), -1, np.int16),
            rush=np.zeros((batch, 2, rules.max_pads), bool),
            choice=np.full((batch, rules.n_events), -1, np.int8),
            stop=np.zeros((batch, rules.n_operations), bool),
        )

    def replace(self, **changes) -> Orders:
        return dataclasses.replace(self, **changes)

    def slice(self, index) -> Orders:
        return Orders(**{f.name: getattr(self, f.name)[index] for f in dataclasses.fields(self)})

    @staticmethod
    def merge(rules: Rules, us: Orders, ussr: Orders) -> Orders:
        """One Orders from each side's own: side 0's part from `us`, side 1's from `ussr`."""
        mine = rules.prog_side == 0
        funding = np.where(mine[None, :], us.funding, ussr.funding).astype(np.float32)
        launch = np.stack([us.launch[:, 0], ussr.launch[:, 1]], axis=1)
        rush = np.stack([us.rush[:, 0], ussr.rush[:, 1]], axis=1)
        us_events = rules.ev_recv == 0
        choice = np.where(us_events[None, :], us.choice, ussr.choice).astype(np.int8)
        us_ops = np.asarray(rules.op_side) == 0
        stop = np.where(us_ops[None, :], us.stop, ussr.stop).astype(bool)
        return Orders(funding, launch, rush, choice, stop)
