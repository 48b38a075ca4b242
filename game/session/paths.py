"""The user's folders: saves and autosaves (data), settings (config).

platformdirs decides where they live; the environment variables
SPACERACE_DATA_DIR and SPACERACE_CONFIG_DIR override it (tests, portable installs).
"""

from __future__ import annotations

import os
from pathlib import Path

APP = "spacerace"


def data_dir() -> Path:
    """Folder of saves and autosaves (created on demand)."""
    from platformdirs import user_data_dir

    path = Path(os.environ.get("SPACERACE_DATA_DIR") or user_data_dir(APP))
    return path


def config_dir() -> Path:
    """Folder of settings (created on demand)."""
    from platformdirs import user_config_dir

    return Path(os.environ.get("SPACERACE_CONFIG_DIR") or user_config_dir(APP))


def saves_dir() -> Path:
    return data_dir() / "saves"


def autosave_dir() -> Path:
    return data_dir() / "autosaves"
