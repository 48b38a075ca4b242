"""The command line: `spacerace [play|simulate|bench|validate] ...`.

Every command reports bad input with a one-line message and a non-zero exit,
never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys

from game import __version__


def _load(scenario: str):
    from game.scenario import ScenarioError, load

    try:
        return load(scenario)
    except ScenarioError as exc:
        lines = [d.format() for d in exc.diagnostics]
        shown = "\n".join(lines[:20]) + (f"\n... and {len(lines) - 20} more" if len(lines) > 20 else "")
        raise SystemExit(f"spacerace: scenario '{scenario}' has errors (run `spacerace validate {scenario}`):"
                         f"\n{shown}") from None


def _policy(name: str, rules):
    from game.ai.policies import make_policy

    try:
        return make_policy(name, rules)
    except ValueError as exc:
        raise SystemExit(f"spacerace: {exc}") from None


def cmd_simulate(args) -> int:
    from game.sim.rollout import play_games, summarize

    if args.games < 1:
        raise SystemExit("spacerace: --games must be at least 1")
    sc = _load(args.scenario)
    us, ussr = _policy(args.us, sc.rules), _policy(args.ussr, sc.rules)
    show = not args.json and sys.stderr.isatty() and args.games >= 200

    def progress(done: int, total: int) -> None:
        if show:
            bar = "#" * (30 * done // total)
            print(f"\r[{bar:<30}] {done}/{total} games", end="", file=sys.stderr, flush=True)

    fin = play_games(sc.rules, us, ussr, args.seed, args.games, batch=args.batch, progress=progress)
    if show:
        print(file=sys.stderr)
    summary = summarize(sc.rules, [m["name"] for m in sc.milestones], fin)
    if args.json:
        print(json.dumps(summary))
        return 0
    from game.scenario.calendar import format_month

    w = summary["wins"]
    n = summary["games"]
    print(f"{n} games of '{sc.name}': {args.us} (US) vs {args.ussr} (USSR), seed {args.seed}")
    print(f"  wins: US {w['us']} ({w['us'] / n:.0%}), USSR {w['ussr']} ({w['ussr'] / n:.0%}), draws {w['draw']}")
    print(f"  mean prestige: US {summary['prestige']['us']:.1f}, USSR {summary['prestige']['ussr']:.1f}")
    print(f"  {'milestone':34} {'US first':>9} {'USSR first':>11} {'never':>7} {'median':>8}  history")
    for k, m in zip(sc.milestones, summary["milestones"].values(), strict=False):
        med = m["median_year"]
        f = m["first"]
        when = f"{med:8.1f}" if med is not None else "       -"
        hist = k.get("historical") or ""
        print(f"  {m['name'][:34]:34} {f['us']:9d} {f['ussr']:11d} {f['none']:7d} {when}  {hist}")
    del format_month
    return 0


def cmd_bench(args) -> int:
    from game.sim.bench import bench_core, peak_rss_mb

    sc = _load(args.scenario)
    core = bench_core(sc.rules, big=args.batch)
    report = {"scenario": sc.id, "core": core, "peak_rss_mb": peak_rss_mb()}
    if args.json:
        print(json.dumps(report))
        return 0
    print(f"core ({sc.id}):")
    for k, v in core.items():
        print(f"  {k:24} {v:,}" if isinstance(v, (int, float)) else f"  {k:24} {v}")
    print(f"peak_rss_mb {report['peak_rss_mb']}")
    return 0


def cmd_validate(args) -> int:
    from game.scenario import validate

    diags = validate(args.scenario)
    for d in diags:
        print(d.format())
    errors = sum(d.severity == "error" for d in diags)
    warnings = len(diags) - errors
    if errors:
        print(f"{args.scenario}: {errors} error(s), {warnings} warning(s)", file=sys.stderr)
        return 1
    print(f"{args.scenario}: ok ({warnings} warning(s))")
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="spacerace", description="Space Race: the Cold War race to space.")
    p.add_argument("--version", action="version", version=f"spacerace {__version__}")
    sub = p.add_subparsers(dest="command")

    s = sub.add_parser("simulate", help="play many AI-versus-AI games headless and summarise them")
    s.add_argument("--scenario", default="historical", help="scenario id or folder (default: historical)")
    s.add_argument("--games", type=int, default=100)
    s.add_argument("--us", default="scripted", help="US policy: random, scripted")
    s.add_argument("--ussr", default="scripted", help="USSR policy: random, scripted")
    s.add_argument("--seed", type=int, default=0)
    s.add_argument("--batch", type=int, default=1024, help="games stepped together")
    s.add_argument("--json", action="store_true", help="print one JSON object")
    s.set_defaults(func=cmd_simulate)

    b = sub.add_parser("bench", help="measure the speed of the rules core")
    b.add_argument("--scenario", default="historical")
    b.add_argument("--batch", type=int, default=4096)
    b.add_argument("--json", action="store_true")
    b.set_defaults(func=cmd_bench)

    v = sub.add_parser("validate", help="check a scenario and print every problem as FILE:LINE: severity: message")
    v.add_argument("scenario", help="scenario id or folder")
    v.set_defaults(func=cmd_validate)
    return p


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 0
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        print("spacerace: interrupted", file=sys.stderr)
        return 130
