"""The timeline of a launch in the launch view: when each part of it happens, in seconds at animation
speed 1 (the scene scales its clock by the animation speed setting, not these durations).

A launch: the countdown on the pad (PAD_S), the climb of its first step (FLY_S), each later step
(STEP_S, its outcome shown after REVEAL of it), then the closing banner (END_S).
"""

from __future__ import annotations

from dataclasses import dataclass

from game.rules.tables import SCRUBBED

PAD_S = 1.0      # on the pad: the countdown
FLY_S = 1.6      # the first step (the climb): lift-off to space, where the engines stop
STEP_S = 0.8     # each later step of the flight
REVEAL = 0.55    # share of a step after which its outcome shows
END_S = 1.5      # the banner before the next launch
DROP_S = 0.7     # the spent launcher falling away once the payload flies on its own
SMOKE_S = 1.6    # the clouds of lift-off on the pad
TICKS = (0.25, 0.5, 0.75)  # countdown ticks, as shares of PAD_S


@dataclass(frozen=True)
class Beat:
    """When the parts of one launch happen, in seconds at animation speed 1."""

    steps: int
    flown: bool        # False when the launch was scrubbed: the stack stays on the pad
    failed_step: int   # index of the step that failed, -1 for none

    def step_start(self, i: int) -> float:
        return PAD_S + min(i, 1) * FLY_S + max(i - 1, 0) * STEP_S

    def reveal(self, i: int) -> float:
        """When step i's outcome shows."""
        return self.step_start(i) + REVEAL * (FLY_S if i == 0 else STEP_S)

    def step_at(self, t: float) -> int:
        """The step being flown at time t (-1 on the pad, the last one from the banner on)."""
        return max(i for i in range(-1, self.steps) if i < 0 or t >= self.step_start(i))

    @property
    def banner(self) -> float:
        return self.step_start(self.steps)

    @property
    def total(self) -> float:
        return self.banner + END_S

    @property
    def failure_time(self) -> float | None:
        return self.reveal(self.failed_step) if self.failed_step >= 0 else None


def beat_of(launch) -> Beat:
    """The timing of a LaunchReport."""
    states = [s.state for s in launch.steps]
    failed = states.index("failed") if "failed" in states else -1
    return Beat(len(states), launch.outcome != SCRUBBED, failed)


def altitude_share(t: float) -> float:
    """0 on the pad .. 1 in space, `t` seconds after lift-off (a smooth climb)."""
    x = min(max(t / FLY_S, 0.0), 1.0)
    return x * x * (3 - 2 * x)
