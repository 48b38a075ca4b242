"""How busy the rest of the machine was while a benchmark ran (Linux: /proc; elsewhere unknown).

On a shared machine another program on one of the cores can halve a
two-thread step, so `bench` reports, beside its figures, the share of the
processors that others used meanwhile:

    with MachineLoad() as load:
        ...timed work...
    load.others     # float in [0, 1], or None where /proc is not there
"""

from __future__ import annotations

import os
import time
from pathlib import Path

_STAT = Path("/proc/stat")
_SELF = Path("/proc/self/stat")


def _cpu_ticks() -> tuple[int, int] | None:
    """(busy, steal) clock ticks of all processors since boot, from /proc/stat's first line; None
    where it cannot be read. Busy counts user, nice, system, irq and softirq time; idle and iowait
    are not busy; steal is time the hypervisor gave this machine's processors to someone else."""
    try:
        fields = _STAT.read_text().split("\n", 1)[0].split()
    except OSError:
        return None
    if len(fields) < 9 or fields[0] != "cpu":
        return None
    user, nice, system, _idle, _iowait, irq, softirq, steal = (int(v) for v in fields[1:9])
    return user + nice + system + irq + softirq, steal


def _own_ticks() -> int | None:
    """Clock ticks this process (all its threads) has run, user plus system; None if unknown."""
    try:
        text = _SELF.read_text()
    except OSError:
        return None
    fields = text[text.rindex(")") + 2:].split()   # the command name may hold spaces
    return int(fields[11]) + int(fields[12])       # utime, stime (fields 14 and 15 of proc(5))


class MachineLoad:
    """Context manager: measures the processors' time that other programs used while it was open.

    After exit, `others` is that time over (wall time x processors), in [0, 1]
    (0.5 on a two-processor machine: one whole processor was busy elsewhere);
    `steal` is the share the hypervisor gave away. Both are None where /proc
    is missing. Ticks are 1/100 s on most systems, so a run of a few seconds
    is needed for the share to mean much.
    """

    others: float | None = None
    steal: float | None = None

    def __enter__(self) -> MachineLoad:
        self._start = (time.monotonic(), _cpu_ticks(), _own_ticks())
        return self

    def __exit__(self, *exc) -> None:
        t0, cpu0, own0 = self._start
        cpu1, own1 = _cpu_ticks(), _own_ticks()
        if None in (cpu0, cpu1, own0, own1):
            return
        capacity = (time.monotonic() - t0) * os.sysconf("SC_CLK_TCK") * (os.cpu_count() or 1)
        if capacity <= 0:
            return
        others = (cpu1[0] - cpu0[0]) - (own1 - own0)
        self.others = round(min(max(others / capacity, 0.0), 1.0), 3)
        self.steal = round(min(max((cpu1[1] - cpu0[1]) / capacity, 0.0), 1.0), 3)
