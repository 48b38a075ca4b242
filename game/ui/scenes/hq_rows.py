"""The rows of headquarters' left-hand list, apart from their controls: which programs and missions are
listed and in which order, and what is drawn on a row (a program's reliability or development bar) and
under the list (a note that it goes on). Read from one side's observation; nothing here changes it."""

from __future__ import annotations

import numpy as np
import pygame

from game.rules.tables import AVAILABLE, CANCELLED, DEVELOPING, GROUNDED, LOCKED, READY
from game.session.checker import mission_blockers
from game.session.describe import status_name
from game.ui.fonts import draw_text, font
from game.ui.scenes.records_text import pays_beyond_firsts
from game.ui.theme import palette

STATUS_ORDER = {READY: 0, GROUNDED: 1, DEVELOPING: 2, AVAILABLE: 3, LOCKED: 4, CANCELLED: 5}


def program_order(rules, obs, side: int) -> list[int]:
    """The side's programs, those ready to fly first, then grounded, developing, available, locked, cancelled
    (by index within each status)."""
    own = [int(p) for p in np.flatnonzero(rules.prog_side == side)]
    return sorted(own, key=lambda p: (STATUS_ORDER.get(int(obs.status[0, p]), 9), p))


def mission_order(scenario, obs, side: int) -> list[int]:
    """The missions open to the side: those that can fly now first, those that would win something new to
    the side before the others, then by the scenario's `ai_priority` and index."""
    rules = scenario.rules
    own = [int(m) for m in np.flatnonzero(obs.mission_open[0])]
    held = obs.held[0, side]

    def key(m):
        blocked = bool(mission_blockers(scenario, obs, m))
        new = bool((rules.mis_targets[m] & ~held).any()) or pays_beyond_firsts(scenario, obs, m)
        return (blocked, not new, scenario.missions[m].get("ai_priority", 0), m)

    return sorted(own, key=key)


def draw_reliability(surf, obs, p: int, row: pygame.Rect, span: tuple[int, int], L, colour) -> None:
    """On program p's row, between x = span[0] and span[1]: its estimated reliability with its uncertainty
    (bar in the side's `colour`) once it flies, how much of its development is paid while it is developed,
    else its status in words."""
    pal = palette()
    x0, x1 = span
    est, sd = float(obs.estimate[0, p]), float(obs.estimate_sd[0, p])
    status = int(obs.status[0, p])
    bar = pygame.Rect(x0, row.y + int(row.h * 0.58), max(10, x1 - x0), max(6, L.u // 4))
    if status in (READY, GROUNDED):
        pygame.draw.rect(surf, pal["grid"], bar)
        pygame.draw.rect(surf, colour, (bar.x, bar.y, int(bar.w * est), bar.h))
        lo, hi = max(0.0, est - sd), min(1.0, est + sd)
        y = bar.centery
        pygame.draw.line(surf, pal["text"], (bar.x + int(bar.w * lo), y), (bar.x + int(bar.w * hi), y), 2)
        for v in (lo, hi):
            pygame.draw.line(surf, pal["text"], (bar.x + int(bar.w * v), bar.y - 2),
                             (bar.x + int(bar.w * v), bar.bottom + 1), 2)
        draw_text(surf, f"reliability {est:.0%} ± {sd * 100:.0f}", (x0, row.y + 3), L.font(13), pal["text"])
    elif status in (AVAILABLE, DEVELOPING):
        paid = float(np.nan_to_num(obs.dev_progress[0, p]))
        pygame.draw.rect(surf, pal["grid"], bar)
        pygame.draw.rect(surf, pal["muted"], (bar.x, bar.y, int(bar.w * paid), bar.h))
        draw_text(surf, f"development {paid:.0%} paid", (x0, row.y + 3), L.font(13), pal["muted"])
    else:
        draw_text(surf, status_name(status), (x0, row.y + 3), L.font(13), pal["muted"])


def draw_more_note(surf, list_rect: pygame.Rect, below: int, L) -> None:
    """At the foot of a list that goes on: how many rows are below (`below` > 0) or that more are above, and
    how to scroll there."""
    pal = palette()
    text = (f"{below} more below" if below > 0 else "more above") + " · scroll: mouse wheel or Page Down/Up"
    size = L.font(12)
    tw, th = font(size).size(text)
    pill = pygame.Rect(0, 0, tw + 2 * L.pad, th + 2)
    pill.midbottom = (list_rect.centerx, list_rect.bottom - 2)
    pygame.draw.rect(surf, pal["grid"], pill, border_radius=pill.h // 2)
    draw_text(surf, text, pill.center, size, pal["text"], anchor="center")
