"""The launch view: after a turn resolves, each launch of the side's report plays as a short scene.

A launch: the vehicle on the pad with a countdown; lift-off (the stack climbs on its exhaust and the
camera follows it up into space); then the payload flies on alone as the spent launcher drops away.
Each step is named as it is flown, then its outcome shows (a failure is drawn: the stack blows up, or
the craft tumbles away); last a banner for a first won, a crew lost, or the outcome.

The launches are the side's TurnReport's: in date order, both sides, the rival's only as far as public.
Space or Enter goes to the next launch, Escape skips them all (game/ui/keys.py); then the flow goes on
to the turn's results. The animation speed setting scales every duration; with reduced motion each
launch is a still picture whose step outcomes appear in turn (no movement, flashing or shaking).

What does not change during a launch (sky, ground and pad, the pictures, text) is drawn once and
cached; a frame blits them and draws the few moving shapes (exhaust, smoke, fireball). When each part
shows is scenes/launch_timeline.py; the sky, the moving shapes and the camera are drawn by
scenes/launch_art.py; this module keeps the input, the flow, the caption, banner, header and side panel.
"""

from __future__ import annotations

import pygame

from game.rules.tables import CREW_LOST, SCRUBBED, SUCCESS
from game.session.describe import SIDE_NAMES, SIDE_SHORT, month_label, side_name
from game.session.report import won_firsts
from game.ui.fonts import fit_text, font
from game.ui.picture_looks import scenario_looks
from game.ui.pictures import mission_picture, program_picture
from game.ui.scene import Scene
from game.ui.scenes.launch_art import (
    camera_shake,
    climb_height,
    draw_explosion,
    draw_flame,
    draw_smoke,
    draw_spent_stage,
    draw_step_mark,
    draw_still_failure,
    draw_tumble,
    follow_room,
    make_sky,
)
from game.ui.scenes.launch_timeline import DROP_S, FLY_S, PAD_S, SMOKE_S, TICKS, Beat, beat_of
from game.ui.scenes.panels import OUTCOME_WORDS, crew_names
from game.ui.scenes.records_text import record_banner
from game.ui.theme import palette, side_colour

LAUNCH_SOUNDS = ("tick", "rumble", "chime", "explosion", "fanfare", "loss", "success", "failure")
STEP_WORDS = {"passed": "passed", "failed": "FAILED", "not flown": "not flown"}


def banner_lines(scenario, report, launch) -> tuple[str, list[str], str]:
    """(kind, lines, sound) of a launch's closing banner: kind "first", "record", "loss" or "outcome". A first's
    banner also names the records the flight raised."""
    won = [scenario.milestones[k]["name"] for k in won_firsts(report, launch)]
    who = side_name(scenario, launch.side)
    mission = scenario.missions[launch.mission]
    if launch.outcome == CREW_LOST:
        crew = mission.get("crew", 0)
        people = "crew" if crew != 1 else "pilot"
        named = [f"Lost: {crew_names(scenario.rules, launch.crew, full=True)}"] if launch.crew else []
        return "loss", ["Crew lost", f"The {people} of {mission['name']} ({who}) did not come home.", *named], "loss"
    records = record_banner(scenario, report, launch)
    by = f"by the {who}" if who in SIDE_NAMES else f"by {who}"
    if won:
        return "first", ["World first", ", ".join(won), "won " + by] + [f"New record: {r}" for r in records], "fanfare"
    if records:
        return "record", ["New record", *records, "set " + by], "fanfare"
    word = OUTCOME_WORDS.get(launch.outcome, "?")
    word = word[0].upper() + word[1:]
    if launch.outcome == SUCCESS:
        return "outcome", [word], "success"
    return "outcome", [word], "failure" if launch.outcome != SCRUBBED else ""


class LaunchScene(Scene):
    name = "launch"
    smooth = True  # the launch moves the whole time it plays
    auto_frames = 150   # the demo skips to the results after 2.5 s (its screenshot: the climb, passed)
    shows_core_status = False

    def __init__(self, app, flow, side: int, report):
        super().__init__(app)
        self.flow = flow
        self.side = side
        self.report = report
        self.launches = list(report.launches)
        self.index = 0
        self.t = 0.0
        self.sounded: set = set()
        self._cache: dict = {}

    # --- moving through the launches ---------------------------------------------------------------------
    @property
    def launch(self):
        return self.launches[self.index]

    @property
    def beat(self) -> Beat:
        return beat_of(self.launch)

    @property
    def still(self) -> bool:
        return self.app.settings.reduced_motion

    def next_launch(self) -> None:
        """Skip to the next launch; after the last one, on to what follows in the flow."""
        self.app.sounds.stop(*LAUNCH_SOUNDS)
        if self.index + 1 >= len(self.launches):
            self.flow.advance()
            return
        self.index += 1
        self.t = 0.0
        self.sounded = set()

    def skip_all(self) -> None:
        self.app.sounds.stop(*LAUNCH_SOUNDS)
        self.flow.advance()

    def update(self, dt: float) -> None:
        if not self.launches:  # nothing to show: straight on
            self.flow.advance()
            return
        self.t += dt * self.app.settings.animation_speed
        self._play_sounds()
        if self.t >= self.beat.total:
            self.next_launch()

    def _sound_cues(self) -> list[tuple[float, str]]:
        b, x = self.beat, self.launch
        cues = [(share * PAD_S, "tick") for share in TICKS]
        if b.flown:
            cues.append((PAD_S, "rumble"))
        for i, st in enumerate(x.steps):
            if st.state == "passed":
                cues.append((b.reveal(i), "chime"))
        if b.failure_time is not None:
            cues.append((b.failure_time, "explosion"))
        sound = banner_lines(self.flow.session.scenario, self.report, x)[2]
        if sound:
            cues.append((b.banner, sound))
        return cues

    def _play_sounds(self) -> None:
        key = ("cues", self.index)
        if key not in self._cache:
            self._cache[key] = self._sound_cues()
        for i, (at, name) in enumerate(self._cache[key]):
            if self.t >= at and i not in self.sounded:
                self.sounded.add(i)
                if name == "explosion":
                    self.app.sounds.stop("rumble")  # the engines fall silent
                self.app.sounds.play(name)

    def default_action(self) -> None:
        self.skip_all()

    def ready_for_screenshot(self) -> bool:
        b = self.beat
        return self.index > 0 or self.t >= (b.reveal(0) + 0.1 if b.flown else PAD_S)

    # --- layout ------------------------------------------------------------------------------------------
    def build(self) -> None:
        L = self.L
        u, pad = L.u, L.pad
        self._cache = {}
        self.header = pygame.Rect(0, 0, L.width, int(u * 2.4))
        footer = u + 2 * pad
        panel_w = max(int(u * 9), int(L.width * 0.28))
        self.view = pygame.Rect(0, self.header.bottom, L.width - panel_w, L.height - self.header.bottom - footer)
        self.panel = pygame.Rect(self.view.right, self.view.y, panel_w, self.view.h)
        bw = int(u * 5)
        y = L.height - u - pad
        self.button("skip", (L.width - 2 * bw - 3 * pad, y, bw, u), "Next launch",
                    "Skip this launch and show the next one (Space or Enter).", self.next_launch)
        self.button("skip_all", (L.width - bw - 2 * pad, y, bw, u), "Skip all",
                    "Skip every remaining launch and go to the turn's results (Esc).", self.skip_all,
                    object_id="#accent")

    # --- cached pictures ---------------------------------------------------------------------------------
    def _text(self, text: str, size: int, colour, bold: bool = False) -> pygame.Surface:
        key = ("text", text, size, tuple(colour), bold)
        if key not in self._cache:
            self._cache[key] = font(size, bold).render(text, True, colour)
        return self._cache[key]

    def _ground_h(self) -> int:
        return int(self.view.h * 0.16)

    def _sky(self) -> pygame.Surface:
        """The sky picture of the view's size (cached)."""
        key = ("sky", self.view.size)
        if key not in self._cache:
            self._cache[key] = make_sky(self.view.w, self.view.h, self._ground_h(), self._vehicle_x())
        return self._cache[key]

    def _vehicle_x(self) -> int:
        return int(self.view.w * 0.5)

    def _vehicle_h(self) -> int:
        return int(self.view.h * 0.44)

    def _vehicle(self, mission: int, grey: bool = False) -> pygame.Surface:
        key = ("vehicle", mission, self._vehicle_h(), grey)
        if key not in self._cache:
            pic = mission_picture(self.flow.session.scenario, mission, self._vehicle_h()).convert_alpha()
            if grey:
                pic = pygame.transform.grayscale(pic)
                pic.fill((110, 110, 110, 255), special_flags=pygame.BLEND_RGBA_MULT)
            self._cache[key] = pic
        return self._cache[key]

    # --- drawing -----------------------------------------------------------------------------------------
    def draw(self, surf: pygame.Surface) -> None:
        if not self.launches:
            return
        self._draw_view(surf)
        self._draw_header(surf)
        self._draw_steps(surf)
        self._draw_footer(surf)

    def _flight(self) -> tuple[float, float, float]:
        """(climb in pixels, seconds since lift-off, seconds since the failure or -1) at the current time."""
        b = self.beat
        if self.still or not b.flown:
            return 0.0, 0.0, -1.0
        since = self.t - PAD_S
        fail_at = b.failure_time
        dead = self.t - fail_at if fail_at is not None and self.t >= fail_at else -1.0
        climb_t = min(since, fail_at - PAD_S) if dead >= 0 else since
        return climb_height(self.view.h, climb_t), since, dead

    def _draw_view(self, surf: pygame.Surface) -> None:
        v = self.view
        b = self.beat
        climb, since, dead = self._flight()
        cam = max(0.0, climb - follow_room(v.h))
        shake = camera_shake(self.t, since, v.h) if not self.still and dead < 0 else (0, 0)
        sky = self._sky()
        src = pygame.Rect(0, int(sky.get_height() - v.h - cam), v.w, v.h)
        surf.blit(sky, (v.x + shake[0], v.y + shake[1]), src)
        ground_top = v.bottom - self._ground_h() + cam + shake[1]
        stack = self._vehicle(self.launch.mission, grey=self.still and b.failed_step >= 0 and self.t >= b.failure_time)
        cx = v.x + self._vehicle_x() + shake[0]
        bottom = ground_top - 4 - climb
        clip = surf.get_clip()
        surf.set_clip(v)
        craft, parted = self._craft()
        if b.flown and not self.still and 0 <= since < SMOKE_S:
            draw_smoke(surf, cx, ground_top, since, v.h)
        if b.flown and not self.still and 0 <= since < FLY_S and dead < 0 and craft is None:
            draw_flame(surf, cx, bottom, stack.get_width(), since, v.h)
        rect = stack.get_rect(midbottom=(cx, int(bottom)))
        pic = stack
        if craft is not None:  # the payload flies on alone where the top of the stack was
            pic = self._craft_picture(craft)
            drift = int(v.w * 0.03 * (min(self.t, b.failure_time or self.t) - parted))  # on its way, slowly
            rect = pic.get_rect(center=(cx + drift, int(bottom - stack.get_height() * 0.86)))
            if 0 <= self.t - parted < DROP_S:
                draw_spent_stage(surf, stack, cx, bottom, self.t - parted, v.h)
        if self.still:
            surf.blit(pic, rect)
            if b.failed_step >= 0 and self.t >= b.failure_time:
                draw_still_failure(surf, rect)
        elif dead < 0:
            surf.blit(pic, rect)
        elif b.failed_step == 0 or self.launch.outcome == CREW_LOST:
            draw_explosion(surf, v, rect.center, dead)
        else:
            draw_tumble(surf, rect.center, dead, pic, v.h)
        self._draw_caption(surf)
        if self.t >= b.banner:
            self._draw_banner(surf)
        surf.set_clip(clip)

    def _craft(self) -> tuple[int | None, float]:
        """The craft flying on its own now and since when: (program, time), or (None, 0) while the whole
        stack flies (on the pad, in the climb, with reduced motion, or a mission flown by its launcher alone)."""
        b = self.beat
        if self.still or not b.flown:
            return None, 0.0
        now = min(self.t, b.failure_time if b.failure_time is not None else self.t)
        shown = [(at, p) for at, p in self._crafts() if at <= now]
        return (shown[-1][1], shown[0][0]) if shown else (None, 0.0)

    def _crafts(self) -> list[tuple[float, int]]:
        """(time, program) at which each craft comes into view: after the climb, a step flown by a craft
        (capsule, probe, lander...) rather than a launcher shows that craft; a later step flown by a launcher
        keeps the last craft shown."""
        key = ("crafts", self.index)
        if key not in self._cache:
            sc = self.flow.session.scenario
            looks = scenario_looks(sc)
            index = {prog["id"]: i for i, prog in enumerate(sc.programs)}
            out = []
            for i, st in enumerate(sc.missions[self.launch.mission]["steps"]):
                p = index.get(st["program"])
                if i > 0 and p is not None and looks[p].kind != "launcher":
                    out.append((self.beat.step_start(i), p))
            self._cache[key] = out
        return self._cache[key]

    def _craft_picture(self, program: int) -> pygame.Surface:
        key = ("craft", program, self.view.h)
        if key not in self._cache:
            h = int(self.view.h * 0.24)
            self._cache[key] = program_picture(self.flow.session.scenario, program, h).convert_alpha()
        return self._cache[key]

    def _draw_caption(self, surf) -> None:
        """The step being flown, large, over the view; its outcome once known."""
        b, x = self.beat, self.launch
        L = self.L
        pal = palette()
        if self.t < PAD_S:
            count = len(TICKS) - sum(self.t >= share * PAD_S for share in TICKS)
            text = (f"On the pad — {count}" if count else "Ignition") if b.flown else "On the pad"
            img = self._text(text, L.font(24), pal["text"], True)
            surf.blit(img, img.get_rect(midtop=(self.view.centerx, self.view.y + L.pad * 2)))
            return
        i = b.step_at(self.t)
        if self.t >= b.banner:
            return
        st = x.steps[i]
        name = self._text(f"Step {i + 1} of {b.steps}: {st.name}", L.font(22), pal["text"], True)
        top = self.view.y + L.pad * 2
        surf.blit(name, name.get_rect(midtop=(self.view.centerx, top)))
        if self.t >= b.reveal(i):
            colour = {"passed": pal["good"], "failed": pal["bad"], "not flown": pal["muted"]}[st.state]
            word = self._text(STEP_WORDS[st.state], L.font(20), colour, True)
            surf.blit(word, word.get_rect(midtop=(self.view.centerx, top + name.get_height())))

    def _draw_banner(self, surf) -> None:
        L = self.L
        pal = palette()
        kind, lines, _ = banner_lines(self.flow.session.scenario, self.report, self.launch)
        big = {"first": 34, "record": 32, "loss": 30, "outcome": 26}[kind]
        imgs = [self._text(lines[0], L.font(big), pal["text"], True)]
        imgs += [self._text(fit_text(t, L.font(18), self.view.w - 6 * L.pad), L.font(18), pal["text"]) for t in
                 lines[1:]]
        w = min(self.view.w - 2 * L.pad, max(i.get_width() for i in imgs) + 6 * L.pad)
        h = sum(i.get_height() for i in imgs) + 3 * L.pad
        rect = pygame.Rect(0, 0, w, h)
        on_pad = self.still or not self.beat.flown  # above the vehicle on the pad, else below the flying one
        rect.center = (self.view.centerx, self.view.y + int(self.view.h * (0.3 if on_pad else 0.86)))
        edge = {"first": side_colour(self.launch.side), "record": side_colour(self.launch.side),
                "loss": (150, 150, 160), "outcome": pal["good"] if self.launch.outcome == SUCCESS else pal["bad"]}[kind]
        fill = {"first": (16, 30, 56), "record": (16, 30, 56), "loss": (22, 22, 28), "outcome": (14, 24, 42)}[kind]
        pygame.draw.rect(surf, fill, rect, border_radius=8)
        pygame.draw.rect(surf, edge, rect, max(2, L.pad // 2), border_radius=8)
        y = rect.y + int(1.5 * L.pad)
        for img in imgs:
            surf.blit(img, img.get_rect(midtop=(rect.centerx, y)))
            y += img.get_height()

    def _draw_header(self, surf) -> None:
        L = self.L
        pal = palette()
        x = self.launch
        sc = self.flow.session.scenario
        r = self.header
        pygame.draw.rect(surf, pal["panel"], r)
        colour = side_colour(x.side)
        pygame.draw.rect(surf, colour, (0, r.bottom - 4, r.w, 4))
        pad = 2 * L.pad
        date = self._text(month_label(x.month), L.font(26), pal["text"], True)
        surf.blit(date, (pad, r.y + L.pad))
        chip = self._text(f" {SIDE_SHORT[x.side]} ", L.font(18), (255, 255, 255), True)
        cr = chip.get_rect(topleft=(pad, r.y + L.pad + date.get_height()))
        pygame.draw.rect(surf, colour, cr.inflate(4, 2), border_radius=4)
        surf.blit(chip, cr)
        who = self._text(side_name(sc, x.side), L.font(16), side_colour(x.side, True))
        surf.blit(who, who.get_rect(midleft=(cr.right + L.pad, cr.centery)))
        mission = sc.missions[x.mission]
        mx = max(date.get_width(), cr.w + who.get_width() + L.pad) + 3 * pad
        count = self._text(f"Launch {self.index + 1} of {len(self.launches)}", L.font(15), pal["muted"])
        room = r.w - mx - count.get_width() - 2 * pad
        title = self._text(fit_text(mission["name"], L.font(26), room, True), L.font(26), pal["text"], True)
        surf.blit(title, (mx, r.y + L.pad))
        crew = mission.get("crew", 0)
        sub = f"crew of {crew}" if crew > 1 else ("one crew member" if crew == 1 else "no people aboard")
        if x.crew:
            sub = "crew: " + crew_names(sc.rules, x.crew)
        if x.side != self.side:
            sub += " — the rival's launch, as far as it is known"
        sub_img = self._text(fit_text(sub, L.font(16), room), L.font(16), pal["muted"])
        surf.blit(sub_img, sub_img.get_rect(midleft=(mx, cr.centery)))
        surf.blit(count, count.get_rect(topright=(r.right - pad, r.y + L.pad)))

    def _draw_steps(self, surf) -> None:
        """The panel beside the view: every step, named as it begins, its outcome as it happens."""
        L = self.L
        pal = palette()
        r = self.panel
        pygame.draw.rect(surf, pal["panel"], r)
        pygame.draw.line(surf, pal["panel_border"], r.topleft, r.bottomleft, 2)
        b, x = self.beat, self.launch
        y = r.y + L.pad * 2
        head = self._text("Flight", L.font(18), pal["text"], True)
        surf.blit(head, (r.x + 2 * L.pad, y))
        y += head.get_height() + L.pad
        size = L.font(16)
        width = r.w - 4 * L.pad
        for i, st in enumerate(x.steps):
            if self.t < b.step_start(i) and self.t < b.banner:
                break
            name = self._text(fit_text(f"{i + 1}. {st.name}", size, width, True), size, pal["text"], True)
            surf.blit(name, (r.x + 2 * L.pad, y))
            y += name.get_height()
            if self.t >= b.reveal(i):
                colour = {"passed": pal["good"], "failed": pal["bad"], "not flown": pal["muted"]}[st.state]
                draw_step_mark(surf, st.state, (r.x + 2 * L.pad + size // 2, y + size // 2 + 2), size // 2, colour)
                word = self._text(STEP_WORDS[st.state], size, colour)
                surf.blit(word, (r.x + 3 * L.pad + size, y))
                y += word.get_height()
            else:
                dots = self._text("…", size, pal["muted"])
                surf.blit(dots, (r.x + 3 * L.pad + size, y))
                y += dots.get_height()
            y += L.pad
        if self.t >= b.banner:
            word = OUTCOME_WORDS.get(x.outcome, "?")
            colour = pal["good"] if x.outcome == SUCCESS else pal["bad"]
            img = self._text(f"Outcome: {word}", L.font(17), colour, True)
            surf.blit(img, (r.x + 2 * L.pad, y + L.pad))
            y += L.pad + img.get_height()
            if x.prestige:
                p = self._text(f"Prestige {x.prestige:+.0f}", size, pal["text"])
                surf.blit(p, (r.x + 2 * L.pad, y))
        about = self.flow.session.scenario.missions[x.mission].get("description", "")
        lines = self._wrapped(about, L.font(14), width)
        y = r.bottom - 2 * L.pad - sum(i.get_height() for i in lines)
        line = font(size).get_linesize()
        steps_end = r.y + 2 * L.pad + head.get_height() + L.pad + b.steps * (2 * line + L.pad) + 3 * line
        if y < steps_end:  # no room under every step and the outcome: the description is left out
            return
        for img in lines:
            surf.blit(img, (r.x + 2 * L.pad, y))
            y += img.get_height()

    def _wrapped(self, text: str, size: int, width: int) -> list[pygame.Surface]:
        """`text` broken into lines no wider than `width`, rendered muted (cached)."""
        key = ("wrap", text, size, width)
        if key not in self._cache:
            f, lines, line = font(size), [], ""
            for word in text.split():
                trial = f"{line} {word}".strip()
                if line and f.size(trial)[0] > width:
                    lines.append(line)
                    trial = word
                line = trial
            if line:
                lines.append(line)
            self._cache[key] = [f.render(t, True, palette()["muted"]) for t in lines]
        return self._cache[key]

    def _draw_footer(self, surf) -> None:
        L = self.L
        pal = palette()
        hint = self._text("Space or Enter: next launch    Esc: skip all", L.font(14), pal["muted"])
        surf.blit(hint, hint.get_rect(midleft=(2 * L.pad, L.height - L.pad - L.u // 2)))


__all__ = ["LaunchScene", "banner_lines"]
