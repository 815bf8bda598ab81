"""A scroll view's virtual size changed without laying the screen out again.

Textual's ``virtual_size`` is a layout reactive: setting it lays out the whole screen (measured on the
large bench package at 120x40: 18 ms a pass, most of a keypress's budget), although a scroll view's
size on screen does not depend on it. Only its scrollbar does — its thumb, and whether it is shown.
So the size is set without the reactive's layout, and the scrollbar is told; a layout pass is left
only for the rare change that shows or hides the scrollbar (a view whose ``overflow-y`` is
``auto`` going from fitting to overflowing).
"""

from __future__ import annotations

from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.widget import Widget


def set_virtual_size(view: ScrollView, size: Size) -> None:
    """``view.virtual_size = size``, without a layout pass when the scrollbar stays shown or hidden."""
    if size == view.virtual_size:
        return
    if not view.is_mounted or not view.container_size:
        view.virtual_size = size  # not laid out yet: the first layout sets everything up
        return
    height = view.container_size.height
    if view.styles.overflow_y == "auto" and (size.height > height) != view.show_vertical_scrollbar:
        view.virtual_size = size  # the scrollbar comes or goes: the widget's content region changes
        return
    view.set_reactive(Widget.virtual_size, size)
    if view.show_vertical_scrollbar:
        bar = view.vertical_scrollbar
        bar.window_virtual_size = size.height
        bar.window_size = height
    if view.scroll_y > view.max_scroll_y:
        view.scroll_to(y=view.max_scroll_y, animate=False, immediate=True)
    view.refresh()
