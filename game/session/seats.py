"""Seats: who plays a side. A seat is "human" or the name of an AI policy.

The AI levels "ai:easy", "ai:normal" and "ai:hard" come from
game.ai.policies.make_policy; while a level does not exist there yet, the
scripted policy stands in for it and `Seat.stand_in` says so.
"""

from __future__ import annotations

from dataclasses import dataclass

HUMAN = "human"
AI_LEVELS = ("ai:easy", "ai:normal", "ai:hard")
STAND_IN = "scripted"


class SeatError(ValueError):
    """An unknown seat name."""


@dataclass(frozen=True)
class Seat:
    """One side's player: `name` as given ("human", "ai:normal", "scripted"...)."""

    name: str
    stand_in: str = ""  # the policy that actually plays when `name` does not exist yet

    @property
    def is_human(self) -> bool:
        return self.name == HUMAN

    @property
    def policy_name(self) -> str:
        return self.stand_in or self.name

    def label(self) -> str:
        """How a person reads this seat: "Human", "AI (normal)", "AI (easy, scripted stand-in)"."""
        if self.is_human:
            return "Human"
        base = self.name[3:] if self.name.startswith("ai:") else self.name
        return f"AI ({base}, {self.stand_in} stand-in)" if self.stand_in else f"AI ({base})"


def make_seat(name: str, rules) -> Seat:
    """A Seat for `name`, checking that its policy exists. Raises SeatError with the choices."""
    name = name.strip().lower()
    if name == HUMAN:
        return Seat(HUMAN)
    from game.ai.policies import POLICIES, make_policy

    try:
        make_policy(name, rules)
        return Seat(name)
    except (ValueError, KeyError) as exc:
        if name in AI_LEVELS:
            return Seat(name, stand_in=STAND_IN)
        known = ", ".join([HUMAN, *AI_LEVELS, *POLICIES])
        raise SeatError(f"unknown seat '{name}' ({exc}); choose one of: {known}") from None


def make_seat_policy(seat: Seat, rules):
    """The Policy object that plays an AI seat."""
    from game.ai.policies import make_policy

    return make_policy(seat.policy_name, rules)
