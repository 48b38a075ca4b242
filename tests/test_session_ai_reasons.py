"""A live game's AI seat gives its reasons with the scenario's display names: a launch for a record or an
operation names it as records.toml or operations.toml does ("Longest stay in space"), not by a name made
from its id. A real historical session, both seats ai:easy, played by the scripted plan to 1971 through
seal/resolve, then asked for its AI's orders turn by turn."""

from __future__ import annotations

import re

from gamekit import historical

from game.ai.policies import make_policy
from game.session.game import GameSession
from game.session.seats import Seat

LATE_YEAR = 1971


def test_an_ai_seat_names_records_and_operations_by_their_display_names():
    sc = historical()
    r = sc.rules
    session = GameSession.new(sc, (Seat("ai:easy"), Seat("ai:easy")), seed=3)
    plan = make_policy("scripted", r)
    while r.turn_date(session.turn)[0] < LATE_YEAR:
        for side in (0, 1):
            session.seal(side, plan.act(session.observation(side), session.ai_key(side)))
        session.resolve()
    names = [x["name"] for x in sc.records + sc.operations]
    quoted = re.compile(r'"([^"]+)"')
    named = []
    while not session.is_over and len(named) < 2:
        for side in (0, 1):
            session.seal(side, session.ai_orders(side))
            for line in session.ai_reasons(side) or []:
                named += [q for q in quoted.findall(line) if q in names]
                # every quoted record or operation is a display name (none made from an id)
                assert all(q in names or q in {m["name"] for m in sc.missions} for q in quoted.findall(line)
                           if "record" in line or "running" in line), line
        session.resolve()
    assert len(named) >= 2, "no reason named a record or an operation by its display name"
