"""`spacerace play`: the game window (and, with no command at all, the main menu).

    spacerace play [--scenario ID_OR_PATH] [--us SEAT] [--ussr SEAT] [--seed N] [--load FILE]
                   [--turns N] [--screenshots DIR] [--exit]

SEAT is `human`, `ai:easy`, `ai:normal`, `ai:hard` or a policy name. With AI in
both seats the window plays itself (demo / attract mode). `--load FILE --exit`
reports what a save holds without opening a window. Bad input gets one line
on stderr and a non-zero exit.
"""

from __future__ import annotations

import sys
from pathlib import Path


def add_parser(sub) -> None:
    p = sub.add_parser("play", help="open the game window (the default command)")
    p.add_argument("--scenario", help="scenario id or folder (default: historical)")
    p.add_argument("--us", metavar="SEAT", help="who plays the US: human, ai:easy, ai:normal, ai:hard or a policy")
    p.add_argument("--ussr", metavar="SEAT", help="who plays the USSR (same choices)")
    p.add_argument("--seed", type=int, help="the game's seed (default: random)")
    p.add_argument("--load", metavar="FILE", help="continue a saved game")
    p.add_argument("--turns", type=int, help="stop after this many turns")
    p.add_argument("--screenshots", metavar="DIR", help="save a PNG of every screen shown into DIR")
    p.add_argument("--exit", action="store_true", help="exit when the game (or --turns) ends; with --load: "
                                                        "report what the save holds and exit")
    p.set_defaults(func=run)


def _fail(message: str) -> int:
    print(f"spacerace: {message}", file=sys.stderr)
    return 1


def _seats(args) -> tuple[str | None, str | None]:
    us, ussr = args.us, args.ussr
    if us and not ussr:
        ussr = "ai:normal" if us == "human" else "human"
    elif ussr and not us:
        us = "ai:normal" if ussr == "human" else "human"
    return us, ussr


def run(args) -> int:
    from game.commands.common import announce_background_compile, load_scenario, prepare_core, prepare_core_apart
    from game.rules import compiled
    from game.session.saves import SaveError, describe_save, open_save

    if args.turns is not None and args.turns < 1:
        return _fail("--turns must be at least 1")
    if args.load and args.exit:
        try:
            print(describe_save(args.load))
            return 0
        except SaveError as exc:
            return _fail(f"cannot load {args.load}: {exc}")
    # every scenario runs on the same compiled rules. With a warm cache they load here in well under a
    # second, and a save or the seats are checked before the window opens. On the first start after an
    # install they compile in the background instead, the window is usable meanwhile, and a game asked
    # for here starts in the window once they are ready (game/ui/start.py).
    name = args.scenario or "historical"
    loaded = load_scenario(name)
    rules = loaded.rules
    cold = not compiled()
    us, ussr = _seats(args)
    scenario = loaded if us or args.scenario else None
    session = None
    if cold:
        if args.load and not Path(args.load).is_file():
            return _fail(f"cannot load {args.load}: no such file")
        announce_background_compile()
    else:
        prepare_core(rules)
        if args.load:
            try:
                loaded_save = open_save(args.load)
            except SaveError as exc:
                return _fail(f"cannot load {args.load}: {exc}")
            # a save whose scenario changed since (or that loads with notes) is loaded again in the window,
            # which shows what changed first (game/ui/start.py start_loaded)
            session = None if loaded_save.changes or loaded_save.notes else loaded_save.session
        from game.session.seats import SeatError, make_seat

        try:
            for seat in (us, ussr):
                if seat:
                    make_seat(seat, scenario.rules)   # raises SeatError, which says what the choices are
        except SeatError as exc:
            return _fail(str(exc))

    from game.ui.main import Options, run_window

    options = Options(scenario=args.scenario, us=us, ussr=ussr, seed=args.seed, load=args.load, turns=args.turns,
                      screenshots=args.screenshots, exit_at_end=args.exit)
    prepare = (lambda started: prepare_core_apart(name, rules, started)) if cold else None
    return run_window(options, session=session, scenario=scenario, prepare=prepare)
