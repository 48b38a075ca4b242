"""Sound effects, generated with numpy at start-up (no sound files to ship).

Sound is optional: without an audio device every call is silent.
"""

from __future__ import annotations

import numpy as np
import pygame

RATE = 22050


def _tone(freqs, seconds: float, decay: float = 6.0, noise: float = 0.0) -> np.ndarray:
    t = np.arange(int(RATE * seconds)) / RATE
    f = np.interp(t, np.linspace(0, seconds, len(freqs)), freqs)
    phase = 2 * np.pi * np.cumsum(f) / RATE
    wave = np.sin(phase) * (1 - noise)
    if noise:
        wave = wave + noise * np.random.default_rng(7).uniform(-1, 1, t.shape)
    env = np.exp(-decay * t / seconds) * np.minimum(1, t * 200)
    return wave * env


RECIPES = {
    "click": lambda: _tone([900, 700], 0.05, 4),
    "launch": lambda: _tone([60, 180], 0.9, 2, noise=0.7),
    "success": lambda: np.concatenate([_tone([660], 0.12, 3), _tone([880], 0.25, 4)]),
    "failure": lambda: _tone([440, 180], 0.5, 3),
    "first": lambda: np.concatenate([_tone([523], 0.1, 2), _tone([659], 0.1, 2), _tone([784], 0.35, 4)]),
    "turn": lambda: _tone([330, 330], 0.3, 5),
}


class Sounds:
    """play(name) plays a generated effect at the current volume; silent when audio is unavailable."""

    def __init__(self, volume: float):
        self.volume = volume
        self.sounds: dict[str, pygame.mixer.Sound] = {}
        try:
            if not pygame.mixer.get_init():
                pygame.mixer.init(RATE, -16, 1, 512)
            freq, _, channels = pygame.mixer.get_init()
            for name, make in RECIPES.items():
                wave = (make() * 0.5 * 32767).astype(np.int16)
                if freq != RATE:
                    wave = np.interp(np.linspace(0, len(wave) - 1, int(len(wave) * freq / RATE)),
                                     np.arange(len(wave)), wave).astype(np.int16)
                data = np.repeat(wave[:, None], channels, axis=1) if channels > 1 else wave
                self.sounds[name] = pygame.sndarray.make_sound(np.ascontiguousarray(data))
        except (pygame.error, ValueError, TypeError):
            self.sounds = {}

    def play(self, name: str) -> None:
        s = self.sounds.get(name)
        if s is not None and self.volume > 0:
            s.set_volume(self.volume)
            s.play()
