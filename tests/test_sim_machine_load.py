"""MachineLoad (bench's figure of what else ran) against real load: a busy child process counts, this
process's own work does not."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from game.sim.machine_load import MachineLoad

pytestmark = pytest.mark.skipif(not Path("/proc/stat").exists(), reason="needs Linux's /proc")

SPIN_S = 1.5


def _spin(seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass


def test_a_busy_program_elsewhere_counts_and_our_own_work_does_not():
    busy = subprocess.Popen([sys.executable, "-c", f"import time\nend = time.monotonic() + {SPIN_S + 1}\n"
                             "while time.monotonic() < end: pass"])
    try:
        time.sleep(0.2)                         # the child is up and spinning
        with MachineLoad() as other:
            time.sleep(SPIN_S)
    finally:
        busy.wait()
    with MachineLoad() as own:
        _spin(SPIN_S)
    one_core = 1 / (os.cpu_count() or 1)
    assert other.others is not None and own.others is not None
    assert other.others >= 0.6 * one_core       # one whole processor, give or take the tick granularity
    assert own.others < other.others            # our own spinning is not someone else's
    assert 0.0 <= own.steal <= 1.0 and 0.0 <= other.steal <= 1.0
