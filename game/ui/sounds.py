"""Sound effects, generated with numpy at start-up (no sound files to ship).

Sound is optional: without an audio device every call is silent.
"""

from __future__ import annotations

import numpy as np
import pygame

RATE = 22050


def _tone(freqs, seconds: float, decay: float = 6.0, noise: float = 0.0, seed: int = 7) -> np.ndarray:
    """A sweep through `freqs` lasting `seconds`, mixed with a share `noise` of seeded white noise, with a
    quick attack and an exponential decay (`decay` e-folds over its length)."""
    t = np.arange(int(RATE * seconds)) / RATE
    f = np.interp(t, np.linspace(0, seconds, len(freqs)), freqs)
    phase = 2 * np.pi * np.cumsum(f) / RATE
    wave = np.sin(phase) * (1 - noise)
    if noise:
        wave = wave + noise * np.random.default_rng(seed).uniform(-1, 1, t.shape)
    env = np.exp(-decay * t / seconds) * np.minimum(1, t * 200)
    return wave * env


def _rumble(seconds: float, seed: int) -> np.ndarray:
    """Low engine roar: seeded noise smoothed to its low end, swelling in and dying away."""
    n = int(RATE * seconds)
    noise = np.random.default_rng(seed).uniform(-1, 1, n)
    kernel = np.ones(40) / 40  # a moving average keeps the rumble, drops the hiss
    low = np.convolve(noise, kernel, mode="same") * 5
    t = np.arange(n) / RATE
    body = 0.35 * np.sin(2 * np.pi * np.cumsum(np.interp(t, [0, seconds], [45, 70])) / RATE)
    env = np.minimum(1, t / 0.25) * np.minimum(1, (seconds - t) / 0.6)
    return np.clip((low + body) * env, -1, 1)


def _chord(freqs, seconds: float, decay: float) -> np.ndarray:
    """Several tones at once, normalised."""
    return sum(_tone([f], seconds, decay) for f in freqs) / len(freqs)


RECIPES = {
    "click": lambda: _tone([900, 700], 0.05, 4),
    "launch": lambda: _tone([60, 180], 0.9, 2, noise=0.7),
    "success": lambda: np.concatenate([_tone([660], 0.12, 3), _tone([880], 0.25, 4)]),
    "failure": lambda: _tone([440, 180], 0.5, 3),
    "first": lambda: np.concatenate([_tone([523], 0.1, 2), _tone([659], 0.1, 2), _tone([784], 0.35, 4)]),
    "turn": lambda: _tone([330, 330], 0.3, 5),
    # the launch view (game/ui/scenes/launch.py)
    "tick": lambda: _tone([1200, 1100], 0.04, 5),
    "rumble": lambda: _rumble(2.2, seed=11),
    "chime": lambda: np.concatenate([_tone([988], 0.07, 3), _tone([1319], 0.22, 5)]) * 0.7,
    "explosion": lambda: _tone([90, 30], 1.1, 4, noise=0.85, seed=13),
    "fanfare": lambda: np.concatenate([_tone([392], 0.12, 1.5), _tone([523], 0.12, 1.5), _tone([659], 0.12, 1.5),
                                       _chord([523, 659, 784], 0.8, 3)]),
    "loss": lambda: _chord([110, 131, 165], 1.6, 2.5),
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

    def stop(self, *names: str) -> None:
        """Silence the named effects wherever they are playing (a skipped launch's rumble)."""
        for name in names:
            s = self.sounds.get(name)
            if s is not None:
                s.stop()
