"""`spacerace arena`: policy A against policy B, half the games in each seat, with a confidence interval."""

from __future__ import annotations

import json
import sys
import time

from game.commands.common import load_scenario, make_policy, prepare_core, progress_bar


def add_parser(sub) -> None:
    a = sub.add_parser("arena", help="play policy A against policy B in both seats and report A's win rate")
    a.add_argument("--scenario", default="historical", help="scenario id or folder (default: historical)")
    a.add_argument("--a", required=True, help="policy A: random, scripted, ai:easy, ai:normal, ai:hard")
    a.add_argument("--b", required=True, help="policy B")
    a.add_argument("--games", type=int, default=100, help="games in all, half with A as the US")
    a.add_argument("--seed", type=int, default=0)
    a.add_argument("--workers", type=int, default=0, help="worker processes (default: one per core)")
    a.add_argument("--json", action="store_true", help="print one JSON object")
    a.set_defaults(func=run)


def run(args) -> int:
    from game.ai.arena import play_match

    if args.games < 1:
        raise SystemExit("spacerace: --games must be at least 1")
    sc = load_scenario(args.scenario)
    make_policy(args.a, sc.rules)  # fail fast, with the known names, before starting workers
    make_policy(args.b, sc.rules)
    prepare_core(sc.rules)   # compile once here, not in every worker at once
    show = not args.json and sys.stderr.isatty()
    t0 = time.monotonic()
    out = play_match(args.scenario, args.a, args.b, args.games, args.seed, workers=args.workers or None,
                     progress=progress_bar(show))
    out["scenario"] = sc.id
    out["seed"] = args.seed
    out["seconds"] = round(time.monotonic() - t0, 1)
    if args.json:
        print(json.dumps(out))
        return 0
    n = out["games"]
    lo, hi = out["ci95"]
    print(f"{n} games of '{sc.name}': A = {args.a}, B = {args.b}, seed {args.seed} ({out['seconds']} s)")
    print(f"  A wins {out['a_wins']}, B wins {out['b_wins']}, draws {out['draws']}")
    print(f"  A's win rate {out['a_win_rate']:.1%} (95% CI {lo:.1%} to {hi:.1%}; a draw counts half)")
    for seat, label in (("a_as_us", "A as the US  "), ("a_as_ussr", "A as the USSR")):
        s = out["by_seat"][seat]
        if s["games"]:
            print(f"  {label}: {s['games']} games, A wins {s['a_wins']}, B wins {s['b_wins']}, draws {s['draws']}"
                  f" -> {s['a_win_rate']:.1%}")
    print(f"  mean prestige: A {out['mean_prestige']['a']}, B {out['mean_prestige']['b']}")
    return 0
