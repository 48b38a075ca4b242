"""Seats: who plays a side. A seat is "human" or the name of an AI policy.

The AI policies are game.ai.policies.make_policy's: "random", "scripted" and
the search AI's levels "ai:easy", "ai:normal" and "ai:hard". A seat whose
policy cannot be built for the scenario is a SeatError the player is shown,
never a silent stand-in.
"""

from __future__ import annotations

from dataclasses import dataclass

HUMAN = "human"


class SeatError(ValueError):
    """A seat that cannot play: an unknown name, or an AI that cannot be built for the scenario. Its
    message is one line for the player."""


@dataclass(frozen=True)
class Seat:
    """One side's player: `name` as given ("human", "ai:normal", "scripted"...)."""

    name: str

    @property
    def is_human(self) -> bool:
        return self.name == HUMAN

    def label(self) -> str:
        """How a person reads this seat: "Human", "AI (normal)", "AI (scripted)"."""
        if self.is_human:
            return "Human"
        return f"AI ({self.name[3:] if self.name.startswith('ai:') else self.name})"


def make_seat(name: str, rules) -> Seat:
    """A Seat for `name`, whose policy is built once to prove it can play these rules. Raises SeatError:
    for an unknown name, with the choices; for a policy that fails to build, with its reason."""
    name = name.strip().lower()
    if name == HUMAN:
        return Seat(HUMAN)
    make_seat_policy(Seat(name), rules)
    return Seat(name)


def make_seat_policy(seat: Seat, rules):
    """The Policy object that plays an AI seat. Raises SeatError as make_seat does."""
    from game.ai.policies import AI_LEVELS, POLICIES, make_policy

    if seat.name not in POLICIES and seat.name not in AI_LEVELS:
        known = ", ".join([HUMAN, *AI_LEVELS, *POLICIES])
        raise SeatError(f"unknown seat '{seat.name}'; choose one of: {known}")
    try:
        return make_policy(seat.name, rules)
    except Exception as exc:   # whatever went wrong, the player is told in one line which seat cannot play
        reason = " ".join(str(exc).split()) or type(exc).__name__
        raise SeatError(f"the '{seat.name}' AI cannot play scenario '{rules.scenario_id}': {reason}") from exc
