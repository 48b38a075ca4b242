"""The first start for real, from an empty compile cache: the rules engine compiles (minutes of CPU
today, so only these two tests do it), the window is usable meanwhile, and games asked for during the
compile start once it is done. test_ui_preparing.py covers the same screens with a stand-in job."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

TESTS = Path(__file__).parent
LIMIT_S = 1500     # a hang fails the test; the compile itself is not timed here


def cold_env(tmp_path: Path) -> dict:
    env = dict(os.environ, SPACERACE_CACHE_DIR=str(tmp_path / "cache"), SPACERACE_DATA_DIR=str(tmp_path / "data"),
               SPACERACE_CONFIG_DIR=str(tmp_path / "config"), SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(TESTS.parent), env.get("PYTHONPATH")]))
    return env


def test_from_an_empty_cache_the_menus_work_during_the_compile_and_a_new_game_starts_after(tmp_path):
    done = subprocess.run([sys.executable, str(TESTS / "cold_start_driver.py"), str(tmp_path)], env=cold_env(tmp_path),
                          capture_output=True, text=True, timeout=LIMIT_S)
    assert done.returncode == 0, done.stderr[-3000:]
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["seen"] == ["main-menu", "help", "settings", "scenarios", "help", "new-game", "waiting-for-rules"]
    assert seen["core_ready"], seen["core_error"]
    assert seen["game_started"] and seen["scene"] in ("headquarters", "turn-results", "event"), seen
    assert seen["longest_frame_s"] < 5, f"the window stalled while the rules compiled: {seen}"
    print(f"cold start: menus tried within {seen['menus_done_s']} s; compiled and loaded in {seen['compile_s']} s; "
          f"longest frame {seen['longest_frame_s']} s")


def test_the_demo_plays_from_an_empty_cache_and_takes_its_screenshots(tmp_path):
    shots = tmp_path / "shots"
    done = subprocess.run([sys.executable, "-m", "game", "play", "--us", "ai:easy", "--ussr", "ai:easy", "--seed", "1",
                           "--turns", "2", "--screenshots", str(shots), "--exit"], env=cold_env(tmp_path),
                          capture_output=True, text=True, timeout=LIMIT_S, cwd=tmp_path)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "in the background" in done.stderr and "Traceback" not in done.stderr
    assert "minute" not in done.stderr, done.stderr
    pictures = sorted(p.name for p in shots.glob("*.png"))
    assert any("headquarters" in p or "turn-results" in p for p in pictures), pictures
    assert not any("waiting" in p for p in pictures), pictures
