"""Seats: every seat name plays as itself, and a seat that cannot play is an error the player reads in one
line (no stand-in takes its place, no traceback)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from gamekit import REPO, historical

from game.ai.policies import AI_LEVELS, POLICIES
from game.session.seats import Seat, SeatError, make_seat, make_seat_policy


@pytest.mark.parametrize("name", ["human", *POLICIES, *AI_LEVELS])
def test_every_known_seat_is_built_as_itself(name):
    rules = historical().rules
    seat = make_seat(f"  {name.upper()} ", rules)
    assert seat == Seat(name)
    if name != "human":
        policy = make_seat_policy(seat, rules)
        assert policy.name == name
        assert seat.label().startswith("AI (")


def test_an_unknown_seat_names_the_choices():
    with pytest.raises(SeatError, match=r"unknown seat 'robot'; choose one of: human, ai:easy"):
        make_seat("robot", historical().rules)


def test_a_bad_seat_on_the_command_line_is_one_line_and_exit_1(tmp_path):
    env = {**os.environ, "SPACERACE_DATA_DIR": str(tmp_path / "data"), "SPACERACE_CONFIG_DIR": str(tmp_path / "cfg"),
           "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"}
    done = subprocess.run([sys.executable, "-m", "game", "play", "--us", "robot", "--ussr", "human", "--exit"],
                          cwd=REPO, env=env, capture_output=True, text=True, timeout=240, stdin=subprocess.DEVNULL)
    assert done.returncode == 1, (done.stdout, done.stderr)
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("spacerace: unknown seat 'robot'"), done.stderr
    assert "Traceback" not in done.stderr and done.stdout == ""
