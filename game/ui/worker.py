"""AI decisions off the UI thread: the window keeps drawing while an AI seat thinks."""

from __future__ import annotations

import threading


class AIWorker:
    """Computes `session.ai_orders(side)` on a daemon thread.

    `result()` is None until done; an exception in the AI is kept and re-raised
    by `result()` so the UI can report it instead of hanging.
    """

    def __init__(self, session, side: int):
        self.side = side
        self.turn = session.turn
        self._orders = None
        self._error: BaseException | None = None
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(session,), daemon=True, name=f"ai-side-{side}")
        self._thread.start()

    def _run(self, session) -> None:
        try:
            self._orders = session.ai_orders(self.side)
        except BaseException as exc:  # reported on the UI thread by result()
            self._error = exc
        finally:
            self._done.set()

    @property
    def done(self) -> bool:
        return self._done.is_set()

    def wait(self, timeout: float | None = None) -> bool:
        return self._done.wait(timeout)

    def result(self):
        if self._error is not None:
            raise self._error
        return self._orders if self.done else None
