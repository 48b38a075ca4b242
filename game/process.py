"""Process-wide settings for a process that plays games (the command line, arena workers)."""

from __future__ import annotations

import ctypes
import ctypes.util

_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3   # glibc mallopt parameters


def keep_freed_memory() -> bool:
    """Ask glibc to keep freed memory for reuse instead of handing it back to the system at once.

    Every step allocates a fresh State (about 8 MB at 4096 games) while the
    last one is freed; by default glibc unmaps such blocks and the next step
    pays a page fault for every new page (about a third of a large step here).
    With these thresholds the freed blocks are reused. Returns whether it
    applied (only on glibc; elsewhere nothing changes).
    """
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        mallopt = libc.mallopt
    except (OSError, AttributeError):
        return False
    return bool(mallopt(_M_MMAP_THRESHOLD, 256 << 20)) and bool(mallopt(_M_TRIM_THRESHOLD, 1 << 30))
