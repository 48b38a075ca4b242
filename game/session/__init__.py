"""One live game: the entry point that applies orders, seats and controllers,
the order checker, digests, and save/load. No pygame here.

    session = GameSession.new(scenario, (make_seat("human", rules), make_seat("ai:normal", rules)), seed=7)
    problems = check_plan(scenario, session.observation(0), plan)
    session.seal(0, plan.to_orders(rules)); session.seal(1, session.ai_orders(1))
    us_digest, ussr_digest = session.resolve()
    save_game(session, path); session = load_game(path)
    loaded = open_save(path)     # .session, .changes (what its scenario changed since), .notes
"""

from game.session.checker import Problem, check_plan
from game.session.game import GameSession, OrdersError
from game.session.plan import Plan
from game.session.saves import (
    CorruptSaveError,
    IncompatibleSaveError,
    Loaded,
    SaveError,
    ScenarioChangedError,
    load_game,
    open_save,
    read_header,
    save_game,
)
from game.session.seats import Seat, SeatError, make_seat

__all__ = ["CorruptSaveError", "GameSession", "IncompatibleSaveError", "Loaded", "OrdersError", "Plan", "Problem",
           "SaveError", "ScenarioChangedError", "Seat", "SeatError", "check_plan", "load_game", "make_seat",
           "open_save", "read_header", "save_game"]
