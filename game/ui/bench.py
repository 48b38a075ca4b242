"""The `ui` section of `spacerace bench`.

    frame_ms: median time of one frame on the headquarters screen (1280x720, SDL dummy driver)
    launch_frame_ms: median time of one frame of the launch view (1920x1080, SDL dummy driver), playing
              the launches of a real turn (the first with launches, scripted v scripted, seed 1) over and over
    start_s:  wall time from starting a fresh Python process to the main menu's first frame
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time

FRAMES = 240


def _dummy_env(tmp: str) -> dict:
    return {"SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy", "PYGAME_HIDE_SUPPORT_PROMPT": "1",
            "SPACERACE_DATA_DIR": os.path.join(tmp, "data"), "SPACERACE_CONFIG_DIR": os.path.join(tmp, "config")}


def _silent_app(width: int, height: int):
    """An App with a window of that size and the sound off (bench_ui runs it under SDL's dummy drivers)."""
    from game.ui.app import App, Options
    from game.ui.settings import Settings

    return App(Options(), Settings(width=width, height=height, volume=0.0))


def _median_frame_ms(app, scene: str) -> float:
    """Median time (ms) of FRAMES frames of `app` at 60 a second, after 20 to warm up; the screen must still be
    `scene` at the end (else the timing measured another screen: AssertionError)."""
    times = []
    for i in range(FRAMES + 20):
        t = time.perf_counter()
        app.frame(1 / 60)
        if i >= 20:
            times.append((time.perf_counter() - t) * 1000)
    assert app.scene.name == scene
    return round(statistics.median(times), 3)


def frame_ms(scenario) -> float:
    """Median frame time (ms) on the headquarters screen of a new game, human v scripted."""
    from game.ui.start import start_new

    app = _silent_app(1280, 720)
    try:
        start_new(app, scenario, "human", "scripted", seed=1)
        for _ in range(200):
            if app.scene.name == "headquarters":
                break
            app.flow.advance()
        return _median_frame_ms(app, "headquarters")
    finally:
        app.close()


def launch_frame_ms(scenario) -> float:
    """Median frame time (ms) of the launch view at 1920x1080 over a real turn's launches, played again
    and again from the pad to the last banner."""
    from game.ai.policies import make_policy
    from game.session.game import GameSession
    from game.session.seats import make_seat
    from game.ui.flow import GameFlow
    from game.ui.scenes.launch import LaunchScene

    session = GameSession.new(scenario, (make_seat("scripted", scenario.rules),) * 2, seed=1)
    policies = [make_policy("scripted", scenario.rules) for _ in (0, 1)]
    while not session.last_report(0).launches:
        if session.is_over:
            return float("nan")  # a scenario whose scripted game never launches has no launch view to time
        for side in (0, 1):
            session.seal(side, policies[side].act(session.observation(side), session.ai_key(side)))
        session.resolve()
    report = session.last_report(0)
    app = _silent_app(1920, 1080)
    try:
        flow = GameFlow(app, session)  # not started: no AI thinks meanwhile
        flow.steps = [lambda: LaunchScene(app, flow, 0, report) for _ in range(100)]
        flow.advance()
        return _median_frame_ms(app, "launch")
    finally:
        app.close()


def start_s() -> float:
    """Seconds from launching a Python process to the main menu drawn once."""
    probe = ("from game.ui.app import App, Options\nfrom game.ui.scenes.menu import MainMenuScene\n"
             "app = App(Options())\napp.show(MainMenuScene(app))\napp.frame(1 / 60)\napp.close()\n")
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, **_dummy_env(tmp)}
        runs = []
        for _ in range(3):
            t = time.perf_counter()
            subprocess.run([sys.executable, "-c", probe], env=env, check=True, capture_output=True)
            runs.append(time.perf_counter() - t)
    return round(statistics.median(runs), 3)


def bench_ui(scenario) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        saved = {k: os.environ.get(k) for k in _dummy_env(tmp)}
        os.environ.update(_dummy_env(tmp))
        try:
            frame = frame_ms(scenario)
            launch = launch_frame_ms(scenario)
        finally:
            for k, v in saved.items():
                if v is None:
                    os.environ.pop(k, None)
                else:
                    os.environ[k] = v
    return {"frame_ms": frame, "launch_frame_ms": launch, "start_s": start_s()}

