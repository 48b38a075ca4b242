"""Starting a game in the window: new, loaded from a save, or a demo (AI v AI)."""

from __future__ import annotations

from game.session.game import GameSession
from game.session.saves import load_game
from game.session.seats import make_seat
from game.ui.flow import GameFlow


def start_new(app, scenario, us: str, ussr: str, seed: int, names=("", "")) -> GameFlow:
    """Begin a new game; raises SeatError for an unknown seat."""
    seats = (make_seat(us, scenario.rules), make_seat(ussr, scenario.rules))
    session = GameSession.new(scenario, seats, seed, names)
    flow = GameFlow(app, session, turns_limit=app.options.turns)
    flow.start()
    return flow


def start_loaded(app, path) -> GameFlow:
    """Continue a saved game; raises SaveError (one line for the player) when the file cannot be used."""
    session = load_game(path)
    flow = GameFlow(app, session, turns_limit=app.options.turns)
    flow.start()
    return flow


def start_demo(app, seed: int = 0) -> GameFlow:
    """AI in both seats (the options' seats, else ai:easy): the attract mode."""
    from game.scenario import load

    scenario = load(app.options.scenario or "historical")
    return start_new(app, scenario, app.options.us or "ai:easy", app.options.ussr or "ai:easy", seed)
