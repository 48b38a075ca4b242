"""What the screens of one side's turn share: headquarters, the roster and the crew dialog.

SideScene holds the side's view of the game; TabbedList is the scrolling list under tabs on the left and the
panel under tabs on the right that headquarters and the roster are laid out as."""

from __future__ import annotations

import pygame

from game.ui.scene import Scene


class SideScene(Scene):
    """A screen of one side's turn: the flow's session, scenario and rules, what the side sees
    (`obs`, its observation: never the rival's hidden numbers) and the side's Plan of orders."""

    def __init__(self, app, flow, side: int):
        super().__init__(app)
        self.flow = flow
        self.session = flow.session
        self.scenario = self.session.scenario
        self.rules = self.scenario.rules
        self.side = side
        self.obs = self.session.observation(side)
        self.plan = flow.plans[side]


class TabbedList:
    """Tabs over a scrolling list (`left_tab`, with a scroll position per tab in `scroll`) and over a
    panel (`right_tab`). The scene gives left_items(tab), visible_rows(), list_rect, build_rows(),
    refresh() and rebuild()."""

    def set_left(self, tab: str) -> None:
        if tab != self.left_tab:
            self.left_tab = tab
            self.rebuild()

    def set_right(self, tab: str) -> None:
        if tab != self.right_tab:
            self.right_tab = tab
            self.rebuild()

    def _track(self, name, widget):
        """Keep a widget of a list row, to be removed when the rows are built again."""
        self.row_widgets.append(widget)
        self.widgets[name] = widget
        return widget

    def scroll_by(self, dy: int) -> None:
        """Scroll the list by dy rows (positive: up)."""
        items = self.left_items(self.left_tab)
        new = min(max(0, self.scroll[self.left_tab] - dy), max(0, len(items) - self.visible_rows()))
        if new != self.scroll[self.left_tab]:
            self.scroll[self.left_tab] = new
            self.build_rows()
            self.refresh()

    def page_down(self) -> None:
        self.scroll_by(-self.visible_rows())

    def page_up(self) -> None:
        self.scroll_by(self.visible_rows())

    def row_down(self) -> None:
        self.scroll_by(-1)

    def row_up(self) -> None:
        self.scroll_by(1)

    def wheel(self, dy: int) -> None:
        """The mouse wheel scrolls the list when the pointer is over it (a keyboard's wheel event, or one
        from a window without the pointer, scrolls it wherever)."""
        if not self.list_rect.collidepoint(pygame.mouse.get_pos()) and abs(dy) == 1 and pygame.mouse.get_focused():
            return
        self.scroll_by(dy)
