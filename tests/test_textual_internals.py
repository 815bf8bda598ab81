"""The app's list lines repaint one line on a decision (tui/widgets/proposal_list.py, tui/conference/
text_list.py) through three private parts of Textual's OptionList; without them it falls back to the
public way, which repaints the whole list — correct, but a keypress's budget on a large package. A
Textual release that renames them must fail here, not slow the app down unnoticed."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import OptionList
from textual.widgets.option_list import Option


class _Lists(App[None]):
    def compose(self) -> ComposeResult:
        yield OptionList(Option("one"), Option("two"))


async def test_option_list_still_has_the_parts_a_one_line_repaint_uses() -> None:
    app = _Lists()
    async with app.run_test(size=(40, 10)) as pilot:
        await pilot.pause()
        lists = app.query_one(OptionList)
        cache = lists._option_render_cache
        assert all(hasattr(cache, name) for name in ("discard", "keys", "clear"))
        assert hasattr(lists, "_lines") and (0, 0) in lists._lines
        option = lists.get_option_at_index(0)
        option._set_prompt("uno")
        assert option.prompt == "uno"
