"""Starting a game in the window: new, loaded from a save, or a demo (AI v AI).

A game needs the rules engine. While it is still being prepared (the first start after an install,
see game/ui/preparation.py) starting one shows the waiting screen instead, which starts it the
moment the engine is ready; the start functions then return None.
"""

from __future__ import annotations

from game.session.game import GameSession
from game.session.saves import open_save
from game.session.seats import make_seat
from game.ui.flow import GameFlow


def when_ready(app, begin, fatal: bool = False) -> bool:
    """Call `begin()` now if the rules engine is ready (its exceptions reach the caller) and return True;
    otherwise show the waiting screen, which calls it once the engine is ready, and return False.
    The waiting screen goes back to the current screen on Escape or when begin fails; `fatal` (a game
    the command line asked for) makes such a failure close the window instead (see WaitingScene)."""
    if app.rules_ready:
        begin()
        return True
    from game.ui.scenes.preparing import WaitingScene

    app.show(WaitingScene(app, begin, back_to=app.scene, fatal=fatal))
    return False


def start_new(app, scenario, us: str, ussr: str, seed: int, names=("", ""), fatal: bool = False) -> GameFlow | None:
    """Begin a new game (or wait for the rules engine, see when_ready); raises SeatError for an unknown seat
    when it begins at once."""
    flows = []

    def begin() -> None:
        seats = (make_seat(us, scenario.rules), make_seat(ussr, scenario.rules))
        session = GameSession.new(scenario, seats, seed, names)
        flow = GameFlow(app, session, turns_limit=app.options.turns)
        if app.settings.guide and session.humans and not app.autoplay:
            from game.ui.guide import Guide

            flow.guides = {side: Guide(app, flow, side) for side in session.humans}  # hot-seat: each its own
        flows.append(flow)
        flow.start()

    when_ready(app, begin, fatal)
    return flows[0] if flows else None


def start_loaded(app, path, fatal: bool = False) -> GameFlow | None:
    """Continue a saved game (or wait for the rules engine, see when_ready); raises SaveError (one line for
    the player) when the file cannot be used and it begins at once. When its scenario has changed since the
    save, or the load has notes, their screen (saveload.LoadedScene) shows first and starts the game on
    Continue; the function then returns None."""
    flows = []

    def begin() -> None:
        loaded = open_save(path)
        if loaded.changes or loaded.notes:
            from pathlib import Path

            from game.ui.scenes.saveload import LoadedScene

            app.show(LoadedScene(app, loaded, Path(path)))
            return
        flows.append(GameFlow(app, loaded.session, turns_limit=app.options.turns))
        flows[0].start()

    when_ready(app, begin, fatal)
    return flows[0] if flows else None


def start_demo(app, seed: int = 0) -> GameFlow | None:
    """AI in both seats (the options' seats, else ai:easy): the attract mode."""
    from game.scenario import load

    scenario = load(app.options.scenario or "historical")
    return start_new(app, scenario, app.options.us or "ai:easy", app.options.ussr or "ai:easy", seed)
