"""Work off the UI thread: the window keeps drawing while an AI seat thinks or the rules compile."""

from __future__ import annotations

import threading


class BackgroundJob:
    """Runs `job()` on a daemon thread named `name`.

    `result()` is None until done, then what the job returned; an exception in
    the job is kept (`error`) and re-raised by `result()` so the UI can report
    it instead of hanging.
    """

    def __init__(self, job, name: str):
        self._value = None
        self.error: BaseException | None = None
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(job,), daemon=True, name=name)
        self._thread.start()

    def _run(self, job) -> None:
        try:
            self._value = job()
        except BaseException as exc:  # reported on the UI thread by result()
            self.error = exc
        finally:
            self._done.set()

    @property
    def done(self) -> bool:
        return self._done.is_set()

    def wait(self, timeout: float | None = None) -> bool:
        return self._done.wait(timeout)

    def result(self):
        if self.error is not None:
            raise self.error
        return self._value if self.done else None


class AIWorker(BackgroundJob):
    """Computes `session.ai_orders(side)` on a daemon thread.

    `reasons`, once done: the AI's reasons for those orders in plain words (headline first), or None
    for a seat whose policy gives none (scripted, random). The window shows them only when both seats
    are AI (GameFlow.spectating), never a rival's to a person playing.
    """

    def __init__(self, session, side: int):
        self.side = side
        self.turn = session.turn
        self.reasons: list[str] | None = None
        super().__init__(lambda: self._think(session), name=f"ai-side-{side}")

    def _think(self, session):
        orders = session.ai_orders(self.side)
        self.reasons = session.ai_reasons(self.side)
        return orders
