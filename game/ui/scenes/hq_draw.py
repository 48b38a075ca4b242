"""Headquarters' drawing, each frame: the top and bottom bars, the prestige bars, the list's rows (stripes,
pictures, reliability bars, booked and running marks), the note that the list goes on, the AI's spinner, and a
larger picture beside a row's tooltip.

A part of HeadquartersScene (scenes/hq.py), mixed into it.
"""

from __future__ import annotations

import pygame

from game.ui.pictures import draw_beside, mission_picture, program_picture
from game.ui.scenes import panels
from game.ui.scenes.hq_operations import operation_picture
from game.ui.scenes.hq_rows import draw_more_note, draw_reliability
from game.ui.theme import palette, side_colour


class HeadquartersDrawing:
    """What HeadquartersScene draws under and over its widgets."""

    # --- drawing -------------------------------------------------------------------------------------------
    def draw(self, surf: pygame.Surface) -> None:
        pal = palette()
        L = self.L
        pygame.draw.rect(surf, pal["panel"], (0, 0, L.width, self.top_h))
        pygame.draw.line(surf, side_colour(self.side), (0, self.top_h - 2), (L.width, self.top_h - 2), 3)
        pygame.draw.rect(surf, pal["panel"], (0, L.height - self.bottom_h, L.width, self.bottom_h))
        panels.draw_prestige(surf, self.prestige_rect, self.obs.prestige[0], L)
        for i, (item, r) in enumerate(self.rows):
            pygame.draw.rect(surf, pal["panel"] if i % 2 == 0 else pal["background"], r)
            self._draw_icon(surf, item, r)
            if self.left_tab == "programs":
                draw_reliability(surf, self.obs, item, r, self.rel_x, L, side_colour(self.side))
            elif self.left_tab == "missions" and self.plan.is_launching(item):
                pygame.draw.rect(surf, side_colour(self.side), (r.x, r.y, 4, r.h))
            elif self.left_tab == "operations" and self.obs.op_running[0, item] and item not in self.plan.stops:
                pygame.draw.rect(surf, side_colour(int(self.rules.op_side[item])), (r.x, r.y, 4, r.h))
        pygame.draw.rect(surf, pal["panel_border"], self.list_rect, 1)
        if self.left_tab == "operations" and not self.rows:
            from game.ui.fonts import draw_text

            draw_text(surf, "No operations.", (self.list_rect.x + L.pad, self.list_rect.y + L.pad), L.font(15),
                      pal["muted"])
        items = self.left_items(self.left_tab)
        start, shown = self.scroll[self.left_tab], len(self.rows)
        if len(items) > shown:  # say that the list goes on, and how to get there
            below = len(items) - start - shown
            draw_more_note(surf, self.list_rect, below, L)
        if any(not w.done for w in self.flow.workers.values()):
            panels.draw_spinner(surf, (self.prestige_rect.right + L.pad * 2, self.top_h // 2), L, self.frames,
                                "AI thinking")

    def _picture(self, item: int, height: int) -> pygame.Surface | None:
        """The picture of a row's program, mission or operation (None: an operation nothing starts)."""
        if self.left_tab == "programs":
            return program_picture(self.scenario, item, height)
        if self.left_tab == "operations":
            return operation_picture(self.scenario, item, height)
        return mission_picture(self.scenario, item, height, beside=True)

    def _draw_icon(self, surf, item: int, r: pygame.Rect) -> None:
        pic = self._picture(item, r.h - 4)
        if pic is None:
            return
        box = pygame.Rect(r.x + self.L.pad // 2, r.y + 2, self.icon_w, r.h - 4)
        surf.blit(pic, pic.get_rect(center=box.center))

    def draw_over(self, surface: pygame.Surface) -> None:
        self._draw_hover_picture(surface)
        if self.guide is not None:
            self.guide.draw(surface)

    def _draw_hover_picture(self, surf) -> None:
        """While a row's tooltip is shown, a larger picture of its program or mission beside the tooltip."""
        self.hover_picture_rect = None
        tip = next((w.tool_tip for w in self.row_widgets if getattr(w, "tool_tip", None) is not None), None)
        if tip is None:
            return
        owner = next(w for w in self.row_widgets if getattr(w, "tool_tip", None) is tip)
        item = next((item for item, r in self.rows if r.collidepoint(owner.rect.center)), None)
        pic = self._picture(item, int(self.L.u * 7)) if item is not None else None
        if pic is not None:
            self.hover_picture_rect = draw_beside(surf, pic, tip.rect, self.L.pad)
