"""GameFlow: which screen comes next in a game, and the hand-offs between seats.

A turn: each human side in turn (US first) sees — after a neutral pass-the-
device screen in hot-seat — its digest of the last turn, its event pop-ups,
then headquarters; when it ends its turn its orders are sealed. AI seats think
on worker threads meanwhile. When every side has sealed, the session resolves
the turn (the only place the game changes), autosaves and the next turn begins.
With AI in both seats the window follows the US side and plays itself.

Every screen of a side is built from that side's Observation alone.
"""

from __future__ import annotations

from game.session.plan import Plan
from game.session.saves import SaveError, autosave
from game.ui.worker import AIWorker


class GameFlow:
    def __init__(self, app, session, turns_limit: int | None = None):
        self.app = app
        self.session = session
        self.turns_limit = turns_limit
        self.turns_played = 0
        self.workers: dict[int, AIWorker] = {}
        self.plans: dict[int, Plan] = {0: Plan(0), 1: Plan(1)}
        self.todo: list[int] = []
        self.steps: list = []
        self.viewer = session.humans[0] if session.humans else 0
        self.waiting = False
        self.finished = False
        self.guides: dict = {}  # side -> its guided first turns (game/ui/guide.py), when a new game offers them
        self.demo_roster_shown = False  # the demo shows the roster once, the first turn its side has people

    @property
    def guide(self):
        """The guided first turns of the side now at the device (None: it has none)."""
        return self.guides.get(self.viewer)

    @guide.setter
    def guide(self, guide) -> None:
        if guide is None:
            self.guides.pop(self.viewer, None)
        else:
            self.guides[guide.side] = guide

    @property
    def hotseat(self) -> bool:
        return len(self.session.humans) == 2

    @property
    def spectating(self) -> bool:
        return not self.session.humans

    # --- turn structure ----------------------------------------------------------------------------------
    def start(self) -> None:
        self.app.flow = self
        self.begin_turn()

    def begin_turn(self) -> None:
        s = self.session
        self.waiting = False
        if s.is_over or (self.turns_limit is not None and self.turns_played >= self.turns_limit):
            self.finish()
            return
        self.workers = {side: AIWorker(s, side) for side in (0, 1)
                        if not s.seats[side].is_human and not s.has_sealed(side)}
        self.plans = {0: Plan(0), 1: Plan(1)}
        self.todo = [side for side in s.humans if not s.has_sealed(side)]
        if self.spectating:
            self.todo = [0]
        self.next_side()

    def next_side(self) -> None:
        from game.ui.scenes.events import EventScene, own_events
        from game.ui.scenes.handoff import PassDeviceScene
        from game.ui.scenes.hq import HeadquartersScene
        from game.ui.scenes.results import ResultsScene

        if not self.todo:
            self.await_ai()
            return
        side = self.todo.pop(0)
        self.viewer = side
        steps = []
        if self.hotseat:
            steps.append(lambda: PassDeviceScene(self.app, self, side))
        report = self.session.last_report(side)
        if report.turn >= 0 and report.launches:  # the launch view plays the turn's launches first
            from game.ui.scenes.launch import LaunchScene

            steps.append(lambda: LaunchScene(self.app, self, side, report))
        if report.turn >= 0:
            steps.append(lambda: ResultsScene(self.app, self, side, report))
        events = own_events(self.session, side)
        for i, e in enumerate(events):
            steps.append(lambda e=e, i=i: EventScene(self.app, self, side, e, i, len(events)))
        steps.append(lambda: HeadquartersScene(self.app, self, side))
        self.steps = steps
        self.advance()

    def advance(self) -> None:
        """Show the next screen of the current side's sequence."""
        if self.steps:
            self.app.show(self.steps.pop(0)())

    def end_turn(self, side: int, plan: Plan) -> None:
        """Seal a side's orders (the HQ screen checked them first) and hand over."""
        s = self.session
        if self.spectating:
            self.await_ai()
            return
        s.seal(side, plan.to_orders(s.rules))
        if self.hotseat and self.todo:
            self.save_auto()
        self.next_side()

    def await_ai(self) -> None:
        from game.ui.scenes.thinking import ThinkingScene

        if all(w.done for w in self.workers.values()):
            self.resolve()
        else:
            self.waiting = True
            self.app.show(ThinkingScene(self.app, self))

    def update(self, dt: float) -> None:
        if self.waiting and all(w.done for w in self.workers.values()):
            self.resolve()

    def resolve(self) -> None:
        s = self.session
        self.waiting = False
        for side, w in self.workers.items():
            if not s.has_sealed(side):
                s.seal(side, w.result())
        self.workers = {}
        reports = s.resolve()
        self.turns_played += 1
        mine = reports[self.viewer]
        if mine.firsts and not mine.launches:  # launches are sounded by the launch view
            self.app.sounds.play("first")
        if s.humans:
            self.save_auto()
        self.begin_turn()

    def save_auto(self) -> None:
        try:
            autosave(self.session)
        except SaveError as exc:
            self.app.notify(f"Autosave failed: {exc}")

    def finish(self) -> None:
        from game.ui.scenes.charts import ChartsScene
        from game.ui.scenes.gameover import GameOverScene

        self.finished = True
        side = self.viewer
        public = self.hotseat
        self.steps = [lambda: ChartsScene(self.app, self, side, public_only=public, then_continue=True),
                      lambda: GameOverScene(self.app, self, side)]
        if not self.app.autoplay:
            self.steps = self.steps[1:]
        self.steps = self._last_turn_shown(side) + self.steps
        self.advance()

    def _last_turn_shown(self, side: int) -> list:
        """The screens of the last resolved turn that `side` has not seen yet (its launches, then its results),
        shown before the end of the game; none in hot-seat, where each side's report is its own secret."""
        from game.ui.scenes.launch import LaunchScene
        from game.ui.scenes.results import ResultsScene

        report = self.session.last_report(side)
        if self.hotseat or report.turn < 0 or self.turns_played == 0:
            return []
        shown = [lambda: ResultsScene(self.app, self, side, report)]
        if report.launches:
            shown.insert(0, lambda: LaunchScene(self.app, self, side, report))
        return shown

    def stop(self) -> None:
        """Forget the game (workers are daemon threads and simply finish)."""
        self.workers = {}
        self.waiting = False
