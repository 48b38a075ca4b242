"""Making the compiled rules ready: loaded from the cache, or compiled on a first start.

A first start after an install or an update compiles three kernels. The
largest, the turn (`_step_games`), is compiled in a second process while this
one compiles the others (new games, program flags), so on two cores the wait is
about that of the turn alone; both processes write the same cache, and this one
then loads the turn from it. Should the second process fail, this one compiles
the turn itself: slower, never wrong.
"""

from __future__ import annotations

import dataclasses
import os
import pickle
import subprocess
import sys
from pathlib import Path

from game.rules.jit import is_cached
from game.rules.orders import Orders
from game.rules.state import State
from game.rules.tables import Rules

KERNELS = ("_open_games", "_step_games", "_program_flags_games")


def compiled() -> bool:
    """Are the kernels already compiled in the cache for these sources (warm_up only loads them)?"""
    return all(is_cached(k) for k in KERNELS)


def warm_up(rules: Rules, announce=None) -> None:
    """Compile the kernels, or load them from the cache: one turn of one game, and an observation.

    `announce(message)` is called first when they are about to be compiled.
    """
    from game.rules.observe import observe
    from game.rules.rng import game_keys
    from game.rules.step import init, step

    helper = None
    if not compiled():
        if announce:
            announce("Compiling the rules engine (once after an install or update)...")
        if not is_cached("_step_games") and (os.cpu_count() or 1) > 1:
            helper = _start_turn_compiler(rules)
    state = init(rules, game_keys(0, 1))
    observe(rules, state, 0)
    if helper is not None:
        helper.wait()
    state, _ = step(rules, state, Orders.empty(rules, 1))
    observe(rules, state, 0)


def compile_turn(rules: Rules) -> None:
    """Compile the turn's kernel into the cache (or load it): one step of a game not yet opened."""
    from game.rules.rng import game_keys
    from game.rules.step import step, unopened_games

    layout, block = unopened_games(rules, game_keys(0, 1))
    step(rules, State.in_block(layout, block), Orders.empty(rules, 1))


_CHILD = ("import pickle, sys\n"
          "from game.rules.warm import compile_turn\n"
          "compile_turn(pickle.load(sys.stdin.buffer))\n")


def _start_turn_compiler(rules: Rules) -> subprocess.Popen | None:
    """A new interpreter running compile_turn(rules) into the same cache (its output discarded: should
    it fail, warm_up compiles the turn itself), or None where one cannot be started."""
    package_root = str(Path(__file__).resolve().parents[2])      # the folder that holds `game`
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in (package_root, os.environ.get("PYTHONPATH")) if p))
    try:
        child = subprocess.Popen([sys.executable, "-c", _CHILD], stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                                 stderr=subprocess.DEVNULL, env=env)
        with child.stdin:
            child.stdin.write(pickle.dumps(dataclasses.replace(rules)))   # a copy with an empty kernel cache
        return child
    except (OSError, pickle.PicklingError):
        return None
