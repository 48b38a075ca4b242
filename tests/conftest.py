"""Shared test setup: pygame stays quiet (no support banner) whichever test imports it first, and the
rules engine is compiled once before any test, so tests that start a fresh interpreter load it from the
cache instead of compiling it again inside their time limits."""

import os

import pytest

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")


@pytest.fixture(scope="session", autouse=True)
def compiled_rules():
    from game.rules import warm_up
    from game.scenario import load

    warm_up(load("historical").rules)
