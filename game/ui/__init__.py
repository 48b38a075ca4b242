"""The game window: pygame-ce + pygame_gui scenes that render one side's
Observation and turn input into orders. No game logic lives here.
"""

import os

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
