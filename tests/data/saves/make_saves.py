"""Make the save fixtures of one release with that release's own code, and record what they hold.

    git worktree add /tmp/release-0.2.1 12c7295         # the release's commit
    PYTHONPATH=/tmp/release-0.2.1 SPACERACE_CACHE_DIR=/tmp/cache-0.2.1 \
        .venv/bin/python tests/data/saves/make_saves.py tests/data/saves/0.2.1

or, for saves an older release made that are already in a folder, `make_saves.py --record FOLDER`
writes their expected.json as this release reads them.

Runs against whichever `game` package is importable (the release's, through PYTHONPATH; its
compiled kernels go to their own cache; from 0.3.0 on, links in its checkout make it read its own
scenarios: README.md in this folder) and uses only the session API every release has had:
GameSession.new, seal, ai_orders, resolve, observation, is_over, save_game, describe_save. The human seats'
orders come from policies playing on that side's own observation, with fixed dice, so the games are
the same on every run on the same kind of computer.

Writes the saves and `expected.json`: for each save what the release itself read from the live
session when it saved (date, turn, prestige, money, milestones, program states, winner, the state's
checksum and the State's fields it covers, the save's format, the one-line summary).
The tests load each save with today's code and check it against these values.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import game
from game.ai.policies import make_policy
from game.rules.rng import game_keys
from game.rules.state import state_fields
from game.rules.tables import STATUS_NAMES
from game.scenario import load
from game.session import GameSession, make_seat, save_game
from game.session.describe import turn_label
from game.session.saves import describe_save

SIDES = ("us", "ussr")
END = 10**6     # a save point at this turn is made when the game is over (it ends at its last turn or earlier)

# (file stem, scenario, seats, names, seed, policies playing the human seats, turns at which to save (END: the
#  finished game), side whose orders are sealed in the save made at that turn (hot-seat: the US has ended its turn))
GAMES = [
    ("single-historical", "historical", ("human", "ai:normal"), ("Ann", ""), 1961, ("scripted", None),
     {"early": 4, "mid": 18, "late": 34, "over": END}, {}),
    ("hotseat-historical", "historical", ("human", "human"), ("Ann", "Boris"), 1969, ("ai:easy", "scripted"),
     {"early": 6, "mid": 20, "late": 36}, {"mid": 0}),
    ("single-race_to_the_moon", "race_to_the_moon", ("ai:easy", "human"), ("", "Sergei"), 1957, (None, "scripted"),
     {"mid": 10}, {}),
]


def human_orders(session, side: int, policy):
    """The human seat's orders this turn, chosen by `policy` from that side's observation."""
    key = game_keys(session.seed * 7 + side * 101 + session.turn, 1)
    return policy.act(session.observation(side), key)


def record(session, path: Path) -> dict:
    """What a player and the tests can check of a saved game, read from the live session."""
    rules, sc = session.rules, session.scenario
    st = session.state
    t = min(session.turn, rules.n_turns - 1)
    held = int(st.held[0, 0]), int(st.held[0, 1])
    programs = {}
    for p, pid in enumerate(rules.program_ids):
        owner = int(rules.prog_side[p])
        obs = session.observation(owner)
        programs[pid] = {"status": STATUS_NAMES[int(obs.status[0, p])], "dev": float(st.dev[0, p]),
                         "flights": int(st.flights[0, p]), "cancelled": bool(st.prog_cancelled[0, p])}
    return {
        "file": path.name, "recorded_by": game.__version__, "scenario": sc.id,
        "scenario_hash": rules.content_hash, "seed": session.seed, "seats": [s.name for s in session.seats],
        "names": list(session.names), "turn": session.turn, "turns": rules.n_turns, "date": turn_label(sc, t),
        "over": session.is_over, "checksum": session.checksum(),
        "prestige": [float(v) for v in st.prestige[0]], "cash": [float(v) for v in st.cash[0]],
        "budget": [float(v) for v in st.budget[0]],
        "held": {SIDES[s]: [k for i, k in enumerate(rules.milestone_ids) if held[s] >> i & 1] for s in (0, 1)},
        "firsts": {k: [int(st.first_side[0, i]), float(st.first_month[0, i])]
                   for i, k in enumerate(rules.milestone_ids) if st.first_side[0, i] >= 0},
        "programs": programs, "winner": int(st.winner[0]),
        "sealed": [session.has_sealed(s) for s in (0, 1)],
        "state_fields": state_fields(), "format_version": json.loads(path.read_text())["format_version"],
        "summary": describe_save(path),
    }


def check_release_data() -> None:
    """Stops when the release's code would read another checkout's scenarios: from 0.3.0 on they are the
    package `game.data.scenarios`, which an editable install maps to its own checkout, not the release's."""
    try:
        import game.data as data
    except ModuleNotFoundError:
        return                                                   # before 0.3.0: found beside the code
    code = Path(game.__file__).resolve().parents[1]
    scenarios = data.folder(data.SCENARIOS).resolve()
    if not scenarios.is_relative_to(code):
        sys.exit(f"the game's code is {code} but its scenarios are read from {scenarios}: in the release's "
                 f"checkout, link game/data/scenarios to ../../scenarios (README.md in this folder)")


def make(out: Path) -> None:
    check_release_data()
    out.mkdir(parents=True, exist_ok=True)
    expected = {}
    for stem, scenario_id, seat_names, names, seed, human_policies, points, sealed_at in GAMES:
        sc = load(scenario_id)
        rules = sc.rules
        session = GameSession.new(sc, tuple(make_seat(n, rules) for n in seat_names), seed, names)
        policies = [make_policy(p, rules) if p else None for p in human_policies]
        for label, turn in sorted(points.items(), key=lambda kv: kv[1]):
            while session.turn < turn and not session.is_over:
                for side in (0, 1):
                    session.seal(side, human_orders(session, side, policies[side]) if policies[side]
                                 else session.ai_orders(side))
                session.resolve()
            assert session.turn == turn or (turn == END and session.is_over), (stem, label, session.turn)
            side = sealed_at.get(label)
            if side is not None:
                session.seal(side, human_orders(session, side, policies[side]))
            path = save_game(session, out / f"{stem}-{label}.save")
            expected[path.name] = record(session, path)
            print(expected[path.name]["summary"])
            if side is not None:
                session.sealed[side] = None     # the game goes on as if the save had been made a moment earlier
    (out / "expected.json").write_text(json.dumps(expected, indent=1, sort_keys=True) + "\n")


def record_saves(out: Path) -> None:
    """expected.json for saves already in `out` (an older release's), as this release reads them on loading."""
    from game.session import load_game

    expected = {p.name: record(load_game(p), p) for p in sorted(out.glob("*.save"))}
    (out / "expected.json").write_text(json.dumps(expected, indent=1, sort_keys=True) + "\n")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--record":
        record_saves(Path(sys.argv[2]))
    elif len(sys.argv) == 2:
        make(Path(sys.argv[1]))
    else:
        sys.exit(__doc__)
