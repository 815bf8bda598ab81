"""The app's keys: one list, so that the key bar, the help screen and the config's keymap agree.

Each binding's ``tooltip`` is its line in the help screen; ``KEY_BAR`` ranks what the key bar keeps
when the terminal is narrow (help and quit always stay).
"""

from __future__ import annotations

from textual.binding import Binding

BINDINGS = [
    Binding("n", "next_edit", "Next", id="next-edit", tooltip="next edit (on into the next proposal)"),
    Binding("p", "prev_edit", "Prev", id="prev-edit", tooltip="previous edit"),
    Binding("N", "next_undecided", "Undecided", id="next-undecided",
            tooltip="next edit you have not decided, or a decision to confirm (wraps around)"),
    Binding("right_square_bracket", "next_proposal", "Next prop.", show=False, id="next-proposal",
            tooltip="next proposal (of the filtered list, when filtered)"),
    Binding("left_square_bracket", "prev_proposal", "Prev prop.", show=False, id="prev-proposal",
            tooltip="previous proposal (of the filtered list, when filtered)"),
    Binding("a", "decide('accept')", "Accept", id="accept",
            tooltip="accept the edit (a proposal without edits: support it), on to the next"),
    Binding("r", "decide('reject')", "Reject", id="reject",
            tooltip="reject the edit (a proposal without edits: oppose it), on to the next"),
    Binding("f", "flag", "Flag", id="flag", tooltip="flag the edit for discussion (asks for a note)"),
    Binding("m", "note", "Note", show=False, id="note", tooltip="a note on the edit, keeping its verdict"),
    Binding("c", "decide('clear')", "Clear", show=False, id="clear", tooltip="clear: back to pending"),
    Binding("y", "confirm", "Confirm", show=False, id="confirm",
            tooltip="confirm a re-attached decision for the edit as it now reads"),
    Binding("u", "undo", "Undo", id="undo", tooltip="undo your last decision (says what it undid)"),
    Binding("A", "bulk('accept')", "Accept rest", show=False, id="accept-proposal",
            tooltip="accept every undecided edit of the proposal (asks first)"),
    Binding("R", "bulk('reject')", "Reject rest", show=False, id="reject-proposal",
            tooltip="reject every undecided edit of the proposal (asks first)"),
    Binding("P", "proposal_verdict", "Proposal", show=False, id="proposal-verdict",
            tooltip="your verdict on the proposal as a whole: support, oppose, flag"),
    Binding("v", "cycle_view", "View", id="view", tooltip="cycle the view: side by side, package-base (with --base), inline, base, proposed"),
    Binding("i", "toggle_findings", "Findings", show=False, id="findings",
            tooltip="show or fold the base-text findings of the proposal"),
    Binding("slash", "search", "Search", id="search",
            tooltip="search the text: Enter goes to each match in turn, Escape closes"),
    Binding("ctrl+f", "filter", "Filter", show=False, id="filter",
            tooltip="filter the proposal list (Escape in the filter clears it)"),
    Binding("g", "goto", "Go to", show=False, id="goto", tooltip="go to a proposal or edit by id (B/67/1, B/67/1#3, #3)"),
    Binding("b", "by_text", "By text", show=False, id="by-text",
            tooltip="by text: every text with every proposal's change on it, across packages (b again: back)"),
    Binding("s", "summary", "Summary", id="summary",
            tooltip="summary: each proposal's counts, flags and notes, what is left; Enter goes there"),
    Binding("question_mark", "help", "Help", id="help", tooltip="this help"),
    Binding("q", "quit", "Quit", id="quit", tooltip="quit (every decision is already saved)"),
]

#: The key bar's entries, most wanted first; a narrow terminal drops them from the end of this list.
KEY_BAR = ["help", "quit", "decide('accept')", "decide('reject')", "flag", "next_edit", "by_text", "undo",
           "next_undecided", "summary", "search", "prev_edit", "cycle_view"]
#: What ``a`` and ``r`` do on a proposal without edits (a SUP, an ADD, a NOC), as the key bar names them there.
WHOLE_PROPOSAL = {"decide('accept')": "Support", "decide('reject')": "Oppose"}
#: The actions that change what is decided (in both views; the palette's entries decide too: confirm all,
#: bulk, outcomes). Their key owns the details' top line: the message of the key before goes as the key
#: is pressed, and the action says its own, if any (``ReviewApp.run_action``).
CHANGES_STATE = frozenset({"decide", "confirm", "undo", "note", "flag", "bulk", "proposal_verdict",
                           "command_palette"})
#: Shown in the key bar only when several packages are open (a conference), where the view by text is the
#: way to read every proposal on one text together.
CONFERENCE_KEYS = ("by_text",)
