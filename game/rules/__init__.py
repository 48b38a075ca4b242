"""The pure, batched rules core: no pygame, no clocks, no global randomness.

`step` plays a batch of games through one compiled kernel (numba, see
game.rules.jit); the only files it touches are numba's cache of compiled code.
"""

from game.rules.batch_threads import set_threads
from game.rules.observe import Observation, observe
from game.rules.orders import Orders
from game.rules.state import State
from game.rules.step import StepInfo, init, outcome, step
from game.rules.tables import Rules
from game.rules.warm import compiled, warm_up

__all__ = ["Observation", "Orders", "Rules", "State", "StepInfo", "compiled", "init", "observe", "outcome",
           "set_threads", "step", "warm_up"]
