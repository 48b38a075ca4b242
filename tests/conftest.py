"""Shared test setup: pygame stays quiet (no support banner) whichever test imports it first."""

import os

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
