"""How long the rules take to be ready in a new process: from an empty compile cache (a first start
after an install or update) and from a warm one. Prints nothing, asserts nothing; `spacerace bench
--cold` reports it."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time

_READY = ("import sys\n"
          "from game.rules import warm_up\n"
          "from game.scenario import load\n"
          "warm_up(load(sys.argv[1]).rules)\n")


def start_times(scenario: str) -> dict:
    """{"cold_compile_s", "warm_start_s"}: wall seconds for a new Python process to import the game,
    load `scenario` (an id or folder) and make its rules ready (warm_up), first with an empty compile
    cache (a temporary SPACERACE_CACHE_DIR), then again with the cache that run filled. Raises
    RuntimeError with the end of the process's output if it fails."""
    with tempfile.TemporaryDirectory(prefix="spacerace-cold-") as cache:
        env = dict(os.environ, SPACERACE_CACHE_DIR=cache)
        return {"cold_compile_s": _timed(scenario, env), "warm_start_s": _timed(scenario, env)}


def _timed(scenario: str, env: dict) -> float:
    t0 = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", _READY, scenario], env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - t0
    if done.returncode != 0:
        tail = (done.stderr or done.stdout).strip().splitlines()[-3:]
        raise RuntimeError("the rules did not get ready: " + (" / ".join(tail) or f"exit {done.returncode}"))
    return round(elapsed, 2)
