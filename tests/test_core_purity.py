"""The core is pure: the rules, scenarios, simulations and AI never load pygame.

The AI runs thousands of games in worker processes and the command line runs
headless; neither may pull in a display library. A fresh interpreter proves it.
"""

from __future__ import annotations

import subprocess
import sys

from gamekit import REPO

CHECK = ("import sys; import game.rules, game.scenario, game.sim, game.ai, game.ai.policies, game.sim.rollout; "
         "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('pygame', 'pygame_gui')); "
         "assert not loaded, loaded; print('pure')")


def test_the_core_packages_load_no_pygame():
    done = subprocess.run([sys.executable, "-c", CHECK], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "pure"


def test_a_headless_scenario_load_and_game_load_no_pygame():
    code = ("import sys; from game.scenario import load; from game.ai.policies import make_policy; "
            "from game.sim.rollout import play_games; r = load('historical').rules; "
            "play_games(r, make_policy('random', r), make_policy('scripted', r), seed=1, games=4, batch=4); "
            "assert not [m for m in sys.modules if m.startswith('pygame')]; print('pure')")
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "pure"
