"""The game state: a frozen bundle of numpy arrays with a leading batch axis B.

One `State` holds B independent games of the same scenario. The interactive
game is a batch of 1; the AI simulates thousands at once. Shapes use the sizes
of `game.rules.tables` (S sides, P programs, M missions, K milestones,
E events, F flags, L launch pads).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import numpy as np

NEVER = np.int16(32000)  # "no turn" in turn-valued int16 arrays


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
    # programs
    dev: np.ndarray             # float32 [B, P]: development money paid
    rel: np.ndarray             # float32 [B, P]: true reliability (hidden from everyone)
    est_z: np.ndarray           # float32 [B, P]: standardised error of the owner's estimate
    nobs: np.ndarray            # float32 [B, P]: tests and flights seen (sharpens the estimate)
    grounded_until: np.ndarray  # int16 [B, P]: grounded while turn < this
    cost_mult: np.ndarray       # float32 [B, P]: flight cost multiplier
    prog_unlocked: np.ndarray   # bool [B, P]
    prog_cancelled: np.ndarray  # bool [B, P]
    funded: np.ndarray          # float32 [B, P]: money the program received last turn
    flights: np.ndarray         # int16 [B, P]: flights the world saw the program on (secret failures not counted)
    # missions
    mis_unlocked: np.ndarray    # bool [B, M]
    mis_cancelled: np.ndarray   # bool [B, M]
    # milestones
    held: np.ndarray            # uint64 [B, S]: milestones held, bit k = milestone k
    first_side: np.ndarray      # int8 [B, K]: -1 nobody yet
    first_month: np.ndarray     # float64 [B, K]: absolute month (year*12 + month-1 + fraction) of the first
    # events and flags
    flags: np.ndarray           # bool [B, F]
    ev_count: np.ndarray        # int16 [B, E]: times fired
    ev_last: np.ndarray         # int16 [B, E]: turn it last fired for (-NEVER: never)
    ev_forced: np.ndarray       # int16 [B, E]: turn another event forces it (NEVER: none)
    pending: np.ndarray         # bool [B, E]: fired with options, awaiting a choice this turn
    news: np.ndarray            # bool [B, E]: fired at the start of this turn
    # last turn's launches
    launch_mission: np.ndarray  # int16 [B, S, L]: -1 none
    launch_outcome: np.ndarray  # int8 [B, S, L]: see tables.OUTCOME_NAMES
    launch_month: np.ndarray    # float32 [B, S, L]: month offset inside the turn
    launch_passed: np.ndarray   # int8 [B, S, L]: steps passed
    launch_prestige: np.ndarray  # float32 [B, S, L]: prestige each launch won or cost (firsts, failures...)

    @property
    def batch(self) -> int:
        return int(self.key.shape[0])

    def replace(self, **changes) -> State:
        """A copy with some arrays replaced."""
        return dataclasses.replace(self, **changes)

    def slice(self, index) -> State:
        """The games selected by `index` (a slice, int array or bool mask) as a new State."""
        return State(**{f.name: getattr(self, f.name)[index] for f in dataclasses.fields(self)})

    @staticmethod
    def concat(states: list[State]) -> State:
        """Games of several States (same scenario) in one batch, in order."""
        return State(**{f.name: np.concatenate([getattr(s, f.name) for s in states])
                        for f in dataclasses.fields(State)})

    def arrays(self) -> dict[str, np.ndarray]:
        """Field name -> array, for saving and checksums."""
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}


def state_fields() -> list[str]:
    return [f.name for f in dataclasses.fields(State)]
