"""Player settings (window, scale, sound, animation, palette, prompts), kept as JSON in the config folder."""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from pathlib import Path

from game.session.paths import config_dir

WINDOW_SIZES = [(1024, 640), (1280, 720), (1366, 768), (1600, 900), (1920, 1080), (2560, 1440), (3840, 2160)]
MIN_SIZE = (1024, 640)
MAX_SIZE = (3840, 2160)
PALETTES = ("standard", "colourblind")
DESKTOP_MARGIN = 80  # height a desktop keeps for its title bars and task bar


def fit_to_desktop(size: tuple[int, int], desktop: tuple[int, int] | None) -> tuple[int, int]:
    """The window size to open: `size` when it fits the desktop (its height less DESKTOP_MARGIN), else the
    largest of WINDOW_SIZES that fits, else MIN_SIZE. desktop None (unknown): `size` as it is."""
    if desktop is None:
        return size

    def fits(s: tuple[int, int]) -> bool:
        return s[0] <= desktop[0] and s[1] <= desktop[1] - DESKTOP_MARGIN

    return size if fits(size) else max((s for s in WINDOW_SIZES if fits(s)), default=MIN_SIZE)


@dataclass
class Settings:
    width: int = 1280
    height: int = 720
    fullscreen: bool = False
    ui_scale: float = 1.0        # 0.75 .. 2.0, on top of the automatic scale for the window's size
    volume: float = 0.5          # 0 .. 1
    animation_speed: float = 1.0  # 0.25 .. 4; higher is faster
    reduced_motion: bool = False  # launches and banners without movement or flashing
    palette: str = "standard"     # "standard" or "colourblind" (see game/ui/theme.py)
    confirm_end_turn: bool = True  # ask before ending a turn that funds or launches little
    guide: bool = True            # offer the guided first turns when a new game starts

    def clamp(self) -> Settings:
        self.width = min(max(int(self.width), MIN_SIZE[0]), MAX_SIZE[0])
        self.height = min(max(int(self.height), MIN_SIZE[1]), MAX_SIZE[1])
        self.ui_scale = min(max(float(self.ui_scale), 0.75), 2.0)
        self.volume = min(max(float(self.volume), 0.0), 1.0)
        self.animation_speed = min(max(float(self.animation_speed), 0.25), 4.0)
        self.fullscreen = bool(self.fullscreen)
        self.reduced_motion = bool(self.reduced_motion)
        self.palette = self.palette if self.palette in PALETTES else "standard"
        self.confirm_end_turn = bool(self.confirm_end_turn)
        self.guide = bool(self.guide)
        return self


def settings_path() -> Path:
    return config_dir() / "settings.json"


def load_settings() -> Settings:
    """The saved settings; defaults for anything missing or unreadable (never raises)."""
    try:
        data = json.loads(settings_path().read_text())
        known = {f.name for f in dataclasses.fields(Settings)}
        return Settings(**{k: v for k, v in data.items() if k in known}).clamp()
    except (OSError, ValueError, TypeError):
        return Settings()


def save_settings(settings: Settings) -> None:
    """Write the settings atomically; a failure to write is ignored (settings are a convenience)."""
    from game.session.saves import write_atomic

    try:
        write_atomic(settings_path(), json.dumps(dataclasses.asdict(settings.clamp()), indent=2))
    except OSError:
        pass
