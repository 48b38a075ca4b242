"""`spacerace simulate`: many AI-versus-AI games headless, summarised."""

from __future__ import annotations

import json
import sys

from game.commands.common import load_scenario, make_policy, prepare_core, progress_bar


def add_parser(sub) -> None:
    s = sub.add_parser("simulate", help="play many AI-versus-AI games headless and summarise them")
    s.add_argument("--scenario", default="historical", help="scenario id or folder (default: historical)")
    s.add_argument("--games", type=int, default=100)
    s.add_argument("--us", default="scripted", help="US policy: random, scripted, ai:easy, ai:normal, ai:hard")
    s.add_argument("--ussr", default="scripted", help="USSR policy: random, scripted, ai:easy, ai:normal, ai:hard")
    s.add_argument("--seed", type=int, default=0)
    s.add_argument("--batch", type=int, default=1024, help="games stepped together")
    s.add_argument("--json", action="store_true", help="print one JSON object")
    s.set_defaults(func=run)


def run(args) -> int:
    from game.sim.rollout import play_games, summarize

    if args.games < 1 or args.batch < 1:
        raise SystemExit("spacerace: --games and --batch must be at least 1")
    sc = load_scenario(args.scenario)
    us, ussr = make_policy(args.us, sc.rules), make_policy(args.ussr, sc.rules)
    prepare_core(sc.rules)
    show = not args.json and sys.stderr.isatty() and args.games >= 200
    fin = play_games(sc.rules, us, ussr, args.seed, args.games, batch=args.batch, progress=progress_bar(show))
    summary = summarize(sc.rules, [m["name"] for m in sc.milestones], fin)
    if args.json:
        print(json.dumps(summary))
        return 0
    w = summary["wins"]
    n = summary["games"]
    print(f"{n} games of '{sc.name}': {args.us} (US) vs {args.ussr} (USSR), seed {args.seed}")
    print(f"  wins: US {w['us']} ({w['us'] / n:.0%}), USSR {w['ussr']} ({w['ussr'] / n:.0%}), draws {w['draw']}")
    print(f"  mean prestige: US {summary['prestige']['us']:.1f}, USSR {summary['prestige']['ussr']:.1f}")
    lost = summary["crew_lost"]
    print(f"  people lost per game: US {lost['us']:.2f}, USSR {lost['ussr']:.2f}")
    print(f"  {'milestone':34} {'US first':>9} {'USSR first':>11} {'never':>7} {'median':>8}  history")
    for k, m in zip(sc.milestones, summary["milestones"].values(), strict=True):
        med = m["median_year"]
        f = m["first"]
        when = f"{med:8.1f}" if med is not None else "       -"
        print(f"  {m['name'][:34]:34} {f['us']:9d} {f['ussr']:11d} {f['none']:7d} {when}  {k.get('historical') or ''}")
    print_eras(summary["by_era"])
    return 0


ERA_ROWS = (("launches", "launches per turn", "{:.2f}"), ("idle_share", "turns with no launch", "{:.0%}"),
            ("cash_over_budget", "money at year end / budget", "{:.2f}"))


def print_eras(eras: dict) -> None:
    """The readable table by era (see game.sim.by_year): a row per figure and side, a column per era
    ('-' where no game played)."""
    print(f"  {'by era':34}" + "".join(f"{label:>9}" for label in eras))
    for key, title, shape in ERA_ROWS:
        for side, name in (("us", "US"), ("ussr", "USSR")):
            cells = [era[key][side] for era in eras.values()]
            shown = "".join(f"{shape.format(v) if v is not None else '-':>9}" for v in cells)
            print(f"  {title + ', ' + name:34}{shown}")
