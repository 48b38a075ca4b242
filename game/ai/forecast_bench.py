"""The `forecast` section of `spacerace bench`: how long one forecast takes, at each quality.

One game's forecast (batch 1, as the panel and `spacerace forecast` ask for it) at several mid-game states
of scripted games (game.ai.bench.midgame_states), from both sides; figures are the median and 90th
percentile of the wall-clock time of one forecast, the belief library built before the timings.
"""

from __future__ import annotations

import time

import numpy as np

from game.ai.bench import midgame_states
from game.ai.forecast import QUALITIES, forecast
from game.ai.worlds import library
from game.rules import observe


def bench_forecast(scenario) -> dict:
    """{quality: {median_s, p90_s, forecasts}} for fast, normal and high."""
    rules = scenario.rules
    states = midgame_states(rules)
    library(rules)
    forecast(rules, observe(rules, states[0], 0), "fast")   # first call: numpy and the kernels warmed
    out = {}
    for name in QUALITIES:
        times = []
        for st in states:
            for side in (0, 1):
                obs = observe(rules, st, side)
                t0 = time.perf_counter()
                forecast(rules, obs, name)
                times.append(time.perf_counter() - t0)
        out[name] = {"median_s": round(float(np.median(times)), 4),
                     "p90_s": round(float(np.percentile(times, 90)), 4), "forecasts": len(times)}
    return out
