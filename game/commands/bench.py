"""`spacerace bench`: speed figures of the core (and, as they come, of the AI and the UI)."""

from __future__ import annotations

import json

from game.commands.common import load_scenario, prepare_core


def add_parser(sub) -> None:
    b = sub.add_parser("bench", help="measure the speed of the rules core")
    b.add_argument("--scenario", default="historical")
    b.add_argument("--batch", type=int, default=4096)
    b.add_argument("--json", action="store_true")
    b.add_argument("--cold", action="store_true",
                   help="also time the rules getting ready in a new process: empty compile cache, then warm")
    b.set_defaults(func=run)


BUSY_WARNING = 0.1   # others_cpu_share from which the readable report says the figures are low


def sections() -> list:
    """The report's sections after `core`: (name, function(scenario) -> dict)."""
    from game.ai.bench import bench_ai
    from game.ai.forecast_bench import bench_forecast
    from game.ui.bench import bench_ui

    return [("ai", bench_ai), ("forecast", bench_forecast), ("ui", bench_ui)]


def run(args) -> int:
    from game.ai.policies import ScriptedPolicy
    from game.sim.bench import bench_core, peak_rss_mb

    sc = load_scenario(args.scenario)
    prepare_core(sc.rules)   # compiling is not what bench measures
    core = bench_core(sc.rules, ScriptedPolicy, big=args.batch, note="the scripted policy")
    if args.cold:
        from game.sim.cold_start import start_times

        try:
            core.update(start_times(str(sc.folder)))
        except RuntimeError as exc:
            raise SystemExit(f"spacerace: {exc}") from None
    report = {"scenario": sc.id, "core": core}
    for name, fn in sections():
        report[name] = fn(sc)
    report["peak_rss_mb"] = peak_rss_mb()
    if args.json:
        print(json.dumps(report))
        return 0
    for section, figures in report.items():
        if isinstance(figures, dict):
            print(f"{section}:")
            for k, v in figures.items():
                print(f"  {k:26} {v:,}" if isinstance(v, (int, float)) else f"  {k:26} {v}")
        else:
            print(f"{section}: {figures}")
    busy = report["core"].get("others_cpu_share")
    if busy is not None and busy >= BUSY_WARNING:
        print(f"note: other programs used {busy:.0%} of the processors while the core was measured; "
              "its figures are lower than this machine gives when idle")
    return 0
