"""`spacerace forecast`: each side's chance to take each remaining first and to win, seen by one side.

    spacerace forecast --load SAVE [--side us|ussr] [--quality fast|normal|high] [--json]
    spacerace forecast --calibrate [--games N] [--seed N] [--players POLICY] [--scenario ID] [--quality Q] [--json]

The forecast reads only the chosen side's view of the saved game (game.ai.forecast); the side defaults to
the save's human side (the US when both or neither are human). --calibrate plays games and scores the
forecast against what happened (game.ai.forecast_calibration; docs/FORECAST.md). A save that cannot be read
is one line on stderr and exit code 2.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

BAD_INPUT = 2


def add_parser(sub) -> None:
    p = sub.add_parser("forecast", help="chances of each remaining first and of winning, seen by one side")
    p.add_argument("--load", metavar="SAVE", help="the saved game (a path, or the name of a save in the saves folder)")
    p.add_argument("--side", choices=("us", "ussr"), help="whose view (default: the save's human side, else us)")
    p.add_argument("--quality", choices=("fast", "normal", "high"), default="normal",
                   help="sampled worlds x rollouts: fast 8x8, normal 16x16, high 32x32")
    p.add_argument("--json", action="store_true", help="print a JSON dict (keys in docs/FORECAST.md)")
    p.add_argument("--calibrate", action="store_true", help="measure the forecast over played games instead")
    p.add_argument("--games", type=int, default=200, help="with --calibrate: games played (default 200)")
    p.add_argument("--seed", type=int, default=1, help="with --calibrate: the games' seed (default 1)")
    p.add_argument("--players", default="ai:easy", help="with --calibrate: the policy of both sides (default ai:easy)")
    p.add_argument("--scenario", default="historical", help="with --calibrate: scenario id or folder")
    p.set_defaults(func=run)


def _fail(message: str) -> int:
    print(f"spacerace: {message}", file=sys.stderr)
    return BAD_INPUT


def _save_path(name: str) -> Path:
    """The save named on the command line: a path, else a file of the saves folder (".save" optional)."""
    from game.session.paths import saves_dir
    from game.session.saves import SUFFIX

    path = Path(name)
    if path.is_file():
        return path
    for candidate in (saves_dir() / name, saves_dir() / (name + SUFFIX)):
        if candidate.is_file():
            return candidate
    return path


def run(args) -> int:
    if args.calibrate:
        return _calibrate(args)
    if not args.load:
        return _fail("forecast needs --load SAVE (a saved game) or --calibrate")
    from game.commands.common import prepare_core
    from game.session.saves import SaveError, open_save

    path = _save_path(args.load)
    if not path.is_file():
        return _fail(f"cannot load {args.load}: no such file (saves are listed by `spacerace play`'s Load screen)")
    try:
        session = open_save(path).session
    except SaveError as exc:
        return _fail(f"cannot load {args.load}: {exc}")
    side = ("us", "ussr").index(args.side) if args.side else (session.humans[0] if len(session.humans) == 1 else 0)
    sc = session.scenario
    prepare_core(sc.rules)
    from game.ai.forecast import forecast, forecast_dict

    fc = forecast(sc.rules, session.observation(side), args.quality)
    data = forecast_dict(fc, list(sc.rules.milestone_ids), [m["name"] for m in sc.milestones])
    if args.json:
        print(json.dumps(data))
    else:
        print(format_forecast(sc, data))
    return 0


def format_forecast(scenario, data: dict) -> str:
    """The readable forecast: a table of the open firsts, then the win chances."""
    from game.session.describe import side_name, turn_label

    us, ussr = side_name(scenario, 0), side_name(scenario, 1)
    me = us if data["side"] == "us" else ussr
    t = min(data["turn"], scenario.rules.n_turns - 1)
    lines = [f"Forecast seen by {me}, {turn_label(scenario, t)} ({data['worlds']} worlds x "
             f"{data['rollouts']} games each; +/- is one standard error)", ""]
    if data["over"]:
        lines += ["The game is over: the chances below are what happened.", ""]
    width = max([len(f["name"]) for f in data["firsts"]] + [len("first")])

    def cell(c: dict) -> str:
        return f"{100 * c['chance']:5.1f}% +/- {100 * c['se']:4.1f}"

    if data["firsts"]:
        lines.append(f"{'first':<{width}}  {us[:17]:>17}  {ussr[:17]:>17}  {'nobody':>17}")
        for f in data["firsts"]:
            lines.append(f"{f['name']:<{width}}  {cell(f['us']):>17}  {cell(f['ussr']):>17}  {cell(f['none']):>17}")
    else:
        lines.append("every first has been taken")
    w = data["win"]
    lines += ["", f"chance to win: {us} {cell(w['us'])}, {ussr} {cell(w['ussr'])}, draw {cell(w['draw'])}"]
    return "\n".join(lines)


def _calibrate(args) -> int:
    from game.ai.forecast_calibration import calibrate, format_report
    from game.commands.common import load_scenario, make_policy, prepare_core

    if args.games < 2:
        return _fail("--games must be at least 2")
    sc = load_scenario(args.scenario)
    make_policy(args.players, sc.rules)   # an unknown policy is one line, before anything is played
    prepare_core(sc.rules)
    report = calibrate(sc, games=args.games, seed=args.seed, players=args.players, quality=args.quality)
    print(json.dumps(report) if args.json else format_report(report))
    return 0
