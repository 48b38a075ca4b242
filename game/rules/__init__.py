"""The pure, batched rules core: no pygame, no files, no clocks, no global randomness."""

from game.rules.observe import Observation, observe
from game.rules.orders import Orders
from game.rules.state import State
from game.rules.step import StepInfo, init, outcome, step
from game.rules.tables import Rules

__all__ = ["Observation", "Orders", "Rules", "State", "StepInfo", "init", "observe", "outcome", "step"]
