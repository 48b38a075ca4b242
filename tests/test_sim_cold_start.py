"""`spacerace bench --cold`: the rules made ready in a new process, from an empty compile cache and then
from the cache that run filled (game.sim.cold_start)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from game.sim.cold_start import start_times


def test_a_cold_start_compiles_and_a_warm_one_only_loads():
    times = start_times("historical")
    assert set(times) == {"cold_compile_s", "warm_start_s"}
    # the cold run compiled the kernels (many seconds); the warm one found them in the cache it filled
    assert times["cold_compile_s"] > 2 * times["warm_start_s"] > 0


def test_a_scenario_that_cannot_load_is_one_line_not_a_traceback(tmp_path):
    with pytest.raises(RuntimeError, match="the rules did not get ready"):
        start_times(str(tmp_path / "no-such-scenario"))
    done = subprocess.run([sys.executable, "-m", "game", "bench", "--cold", "--scenario", str(tmp_path / "nope")],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode != 0 and "Traceback" not in done.stderr
