"""One live game: a scenario, its State (a batch of 1), two seats and a seed.

`GameSession.resolve` is the single entry point that applies orders to the
game: it steps the core with both sides' sealed orders, records them in the
order log (what a save holds) and builds each side's digest from that side's
own observations. Nothing else changes `state`.

Randomness: the game's key is game_keys(seed, 1); each AI seat draws its dice
from a key derived from the same seed (rng.policy_keys, as game.sim.rollout's games do), so a game
is a pure function of (scenario, seed, seats, order log).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from game.rules import Observation, Orders, State, init, observe, step
from game.rules.rng import game_keys, policy_keys
from game.rules.state import checksum
from game.session.report import Snapshot, TurnReport, build_report, opening_report, snapshot
from game.session.seats import Seat, make_seat_policy


class OrdersError(ValueError):
    """Orders given for the wrong side, twice, or after the game ended."""


@dataclass
class GameSession:
    """A game in progress. Build with `GameSession.new`; change only through `seal` and `resolve`."""

    scenario: object
    seed: int
    seats: tuple[Seat, Seat]
    names: tuple[str, str]
    state: State
    log: list[Orders] = field(default_factory=list)          # merged orders of every resolved turn
    sealed: list[Orders | None] = field(default_factory=lambda: [None, None])
    reports: list[list[TurnReport]] = field(default_factory=lambda: [[], []])
    history: list[list[Snapshot]] = field(default_factory=lambda: [[], []])
    # True while the order log replays from the seed to `state` under these rules; a load that carries the
    # game across a change of its scenario (or finds that the log no longer replays) sets it to False
    log_replays: bool = True
    _obs: dict = field(default_factory=dict, repr=False)
    _policies: dict = field(default_factory=dict, repr=False)

    @staticmethod
    def new(scenario, seats: tuple[Seat, Seat], seed: int = 0, names: tuple[str, str] = ("", "")) -> GameSession:
        state = init(scenario.rules, game_keys(seed, 1))
        s = GameSession(scenario, int(seed), tuple(seats), tuple(names), state)
        for side in (0, 1):
            obs = s.observation(side)
            s.reports[side].append(opening_report(scenario, obs))
            s.history[side].append(snapshot(scenario.rules, obs))
        return s

    # --- reading -------------------------------------------------------------------------------------------
    @property
    def rules(self):
        return self.scenario.rules

    @property
    def turn(self) -> int:
        return int(self.state.turn[0])

    @property
    def is_over(self) -> bool:
        return bool(self.state.done[0])

    @property
    def winner(self) -> int:
        """-1 ongoing, 0 US, 1 USSR, 2 draw."""
        return int(self.state.winner[0]) if self.is_over else -1

    @property
    def humans(self) -> list[int]:
        return [s for s in (0, 1) if self.seats[s].is_human]

    def observation(self, side: int) -> Observation:
        """Side's view of the game now (cached until the state changes)."""
        key = (side, self.turn)
        if key not in self._obs:
            self._obs = {k: v for k, v in self._obs.items() if k[1] == self.turn}
            self._obs[key] = observe(self.rules, self.state, side)
        return self._obs[key]

    def last_report(self, side: int) -> TurnReport:
        return self.reports[side][-1]

    def checksum(self) -> str:
        return checksum(self.state)

    def player_name(self, side: int) -> str:
        from game.session.describe import side_name

        return self.names[side] or side_name(self.scenario, side)

    # --- AI ------------------------------------------------------------------------------------------------
    def ai_key(self, side: int) -> np.ndarray:
        """uint32 [1]: the dice of the AI seat of `side`, derived from the game's seed."""
        return policy_keys(self.seed, side)

    def ai_orders(self, side: int) -> Orders:
        """The AI seat's orders for this turn, from its own observation only. Pure in (state, seed)."""
        seat = self.seats[side]
        if seat.is_human:
            raise OrdersError(f"side {side} is played by a human")
        policy = self._policies.get(side)
        if policy is None:
            policy = self._policies[side] = make_seat_policy(seat, self.rules)
            if hasattr(policy, "set_names"):  # the search AI explains itself with the scenario's names
                sc = self.scenario
                policy.set_names(programs=[p["name"] for p in sc.programs], missions=[m["name"] for m in sc.missions],
                                 milestones=[k["name"] for k in sc.milestones],
                                 records=[x["name"] for x in sc.records],
                                 operations=[x["name"] for x in sc.operations])
        return policy.act(self.observation(side), self.ai_key(side))

    def ai_reasons(self, side: int) -> list[str] | None:
        """The reasons, in plain words (headline first), the AI seat of `side` gave for its last orders; None for
        a seat that gives none (a person, scripted, random) or has not decided yet."""
        why = getattr(self._policies.get(side), "last_reasons", None)
        return list(why[0]) if why else None

    # --- changing ------------------------------------------------------------------------------------------
    def seal(self, side: int, orders: Orders) -> None:
        """Hand in `side`'s orders for this turn (only its own part of `orders` counts)."""
        if self.is_over:
            raise OrdersError("the game is over")
        self.sealed[side] = orders

    def has_sealed(self, side: int) -> bool:
        return self.sealed[side] is not None

    def ready(self) -> bool:
        return all(o is not None for o in self.sealed)

    def resolve(self) -> tuple[TurnReport, TurnReport]:
        """Resolve the turn with both sealed orders: the single entry point that changes the game.

        Returns each side's digest. Raises OrdersError when a side has not sealed its orders.
        """
        if not self.ready():
            missing = [s for s in (0, 1) if self.sealed[s] is None]
            raise OrdersError(f"orders missing for side(s) {missing}")
        orders = Orders.merge(self.rules, self.sealed[0], self.sealed[1])
        self._apply(orders)
        return self.reports[0][-1], self.reports[1][-1]

    def _apply(self, orders: Orders) -> None:
        before = [self.observation(s) for s in (0, 1)]
        self.state, _ = step(self.rules, self.state, orders)
        self.log.append(orders)
        self.sealed = [None, None]
        for s in (0, 1):
            after = self.observation(s)
            self.reports[s].append(build_report(self.scenario, before[s], after))
            self.history[s].append(snapshot(self.rules, after))

    def replay(self, log: list[Orders]) -> None:
        """Apply a saved order log, turn by turn (used by loading)."""
        for orders in log:
            if self.is_over:
                raise OrdersError("the order log runs past the end of the game")
            self._apply(orders)
