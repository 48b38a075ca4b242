"""The window: one App owns pygame, the pygame_gui manager, the settings, the
sounds and the current scene, and runs the frame loop.

`App.frame()` runs exactly one frame (events, update, draw); `App.run()` loops
it. Tests and the demo drive the same App: tests post pygame events and call
`frame()`; the demo sets `autoplay` so each scene's default action fires after
a few frames, and `screenshots` saves a PNG of every screen shown.

On a first start the rules engine is prepared in the background (`App.core`, a
game/ui/preparation.Preparation): the window is usable meanwhile, every screen
that opts in shows its status in a corner, and its failure is reported once.
"""

from __future__ import annotations

import os
import sys
import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
warnings.filterwarnings("ignore", category=UserWarning, module="pygame_gui")

import pygame  # noqa: E402
import pygame_gui  # noqa: E402

from game.ui import focus  # noqa: E402
from game.ui.layout import Layout, auto_scale  # noqa: E402
from game.ui.settings import MIN_SIZE, Settings, fit_to_desktop, load_settings, save_settings  # noqa: E402
from game.ui.sounds import Sounds  # noqa: E402
from game.ui.theme import palette, scaled_theme, theme_font_sizes, use_palette  # noqa: E402

# what a person does to the window (see App.target_fps); the events pygame_gui posts itself are not input
INPUT_EVENTS = frozenset((pygame.KEYDOWN, pygame.KEYUP, pygame.TEXTINPUT, pygame.MOUSEMOTION, pygame.MOUSEBUTTONDOWN,
                          pygame.MOUSEBUTTONUP, pygame.MOUSEWHEEL, pygame.VIDEORESIZE, pygame.VIDEOEXPOSE))


def desktop_size() -> tuple[int, int] | None:
    """The first display's size, or None without a real screen (SDL's dummy driver, no display found)."""
    if pygame.display.get_driver() == "dummy":
        return None
    sizes = pygame.display.get_desktop_sizes()
    return tuple(sizes[0]) if sizes else None


@dataclass
class Options:
    """What the command line asked for (see game/commands/play.py)."""

    scenario: str | None = None
    us: str | None = None
    ussr: str | None = None
    seed: int | None = None
    load: str | None = None
    turns: int | None = None
    screenshots: str | None = None
    exit_at_end: bool = False
    names: tuple[str, str] = ("", "")
    extra: dict = field(default_factory=dict)

    @property
    def autoplay(self) -> bool:
        """AI in both seats: the window plays itself (demo and attract mode)."""
        return bool(self.us and self.ussr and self.us != "human" and self.ussr != "human")


class App:
    FPS = 60       # while something moves: input in the last IDLE_AFTER_S seconds, an animated scene, the demo
    IDLE_FPS = 20  # a window left alone redraws less often, so it spends little processor time
    IDLE_AFTER_S = 2.0

    def __init__(self, options: Options | None = None, settings: Settings | None = None):
        self.options = options or Options()
        self.settings = (settings or load_settings()).clamp()
        use_palette(self.settings.palette)
        pygame.display.init()
        pygame.font.init()
        pygame.key.set_repeat(400, 40)
        self.window = self._open_window()
        self.layout = self._layout()
        self.manager = self._make_manager()
        self.sounds = Sounds(self.settings.volume)
        self.clock = pygame.time.Clock()
        self.last_input = time.monotonic()  # when the last event arrived (see target_fps)
        self.scene = None
        self.running = True
        self.exit_code = 0
        self.autoplay = self.options.autoplay
        self.shot_dir = Path(self.options.screenshots) if self.options.screenshots else None
        self.shots: list[Path] = []
        self._shot_pending = False
        self._backdrop: pygame.Surface | None = None
        self.flow = None  # the GameFlow of the game in progress, if any
        self.message = ""  # a one-line notice shown at the bottom (errors, "saved")
        self.message_until = 0.0
        self.core = None  # the rules engine being prepared (a Preparation); None: it was ready before the window
        self._core_reported = False

    @property
    def rules_ready(self) -> bool:
        """Can a game start now (the rules engine is compiled and loaded in this process)?"""
        return self.core is None or self.core.ready

    # --- window ------------------------------------------------------------------------------------------
    def _open_window(self) -> pygame.Surface:
        pygame.display.set_caption("Space Race")
        s = self.settings
        if s.fullscreen:
            return pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
        return pygame.display.set_mode(fit_to_desktop((s.width, s.height), desktop_size()), pygame.RESIZABLE)

    def _layout(self) -> Layout:
        w, h = self.window.get_size()
        return Layout(w, h, auto_scale(w, h, self.settings.ui_scale))

    def _make_manager(self) -> pygame_gui.UIManager:
        scale = self.layout.scale
        manager = pygame_gui.UIManager(self.window.get_size(), scaled_theme(scale), enable_live_theme_updates=False)
        themed = theme_font_sizes(scale)
        wanted = {(size, bold) for size, _ in themed for bold in (False, True)} - themed
        with warnings.catch_warnings():  # a size the theme loaded under another id is simply loaded again
            warnings.simplefilter("ignore", UserWarning)
            manager.preload_fonts([{"name": "noto_sans", "point_size": size, "style": "bold" if bold else "regular",
                                    "antialiased": "1"} for size, bold in sorted(wanted)])
        return manager

    def resize(self, size: tuple[int, int] | None = None) -> None:
        """Re-open the window at `size` (or the settings' size) and rebuild the scene for it."""
        if size is not None and not self.settings.fullscreen:
            w, h = max(size[0], MIN_SIZE[0]), max(size[1], MIN_SIZE[1])
            self.settings.width, self.settings.height = w, h
            self.window = pygame.display.set_mode((w, h), pygame.RESIZABLE)
            if not self.autoplay:
                save_settings(self.settings)
        else:
            self.window = self._open_window()
        self.layout = self._layout()
        self.manager = self._make_manager()
        self.sounds.volume = self.settings.volume
        if self.scene:
            self.scene.rebuild()

    def apply_settings(self, settings: Settings) -> None:
        self.settings = settings.clamp()
        use_palette(self.settings.palette)  # the new theme and colours apply from the rebuild below
        save_settings(self.settings)
        self.resize()

    # --- scenes ------------------------------------------------------------------------------------------
    def show(self, scene) -> None:
        """Make `scene` the current screen."""
        if scene.modal and self.scene is not None:
            self._backdrop = self.window.copy() if not self.scene.modal else self._backdrop
        else:
            self._backdrop = None
        self.manager.clear_and_reset()
        self.scene = scene
        self.last_input = time.monotonic()  # a new screen counts as input: its first moments run smooth
        scene.widgets.clear()
        scene.actions.clear()
        scene.frames = 0
        scene.build()
        self._shot_pending = self.shot_dir is not None

    def notify(self, text: str, seconds: float = 4.0) -> None:
        self.message = text
        self.message_until = time.monotonic() + seconds

    def quit(self, code: int = 0) -> None:
        self.running = False
        self.exit_code = code

    # --- the loop ----------------------------------------------------------------------------------------
    def frame(self, dt: float | None = None) -> None:
        """One frame: events, update, draw. `dt` in seconds (default: measured by the clock)."""
        if dt is None:
            dt = self.clock.tick(self.target_fps()) / 1000.0
        resize_to = None
        for event in pygame.event.get():
            if event.type in INPUT_EVENTS:
                self.last_input = time.monotonic()
            if event.type == pygame.QUIT:
                self.quit(0)
                return
            if event.type in (pygame.VIDEORESIZE,):
                resize_to = (event.w, event.h)
                continue
            if event.type == pygame.KEYDOWN and self._global_key(event):
                continue
            consumed = self.manager.process_events(event)
            if self.scene is not None and (not consumed or event.type >= pygame.USEREVENT):
                self.scene.handle(event)
            if not self.running:
                return
        self._watch_core()
        if resize_to and resize_to != self.window.get_size():
            self.resize(resize_to)
        scene = self.scene
        if scene is None:
            return
        scene.update(dt)
        if self.flow is not None:
            self.flow.update(dt)
        if scene is not self.scene:
            return
        self.manager.update(dt)
        self.draw()
        scene.frames += 1
        if self._shot_pending and scene.ready_for_screenshot():
            self._shot_pending = False
            self.screenshot(scene.name)
        if self.autoplay and scene.frames >= max(1, int(scene.auto_frames / self.settings.animation_speed)):
            scene.frames = -10**9  # once per scene
            scene.default_action()

    def target_fps(self) -> int:
        """The frame rate the loop aims at: FPS within IDLE_AFTER_S seconds of an event or of a new screen, on a
        scene that animates (`Scene.smooth`) and in the demo (its pace counts frames); IDLE_FPS otherwise."""
        if self.autoplay or (self.scene is not None and self.scene.smooth):
            return self.FPS
        return self.FPS if time.monotonic() - self.last_input < self.IDLE_AFTER_S else self.IDLE_FPS

    def draw(self) -> None:
        surf = self.window
        if self._backdrop is not None and self._backdrop.get_size() == surf.get_size():
            surf.blit(self._backdrop, (0, 0))
            shade = pygame.Surface(surf.get_size(), pygame.SRCALPHA)
            shade.fill(palette()["dim"])
            surf.blit(shade, (0, 0))
        else:
            surf.fill(palette()["background"])
        self.scene.draw(surf)
        self.manager.draw_ui(surf)
        self.scene.draw_over(surf)
        focus.draw_ring(surf, self.scene)
        if self.core is not None and self.scene.shows_core_status:
            from game.ui.scenes.preparing import draw_core_status

            draw_core_status(surf, self, self.scene.frames)
        if self.message and time.monotonic() < self.message_until:
            self._draw_message(surf)
        pygame.display.flip()

    def _draw_message(self, surf) -> None:
        from game.ui.fonts import draw_text, font

        L = self.layout
        size = L.font(15)
        w = min(L.width - 4 * L.pad, font(size).size(self.message)[0] + 4 * L.pad)
        rect = pygame.Rect(0, 0, w, L.u + L.pad)
        rect.midbottom = (L.width // 2, L.height - 3 * L.u)
        pygame.draw.rect(surf, (38, 50, 74), rect, border_radius=6)
        pygame.draw.rect(surf, palette()["bad"], rect, 1, border_radius=6)
        from game.ui.fonts import fit_text

        draw_text(surf, fit_text(self.message, size, w - 2 * L.pad), rect.center, size, palette()["text"],
                  anchor="center")

    def _watch_core(self) -> None:
        """Report a failed preparation of the rules engine once: one line on stderr, and a notice."""
        if self.core is not None and self.core.failed and not self._core_reported:
            self._core_reported = True
            print(f"spacerace: {self.core.error}", file=sys.stderr, flush=True)
            self.notify(f"The rules engine could not be prepared: {self.core.error}", 10.0)

    def _global_key(self, event) -> bool:
        """Keys that work everywhere. Returns True when the key was used."""
        if event.key == pygame.K_TAB and self.scene is not None:  # before a text field can take it
            focus.move(self.scene, -1 if event.mod & pygame.KMOD_SHIFT else 1)
            return True
        if event.key == pygame.K_F11:
            self.settings.fullscreen = not self.settings.fullscreen
            self.resize()
            return True
        if event.key == pygame.K_q and event.mod & pygame.KMOD_CTRL:
            self.quit(0)
            return True
        return False

    def screenshot(self, name: str) -> Path | None:
        if self.shot_dir is None:
            return None
        self.shot_dir.mkdir(parents=True, exist_ok=True)
        path = self.shot_dir / f"{len(self.shots) + 1:02d}-{name}.png"
        pygame.image.save(self.window, str(path))
        self.shots.append(path)
        return path

    def run(self) -> int:
        while self.running:
            self.frame()
        return self.exit_code

    def close(self) -> None:
        """Close the window; a preparation of the rules engine still running is ended with it."""
        if self.core is not None:
            self.core.cancel()
        if self.flow is not None:
            self.flow.stop()
        from game.ui.fonts import font

        font.cache_clear()
        pygame.quit()
