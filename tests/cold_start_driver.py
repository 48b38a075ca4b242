"""Run by test_ui_cold_start.py in a fresh interpreter whose SPACERACE_CACHE_DIR is empty (numba reads
the cache folder once, at import): the real window, driven by posted events while the real compile
runs in its own process. Prints one JSON line of what it saw; an assertion failure exits non-zero.

    python tests/cold_start_driver.py DATA_DIR
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import pygame  # noqa: E402
from uikit import click_named, frames, press  # noqa: E402  (sets SDL's dummy drivers first)

from game.commands.common import prepare_core_apart  # noqa: E402
from game.rules import compiled  # noqa: E402
from game.scenario import load  # noqa: E402
from game.ui.app import App, Options  # noqa: E402
from game.ui.main import first_screen  # noqa: E402
from game.ui.preparation import Preparation  # noqa: E402
from game.ui.settings import Settings  # noqa: E402

COMPILE_LIMIT_S = 1200


def main(data: Path) -> dict:
    import os

    os.environ["SPACERACE_DATA_DIR"] = str(data / "data")
    os.environ["SPACERACE_CONFIG_DIR"] = str(data / "config")
    assert not compiled(), "the cache is not empty"
    rules = load("historical").rules
    app = App(Options(), Settings(width=1280, height=720, volume=0.0))
    app.core = Preparation(lambda started: prepare_core_apart("historical", rules, started))
    first_screen(app)
    frames(app, 3)
    seen = [app.scene.name]
    press(app, pygame.K_F1)
    seen.append(app.scene.name)
    press(app, pygame.K_ESCAPE)
    for button in ("settings", "scenarios", "help"):
        click_named(app, button)
        seen.append(app.scene.name)
        click_named(app, "back")
    click_named(app, "new")
    seen.append(app.scene.name)
    click_named(app, "start")
    seen.append(app.scene.name)
    menus_done_s = app.core.elapsed()
    assert app.core.running, f"the compile ended before the menus were tried ({menus_done_s:.1f} s)"
    longest_frame_s, last, start = 0.0, time.monotonic(), time.monotonic()
    while app.flow is None and app.running and time.monotonic() - start < COMPILE_LIMIT_S:
        frames(app, 1)
        time.sleep(1 / 60)
        now = time.monotonic()
        longest_frame_s, last = max(longest_frame_s, now - last), now
    result = {"seen": seen, "menus_done_s": round(menus_done_s, 1), "core_ready": app.core.ready,
              "core_error": app.core.error, "compile_s": round(app.core.elapsed(), 1),
              "game_started": app.flow is not None, "scene": app.scene.name,
              "longest_frame_s": round(longest_frame_s, 2)}
    app.close()
    return result


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1]))))
