"""The rules engine made ready in the background while the window is already usable.

On the first start after an install or an update the compiled rules are not in the cache yet. The
window does not wait for them: it opens on its first screen, and only starting or loading a game
waits (game/ui/start.py). This module holds the state of that preparation; the screens that show it
are in game/ui/scenes/preparing.py.
"""

from __future__ import annotations

import threading
import time

from game.ui.worker import BackgroundJob


def one_line(exc: BaseException) -> str:
    """An exception's message as one line (whitespace runs and line breaks become single spaces)."""
    return " ".join(str(exc).split()) or type(exc).__name__


class Preparation:
    """Runs `job(started)` once, on a daemon thread, from construction.

    The job makes the rules engine ready in this process (game/commands/common.prepare_core_apart).
    It calls `started(process)` with each subprocess it runs, so that `cancel()` can end them.

    States: running, then ready (the job returned) or failed (it raised; `error` is its reason in one
    line). `elapsed()` is the time measured since it started, frozen when it ended: the only duration
    the window shows. Nothing here estimates how long is left.
    """

    def __init__(self, job, clock=time.monotonic):
        self._clock = clock
        self.started_at = clock()
        self.ended_at: float | None = None
        self._lock = threading.Lock()
        self._processes: list = []
        self._cancelled = False
        self._job = BackgroundJob(lambda: self._run(job), name="prepare-rules")

    def _run(self, job) -> None:
        try:
            job(self._started)
        finally:
            self.ended_at = self._clock()

    def _started(self, process) -> None:
        with self._lock:
            self._processes.append(process)
            cancelled = self._cancelled
        if cancelled:
            process.terminate()

    @property
    def running(self) -> bool:
        return not self._job.done

    @property
    def ready(self) -> bool:
        return self._job.done and self._job.error is None

    @property
    def failed(self) -> bool:
        return self._job.done and self._job.error is not None

    @property
    def error(self) -> str | None:
        """Why it failed, in one line; None unless it failed."""
        return one_line(self._job.error) if self.failed else None

    def elapsed(self) -> float:
        """Seconds since it started; once it ended, the seconds it took."""
        end = self.ended_at if self.ended_at is not None and not self.running else self._clock()
        return max(0.0, end - self.started_at)

    def since_end(self) -> float | None:
        """Seconds since it ended; None while it runs."""
        return None if self.running or self.ended_at is None else self._clock() - self.ended_at

    def wait(self, timeout: float | None = None) -> bool:
        """Block until it ended (True) or `timeout` seconds passed (False). For tests and scripts."""
        return self._job.wait(timeout)

    def cancel(self) -> None:
        """End the subprocesses the job started, and any it starts from now on (the window is closing).
        The job then fails with their exit; nothing is reported for a closed window."""
        with self._lock:
            self._cancelled = True
            processes = list(self._processes)
        for process in processes:
            if process.poll() is None:
                process.terminate()
